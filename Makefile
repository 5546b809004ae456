# The two commands (see README.md):
#   make demo  - install what is missing, build, build the evidence database, print the products, the audit
#                and the pooled response rate of the CD19 products by indication
#   make test  - install what is missing, build, run every test
BUILD ?= build
JOBS  ?= 2
CARTA := $(BUILD)/carta

.PHONY: all deps configure build demo test clean

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@$(CARTA) db build
	@$(CARTA) products
	@$(CARTA) check || true
	@$(CARTA) meta --outcome orr --target CD19 --by indication

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD)

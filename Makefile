# The two commands (see README.md):
#   make demo  - install what is missing, build, build the evidence database, print the audit summary and
#                write the report (report/index.html: the review's tables and figures, pooled analyses, audit)
#   make test  - install what is missing, build, run every test
BUILD ?= build
JOBS  ?= 2
CARTA := $(BUILD)/carta

.PHONY: all deps configure build demo test clean bench-serve bench-sim

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

demo: build
	@$(CARTA) db build
	@$(CARTA) check --severity error | tail -n 1 || true
	@echo "The report (open it in a browser):"
	@$(CARTA) report --out report

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# wrk against `carta serve` on loopback (doc/benchmarks.md, "carta serve").
bench-serve: build
	@bench/serve.sh $(CARTA) 10

clean:
	rm -rf $(BUILD)

# The simulator's time per virtual patient beside R deSolve (doc/benchmarks.md).
bench-sim:
	@bench/sim.sh $(BUILD)-bench

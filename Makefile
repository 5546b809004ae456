# The two commands (see README.md):
#   make demo  - install what is missing, build, build the evidence database, print the audit summary and
#                write the report (report/index.html: the review's tables and figures, pooled analyses, audit)
#   make test  - install what is missing, build, run every test
BUILD ?= build
JOBS  ?= 2
CARTA := $(BUILD)/carta
# ccache (scripts/install-deps installs it) keeps compiled objects between
# builds, those of another checkout of the same sources included: the base
# directory is this checkout and the directory is not hashed. Used when found.
LAUNCHER = $$(command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR ?= $(CURDIR)
export CCACHE_NOHASHDIR ?= 1

.PHONY: all deps configure build demo test clean bench-serve bench-sim fuzz fuzz-regress test-sanitize

all: build

deps:
	@scripts/install-deps

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(LAUNCHER) >/dev/null

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

# Fuzzing (doc/reliability.md, "Fuzzing"): the libFuzzer targets of tests/fuzz
# built with clang, ASan and UBSan in $(FUZZ_BUILD) (on one core), then run one
# after another for FUZZ_SECONDS each (FUZZ_TARGETS: a subset, e.g.
# "biblio_ris search_pubmed"). A finding is saved in $(FUZZ_BUILD)/findings/;
# keep it in tests/fuzz/regressions/<target>/ once fixed.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 120
FUZZ_TARGETS ?=
FUZZ_FLAGS   := -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer

fuzz:
	@scripts/install-deps --fuzz
	@cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DCARTA_FUZZ=ON \
	  "-DCMAKE_CXX_FLAGS=$(FUZZ_FLAGS)" >/dev/null
	@cmake --build $(FUZZ_BUILD) -j 1 --target carta_fuzz
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Every committed seed and kept finding replayed through the harness bodies
# built with the normal compiler (also part of `make test`, as fuzz_regress_*).
fuzz-regress: build
	@cmake --build $(BUILD) -j $(JOBS) --target carta_fuzz_replay
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -R '^fuzz_regress_'

# The whole suite (unit, end-to-end, golden, fuzz replay) built with
# AddressSanitizer and UndefinedBehaviorSanitizer in $(ASAN_BUILD), at -O1 with
# line tables only (-g1): half the compile time of -O2 -g under the sanitizers
# (doc/reliability.md, "Sanitizers"), and assertions left on.
ASAN_BUILD ?= build-asan
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -O1 -g1 \
  -Wno-maybe-uninitialized

test-sanitize: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE= $(LAUNCHER) "-DCMAKE_CXX_FLAGS=$(ASAN_FLAGS)" \
	  "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

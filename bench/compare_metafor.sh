#!/usr/bin/env bash
# Side-by-side timings of carta and R's metafor on the same data, in one run.
# Needs R with metafor (apt-get install r-cran-metafor) and Google Benchmark.
# usage: bench/compare_metafor.sh   (writes bench/results/ and prints the ratios)
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DCARTA_BENCH=ON >/dev/null
cmake --build build-bench --target carta_bench -j 2 >/dev/null
mkdir -p bench/results
build-bench/carta_bench --benchmark_format=json --benchmark_min_time=0.5 > bench/results/carta.json
Rscript bench/compare_metafor.R > bench/results/metafor.tsv
python3 - <<'PY'
import json
carta = {b["name"]: b for b in json.load(open("bench/results/carta.json"))["benchmarks"]}
def secs(name):
    b = carta[name]
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
    return b["real_time"] * scale
pairs = {
    "fit_reml_k20": ("BM_FastFit/REML/20", "BM_FitREML/20"),
    "fit_reml_k100": ("BM_FitREML/100", None),
    "gosh_reml_k15": ("BM_Gosh/15/2/real_time", None),
    "permtest_10000_k20": ("BM_PermutationTest/real_time", None),
}
print(f"{'task':22} {'metafor (s)':>12} {'carta (s)':>12} {'ratio':>10}")
for line in open("bench/results/metafor.tsv"):
    task, sec, units = line.split("\t")
    sec = float(sec)
    for name in filter(None, pairs[task]):
        c = secs(name)
        print(f"{task + ' ' + name.split('/')[0]:22.22} {sec:12.6g} {c:12.6g} {sec / c:10.0f}x")
print(f"GOSH REML k=20, all 1,048,575 subsets, 2 threads: {secs('BM_Gosh/20/2/real_time'):.3f} s "
      f"(1 thread: {secs('BM_Gosh/20/1/real_time'):.3f} s)")
PY

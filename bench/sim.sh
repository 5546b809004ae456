#!/usr/bin/env bash
# Time per virtual patient over 5 years: carta::sim (bench/sim_bench.cc) and
# the same equations in R deSolve (bench/sim_desolve.R), in one run.
#   bench/sim.sh [BUILD_DIR]     (make bench-sim builds and runs it)
# Needs R with deSolve (Debian r-cran-desolve); installs it when missing.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build-bench}
if ! Rscript -e 'library(deSolve)' >/dev/null 2>&1; then
  echo "installing r-cran-desolve for the comparison"
  if [ "$(id -u)" = 0 ]; then apt-get install -y r-cran-desolve >/dev/null; else sudo apt-get install -y r-cran-desolve >/dev/null; fi
fi
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCARTA_SIM_BENCH=ON >/dev/null
cmake --build "$BUILD" -j2 --target carta_sim_bench >/dev/null
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
"$BUILD/carta_sim_bench" "${PATIENTS:-20000}"
Rscript "$SRC/bench/sim_desolve.R" "${R_PATIENTS:-200}"

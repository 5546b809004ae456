#!/usr/bin/env bash
# Runs the libFuzzer targets built by `make fuzz`, one after another.
#   tests/fuzz/run.sh BUILD SECONDS [TARGET...]
# Each target starts from its committed seeds (tests/fuzz/corpus/<target>, and
# its kept findings) with its dictionary when there is one, grows its corpus in
# BUILD/corpus/<target>, logs to BUILD/logs/<target>.log and saves a finding
# in BUILD/findings/. Prints one line per target: executions, the last `cov:`
# figure (edges covered), the corpus size and the findings; exits 1 when any
# target found something.
set -uo pipefail
build=$1 seconds=$2
shift 2
here="$(cd "$(dirname "$0")" && pwd)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$build"/fuzz_*; do [ -x "$f" ] && targets+=("$(basename "$f" | sed 's/^fuzz_//')"); done
fi
mkdir -p "$build/logs" "$build/findings"
status=0
printf '%-22s %12s %8s %8s %s\n' target executions cov corpus findings
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$build/findings/$t-")
  [ -f "$here/dict/$t.dict" ] && args+=(-dict="$here/dict/$t.dict")
  seeds=("$here/corpus/$t")
  [ -d "$here/regressions/$t" ] && seeds+=("$here/regressions/$t")
  "$build/fuzz_$t" "${args[@]}" "$corpus" "${seeds[@]}" >"$build/logs/$t.log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$build/logs/$t.log" | tail -1 | awk '{print $2}')
  cov=$(grep -o 'cov: [0-9]*' "$build/logs/$t.log" | tail -1 | awk '{print $2}')
  findings=$(ls "$build/findings" | grep -c "^$t-" || true)
  printf '%-22s %12s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "$(ls "$corpus" | wc -l)" "$findings"
  if [ $rc -ne 0 ] || [ "$findings" -ne 0 ]; then status=1; fi
done
exit $status

#!/usr/bin/env bash
# Times `carta meta` on 10,000, 30,000 and 100,000 simulated studies (issue 18:
# 30,000 died with std::bad_alloc, 10,000 took 167 s and 1.6 GB) and reports
# the peak resident memory (GNU time). Counts events/n with n uniform in
# 10..99 and a true proportion uniform in 0.2..0.7, dose uniform in 0..1;
# seed 18. Each size runs the pool (REML, PLO) and a meta-regression on dose.
# Usage: bench/meta_large.sh path/to/carta [sizes...]
set -euo pipefail
carta=${1:?usage: $0 path/to/carta [sizes...]}
shift
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 30000 100000)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for k in "${sizes[@]}"; do
  python3 - "$dir/k$k.csv" "$k" <<'PY'
import random, sys
random.seed(18)
with open(sys.argv[1], "w") as out:
    out.write("study,events,n,dose\n")
    for i in range(int(sys.argv[2])):
        n = random.randint(10, 99)
        dose = random.random()
        p = 0.2 + 0.5 * random.random()
        out.write(f"s{i + 1},{int(n * p)},{n},{dose:.4f}\n")
PY
  for mods in "" dose; do
    args=(meta --input "$dir/k$k.csv" --format json)
    [ -z "$mods" ] || args+=(--mods "$mods")
    /usr/bin/time -f "%e s %M KB" -o "$dir/time" "$carta" "${args[@]}" > "$dir/out.json"
    printf 'k=%s %-10s %s\n' "$k" "${mods:-pool}" "$(cat "$dir/time")"
  done
done

#!/usr/bin/env bash
# Times `carta surv fit --dist gengamma` on 20,000 simulated patients (issue 17):
# Weibull(shape 1.3, scale 24) event times, uniform(6, 60) censoring, seed 17;
# then plain R's maximisation of the same likelihood (bench/surv_gengamma.R) on
# the same file, when Rscript is installed. CPU (user) and wall time of each.
# Usage: bench/surv_gengamma.sh path/to/carta
set -euo pipefail
carta=${1:?usage: $0 path/to/carta}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/gg20k.csv" <<'PY'
import random, sys
random.seed(17)
with open(sys.argv[1], "w") as out:
    out.write("time,event\n")
    for _ in range(20000):
        t = random.weibullvariate(24, 1.3)
        c = random.uniform(6, 60)
        out.write(f"{min(t, c):.4f},{1 if t <= c else 0}\n")
PY
echo "carta surv fit --dist gengamma (20,000 patients):"
time "$carta" surv fit --input "$dir/gg20k.csv" --dist gengamma --format json > "$dir/fit.json"
python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
f = d['fits'][0] if 'fits' in d else d
print('carta:', ' '.join('%s %.8f' % (p['name'], p['estimate']) for p in f['parameters']), 'loglik %.6f' % f['loglik'],
      'warnings', f['warnings'])" "$dir/fit.json"
if command -v Rscript >/dev/null; then
  echo "R optim (BFGS, numerical gradient) on the same likelihood:"
  time Rscript "$here/surv_gengamma.R" "$dir/gg20k.csv"
fi

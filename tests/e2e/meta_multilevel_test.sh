#!/usr/bin/env bash
# End-to-end tests of `carta meta --random` (the multilevel model): the text
# output, every cohort kept for the evidence base, and the refusals that name
# an option or a file:line. The numbers are checked against metafor's rma.mv
# in src/meta/multilevel_test.cc; every JSON key in tests/golden/json/meta_mv.
# usage: meta_multilevel_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
(cd "$SRC" && "$CARTA" db build --db "$WORK/carta.db" >/dev/null 2>&1)
export CARTA_DB="$WORK/carta.db"
printf 'trial,cohort,yi,vi\nT1,a,0.2,0.04\nT2,a,0.5,0.03\nT2,b,0.9,0.05\nT3,a,-0.1,0.02\nT3,b,0.4,0.06\n' > ok.csv
printf 'trial,cohort,yi,vi\nT1,a,0.2,0.04\n,a,0.5,0.03\nT2,b,0.9,0.05\nT3,a,-0.1,0.02\n' > blank.csv
printf 'trial,cohort,yi,vi\nT1,a,0.2,0.04\nT1,b,0.5,0.03\nT1,c,0.9,0.05\n' > onetrial.csv
printf 'trial,cohort,yi,vi\nT1,a,0.2,0.04\nT2,a,0.5,0.03\n' > two.csv

# The text output: components with their profile intervals, tests, coefficients.
expect 0 "text" -- "$CARTA" meta --input ok.csv --random trial/cohort
contains "text: model line" "$out" "Multilevel Random-Effects Model (k = 5; method: REML)"
contains "text: component" "$out" "trial/cohort"
contains "text: profile CI" "$out" "95% CI (profile)"
contains "text: QE" "$out" "QE(df = 4)"
contains "text: fit statistics" "$out" "AICc"
expect 0 "t-tests at 90%" -- "$CARTA" meta --input ok.csv --random trial --test t --level 90
contains "t: df" "$out" "(t-tests with df = 4)"
contains "t: level" "$out" "90% CI (profile)"

# The evidence base: every cohort kept, nothing set aside, and the output says so.
expect 0 "evidence json" -- "$CARTA" meta --outcome orr --random trial/cohort --format json
json_ok "evidence: multilevel" "$out" '.model' "multilevel"
json_ok "evidence: no set_aside key" "$out" 'has("set_aside")' "false"
contains "evidence: note says every cohort kept" "$out" "every cohort is kept"
json_ok "evidence: a trial groups two cohorts" "$out" '[.components[0].groups < .components[1].groups] | .[0]' "true"
expect 0 "plain pool sets duplicates aside" -- "$CARTA" meta --outcome orr --format json
plain_k="$(jq -r '.k' <<<"$out")"
expect 0 "evidence json again" -- "$CARTA" meta --outcome orr --random trial/cohort --format json
ml_k="$(jq -r '.k' <<<"$out")"
if [ "$ml_k" -gt "$plain_k" ]; then ok; else bad "multilevel k $ml_k should exceed the plain pool's $plain_k"; fi

# Bad input: a clear error naming what and where, exit 1.
expect 1 "blank cluster" -- "$CARTA" meta --input blank.csv --random trial/cohort
contains "blank: file:line" "$err" "blank.csv:3"
contains "blank: option" "$err" "--random"
expect 1 "one trial" -- "$CARTA" meta --input onetrial.csv --random trial/cohort
contains "one trial: why" "$err" "all studies are in one trial"
expect 1 "k < 3" -- "$CARTA" meta --input two.csv --random trial/cohort
contains "k < 3: why" "$err" "at least 3 studies"
expect 1 "unknown column" -- "$CARTA" meta --input ok.csv --random registration
contains "unknown column: columns listed" "$err" "columns: trial,cohort,yi,vi"
expect 1 "evidence level names" -- "$CARTA" meta --outcome orr --random site/trial
contains "evidence levels: what it knows" "$err" "trial/cohort"
expect 1 "knha refused" -- "$CARTA" meta --input ok.csv --random trial --knha
contains "knha: names the option, says use test t" "$err" "--knha: "
contains "knha: use test t" "$err" "test t"
expect 1 "by refused" -- "$CARTA" meta --input ok.csv --random trial --by group
contains "by: names option" "$err" "--by"
expect 1 "DL refused" -- "$CARTA" meta --input ok.csv --random trial --method DL
contains "DL: REML or ML" "$err" "REML or ML"
expect 1 "test without random" -- "$CARTA" meta --input ok.csv --test t
contains "test: only with a multilevel model" "$err" "--test: only with a multilevel model"
expect 1 "cluster without input" -- "$CARTA" meta --outcome orr --cluster trial
contains "cluster: names --input" "$err" "--cluster"
expect 1 "leave1out refused" -- "$CARTA" meta leave1out --input ok.csv --random trial
contains "leave1out: why" "$err" "pools"

report meta_multilevel_e2e

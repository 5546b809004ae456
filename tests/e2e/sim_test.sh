#!/usr/bin/env bash
# End-to-end tests of `carta sim`: time courses, a virtual trial's JSON keys,
# determinism by seed and threads, strategy comparisons, bad parameters.
#   sim_test.sh PATH/TO/carta SOURCE_DIR
source "$(dirname "$0")/lib.sh"

expect 0 "run: CSV time courses" -- "$CARTA" sim run --product axi-cel --indication LBCL --every 7 --svg "$WORK/course.svg"
contains "run: CSV header" "$(head -1 <<<"$out")" "day,infused_cells,effector_cells,memory_cells,car_t_cells"
rows=$(wc -l <<<"$out")
if [ "$rows" -gt 200 ]; then ok; else bad "run: expected > 200 weekly rows over 5 years, got $rows"; fi
contains "run: SVG written" "$(cat "$WORK/course.svg")" "<polyline class=\"course\""

expect 0 "run: JSON endpoints" -- "$CARTA" sim run --product kymriah --indication B-ALL --seed 3 --format json --every 30
json_ok "run: product" "$out" '.product' "kymriah"
json_ok "run: best response is a name" "$out" '.best_response | test("^(none|PR|CR)$")' "true"

# --strategy: one arm of compare on its own (the first fraction is 10% of the dose).
expect 0 "run: a strategy" -- "$CARTA" sim run --product kymriah --indication B-ALL --strategy fractionated,toci-grade1 --format json --every 30
json_ok "run: fractionated first infusion is 10% of the dose" "$out" '[.course[] | select(.day == 0) | .infused_cells] | max | (. > 0.9e7 and . < 1.1e7)' "true"
json_ok "run: the later fractions follow on days 1 and 2" "$out" '[.course[] | select(.day == 2) | .infused_cells] | max > 5e7' "true"
expect 1 "bad: unknown strategy" -- "$CARTA" sim trial --product kymriah --indication B-ALL --strategy halfdose --patients 10
contains "bad: the option is named" "$err" "--strategy"

expect 0 "trial: JSON" -- "$CARTA" sim trial --product yescarta --indication LBCL --patients 300 --seed 5 --threads 1 --format json
one="$out"
json_ok "trial: exact keys" "$one" 'keys_unsorted | join(",")' \
  "patients,orr,cr_rate,orr_ci,cr_rate_ci,pfs_median_months,pfs_at_12_months,crs_grade3_rate,icans_grade3_rate,antigen_negative_relapse_share,cmax_median"
json_ok "trial: patients" "$one" '.patients' "300"
json_ok "trial: ORR inside its CI" "$one" '.orr >= .orr_ci[0] and .orr <= .orr_ci[1]' "true"
expect 0 "trial: two threads" -- "$CARTA" sim trial --product yescarta --indication LBCL --patients 300 --seed 5 --threads 2 --format json --svg "$WORK/km.svg"
if [ "$out" = "$one" ]; then ok; else bad "trial: 1 and 2 threads differ"; fi
contains "trial: KM SVG" "$(cat "$WORK/km.svg")" "km-curve"

expect 0 "compare: fractionated vs one dose" -- "$CARTA" sim compare --product kymriah --indication B-ALL --strategies one-dose,fractionated --patients 200 --format json
json_ok "compare: strategies" "$out" '.strategy_b' "fractionated"
json_ok "compare: differences" "$out" '[.differences[].endpoint] | index("log10_il6_peak") != null' "true"

expect 1 "bad: unknown product" -- "$CARTA" sim trial --product unicorn-cel --indication LBCL
contains "bad: product named" "$err" "--product: unknown product 'unicorn-cel'"
expect 1 "bad: unknown indication" -- "$CARTA" sim trial --product kymriah --indication AML
contains "bad: indication named" "$err" "--indication:"
expect 1 "bad: negative rate" -- "$CARTA" sim trial --product kymriah --indication B-ALL --set expansion_per_day=-0.5
contains "bad: parameter named" "$err" "expansion_per_day must not be negative"
expect 1 "bad: unknown parameter" -- "$CARTA" sim run --product kymriah --indication B-ALL --set rho=2
contains "bad: unknown parameter named" "$err" "unknown parameter 'rho'"
expect 1 "bad: unknown strategy" -- "$CARTA" sim compare --product kymriah --indication B-ALL --strategies one-dose,triple
contains "bad: strategy named" "$err" "unknown strategy 'triple'"
expect 1 "bad: patients" -- "$CARTA" sim trial --product kymriah --indication B-ALL --patients 0
contains "bad: patients named" "$err" "--patients:"
expect 2 "bad: missing product" -- "$CARTA" sim trial --indication B-ALL

(cd "$SRC" && "$CARTA" db build --db "$WORK/carta.db" >/dev/null 2>&1)
expect 0 "trial: KM against observed landmarks" -- "$CARTA" sim trial --product yescarta --indication LBCL --patients 100 --db "$WORK/carta.db" --svg "$WORK/km-observed.svg" --format json
svg="$(cat "$WORK/km-observed.svg")"
contains "trial: landmark of ZUMA-12 (PFS 12 months)" "$svg" "<title>zuma12: pfs</title>"
contains "trial: median of ZUMA-1" "$svg" "<title>zuma1: pfs</title>"
landmarks=$(grep -o 'class="landmark"' <<<"$svg" | wc -l)
if [ "$landmarks" -ge 2 ]; then ok; else bad "trial: expected >= 2 observed landmarks, got $landmarks"; fi
expect 1 "trial: a database that is not one" -- "$CARTA" sim trial --product yescarta --indication LBCL --patients 10 --db "$WORK/km.svg" --svg "$WORK/x.svg"
expect 1 "calibrate: unknown held-out cohort" -- "$CARTA" sim calibrate --db "$WORK/carta.db" --hold-out zuma-99
contains "calibrate: held-out id named" "$err" "--hold-out: no cohort 'zuma-99'"

expect 0 "calibrate: a small run" -- "$CARTA" sim calibrate --db "$WORK/carta.db" --patients 20 --hold-out zuma12
contains "calibrate: the table ends with the score" "$out" "Inside the observed 95% CI"
contains "calibrate: the score counts ORR" "$out" "orr "
expect 1 "calibrate: a negative rate in --set" -- "$CARTA" sim calibrate --db "$WORK/carta.db" --set expansion_per_day=-1
contains "calibrate: --set names the parameter" "$err" "expansion_per_day"
expect 0 "calibrate: help names leave-one-out" -- "$CARTA" sim calibrate --help
contains "calibrate: --leave-one-out documented" "$out" "--leave-one-out"

expect 0 "parameters: listing" -- "$CARTA" sim parameters --product kymriah --indication B-ALL --format csv
contains "parameters: kill rate with source" "$out" "kill_per_day,1.15,1/day,Kimmel 2021"

report sim_e2e

#!/usr/bin/env bash
# End-to-end tests of `carta surv`: exit codes, messages with file:line and
# column, the stable JSON keys of doc/cli.md, and the numbers of a few fits.
# usage: surv_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
export CARTA_DB="$WORK/carta.db"
G="$SRC/tests/golden/survival"
cd "$SRC" || exit 1

# The subcommand table.
expect 2 "no subcommand" -- "$CARTA" surv
expect 2 "unknown subcommand" -- "$CARTA" surv kmm
contains "did you mean" "$err" "did you mean 'km'?"
expect 0 "help" -- "$CARTA" surv km --help
contains "help names the columns" "$out" "time,event"

# Kaplan-Meier: R survival's numbers for the AML trial (survfit, survdiff, coxph).
expect 0 "km json" -- "$CARTA" surv km --input "$G/aml.csv" --at 12 --rmst 48 --format json
json_ok "two groups" "$out" '.groups | length' 2
json_ok "median" "$out" '.groups[0].median' 31
json_ok "median lower limit" "$out" '.groups[0].median_ci_lb' 18
json_ok "median not reached upper limit is null" "$out" '.groups[0].median_ci_ub' null
json_ok "survival_at" "$out" '.groups[1].survival_at[0].surv | . * 1000 | round' 583
json_ok "log-rank" "$out" '.logrank.chisq | . * 1000 | round' 3396
json_ok "Cox HR" "$out" '.cox.terms[0].hr | . * 1000 | round' 2498
json_ok "rmst" "$out" '.groups[0].rmst.rmst | . * 1000 | round' 31843
expect 0 "km csv" -- "$CARTA" surv km --input "$G/aml.csv" --format csv
contains "csv header" "$out" "group,time,n_risk,n_event,n_censor,surv,std_err,lower,upper"
expect 0 "km other columns" -- "$CARTA" surv km --input "$G/gbsg_rfs.csv" --time-col rfstime --event-col status --format json
json_ok "gbsg n" "$out" '.groups[0].n' 686
printf 'time,event\n1,1\n2,x\n' >"$WORK/bad.csv"
expect 1 "km non-number" -- "$CARTA" surv km --input "$WORK/bad.csv"
contains "km message" "$err" "bad.csv:3: column 'event': 'x' is not a number"
printf 'time,status\n1,1\n' >"$WORK/nocol.csv"
expect 1 "km missing column" -- "$CARTA" surv km --input "$WORK/nocol.csv"
contains "names the columns" "$err" "expected the columns time,event"

# Reconstruction (Guyot 2012).
expect 0 "reconstruct csv" -- "$CARTA" surv reconstruct --points "$G/guyot_arm2_curve.csv" --risk "$G/guyot_arm2_risk.csv" --events 33
contains "rows header" "$out" "time,event"
[ "$(wc -l <<<"$out")" -eq 81 ] && ok || bad "80 patient rows and a header"
contains "summary on stderr" "$err" "80 patients, 33 events"
expect 0 "reconstruct json" -- "$CARTA" surv reconstruct --points "$G/guyot_arm2_curve.csv" --risk "$G/guyot_arm2_risk.csv" --format json
json_ok "patients" "$out" '.patients | length' 80
json_ok "quality" "$out" '.quality | has("rmse") and has("max_abs_diff") and has("intervals")' true
json_ok "interval counts" "$out" '.quality.intervals[0] | has("events") and has("censored")' true
printf 'time,survival\n0,100\n1,90\n2,80\n3,60\n5,45\n' >"$WORK/curve.csv"
printf 'time,nrisk\n0,10\n6,5\n3,4\n' >"$WORK/risk_order.csv"
printf 'time,nrisk\n0,10\n3,6\n' >"$WORK/risk.csv"
expect 0 "percent detected" -- "$CARTA" surv reconstruct --points "$WORK/curve.csv" --risk "$WORK/risk.csv" --format json
json_ok "percent reported" "$out" '.preprocessing.percent' true
expect 1 "risk times out of order" -- "$CARTA" surv reconstruct --points "$WORK/curve.csv" --risk "$WORK/risk_order.csv"
contains "order message" "$err" "risk_order.csv:4: column 'time': risk-table times must increase"
printf 'time,survival\n0,1\n1,1.2\n2,0.5\n' >"$WORK/above.csv"
expect 1 "survival above 1" -- "$CARTA" surv reconstruct --points "$WORK/above.csv" --risk "$WORK/risk.csv"
contains "above message" "$err" "above.csv:3: column 'survival': 1.2 is above 1"
expect 1 "more events than patients" -- "$CARTA" surv reconstruct --points "$WORK/curve.csv" --risk "$WORK/risk.csv" --events 11
contains "events message" "$err" "more events than the 10 patients"

# Parametric and cure models: Stata's mixture cure fit of the GBSG data.
expect 0 "fit mixture" -- "$CARTA" surv fit --input "$G/gbsg_rfs.csv" --time-col rfstime --event-col status --time-unit days \
  --dist weibull --cure mixture --format json
json_ok "cure fraction" "$out" '.cure_fraction | . * 10000 | round' 3839
json_ok "stable keys" "$out" 'has("aic") and has("bic") and has("median") and has("median_ci_lb") and has("median_ci_ub") and has("survival_at")' true
json_ok "5 and 10 years" "$out" '.survival_at | length' 2
expect 0 "fit all" -- "$CARTA" surv fit --input "$G/gbsg_rfs.csv" --time-col rfstime --event-col status --dist all --format json
json_ok "six fits" "$out" '.fits | length' 6
expect 2 "unknown distribution" -- "$CARTA" surv fit --input "$G/aml.csv" --dist weibul
expect 1 "groups refused by fit" -- "$CARTA" surv fit --input "$G/aml.csv"
contains "groups message" "$err" "several groups"

# Pooling the evidence base: NR medians are bounds, not missing.
expect 0 "db build" -- "$CARTA" db build
expect 0 "pool" -- "$CARTA" surv pool --endpoint pfs --landmark 12 --target CD19 --indication LBCL --format json
json_ok "bounded cohorts used" "$out" '.censored.k_bounded > 0' true
json_ok "reported cohort" "$out" '[.studies[] | select(.kind == "reported")] | length > 0' true
expect 0 "pool all cohorts" -- "$CARTA" surv pool --endpoint pfs --landmark 12 --format json
json_ok "random-effects fit" "$out" '.k_reported >= 2' true
json_ok "pooled survival in (0, 1)" "$out" '.surv > 0 and .surv < 1' true
expect 1 "unknown indication" -- "$CARTA" surv pool --indication XYZ
expect 1 "nothing to pool" -- "$CARTA" surv pool --endpoint efs --landmark 99
contains "pool message" "$err" "cannot pool"

expect 0 "km plot" -- "$CARTA" surv km --input tests/golden/survival/aml.csv --svg "$WORK/km.svg"
contains "km plot is SVG with curves" "$(cat "$WORK/km.svg")" 'class="km-curve"'

expect 0 "fit plot" -- "$CARTA" surv fit --input tests/golden/survival/gbsg_rfs.csv --time-col rfstime --event-col status --time-unit days --dist weibull --cure mixture --svg "$WORK/fit.svg"
contains "fit plot has the KM and the model" "$(grep -o 'class="km-curve"' "$WORK/fit.svg" | wc -l)" "2"
expect 0 "reconstruction plot" -- "$CARTA" surv reconstruct --points tests/golden/survival/guyot_arm1_curve.csv --risk tests/golden/survival/guyot_arm1_risk.csv --svg "$WORK/rec.svg"
contains "reconstruction plot has both curves" "$(grep -o 'class="km-curve"' "$WORK/rec.svg" | wc -l)" "2"

# Patient data of several studies pooled, stratified by study: veteran's cell types as four studies.
mkdir -p "$WORK/ipd"
awk -F, -v d="$WORK/ipd" 'NR > 1 { f = d "/" $4 ".csv"; if (!(f in seen)) { print "time,event,group" > f; seen[f] = 1 }
                                    print $1 "," $2 "," $3 >> f }' tests/golden/survival/veteran_strata.csv
expect 0 "pool --ipd" -- "$CARTA" surv pool --ipd "$WORK"/ipd/*.csv --at 90,1000 --format json
json_ok "four studies" "$out" '.studies | length' 4
json_ok "stratified Cox HR as coxph strata()" "$out" '.cox.terms[0].coef * 1e6 | round' "$(jq -r '.cox.coef[0] * 1e6 | round' tests/golden/survival/veteran_strata.json)"
json_ok "S(90) pooled over four" "$out" '.landmarks[0].k' 4
json_ok "S(1000) beyond every follow-up: not pooled, said" "$out" '.landmark_notes | length' 1
expect 1 "one study is not a pool" -- "$CARTA" surv pool --ipd "$WORK/ipd/adeno.csv"
contains "pool --ipd message" "$err" "at least two studies"

# Issue 17: answers that were given without a word are errors or warnings.
expect 1 "km --at nan" -- "$CARTA" surv km --input tests/golden/survival/aml.csv --at nan
contains "--at nan names the option" "$err" "--at: a time at which to read S(t)"
expect 1 "km --at -3" -- "$CARTA" surv km --input tests/golden/survival/aml.csv --at -3
contains "--at -3 names the option" "$err" "--at:"
printf 'time,event,group\n1,1,A\n2,0,\n3,1,B\n' > "$WORK/blank.csv"
expect 1 "blank group label" -- "$CARTA" surv km --input "$WORK/blank.csv"
contains "blank group names the line" "$err" "blank.csv:3: a blank group label"
expect 0 "RMST past follow-up" -- "$CARTA" surv km --input tests/golden/survival/aml.csv --rmst 60 --format json
json_ok "RMST past follow-up warns" "$out" '.warnings | length' 1

report surv

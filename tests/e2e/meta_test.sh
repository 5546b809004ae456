#!/usr/bin/env bash
# End-to-end tests of `carta meta` beyond cli_test.sh: the text output's
# labels, the messages that name options, the formats of each analysis. The
# numbers are checked against metafor in src/meta/*_test.cc; every JSON key in
# tests/golden/json/meta.
# usage: meta_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
printf 'study,yi,vi,group\na,-0.889,0.326,x\nb,-1.585,0.195,x\nc,-1.348,0.415,y\nd,-1.442,0.020,y\ne,-0.218,0.051,y\n' > in.csv
printf 'study,events,n,group\na,12,20,x\nb,30,40,x\nc,7,30,y\nd,4,15,y\ne,20,25,y\n' > counts.csv

# Intervals are labelled with the level used (a 90% CI said "95% CI" before).
expect 0 "level 90 table" -- "$CARTA" meta --input counts.csv --level 90
contains "pooled CI at 90%" "$out" "(90% CI "
contains "tau^2 CI at 90%" "$out" "90% CI for tau^2"
contains "study column at 90%" "$out" "Proportion [90% CI]"
if grep -qF "95% CI" <<<"$out"; then bad "level 90 table still says 95% CI"; else ok; fi
expect 0 "level 90 subgroups" -- "$CARTA" meta --input counts.csv --level 90 --by group
contains "subgroup column at 90%" "$out" "Proportion [90% CI]"
expect 0 "level 95 default" -- "$CARTA" meta --input in.csv
contains "95% CI by default" "$out" "95% CI for tau^2 (Q-profile)"
expect 0 "level 97.5" -- "$CARTA" meta --input in.csv --level 97.5
contains "97.5% CI" "$out" "97.5% CI for tau^2"
expect 0 "level 90 json" -- "$CARTA" meta --input in.csv --level 90 --format json
json_ok "json level" "$out" '.level' 0.9

# Messages name the option the user typed.
expect 1 "by with CSV" -- "$CARTA" meta --input in.csv --by indication
contains "by option named" "$err" "--by"
expect 1 "unknown moderator column" -- "$CARTA" meta --input in.csv --mods dose
contains "moderator column named" "$err" "no column 'dose'"
expect 1 "two arms need a two-arm measure" -- "$CARTA" meta --input counts.csv --measure RR
contains "measure option named" "$err" "--measure"
expect 2 "unknown analysis" -- "$CARTA" meta funnel --input in.csv
expect 2 "unknown method" -- "$CARTA" meta --input in.csv --method XX
contains "methods listed" "$err" "REML"

# Each analysis in each format.
for analysis in pool leave1out influence gosh permtest bias cumulative baujat radial; do
  for format in table json csv; do
    expect 0 "$analysis $format" -- "$CARTA" meta "$analysis" --input in.csv --format "$format" --threads 1
    [ -n "$out" ] && ok || bad "$analysis $format: no output"
  done
done
expect 0 "gosh table" -- "$CARTA" meta gosh --input in.csv
contains "gosh summary" "$out" "31 subsets (all) of k = 5 studies"
expect 0 "permtest table" -- "$CARTA" meta permtest --input in.csv
contains "permtest header" "$out" "32 permutations (exact test)"
expect 0 "pool csv" -- "$CARTA" meta --input counts.csv --format csv
contains "pool csv header" "$out" "study,group,events,n,yi,vi,weight,prop,prop_ci_lb,prop_ci_ub"
contains "pool csv pooled row" "$out" "pooled,,,,"

# Continuity correction, cumulative, Baujat and radial plots, forest options (issue 17).
expect 0 "cc all" -- "$CARTA" meta --input counts.csv --cc 0.25 --cc-to all --format json
json_ok "cc named" "$out" '.continuity_correction.add' 0.25
expect 2 "cc negative" -- "$CARTA" meta --input counts.csv --cc -1
expect 2 "cc-to unknown" -- "$CARTA" meta --input counts.csv --cc-to sometimes
expect 0 "cumulative svg" -- "$CARTA" meta cumulative --input in.csv --svg cum.svg
[ "$(grep -o 'class="step"' cum.svg | wc -l)" -eq 5 ] && ok || bad "cumulative plot: one mark per step"
expect 0 "baujat svg" -- "$CARTA" meta baujat --input in.csv --svg baujat.svg
[ "$(grep -o 'class="study"' baujat.svg | wc -l)" -eq 5 ] && ok || bad "baujat plot: one point per study"
expect 0 "radial svg" -- "$CARTA" meta radial --input in.csv --svg radial.svg
grep -q 'class="band"' radial.svg && ok || bad "radial plot: the band"
expect 0 "forest options" -- "$CARTA" meta --input counts.csv --svg forest.svg --sort effect --columns n --xlim 0,1
[ "$(grep -o 'class="extra"' forest.svg | wc -l)" -gt 0 ] && ok || bad "forest plot: the extra column"
expect 1 "sort by a missing column" -- "$CARTA" meta --input counts.csv --svg forest.svg --sort latitude
contains "sort option named" "$err" "--sort"
expect 1 "xlim decreasing" -- "$CARTA" meta --input counts.csv --svg forest.svg --xlim 1,0
contains "xlim option named" "$err" "--xlim"
[ -z "$out" ] && ok || bad "xlim decreasing: nothing printed before the error"
expect 1 "svg of an analysis that draws none" -- "$CARTA" meta leave1out --input in.csv --svg l1o.svg
contains "svg refused, option named" "$err" "--svg: leave1out draws no plot"
[ ! -e l1o.svg ] && ok || bad "svg refused: no file written"
expect 1 "funnel of cumulative" -- "$CARTA" meta cumulative --input in.csv --funnel f.svg
contains "funnel refused, option named" "$err" "--funnel:"

report meta_e2e

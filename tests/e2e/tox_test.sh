#!/usr/bin/env bash
# End-to-end tests of `carta tox`: grades and scores through the command line,
# exit codes, messages, and the JSON, CSV and table outputs (doc/cli.md).
# The grading rules themselves are tested in src/clinical/*_test.cc.
# usage: tox_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
cd "$SRC" || exit 1

# The command and its help.
expect 2 "tox without a subcommand" -- "$CARTA" tox
expect 0 "tox help" -- "$CARTA" tox --help
contains "help lists subcommands" "$out" "hematotox"
expect 0 "main help lists tox" -- "$CARTA" --help
contains "tox in the command table" "$out" "tox"

# CRS (ASTCT 2019).
expect 0 "crs grade 2" -- "$CARTA" tox crs --temp-c 39.2 --hypotension no-vasopressor --hypoxia none --format json
json_ok "crs grade" "$out" '.grade' 2
json_ok "crs determined_by" "$out" '.determined_by | join(",")' hypotension
json_ok "crs domains" "$out" '[.domains[].domain] | join(",")' "fever,hypotension,hypoxia"
json_ok "crs inputs" "$out" '.inputs.temp_c' 39.2
expect 0 "crs in °F" -- "$CARTA" tox crs --temp-f 102.2 --hypoxia high-flow --format json
json_ok "°F converted, high-flow grade 3" "$out" '[.grade, .inputs.temp_c] | map(tostring) | join(",")' "3,39"
expect 0 "crs worst domain" -- "$CARTA" tox crs --temp-c 38 --hypotension one-vasopressor --hypoxia positive-pressure --format json
json_ok "positive pressure sets grade 4" "$out" '[.grade, (.determined_by | join(","))] | map(tostring) | join(" ")' "4 hypoxia"
expect 0 "crs after tocilizumab" -- "$CARTA" tox crs --after-anticytokine --hypotension multiple-vasopressors --format json
json_ok "no fever needed after tocilizumab" "$out" '.grade' 4
expect 0 "hypotension without fever" -- "$CARTA" tox crs --temp-c 37 --hypotension one-vasopressor --format json
json_ok "not CRS without fever" "$out" '.grade' 0
json_ok "a note says why" "$out" '.notes | length' 1
expect 0 "crs death" -- "$CARTA" tox crs --temp-c 39 --died --format json
json_ok "death is grade 5" "$out" '.grade' 5
expect 0 "nasal cannula flow" -- "$CARTA" tox crs --temp-c 39 --oxygen-l-min 8 --format json
json_ok "8 L/min is high-flow" "$out" '.grade' 3
expect 0 "crs table" -- "$CARTA" tox crs --temp-c 39.2 --hypotension no-vasopressor
contains "table headline" "$out" "crs grade 2 (ASTCT 2019 CRS), set by hypotension"
contains "table cites" "$out" "Lee et al."
expect 0 "crs csv" -- "$CARTA" tox crs --temp-c 39.2 --hypoxia low-flow --format csv
contains "csv header" "$(head -1 <<<"$out")" "grade,determined_by,fever_grade,hypotension_grade,hypoxia_grade"
contains "csv row" "$(tail -1 <<<"$out")" "2,hypoxia,1,0,2"
expect 1 "impossible temperature" -- "$CARTA" tox crs --temp-c 55
contains "temperature message" "$err" "temperature 55 °C is impossible (accepted: 30-45 °C)"
expect 1 "impossible °F" -- "$CARTA" tox crs --temp-f 131
contains "°F message" "$err" "131 °F is impossible"
expect 1 "impossible oxygen flow" -- "$CARTA" tox crs --temp-c 39 --oxygen-l-min 80
contains "oxygen message" "$err" "oxygen flow 80 L/min is impossible (accepted: 0-60 L/min)"
expect 1 "missing temperature" -- "$CARTA" tox crs --hypoxia low-flow
contains "missing temperature message" "$err" "missing temperature"
expect 2 "unknown hypotension" -- "$CARTA" tox crs --temp-c 39 --hypotension one-vasopresor
contains "suggestion" "$err" "did you mean 'one-vasopressor'?"
expect 2 "°C and °F together" -- "$CARTA" tox crs --temp-c 39 --temp-f 102

# ICANS (ASTCT 2019), ICE and CAPD.
expect 0 "ICE 0 awake" -- "$CARTA" tox icans --ice 0 --format json
json_ok "ICE 0 awake is grade 3" "$out" '.grade' 3
json_ok "tool" "$out" '.tool' ICE
expect 0 "unarousable" -- "$CARTA" tox icans --consciousness unarousable --format json
json_ok "unarousable is grade 4" "$out" '[.grade, (.determined_by | join(","))] | map(tostring) | join(" ")' "4 ice,consciousness"
expect 0 "tremor" -- "$CARTA" tox icans --ice 10 --motor tremor --format json
json_ok "tremor not counted" "$out" '.grade' 0
expect 0 "seizure and oedema" -- "$CARTA" tox icans --ice 8 --seizure rapid --icp diffuse-edema --format json
json_ok "diffuse oedema grade 4" "$out" '.determined_by | join(",")' icp
expect 0 "child with CAPD" -- "$CARTA" tox icans --age 8 --capd 9 --consciousness voice --format json
json_ok "CAPD 9 is grade 3" "$out" '[.grade, .tool] | map(tostring) | join(" ")' "3 CAPD"
expect 1 "ICE out of range" -- "$CARTA" tox icans --ice 11
contains "ICE message" "$err" "ICE score 11 is outside 0-10"
expect 1 "ICE for a child" -- "$CARTA" tox icans --age 8 --ice 7
contains "child message" "$err" "assessed with CAPD"
expect 1 "CAPD out of range" -- "$CARTA" tox icans --age 5 --capd 40
expect 1 "no ICE" -- "$CARTA" tox icans --consciousness voice
contains "missing ICE message" "$err" "missing ICE score"
expect 0 "ice items" -- "$CARTA" tox ice --orientation 3 --naming 3 --commands 1 --writing 0 --attention 1 --format json
json_ok "ICE total" "$out" '[.score, .ice_grade] | map(tostring) | join(",")' "8,1"
expect 1 "ICE item out of range" -- "$CARTA" tox ice --orientation 5 --naming 3 --commands 1 --writing 1 --attention 1
contains "item message" "$err" "ICE orientation 5 is outside 0-4"
expect 0 "capd items" -- "$CARTA" tox capd --eye-contact rarely --purposeful always --aware always --communicates often \
  --restless often --inconsolable never --underactive sometimes --slow-response never --format json
json_ok "CAPD reverse-scored total" "$out" '[.score, .items["eye-contact"], .screen_positive] | map(tostring) | join(",")' "9,3,true"
expect 2 "CAPD answer misspelt" -- "$CARTA" tox capd --eye-contact sometime --purposeful always --aware always \
  --communicates often --restless often --inconsolable never --underactive sometimes --slow-response never
contains "CAPD suggestion" "$err" "did you mean 'sometimes'?"
expect 0 "cres" -- "$CARTA" tox cres --cartox10 2 --format json
json_ok "CARTOX-10 2 is CRES 3" "$out" '.grade' 3

# Risk scores, with units.
expect 0 "hematotox" -- "$CARTA" tox hematotox --anc "1100 /uL" --hb "95 g/L" --platelets 150 --crp "45 mg/L" --ferritin 800 --format json
json_ok "hematotox score" "$out" '[.score, .risk] | map(tostring) | join(" ")' "4 high"
json_ok "converted units" "$out" '[.items[] | select(.item == "crp") | .value] | .[0]' 4.5
expect 1 "unknown unit" -- "$CARTA" tox hematotox --anc 2 --hb 12 --platelets "200 mg" --crp 1 --ferritin 100
contains "unit message" "$err" "unknown unit 'mg' for platelets"
expect 1 "impossible haemoglobin" -- "$CARTA" tox hematotox --anc 2 --hb 95 --platelets 200 --crp 1 --ferritin 100
contains "haemoglobin message" "$err" "haemoglobin 95 g/dL is impossible"
expect 2 "missing ferritin" -- "$CARTA" tox hematotox --anc 2 --hb 12 --platelets 200 --crp 1
expect 0 "easix" -- "$CARTA" tox easix --ldh 250 --creatinine "88.42 µmol/L" --crp 3 --platelets 125 --format json
json_ok "EASIX and m-EASIX" "$out" '[.easix.value, .m_easix.value] | map(tostring) | join(",")' "2,6"
expect 1 "easix without creatinine or CRP" -- "$CARTA" tox easix --ldh 250 --platelets 125

# A cohort's daily records.
cat >"$WORK/days.csv" <<'EOF'
patient,day,temp_c,hypotension,hypoxia,after_anticytokine,ice,consciousness,age,capd
P1,0,37.0,none,none,no,10,alert,54,
P1,1,38.6,none,none,no,10,alert,54,
P1,2,39.4,one-vasopressor,low-flow,no,8,alert,54,
P1,3,37.2,none,none,yes,6,voice,54,
P2,1,37.1,none,none,no,10,alert,61,
C1,0,38.1,,,,,alert,7,2
C1,5,,,,,,,7,12
EOF
expect 0 "series json" -- "$CARTA" tox series --input "$WORK/days.csv" --format json
json_ok "series days" "$out" '.days | length' 7
json_ok "P1 maximum CRS" "$out" '.patients[0] | [.crs_max_grade, .crs_onset_day, .crs_days] | map(tostring) | join(",")' "3,1,2"
json_ok "cohort CRS any grade" "$out" '.summary.crs.any_grade | [.events, .n] | map(tostring) | join("/")' "2/3"
json_ok "exact interval" "$out" '.summary.crs.grade3plus.ci_ub * 10000 | round' 9057
expect 0 "series table" -- "$CARTA" tox series --input "$WORK/days.csv"
contains "summary section" "$out" "Clopper-Pearson"
expect 0 "series csv" -- "$CARTA" tox series --input "$WORK/days.csv" --format csv --view patients
contains "patients csv" "$(head -1 <<<"$out")" "patient,first_day,last_day,crs_max_grade"
printf 'patient,day,ice\nA,1,4\nA,2,11\n' >"$WORK/bad.csv"
expect 1 "bad record" -- "$CARTA" tox series --input "$WORK/bad.csv"
contains "names the line" "$err" "bad.csv:3: ICANS: ICE score 11 is outside 0-10"
printf 'patient,day,temp\nA,1,39\n' >"$WORK/col.csv"
expect 1 "unknown column" -- "$CARTA" tox series --input "$WORK/col.csv"
contains "column suggestion" "$err" "did you mean 'temp_c'?"
expect 1 "missing file" -- "$CARTA" tox series --input "$WORK/nowhere.csv"

# Guidance and scales: reference information.
expect 0 "guidance json" -- "$CARTA" tox guidance --format json
json_ok "eight entries" "$out" '.entries | length' 8
json_ok "disclaimer" "$out" '.disclaimer | test("not medical advice")' true
expect 0 "guidance for CRS 2" -- "$CARTA" tox guidance --toxicity crs --grade 2 --format json
json_ok "tocilizumab dose" "$out" '.entries[0].management | join(" ") | test("8 mg/kg")' true
expect 2 "guidance grade 5" -- "$CARTA" tox guidance --grade 5
expect 0 "scales" -- "$CARTA" tox scales --format json
json_ok "ASTCT first" "$out" '.[0].scale' "ASTCT 2019"

report tox

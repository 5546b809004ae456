#!/usr/bin/env bash
# End-to-end tests of `carta registry` (import, show, list, the audit rules
# against registrations) and of counting each registration once in `carta
# meta` and `carta surv pool` (NCT03391466 is printed twice: Yescarta "ZUMA"
# and 奕凯达 "ZUMA-7", 180 patients each).
# usage: extract_registry_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
export CARTA_DB="$WORK/carta.db"
F="$SRC/tests/fixtures/registry"
(cd "$SRC" && "$CARTA" db build --db "$CARTA_DB" >/dev/null 2>&1) || bad "db build"

# Import: a page of a search, one study, a ChiCTR CSV.
expect 0 "import" -- "$CARTA" registry import "$F/search_keytruda_limit3.json" "$F/zuma7_handwritten.json" \
  "$F/chictr_handwritten.csv" --format json
json_ok "import added" "$out" '.added' 5
expect 0 "show" -- "$CARTA" registry show NCT03391466 --format json
json_ok "show keys" "$out" '[.nct_id, .acronym, (.phases|join(",")), .enrollment, .enrollment_type, .status, .sponsor, .has_results] | map(tostring) | join("|")' \
  "NCT03391466|ZUMA-7|PHASE3|359|ACTUAL|ACTIVE_NOT_RECRUITING|Kite, A Gilead Company|true"
json_ok "citing cohorts" "$out" '.cohorts | join(",")' "zuma-yescarta,zuma7-yikaida"
expect 1 "show unknown" -- "$CARTA" registry show NCT99999999
contains "unknown id named" "$err" "NCT99999999"
expect 0 "list table" -- "$CARTA" registry list
contains "list shows the citing cohorts" "$out" "zuma7-yikaida"

# A malformed page names the JSON path; nothing of the batch is written.
sed 's/"NCT03590054"/42/' "$F/search_keytruda_limit3.json" > bad.json
expect 1 "bad page" -- "$CARTA" registry import "$F/get_NCT02576665_protocol_only.json" bad.json
contains "JSON path named" "$err" "studies[1].protocolSection.identificationModule.nctId"
expect 0 "list after the bad import" -- "$CARTA" registry list --format json
json_ok "nothing half-written" "$out" 'length' 5
printf 'id,title\nNCT1,x\n' > bad.csv
expect 1 "bad csv" -- "$CARTA" registry import bad.csv
contains "csv line named" "$err" "bad.csv:2"

# The audit against the registration: 奕凯达 is not among ZUMA-7's interventions.
expect 0 "check" -- "$CARTA" check --format json
json_ok "registration-products names both sources" "$out" \
  '[.findings[] | select(.rule == "registration-products") | .subject, (.values[] | .file)] | join(",")' \
  "cohort zuma7-yikaida,data/cohorts_cd19.carta,$F/zuma7_handwritten.json"
expect 0 "rules" -- "$CARTA" check --rules
contains "registration rules listed" "$out" "registration-enrollment"

# Counting each registration once (default), and the overrides.
expect 0 "meta default" -- "$CARTA" meta --outcome orr --target CD19 --indication LBCL --format json
json_ok "NCT03391466 once" "$out" '[.studies[].study | select(. == "zuma-yescarta" or . == "zuma7-yikaida")] | join(",")' "zuma7-yikaida"
json_ok "set aside named" "$out" '.set_aside[0] | [.cohort, .kept, .registration, .indication] | join(",")' \
  "zuma-yescarta,zuma7-yikaida,NCT03391466,LBCL"
k_once=$(jq '.k' <<<"$out")
expect 0 "meta text" -- "$CARTA" meta --outcome orr --target CD19 --indication LBCL
contains "set aside in the text" "$out" "set aside: zuma-yescarta (same registration NCT03391466"
expect 0 "meta keep" -- "$CARTA" meta --outcome orr --target CD19 --indication LBCL --keep-duplicate-registrations --format json
json_ok "override counts both" "$out" '[.studies[].study | select(. == "zuma-yescarta" or . == "zuma7-yikaida")] | join(",")' "zuma-yescarta,zuma7-yikaida"
json_ok "override k" "$out" '.k' "$((k_once + 1))"
json_ok "nothing set aside" "$out" '.set_aside | length' 0
expect 0 "meta prefer" -- "$CARTA" meta --outcome orr --target CD19 --indication LBCL --prefer zuma-yescarta --format json
json_ok "prefer keeps zuma-yescarta" "$out" '[.studies[].study | select(. == "zuma-yescarta" or . == "zuma7-yikaida")] | join(",")' "zuma-yescarta"
expect 1 "prefer unknown" -- "$CARTA" meta --outcome orr --prefer nope
contains "prefer option named" "$err" "--prefer: no cohort 'nope'"
expect 1 "prefer both" -- "$CARTA" meta --outcome orr --prefer zuma-yescarta --prefer zuma7-yikaida
contains "two preferred of one registration" "$err" "choose one"

expect 0 "surv pool" -- "$CARTA" surv pool --endpoint pfs --landmark 12 --target CD19 --indication LBCL --format json
json_ok "surv pool has set_aside" "$out" '.set_aside | type' "array"

report extract_registry_test

#!/usr/bin/env bash
# End-to-end: `carta serve` with a larger project than the fixtures (RECORDS
# generated RIS records, 3,000 by default) in headless Chromium
# (web/serve_scale.mjs): the screening page shows a record, takes decisions
# by key and moves on, the literature search lists records; the server loads
# the records once and the API agrees with the page afterwards. Times are
# printed, never asserted (bench/serve_scale.sh measures 100,000 records).
# Usage: serve_scale_test.sh PATH/TO/carta SOURCE_DIR [RECORDS]
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/serve_lib.sh"
RECORDS="${3:-3000}"
export CARTA_DB="$WORK/carta.db"

# Records from a fixed word list and a linear congruential generator: the same file every run.
awk -v n="$RECORDS" 'BEGIN {
  split("lymphoma leukemia myeloma chimeric antigen receptor cells therapy response remission survival " \
        "toxicity cytokine release syndrome neurotoxicity relapse refractory patients trial cohort " \
        "infusion persistence expansion bridging apheresis outcome safety efficacy dose", w, " ")
  nw = length(w); s = 12345
  for (i = 1; i <= n; i++) {
    t = ""; for (k = 0; k < 8; k++) { s = (s * 1103515245 + 12345) % 2147483648; t = t (k ? " " : "") w[1 + s % nw] }
    a = ""; for (k = 0; k < 40; k++) { s = (s * 1103515245 + 12345) % 2147483648; a = a (k ? " " : "") w[1 + s % nw] }
    printf "TY  - JOUR\nTI  - Record %d: %s\nAB  - %s.\nPY  - %d\nAU  - Author%d, A\nDO  - 10.5555/scale.%d\nER  - \n\n", \
      i, t, a, 2000 + i % 25, i % 97, i
  }
}' >"$WORK/records.ris"
expect 0 "db build" -- "$CARTA" db build --data "$SRC/data"
expect 0 "import $RECORDS records" -- "$CARTA" lit import "$WORK/records.ris" --source other
contains "all read" "$out" "added $RECORDS"
expect 0 "token" -- "$CARTA" serve token add --reviewer ann
TA="$out"
start_server
if [ ! -d "$SRC/tests/e2e/web/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
  bad "headless browser missing: run scripts/install-deps (chromium, playwright-core)"
else
  expect 0 "the page screens and searches" -- timeout 240 node "$SRC/tests/e2e/web/serve_scale.mjs" "$URL" "$TA" 4 2
  echo "serve_scale_e2e times (ms, $RECORDS records): $out" >&2
  json_ok "four decisions timed" "$out" '.decisions_ms | length' 4
  json_ok "two searches timed" "$out" '.searches_ms | length' 2
fi
state="$(curl -s -H "Authorization: Bearer $TA" "$URL/api/screen/state")"
json_ok "the four decisions are stored, one record each" "$state" '.records | length' 4
next="$(curl -s -H "Authorization: Bearer $TA" "$URL/api/screen/next?count=3")"
json_ok "the queue holds the rest" "$next" '.remaining' "$((RECORDS - 4))"
kill "$SERVER"
wait "$SERVER" || true
report serve_scale_e2e

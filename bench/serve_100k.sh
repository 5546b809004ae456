#!/usr/bin/env bash
# The page's routes on a project of N (100,000) synthetic records
# (bench/corpus_gen, PubMed XML): generates and imports the corpus, starts
# `carta serve`, and times each route the screening and search pages call
# (curl's time_total, the best of 3, after one warm-up). Prints one line per
# route: milliseconds and the answer's size.
# Usage: bench/serve_100k.sh [BUILD_DIR] [RECORDS]
set -euo pipefail
BUILD="$(realpath "${1:-build}")"
RECORDS="${2:-100000}"
CARTA="$BUILD/carta"
WORK="$(mktemp -d)"
export CARTA_DB="$WORK/carta.db"
trap 'kill "${SERVER:-0}" 2>/dev/null; rm -rf "$WORK"' EXIT
start=$(date +%s.%N)
"$BUILD/carta_corpus" --records "$RECORDS" --seed 20261204 >"$WORK/corpus.xml"
"$CARTA" lit import "$WORK/corpus.xml" --source pubmed >/dev/null
echo "generated and imported $RECORDS records in $(echo "$(date +%s.%N) - $start" | bc) s"
TA="$("$CARTA" serve token add --reviewer ann 2>/dev/null)"
TC="$("$CARTA" serve token add --reviewer cat --role resolver 2>/dev/null)"
"$CARTA" serve --port 0 >"$WORK/url" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 300); do [ -s "$WORK/url" ] && break; sleep 0.1; done
URL="$(head -1 "$WORK/url")"
URL="${URL%/}"

best_ms() {  # best_ms TOKEN PATH: the best of 3 after a warm-up, in ms, and the size
  local best="" t size
  curl -s -o /dev/null -H "Authorization: Bearer $1" "$URL$2"
  for _ in 1 2 3; do
    read -r t size < <(curl -s -o /dev/null -w '%{time_total} %{size_download}\n' -H "Authorization: Bearer $1" "$URL$2")
    t=$(echo "$t * 1000 / 1" | bc)
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  printf '%-60s %8s ms %10s bytes\n' "$2" "$best" "$size"
}
# The queue before and after the ranker has labels (a cold start is cheaper).
best_ms "$TA" "/api/screen/next?count=20"
for i in 1 2 3 4; do
  id=$(curl -s -H "Authorization: Bearer $TA" "$URL/api/screen/next?count=1" | jq '.records[0].id')
  v=$([ "$i" -le 2 ] && echo include || echo exclude)
  curl -s -o /dev/null -H "Authorization: Bearer $TA" -H 'Content-Type: application/json' \
    -d "{\"client_id\":\"b$i\",\"record\":$id,\"verdict\":\"$v\"}" "$URL/api/screen/decision"
done
best_ms "$TA" "/api/screen/next?count=20"
best_ms "$TA" "/api/lit/search?query=lymphoma%20AND%20cell&show=20"
best_ms "$TA" "/api/lit/prisma"
best_ms "$TA" "/api/screen/prisma"
best_ms "$TC" "/api/screen/state"
best_ms "$TC" "/api/screen/prisma.svg"
best_ms "$TC" "/api/screen/export.ris"

#!/usr/bin/env bash
# Literature search: carta's index against SQLite FTS5 and Xapian on the same synthetic MEDLINE-like
# corpus (bench/corpus_gen.h) and the same queries, in one run per corpus size; prints, per size, the
# per-query hit counts and latencies and the table of ratios (build time, size, p50/p99 latency).
#
#   bench/compare_search.sh                       # 1,000,000 records
#   RECORDS="100000 300000 1000000" bench/compare_search.sh
#   XML=1 bench/compare_search.sh                 # also writes the corpus as PubMed XML
#   ENGINES=carta,carta1,fts5 bench/compare_search.sh    # leave Xapian out (its build is the slowest)
#
# Engines: carta (built on every core: BuildOptions::threads = 0), carta1 (carta on one thread), fts5,
# xapian; the text-only runs use $TEXT_ENGINES (default carta,carta1,fts5).
#
# Each size runs twice: all fields (carta indexes its key fields too; FTS5 and Xapian get the seven
# text fields), then records cut to title, abstract and keywords (the same text for both engines).
#
# Needs scripts/install-bench-deps (Xapian, Google Benchmark). Builds in $BUILD (default
# build-bench-search) with -j$JOBS (default 1); results go to $BUILD/search_results/.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD:-$root/build-bench-search}"
records="${RECORDS:-1000000}"
reps="${REPS:-21}"
work="${WORK:-${TMPDIR:-/tmp}/carta_search_bench}"

"$root/scripts/install-bench-deps"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCARTA_BENCH=ON >/dev/null
make -C "$build" -j"${JOBS:-1}" carta_search_bench carta_corpus >/dev/null
mkdir -p "$build/search_results" "$work"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in $records; do
  if [ "${XML:-0}" = 1 ]; then
    start=$(date +%s.%N)
    "$build/carta_corpus" --records "$n" > "$work/corpus_$n.xml"
    echo "corpus: $n records, $(du -h "$work/corpus_$n.xml" | cut -f1) of PubMed XML in $(echo "$(date +%s.%N) - $start" | bc) s"
  fi
  echo "== $n records =="
  "$build/carta_search_bench" --records "$n" --reps "$reps" --dir "$work" --engines "${ENGINES:-carta,carta1,fts5,xapian}" \
    --tsv "$build/search_results/search_$n.tsv" | tee "$build/search_results/search_$n.md"
  echo "== $n records, text fields only (title, abstract, keywords) =="
  "$build/carta_search_bench" --records "$n" --reps "$reps" --dir "$work" --engines "${TEXT_ENGINES:-carta,carta1,fts5}" --text-only 1 \
    --tsv "$build/search_results/search_text_$n.tsv" | tee "$build/search_results/search_text_$n.md"
done
rm -rf "$work/xapian" "$work/xapian_compact" "$work/fts5.db" "$work/carta.idx"

#!/usr/bin/env bash
# The input bounds (issue 18; doc/reliability.md, "Resource limits"): each
# input just over its bound is refused with a message naming the bound and
# where, exit 1, and nothing stored. Each case takes about a second.
# usage: reliability_bounds_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
export CARTA_DB="$WORK/carta.db"

# ---- CSV rows: 1,000,000 data rows at most, in every CSV input (core ParseCsv).
{ echo "time,event,group"; seq 1000001 | awk '{ print ($1 % 2000) + 1 "," ($1 % 2) "," ($1 % 2 ? "A" : "B") }'; } \
  >"$WORK/surv_over.csv"
expect 1 "surv km over the row bound" -- "$CARTA" surv km --input "$WORK/surv_over.csv"
contains "surv row bound named with its line" "$err" "surv_over.csv:1000002: more than 1000000 data rows"
head -n 1000001 "$WORK/surv_over.csv" >"$WORK/surv_max.csv"
expect 0 "surv km at the row bound" -- "$CARTA" surv km --input "$WORK/surv_max.csv" --format json
json_ok "surv km at the bound reads every row" "$out" '[.groups[].n] | add' 1000000

{ echo "study,events,n"; seq 1000001 | awk '{ print "s" $1 "," ($1 % 90) + 1 ",100" }'; } >"$WORK/meta_over.csv"
expect 1 "meta over the row bound" -- "$CARTA" meta --input "$WORK/meta_over.csv"
contains "meta row bound named" "$err" "meta_over.csv:1000002: more than 1000000 data rows"

# ---- A registry file: 64 MiB at most, refused before it is parsed; nothing imported.
{ printf '{"studies": [], "pad": "'; head -c $((65 << 20)) /dev/zero | tr '\0' a; printf '"}'; } >"$WORK/registry.json"
expect 1 "registry file over 64 MiB" -- "$CARTA" registry import "$WORK/registry.json"
contains "registry bound named" "$err" "registry.json: larger than 64 MiB"
if [ ! -e "$CARTA_DB" ]; then ok; else bad "a refused registry import created $CARTA_DB"; fi

# ---- A data file: 16 MiB at most; the previous database stays.
mkdir -p "$WORK/data"
{ printf '# '; head -c $((17 << 20)) /dev/zero | tr '\0' a; echo; } >"$WORK/data/big.carta"
expect 1 "data file over 16 MiB" -- "$CARTA" db build --data "$WORK/data" --db "$WORK/evidence.db"
contains "data file bound named" "$err" "big.carta: a data file larger than 16 MiB"
if [ ! -e "$WORK/evidence.db" ]; then ok; else bad "a refused db build created the database"; fi

# ---- A file whose only record a bound skipped says which bound.
{ printf 'PMID- 1\nTI  - '; head -c $((2 << 20)) /dev/zero | tr '\0' x; printf '\n\n'; } >"$WORK/long.nbib"
expect 1 "MEDLINE line over 1 MiB in the only record" -- "$CARTA" lit import "$WORK/long.nbib"
contains "MEDLINE line bound named" "$err" "long.nbib:1: line 2 is longer than 1 MiB"
{ printf '@article{a,\n title = {'; printf '{%.0s' $(seq 100); printf 'x'; printf '}%.0s' $(seq 100); printf '}\n}\n'; } \
  >"$WORK/deep.bib"
expect 1 "BibTeX braces deeper than 64" -- "$CARTA" lit import "$WORK/deep.bib"
contains "BibTeX nesting bound named" "$err" "deep.bib:1: braces nested deeper than 64"

report reliability_bounds_e2e

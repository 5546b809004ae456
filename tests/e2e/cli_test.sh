#!/usr/bin/env bash
# End-to-end tests of the carta command: exit codes, messages, output formats,
# and that a failed `db build` leaves the previous database as it was.
# usage: cli_test.sh PATH/TO/carta SOURCE_DIR
set -u
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh" "$@"
export CARTA_DB="$WORK/carta.db"
cd "$SRC" || exit 1

# The command table.
expect 2 "no command" -- "$CARTA"
contains "usage lists commands" "$out" "products"
expect 0 "--help" -- "$CARTA" --help
expect 2 "unknown command" -- "$CARTA" prodcts
contains "did you mean" "$err" "did you mean 'products'?"
expect 2 "bad option" -- "$CARTA" products --format xml
expect 0 "subcommand help" -- "$CARTA" studies --help
contains "studies help explains" "$out" "--indication"

# Before a database exists.
expect 1 "no database yet" -- "$CARTA" products
contains "says how to build" "$err" "carta db build"

# Build and read.
expect 0 "db build" -- "$CARTA" db build
contains "build summary" "$err" "11 products"
expect 0 "db info" -- "$CARTA" db info --format json
json_ok "schema version" "$out" '.schema_version' 3
json_ok "info counts products" "$out" '.counts.products' 11

expect 0 "products json" -- "$CARTA" products --format json
json_ok "11 products" "$out" 'length' 11
json_ok "Kymriah approvals" "$out" '[.[] | select(.id == "kymriah") | .approvals[].date] | join(",")' "2017-08,2018-05,2022-05"
json_ok "generation derived" "$out" '[.[] | .generation] | unique | join(",")' 2
expect 0 "products BCMA" -- "$CARTA" products --target BCMA --format json
json_ok "4 BCMA products" "$out" 'length' 4
expect 0 "products NMPA" -- "$CARTA" products --agency NMPA --format json
json_ok "5 NMPA products" "$out" 'length' 5
expect 0 "products csv" -- "$CARTA" products --format csv
contains "csv header" "$(head -1 <<<"$out")" "id,targets,brand,inn,codes,developer,structure,generation,approvals"
expect 0 "products table" -- "$CARTA" products
contains "table shows Chinese names" "$out" "源瑞达"

expect 0 "studies json" -- "$CARTA" studies --product CTL019 --format json
json_ok "Kymriah cohorts" "$out" '[.[].id] | sort | join(",")' "eliana,eliana5-elara,juliet"
json_ok "NR is a value" "$out" '.[] | select(.id == "eliana5-elara") | .survival.pfs_median.not_reached' true
expect 0 "studies by indication" -- "$CARTA" studies --indication LBCL --format json
json_ok "DLBCL counts as LBCL" "$out" '[.[].id] | index("chictr2100047990-yescarta") != null' true
expect 1 "unknown product" -- "$CARTA" studies --product Kymria
contains "unknown product message" "$err" "no product called 'Kymria'"

expect 0 "show cohort" -- "$CARTA" show eliana
contains "show provenance" "$out" "ref 44; Table 3"
expect 0 "show by Chinese name" -- "$CARTA" show 源瑞达
contains "show brings the construct" "$out" "HI19a"
expect 0 "show json" -- "$CARTA" show transcend-nhl-001-lbcl --format json
json_ok "both n observations" "$out" '[.[0].fields[] | select(.key == "n") | .value] | join(",")' "270,269"
expect 1 "show unknown" -- "$CARTA" show elianna
contains "show suggests" "$err" "did you mean 'eliana'?"

expect 0 "generations" -- "$CARTA" generations --format json
json_ok "five generations" "$out" 'length' 5
json_ok "approved products are generation 2" "$out" '.[1].examples | index("Kymriah") != null' true

# The audit.
expect 0 "check runs" -- "$CARTA" check --format json
json_ok "check finds CR above ORR in ELIANA" "$out" '[.findings[] | select(.rule == "cr-above-orr") | .subject] | index("cohort eliana") != null' true
json_ok "check finds the FL count" "$out" '[.findings[] | select(.subject == "claim cd19-fl")] | length' 1
expect 1 "check --strict" -- "$CARTA" check --strict
expect 0 "check rules" -- "$CARTA" check --rules
contains "rules listed" "$out" "rate-granularity"

# Bad input: the load fails with file:line, exits 1, and the database stays as it was.
before="$(sha256sum "$CARTA_DB" | cut -d' ' -f1)"
bad_build() {  # bad_build DESCRIPTION SED-EXPRESSION FILE EXPECTED-MESSAGE
  rm -rf "$WORK/data"
  cp -r "$SRC/data" "$WORK/data"
  sed -i "$2" "$WORK/data/$3"
  expect 1 "$1" -- "$CARTA" db build --data "$WORK/data"
  contains "$1: message" "$err" "$4"
  contains "$1: says the database was kept" "$err" "nothing was written"
  local now
  now="$(sha256sum "$CARTA_DB" | cut -d' ' -f1)"
  if [ "$now" = "$before" ]; then ok; else bad "$1: the database changed"; fi
}
bad_build "percentage of 130" '0,/orr *= 81%/s//orr = 130%/' cohorts_cd19.carta "cohorts_cd19.carta:"
bad_build "percentage of 130 reason" '0,/orr *= 81%/s//orr = 130%/' cohorts_cd19.carta "outside 0-100%"
bad_build "not a number" '0,/^n *= 79/s//n = seventy-nine/' cohorts_cd19.carta "is not a whole number"
bad_build "unknown product" '0,/^product *= Kymriah/s//product = Kymria/' cohorts_cd19.carta "unknown product 'Kymria'"
bad_build "malformed header" '1i [cohort' claims.carta "claims.carta:1:"
bad_build "missing provenance" '0,/^source *=.*/s///' trials.carta "has no provenance"
printf '\xff\xfe\n' > "$WORK/bin.carta"
rm -rf "$WORK/data" && cp -r "$SRC/data" "$WORK/data" && cp "$WORK/bin.carta" "$WORK/data/zz.carta"
expect 1 "binary file" -- "$CARTA" db build --data "$WORK/data"
contains "binary file message" "$err" "not valid UTF-8"
expect 1 "missing data folder" -- "$CARTA" db build --data "$WORK/nowhere"
contains "missing folder message" "$err" "no evidence folder"
printf 'not a database' > "$WORK/junk.db"
expect 1 "corrupt database" -- "$CARTA" products --db "$WORK/junk.db"

# Meta-analysis (numbers checked against metafor in the unit tests; here the command's plumbing).
expect 0 "meta by indication" -- "$CARTA" meta --outcome orr --target CD19 --by indication --format json
json_ok "meta k" "$out" '.k' 22
json_ok "meta keys" "$out" '[has("estimate"), has("tau2_ci_lb"), has("prop_pi_ub"), has("Q_pval")] | all' true
json_ok "meta subgroups" "$out" '.subgroups | length' 5
json_ok "meta test between" "$out" '.test_between.Q * 10000 | round' 131432
expect 0 "meta table" -- "$CARTA" meta --outcome orr --target CD19 --indication lbcl
contains "metafor-like summary" "$out" "Random-Effects Model (k = 7; tau^2 estimator: REML)"
printf 'study,events,n\na,12,20\nb,30,40\nc,7,30\n' > "$WORK/in.csv"
expect 0 "meta from CSV" -- "$CARTA" meta --input "$WORK/in.csv" --method DL --knha --format json
json_ok "csv k" "$out" '.k' 3
json_ok "knha gives tval" "$out" 'has("tval")' true
expect 0 "leave1out" -- "$CARTA" meta leave1out --input "$WORK/in.csv" --format csv
contains "leave1out rows" "$(wc -l <<<"$out")" "4"
printf 'study,events,n\na,12,20\nb,30,x\n' > "$WORK/bad.csv"
expect 1 "meta bad CSV" -- "$CARTA" meta --input "$WORK/bad.csv"
contains "bad CSV names line and column" "$err" "bad.csv:3: column 'n'"
expect 0 "meta-regression" -- "$CARTA" meta --outcome orr --target CD19 --mods indication --format json
json_ok "regression QM equals the common-tau2 subgroup test" "$out" '.regression.QM * 10000 | round' 127102
json_ok "regression has R2" "$out" '.regression.R2 > 0' true
expect 0 "bias" -- "$CARTA" meta bias --outcome orr --target CD19 --format json
json_ok "bias keys" "$out" '[.egger.pval, .rank.tau, .trimfill.k0] | map(. != null) | all' true
expect 0 "gosh json" -- "$CARTA" meta gosh --outcome orr --target CD19 --indication LBCL --format json
json_ok "gosh subsets" "$out" '.subsets' 127
expect 0 "gosh csv" -- "$CARTA" meta gosh --outcome orr --target CD19 --indication LBCL --format csv
contains "gosh csv rows" "$(wc -l <<<"$out")" "128"
expect 0 "permtest" -- "$CARTA" meta permtest --input "$WORK/in.csv" --format json
json_ok "3 studies: exact with 8 sign flips" "$out" '[.exact, .iterations] | tostring' '[true,8]'
expect 0 "forest and funnel plots" -- "$CARTA" meta --outcome orr --target CD19 --by indication --svg "$WORK/forest.svg" --funnel "$WORK/funnel.svg"
contains "forest plot is SVG" "$(head -c 300 "$WORK/forest.svg")" "<svg"
contains "forest plot has the pooled diamond" "$(cat "$WORK/forest.svg")" 'class="pooled"'
contains "funnel plot is SVG" "$(head -c 300 "$WORK/funnel.svg")" "<svg"
expect 1 "meta unknown outcome" -- "$CARTA" meta --outcome orrr
contains "outcome suggestion" "$err" "did you mean 'orr'?"
expect 1 "meta without input" -- "$CARTA" meta

# Hostile paths and files (regressions found in review): no crash, no hang, a message.
mkfifo "$WORK/fifo.db"
expect 1 "a FIFO as database" -- timeout 10 "$CARTA" products --db "$WORK/fifo.db"
contains "FIFO message" "$err" "not a regular file"
expect 1 "empty database path" -- "$CARTA" db build --db ""
expect 1 "in-memory database" -- "$CARTA" db build --db ":memory:"
bad_name="$WORK/$(printf 'd\xfe')"
mkdir -p "$bad_name" && cp "$SRC"/data/*.carta "$bad_name"/
expect 0 "data folder with a non-UTF-8 name" -- "$CARTA" db build --data "$bad_name" --db "$WORK/odd.db"
expect 0 "JSON of non-UTF-8 paths" -- "$CARTA" db info --db "$WORK/odd.db" --format json
json_ok "replacement character" "$out" '.data_dir | length > 0' true
rm -rf "$WORK/data" && cp -r "$SRC/data" "$WORK/data" && ln -s loop.carta "$WORK/data/loop.carta"
expect 0 "a symlink loop in the data folder is skipped" -- timeout 10 "$CARTA" db build --data "$WORK/data" --db "$WORK/loop.db"
expect 1 "unknown --target" -- "$CARTA" products --target D
contains "target suggestion" "$err" "is not one of"
expect 0 "indication in any case" -- "$CARTA" studies --indication lbcl --format json
json_ok "lbcl finds LBCL cohorts" "$out" 'length > 5' true

# Output that cannot be written is a failure (issue 18): a full device.
if [ -w /dev/full ]; then
  "$CARTA" tox crs --temp-c 39 --format json >/dev/full 2>"$WORK/full_err"; full_rc=$?
  if [ "$full_rc" -ne 0 ]; then ok; else bad "stdout to /dev/full exited 0"; fi
  contains "full disk message" "$(cat "$WORK/full_err")" "could not write the output"
fi

report cli

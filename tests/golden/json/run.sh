#!/usr/bin/env bash
# Golden JSON: every key and value of every command's --format json output is
# pinned here, so that a key can never change by accident.
#
#   run.sh CARTA SOURCE_DIR GROUP [--update]
#
# tests/golden/json/GROUP/cases lists one case a line: "NAME<TAB>ARGS" (ARGS as
# a shell would read them; $SRC is the source folder, $WORK the case folder).
# Each case runs `carta ARGS` in a scratch folder whose carta.db was built
# from data/ (and prepared by GROUP/setup.sh when there is one, run with
# $CARTA, $SRC and $WORK set), and its stdout must equal GROUP/NAME.json, with
# exit status 0: the same keys in the same order, the same strings, and numbers
# equal to 1e-6 relative (scaled by max(|x|, 1): the precision carta promises against R), so that a rounding change in
# the last digits is not a failure but a changed key or value is. Output that
# is not JSON must equal the file byte for byte. --update rewrites the files.
set -uo pipefail
CARTA=$(realpath "$1"); SRC=$(realpath "$2"); GROUP=$3; UPDATE=${4:-}
DIR="$SRC/tests/golden/json/$GROUP"
[[ -f "$DIR/cases" ]] || { echo "no cases file: $DIR/cases"; exit 1; }
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
export CARTA SRC WORK CARTA_DB="$WORK/carta.db" CARTA_REVIEWER=golden
cd "$WORK"
(cd "$SRC" && "$CARTA" db build --db "$WORK/carta.db" >/dev/null) || { echo "db build failed"; exit 1; }
if [[ -f "$DIR/setup.sh" ]]; then bash "$DIR/setup.sh" >/dev/null || { echo "setup.sh failed"; exit 1; }; fi
# Structural equality with a numeric tolerance; keys_unsorted pins key order.
JQ_SAME='def same($x; $y):
  if ($x|type) == "number" and ($y|type) == "number" then
    (($x - $y) | fabs) <= 1e-6 * ([1, ($x|fabs), ($y|fabs)] | max)
  elif ($x|type) == "object" and ($y|type) == "object" then
    ($x|keys_unsorted) == ($y|keys_unsorted) and all($x|keys_unsorted[]; same($x[.]; $y[.]))
  elif ($x|type) == "array" and ($y|type) == "array" then
    ($x|length) == ($y|length) and all(range($x|length); same($x[.]; $y[.]))
  else $x == $y end;
same($a[0]; $b[0])'
matches() {  # matches ACTUAL_FILE EXPECTED_FILE
  if jq -e . "$1" >/dev/null 2>&1 && jq -e . "$2" >/dev/null 2>&1; then
    [[ "$(jq -n --slurpfile a "$1" --slurpfile b "$2" "$JQ_SAME")" == "true" ]]
  else
    cmp -s "$1" "$2"
  fi
}
fail=0; n=0
while IFS=$'\t' read -r name args; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  n=$((n + 1))
  out=$(eval "\"\$CARTA\" $args" 2>"$WORK/stderr"); rc=$?
  if [[ $rc -ne 0 ]]; then echo "FAIL $GROUP/$name: exit $rc: $(head -c 400 "$WORK/stderr")"; fail=1; continue; fi
  if [[ "$UPDATE" == "--update" ]]; then printf '%s\n' "$out" > "$DIR/$name.json"; continue; fi
  if [[ ! -f "$DIR/$name.json" ]]; then echo "FAIL $GROUP/$name: no $name.json (run with --update)"; fail=1; continue; fi
  printf '%s\n' "$out" > "$WORK/actual"
  if ! matches "$WORK/actual" "$DIR/$name.json"; then
    echo "FAIL $GROUP/$name: output differs from $name.json:"; diff "$WORK/actual" "$DIR/$name.json" | head -n 40; fail=1
  fi
done < "$DIR/cases"
[[ $n -gt 0 ]] || { echo "no cases in $DIR/cases"; exit 1; }
[[ $fail -eq 0 ]] && echo "ok: $n cases of $GROUP"
exit $fail

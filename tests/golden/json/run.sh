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
# $CARTA, $SRC and $WORK set), and its stdout must equal GROUP/NAME.json
# byte for byte, with exit status 0. --update rewrites the expected files.
set -uo pipefail
CARTA=$(realpath "$1"); SRC=$(realpath "$2"); GROUP=$3; UPDATE=${4:-}
DIR="$SRC/tests/golden/json/$GROUP"
[[ -f "$DIR/cases" ]] || { echo "no cases file: $DIR/cases"; exit 1; }
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
export CARTA SRC WORK CARTA_DB="$WORK/carta.db" CARTA_REVIEWER=golden
cd "$WORK"
(cd "$SRC" && "$CARTA" db build --db "$WORK/carta.db" >/dev/null) || { echo "db build failed"; exit 1; }
if [[ -f "$DIR/setup.sh" ]]; then bash "$DIR/setup.sh" >/dev/null || { echo "setup.sh failed"; exit 1; }; fi
fail=0; n=0
while IFS=$'\t' read -r name args; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  n=$((n + 1))
  out=$(eval "\"\$CARTA\" $args" 2>"$WORK/stderr"); rc=$?
  if [[ $rc -ne 0 ]]; then echo "FAIL $GROUP/$name: exit $rc: $(head -c 400 "$WORK/stderr")"; fail=1; continue; fi
  if [[ "$UPDATE" == "--update" ]]; then printf '%s\n' "$out" > "$DIR/$name.json"; continue; fi
  if [[ ! -f "$DIR/$name.json" ]]; then echo "FAIL $GROUP/$name: no $name.json (run with --update)"; fail=1; continue; fi
  if ! diff <(printf '%s\n' "$out") "$DIR/$name.json" > "$WORK/diff"; then
    echo "FAIL $GROUP/$name: output differs from $name.json:"; head -n 40 "$WORK/diff"; fail=1
  fi
done < "$DIR/cases"
[[ $n -gt 0 ]] || { echo "no cases in $DIR/cases"; exit 1; }
[[ $fail -eq 0 ]] && echo "ok: $n cases of $GROUP"
exit $fail

# Shared by the end-to-end scripts: run a command and check its exit code,
# output and JSON. Source it with the script's arguments (PATH/TO/carta and
# the source folder): it sets CARTA, SRC and WORK (a temporary folder,
# removed on exit). Print the tally with `report NAME` at the end.
CARTA="$1"
SRC="$2"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# expect CODE DESCRIPTION -- COMMAND...: runs the command, keeps stdout and stderr in $out/$err.
expect() {
  local code="$1" what="$2"
  shift 3
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  out="$(cat "$WORK/out")"
  err="$(cat "$WORK/err")"
  if [ "$got" -eq "$code" ]; then ok; else bad "$what: exit $got, expected $code; stderr: $err"; fi
}

contains() {  # contains DESCRIPTION HAYSTACK NEEDLE
  if grep -qF -- "$3" <<<"$2"; then ok; else bad "$1: no '$3' in: ${2:0:400}"; fi
}

json_ok() {  # json_ok DESCRIPTION TEXT JQ-FILTER EXPECTED
  local v
  v="$(jq -r "$3" <<<"$2" 2>&1)" || { bad "$1: not JSON: ${2:0:200}"; return; }
  if [ "$v" = "$4" ]; then ok; else bad "$1: $3 gave '$v', expected '$4'"; fi
}

# report NAME: the closing line ctest's log and CI read, and the exit status.
report() {
  echo "$1: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}

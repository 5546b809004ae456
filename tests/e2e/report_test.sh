#!/usr/bin/env bash
# End-to-end test of `carta report`: the command writes the report, refuses
# what it must refuse, and the page opens in headless Chromium (Debian's
# chromium driven by playwright-core from tests/e2e/web, installed by
# scripts/install-deps) with every table and figure in place. Screenshots are
# kept as test artefacts in ARTEFACTS (default: report-screenshots/ in the
# current folder, which ctest runs in the build folder).
# Usage: report_test.sh PATH/TO/carta SOURCE_DIR [ARTEFACTS]
source "$(dirname "$0")/lib.sh" "$@"
ARTEFACTS="${3:-$PWD/report-screenshots}"
mkdir -p "$ARTEFACTS"
export CARTA_DB="$WORK/carta.db"

expect 0 "db build" -- "$CARTA" db build --data "$SRC/data"
expect 0 "report en" -- "$CARTA" report --out "$WORK/report" --data "$SRC/data"
contains "prints the page's path" "$out" "$WORK/report/index.html"
for f in index.html fig2_prisma.svg fig3_generations.svg fig4_cd19_response.svg fig5_cd19_survival.svg \
         fig6a_bcma_pfs.svg fig6b_bcma_response.svg table1_generations.csv table2_products.csv table3_cd19.csv \
         table4_bcma.csv pooled_summary.csv pooled_orr_target.svg fig_km_example.svg fig_cure_example.svg table_audit.csv; do
  if [ -s "$WORK/report/$f" ]; then ok; else bad "report file $f missing or empty"; fi
done
expect 0 "report zh" -- "$CARTA" report --out "$WORK/report-zh" --lang zh --data "$SRC/data"
contains "Chinese page" "$(cat "$WORK/report-zh/index.html")" "文献筛选流程图"

# One figure alone, and the errors.
expect 0 "report --only fig4" -- "$CARTA" report --out "$WORK/fig4" --only fig4 --data "$SRC/data"
if [ "$(ls "$WORK/fig4" | wc -l)" -eq 3 ]; then ok; else bad "--only fig4 wrote $(ls "$WORK/fig4")"; fi  # the page, the figure, the manifest
expect 1 "unknown id" -- "$CARTA" report --out "$WORK/x" --only fig44 --data "$SRC/data"
contains "did you mean" "$err" "did you mean 'fig4'"
expect 1 "unknown language" -- "$CARTA" report --out "$WORK/x" --lang fr --data "$SRC/data"
contains "language message" "$err" "expected en or zh"
mkdir -p "$WORK/mine" && echo precious >"$WORK/mine/thesis.txt"
expect 1 "refuses a folder of the user's" -- "$CARTA" report --out "$WORK/mine" --data "$SRC/data"
contains "says why" "$err" "is not part of a carta report"
if [ "$(cat "$WORK/mine/thesis.txt")" = precious ]; then ok; else bad "the user's file was touched"; fi
# A folder with an index.html of the user's (a web site) is not a report either.
mkdir -p "$WORK/site" && echo '<html>mine</html>' >"$WORK/site/index.html" && echo precious >"$WORK/site/thesis.docx"
expect 1 "refuses a site that has an index.html" -- "$CARTA" report --out "$WORK/site" --data "$SRC/data"
if [ -f "$WORK/site/thesis.docx" ] && grep -q mine "$WORK/site/index.html"; then ok; else bad "the site was touched"; fi
# A previous report with a file of the user's added is refused too.
echo notes >"$WORK/report/my-notes.txt"
expect 1 "refuses a report with the user's file in it" -- "$CARTA" report --out "$WORK/report" --data "$SRC/data"
rm "$WORK/report/my-notes.txt"
expect 0 "out with a trailing slash" -- "$CARTA" report --out "$WORK/slash/" --data "$SRC/data"
if [ -s "$WORK/slash/index.html" ] && [ "$(ls -d "$WORK"/slash* | wc -l)" -eq 1 ]; then ok; else bad "trailing slash: $(ls -d "$WORK"/slash*)"; fi
expect 1 "refuses /" -- "$CARTA" report --out / --data "$SRC/data"
expect 0 "replaces a previous report" -- "$CARTA" report --out "$WORK/report" --data "$SRC/data"
expect 2 "no --out" -- "$CARTA" report

# The page in a real browser.
CHECK="$SRC/tests/e2e/web/report_check.mjs"
if [ ! -d "$SRC/tests/e2e/web/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
  bad "headless browser missing: run scripts/install-deps (chromium, playwright-core)"
else
  for lang in en zh; do
    dir="$WORK/report"; [ "$lang" = zh ] && dir="$WORK/report-zh"
    expect 0 "Chromium check ($lang)" -- timeout 180 node "$CHECK" "$dir" "$ARTEFACTS/report_$lang.png" "$lang"
    [ -n "$err" ] && echo "$err" >&2
    if [ -s "$ARTEFACTS/report_$lang.png" ]; then ok; else bad "no screenshot for $lang"; fi
  done
fi
report report_e2e

#!/usr/bin/env bash
# The registrations of the registry cases: the ClinicalTrials.gov fixtures and
# the hand-written ZUMA-7 and ChiCTR records (tests/fixtures/registry/SOURCES.md),
# copied into the case folder so that the stored file names do not depend on
# where the source folder is.
set -euo pipefail
cd "$WORK"
cp "$SRC"/tests/fixtures/registry/*.json "$SRC"/tests/fixtures/registry/*.csv .
"$CARTA" registry import get_NCT02576665_protocol_only.json search_keytruda_limit3.json zuma7_handwritten.json \
  chictr_handwritten.csv

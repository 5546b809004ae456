#!/usr/bin/env bash
# The registrations of the registry cases: the ClinicalTrials.gov fixtures and
# the hand-written ZUMA-7 record (tests/fixtures/registry/SOURCES.md).
set -euo pipefail
F="$SRC/tests/fixtures/registry"
"$CARTA" registry import "$F/get_NCT02576665_protocol_only.json" "$F/search_keytruda_limit3.json" \
  "$F/zuma7_handwritten.json" "$F/chictr_handwritten.csv"

# registry: trial registrations (ClinicalTrials.gov API v2 JSON, ChiCTR CSV),
# the cohorts citing each, and the audit rules that check cohorts against them.
carta_module(registry
  SOURCES
    src/registry/ctgov.cc
    src/registry/chictr.cc
    src/registry/citations.cc
    src/registry/indications.cc
    src/registry/audit.cc
  DEPS core evidence
  LIBS nlohmann_json::nlohmann_json
)
set(CARTA_registry_COMMAND_SOURCES
  tools/carta/cmd_registry.cc
)
set(CARTA_registry_TESTS
  src/registry/registry_test.cc
)
carta_json_golden(registry)
add_test(NAME registry_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/extract_registry_test.sh $<TARGET_FILE:carta>
         ${CMAKE_SOURCE_DIR})

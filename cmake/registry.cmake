# registry: trial registrations (ClinicalTrials.gov API v2 JSON, ChiCTR CSV),
# the cohorts citing each, and the audit rules that check cohorts against them.
# Listed after api in CARTA_MODULES so that its JSON encoders (api_registry.cmake)
# can be added to carta_api here.
carta_module(registry
  SOURCES
    src/registry/ctgov.cc
    src/registry/chictr.cc
    src/registry/citations.cc
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
include(cmake/api_registry.cmake)
# The extract module is declared before api; its encoders join carta_api here,
# once carta_api exists (api.cmake's list of domains is the lead's).
include(cmake/api_extract.cmake)
carta_json_golden(registry)
add_test(NAME registry_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/extract_registry_test.sh $<TARGET_FILE:carta>
         ${CMAKE_SOURCE_DIR})

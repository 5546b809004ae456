# carta::clinical: CRS and ICANS grading (ASTCT 2019), ICE and CAPD, CARTOX-10
# and CRES, CAR-HEMATOTOX, EASIX and m-EASIX, daily series, management summary;
# tox.cc holds the use cases of `carta tox` (one per subcommand).
# Included by the top-level CMakeLists.txt, which adds these lists to the targets.
carta_module(clinical
  SOURCES
    src/clinical/grade.cc
    src/clinical/names.cc
    src/clinical/units.cc
    src/clinical/crs.cc
    src/clinical/icans.cc
    src/clinical/legacy.cc
    src/clinical/scores.cc
    src/clinical/series.cc
    src/clinical/series_csv.cc
    src/clinical/guidance.cc
    src/clinical/tox.cc
  DEPS core
  LIBS Boost::headers
)
set(CARTA_clinical_COMMAND_SOURCES
  tools/carta/cmd_tox.cc
)
set(CARTA_clinical_TESTS
  src/clinical/units_test.cc
  src/clinical/crs_test.cc
  src/clinical/icans_test.cc
  src/clinical/legacy_test.cc
  src/clinical/scores_test.cc
  src/clinical/series_test.cc
  src/clinical/tox_test.cc
)
add_test(NAME tox_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/tox_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})
carta_json_golden(tox)

# The survival module (carta::survival) and the `carta surv` command.
# Included by the top-level CMakeLists.txt before its targets exist, so it only
# sets source lists; the top level adds them to carta_lib, carta and carta_tests.
carta_module(survival
  SOURCES
    src/survival/data.cc
    src/survival/km.cc
    src/survival/logrank.cc
    src/survival/cox.cc
    src/survival/mle.cc
    src/survival/families.cc
    src/survival/parametric.cc
    src/survival/predict.cc
    src/survival/guyot.cc
    src/survival/reconstruct_input.cc
    src/survival/reconstruct.cc
    src/survival/pool.cc
    src/survival/pool_censored.cc
    src/survival/pool_ipd.cc
    src/survival/analyze.cc
  DEPS core evidence meta
  LIBS ${NLOPT_LIB} Eigen3::Eigen Boost::headers nlohmann_json::nlohmann_json
)
set(CARTA_survival_COMMAND_SOURCES
  tools/carta/cmd_surv.cc
)
set(CARTA_survival_TESTS
  src/survival/km_test.cc
  src/survival/compare_test.cc
  src/survival/parametric_test.cc
  src/survival/cure_test.cc
  src/survival/reconstruct_test.cc
  src/survival/pool_test.cc
  src/survival/pool_ipd_test.cc
  src/survival/analyze_test.cc
)

# End-to-end tests of `carta surv`.
add_test(NAME surv_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/surv_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})
carta_json_golden(surv)

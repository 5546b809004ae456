# meta: effect sizes, random-effects models and meta-regression, subgroups,
# GLMM, bias tests, GOSH and permutation tests (checked against metafor).
carta_module(meta
  SOURCES
    src/meta/effects.cc
    src/meta/rma.cc
    src/meta/moderators.cc
    src/meta/subgroups.cc
    src/meta/analysis.cc
    src/meta/genq.cc
    src/meta/bias.cc
    src/meta/fast.cc
    src/meta/glmm.cc
    src/meta/resampling.cc
    src/meta/numeric.cc
    src/meta/run.cc
    src/meta/policy.cc
    src/meta/cumulative.cc
    src/meta/diagnostics.cc
    src/meta/multilevel.cc
    src/meta/multilevel_run.cc
  DEPS core evidence
  LIBS Eigen3::Eigen Boost::headers Threads::Threads
)
set(CARTA_meta_COMMAND_SOURCES
  tools/carta/cmd_meta.cc
)
set(CARTA_meta_TESTS
  src/meta/rma_test.cc
  src/meta/convention_test.cc
  src/meta/resampling_test.cc
  src/meta/run_test.cc
  src/meta/large_test.cc
  src/meta/moderators_test.cc
  src/meta/correction_test.cc
  src/meta/cumulative_test.cc
  src/meta/diagnostics_test.cc
  src/meta/multilevel_test.cc
  src/meta/policy_test.cc
)
carta_json_golden(meta)
add_test(NAME meta_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/meta_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})
carta_json_golden(meta_mv)
add_test(NAME meta_multilevel_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/meta_multilevel_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})

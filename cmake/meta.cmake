# meta: effect sizes, random-effects models and meta-regression, subgroups,
# GLMM, bias tests, GOSH and permutation tests (checked against metafor).
carta_module(meta
  SOURCES
    src/meta/effects.cc
    src/meta/rma.cc
    src/meta/subgroups.cc
    src/meta/analysis.cc
    src/meta/bias.cc
    src/meta/fast.cc
    src/meta/glmm.cc
    src/meta/resampling.cc
  DEPS core evidence
  LIBS Eigen3::Eigen Boost::headers Threads::Threads
)
set(CARTA_meta_COMMAND_SOURCES
  tools/carta/cmd_meta.cc
  tools/carta/meta_format.cc
  tools/carta/meta_sensitivity_format.cc
)
set(CARTA_meta_TESTS
  src/meta/rma_test.cc
  src/meta/resampling_test.cc
)

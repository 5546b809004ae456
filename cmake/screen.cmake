# The screening module (carta::screen): de-duplication, screening criteria and
# decisions, active-learning ranking and simulation, PRISMA 2020 counts.
# Included by the top-level CMakeLists.txt before its targets exist, so it only
# sets source lists; the top level adds them to carta_lib and carta_tests.
carta_module(screen
  SOURCES
    src/screen/text_keys.cc
    src/screen/dedup_links.cc
    src/screen/dedup.cc
    src/screen/criteria.cc
    src/screen/decisions.cc
    src/screen/features.cc
    src/screen/classifiers.cc
    src/screen/logistic.cc
    src/screen/ranker.cc
    src/screen/metrics.cc
    src/screen/simulate.cc
    src/screen/prisma.cc
    src/screen/prisma_check.cc
  DEPS core biblio
  LIBS PkgConfig::UTF8PROC
)
set(CARTA_screen_TESTS
  src/screen/dedup_test.cc
  src/screen/screen_test.cc
  src/screen/ranker_test.cc
  src/screen/prisma_test.cc
)

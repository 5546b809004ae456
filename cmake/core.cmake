# core: Status and Result, text and Unicode helpers, CSV in and out, progress,
# the thread budget, the exact binomial interval. Depends on no module.
carta_module(core
  SOURCES
    src/core/status.cc
    src/core/text.cc
    src/core/csv.cc
    src/core/progress.cc
    src/core/threads.cc
    src/core/binomial.cc
    src/core/file.cc
  LIBS PkgConfig::UTF8PROC Boost::headers Threads::Threads
)
set(CARTA_core_TESTS
  src/core/text_test.cc
  src/core/csv_test.cc
  src/core/file_test.cc
)

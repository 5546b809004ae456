# The literature-search benchmark: carta's index against SQLite FTS5 and Xapian
# (bench/search_*.cc) on a synthetic MEDLINE-like corpus (bench/corpus_*.cc).
# Included by the top-level CMakeLists.txt inside if(CARTA_BENCH), after
# carta_lib exists; needs libxapian-dev (scripts/install-bench-deps).
find_package(PkgConfig REQUIRED)
find_package(SQLite3 REQUIRED)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core)

set(CARTA_BENCH_DIR ${CMAKE_CURRENT_LIST_DIR}/../bench)

# The corpus generator, shared by carta_corpus and carta_search_bench.
add_library(carta_corpus_gen STATIC
  ${CARTA_BENCH_DIR}/corpus_gen.cc
  ${CARTA_BENCH_DIR}/corpus_vocab.cc
  ${CARTA_BENCH_DIR}/corpus_xml.cc
)
target_link_libraries(carta_corpus_gen PUBLIC carta_lib)
carta_warnings(carta_corpus_gen)

add_executable(carta_corpus ${CARTA_BENCH_DIR}/corpus_main.cc)
target_link_libraries(carta_corpus PRIVATE carta_corpus_gen carta_lib)
carta_warnings(carta_corpus)

add_executable(carta_search_bench
  ${CARTA_BENCH_DIR}/search_bench.cc
  ${CARTA_BENCH_DIR}/search_queries.cc
  ${CARTA_BENCH_DIR}/search_engines.cc
  ${CARTA_BENCH_DIR}/search_xapian.cc
)
target_link_libraries(carta_search_bench PRIVATE carta_corpus_gen carta_lib SQLite::SQLite3 PkgConfig::XAPIAN)
carta_warnings(carta_search_bench)

# The full-text search module (carta::search): tokeniser, index, PubMed and
# CNKI query languages. Included by the top-level CMakeLists.txt before its
# targets exist, so it only sets source lists.
carta_module(search
  SOURCES
    src/search/tokenizer.cc
    src/search/fields.cc
    src/search/segment.cc
    src/search/postings.cc
    src/search/merge.cc
    src/search/build_memory.cc
    src/search/segment_builder.cc
    src/search/builder.cc
    src/search/index.cc
    src/search/evaluate.cc
    src/search/match_positions.cc
    src/search/sets.cc
    src/search/term_builder.cc
    src/search/pubmed_tags.cc
    src/search/pubmed_parser.cc
    src/search/cnki_parser.cc
    src/search/query.cc
    src/search/mesh_tree.cc
  DEPS core biblio
  LIBS PkgConfig::UTF8PROC Threads::Threads
)
set(CARTA_search_COMMAND_SOURCES "")
set(CARTA_search_TESTS
  src/search/tokenizer_test.cc
  src/search/index_test.cc
  src/search/builder_test.cc
  src/search/pubmed_test.cc
  src/search/cnki_test.cc
  src/search/oracle_test.cc
  src/search/mesh_test.cc
)

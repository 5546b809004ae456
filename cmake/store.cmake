# store: the project database (all SQL): the evidence tables and the
# literature tables, with the search index as a cache file beside it.
carta_module(store
  SOURCES
    src/store/sqlite.cc
    src/store/store.cc
    src/store/literature.cc
    src/store/literature_codec.cc
    src/store/literature_index.cc
    src/store/literature_screen.cc
    src/store/registry.cc
    src/store/extraction.cc
    src/store/team.cc
  DEPS core evidence biblio search screen registry extract
  LIBS SQLite::SQLite3 nlohmann_json::nlohmann_json
)
set(CARTA_store_TESTS
  src/store/store_test.cc
  src/store/literature_test.cc
  src/store/registry_test.cc
)

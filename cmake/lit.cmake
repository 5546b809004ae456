# lit: the literature pipeline's use cases (carta::lit), import -> search with
# history -> de-duplicate -> screen -> PRISMA -> export, over the literature
# tables of the project database; and the `carta lit` command's files.
# Included by the top-level CMakeLists.txt after store and before api.
carta_module(lit
  SOURCES
    src/lit/corpus.cc
    src/lit/query.cc
    src/lit/search.cc
    src/lit/import.cc
    src/lit/dedup.cc
    src/lit/criteria.cc
    src/lit/screen_state.cc
    src/lit/screening.cc
    src/lit/screen_view.cc
    src/lit/prisma.cc
    src/lit/export.cc
    src/lit/team.cc src/lit/team_queue.cc src/lit/team_highlight.cc src/lit/team_group.cc
  DEPS core biblio search screen store
)
set(CARTA_lit_COMMAND_SOURCES
  tools/carta/cmd_lit.cc
  tools/carta/cmd_lit_import.cc
  tools/carta/cmd_lit_search.cc
  tools/carta/cmd_lit_dedup.cc
  tools/carta/cmd_lit_screen.cc
  tools/carta/cmd_lit_screen_view.cc
  tools/carta/cmd_lit_prisma.cc
  tools/carta/cmd_lit_export.cc
  tools/carta/lit_common.cc
)
set(CARTA_lit_TESTS
  src/lit/lit_test.cc
)

# End-to-end: import -> search -> dedup -> screen -> PRISMA on the fixtures.
add_test(NAME lit_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/lit_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})
# The six-database scenario: sources detected, cross-database duplicates, order independence.
add_test(NAME lit_sources_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/lit_sources_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})
# Golden JSON of every `carta lit` subcommand (tests/golden/json/lit).
carta_json_golden(lit)

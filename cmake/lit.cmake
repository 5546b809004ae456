# The literature pipeline (carta::store literature tables) and `carta lit`:
# import -> search with history -> de-duplicate -> screen -> PRISMA.
# Included by the top-level CMakeLists.txt before its targets exist, so it only
# sets source lists. It joins biblio, search and screen (listed before it in
# CARTA_MODULES).
set(CARTA_lit_COMMAND_SOURCES "")
set(CARTA_lit_TESTS "")
list(APPEND CARTA_lit_COMMAND_SOURCES
  tools/carta/cmd_lit.cc
  tools/carta/cmd_lit_import.cc
  tools/carta/cmd_lit_search.cc
  tools/carta/cmd_lit_dedup.cc
  tools/carta/cmd_lit_screen.cc
  tools/carta/cmd_lit_screen_view.cc
  tools/carta/cmd_lit_prisma.cc
  tools/carta/cmd_lit_export.cc
  tools/carta/lit_common.cc
  tools/carta/lit_state.cc
)

# End-to-end: import -> search -> dedup -> screen -> PRISMA on the fixtures.
add_test(NAME lit_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/lit_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})

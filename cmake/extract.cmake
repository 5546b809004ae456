# extract: data extraction forms (two extractors, blind until both finish),
# disagreements field by field, consensus, and the consensus as evidence
# layered over the curated base (doc/extraction.md).
carta_module(extract
  SOURCES
    src/extract/form.cc
  DEPS core evidence
)
set(CARTA_extract_COMMAND_SOURCES
  tools/carta/cmd_extract.cc
)
set(CARTA_extract_TESTS
  src/extract/form_test.cc
)
add_test(NAME extract_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/extract_loop_test.sh $<TARGET_FILE:carta>
         ${CMAKE_SOURCE_DIR})

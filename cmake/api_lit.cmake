# api's encoders of the literature pipeline (carta::lit results and requests).
target_sources(carta_api PRIVATE src/api/lit_json.cc)
target_link_libraries(carta_api PUBLIC carta_lit)
list(APPEND CARTA_api_TESTS src/api/lit_json_test.cc)

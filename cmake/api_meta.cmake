# api: the JSON of meta-analyses (carta meta) and their requests.
target_sources(carta_api PRIVATE src/api/meta_json.cc src/api/meta_text.cc src/api/meta_sensitivity_text.cc
                                  src/api/meta_multilevel_text.cc)
target_link_libraries(carta_api PUBLIC carta_meta)
list(APPEND CARTA_api_TESTS src/api/meta_json_test.cc src/api/meta_multilevel_json_test.cc)

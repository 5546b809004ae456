# The survival module's JSON (include/carta/api/survival.h).
target_sources(carta_api PRIVATE src/api/survival_json.cc src/api/survival_text.cc
                                 src/api/survival_model_text.cc src/api/survival_ipd_text.cc)
target_link_libraries(carta_api PUBLIC carta_survival)
list(APPEND CARTA_api_TESTS src/api/survival_json_test.cc)

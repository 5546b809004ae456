# api: the JSON and listings of trial registrations (carta registry).
target_sources(carta_api PRIVATE src/api/registry_json.cc)
target_link_libraries(carta_api PUBLIC carta_registry carta_store)
list(APPEND CARTA_api_TESTS src/api/registry_json_test.cc)

# api: JSON and CSV of carta::clinical's toxicity use cases (ToJson of every
# result, FromJson of every request).
target_sources(carta_api PRIVATE
  src/api/clinical_json.cc
  src/api/clinical_request.cc
  src/api/clinical_text.cc
)
target_link_libraries(carta_api PUBLIC carta_clinical)
list(APPEND CARTA_api_TESTS src/api/clinical_json_test.cc)

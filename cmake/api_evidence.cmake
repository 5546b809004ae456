# api encoders of the evidence results (carta products|studies|show|check|
# generations|db info) and decoders of their requests.
target_sources(carta_api PRIVATE src/api/evidence_json.cc)
target_link_libraries(carta_api PUBLIC carta_evidence carta_store)
set(CARTA_api_TESTS ${CARTA_api_TESTS} src/api/evidence_json_test.cc)

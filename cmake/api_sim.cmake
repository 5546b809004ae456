# api: JSON and CSV of carta::sim's virtual patients, trials and comparisons.
target_sources(carta_api PRIVATE
  src/api/sim_json.cc
)
target_link_libraries(carta_api PUBLIC carta_sim)
list(APPEND CARTA_api_TESTS src/api/sim_json_test.cc)

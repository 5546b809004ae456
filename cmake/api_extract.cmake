# api: the JSON of extraction forms, disagreements and consensus (carta extract).
# And of carta update (include/carta/api/update.h).
target_sources(carta_api PRIVATE src/api/extract_json.cc src/api/update_json.cc)
target_link_libraries(carta_api PUBLIC carta_extract carta_report)

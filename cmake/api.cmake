# api: the one JSON encoding of library results and decoding of requests,
# shared by the carta command and the server. It depends on every module
# whose results it encodes; each domain's encoders are listed in
# cmake/api_<domain>.cmake (target_sources on carta_api and the edge to the
# domain's module).
carta_module(api
  SOURCES
    src/api/json.cc
    src/api/request.cc
    src/api/listing.cc
    src/api/text.cc
  DEPS core
)
target_link_libraries(carta_api PUBLIC nlohmann_json::nlohmann_json)
set(CARTA_api_TESTS
  src/api/json_test.cc
  src/api/request_test.cc
)
foreach(domain evidence meta survival clinical lit registry extract team sim)
  include(cmake/api_${domain}.cmake OPTIONAL)
endforeach()

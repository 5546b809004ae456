# server: `carta serve`, the library behind a JSON API and the page of web/,
# embedded at build time (cmake/embed_web.cmake writes web_assets.cc; no
# request path ever reaches the file system). cpp-httplib is Debian's
# compiled library (libcpp-httplib-dev, built with OpenSSL, zlib and brotli:
# its pkg-config flags must be used so the class layouts match); tokens are
# hashed with libcrypto's SHA-256.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(OpenSSL REQUIRED)

set(CARTA_WEB_FILES
  ${CMAKE_SOURCE_DIR}/web/index.html
  ${CMAKE_SOURCE_DIR}/web/app.js
  ${CMAKE_SOURCE_DIR}/web/screen.js
  ${CMAKE_SOURCE_DIR}/web/tox.js
  ${CMAKE_SOURCE_DIR}/web/extract.js
  ${CMAKE_SOURCE_DIR}/web/i18n.js
  ${CMAKE_SOURCE_DIR}/web/style.css
)
string(REPLACE ";" "|" carta_web_files_arg "${CARTA_WEB_FILES}")
add_custom_command(
  OUTPUT ${CMAKE_BINARY_DIR}/generated/web_assets.cc
  COMMAND ${CMAKE_COMMAND} -DOUT=${CMAKE_BINARY_DIR}/generated/web_assets.cc -DROOT=${CMAKE_SOURCE_DIR}/web
          -DFILES=${carta_web_files_arg} -P ${CMAKE_SOURCE_DIR}/cmake/embed_web.cmake
  DEPENDS ${CARTA_WEB_FILES} ${CMAKE_SOURCE_DIR}/cmake/embed_web.cmake
  COMMENT "Embedding web/ into the server"
  VERBATIM
)

carta_module(server
  SOURCES
    src/server/server.cc
    src/server/http.cc
    src/server/token.cc
    src/server/caches.cc
    src/server/jobs.cc
    src/server/routes_evidence.cc
    src/server/routes_clinical.cc
    src/server/routes_lit.cc
    src/server/routes_team.cc
    src/server/routes_extract.cc
    src/server/routes_report.cc
    src/server/routes_import.cc
    src/server/exports.cc
    src/server/static_files.cc
    ${CMAKE_BINARY_DIR}/generated/web_assets.cc
  DEPS core api evidence meta clinical survival lit store screen plot biblio extract report sim
  LIBS PkgConfig::HTTPLIB OpenSSL::Crypto
)
set(CARTA_server_COMMAND_SOURCES
  tools/carta/cmd_serve.cc
)
set(CARTA_server_TESTS
  src/server/server_test.cc
  src/server/team_test.cc
  src/server/extract_test.cc
  src/server/report_test.cc
  src/server/import_test.cc
  src/server/screen_page_test.cc
  src/server/cache_test.cc
)
# The tests use httplib's classes too: they must see the same pkg-config flags
# (CPPHTTPLIB_OPENSSL_SUPPORT changes httplib::Client's layout, and the
# library's constructor would write past a test's smaller object).
set_source_files_properties(${CARTA_server_TESTS} PROPERTIES COMPILE_OPTIONS "${HTTPLIB_CFLAGS}")
add_test(NAME serve_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/serve_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})
add_test(NAME serve_scale_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/serve_scale_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})

# The report module (carta::report) and `carta report`: the review's tables
# and figures, pooled analyses and audit as HTML with SVG and CSV files.
# Included by the top-level CMakeLists.txt before its targets exist.
carta_module(report
  SOURCES
    src/report/strings.cc
    src/report/html.cc
    src/report/sec_literature.cc
    src/report/sec_constructs.cc
    src/report/sec_cohorts.cc
    src/report/sec_pooled.cc
    src/report/sec_survival.cc
    src/report/sec_sim.cc
    src/report/sec_audit.cc
    src/report/sec_changes.cc
    src/report/survival_figures.cc
    src/report/report.cc
    src/report/update.cc
  DEPS core evidence meta plot survival sim
  LIBS Boost::headers
)
set(CARTA_report_COMMAND_SOURCES
  tools/carta/cmd_report.cc
  tools/carta/cmd_update.cc
)
set(CARTA_report_TESTS
  src/report/report_test.cc
  src/report/update_test.cc
)

# End-to-end: the command, and the page in headless Chromium (screenshots in
# <build>/report-screenshots as test artefacts).
add_test(NAME report_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/report_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR}
         ${CMAKE_BINARY_DIR}/report-screenshots)

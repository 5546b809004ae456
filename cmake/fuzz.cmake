# The fuzz harnesses of tests/fuzz/ (doc/reliability.md, "Fuzzing"). One list
# of targets, built two ways:
#   - CARTA_FUZZ=ON (make fuzz: clang, -fsanitize=fuzzer-no-link plus ASan and
#     UBSan in CMAKE_CXX_FLAGS): one libFuzzer executable fuzz_<name> per
#     target, all built by the target carta_fuzz;
#   - otherwise (every normal build): carta_fuzz_replay, every harness body
#     with a small driver main, and one ctest test fuzz_regress_<name> per
#     target that replays its committed seed corpus (tests/fuzz/corpus/<name>)
#     and its kept findings (tests/fuzz/regressions/<name>, when there).
option(CARTA_FUZZ "build the libFuzzer targets of tests/fuzz (clang only)" OFF)

# target name -> the module library its harness needs.
set(CARTA_FUZZ_TARGETS
  biblio_pubmed_xml:carta_biblio
  biblio_pubmed_xml_gz:carta_biblio
  biblio_medline:carta_biblio
  biblio_ris:carta_biblio
  biblio_noteexpress:carta_biblio
  biblio_endnote:carta_biblio
  biblio_refworks:carta_biblio
  biblio_estudy:carta_biblio
  biblio_wos:carta_biblio
  biblio_bibtex:carta_biblio
  biblio_csv:carta_biblio
  biblio_endnote_xml:carta_biblio
  biblio_auto:carta_biblio
  search_pubmed:carta_search
  search_cnki:carta_search
  search_index_file:carta_search
  evidence_records:carta_evidence
  meta_csv:carta_meta
  surv_csv:carta_survival
  registry_json:carta_registry
  api_requests:carta_api
)

set(carta_fuzz_dir ${CMAKE_SOURCE_DIR}/tests/fuzz)
if(CARTA_FUZZ)
  add_custom_target(carta_fuzz)
  foreach(entry ${CARTA_FUZZ_TARGETS})
    string(REPLACE ":" ";" parts ${entry})
    list(GET parts 0 name)
    list(GET parts 1 lib)
    add_executable(fuzz_${name} ${carta_fuzz_dir}/${name}.cc)
    target_compile_definitions(fuzz_${name} PRIVATE CARTA_FUZZ_LIBFUZZER)
    target_include_directories(fuzz_${name} PRIVATE ${carta_fuzz_dir} ${CMAKE_SOURCE_DIR}/src)
    target_link_libraries(fuzz_${name} PRIVATE ${lib})
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    add_dependencies(carta_fuzz fuzz_${name})
  endforeach()
else()
  set(carta_fuzz_sources ${carta_fuzz_dir}/replay_main.cc)
  foreach(entry ${CARTA_FUZZ_TARGETS})
    string(REPLACE ":" ";" parts ${entry})
    list(GET parts 0 name)
    list(APPEND carta_fuzz_sources ${carta_fuzz_dir}/${name}.cc)
    add_test(NAME fuzz_regress_${name}
             COMMAND carta_fuzz_replay ${name} ${carta_fuzz_dir}/corpus/${name} ${carta_fuzz_dir}/regressions/${name})
  endforeach()
  add_executable(carta_fuzz_replay ${carta_fuzz_sources})
  target_include_directories(carta_fuzz_replay PRIVATE ${carta_fuzz_dir} ${CMAKE_SOURCE_DIR}/src)
  target_link_libraries(carta_fuzz_replay PRIVATE carta_lib)
  carta_warnings(carta_fuzz_replay)
endif()

# Crash safety, concurrency, a full disk and the index cache, end to end (doc/reliability.md).
add_test(NAME reliability_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/reliability_test.sh $<TARGET_FILE:carta>
                                      ${CMAKE_SOURCE_DIR})
# The input bounds, each just over its limit (doc/reliability.md, "Resource limits").
add_test(NAME reliability_bounds_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/reliability_bounds_test.sh
                                             $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})
# SIGKILL during extraction writes; the server and the command writing at once (doc/reliability.md).
add_test(NAME reliability_writers_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/reliability_writers_test.sh
                                              $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})

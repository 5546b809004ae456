# carta_module(NAME SOURCES ... DEPS ... LIBS ...): one static library per
# module, carta_<NAME>, that may include the public headers of the modules in
# DEPS (and what they depend on) and nothing else: its public include folder
# holds only carta/<NAME> (a link into include/carta/), and each dependency
# brings its own, so including a header of a module not in DEPS fails to
# compile. Private headers live in src/<NAME>/ and are included by file name.
# The graph is doc/architecture.md's; a new edge needs its reason there.
function(carta_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;LIBS" ${ARGN})
  set(include_root ${CMAKE_BINARY_DIR}/module_include/${name})
  if(NOT EXISTS ${include_root}/carta/${name})
    file(MAKE_DIRECTORY ${include_root}/carta)
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/include/carta/${name} ${include_root}/carta/${name} SYMBOLIC)
  endif()
  add_library(carta_${name} STATIC ${M_SOURCES})
  target_compile_features(carta_${name} PUBLIC cxx_std_20)
  target_include_directories(carta_${name} PUBLIC ${include_root} PRIVATE ${CMAKE_SOURCE_DIR}/src/${name})
  set(deps "")
  foreach(dep ${M_DEPS})
    list(APPEND deps carta_${dep})
  endforeach()
  target_link_libraries(carta_${name} PUBLIC ${deps} PRIVATE ${M_LIBS})
  # Boost.Math reports domain, overflow and evaluation errors by exception by
  # default; carta's API returns Status, so they return NaN and callers check.
  target_compile_definitions(carta_${name} PRIVATE BOOST_MATH_DOMAIN_ERROR_POLICY=ignore_error
                             BOOST_MATH_OVERFLOW_ERROR_POLICY=ignore_error BOOST_MATH_EVALUATION_ERROR_POLICY=ignore_error)
  carta_warnings(carta_${name})
  set_property(GLOBAL APPEND PROPERTY CARTA_MODULE_TARGETS carta_${name})
endfunction()

# carta_json_golden(GROUP): the test that pins the --format json output of the
# command cases in tests/golden/json/GROUP/cases (see tests/golden/json/run.sh).
function(carta_json_golden group)
  add_test(NAME json_${group}
           COMMAND bash ${CMAKE_SOURCE_DIR}/tests/golden/json/run.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR} ${group})
endfunction()

# carta::sim: the CAR-T simulator (doc/model.md): a product, a disease and a
# regimen as a model description; its own DOPRI5 solver with events; virtual
# patients and virtual trials; calibration and strategy comparisons.
# DEPS: clinical grades CRS and ICANS from the simulated signs (ASTCT rules),
# survival gives the Kaplan–Meier curves of virtual trials, evidence supplies
# the observed cohorts that calibration fits and checks against, plot draws
# the figures (core: Status, threads, progress, Clopper–Pearson).
carta_module(sim
  SOURCES
    src/sim/model.cc
    src/sim/parameters.cc
    src/sim/solver.cc
    src/sim/car_t_system.cc
    src/sim/patient.cc
    src/sim/trial.cc
    src/sim/compare.cc
    src/sim/calibrate.cc
    src/sim/figures.cc
  DEPS core clinical survival evidence plot
  LIBS Threads::Threads ${NLOPT_LIB}
)
set(CARTA_sim_COMMAND_SOURCES
  tools/carta/cmd_sim.cc
)
set(CARTA_sim_TESTS
  src/sim/solver_test.cc
  src/sim/patient_test.cc
  src/sim/trial_test.cc
  src/sim/calibrate_test.cc
  src/sim/figures_test.cc
)
add_test(NAME sim_e2e COMMAND bash ${CMAKE_SOURCE_DIR}/tests/e2e/sim_test.sh $<TARGET_FILE:carta> ${CMAKE_SOURCE_DIR})
# The time-per-patient benchmark beside R deSolve (bench/sim.sh, make bench-sim);
# off by default, and without the other benchmarks' dependencies.
option(CARTA_SIM_BENCH "build bench/sim_bench.cc" OFF)
if(CARTA_SIM_BENCH)
  add_executable(carta_sim_bench bench/sim_bench.cc)
  target_link_libraries(carta_sim_bench PRIVATE carta_sim)
  carta_warnings(carta_sim_bench)
endif()
carta_json_golden(sim)

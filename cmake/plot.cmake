# The plot module (carta::plot): SVG figures written by carta itself, with no
# external renderer. Included by the top-level CMakeLists.txt before its
# targets exist, so it only sets source lists.
carta_module(plot
  SOURCES
    src/plot/svg.cc
    src/plot/forest.cc
    src/plot/diagnostics.cc
    src/plot/axes.cc
    src/plot/charts.cc
    src/plot/km_plot.cc
    src/plot/prisma.cc
    src/plot/car_schematic.cc
  DEPS core meta
  LIBS Boost::headers
)
set(CARTA_plot_COMMAND_SOURCES
)
set(CARTA_plot_TESTS
  src/plot/svg_test.cc
  src/plot/forest_test.cc
  src/plot/diagnostics_test.cc
  src/plot/charts_test.cc
  src/plot/km_plot_test.cc
  src/plot/prisma_test.cc
  src/plot/car_schematic_test.cc
)
# expat parses the SVGs in the tests (well-formedness, counting marks).

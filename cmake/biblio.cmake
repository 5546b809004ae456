# The bibliographic module (carta::biblio): streaming readers of PubMed XML,
# MEDLINE, RIS and the CNKI / Wanfang exports, and RIS / CSV / JSON writers.
# Included by the top-level CMakeLists.txt before its targets exist, so it only
# sets source lists; the top level adds them to carta_lib and carta_tests.
carta_module(biblio
  SOURCES
    src/biblio/input.cc
    src/biblio/source.cc
    src/biblio/record_ids.cc
    src/biblio/line_reader.cc
    src/biblio/fields.cc
    src/biblio/tagged.cc
    src/biblio/medline.cc
    src/biblio/ris.cc
    src/biblio/cnki.cc
    src/biblio/wos.cc
    src/biblio/bibtex.cc
    src/biblio/csv.cc
    src/biblio/encoding.cc
    src/biblio/pubmed_xml_state.cc
    src/biblio/pubmed_xml.cc
    src/biblio/xml_stream.cc
    src/biblio/endnote_xml.cc
    src/biblio/mesh.cc
    src/biblio/read.cc
    src/biblio/write.cc
  DEPS core
  LIBS EXPAT::EXPAT ZLIB::ZLIB nlohmann_json::nlohmann_json
)
set(CARTA_biblio_COMMAND_SOURCES
)
set(CARTA_biblio_TESTS
  src/biblio/fields_test.cc
  src/biblio/pubmed_xml_test.cc
  src/biblio/medline_test.cc
  src/biblio/ris_test.cc
  src/biblio/cnki_test.cc
  src/biblio/read_test.cc
  src/biblio/hostile_test.cc
  src/biblio/write_test.cc
  src/biblio/formats_test.cc
  src/biblio/source_test.cc
  src/biblio/csv_test.cc
  src/biblio/ids_test.cc
  src/biblio/endnote_xml_test.cc
  src/biblio/mesh_test.cc
)
# expat parses PubMed XML (SAX, streaming); zlib decodes .xml.gz on the fly;
# nlohmann_json (header-only) writes the JSON output.

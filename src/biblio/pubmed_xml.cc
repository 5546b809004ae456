// PubMed XML (PubmedArticleSet: efetch results, baseline and update files),
// read with expat's SAX interface so that a 150 MB baseline file streams
// through a fixed-size buffer. Element names and nesting: NLM, "PubMed XML
// DTD" pubmed_250101.dtd, https://dtd.nlm.nih.gov/ncbi/pubmed/out/.
//
// Only elements at their documented place are read (MedlineCitation/PMID,
// not CommentsCorrections/PMID; PubmedData/ArticleIdList, not a reference's
// ArticleIdList). Inside a field being read, inline markup (<i>, <sub>,
// <sup>, <u>, MathML) is transparent: its text is kept, its tags dropped.
#include <expat.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "carta/biblio/read.h"
#include "carta/core/text.h"
#include "fields.h"
#include "pubmed_xml_state.h"
#include "tagged.h"
#include "xml_stream.h"

namespace carta::biblio {

namespace {

constexpr size_t kChunkBytes = 256 * 1024;

void XMLCALL OnStart(void* data, const XML_Char* name, const XML_Char** atts) {
  static_cast<PubmedXmlState*>(data)->Start(name, atts);
}
void XMLCALL OnEnd(void* data, const XML_Char* /*name*/) { static_cast<PubmedXmlState*>(data)->End(); }
void XMLCALL OnText(void* data, const XML_Char* s, int len) {
  static_cast<PubmedXmlState*>(data)->Text(s, static_cast<size_t>(len));
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

Status NotWellFormed(XML_Parser parser, const ReadOptions& options, int delivered) {
  return XmlNotWellFormed(parser, options.name, std::to_string(delivered) + " record(s) before it were read");
}

}  // namespace

Status ReadPubmedXml(InputStream* in, const ReadOptions& options, const RecordSink& sink) {
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
  if (!parser) return Status::Internal("expat: cannot create a parser");
  PubmedXmlState state(options, sink, parser.get());
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser.get(), OnText);
  while (true) {
    void* buffer = XML_GetBuffer(parser.get(), static_cast<int>(kChunkBytes));
    if (buffer == nullptr) return Status::Internal("expat: out of memory");
    size_t n = 0;
    Status s = in->Read(static_cast<char*>(buffer), kChunkBytes, &n);
    if (!s.ok()) return s.WithContext(options.name);
    if (XML_ParseBuffer(parser.get(), static_cast<int>(n), n == 0) != XML_STATUS_OK) {
      if (!state.error().ok()) return state.error();
      return NotWellFormed(parser.get(), options, state.delivered());
    }
    if (n == 0) break;
  }
  return Status::Ok();
}

}  // namespace carta::biblio

// PubMed XML for the synthetic corpus: the elements carta's reader maps
// (src/biblio/pubmed_xml_state.cc), so that `carta lit import` can be timed
// on the same records the engines index.
#include "corpus_gen.h"

namespace carta::bench {

namespace {

void Escaped(std::string_view text, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '&': *out += "&amp;"; break;
      case '"': *out += "&quot;"; break;
      default: *out += c;
    }
  }
}

void Element(const char* name, std::string_view text, std::string* out) {
  *out += '<';
  *out += name;
  *out += '>';
  Escaped(text, out);
  *out += "</";
  *out += name;
  *out += ">\n";
}

void AbstractXml(const std::string& abstract, std::string* out) {
  *out += "<Abstract>\n";
  size_t at = 0;
  while (at < abstract.size()) {
    size_t end = abstract.find('\n', at);
    if (end == std::string::npos) end = abstract.size();
    std::string_view para = std::string_view(abstract).substr(at, end - at);
    const size_t colon = para.find(": ");
    *out += "<AbstractText";
    if (colon != std::string_view::npos) {
      *out += " Label=\"";
      Escaped(para.substr(0, colon), out);
      *out += "\"";
      para.remove_prefix(colon + 2);
    }
    *out += '>';
    Escaped(para, out);
    *out += "</AbstractText>\n";
    at = end + 1;
  }
  *out += "</Abstract>\n";
}

void AuthorsXml(const std::vector<std::string>& authors, std::string* out) {
  *out += "<AuthorList>\n";
  for (const std::string& a : authors) {
    const size_t comma = a.find(", ");
    *out += "<Author>";
    if (comma == std::string::npos) {
      Element("CollectiveName", a, out);
    } else {
      Element("LastName", std::string_view(a).substr(0, comma), out);
      Element("ForeName", std::string_view(a).substr(comma + 2), out);
    }
    *out += "</Author>\n";
  }
  *out += "</AuthorList>\n";
}

void MeshXml(const std::vector<biblio::MeshHeading>& mesh, std::string* out) {
  *out += "<MeshHeadingList>\n";
  for (const biblio::MeshHeading& h : mesh) {
    *out += "<MeshHeading><DescriptorName MajorTopicYN=\"";
    *out += h.major ? "Y\">" : "N\">";
    Escaped(h.descriptor, out);
    *out += "</DescriptorName>";
    for (const std::string& q : h.qualifiers) Element("QualifierName", q, out);
    *out += "</MeshHeading>\n";
  }
  *out += "</MeshHeadingList>\n";
}

}  // namespace

void AppendPubmedXml(const biblio::Record& r, std::string* out) {
  *out += "<PubmedArticle><MedlineCitation>\n";
  Element("PMID", r.pmid, out);
  *out += "<Article>\n<Journal><JournalIssue><PubDate>";
  Element("Year", std::to_string(r.year), out);
  if (r.month != 0) Element("Month", std::to_string(r.month), out);
  if (r.day != 0) Element("Day", std::to_string(r.day), out);
  *out += "</PubDate></JournalIssue>\n";
  Element("Title", r.journal, out);
  *out += "</Journal>\n";
  Element("ArticleTitle", r.title, out);
  if (!r.doi.empty()) {
    *out += "<ELocationID EIdType=\"doi\">";
    Escaped(r.doi, out);
    *out += "</ELocationID>\n";
  }
  if (!r.abstract.empty()) AbstractXml(r.abstract, out);
  if (!r.authors.empty()) AuthorsXml(r.authors, out);
  Element("Language", r.language, out);
  *out += "<PublicationTypeList>\n";
  for (const std::string& t : r.publication_types) Element("PublicationType", t, out);
  *out += "</PublicationTypeList>\n</Article>\n";
  if (!r.mesh.empty()) MeshXml(r.mesh, out);
  if (!r.keywords.empty()) {
    *out += "<KeywordList>\n";
    for (const std::string& k : r.keywords) Element("Keyword", k, out);
    *out += "</KeywordList>\n";
  }
  *out += "</MedlineCitation></PubmedArticle>\n";
}

}  // namespace carta::bench

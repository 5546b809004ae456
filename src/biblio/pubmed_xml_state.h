// The PubMed XML reader's SAX state: which element we are in, which field the
// character data belongs to, and the article being assembled. Split from
// pubmed_xml.cc (the expat driver) to keep each file short. Internal.
#ifndef CARTA_SRC_BIBLIO_PUBMED_XML_STATE_H_
#define CARTA_SRC_BIBLIO_PUBMED_XML_STATE_H_

#include <expat.h>

#include <cstdint>
#include <string>
#include <vector>

#include "carta/biblio/read.h"
#include "carta/biblio/record.h"

namespace carta::biblio {

// The elements the reader looks at; every other element is kOther.
enum class El : uint8_t {
  kOther, kPubmedArticle, kPubmedBookArticle, kDeleteCitation, kMedlineCitation, kPMID,
  kArticle, kJournal, kJournalIssue, kVolume, kIssue, kPubDate, kYear, kMonth, kDay,
  kMedlineDate, kSeason, kTitle, kISOAbbreviation, kArticleTitle, kPagination, kMedlinePgn,
  kStartPage, kEndPage, kELocationID, kAbstract, kAbstractText, kAuthorList, kAuthor,
  kLastName, kForeName, kInitials, kCollectiveName, kLanguage, kPublicationTypeList,
  kPublicationType, kArticleDate, kKeywordList, kKeyword, kMeshHeadingList, kMeshHeading,
  kDescriptorName, kQualifierName, kPubmedData, kArticleIdList, kArticleId, kMedlineCitationSet,
  kISSN, kVernacularTitle,
};

class PubmedXmlState {
 public:
  // Deeper nesting than this stops the parse (PubMed's own depth is < 12).
  static constexpr size_t kMaxDepth = 256;
  // Text kept per field; a longer field is cut and the record skipped.
  static constexpr size_t kMaxFieldBytes = 1 << 20;
  // A field this long stops the parse: no export has one, and reading a
  // hostile gigabyte-long text node to its end took 43 s before the skip.
  static constexpr size_t kMaxFieldReadBytes = size_t{16} << 20;

  PubmedXmlState(const ReadOptions& options, const RecordSink& sink, XML_Parser parser)
      : options_(options), sink_(sink), parser_(parser) {
    stack_.reserve(64);
  }

  void Start(const char* name, const char** atts);
  void End();
  void Text(const char* s, size_t len);

  // Ok, or why this state stopped the parser (too deep).
  const Status& error() const { return error_; }
  int delivered() const { return delivered_; }

 private:
  // The field that character data currently goes to.
  enum class Target : uint8_t {
    kNone, kPmid, kDeletePmid, kTitle, kAbstractText, kLastName, kForeName, kInitials,
    kCollective, kJournal, kIsoAbbrev, kVolume, kIssue, kPubYear, kPubMonth, kPubDay,
    kMedlineDate, kSeason, kArtYear, kArtMonth, kArtDay, kMedlinePgn, kStartPage, kEndPage,
    kElocDoi, kIdDoi, kLanguage, kPubType, kKeyword, kDescriptor, kQualifier, kIssn, kVernacularTitle,
  };

  Target TargetFor(El el, El parent, El grand, const char** atts);
  void Capture(Target target);
  void FinishCapture();
  void StartArticle();
  void EndArticle();
  // Sets the record's date and its electronic date (ArticleDate); an
  // impossible one is a warning, the record kept without it.
  void FinishDate(std::vector<std::string>* warnings);
  int Line() const { return static_cast<int>(XML_GetCurrentLineNumber(parser_)); }

  const ReadOptions& options_;
  const RecordSink& sink_;
  XML_Parser parser_;
  Status error_;
  int delivered_ = 0;

  std::vector<El> stack_;
  Target target_ = Target::kNone;
  size_t target_depth_ = 0;
  std::string text_;       // the captured field's text (capacity reused)
  bool text_cut_ = false;  // the field hit kMaxFieldBytes
  size_t text_read_ = 0;   // bytes of the field's text seen, kept or not

  // The article being read.
  bool in_article_ = false;
  Record record_;
  std::vector<std::string> problems_;
  std::string label_;  // AbstractText Label attribute
  std::string last_, fore_, initials_, collective_;
  bool author_valid_ = true;
  bool major_ = false;  // MajorTopicYN="Y" on the element being captured
  std::string iso_abbrev_, pub_year_, pub_month_, pub_day_, medline_date_, season_;
  std::string art_year_, art_month_, art_day_, start_page_, end_page_, eloc_doi_, id_doi_;
};

}  // namespace carta::biblio

#endif  // CARTA_SRC_BIBLIO_PUBMED_XML_STATE_H_

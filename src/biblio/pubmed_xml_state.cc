#include "pubmed_xml_state.h"

#include <cstring>
#include <string_view>
#include <unordered_map>

#include "carta/core/text.h"
#include "fields.h"
#include "tagged.h"

namespace carta::biblio {

namespace {

El Lookup(std::string_view name) {
  static const std::unordered_map<std::string_view, El> kElements = {
      {"PubmedArticle", El::kPubmedArticle}, {"PubmedBookArticle", El::kPubmedBookArticle},
      {"DeleteCitation", El::kDeleteCitation}, {"MedlineCitation", El::kMedlineCitation},
      {"PMID", El::kPMID}, {"Article", El::kArticle}, {"Journal", El::kJournal},
      {"JournalIssue", El::kJournalIssue}, {"Volume", El::kVolume}, {"Issue", El::kIssue},
      {"PubDate", El::kPubDate}, {"Year", El::kYear}, {"Month", El::kMonth}, {"Day", El::kDay},
      {"MedlineDate", El::kMedlineDate}, {"Season", El::kSeason}, {"Title", El::kTitle},
      {"ISOAbbreviation", El::kISOAbbreviation}, {"ArticleTitle", El::kArticleTitle},
      {"Pagination", El::kPagination}, {"MedlinePgn", El::kMedlinePgn}, {"StartPage", El::kStartPage},
      {"EndPage", El::kEndPage}, {"ELocationID", El::kELocationID}, {"Abstract", El::kAbstract},
      {"AbstractText", El::kAbstractText}, {"AuthorList", El::kAuthorList}, {"Author", El::kAuthor},
      {"LastName", El::kLastName}, {"ForeName", El::kForeName}, {"Initials", El::kInitials},
      {"CollectiveName", El::kCollectiveName}, {"Language", El::kLanguage},
      {"PublicationTypeList", El::kPublicationTypeList}, {"PublicationType", El::kPublicationType},
      {"ArticleDate", El::kArticleDate}, {"KeywordList", El::kKeywordList}, {"Keyword", El::kKeyword},
      {"MeshHeadingList", El::kMeshHeadingList}, {"MeshHeading", El::kMeshHeading},
      {"DescriptorName", El::kDescriptorName}, {"QualifierName", El::kQualifierName},
      {"PubmedData", El::kPubmedData}, {"MedlineCitationSet", El::kMedlineCitationSet}, {"ArticleIdList", El::kArticleIdList}, {"ArticleId", El::kArticleId},
      {"ISSN", El::kISSN}, {"VernacularTitle", El::kVernacularTitle},
  };
  auto it = kElements.find(name);
  return it == kElements.end() ? El::kOther : it->second;
}

// The value of attribute `name`, or "".
std::string_view Attr(const char** atts, const char* name) {
  for (; atts && atts[0]; atts += 2) {
    if (std::strcmp(atts[0], name) == 0) return atts[1];
  }
  return "";
}

}  // namespace

// Which field an element's text goes to, given its parent and grandparent;
// kNone for everything the reader does not keep.
PubmedXmlState::Target PubmedXmlState::TargetFor(El el, El parent, El grand, const char** atts) {
  switch (el) {
    case El::kPMID:
      if (parent == El::kDeleteCitation) return Target::kDeletePmid;
      return parent == El::kMedlineCitation && in_article_ ? Target::kPmid : Target::kNone;
    case El::kArticleTitle: return parent == El::kArticle ? Target::kTitle : Target::kNone;
    case El::kVernacularTitle: return parent == El::kArticle ? Target::kVernacularTitle : Target::kNone;
    case El::kISSN: return parent == El::kJournal ? Target::kIssn : Target::kNone;
    case El::kAbstractText:
      if (parent != El::kAbstract || grand != El::kArticle) return Target::kNone;
      label_ = Attr(atts, "Label");
      return Target::kAbstractText;
    case El::kLastName: return parent == El::kAuthor ? Target::kLastName : Target::kNone;
    case El::kForeName: return parent == El::kAuthor ? Target::kForeName : Target::kNone;
    case El::kInitials: return parent == El::kAuthor ? Target::kInitials : Target::kNone;
    case El::kCollectiveName: return parent == El::kAuthor ? Target::kCollective : Target::kNone;
    case El::kTitle: return parent == El::kJournal ? Target::kJournal : Target::kNone;
    case El::kISOAbbreviation: return parent == El::kJournal ? Target::kIsoAbbrev : Target::kNone;
    case El::kVolume: return parent == El::kJournalIssue ? Target::kVolume : Target::kNone;
    case El::kIssue: return parent == El::kJournalIssue ? Target::kIssue : Target::kNone;
    case El::kYear: return parent == El::kPubDate ? Target::kPubYear : parent == El::kArticleDate ? Target::kArtYear : Target::kNone;
    case El::kMonth: return parent == El::kPubDate ? Target::kPubMonth : parent == El::kArticleDate ? Target::kArtMonth : Target::kNone;
    case El::kDay: return parent == El::kPubDate ? Target::kPubDay : parent == El::kArticleDate ? Target::kArtDay : Target::kNone;
    case El::kMedlineDate: return parent == El::kPubDate ? Target::kMedlineDate : Target::kNone;
    case El::kSeason: return parent == El::kPubDate ? Target::kSeason : Target::kNone;
    case El::kMedlinePgn: return parent == El::kPagination ? Target::kMedlinePgn : Target::kNone;
    case El::kStartPage: return parent == El::kPagination ? Target::kStartPage : Target::kNone;
    case El::kEndPage: return parent == El::kPagination ? Target::kEndPage : Target::kNone;
    case El::kELocationID:
      return parent == El::kArticle && Attr(atts, "EIdType") == "doi" ? Target::kElocDoi : Target::kNone;
    case El::kArticleId:
      return parent == El::kArticleIdList && grand == El::kPubmedData && Attr(atts, "IdType") == "doi"
                 ? Target::kIdDoi : Target::kNone;
    case El::kLanguage: return parent == El::kArticle ? Target::kLanguage : Target::kNone;
    case El::kPublicationType: return parent == El::kPublicationTypeList ? Target::kPubType : Target::kNone;
    case El::kKeyword: return parent == El::kKeywordList && grand == El::kMedlineCitation ? Target::kKeyword : Target::kNone;
    case El::kDescriptorName:
    case El::kQualifierName:
      if (parent != El::kMeshHeading) return Target::kNone;
      major_ = Attr(atts, "MajorTopicYN") == "Y";
      return el == El::kDescriptorName ? Target::kDescriptor : Target::kQualifier;
    default: return Target::kNone;
  }
}

void PubmedXmlState::Start(const char* name, const char** atts) {
  if (stack_.size() >= kMaxDepth) {
    SourceLocation where;
    where.file = options_.name;
    where.line = Line();
    error_ = Status::Corruption(options_.name + ":" + std::to_string(Line()) + ": XML nested deeper than " +
                                std::to_string(kMaxDepth) + " elements; PubMed XML is never this deep")
                 .WithLocation(where);
    XML_StopParser(parser_, XML_FALSE);
    return;
  }
  El parent = stack_.empty() ? El::kOther : stack_.back();
  El grand = stack_.size() < 2 ? El::kOther : stack_[stack_.size() - 2];
  El el = Lookup(name);
  stack_.push_back(el);
  if (target_ != Target::kNone) return;  // inline markup inside a field: keep its text only
  // NLM's MedlineCitationSet (MEDLINE/PubMed baseline files before 2017, the
  // MEDLINE DTD) has no PubmedArticle wrapper: each MedlineCitation is a record.
  if (el == El::kPubmedArticle || (el == El::kMedlineCitation && parent == El::kMedlineCitationSet)) {
    return StartArticle();
  }
  if (el == El::kPubmedBookArticle && sink_.on_skip) {
    sink_.on_skip({options_.name + ":" + std::to_string(Line()), "PubmedBookArticle (a book or chapter) is not read"});
  }
  if (el == El::kAuthor && parent == El::kAuthorList && grand == El::kArticle) {
    last_.clear(), fore_.clear(), initials_.clear(), collective_.clear();
    author_valid_ = Attr(atts, "ValidYN") != "N";
  }
  if (el == El::kMeshHeading && in_article_) record_.mesh.emplace_back();
  Target target = TargetFor(el, parent, grand, atts);
  if (target == Target::kNone || (!in_article_ && target != Target::kDeletePmid)) return;
  target_ = target;
  target_depth_ = stack_.size();
  text_.clear();
  text_cut_ = false;
  text_read_ = 0;
}

void PubmedXmlState::Text(const char* s, size_t len) {
  if (target_ == Target::kNone) return;
  text_read_ += len;
  if (text_read_ > kMaxFieldReadBytes) {
    SourceLocation where;
    where.file = options_.name;
    where.line = Line();
    error_ = Status::Corruption(options_.name + ":" + std::to_string(Line()) + ": a field longer than " +
                                std::to_string(kMaxFieldReadBytes >> 20) +
                                " MiB; PubMed XML never holds one (a damaged or hostile file)")
                 .WithLocation(where);
    XML_StopParser(parser_, XML_FALSE);
    target_ = Target::kNone;
    return;
  }
  if (text_.size() + len > kMaxFieldBytes) {
    len = kMaxFieldBytes - text_.size();
    text_cut_ = true;
  }
  text_.append(s, len);
}

void PubmedXmlState::End() {
  size_t depth = stack_.size();
  El el = stack_.empty() ? El::kOther : stack_.back();
  if (!stack_.empty()) stack_.pop_back();
  if (target_ != Target::kNone && depth == target_depth_) FinishCapture();
  if (target_ != Target::kNone) return;
  if (el == El::kAuthor && in_article_ && stack_.size() >= 2 && stack_.back() == El::kAuthorList &&
      stack_[stack_.size() - 2] == El::kArticle && author_valid_) {
    if (!last_.empty()) record_.authors.push_back(fore_.empty() ? (initials_.empty() ? last_ : last_ + ", " + initials_) : last_ + ", " + fore_);
    else if (!collective_.empty()) record_.authors.push_back(collective_);
  }
  const bool citation_record = el == El::kMedlineCitation && !stack_.empty() && stack_.back() == El::kMedlineCitationSet;
  if ((el == El::kPubmedArticle || citation_record) && in_article_) EndArticle();
}

void PubmedXmlState::FinishCapture() {
  Target target = target_;
  target_ = Target::kNone;
  CollapseSpacesInPlace(&text_);
  if (text_cut_) problems_.push_back("line " + std::to_string(Line()) + ": a field is longer than 1 MiB");
  auto set_once = [this](std::string* field) {
    if (field->empty()) *field = text_;
  };
  switch (target) {
    case Target::kPmid:
      if (!text_.empty() && !IsPmid(text_)) {
        problems_.push_back("line " + std::to_string(Line()) + ": " + NotAPmid("MedlineCitation/PMID", text_));
      }
      return set_once(&record_.pmid);
    case Target::kDeletePmid:
      if (sink_.on_delete && !text_.empty()) sink_.on_delete(text_);
      return;
    case Target::kTitle: return set_once(&record_.title);
    case Target::kVernacularTitle: return set_once(&record_.translated_title);
    case Target::kIssn: AddIssns(&record_, text_); return;
    case Target::kAbstractText:
      if (text_.empty()) return;
      if (!record_.abstract.empty()) record_.abstract.push_back('\n');
      if (!label_.empty()) record_.abstract.append(label_).append(": ");
      record_.abstract.append(text_);
      return;
    case Target::kLastName: return set_once(&last_);
    case Target::kForeName: return set_once(&fore_);
    case Target::kInitials: return set_once(&initials_);
    case Target::kCollective: return set_once(&collective_);
    case Target::kJournal: return set_once(&record_.journal);
    case Target::kIsoAbbrev: return set_once(&iso_abbrev_);
    case Target::kVolume: return set_once(&record_.volume);
    case Target::kIssue: return set_once(&record_.issue);
    case Target::kPubYear: return set_once(&pub_year_);
    case Target::kPubMonth: return set_once(&pub_month_);
    case Target::kPubDay: return set_once(&pub_day_);
    case Target::kMedlineDate: return set_once(&medline_date_);
    case Target::kSeason: return set_once(&season_);
    case Target::kArtYear: return set_once(&art_year_);
    case Target::kArtMonth: return set_once(&art_month_);
    case Target::kArtDay: return set_once(&art_day_);
    case Target::kMedlinePgn: return set_once(&record_.pages);
    case Target::kStartPage: return set_once(&start_page_);
    case Target::kEndPage: return set_once(&end_page_);
    case Target::kElocDoi: return set_once(&eloc_doi_);
    case Target::kIdDoi: return set_once(&id_doi_);
    case Target::kLanguage:  // a MARC code ("eng"), as every reader keeps it
      if (record_.language.empty()) record_.language = LanguageCode(text_);
      return;
    case Target::kPubType: if (!text_.empty()) record_.publication_types.push_back(text_); return;
    case Target::kKeyword: if (!text_.empty()) record_.keywords.push_back(text_); return;
    case Target::kDescriptor:
    case Target::kQualifier: {
      if (record_.mesh.empty()) return;
      MeshHeading& mesh = record_.mesh.back();
      if (target == Target::kDescriptor) mesh.descriptor = text_;
      else mesh.qualifiers.push_back(text_);
      mesh.major = mesh.major || major_;
      return;
    }
    case Target::kNone: return;
  }
}

void PubmedXmlState::StartArticle() {
  in_article_ = true;
  record_ = Record();
  record_.source = options_.source == Source::kOther ? Source::kPubMed : options_.source;
  record_.origin = options_.name + ":" + std::to_string(Line());
  problems_.clear();
  for (std::string* s : {&iso_abbrev_, &pub_year_, &pub_month_, &pub_day_, &medline_date_, &season_, &art_year_,
                         &art_month_, &art_day_, &start_page_, &end_page_, &eloc_doi_, &id_doi_}) {
    s->clear();
  }
}

// PubDate as Year / Month ("Jan" or "01") / Day, or Season, or MedlineDate
// ("2019 Jan-Feb"); ArticleDate (the electronic date) when PubDate has no
// year. date_text keeps the date as written.
void PubmedXmlState::FinishDate(std::vector<std::string>* warnings) {
  std::string text = medline_date_;
  if (text.empty() && !pub_year_.empty()) {
    text = pub_year_;
    for (const std::string* part : {&pub_month_, &pub_day_, &season_}) {
      if (!part->empty()) text += " " + *part;
    }
  }
  if (text.empty() && !art_year_.empty()) text = art_year_ + " " + art_month_ + " " + art_day_;
  CollapseSpacesInPlace(&text);
  DateParts d;
  std::string problem;
  const std::string art = art_year_ + " " + art_month_ + " " + art_day_;
  if (!art_year_.empty() && ParseDate(art, &d, &problem)) {
    record_.epub_year = d.year, record_.epub_month = d.month, record_.epub_day = d.day;
  } else if (!art_year_.empty()) {
    warnings->push_back(problem + "; the record is kept without its electronic date");
  }
  if (text.empty()) return;
  if (!ParseDate(text, &d, &problem)) {
    warnings->push_back(problem + "; the record is kept without a date");
    record_.date_text = std::move(text);
    return;
  }
  record_.year = d.year, record_.month = d.month, record_.day = d.day;
  record_.date_text = std::move(text);
}

void PubmedXmlState::EndArticle() {
  in_article_ = false;
  if (record_.pmid.empty()) {
    if (sink_.on_skip) sink_.on_skip({record_.origin, "PubmedArticle has no MedlineCitation/PMID"});
    return;
  }
  record_.doi = NormalizeDoi(id_doi_.empty() ? eloc_doi_ : id_doi_);
  if (record_.journal.empty()) record_.journal = iso_abbrev_;
  if (record_.pages.empty() && !start_page_.empty()) {
    record_.pages = end_page_.empty() ? start_page_ : start_page_ + "-" + end_page_;
  }
  std::vector<std::string> warnings;
  FinishDate(&warnings);
  ++delivered_;
  Deliver(std::move(record_), problems_, sink_, warnings);
}

}  // namespace carta::biblio

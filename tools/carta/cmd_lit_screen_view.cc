// carta lit screen --conflicts | --next | --status | --simulate.
#include <algorithm>
#include <iostream>

#include "carta/api/lit.h"
#include "carta/core/text.h"
#include "carta/lit/screening.h"
#include "lit_screen.h"

namespace carta::cli::lit {

namespace {

namespace lib = carta::lit;

constexpr int kDefaultNext = 5;

void ShowRecord(lib::RecordId id, const biblio::Record& r, std::ostream& out) {
  const std::string shown = lib::ShownId(r);
  out << "record " << id.value << "  (" << biblio::SourceName(r.source) << (shown.empty() ? "" : ", " + shown) << ")\n"
      << r.title << "\n";
  if (!r.authors.empty()) out << text::Join(r.authors, "; ") << "\n";
  out << r.journal << (r.year ? " " + std::to_string(r.year) : "") << (r.language.empty() ? "" : "  [" + r.language + "]")
      << "\n";
  if (!r.abstract.empty()) out << "\n" << r.abstract << "\n";
  out << "\n";
}

}  // namespace

int ScreenConflicts(const ScreenArgs& a, store::Literature& lit) {
  auto r = lib::Conflicts(lit, *lib::ParseStage(a.stage));
  if (!r.ok()) return Fail(ScreenHint(r.status()));
  if (r->reviewers.size() != 2) {
    std::cerr << "carta: conflicts need two reviewers; " << r->reviewers.size() << " have screened so far\n";
    return r->reviewers.empty() ? 0 : kExitFailure;
  }
  Print(api::ConflictsListing(*r), ParseFormat(a.format), std::cout);
  std::cerr << "carta: " << r->conflicts.size() << " conflicts between " << r->reviewers[0] << " and "
            << r->reviewers[1] << " at " << a.stage
            << (r->resolver.empty() ? " (no resolver set: --reviewers A,B --resolver C)" : "") << "\n";
  return 0;
}

int ScreenNext(const ScreenArgs& a, store::Literature& lit) {
  auto reviewer = ResolveReviewer(a.reviewer);
  if (!reviewer.ok()) return Fail(reviewer.status());
  const size_t count = a.next.empty() ? kDefaultNext : static_cast<size_t>(std::max(1, a.next[0]));
  auto p = lib::Next(lit, {*reviewer, count});
  if (!p.ok()) return Fail(ScreenHint(WithFlag(p.status(), {"reviewer"})));
  if (ParseFormat(a.format) == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*p)) << "\n";
    return 0;
  }
  if (p->records.empty()) {
    std::cout << "Nothing left for " << p->reviewer << " to screen.\n";
    return 0;
  }
  ShowRecord(p->records[0].id, p->records[0].record, std::cout);
  Listing l({{"rank", "rank"}, {"id", "id"}, {"relevance", "relevance"}, {"year", "year"}, {"title", "title", 70}});
  for (size_t k = 0; k < p->records.size(); ++k) {
    const auto& r = p->records[k];
    l.Add({k + 1, r.id.value, r.relevance ? text::Fixed(*r.relevance, 3) : "", r.record.year ? api::Json(r.record.year) : api::Json(),
           r.record.title});
  }
  Print(l, ParseFormat(a.format), std::cout);
  std::cerr << "carta: " << p->why << "\n";
  return 0;
}

int ScreenStatus(const ScreenArgs& a, store::Literature& lit) {
  auto st = lib::ScreeningStatus(lit);
  if (!st.ok()) return Fail(ScreenHint(st.status()));
  const api::Json j = api::ToJson(*st);
  if (ParseFormat(a.format) == Format::kJson) {
    std::cout << api::Dump(j) << "\n";
    return 0;
  }
  Listing l({{"key", "key"}, {"value", "value"}});
  for (const auto& [k, v] : j.items()) {
    if (!v.is_object()) l.Add({k, v});
    if (v.is_object()) for (const auto& [k2, v2] : v.items()) l.Add({k + "." + k2, v2.is_object() ? api::Json(v2.dump()) : v2});
  }
  Print(l, ParseFormat(a.format), std::cout);
  if (st->dedup_stale) std::cerr << "carta: records changed since 'carta lit dedup --apply'; run it again\n";
  return 0;
}

int ScreenSimulate(const ScreenArgs& a, store::Literature& lit) {
  auto text = ReadTextFile(a.labels);
  if (!text.ok()) return Fail(text.status());
  auto r = lib::Simulate(lit, {a.labels, *text, static_cast<uint64_t>(a.seed)});
  if (!r.ok()) return Fail(r.status());
  if (ParseFormat(a.format) == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*r)) << "\n";
    return 0;
  }
  Listing l({{"screened", "screened"}, {"found", "relevant found"}, {"recall", "recall"}});
  for (size_t k = 0; k < r->found.size(); ++k) {
    const double recall = r->n_relevant ? static_cast<double>(r->found[k]) / static_cast<double>(r->n_relevant) : 0;
    l.Add({k + 1, r->found[k], text::Fixed(recall, 3)});
  }
  Print(l, ParseFormat(a.format), std::cout);
  if (ParseFormat(a.format) == Format::kTable) {
    std::cout << "\nrecords " << r->n_records << " (after " << r->prior.size() << " prior), relevant " << r->n_relevant
              << "\nWSS@95 " << text::Fixed(r->wss95, 3) << " (asreview), " << text::Fixed(r->wss95_cohen, 3)
              << " (Cohen 2006)\nRRF@10 " << text::Fixed(r->rrf10, 3) << "\n";
  }
  return 0;
}

}  // namespace carta::cli::lit

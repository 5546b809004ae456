// carta lit screen: criteria, decisions by reviewers, conflicts; the
// ranker, status and simulation are in cmd_lit_screen_view.cc.
#include <iostream>

#include "carta/core/text.h"
#include "lit_screen.h"

namespace carta::cli::lit {

namespace {

int SetCriteria(const ScreenArgs& a, store::Literature& lit) {
  auto text = ReadTextFile(a.criteria);
  if (!text.ok()) return Fail(text.status());
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return Fail(corpus.status());
  auto index = LoadIndex(lit);
  if (!index.ok()) return Fail(index.status());
  auto c = ParseCriteria(*text, a.criteria, &*index, *corpus);  // checked before it is stored
  if (!c.ok()) return Fail(c.status());
  if (Status s = lit.SaveCriteria(a.criteria, *text); !s.ok()) return Fail(s);
  auto st = LoadScreenState(lit);
  if (!st.ok()) return Fail(st.status());
  long excluded = 0;
  for (const auto& d : st->automatic) excluded += d.excluded;
  std::cerr << "carta: criteria from " << a.criteria << ": " << excluded << " of " << st->automatic.size()
            << " records excluded automatically, " << st->to_screen.size() << " to screen\n";
  return 0;
}

// Why record `i` is not screened, or "" when it is.
std::string NotScreenedWhy(const ScreenState& st, uint32_t i) {
  for (const auto& c : st.dedup.clusters) {
    for (uint32_t m : c.members) {
      if (m == i && m != c.keep) return "removed as a duplicate of record " + std::to_string(st.corpus.ids[c.keep]);
    }
  }
  for (const auto& d : st.automatic) if (d.record == i && d.excluded) return "excluded by the criteria (" + d.rule + ")";
  return "";
}

int Decide(const ScreenArgs& a, store::Literature& lit) {
  if (a.include + a.exclude + a.maybe != 1) {
    std::cerr << "carta lit screen: --decide needs one of --include, --exclude, --maybe\n";
    return kExitUsage;
  }
  auto reviewer = ResolveReviewer(a.reviewer);
  if (!reviewer.ok()) return Fail(reviewer.status());
  auto st = LoadScreenState(lit);
  if (!st.ok()) return Fail(st.status());
  const screen::Verdict verdict = a.include ? screen::Verdict::kInclude
                                  : a.exclude ? screen::Verdict::kExclude : screen::Verdict::kMaybe;
  std::vector<screen::Decision> decisions;
  screen::DecisionLog check;
  for (long id : a.decide) {
    auto i = st->corpus.IndexOf(id);
    if (!i.ok()) return Fail(i.status());
    const std::string why = NotScreenedWhy(*st, *i);
    if (!why.empty()) std::cerr << "carta: warning: record " << id << " is not screened: " << why << "\n";
    screen::Decision d{static_cast<uint32_t>(id), *reviewer, StageOf(a.stage), verdict, std::string(text::Trim(a.reason)),
                       store::NowUtcIso()};
    if (Status s = check.Add(d); !s.ok()) return Fail(s.WithContext("record " + std::to_string(id)));
    decisions.push_back(d);
  }
  if (Status s = lit.AddDecisions(decisions); !s.ok()) return Fail(s);
  std::cerr << "carta: " << *reviewer << ": " << screen::VerdictName(verdict) << " at " << a.stage << " for "
            << decisions.size() << (decisions.size() == 1 ? " record\n" : " records\n");
  return 0;
}

int Conflicts(const ScreenArgs& a, store::Literature& lit) {
  auto st = LoadScreenState(lit);
  if (!st.ok()) return Fail(st.status());
  if (st->reviewers.size() != 2) {
    std::cerr << "carta: conflicts need two reviewers; " << st->reviewers.size() << " have screened so far\n";
    return st->reviewers.empty() ? 0 : kExitFailure;
  }
  const screen::Stage stage = StageOf(a.stage);
  const auto conflicts = st->log.Conflicts(stage, st->reviewers[0], st->reviewers[1]);
  std::map<uint32_t, screen::Decision> resolved;
  if (!st->resolver.empty()) {
    for (const auto& d : st->log.Current(stage)) if (d.reviewer == st->resolver) resolved[d.record] = d;
  }
  Listing l({{"id", "id"}, {"title", "title", 50}, {"first", st->reviewers[0]}, {"second", st->reviewers[1]},
             {"resolved", "resolved"}});
  for (const auto& c : conflicts) {
    auto verdict = [](const screen::Decision& d) {
      return std::string(screen::VerdictName(d.verdict)) + (d.reason.empty() ? "" : " (" + d.reason + ")");
    };
    auto r = resolved.find(c.record);
    l.Add({st->corpus.ids[c.record], st->corpus.records[c.record].title, verdict(c.first), verdict(c.second),
           r == resolved.end() ? api::Json() : api::Json(st->resolver + ": " + verdict(r->second))});
  }
  Print(l, ParseFormat(a.format), std::cout);
  std::cerr << "carta: " << conflicts.size() << " conflicts between " << st->reviewers[0] << " and "
            << st->reviewers[1] << " at " << a.stage
            << (st->resolver.empty() ? " (no resolver set: --reviewers A,B --resolver C)" : "") << "\n";
  return 0;
}

}  // namespace

screen::Stage StageOf(const std::string& name) {
  return name == "full_text" ? screen::Stage::kFullText : screen::Stage::kTitleAbstract;
}

int RunScreen(int argc, char** argv) {
  CLI::App app(
      "Screen the unique records (after dedup --apply) that the criteria do not exclude. Two reviewers decide "
      "independently (--reviewer, else $CARTA_REVIEWER, else $USER); a third resolves their conflicts. "
      "--next proposes the records most likely relevant (active learning on your own decisions so far); "
      "decisions are an append-only log, the latest per reviewer counts. Give one action.",
      "lit screen");
  ScreenArgs a;
  app.add_option("--criteria", a.criteria, "store the eligibility criteria of this file (format in doc/lit.md: "
                                           "years, languages, exclude-type, require-query, exclude-query)");
  app.add_option("--decide", a.decide, "ID[,ID...]: record a decision on these records")->delimiter(',');
  app.add_flag("--include", a.include, "with --decide: include");
  app.add_flag("--exclude", a.exclude, "with --decide: exclude (needs --reason at full_text)");
  app.add_flag("--maybe", a.maybe, "with --decide: undecided, goes on to full text");
  app.add_option("--reason", a.reason, "with --decide: why (the PRISMA reason for full-text exclusions)");
  app.add_option("--stage", a.stage, "title_abstract (default) or full_text")
      ->check(CLI::IsMember({"title_abstract", "full_text"}));
  app.add_option("--reviewer", a.reviewer, "who decides (default $CARTA_REVIEWER, else $USER)");
  app.add_option("--next", a.next, "[N] the N (default 5) records to screen next, the first shown in full")
      ->expected(0, 1)
      ->check(CLI::Range(1, 100000));
  app.add_flag("--conflicts", a.conflicts, "the records on which the two reviewers disagree");
  app.add_flag("--simulate", a.simulate, "simulate prioritised screening on a labelled set (needs --labels)");
  app.add_option("--labels", a.labels, "CSV with columns id (record id, pmid:N or doi:...) and label (1/0)");
  app.add_option("--seed", a.seed, "with --simulate: the seed drawing the prior records (default 42)");
  app.add_flag("--status", a.status, "how far screening has got, per stage and reviewer");
  app.add_option("--reviewers", a.reviewers, "A,B: the two independent reviewers (stored)")->delimiter(',');
  app.add_option("--resolver", a.resolver, "with --reviewers: who resolves their conflicts");
  AddDbOption(app, &a.db_path);
  AddFormatOption(app, &a.format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  const bool next = app.count("--next") > 0;
  const int actions = !a.criteria.empty() + !a.decide.empty() + next + a.conflicts + a.simulate + a.status +
                      !a.reviewers.empty();
  if (actions != 1) {
    std::cerr << "carta lit screen: give one action: --criteria, --decide, --next, --conflicts, --simulate, "
                 "--status or --reviewers (see --help)\n";
    return kExitUsage;
  }
  if (a.simulate && a.labels.empty()) {
    std::cerr << "carta lit screen: --simulate needs --labels FILE.csv\n";
    return kExitUsage;
  }
  auto lit = OpenLiterature(a.db_path);
  if (!lit.ok()) return Fail(lit.status());
  if (!a.criteria.empty()) return SetCriteria(a, *lit);
  if (!a.decide.empty()) return Decide(a, *lit);
  if (next) return ScreenNext(a, *lit);
  if (a.conflicts) return Conflicts(a, *lit);
  if (a.simulate) return ScreenSimulate(a, *lit);
  if (a.status) return ScreenStatus(a, *lit);
  if (a.reviewers.size() == 2 && text::Trim(a.reviewers[0]) == text::Trim(a.reviewers[1])) {
    return Fail(Status::InvalidArgument("--reviewers: two different people screen independently ('" + a.reviewers[0] +
                                        "' is named twice)"));
  }
  for (const auto& r : a.reviewers) {
    if (text::Trim(r).empty()) return Fail(Status::InvalidArgument("--reviewers: a reviewer's name is empty"));
    if (!a.resolver.empty() && text::Trim(r) == text::Trim(a.resolver)) {
      return Fail(Status::InvalidArgument("--resolver: '" + a.resolver + "' is one of the reviewers; the resolver "
                                          "settles their conflicts and must be a third person"));
    }
  }
  if (Status s = lit->SetReviewers(a.reviewers, a.resolver); !s.ok()) return Fail(s);
  std::cerr << "carta: reviewers " << text::Join(a.reviewers, " and ")
            << (a.resolver.empty() ? "" : ", resolver " + a.resolver) << "\n";
  return 0;
}

}  // namespace carta::cli::lit

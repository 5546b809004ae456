// carta lit screen: the options, criteria, decisions and reviewers; the
// conflicts, ranker, status and simulation are in cmd_lit_screen_view.cc.
#include <iostream>

#include "carta/core/text.h"
#include "carta/lit/screening.h"
#include "lit_screen.h"

namespace carta::cli::lit {

namespace {

namespace lib = carta::lit;

int SetCriteria(const ScreenArgs& a, store::Literature& lit) {
  auto text = ReadTextFile(a.criteria);
  if (!text.ok()) return Fail(text.status());
  std::string failed_query;
  auto r = lib::SetCriteria(lit, {a.criteria, *text}, &failed_query);
  if (!r.ok()) return Fail(ScreenHint(WithCaret(r.status(), failed_query)));
  PrintNotes(r->notes);
  std::cerr << "carta: criteria from " << a.criteria << ": " << r->excluded << " of " << r->evaluated
            << " records excluded automatically, " << r->to_screen << " to screen\n";
  return 0;
}

int Decide(const ScreenArgs& a, store::Literature& lit) {
  if (a.include + a.exclude + a.maybe != 1) {
    std::cerr << "carta lit screen: --decide needs one of --include, --exclude, --maybe\n";
    return kExitUsage;
  }
  auto reviewer = ResolveReviewer(a.reviewer);
  if (!reviewer.ok()) return Fail(reviewer.status());
  lib::DecideRequest request;
  for (long id : a.decide) request.records.push_back(lib::RecordId{id});
  request.reviewer = *reviewer;
  request.stage = *lib::ParseStage(a.stage);  // CLI11 checked it against StageNames()
  request.verdict = a.include ? screen::Verdict::kInclude : a.exclude ? screen::Verdict::kExclude : screen::Verdict::kMaybe;
  request.reason = a.reason;
  auto r = lib::Decide(lit, request);
  if (!r.ok()) return Fail(ScreenHint(WithFlag(r.status(), {"reviewer", "reason"})));
  for (const auto& w : r->warnings) std::cerr << "carta: warning: " << w << "\n";
  std::cerr << "carta: " << r->reviewer << ": " << screen::VerdictName(request.verdict) << " at " << a.stage << " for "
            << r->decided << (r->decided == 1 ? " record\n" : " records\n");
  return 0;
}

int SetReviewers(const ScreenArgs& a, store::Literature& lit) {
  if (Status s = lib::SetReviewers(lit, {a.reviewers, a.resolver}); !s.ok()) {
    return Fail(WithFlag(s, {"reviewers", "resolver"}));
  }
  std::cerr << "carta: reviewers " << text::Join(a.reviewers, " and ")
            << (a.resolver.empty() ? "" : ", resolver " + a.resolver) << "\n";
  return 0;
}

}  // namespace

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
      ->check(CLI::IsMember(carta::lit::StageNames()));
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
  if (a.conflicts) return ScreenConflicts(a, *lit);
  if (a.simulate) return ScreenSimulate(a, *lit);
  if (a.status) return ScreenStatus(a, *lit);
  return SetReviewers(a, *lit);
}

}  // namespace carta::cli::lit

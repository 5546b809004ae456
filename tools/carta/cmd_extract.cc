// carta extract start|set|show|diff|reconcile|export: data extraction by two
// extractors, blind to each other until both finish, reconciled field by
// field into a consensus that the evidence commands read layered over the
// curated base (doc/extraction.md).
#include <iostream>

#include "carta/api/extract.h"
#include "carta/extract/form.h"
#include "carta/store/extraction.h"
#include "carta/store/store.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

namespace {

struct ExtractArgs {
  std::string db_path, format, cohort, extractor, key, value, by;
  extract::ValueSource source;
  bool finished = false;
  std::vector<std::string> take, drop;
};

bool Json(const ExtractArgs& a) { return ParseFormat(a.format) == Format::kJson; }

int Start(const ExtractArgs& a) {
  if (Status s = store::StartForm(a.db_path, a.cohort, a.extractor); !s.ok()) return Fail(s);
  std::cerr << "carta: form for " << a.cohort << " started by " << a.extractor << "\n";
  return 0;
}

int Set(const ExtractArgs& a) {
  extract::FormChange change{a.cohort, a.extractor, std::nullopt, a.finished};
  if (!a.key.empty()) change.value = extract::FormValue{a.key, a.value, a.source};
  auto form = store::ChangeForm(a.db_path, change);
  if (!form.ok()) return Fail(form.status());
  return 0;
}

int Show(const ExtractArgs& a) {
  auto forms = store::LoadForms(a.db_path, a.cohort);
  if (!forms.ok()) return Fail(forms.status());
  size_t hidden = 0;
  const auto visible = extract::VisibleForms(*forms, a.extractor, &hidden);
  if (Json(a)) {
    std::cout << api::Dump(api::FormsJson(visible)) << "\n";
  } else {
    api::PrintForms(visible, hidden, std::cout);
  }
  return 0;
}

int Diff(const ExtractArgs& a) {
  auto pair = store::FormPair(a.db_path, a.cohort);
  if (!pair.ok()) return Fail(pair.status());
  auto d = extract::Diff(pair->first, pair->second);
  if (!d.ok()) return Fail(d.status());
  if (Json(a)) {
    std::cout << api::Dump(api::DiffJson(pair->first, pair->second, *d)) << "\n";
  } else {
    api::PrintDiff(pair->first, pair->second, *d, std::cout);
  }
  return 0;
}

int Reconcile(const ExtractArgs& a) {
  extract::ReconcileRequest request{a.cohort, a.by, {}};
  for (const auto& t : a.take) {  // KEY=EXTRACTOR
    const size_t eq = t.find('=');
    if (eq == std::string::npos) return Fail(Status::InvalidArgument("--take " + t + ": give KEY=EXTRACTOR"));
    request.choices.push_back({t.substr(0, eq), t.substr(eq + 1)});
  }
  for (const auto& key : a.drop) request.choices.push_back({key, ""});
  auto c = store::ReconcileCohort(a.db_path, request);
  if (!c.ok()) return Fail(c.status());
  if (Json(a)) std::cout << api::Dump(api::ToJson(*c)) << "\n";
  std::cerr << "carta: consensus for " << c->cohort << " stored (" << c->values.size() << " values, "
            << c->decisions.size() << " decided by " << a.by << ")\n";
  return 0;
}

int Export(const ExtractArgs& a) {
  auto consensus = store::LoadConsensus(a.db_path);
  if (!consensus.ok()) return Fail(consensus.status());
  std::cout << extract::ConsensusText(*consensus, a.db_path);
  return 0;
}

}  // namespace

int RunExtract(int argc, char** argv) {
  CLI::App app("Data extraction: each cohort's form is filled by two extractors, blind to each other until both have "
               "finished; 'diff' lists their disagreements field by field, 'reconcile' records the consensus and who "
               "made it, and the evidence commands (studies, meta, surv pool, check, report) read the consensus "
               "layered over the curated base. See doc/extraction.md.",
               "extract");
  app.require_subcommand(1);
  app.fallthrough();
  ExtractArgs a;
  AddDbOption(app, &a.db_path);
  AddFormatOption(app, &a.format);
  auto* start = app.add_subcommand("start", "open an empty form for COHORT (a new id or one of the base)");
  auto* set = app.add_subcommand("set", "set KEY to VALUE with its source; --finished closes the form");
  auto* show = app.add_subcommand("show", "the forms of COHORT that --extractor may see");
  auto* diff = app.add_subcommand("diff", "the disagreements of the two finished forms, field by field");
  auto* rec = app.add_subcommand("reconcile", "store the consensus: --take KEY=EXTRACTOR or --drop KEY for each "
                                              "disagreement, --by who decided");
  auto* exp = app.add_subcommand("export", "every consensus as data/ text with provenance");
  for (auto* sub : {start, set, show, diff, rec}) sub->add_option("cohort", a.cohort, "cohort id")->required();
  for (auto* sub : {start, set, show}) sub->add_option("--extractor", a.extractor, "who fills the form")->required();
  set->add_option("key", a.key, "field: n, orr, crs_g3plus, tox_scale, pfs_12mo, ...");
  set->add_option("value", a.value, "as the data format writes it: 82%, 54/101, 15.4 months, ASTCT");
  set->add_option("--record", a.source.record, "the paper: PMID:123, DOI:10.x/..., CNKI:...");
  set->add_option("--page", a.source.page, "page");
  set->add_option("--location", a.source.location, "table, figure or section: 'Table 2'");
  set->add_option("--quote", a.source.quote, "a short quote of the passage");
  set->add_flag("--finished", a.finished, "close the form (the other's values become visible once both are closed)");
  rec->add_option("--by", a.by, "who made the consensus")->required();
  rec->add_option("--take", a.take, "KEY=EXTRACTOR: the consensus of KEY is that extractor's value (repeatable)");
  rec->add_option("--drop", a.drop, "KEY: the consensus leaves KEY out (repeatable)");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (start->parsed()) return Start(a);
  if (set->parsed()) return Set(a);
  if (show->parsed()) return Show(a);
  if (diff->parsed()) return Diff(a);
  if (rec->parsed()) return Reconcile(a);
  (void)exp;
  return Export(a);
}

}  // namespace carta::cli

// carta extract start|set|show|diff|reconcile|export: data extraction by two
// extractors, blind to each other until both finish, reconciled field by
// field into a consensus that the evidence commands read layered over the
// curated base (doc/extraction.md).
#include <iostream>

#include "carta/api/extract.h"
#include "carta/evidence/record.h"
#include "carta/extract/form.h"
#include "carta/store/extraction.h"
#include "carta/store/store.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

namespace {

using api::Json;

struct ExtractArgs {
  std::string db_path, format, cohort, extractor, key, value, by;
  extract::ValueSource source;
  bool finished = false;
  std::vector<std::string> take, drop;
};

Result<std::vector<extract::Form>> FormsOf(const ExtractArgs& a) { return store::LoadForms(a.db_path, a.cohort); }

// The viewer's form of the cohort, or nullptr.
const extract::Form* Own(const std::vector<extract::Form>& forms, const std::string& extractor) {
  for (const auto& f : forms) {
    if (f.extractor == extractor) return &f;
  }
  return nullptr;
}

int Start(const ExtractArgs& a) {
  auto forms = FormsOf(a);
  if (!forms.ok()) return Fail(forms.status());
  if (Own(*forms, a.extractor)) {
    return Fail(Status::InvalidArgument(a.extractor + " has already started a form for " + a.cohort));
  }
  if (Status s = store::SaveForm(a.db_path, {a.cohort, a.extractor, false, {}}); !s.ok()) return Fail(s);
  std::cerr << "carta: form for " << a.cohort << " started by " << a.extractor << "\n";
  return 0;
}

int Set(const ExtractArgs& a) {
  auto forms = FormsOf(a);
  if (!forms.ok()) return Fail(forms.status());
  const extract::Form* own = Own(*forms, a.extractor);
  if (!own) return Fail(Status::NotFound(a.extractor + " has no form for " + a.cohort + " (carta extract start)"));
  extract::Form form = *own;
  if (!a.key.empty()) {
    auto eb = store::LoadEvidenceSnapshot(a.db_path);  // the products a value may name
    if (!eb.ok()) return Fail(eb.status());
    Status s = extract::SetValue(&form, {a.key, a.value, a.source}, (*eb)->records);
    if (!s.ok()) return Fail(s);
  } else if (!a.finished) {
    return Fail(Status::InvalidArgument("give KEY VALUE, or --finished"));
  }
  if (a.finished) form.finished = true;
  if (Status s = store::SaveForm(a.db_path, form); !s.ok()) return Fail(s);
  return 0;
}

int Show(const ExtractArgs& a) {
  auto forms = FormsOf(a);
  if (!forms.ok()) return Fail(forms.status());
  Json out = Json::array();
  for (const auto& f : *forms) {
    if (!extract::CheckMayView(f, a.extractor, *forms).ok()) continue;
    out.push_back(api::ToJson(f));
  }
  if (ParseFormat(a.format) == Format::kJson) {
    std::cout << api::Dump(out) << "\n";
    return 0;
  }
  for (const auto& f : out) {
    std::cout << f["cohort"].get<std::string>() << " by " << f["extractor"].get<std::string>()
              << (f["finished"].get<bool>() ? " (finished)" : "") << "\n";
    for (const auto& v : f["values"]) {
      std::cout << "  " << v["key"].get<std::string>() << " = " << v["value"].get<std::string>() << "  ["
                << v["record"].get<std::string>() << " p." << v["page"].get<std::string>() << ", "
                << v["location"].get<std::string>() << "]\n";
    }
  }
  const size_t hidden = forms->size() - out.size();
  if (hidden > 0) std::cout << hidden << " other form(s) hidden until every extractor has finished\n";
  return 0;
}

// The two finished forms of the cohort.
Result<std::pair<extract::Form, extract::Form>> Pair(const ExtractArgs& a) {
  auto forms = FormsOf(a);
  if (!forms.ok()) return forms.status();
  if (forms->size() != 2) {
    return Status::InvalidArgument(a.cohort + " has " + std::to_string(forms->size()) +
                                   " form(s); reconciliation compares two");
  }
  return std::pair{(*forms)[0], (*forms)[1]};
}

int Diff(const ExtractArgs& a) {
  auto pair = Pair(a);
  if (!pair.ok()) return Fail(pair.status());
  auto d = extract::Diff(pair->first, pair->second);
  if (!d.ok()) return Fail(d.status());
  if (ParseFormat(a.format) == Format::kJson) {
    std::cout << api::Dump(api::DiffJson(pair->first, pair->second, *d)) << "\n";
    return 0;
  }
  for (const auto& x : *d) {
    std::cout << x.key << ": " << pair->first.extractor << " '" << x.value_a << "' (" << x.source_a.location << ") vs "
              << pair->second.extractor << " '" << x.value_b << "' (" << x.source_b.location << ")\n";
  }
  std::cout << d->size() << " disagreement(s)\n";
  return 0;
}

// --take KEY=EXTRACTOR and --drop KEY as decisions of --by.
Result<std::vector<extract::Decision>> Decisions(const ExtractArgs& a, const extract::Form& x, const extract::Form& y) {
  std::vector<extract::Decision> out;
  for (const auto& t : a.take) {
    const size_t eq = t.find('=');
    const std::string key = t.substr(0, eq);
    const std::string who = eq == std::string::npos ? "" : t.substr(eq + 1);
    const extract::Form* from = who == x.extractor ? &x : who == y.extractor ? &y : nullptr;
    if (!from) return Status::InvalidArgument("--take " + t + ": give KEY=EXTRACTOR, one of " + x.extractor + ", " + y.extractor);
    const extract::FormValue* v = from->Find(key);
    if (!v) return Status::InvalidArgument("--take " + t + ": " + who + " gave no " + key);
    out.push_back({key, *v, a.by});
  }
  for (const auto& key : a.drop) out.push_back({key, {key, "", {}}, a.by});
  return out;
}

int Reconcile(const ExtractArgs& a) {
  auto pair = Pair(a);
  if (!pair.ok()) return Fail(pair.status());
  auto decisions = Decisions(a, pair->first, pair->second);
  if (!decisions.ok()) return Fail(decisions.status());
  auto eb = store::LoadEvidence(a.db_path);
  if (!eb.ok()) return Fail(eb.status());
  auto c = extract::Reconcile(pair->first, pair->second, *decisions, eb->records);
  if (!c.ok()) return Fail(c.status());
  // The consensus must build with the curated base (and every other consensus) before it is stored.
  auto consensus = store::LoadConsensus(a.db_path);
  if (!consensus.ok()) return Fail(consensus.status());
  std::erase_if(*consensus, [&](const extract::Consensus& o) { return o.cohort == c->cohort; });
  consensus->push_back(*c);
  auto layered = extract::Layer(eb->records, *consensus);
  if (!layered.ok()) return Fail(layered.status().WithContext("the consensus was not stored"));
  if (Status s = store::SaveConsensus(a.db_path, *c); !s.ok()) return Fail(s);
  if (ParseFormat(a.format) == Format::kJson) std::cout << api::Dump(api::ToJson(*c)) << "\n";
  std::cerr << "carta: consensus for " << c->cohort << " stored (" << c->values.size() << " values, "
            << c->decisions.size() << " decided by " << a.by << ")\n";
  return 0;
}

int Export(const ExtractArgs& a) {
  auto consensus = store::LoadConsensus(a.db_path);
  if (!consensus.ok()) return Fail(consensus.status());
  std::vector<evidence::RawRecord> records;
  for (const auto& c : *consensus) records.push_back(extract::ToRecord(c));
  std::cout << "# Consensus of carta extract (" << a.db_path << "): review, then merge into data/.\n"
            << evidence::FormatRecords(records);
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

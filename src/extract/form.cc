#include "carta/extract/form.h"

#include <algorithm>
#include <regex>

#include "carta/core/text.h"
#include "carta/evidence/build.h"

namespace carta::extract {

namespace {

const char* kFile = "extraction";

bool IsFormField(const std::string& key) {
  const auto fields = FormFields();
  if (std::find(fields.begin(), fields.end(), key) != fields.end()) return true;
  static const std::regex kSurvival("(os|pfs|efs|rfs)_median|(os|pfs|efs|rfs|trm)_[1-9][0-9]{0,2}mo");
  return std::regex_match(key, kSurvival);
}

Status CheckSource(const FormValue& v) {
  static const std::regex kRecord("PMID:[0-9]{1,9}|DOI:10\\.[0-9]{4,9}/\\S+|CNKI:\\S+");
  if (!std::regex_match(v.source.record, kRecord)) {
    return Status::InvalidArgument(v.key + ": the source record '" + v.source.record +
                                   "' is not PMID:digits, DOI:10.x/... or CNKI:id")
        .WithField("record");
  }
  if (text::Trim(v.source.location).empty()) {
    return Status::InvalidArgument(v.key + ": give where in the paper the value is printed (Table 2, Fig 3, Abstract)")
        .WithField("location");
  }
  for (const std::string* s : {&v.source.page, &v.source.location, &v.source.quote, &v.value}) {
    if (s->find('\n') != std::string::npos || s->find('"') != std::string::npos) {
      return Status::InvalidArgument(v.key + ": a value, page, location or quote may not hold a line break or '\"'")
          .WithField(v.key);
    }
  }
  return Status::Ok();
}

// The provenance of an extracted value: the paper and page as a citation, the location.
evidence::Provenance ProvenanceOf(const ValueSource& s) {
  evidence::Provenance p;
  p.citation = s.record + (s.page.empty() ? "" : " p." + s.page);
  p.location = s.location;
  return p;
}

// A cohort record holding the values (the minimum the schema asks for added
// when `complete` is false, so one value can be checked alone).
evidence::RawRecord RecordOf(const std::string& cohort, const std::vector<FormValue>& values, bool complete) {
  evidence::RawRecord r;
  r.kind = "cohort";
  r.id = cohort;
  r.pos = {kFile, 0};
  for (const auto& v : values) {
    evidence::Observation o;
    o.key = v.key;
    o.raw = v.value;
    o.prov = ProvenanceOf(v.source);
    if (!v.source.quote.empty()) o.note = "\"" + v.source.quote + "\"";
    o.pos = {kFile, 0};
    r.fields.push_back(std::move(o));
  }
  if (!complete) {
    // What the schema requires of a cohort, so that one value can be checked alone.
    const evidence::Provenance check = ProvenanceOf({"PMID:1", "", "check", ""});
    if (r.First("indication") == nullptr) r.fields.push_back({"indication", "LBCL", check, "", {kFile, 0}});
    if (!r.First("product") && !r.First("target") && !r.First("construct")) {
      r.fields.push_back({"target", "CD19", check, "", {kFile, 0}});
    }
  }
  return r;
}

// Builds `records` and says what the build said, without its file:line (the records have no file).
Status Build(std::vector<evidence::RawRecord> records) {
  auto eb = evidence::BuildEvidence(std::move(records));
  return eb.ok() ? Status::Ok() : eb.status();
}

std::vector<std::string> KeysInOrder(const Form& a, const Form& b) {
  std::vector<std::string> keys;
  for (const Form* f : {&a, &b}) {
    for (const auto& v : f->values) {
      if (std::find(keys.begin(), keys.end(), v.key) == keys.end()) keys.push_back(v.key);
    }
  }
  const auto fields = FormFields();
  auto rank = [&](const std::string& k) {
    auto it = std::find(fields.begin(), fields.end(), k);
    return it == fields.end() ? fields.size() : static_cast<size_t>(it - fields.begin());
  };
  std::stable_sort(keys.begin(), keys.end(), [&](const auto& x, const auto& y) { return rank(x) < rank(y); });
  return keys;
}

}  // namespace

const FormValue* Form::Find(const std::string& key) const {
  for (const auto& v : values) {
    if (v.key == key) return &v;
  }
  return nullptr;
}

std::vector<std::string> FormFields() {
  return {"product",    "registry",        "acronym",     "phase",        "indication",  "disease_status",
          "population", "n",               "n_kind",      "followup_median", "response_criteria", "orr",
          "crr",        "cr_cri",          "mrd_neg",     "os_median",    "pfs_median",  "efs_median",
          "os_12mo",    "pfs_12mo",        "tox_scale",   "crs_any",      "crs_g3plus",  "icans_any",
          "icans_g3plus"};
}

Status CheckValue(const FormValue& v, const std::vector<evidence::RawRecord>& base) {
  if (!IsFormField(v.key)) {
    return Status::InvalidArgument("'" + v.key + "' is not a field of the form (" + text::Join(FormFields(), ", ") +
                                   ", <endpoint>_median, <endpoint>_<N>mo)")
        .WithField("key");
  }
  if (text::Trim(v.value).empty()) return Status::InvalidArgument(v.key + ": empty value").WithField(v.key);
  if (Status s = CheckSource(v); !s.ok()) return s;
  std::vector<evidence::RawRecord> records;
  for (const auto& r : base) {
    if (r.kind != "cohort") records.push_back(r);  // products, constructs: what a value may name
  }
  records.push_back(RecordOf("form-check", {v}, false));
  Status built = Build(std::move(records));
  if (!built.ok()) return Status::InvalidArgument(built.message()).WithField(v.key);
  return Status::Ok();
}

Status SetValue(Form* form, const FormValue& v, const std::vector<evidence::RawRecord>& base) {
  if (form->finished) {
    return Status::InvalidArgument("the form of " + form->extractor + " for " + form->cohort + " is finished");
  }
  if (Status s = CheckValue(v, base); !s.ok()) return s;
  for (auto& old : form->values) {
    if (old.key == v.key) {
      old = v;
      return Status::Ok();
    }
  }
  form->values.push_back(v);
  return Status::Ok();
}

Status CheckMayView(const Form& form, const std::string& viewer, const std::vector<Form>& forms_of_cohort) {
  if (form.extractor == viewer) return Status::Ok();
  int finished = 0;
  for (const auto& f : forms_of_cohort) finished += f.finished ? 1 : 0;
  if (forms_of_cohort.size() >= 2 && finished == static_cast<int>(forms_of_cohort.size())) return Status::Ok();
  return Status::PermissionDenied("the values of " + form.extractor + " for " + form.cohort +
                                  " stay hidden until every extractor of the cohort has finished");
}

Result<std::vector<Disagreement>> Diff(const Form& a, const Form& b) {
  if (a.cohort != b.cohort) return Status::InvalidArgument("the forms are of " + a.cohort + " and " + b.cohort);
  for (const Form* f : {&a, &b}) {
    if (!f->finished) {
      return Status::PermissionDenied(f->extractor + " has not finished the form for " + f->cohort +
                                      "; the forms are compared once both are finished");
    }
  }
  std::vector<Disagreement> out;
  for (const auto& key : KeysInOrder(a, b)) {
    const FormValue* va = a.Find(key);
    const FormValue* vb = b.Find(key);
    const std::string x = va ? std::string(text::Trim(va->value)) : "";
    const std::string y = vb ? std::string(text::Trim(vb->value)) : "";
    if (x == y) continue;
    out.push_back({key, x, y, va ? va->source : ValueSource{}, vb ? vb->source : ValueSource{}});
  }
  return out;
}

Result<std::vector<Decision>> Decide(const Form& a, const Form& b, const std::vector<Choice>& choices,
                                     const std::string& by) {
  if (text::Trim(by).empty()) return Status::InvalidArgument("say who makes the consensus").WithField("by");
  std::vector<Decision> out;
  for (const auto& c : choices) {
    if (std::any_of(out.begin(), out.end(), [&](const Decision& d) { return d.key == c.key; })) {
      return Status::InvalidArgument(c.key + ": chosen twice").WithField(c.key);
    }
    if (c.extractor.empty()) {
      out.push_back({c.key, {c.key, "", {}}, by});
      continue;
    }
    const Form* from = c.extractor == a.extractor ? &a : c.extractor == b.extractor ? &b : nullptr;
    if (!from) {
      return Status::InvalidArgument(c.key + ": '" + c.extractor + "' is not an extractor of " + a.cohort + " (" +
                                     a.extractor + ", " + b.extractor + ")")
          .WithField(c.key);
    }
    const FormValue* v = from->Find(c.key);
    if (!v) return Status::InvalidArgument(c.key + ": " + c.extractor + " gave no value").WithField(c.key);
    out.push_back({c.key, *v, by});
  }
  return out;
}

std::vector<Form> VisibleForms(const std::vector<Form>& forms, const std::string& viewer, size_t* hidden) {
  std::vector<Form> out;
  for (const auto& f : forms) {
    std::vector<Form> same;
    for (const auto& g : forms) {
      if (g.cohort == f.cohort) same.push_back(g);
    }
    if (CheckMayView(f, viewer, same).ok()) out.push_back(f);
  }
  *hidden = forms.size() - out.size();
  return out;
}

Result<Consensus> Reconcile(const Form& a, const Form& b, const std::vector<Decision>& decisions,
                            const std::vector<evidence::RawRecord>& base) {
  auto diff = Diff(a, b);
  if (!diff.ok()) return diff.status();
  Consensus c;
  c.cohort = a.cohort;
  for (const auto& key : KeysInOrder(a, b)) {
    const bool disputed =
        std::any_of(diff->begin(), diff->end(), [&](const Disagreement& d) { return d.key == key; });
    if (!disputed) {
      c.values.push_back(*a.Find(key));
      continue;
    }
    auto dec = std::find_if(decisions.begin(), decisions.end(), [&](const Decision& d) { return d.key == key; });
    if (dec == decisions.end()) {
      return Status::InvalidArgument(key + ": " + a.extractor + " and " + b.extractor +
                                     " disagree and no consensus is recorded")
          .WithField(key);
    }
    if (dec->decided_by.empty()) return Status::InvalidArgument(key + ": say who made the consensus").WithField(key);
    if (dec->value.value.empty()) {
      c.decisions.push_back(*dec);
      continue;
    }
    if (Status s = CheckValue(dec->value, base); !s.ok()) return s;
    c.values.push_back(dec->value);
    c.decisions.push_back(*dec);
  }
  return c;
}

evidence::RawRecord ToRecord(const Consensus& c) {
  evidence::RawRecord r = RecordOf(c.cohort, c.values, true);
  for (const auto& d : c.decisions) {
    r.note += (r.note.empty() ? "" : " ") + std::string("Consensus on ") + d.key + " by " + d.decided_by + ".";
  }
  return r;
}

std::string ConsensusText(const std::vector<Consensus>& consensus, const std::string& origin) {
  std::vector<evidence::RawRecord> records;
  for (const auto& c : consensus) records.push_back(ToRecord(c));
  return "# Consensus of carta extract (" + origin + "): review, then merge into data/.\n" +
         evidence::FormatRecords(records);
}

Result<evidence::EvidenceBase> Layer(const std::vector<evidence::RawRecord>& base,
                                     const std::vector<Consensus>& consensus) {
  std::vector<evidence::RawRecord> records;
  for (const auto& r : base) {
    const bool replaced = r.kind == "cohort" && std::any_of(consensus.begin(), consensus.end(),
                                                            [&](const Consensus& c) { return c.cohort == r.id; });
    if (!replaced) records.push_back(r);
  }
  for (const auto& c : consensus) records.push_back(ToRecord(c));
  return evidence::BuildEvidence(std::move(records));
}

}  // namespace carta::extract

#include "carta/evidence/build.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "carta/core/text.h"
#include "schema.h"

namespace carta::evidence {

namespace {

Status At(const SourcePos& pos, const std::string& msg) { return Status::InvalidArgument(pos.ToString() + ": " + msg); }

// Validates every line of `r` against the schema and rewrites enum values in
// their canonical spelling.
Status ValidateRecord(RawRecord& r) {
  const auto& kinds = schema::Kinds();
  if (std::find(kinds.begin(), kinds.end(), r.kind) == kinds.end()) {
    std::string hint = text::ClosestMatch(r.kind, kinds);
    return At(r.pos, "unknown record kind '" + r.kind + "' (expected one of " + text::Join(kinds, ", ") + ")" +
                         (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
  }
  std::map<std::string, std::vector<const Observation*>> seen;
  for (auto& obs : r.fields) {
    const schema::KeySpec* spec = schema::Lookup(r.kind, obs.key);
    if (!spec) {
      std::string hint = text::ClosestMatch(obs.key, schema::Keys(r.kind));
      return At(obs.pos, "unknown key '" + obs.key + "' in a " + r.kind + " record" +
                             (hint.empty() ? "" : "; did you mean '" + hint + "'?") + " (see doc/data-format.md)");
    }
    std::vector<std::string> items = spec->list ? text::Split(obs.raw, ',') : std::vector<std::string>{obs.raw};
    std::vector<std::string> canonical;
    for (const auto& item : items) {
      auto v = schema::CheckValue(*spec, item);
      if (!v.ok()) return At(obs.pos, obs.key + ": " + v.status().message());
      if (std::find(canonical.begin(), canonical.end(), *v) != canonical.end()) {
        return At(obs.pos, obs.key + ": '" + *v + "' is listed twice");
      }
      canonical.push_back(*v);
    }
    obs.raw = text::Join(canonical, ", ");
    if (!spec->list) {
      for (const Observation* earlier : seen[obs.key]) {
        const bool same_place = earlier->prov.refs == obs.prov.refs && earlier->prov.citation == obs.prov.citation &&
                                earlier->prov.location == obs.prov.location;
        if (same_place) {
          return At(obs.pos, "'" + obs.key + "' is given twice with the same provenance (first at line " +
                                 std::to_string(earlier->pos.line) + "); a repeated value needs its own '@ provenance'");
        }
      }
    }
    seen[obs.key].push_back(&obs);
  }
  for (const auto& key : schema::RequiredKeys(r.kind)) {
    if (!r.First(key)) return At(r.pos, r.kind + " '" + r.id + "' has no '" + key + "' (required)");
  }
  return Status::Ok();
}

std::string Scalar(const RawRecord& r, const char* key) {
  const Observation* o = r.First(key);
  return o ? o->raw : "";
}

std::vector<std::string> List(const RawRecord& r, const char* key) {
  std::vector<std::string> out;
  for (const Observation* o : r.All(key)) {
    for (auto& item : text::Split(o->raw, ',')) {
      if (item != "none") out.push_back(item);
    }
  }
  return out;
}

int IntOr(const RawRecord& r, const char* key, int fallback) {
  const Observation* o = r.First(key);
  if (!o) return fallback;
  return static_cast<int>(*text::ParseCount(o->raw));
}

Construct MakeConstruct(const RawRecord& r) {
  Construct c;
  c.id = r.id;
  c.pos = r.pos;
  c.targets = List(r, "target");
  c.binder = Scalar(r, "binder");
  c.binder_count = IntOr(r, "binder_count", 1);
  c.binder_origin = Scalar(r, "binder_origin");
  c.binder_clone = Scalar(r, "binder_clone");
  c.hinge = Scalar(r, "hinge");
  c.transmembrane = Scalar(r, "transmembrane");
  c.costim = List(r, "costim");
  c.costim_stated = r.First("costim") != nullptr;
  c.signal = Scalar(r, "signal");
  c.vector = Scalar(r, "vector");
  c.cd4_cd8 = Scalar(r, "cd4_cd8");
  c.cell_source = Scalar(r, "cell_source");
  c.payload = List(r, "payload");
  c.safety_switch = List(r, "safety_switch");
  c.marker = List(r, "marker");
  c.gene_edits = List(r, "gene_edits");
  c.design = Scalar(r, "design");
  c.affinity = Scalar(r, "affinity");
  c.as_printed = Scalar(r, "as_printed");
  return c;
}

Product MakeProduct(const RawRecord& r) {
  Product p;
  p.id = r.id;
  p.pos = r.pos;
  p.brand = Scalar(r, "brand");
  p.targets = List(r, "target");
  p.inn = Scalar(r, "inn");
  p.short_names = List(r, "short_name");
  p.codes = List(r, "code");
  p.names_zh = List(r, "name_zh");
  p.developer = Scalar(r, "developer");
  p.developer_as_printed = Scalar(r, "developer_as_printed");
  p.construct_id = Scalar(r, "construct");
  p.remark = Scalar(r, "remark");
  return p;
}

Approval MakeApproval(const RawRecord& r) {
  Approval a;
  a.id = r.id;
  a.pos = r.pos;
  a.product_id = Scalar(r, "product");
  a.agency = Scalar(r, "agency");
  a.date = *ParseMonth(Scalar(r, "date"));
  a.indications = List(r, "indication");
  a.population = Scalar(r, "population");
  a.age_max_years = IntOr(r, "age_max_years", 0);
  a.line = Scalar(r, "line");
  a.as_printed = Scalar(r, "as_printed");
  return a;
}

TrialFamily MakeTrialFamily(const RawRecord& r) {
  TrialFamily t;
  t.id = r.id;
  t.pos = r.pos;
  t.prefix = Scalar(r, "prefix");
  t.sponsor = Scalar(r, "sponsor");
  t.sponsor_products = List(r, "sponsor_products");
  return t;
}

// The cohort keys that are values with provenance rather than identity.
bool IsCohortValueKey(const std::string& key, schema::Type type) {
  return key == "n" || type == schema::Type::kRate || type == schema::Type::kMedian ||
         type == schema::Type::kDuration;
}

Result<Cohort> MakeCohort(const RawRecord& r) {
  Cohort c;
  c.id = r.id;
  c.pos = r.pos;
  c.note = r.note;
  c.product_as_printed = Scalar(r, "product");
  c.construct_id = Scalar(r, "construct");
  c.construct_as_printed = Scalar(r, "construct_as_printed");
  c.targets = List(r, "target");
  c.acronym = Scalar(r, "acronym");
  c.registry = List(r, "registry");
  c.phase = Scalar(r, "phase");
  c.indications = List(r, "indication");
  c.disease_status = Scalar(r, "disease_status");
  c.population = Scalar(r, "population");
  c.age = Scalar(r, "age");
  c.tox_scale = Scalar(r, "tox_scale");
  c.setting = Scalar(r, "setting");
  if (const Observation* o = r.First("n_by_indication")) {
    for (const auto& part : text::Split(o->raw, ';')) {
      size_t sp = part.rfind(' ');
      auto n = sp == std::string::npos ? std::nullopt : text::ParseCount(part.substr(sp + 1));
      if (!n) return At(o->pos, "n_by_indication: '" + part + "' is not 'INDICATION COUNT' (e.g. 'DLBCL 80; PMBCL 4')");
      auto ind = schema::CheckValue(*schema::Lookup("cohort", "indication"), part.substr(0, sp));
      if (!ind.ok()) return At(o->pos, "n_by_indication: " + ind.status().message());
      c.n_by_indication.emplace_back(*ind, *n);
    }
  }
  for (const auto& obs : r.fields) {
    const schema::KeySpec* spec = schema::Lookup("cohort", obs.key);
    if (!IsCohortValueKey(obs.key, spec->type)) continue;
    CohortValue v;
    v.key = obs.key;
    v.prov = obs.prov;
    v.note = obs.note;
    v.pos = obs.pos;
    if (obs.key == "n") {
      v.kind = CohortValue::Kind::kCount;
      v.count = *text::ParseCount(obs.raw);
    } else if (spec->type == schema::Type::kRate) {
      v.kind = CohortValue::Kind::kRate;
      v.rate = *ParseRate(obs.raw);
    } else if (spec->type == schema::Type::kMedian) {
      v.kind = CohortValue::Kind::kMedian;
      v.median = *ParseMedian(obs.raw);
    } else {
      v.kind = CohortValue::Kind::kDuration;
      v.duration = *ParseDuration(obs.raw);
    }
    c.values.push_back(std::move(v));
  }
  return c;
}

size_t FilterCount(const Claim& c, const std::string& key) {
  return static_cast<size_t>(std::count_if(c.where.begin(), c.where.end(), [&](const auto& w) { return w.first == key; }));
}

Result<Claim> MakeClaim(const RawRecord& r) {
  Claim c;
  c.id = r.id;
  c.pos = r.pos;
  c.text = Scalar(r, "text");
  c.kind = Scalar(r, "kind");
  c.field = Scalar(r, "field");
  c.value = Scalar(r, "value");
  c.product = Scalar(r, "product");
  c.property = Scalar(r, "property");
  c.except = List(r, "except");
  c.products = List(r, "products");
  c.cites = List(r, "cites");
  if (const Observation* k = r.First("kind")) c.prov = k->prov;
  if (const Observation* o = r.First("where")) {
    // Which filters apply to which kinds, and the vocabulary of each.
    const bool on_products = c.kind == "count-products" || c.kind == "first" || c.kind == "all-products" ||
                             c.kind == "cited-indication";
    const std::set<std::string> allowed = on_products
                                              ? std::set<std::string>{"agency", "target", "indication", "population", "product"}
                                              : std::set<std::string>{"target", "indication", "location", "marketed", "product"};
    for (const auto& part : text::Split(o->raw, ',')) {
      size_t sp = part.find(' ');
      std::string key = sp == std::string::npos ? part : part.substr(0, sp);
      if (sp == std::string::npos || !allowed.count(key)) {
        return At(o->pos, "where: '" + part + "' is not a filter of a " + c.kind + " claim (accepted: " +
                              text::Join(std::vector<std::string>(allowed.begin(), allowed.end()), ", ") + ", as 'KEY VALUE')");
      }
      std::string value(text::Trim(part.substr(sp + 1)));
      Result<std::string> canonical = value;
      if (key == "agency" || key == "population") canonical = CanonicalValue("approval", key, value);
      if (key == "target" || key == "indication") canonical = CanonicalValue("cohort", key, value);
      if (key == "marketed" && value != "yes" && value != "no") canonical = Status::InvalidArgument("'" + value + "' is not yes or no");
      if (key == "location") {
        auto p = ParseProvenance("-; " + value);
        if (!p.ok()) canonical = p.status();
      }
      if (!canonical.ok()) return At(o->pos, "where: " + key + ": " + canonical.status().message());
      c.where.emplace_back(key, *canonical);
    }
  }
  if (!c.field.empty()) {
    const schema::KeySpec* spec = schema::Lookup("cohort", c.field);
    bool numeric = spec && (c.field == "n" || spec->type == schema::Type::kRate || spec->type == schema::Type::kDuration ||
                            spec->type == schema::Type::kMedian);
    if (!numeric) {
      return At(r.First("field")->pos, "field: '" + c.field + "' is not a cohort value (e.g. orr, crr, n, followup_median, pfs_median)");
    }
  }
  const bool needs_field = c.kind == "range" || c.kind == "at-least" || c.kind == "below" || c.kind == "max" ||
                           c.kind == "best" || c.kind == "top";
  if (needs_field && c.field.empty()) return At(r.pos, "claim '" + c.id + "' of kind " + c.kind + " needs 'field'");
  const std::set<std::string> no_value = {"best", "first", "all-products", "top", "most", "cited-indication"};
  if (!no_value.count(c.kind) && c.value.empty()) {
    return At(r.pos, "claim '" + c.id + "' of kind " + c.kind + " needs 'value'");
  }
  if ((c.kind == "best" || c.kind == "first" || c.kind == "most") && c.product.empty()) {
    return At(r.pos, "claim '" + c.id + "' of kind " + c.kind + " needs 'product'");
  }
  if (c.kind == "top" && c.products.empty()) {
    return At(r.pos, "claim '" + c.id + "' of kind top needs 'products' (the products the text names)");
  }
  if (c.kind == "most" && c.property != "cohorts" && c.property != "indications") {
    return At(r.pos, "claim '" + c.id + "' of kind most needs 'property = cohorts' or 'property = indications'");
  }
  if (c.kind == "cited-indication" && (c.cites.empty() || FilterCount(c, "indication") != 1)) {
    return At(r.pos, "claim '" + c.id + "' of kind cited-indication needs 'cites' (trial acronyms) and one "
                     "'where = indication ...'");
  }
  if (c.kind == "all-products" && c.property.find(' ') == std::string::npos) {
    return At(r.pos, "claim '" + c.id + "' of kind all-products needs 'property = KEY VALUE'");
  }
  return c;
}

// Checks references between records and resolves cohort products and count rates.
Status Resolve(EvidenceBase& eb) {
  std::set<std::pair<std::string, std::string>> ids;
  for (const auto& r : eb.records) {
    if (!ids.insert({r.kind, r.id}).second) {
      const RawRecord* first = nullptr;
      for (const auto& earlier : eb.records) {
        if (!first && earlier.kind == r.kind && earlier.id == r.id) first = &earlier;
      }
      return At(r.pos, "duplicate " + r.kind + " id '" + r.id + "' (first at " + first->pos.ToString() + ")");
    }
  }
  if (Status s = eb.Reindex(); !s.ok()) return s;
  auto ref_error = [&](const RawRecord& r, const char* key, const std::string& kind) -> Status {
    for (const Observation* o : r.All(key)) {
      for (const auto& item : text::Split(o->raw, ',')) {
        if (!eb.FindRecord(kind, item)) {
          return At(o->pos, std::string(key) + ": no " + kind + " record with id '" + item + "'");
        }
      }
    }
    return Status::Ok();
  };
  for (const auto& r : eb.records) {
    Status s;
    if (r.kind == "product") s = ref_error(r, "construct", "construct");
    if (r.kind == "approval") s = ref_error(r, "product", "product");
    if (r.kind == "trial-family") s = ref_error(r, "sponsor_products", "product");
    if (r.kind == "cohort") s = ref_error(r, "construct", "construct");
    if (r.kind == "claim") {
      s = ref_error(r, "product", "product");
      if (s.ok()) s = ref_error(r, "except", "product");
      if (s.ok()) s = ref_error(r, "products", "product");
    }
    if (r.kind == "statement" && !r.First("value") && !r.First("duration") && !r.First("date") && !r.First("year") &&
        !r.First("count")) {
      s = At(r.pos, "statement '" + r.id + "' needs one of 'value', 'duration', 'date', 'year' or 'count'");
    }
    if (!s.ok()) return s;
    if (!s.ok()) return s;
  }
  for (const auto& c : eb.claims) {
    for (const auto& [key, value] : c.where) {
      if (key == "product" && !eb.FindProduct(value)) {
        return At(eb.FindRecord("claim", c.id)->First("where")->pos, "where: no product record with id '" + value + "'");
      }
    }
  }
  for (auto& c : eb.cohorts) {
    const RawRecord* r = eb.FindRecord("cohort", c.id);
    if (!c.product_as_printed.empty()) {
      const Product* p = eb.ResolveProduct(c.product_as_printed);
      if (!p) {
        std::vector<std::string> names;
        for (const auto& prod : eb.products) {
          for (const auto& n : prod.AllNames()) names.push_back(n);
        }
        std::string hint = text::ClosestMatch(c.product_as_printed, names);
        return At(r->First("product")->pos, "product: unknown product '" + c.product_as_printed + "'" +
                                                (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                                                " (a brand, INN, code or Chinese name of a [product] record)");
      }
      c.product_id = p->id;
      if (c.construct_id.empty()) c.construct_id = p->construct_id;
      if (c.targets.empty()) c.targets = p->targets;
    }
    if (c.targets.empty() && !c.construct_id.empty()) c.targets = eb.FindConstruct(c.construct_id)->targets;
    if (c.targets.empty()) return At(c.pos, "cohort '" + c.id + "' has no target: give 'product', 'construct' or 'target'");
    std::optional<long> n = c.N();
    for (auto& v : c.values) {
      if (v.kind != CohortValue::Kind::kRate || v.rate.form != Rate::Form::kCount) continue;
      if (!n || *n <= 0) return At(v.pos, v.key + ": '" + v.rate.ToString() + "' needs the cohort's n (at least 1) to be a rate");
      if (v.rate.count > *n) {
        return At(v.pos, v.key + ": " + std::to_string(v.rate.count) + " patients is more than the cohort's n of " +
                             std::to_string(*n));
      }
      v.rate.Resolve(*n);
    }
  }
  return Status::Ok();
}

}  // namespace

const std::vector<std::string>& RecordKinds() { return schema::Kinds(); }

bool IsListValued(const std::string& kind, const std::string& key) {
  const schema::KeySpec* spec = schema::Lookup(kind, key);
  return spec && spec->list;
}

Result<std::string> CanonicalValue(const std::string& kind, const std::string& key, const std::string& value) {
  const schema::KeySpec* spec = schema::Lookup(kind, key);
  if (!spec) return Status::InvalidArgument("no key '" + key + "' in a " + kind + " record");
  return schema::CheckValue(*spec, value);
}

std::vector<std::string> KnownKeys(const std::string& kind) { return schema::Keys(kind); }

Result<EvidenceBase> BuildEvidence(std::vector<RawRecord> records) {
  EvidenceBase eb;
  for (auto& r : records) {
    Status s = ValidateRecord(r);
    if (!s.ok()) return s;
  }
  eb.records = std::move(records);
  for (const auto& r : eb.records) {
    if (r.kind == "construct") eb.constructs.push_back(MakeConstruct(r));
    if (r.kind == "product") eb.products.push_back(MakeProduct(r));
    if (r.kind == "approval") eb.approvals.push_back(MakeApproval(r));
    if (r.kind == "trial-family") eb.trial_families.push_back(MakeTrialFamily(r));
    if (r.kind == "cohort") {
      auto c = MakeCohort(r);
      if (!c.ok()) return c.status();
      eb.cohorts.push_back(std::move(*c));
    }
    if (r.kind == "claim") {
      auto c = MakeClaim(r);
      if (!c.ok()) return c.status();
      eb.claims.push_back(std::move(*c));
    }
  }
  Status s = Resolve(eb);
  if (!s.ok()) return s;
  return eb;
}

Result<EvidenceBase> LoadEvidenceDir(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status::NotFound("no evidence folder at '" + dir + "' (give --data DIR, or run from the carta checkout)");
  }
  std::vector<std::string> files;
  for (fs::recursive_directory_iterator it(dir, ec), end; it != end && !ec; it.increment(ec)) {
    std::error_code file_ec;
    if (it->is_regular_file(file_ec) && it->path().extension() == ".carta") files.push_back(it->path().string());
  }
  if (ec) return Status::IOError("cannot read '" + dir + "': " + ec.message());
  if (files.empty()) return Status::NotFound("no *.carta files in '" + dir + "'");
  std::sort(files.begin(), files.end());
  std::vector<RawRecord> all;
  constexpr std::uintmax_t kMaxDataFileBytes = std::uintmax_t{16} << 20;  // the bound on one data file
  for (const auto& f : files) {
    std::error_code size_ec;
    if (const std::uintmax_t size = fs::file_size(f, size_ec); !size_ec && size > kMaxDataFileBytes) {
      return Status::InvalidArgument(f + ": a data file larger than 16 MiB (" + std::to_string(size >> 20) +
                                     " MiB); split it into several .carta files")
          .WithLocation({f, 0, 0, ""});
    }
    std::ifstream in(f, std::ios::binary);
    if (!in) return Status::IOError("cannot open '" + f + "'");
    std::stringstream buf;
    buf << in.rdbuf();
    auto recs = ParseRecords(buf.str(), f);
    if (!recs.ok()) return recs.status();
    for (auto& r : *recs) all.push_back(std::move(r));
  }
  return BuildEvidence(std::move(all));
}

}  // namespace carta::evidence

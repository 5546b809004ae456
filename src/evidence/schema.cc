#include "schema.h"

#include <algorithm>
#include <map>
#include <regex>

#include "carta/core/text.h"
#include "carta/evidence/model.h"
#include "carta/evidence/values.h"

namespace carta::evidence::schema {

namespace {

const std::vector<std::string> kAntigens = {"CD19", "CD20", "CD22", "CD123", "BCMA", "CD38", "CD138", "CD229", "CD7"};
const std::vector<std::string> kIndications = {"B-ALL", "LBCL", "DLBCL", "PMBCL", "HGBL", "FL", "MCL",
                                               "CLL/SLL", "B-NHL", "NHL", "MM", "B-cell-malignancy"};

KeySpec Text(std::string k, bool required = false) { return {std::move(k), Type::kText, false, required, {}, ""}; }
KeySpec TextList(std::string k) { return {std::move(k), Type::kText, true, false, {}, ""}; }
KeySpec Enum(std::string k, std::vector<std::string> allowed, bool list = false, bool required = false) {
  return {std::move(k), Type::kEnum, list, required, std::move(allowed), ""};
}
KeySpec Of(std::string k, Type t, bool required = false) { return {std::move(k), t, false, required, {}, ""}; }
KeySpec Ref(std::string k, std::string kind, bool list = false, bool required = false) {
  return {std::move(k), Type::kRef, list, required, {}, std::move(kind)};
}

const std::map<std::string, std::vector<KeySpec>>& Table() {
  static const auto* table = new std::map<std::string, std::vector<KeySpec>>{
      {"product",
       {Text("brand", true), Enum("target", kAntigens, true, true), Text("inn"), TextList("short_name"),
        TextList("code"), TextList("name_zh"), Text("developer"), Text("developer_as_printed"),
        Ref("construct", "construct"), Text("remark")}},
      {"construct",
       {Enum("target", kAntigens, true, true), Enum("binder", {"scFv", "VHH", "ligand", "unknown"}),
        Of("binder_count", Type::kInt), Enum("binder_origin", {"murine", "human", "humanized", "llama", "unknown"}),
        Text("binder_clone"), Enum("hinge", {"CD8a", "CD28", "IgG4", "CD3z", "unknown"}),
        Enum("transmembrane", {"CD8a", "CD28", "IgG4", "CD3z", "unknown"}),
        Enum("costim", {"CD28", "4-1BB", "OX40", "ICOS", "none"}, true), Enum("signal", {"CD3z"}, false, true),
        Enum("vector", {"lentiviral", "gamma-retroviral", "transposon", "mRNA", "unknown"}),
        Enum("cd4_cd8", {"1:1", "undefined"}), Enum("cell_source", {"autologous", "allogeneic", "donor-derived", "unknown"}),
        TextList("payload"), TextList("safety_switch"), TextList("marker"), TextList("gene_edits"),
        Enum("design", {"single", "tandem", "bicistronic", "pooled", "adaptor", "logic-gate", "unknown"}),
        Enum("affinity", {"standard", "low"}), Text("as_printed")}},
      {"approval",
       {Ref("product", "product", false, true), Enum("agency", {"FDA", "NMPA", "EMA"}, false, true),
        Of("date", Type::kMonth, true), Enum("indication", kIndications, true, true),
        Enum("population", {"adult", "pediatric-young-adult", "pediatric", "all"}), Of("age_max_years", Type::kInt),
        Enum("line", {"r/r", "2L", "unspecified"}), Text("as_printed")}},
      {"trial-family", {Text("prefix", true), Text("sponsor", true), Ref("sponsor_products", "product", true)}},
      {"cohort",
       {Text("product"), Ref("construct", "construct"), Text("construct_as_printed"), Enum("target", kAntigens, true),
        Text("acronym"), TextList("registry"), Of("phase", Type::kPhase), Enum("indication", kIndications, true, true),
        Text("n_by_indication"), Enum("disease_status", {"r/r", "newly-diagnosed", "mixed", "unspecified"}),
        Enum("population", {"adult", "pediatric", "pediatric-young-adult", "all", "unspecified"}), Text("age"),
        Of("n", Type::kInt), Of("followup_median", Type::kDuration),
        Enum("tox_scale", {"ASTCT", "Lee2014", "CTCAE", "Penn", "CARTOX", "unspecified"}), Text("setting"),
        Enum("n_kind", {"enrolled", "infused", "evaluable"}), Text("response_criteria"),
        Of("orr", Type::kRate), Of("crr", Type::kRate), Of("cr_cri", Type::kRate), Of("mrd_neg", Type::kRate),
        Of("sd_or_better", Type::kRate), Of("durable_remission", Type::kRate),
        Of("remission_duration", Type::kDuration), Of("car_persistence_6mo", Type::kRate),
        Of("crs_any", Type::kRate), Of("crs_g3plus", Type::kRate), Of("icans_any", Type::kRate),
        Of("icans_g3plus", Type::kRate), Of("neurotox_g3plus", Type::kRate), Of("gvhd_any", Type::kRate),
        Of("coagulopathy_any", Type::kRate)}},
      {"statement",
       {Text("text", true), Text("measure", true), Of("value", Type::kRateRange), Of("duration", Type::kDuration),
        Of("date", Type::kMonth), Of("year", Type::kInt), Text("count"), Enum("target", kAntigens, true), Enum("indication", kIndications, true),
        Text("population"), Text("timing")}},
      {"literature",
       {Text("text", true), Enum("database", {"PubMed", "CNKI", "Wanfang", "Embase", "Web of Science", "other"}, true),
        Of("identified", Type::kInt), Of("identified_chinese", Type::kInt), Of("identified_english", Type::kInt),
        Of("excluded", Type::kInt), TextList("exclusion_reason"), Of("included", Type::kInt),
        Of("included_chinese", Type::kInt), Of("included_english", Type::kInt)}},
      {"claim",
       {Text("text", true),
        Enum("kind",
             {"count-products", "count-cohorts", "count-cohort-products", "range", "at-least", "below", "max", "best",
              "top", "most", "first", "all-products", "cited-indication"},
             false, true),
        Text("where"), Text("field"), Text("value"), Ref("product", "product"), Text("property"),
        Ref("except", "product", true), Ref("products", "product", true), TextList("cites")}},
      {"definition", {Text("text", true), Text("term", true), Text("costim_domains"), Text("activation_domains")}},
  };
  return *table;
}

}  // namespace

const std::vector<std::string>& Kinds() {
  static const std::vector<std::string> kinds = {"product", "construct", "approval", "trial-family", "cohort",
                                                 "statement", "literature", "claim", "definition"};
  return kinds;
}

const KeySpec* Lookup(const std::string& kind, const std::string& key) {
  const auto& table = Table();
  auto it = table.find(kind);
  if (it == table.end()) return nullptr;
  for (const auto& spec : it->second) {
    if (spec.key == key) return &spec;
  }
  if (kind == "cohort") {
    static const std::regex kMedianKey("(os|pfs|efs|rfs)_median");
    static const std::regex kLandmarkKey("(os|pfs|efs|rfs|trm)_([1-9][0-9]{0,2})mo");
    static const KeySpec kMedianSpec = Of("<endpoint>_median", Type::kMedian);
    static const KeySpec kLandmarkSpec = Of("<endpoint>_Nmo", Type::kRate);
    if (std::regex_match(key, kMedianKey)) return &kMedianSpec;
    if (std::regex_match(key, kLandmarkKey)) return &kLandmarkSpec;
  }
  return nullptr;
}

std::vector<std::string> Keys(const std::string& kind) {
  std::vector<std::string> out;
  auto it = Table().find(kind);
  if (it == Table().end()) return out;
  for (const auto& spec : it->second) out.push_back(spec.key);
  if (kind == "cohort") {
    for (const char* e : {"os", "pfs", "efs", "rfs"}) out.push_back(std::string(e) + "_median");
    for (const char* e : {"os", "pfs", "efs", "rfs", "trm"}) out.push_back(std::string(e) + "_12mo");
  }
  return out;
}

std::vector<std::string> RequiredKeys(const std::string& kind) {
  std::vector<std::string> out;
  auto it = Table().find(kind);
  if (it == Table().end()) return out;
  for (const auto& spec : it->second) {
    if (spec.required) out.push_back(spec.key);
  }
  return out;
}

Result<std::string> CheckValue(const KeySpec& spec, std::string_view value) {
  std::string v(text::Trim(value));
  if (v.empty()) return Status::InvalidArgument("empty value");
  switch (spec.type) {
    case Type::kText:
    case Type::kRef:
      return v;
    case Type::kInt: {
      auto n = text::ParseCount(v);
      if (!n) return Status::InvalidArgument("'" + v + "' is not a whole number");
      return std::to_string(*n);
    }
    case Type::kRate: {
      auto r = ParseRate(v);
      if (!r.ok()) return r.status();
      return v;
    }
    case Type::kRateRange: {
      auto r = ParseRateRange(v);
      if (!r.ok()) return r.status();
      return v;
    }
    case Type::kDuration: {
      auto d = ParseDuration(v);
      if (!d.ok()) return d.status();
      return v;
    }
    case Type::kMedian: {
      auto m = ParseMedian(v);
      if (!m.ok()) return m.status();
      return v;
    }
    case Type::kMonth: {
      auto m = ParseMonth(v);
      if (!m.ok()) return m.status();
      return m->ToString();
    }
    case Type::kPhase: {
      static const std::vector<std::string> kPhases = {"preclinical", "1", "1/2", "1b/2", "2", "3", "4", "unspecified"};
      for (const auto& p : kPhases) {
        if (p == v) return v;
      }
      return Status::InvalidArgument("'" + v + "' is not a phase (expected one of " + text::Join(kPhases, ", ") + ")");
    }
    case Type::kBool:
      if (v == "yes" || v == "no") return v;
      return Status::InvalidArgument("'" + v + "' is not yes or no");
    case Type::kEnum: {
      for (const auto& a : spec.allowed) {
        if (text::ToLower(a) == text::ToLower(v)) return a;
      }
      std::string hint = text::ClosestMatch(v, spec.allowed);
      return Status::InvalidArgument("'" + v + "' is not one of " + text::Join(spec.allowed, ", ") +
                                     (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
  }
  return Status::Internal("unhandled value type");
}

}  // namespace carta::evidence::schema

namespace carta::evidence {

const std::vector<std::string>& RateOutcomes() {
  static const std::vector<std::string>* rates = [] {
    auto* out = new std::vector<std::string>;
    for (const auto& spec : schema::Table().at("cohort")) {
      // durable_remission is a share of the complete responders, not of the cohort.
      if (spec.type == schema::Type::kRate && spec.key != "durable_remission") out->push_back(spec.key);
    }
    std::sort(out->begin(), out->end());
    return out;
  }();
  return *rates;
}

bool IsRateOutcome(const std::string& key) {
  const auto& rates = RateOutcomes();
  return std::binary_search(rates.begin(), rates.end(), key);
}

}  // namespace carta::evidence

// carta studies [--target T] [--product P] [--indication I] [--location L]: Tables 3 and 4
// and the cohorts of the text, one row per cohort.
#include <cctype>
#include <cmath>
#include <iostream>

#include "carta/core/text.h"
#include "carta/evidence/build.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

namespace {

using evidence::Cohort;
using evidence::CohortValue;

api::Json ValueJson(const CohortValue* v) {
  if (!v) return nullptr;
  double x = v->Number();
  api::Json j = {{"display", v->Display()}, {"provenance", v->prov.ToString()}};
  if (v->kind == CohortValue::Kind::kMedian && v->median.not_reached) {
    j["not_reached"] = true;
  } else if (!std::isnan(x)) {
    j["value"] = x;
  }
  return j;
}

// "PFS median 14.7 months; 12 mo 74.6%": every survival value of the first place printed.
std::string SurvivalText(const Cohort& c) {
  std::vector<std::string> parts;
  for (const auto& v : c.values) {
    for (const char* e : {"os", "pfs", "efs", "rfs"}) {
      const std::string prefix = std::string(e) + "_";
      if (!text::StartsWith(v.key, prefix)) continue;
      std::string name;
      for (const char* ch = e; *ch; ++ch) name += static_cast<char>(std::toupper(static_cast<unsigned char>(*ch)));
      std::string what = v.key.substr(prefix.size());
      if (what == "median") {
        parts.push_back(name + " median " + v.Display());
      } else {
        parts.push_back(name + " " + what.substr(0, what.size() - 2) + " mo " + v.Display());
      }
    }
  }
  return text::Join(parts, "; ");
}

}  // namespace

int RunStudies(int argc, char** argv) {
  CLI::App app("The treated cohorts: n, follow-up, response and survival, one row per cohort "
               "(the review's Tables 3 and 4 and the cohorts of its text). A value printed in more than one "
               "place shows the first; 'carta show ID' shows them all.",
               "studies");
  std::string db_path, format, target, product, indication, location;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_option("--target", target, "only cohorts treated against this antigen (CD19, BCMA, CD22, ...)");
  app.add_option("--product", product, "only cohorts of this product (brand, INN, code or Chinese name)");
  app.add_option("--indication", indication, "only this indication or its sub-types (B-ALL, LBCL, FL, MCL, MM, ...)");
  app.add_option("--location", location, "only cohorts with values printed there: 'Table 3', 'Table 4', '§2.2.1'");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (!target.empty()) {
    auto t = evidence::CanonicalValue("cohort", "target", target);
    if (!t.ok()) return Fail(t.status().WithContext("--target"));
    target = *t;
  }
  if (!indication.empty()) {
    auto i = evidence::CanonicalValue("cohort", "indication", indication);
    if (!i.ok()) return Fail(i.status().WithContext("--indication"));
    indication = *i;
  }
  auto eb = OpenEvidence(db_path);
  if (!eb.ok()) return Fail(eb.status());
  std::string product_id;
  if (!product.empty()) {
    const auto* p = eb->ResolveProduct(product);
    if (!p) return Fail(Status::NotFound("no product called '" + product + "' (see 'carta products')"));
    product_id = p->id;
  }
  const bool json = format == "json";
  Listing l({{"id", "id"},
             {"product", "Product", 22},
             {"acronym", "Trial", 16},
             {"registry", "Registry", 18},
             {"phase", "Phase"},
             {"indications", "Indication"},
             {"n", "n"},
             {"followup", "Follow-up"},
             {"orr", "ORR"},
             {"crr", "CRR"},
             {"survival", "Survival", 30},
             {"provenance", "Source", 18}});
  for (const auto& c : eb->cohorts) {
    bool target_ok = target.empty();
    for (const auto& t : c.targets) target_ok = target_ok || t == target;
    if (!target_ok || (!product_id.empty() && c.product_id != product_id)) continue;
    bool ind_ok = indication.empty();
    for (const auto& i : c.indications) ind_ok = ind_ok || evidence::IndicationWithin(i, indication);
    if (!ind_ok) continue;
    if (!location.empty() && !c.HasValuesFrom(location)) continue;
    auto n = c.N();
    const CohortValue* first_n = c.First("n");
    api::Json n_cell = n ? api::Json(*n) : api::Json(nullptr);
    if (format == "table" && !first_n && n) n_cell = std::to_string(*n) + " (sum)";
    const CohortValue* fu = c.First("followup_median");
    std::string prov = !c.values.empty() ? c.values.front().prov.Short() : "";
    if (json) {
      api::Json survival = api::Json::object();
      for (const auto& v : c.values) {
        for (const char* e : {"os_", "pfs_", "efs_", "rfs_"}) {
          if (text::StartsWith(v.key, e) && !survival.contains(v.key)) survival[v.key] = ValueJson(&v);
        }
      }
      l.Add({c.id, c.product_id.empty() ? api::Json(nullptr) : api::Json(c.product_id),
             c.acronym, c.registry, c.phase, c.indications, n_cell,
             fu ? api::Json(fu->duration.months()) : api::Json(nullptr), ValueJson(c.First("orr")),
             ValueJson(c.First("crr")), survival, prov});
    } else {
      l.Add({c.id, format == "csv" ? c.product_id : CohortProductLabel(*eb, c), c.acronym, text::Join(c.registry, " "), c.phase,
             text::Join(c.indications, "/"), n_cell, fu ? fu->Display() : "",
             c.First("orr") ? c.First("orr")->Display() : "",
             c.First("crr") ? c.First("crr")->Display() : (c.First("cr_cri") ? "CR/CRi " + c.First("cr_cri")->Display() : ""),
             SurvivalText(c), prov});
    }
  }
  Print(l, ParseFormat(format), std::cout);
  if (!json && format != "csv") std::cout << l.size() << " cohorts\n";
  return 0;
}

}  // namespace carta::cli

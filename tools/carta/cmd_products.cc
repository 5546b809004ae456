// carta products [--target T] [--agency A]: the review's Table 2.
#include <algorithm>
#include <iostream>

#include "carta/core/text.h"
#include "carta/evidence/build.h"
#include "carta/evidence/generation.h"
#include "commands.h"
#include "common.h"

namespace carta::cli {

int RunProducts(int argc, char** argv) {
  CLI::App app("The approved CAR-T products and their approvals (the review's Table 2).", "products");
  std::string db_path, format, target, agency;
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  app.add_option("--target", target, "only products against this antigen (CD19, BCMA)");
  app.add_option("--agency", agency, "only products approved by this agency (FDA, NMPA)");
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  if (!target.empty()) {
    auto t = evidence::CanonicalValue("product", "target", target);
    if (!t.ok()) return Fail(t.status().WithContext("--target"));
    target = *t;
  }
  if (!agency.empty()) {
    auto a = evidence::CanonicalValue("approval", "agency", agency);
    if (!a.ok()) return Fail(a.status().WithContext("--agency"));
    agency = *a;
  }
  auto eb = OpenEvidence(db_path);
  if (!eb.ok()) return Fail(eb.status());

  Listing l({{"id", "id"},
             {"targets", "Target"},
             {"brand", "Product"},
             {"inn", "INN", 22},
             {"codes", "Codes", 18},
             {"developer", "Developer", 16},
             {"structure", "Structure", 28},
             {"generation", "Gen"},
             {"approvals", "Approvals", 44}});
  for (const auto& p : eb->products) {
    if (!target.empty() && std::find(p.targets.begin(), p.targets.end(), target) == p.targets.end()) continue;
    api::Json approvals = api::Json::array();
    bool agency_ok = agency.empty();
    for (const auto* a : eb->ApprovalsOf(p.id)) {
      agency_ok = agency_ok || a->agency == agency;
      std::string s = a->agency + " " + a->date.ToString() + " " + text::Join(a->indications, "/");
      if (!a->population.empty() && a->population != "all") s += " (" + a->population + ")";
      if (a->age_max_years > 0) s += " (<" + std::to_string(a->age_max_years) + " y)";
      if (a->line == "2L") s += " 2L";
      approvals.push_back(format == "json" ? api::Json{{"agency", a->agency},
                                                            {"date", a->date.ToString()},
                                                            {"indications", a->indications},
                                                            {"population", a->population},
                                                            {"line", a->line}}
                                           : api::Json(s));
    }
    if (!agency_ok) continue;
    const auto* k = p.construct_id.empty() ? nullptr : eb->FindConstruct(p.construct_id);
    std::string structure;
    api::Json generation = nullptr;
    if (k) {
      std::vector<std::string> parts;
      if (!k->binder_clone.empty()) parts.push_back(k->binder_clone);
      if (!k->vector.empty() && k->vector != "unknown") parts.push_back(k->vector);
      if (k->cd4_cd8 == "1:1") parts.push_back("CD4:CD8 1:1");
      parts.push_back("CD3ζ+" + text::Join(k->costim, "+"));
      structure = text::Join(parts, ", ");
      int g = evidence::DeriveGeneration(*k).generation;
      if (g > 0) generation = g;
    }
    std::string brand = p.brand;
    if (format != "json" && !p.names_zh.empty() && p.names_zh[0] != p.brand) brand += " (" + p.names_zh[0] + ")";
    l.Add({p.id, format == "json" ? api::Json(p.targets) : api::Json(text::Join(p.targets, "/")), brand,
           p.inn, p.codes, p.developer, structure, generation, approvals});
  }
  Print(l, ParseFormat(format), std::cout);
  return 0;
}

}  // namespace carta::cli

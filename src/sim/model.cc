// The catalogue of products and diseases, and the parameter table.
#include "carta/sim/model.h"

#include <charconv>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>

namespace carta::sim {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// A 4-1BB product with Stein 2019's tisagenlecleucel kinetics.
Product FourOneBB(std::string id, std::string label, std::vector<Antigen> targets, double dose_cells) {
  Product p;
  p.id = std::move(id);
  p.label = std::move(label);
  p.targets = std::move(targets);
  p.dose_cells = dose_cells;
  return p;
}

// A CD28 product: the same effector contraction (Stein's α) and a
// short-lived memory phase (axicabtagene ciloleucel, t½ ≈ 14 d, via Kimmel
// 2021) in place of 4-1BB's t½ ≈ 220 d.
Product Cd28(std::string id, std::string label, double dose_cells) {
  Product p = FourOneBB(std::move(id), std::move(label), {Antigen::kCD19}, dose_cells);
  p.costim = Costim::kCD28;
  p.memory_loss_per_day = std::log(2.0) / 14;
  p.vein_to_vein_days = 17;
  return p;
}

struct Alias {
  const char* name;
  const char* id;
};

std::vector<Product> Catalogue() {
  std::vector<Product> c;
  c.push_back(FourOneBB("kymriah", "tisa-cel (Kymriah)", {Antigen::kCD19}, 1e8));
  c.push_back(Cd28("yescarta", "axi-cel (Yescarta)", 1.4e8));
  c.push_back(Cd28("tecartus", "brexu-cel (Tecartus)", 1.4e8));
  Product liso = FourOneBB("breyanzi", "liso-cel (Breyanzi)", {Antigen::kCD19}, 1e8);
  liso.cd4_fraction = 0.5;
  liso.memory_loss_per_day = 0.0020;  // t½ 352 d (Ogasawara 2021, abstract)
  c.push_back(liso);
  c.push_back(FourOneBB("abecma", "ide-cel (Abecma)", {Antigen::kBCMA}, 4.5e8));
  c.push_back(FourOneBB("carvykti", "cilta-cel (Carvykti)", {Antigen::kBCMA}, 5e7));
  c.push_back(FourOneBB("cd19-cd22", "CD19/CD22 dual (4-1BB)", {Antigen::kCD19, Antigen::kCD22}, 1e8));
  c.push_back(FourOneBB("cd19-cd20", "CD19/CD20 dual (4-1BB)", {Antigen::kCD19, Antigen::kCD20}, 1e8));
  c.push_back(FourOneBB("bcma-cd19", "BCMA/CD19 dual (4-1BB)", {Antigen::kBCMA, Antigen::kCD19}, 4.5e8));
  return c;
}

constexpr Alias kAliases[] = {{"tisa-cel", "kymriah"},  {"axi-cel", "yescarta"}, {"brexu-cel", "tecartus"},
                              {"liso-cel", "breyanzi"}, {"ide-cel", "abecma"},   {"cilta-cel", "carvykti"}};

Disease MakeDisease(Indication ind) {
  Disease d;
  d.indication = ind;
  switch (ind) {
    case Indication::kBAll:
      d.name = "B-ALL";
      d.growth_per_day = 0.05;
      d.partial_response = false;
      d.post_progression_median_months = 5;
      break;
    case Indication::kLbcl:
      d.name = "LBCL";
      d.growth_per_day = 0.08;
      d.burden_median_cells = 1e11;
      d.cr_cells = 1e9;
      d.nonrelapse_death_per_year = 0.03;
      break;
    case Indication::kFl:
      d.name = "FL";
      d.growth_per_day = 0.01;
      d.burden_median_cells = 5e10;
      d.cr_cells = 1e9;
      d.post_progression_median_months = 48;
      break;
    case Indication::kMcl:
      d.name = "MCL";
      d.growth_per_day = 0.05;
      d.burden_median_cells = 1e11;
      d.cr_cells = 1e9;
      d.post_progression_median_months = 10;
      break;
    case Indication::kCll:
      d.name = "CLL";
      d.growth_per_day = 0.005;
      d.burden_median_cells = 3e11;
      d.post_progression_median_months = 24;
      break;
    case Indication::kMm:
      d.name = "MM";
      d.antigen = Antigen::kBCMA;
      d.growth_per_day = 0.015;
      d.burden_median_cells = 1e11;
      d.normal_cells = 2e9;  // normal plasma cells carry BCMA
      d.normal_lifetime_days = 120;
      d.post_progression_median_months = 15;
      break;
  }
  return d;
}

// Potency and CRS scale fitted per product and indication by `carta sim
// calibrate --patients 200 --seed 1` on the evidence base of 2026-12-05 (the
// fit is kept in data/sim/fit.json). A pair without a fitted cohort keeps
// Product::potency, the median of these, and a CRS scale of 1.
struct CatalogueFit {
  const char* product;
  Indication indication;
  double potency, crs_scale;
};
constexpr CatalogueFit kCatalogueFits[] = {
    {"abecma", Indication::kMm, 0.221, 0.481}, {"breyanzi", Indication::kBAll, 2.238, 1.000},
    {"breyanzi", Indication::kFl, 1.832, 1.000}, {"breyanzi", Indication::kLbcl, 2.382, 0.229},
    {"breyanzi", Indication::kMcl, 2.516, 1.000}, {"carvykti", Indication::kMm, 1.696, 1.000},
    {"kymriah", Indication::kBAll, 6.578, 1.000}, {"kymriah", Indication::kFl, 0.695, 0.945},
    {"kymriah", Indication::kLbcl, 1.960, 1.000}, {"tecartus", Indication::kBAll, 2.468, 1.000},
    {"tecartus", Indication::kMcl, 2.516, 1.000}, {"yescarta", Indication::kFl, 0.559, 1.000},
    {"yescarta", Indication::kLbcl, 3.661, 1.000},
};

constexpr Indication kIndications[] = {Indication::kBAll, Indication::kLbcl, Indication::kFl,
                                       Indication::kMcl,  Indication::kCll,  Indication::kMm};

}  // namespace

const char* AntigenName(Antigen a) {
  switch (a) {
    case Antigen::kCD19:
      return "CD19";
    case Antigen::kCD20:
      return "CD20";
    case Antigen::kCD22:
      return "CD22";
    case Antigen::kBCMA:
      return "BCMA";
  }
  return "?";
}

const char* CostimName(Costim c) { return c == Costim::k41BB ? "4-1BB" : "CD28"; }

std::vector<std::string> ProductNames() {
  std::vector<std::string> out;
  for (const auto& p : Catalogue()) out.push_back(p.id);
  return out;
}

std::vector<std::string> IndicationNames() {
  std::vector<std::string> out;
  for (Indication i : kIndications) out.push_back(MakeDisease(i).name);
  return out;
}

Result<Product> FindProduct(std::string_view name) {
  std::string key = Lower(name);
  for (const Alias& a : kAliases) {
    if (key == a.name) key = a.id;
  }
  for (const auto& p : Catalogue()) {
    if (p.id == key) return p;
  }
  return Status::InvalidArgument("unknown product '" + std::string(name) + "'; the simulator knows " +
                                 Joined(ProductNames()) +
                                 " (and tisa-cel, axi-cel, brexu-cel, liso-cel, ide-cel, "
                                 "cilta-cel)")
      .WithField("product");
}

Result<Disease> FindDisease(std::string_view name) {
  std::string key = Lower(name);
  key.erase(std::remove(key.begin(), key.end(), '-'), key.end());
  for (Indication i : kIndications) {
    Disease d = MakeDisease(i);
    std::string n = Lower(d.name);
    n.erase(std::remove(n.begin(), n.end(), '-'), n.end());
    if (n == key) return d;
  }
  return Status::InvalidArgument("unknown indication '" + std::string(name) +
                                 "'; accepted: " + Joined(IndicationNames()))
      .WithField("indication");
}

Result<Scenario> MakeScenario(std::string_view product, std::string_view indication) {
  auto p = FindProduct(product);
  if (!p.ok()) return p.status();
  auto d = FindDisease(indication);
  if (!d.ok()) return d.status();
  if (std::find(p->targets.begin(), p->targets.end(), d->antigen) == p->targets.end()) {
    return Status::InvalidArgument("product '" + p->id + "' does not target " + AntigenName(d->antigen) + ", the " +
                                   d->name + " antigen the simulator models")
        .WithField("product");
  }
  Scenario s;
  s.product = std::move(*p);
  s.disease = std::move(*d);
  for (const CatalogueFit& f : kCatalogueFits) {
    if (s.product.id == f.product && s.disease.indication == f.indication) {
      s.product.potency = f.potency;
      s.product.crs_scale = f.crs_scale;
    }
  }
  return s;
}

Result<Scenario> MakeScenario(std::string_view product, std::string_view indication,
                              const std::vector<std::string>& assignments) {
  auto s = MakeScenario(product, indication);
  if (!s.ok()) return s.status();
  if (Status st = ApplyAssignments(assignments, &*s); !st.ok()) return st;
  return s;
}

Status ApplyAssignments(const std::vector<std::string>& assignments, Scenario* s) {
  for (const std::string& assignment : assignments) {
    const size_t eq = assignment.find('=');
    double value = 0;
    const char* first = eq == std::string::npos ? nullptr : assignment.data() + eq + 1;
    const char* last = assignment.data() + assignment.size();
    const auto parsed = first ? std::from_chars(first, last, value) : std::from_chars_result{};
    if (!first || first == last || parsed.ec != std::errc() || parsed.ptr != last) {
      return Status::InvalidArgument("'" + assignment + "' is not NAME=NUMBER").WithField("set");
    }
    if (Status st = SetParameter(s, std::string_view(assignment).substr(0, eq), value); !st.ok()) return st;
  }
  return Validate(*s);
}

}  // namespace carta::sim

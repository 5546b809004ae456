// Meta-regression on several moderators and interactions (issue 17): the
// formula, its design (R's treatment contrasts, metafor's coefficient names)
// and the fits against rma(mods = ~ ..., data = d) in metafor 3.8-1
// (tests/golden/meta/metareg_formula.json, made by tests/reference/meta_golden.R).
#include "carta/meta/moderators.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>

#include "carta/meta/rma.h"
#include "carta/meta/run.h"

namespace carta::meta {
namespace {

using nlohmann::json;

std::vector<std::string> Terms(const std::string& formula) {
  auto f = ParseModerators(formula);
  EXPECT_TRUE(f.ok()) << formula << ": " << f.status().ToString();
  std::vector<std::string> out;
  if (!f.ok()) return out;
  for (const auto& t : f->terms) {
    std::string name;
    for (int v : t.variables) name += (name.empty() ? "" : ":") + f->variables[v];
    out.push_back(name);
  }
  return out;
}

TEST(ModeratorFormula, ExpandsAsRDoes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Terms("ablat"), V({"ablat"}));
  EXPECT_EQ(Terms("ablat,year"), V({"ablat", "year"}));
  EXPECT_EQ(Terms("~ ablat + year"), V({"ablat", "year"}));
  EXPECT_EQ(Terms("a*b + c"), V({"a", "b", "c", "a:b"}));
  EXPECT_EQ(Terms("a*b*c"), V({"a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"}));
  EXPECT_EQ(Terms("a + b + b:a"), V({"a", "b", "a:b"}));  // variables in order of first appearance
  EXPECT_EQ(Terms("a + a + a*b"), V({"a", "b", "a:b"}));  // each term once
}

TEST(ModeratorFormula, RefusesWhatItCannotCode) {
  for (const char* bad : {"", "~", "a +", "a + b + a:c", "a:b", "log(a)", "a - b", "a*b*c*d*e*f*g"}) {
    auto f = ParseModerators(bad);
    ASSERT_FALSE(f.ok()) << "'" << bad << "'";
    EXPECT_EQ(f.status().location().field, "mods") << bad;
  }
  EXPECT_NE(ParseModerators("a + b + a:c").status().message().find("write a*c"), std::string::npos);
}

TEST(ModeratorDesign, TreatmentContrastsAndInteractionsInModelMatrixOrder) {
  auto f = ParseModerators("dose*arm");
  ASSERT_TRUE(f.ok());
  // dose numeric; arm with levels a (reference), b, c.
  auto d = DesignOf(*f, {"s1", "s2", "s3", "s4"}, {{"1", "a"}, {"2", "b"}, {"3", "c"}, {"4.5", "b"}});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->names, (std::vector<std::string>{"intrcpt", "dose", "armb", "armc", "dose:armb", "dose:armc"}));
  EXPECT_EQ(d->numeric, (std::vector<bool>{true, false}));
  const std::vector<double> row4 = {1, 4.5, 1, 0, 4.5, 0};
  EXPECT_EQ(std::vector<double>(d->x.begin() + 18, d->x.end()), row4);
  // Two factors: the first varies fastest in the interaction's columns.
  auto g = ParseModerators("arm*era");
  ASSERT_TRUE(g.ok());
  auto e = DesignOf(*g, {"1", "2", "3", "4"}, {{"a", "x"}, {"b", "y"}, {"c", "y"}, {"a", "y"}});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->names, (std::vector<std::string>{"intrcpt", "armb", "armc", "eray", "armb:eray", "armc:eray"}));
}

TEST(ModeratorDesign, NamesTheStudyAndVariableAtFault) {
  auto f = ParseModerators("dose,arm");
  ASSERT_TRUE(f.ok());
  auto empty = DesignOf(*f, {"s1", "s2"}, {{"1", "a"}, {"", "b"}});
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("study 's2' has no value of the moderator 'dose'"), std::string::npos);
  auto constant = DesignOf(*f, {"s1", "s2"}, {{"1", "a"}, {"1", "b"}});
  ASSERT_FALSE(constant.ok());
  EXPECT_NE(constant.status().message().find("'dose' takes one value only"), std::string::npos);
}

void ExpectNear(const json& expected, double actual, const std::string& what) {
  if (expected.is_null()) return;
  const double e = expected.get<double>();
  EXPECT_LE(std::fabs(actual - e), 1e-6 * std::max(std::fabs(e), 1.0)) << what << ": carta " << actual << ", metafor " << e;
}

TEST(ModeratorGolden, SeveralModeratorsAndInteractionsMatchMetafor) {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/metareg_formula.json");
  const json g = json::parse(in);
  std::ifstream bcg_in(std::string(CARTA_SOURCE_DIR) + "/tests/golden/meta/bcg_logrr.json");
  const json bcg = json::parse(bcg_in);
  const std::vector<double> yi = bcg["input"]["yi"], vi = bcg["input"]["vi"];
  const json& data = g["data"];
  ASSERT_GE(g["fits"].size(), 24u);
  for (const auto& fit : g["fits"]) {
    const std::string mods = fit["mods"];
    const std::string what = mods + " " + fit["method"].get<std::string>() + (fit["knha"].get<bool>() ? " knha" : "");
    auto formula = ParseModerators(mods);
    ASSERT_TRUE(formula.ok()) << what;
    std::vector<std::string> studies;
    std::vector<std::vector<std::string>> values(yi.size());
    for (size_t i = 0; i < yi.size(); ++i) {
      studies.push_back(std::to_string(i + 1));
      for (const auto& v : formula->variables) values[i].push_back(data[v][i]);
    }
    auto design = DesignOf(*formula, studies, values);
    ASSERT_TRUE(design.ok()) << what << ": " << design.status().ToString();
    EXPECT_EQ(design->names, fit["names"].get<std::vector<std::string>>()) << what;
    FitOptions o;
    o.method = *ParseMethod(fit["method"]);
    o.knha = fit["knha"];
    auto r = Fit(yi, vi, o, design->x, design->names);
    ASSERT_TRUE(r.ok()) << what << ": " << r.status().ToString();
    ASSERT_EQ(r->beta.size(), fit["beta"].size()) << what;
    for (size_t j = 0; j < r->beta.size(); ++j) {
      const std::string c = what + " " + design->names[j];
      ExpectNear(fit["beta"][j], r->beta[j], c + " beta");
      ExpectNear(fit["se"][j], r->se[j], c + " se");
      ExpectNear(fit["zval"][j], r->zval[j], c + " zval");
      ExpectNear(fit["pval"][j], r->pval[j], c + " pval");
      ExpectNear(fit["ci_lb"][j], r->ci_lb[j], c + " ci_lb");
      ExpectNear(fit["ci_ub"][j], r->ci_ub[j], c + " ci_ub");
    }
    ExpectNear(fit["tau2"], r->tau2, what + " tau2");
    ExpectNear(fit["QM"], r->QM, what + " QM");
    ExpectNear(fit["QM_df"], r->QM_df, what + " QM df");
    if (o.knha) ExpectNear(fit["QM_df2"], r->k - r->p, what + " QM df2");
    ExpectNear(fit["QM_pval"], r->QM_pval, what + " QM p");
    ExpectNear(fit["QE"], r->Q, what + " QE");
    ExpectNear(fit["QE_pval"], r->Q_pval, what + " QE p");
    ExpectNear(fit["I2"], r->I2, what + " I2");
    ExpectNear(fit["R2"], r->R2, what + " R2");
  }
}

// The use case: a CSV's columns as moderators, a categorical one named as metafor names it.
TEST(ModeratorRun, CsvColumnsWithAnInteraction) {
  MetaRequest r;
  r.csv_file = "bcg.csv";
  r.csv_text =
      "study,yi,vi,ablat,alloc\na,-0.889,0.326,44,random\nb,-1.585,0.195,55,random\nc,-1.348,0.415,42,random\n"
      "d,-1.442,0.020,52,systematic\ne,-0.218,0.051,13,alternate\nf,-0.786,0.007,44,alternate\n"
      "g,-1.621,0.223,19,random\nh,0.012,0.004,13,random\ni,-0.469,0.056,27,random\nj,-1.371,0.073,42,systematic\n"
      "k,-0.339,0.012,18,systematic\nl,0.446,0.533,33,systematic\nm,-0.017,0.071,33,systematic\n";
  r.query.mods = "ablat*alloc";
  auto p = meta::Run(r, nullptr);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_TRUE(p->pool->regression.has_value());
  EXPECT_EQ(p->pool->regression->names,
            (std::vector<std::string>{"intrcpt", "ablat", "allocrandom", "allocsystematic", "ablat:allocrandom",
                                      "ablat:allocsystematic"}));
  EXPECT_EQ(p->pool->regression->QM_df, 5);
  r.query.mods = "ablat*nope";
  auto bad = meta::Run(r, nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "mods");
  EXPECT_NE(bad.status().message().find("no column 'nope'"), std::string::npos);
}

}  // namespace
}  // namespace carta::meta

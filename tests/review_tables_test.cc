// Every cell of the review's Tables 2-4, compared with data/. The expected
// values are in tests/golden/review_tables/*.tsv, transcribed by hand from the
// review independently of data/ (see the README there).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "carta/core/text.h"
#include "carta/evidence/build.h"

namespace carta::evidence {
namespace {

using Row = std::map<std::string, std::string>;

std::vector<Row> ReadTsv(const std::string& name) {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/tests/golden/review_tables/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::vector<Row> rows;
  std::string line;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, '\t')) cells.push_back(cell);
    if (!line.empty() && line.back() == '\t') cells.push_back("");
    if (header.empty()) {
      header = cells;
      continue;
    }
    Row r;
    for (size_t i = 0; i < header.size(); ++i) r[header[i]] = i < cells.size() ? cells[i] : "";
    rows.push_back(r);
  }
  return rows;
}

// Text with every blank removed: PDF-to-text spacing is not part of a cell.
std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t') out += c;
  }
  return out;
}

std::set<std::string> SetOf(const std::string& s, char sep) {
  std::set<std::string> out;
  for (auto& x : text::Split(s, sep)) {
    if (!x.empty()) out.insert(x);
  }
  return out;
}

// A printed number equals a value when they agree at the printed decimals.
bool SameNumber(const std::string& printed, double value) {
  auto d = text::ParseDecimal(printed);
  if (!d) return false;
  return std::fabs(d->value - value) < 1e-6;
}

class ReviewTables : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto eb = LoadEvidenceDir(std::string(CARTA_SOURCE_DIR) + "/data");
    ASSERT_TRUE(eb.ok()) << eb.status().ToString();
    eb_ = new EvidenceBase(std::move(*eb));
  }
  static void TearDownTestSuite() {
    delete eb_;
    eb_ = nullptr;
  }
  static const Product* ByBrand(const std::string& brand) {
    for (const auto& p : eb_->products) {
      if (p.brand == brand) return &p;
    }
    return nullptr;
  }
  // The observation of `key` printed in `table`, or nullptr.
  static const CohortValue* At(const Cohort& c, const std::string& key, const std::string& table) {
    for (const CohortValue* v : c.Values(key)) {
      if (v->prov.location == table) return v;
    }
    return nullptr;
  }
  static void CheckCohortTable(const std::string& file, const std::string& table, size_t expected_rows);
  static EvidenceBase* eb_;
};

EvidenceBase* ReviewTables::eb_ = nullptr;

void ReviewTables::CheckCohortTable(const std::string& file, const std::string& table, size_t expected_rows) {
  auto rows = ReadTsv(file);
  ASSERT_EQ(rows.size(), expected_rows);
  size_t in_table = 0;
  for (const auto& c : eb_->cohorts) in_table += c.HasValuesFrom(table);
  EXPECT_EQ(in_table, expected_rows) << "cohorts with values from " << table;
  for (const auto& row : rows) {
    const std::string where = table + " row " + row.at("row") + " (" + row.at("product_as_printed") + ")";
    const Cohort* match = nullptr;
    for (const auto& c : eb_->cohorts) {
      if (!c.HasValuesFrom(table)) continue;
      std::string printed = c.product_as_printed.empty() ? c.construct_as_printed : c.product_as_printed;
      if (Squeeze(printed) != Squeeze(row.at("product_as_printed"))) continue;
      if (std::set<std::string>(c.registry.begin(), c.registry.end()) != SetOf(row.at("registry"), ' ')) continue;
      std::set<std::string> inds(c.indications.begin(), c.indications.end());
      if (inds != SetOf(row.at("indication"), ',')) continue;
      match = &c;
    }
    ASSERT_NE(match, nullptr) << where << ": no cohort with this product, registry and indication";
    const Cohort& c = *match;
    EXPECT_EQ(c.phase == "unspecified" ? "" : c.phase, row.at("phase")) << where;
    EXPECT_EQ(Squeeze(c.acronym), Squeeze(row.at("acronym"))) << where;
    // n: one number, or subgroup sizes "80+4+6".
    if (row.at("n").find('+') != std::string::npos) {
      std::vector<std::string> parts;
      for (const auto& [name, n] : c.n_by_indication) parts.push_back(std::to_string(n));
      EXPECT_EQ(text::Join(parts, "+"), row.at("n")) << where;
    } else {
      const CohortValue* n = At(c, "n", table);
      ASSERT_NE(n, nullptr) << where << ": n";
      EXPECT_EQ(std::to_string(n->count), row.at("n")) << where;
    }
    const CohortValue* fu = At(c, "followup_median", table);
    ASSERT_NE(fu, nullptr) << where << ": follow-up";
    std::string fu_expected = row.at("followup_months");
    std::string cmp;
    if (text::StartsWith(fu_expected, ">=")) {
      cmp = ">=";
      fu_expected = fu_expected.substr(2);
    }
    EXPECT_EQ(fu->duration.comparator, cmp) << where;
    EXPECT_TRUE(SameNumber(fu_expected, fu->duration.months())) << where << ": follow-up " << fu->Display();
    for (const char* key : {"orr", "crr"}) {
      const CohortValue* v = At(c, key, table);
      ASSERT_NE(v, nullptr) << where << ": " << key;
      const std::string want = row.at(std::string(key) + "_pct");
      EXPECT_TRUE(SameNumber(want, v->rate.percent)) << where << ": " << key << " " << v->Display() << " vs " << want;
      EXPECT_EQ(v->rate.decimals, text::ParseDecimal(want)->decimals) << where << ": " << key << " decimals";
    }
    const std::string endpoint = text::ToLower(row.at("surv_measure"));
    const CohortValue* med = At(c, endpoint + "_median", table);
    if (row.at("surv_median").empty()) {
      EXPECT_EQ(med, nullptr) << where << ": no median printed";
    } else {
      ASSERT_NE(med, nullptr) << where << ": " << endpoint << " median";
      if (row.at("surv_median") == "NR") {
        EXPECT_TRUE(med->median.not_reached) << where;
      } else {
        EXPECT_TRUE(SameNumber(row.at("surv_median"), med->Number())) << where << ": median " << med->Display();
      }
    }
    if (!row.at("landmark_months").empty()) {
      const CohortValue* lm = At(c, endpoint + "_" + row.at("landmark_months") + "mo", table);
      ASSERT_NE(lm, nullptr) << where << ": landmark";
      EXPECT_TRUE(SameNumber(row.at("landmark_pct"), lm->rate.percent)) << where;
    }
    const CohortValue* orr = At(c, "orr", table);
    auto refs = text::ParseCount(text::Split(row.at("refs"), ',')[0]);
    if (refs) {
      std::vector<int> want;
      for (const auto& r : text::Split(row.at("refs"), ',')) want.push_back(static_cast<int>(*text::ParseCount(r)));
      EXPECT_EQ(orr->prov.refs, want) << where << ": references";
    } else {
      EXPECT_TRUE(orr->prov.refs.empty()) << where;
      EXPECT_FALSE(orr->prov.citation.empty()) << where << ": a named source for " << row.at("refs");
    }
  }
}

TEST_F(ReviewTables, Table3EveryCell) { CheckCohortTable("table3_cohorts.tsv", "Table 3", 19); }

TEST_F(ReviewTables, Table4EveryCell) { CheckCohortTable("table4_cohorts.tsv", "Table 4", 6); }

TEST_F(ReviewTables, Table2Products) {
  auto rows = ReadTsv("table2_products.tsv");
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_EQ(eb_->products.size(), 11u);
  for (const auto& row : rows) {
    const std::string where = "Table 2 " + row.at("brand");
    const Product* p = ByBrand(row.at("brand"));
    ASSERT_NE(p, nullptr) << where;
    EXPECT_EQ(text::Join(p->targets, ","), row.at("target")) << where;
    EXPECT_EQ(Squeeze(p->developer_as_printed), Squeeze(row.at("developer_as_printed"))) << where;
    EXPECT_EQ(Squeeze(p->remark), Squeeze(row.at("remark_as_printed"))) << where;
    const Construct* k = eb_->FindConstruct(p->construct_id);
    ASSERT_NE(k, nullptr) << where << ": construct";
    EXPECT_EQ(Squeeze(k->as_printed), Squeeze(row.at("structure_as_printed"))) << where;
    EXPECT_EQ(k->costim, std::vector<std::string>{row.at("costim")}) << where;
    EXPECT_EQ(k->cd4_cd8 == "1:1", row.at("cd4_cd8_1to1") == "yes") << where;
    // The vector printed in Table 2 itself (other sources may add one where the table is silent).
    const RawRecord* r = eb_->FindRecord("construct", k->id);
    std::string table_vector;
    for (const Observation* o : r->All("vector")) {
      if (o->prov.location == "Table 2" && o->prov.citation.empty()) table_vector = o->raw;
    }
    EXPECT_EQ(table_vector, row.at("vector")) << where;
  }
}

TEST_F(ReviewTables, Table2Approvals) {
  auto rows = ReadTsv("table2_approvals.tsv");
  ASSERT_EQ(rows.size(), 18u);
  EXPECT_EQ(eb_->approvals.size(), 18u);
  for (const auto& row : rows) {
    const std::string where = "Table 2 " + row.at("brand") + " " + row.at("date");
    const Product* p = ByBrand(row.at("brand"));
    ASSERT_NE(p, nullptr) << where;
    const Approval* match = nullptr;
    for (const Approval* a : eb_->ApprovalsOf(p->id)) {
      if (a->date.ToString() == row.at("date")) match = a;
    }
    ASSERT_NE(match, nullptr) << where;
    std::set<std::string> inds(match->indications.begin(), match->indications.end());
    EXPECT_EQ(inds, SetOf(row.at("indications"), ',')) << where;
    EXPECT_EQ(match->population == "adult", row.at("adult") == "yes") << where;
    if (row.at("age_limit") == "<25") {
      EXPECT_EQ(match->age_max_years, 25) << where;
    }
    if (row.at("note_as_printed").find("12 个月内复发") != std::string::npos) {
      EXPECT_EQ(match->line, "2L") << where;
    }
    const std::string agency = p->brand == "Kymriah" || p->brand == "Yescarta" || p->brand == "Tecartus" ||
                                       p->brand == "Breyanzi" || p->brand == "Abecma" || p->brand == "Carvykti"
                                   ? "FDA"
                                   : "NMPA";  // §2.1.3: 6 FDA and 5 NMPA products
    EXPECT_EQ(match->agency, agency) << where;
  }
}

}  // namespace
}  // namespace carta::evidence

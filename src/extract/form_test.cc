#include "carta/extract/form.h"

#include <gtest/gtest.h>

#include "carta/evidence/build.h"
#include "carta/evidence/record.h"
#include "carta/meta/analysis.h"

namespace carta::extract {
namespace {

// The curated base the values are checked against: one product.
const std::vector<evidence::RawRecord>& Base() {
  static const std::vector<evidence::RawRecord> base =
      *evidence::ParseRecords("[product kym]\nsource = -; Table 2\nbrand = Kymriah\ntarget = CD19\n", "base.carta");
  return base;
}

FormValue V(const std::string& key, const std::string& value, const std::string& location = "Table 2") {
  return {key, value, {"PMID:31801401", "45", location, "ORR was 82%"}};
}

// The same cohort read by two extractors, who disagree on the ORR only.
std::pair<Form, Form> TwoForms() {
  Form a{"new-cohort", "alice", false, {}};
  Form b{"new-cohort", "bob", false, {}};
  for (Form* f : {&a, &b}) {
    EXPECT_TRUE(SetValue(f, V("product", "Kymriah"), Base()).ok());
    EXPECT_TRUE(SetValue(f, V("indication", "LBCL"), Base()).ok());
    EXPECT_TRUE(SetValue(f, V("n", "40"), Base()).ok());
    EXPECT_TRUE(SetValue(f, V("tox_scale", "ASTCT"), Base()).ok());
  }
  EXPECT_TRUE(SetValue(&a, V("orr", "50%"), Base()).ok());
  EXPECT_TRUE(SetValue(&b, V("orr", "55%", "Fig 2"), Base()).ok());
  return {a, b};
}

TEST(ExtractForm, ValuesAreCheckedAsTheDataFormatChecksThem) {
  EXPECT_TRUE(CheckValue(V("orr", "82%"), Base()).ok());
  EXPECT_TRUE(CheckValue(V("pfs_12mo", "40%"), Base()).ok());
  Status rate = CheckValue(V("orr", "182%"), Base());
  ASSERT_FALSE(rate.ok());
  EXPECT_EQ(rate.location().field, "orr");
  Status scale = CheckValue(V("tox_scale", "Lee"), Base());
  ASSERT_FALSE(scale.ok());
  EXPECT_EQ(scale.location().field, "tox_scale");
  EXPECT_NE(scale.message().find("Lee2014"), std::string::npos) << scale.message();  // what is accepted
  Status key = CheckValue(V("response", "1"), Base());
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.location().field, "key");
  FormValue no_record = V("orr", "82%");
  no_record.source.record = "Smith 2019";
  EXPECT_EQ(CheckValue(no_record, Base()).location().field, "record");
  EXPECT_EQ(CheckValue(V("orr", "82%", ""), Base()).location().field, "location");
  EXPECT_TRUE(CheckValue(V("n_kind", "infused"), Base()).ok());
  EXPECT_FALSE(CheckValue(V("n_kind", "treated"), Base()).ok());
}

TEST(ExtractForm, BlindUntilBothFinishThenDisagreementsFieldByField) {
  auto [a, b] = TwoForms();
  EXPECT_TRUE(CheckMayView(a, "alice", {a, b}).ok());
  EXPECT_FALSE(CheckMayView(a, "bob", {a, b}).ok());
  EXPECT_FALSE(Diff(a, b).ok());  // not finished
  a.finished = true;
  EXPECT_FALSE(CheckMayView(a, "bob", {a, b}).ok());  // bob has not finished
  EXPECT_FALSE(SetValue(&a, V("crr", "20%"), Base()).ok());   // a finished form is closed
  b.finished = true;
  EXPECT_TRUE(CheckMayView(a, "bob", {a, b}).ok());
  auto d = Diff(a, b);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ(d->size(), 1u);
  EXPECT_EQ((*d)[0].key, "orr");
  EXPECT_EQ((*d)[0].value_a, "50%");
  EXPECT_EQ((*d)[0].value_b, "55%");
  EXPECT_EQ((*d)[0].source_b.location, "Fig 2");
}

TEST(ExtractForm, ReconcileNeedsADecisionForEachDisagreementAndWhoMadeIt) {
  auto [a, b] = TwoForms();
  a.finished = b.finished = true;
  auto missing = Reconcile(a, b, {}, Base());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().location().field, "orr");
  EXPECT_FALSE(Reconcile(a, b, {{"orr", V("orr", "55%"), ""}}, Base()).ok());
  auto c = Reconcile(a, b, {{"orr", V("orr", "55%", "Fig 2"), "carol"}}, Base());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->values.size(), 5u);
  const FormValue* orr = nullptr;
  for (const auto& v : c->values) {
    if (v.key == "orr") orr = &v;
  }
  ASSERT_NE(orr, nullptr);
  EXPECT_EQ(orr->value, "55%");
  EXPECT_EQ(c->values.front().key, "product");  // in the form's field order
  const evidence::RawRecord r = ToRecord(*c);
  EXPECT_NE(r.note.find("orr by carol"), std::string::npos);
  // The exported text reads back as data/ does, with the provenance of each value.
  const std::string text = evidence::FormatRecords({r});
  auto back = evidence::ParseRecords(text, "export.carta");
  ASSERT_TRUE(back.ok()) << back.status().ToString() << "\n" << text;
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].First("orr")->raw, "55%");
  EXPECT_EQ((*back)[0].First("orr")->prov.location, "Fig 2");
  EXPECT_EQ((*back)[0].First("orr")->prov.citation, "PMID:31801401 p.45");
}

TEST(ExtractForm, ConsensusLayeredOverTheBaseChangesThePool) {
  const std::string base_text =
      "[product kym]\nsource = -; Table 2\nbrand = Kymriah\ntarget = CD19\n"
      "[cohort c1]\nsource = ref 1; Table 3\nproduct = Kymriah\nindication = LBCL\nn = 100\norr = 80%\n"
      "[cohort c2]\nsource = ref 2; Table 3\nproduct = Kymriah\nindication = LBCL\nn = 50\norr = 70%\n";
  auto base = evidence::ParseRecords(base_text, "base.carta");  // Kymriah again, with two cohorts
  ASSERT_TRUE(base.ok());
  auto [a, b] = TwoForms();
  a.finished = b.finished = true;
  auto c = Reconcile(a, b, {{"orr", V("orr", "55%"), "carol"}}, Base());
  ASSERT_TRUE(c.ok());
  auto before = evidence::BuildEvidence(*base);
  auto after = Layer(*base, {*c});
  ASSERT_TRUE(before.ok() && after.ok()) << after.status().ToString();
  meta::OutcomeQuery q;
  q.outcome = "orr";
  auto in_before = meta::InputFromEvidence(*before, q);
  auto in_after = meta::InputFromEvidence(*after, q);
  ASSERT_TRUE(in_before.ok() && in_after.ok());
  EXPECT_EQ(in_before->studies.size(), 2u);
  ASSERT_EQ(in_after->studies.size(), 3u);
  EXPECT_EQ(in_after->studies[2].study, "new-cohort");
  EXPECT_EQ(in_after->studies[2].events, 22);  // 55% of 40
  // A consensus that breaks the base's rules fails as `carta db build` fails.
  Consensus bad = *c;
  bad.values.push_back(V("crr", "20%"));
  bad.values.push_back(V("crr", "25%"));  // a scalar key twice with one provenance
  EXPECT_FALSE(Layer(*base, {bad}).ok());
}

}  // namespace
}  // namespace carta::extract

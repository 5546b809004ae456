#include <gtest/gtest.h>

#include "carta/core/file.h"
#include "carta/evidence/build.h"
#include "carta/evidence/record.h"
#include "carta/registry/audit.h"
#include "carta/registry/registration.h"

namespace carta::registry {
namespace {

std::string Fixture(const std::string& name) {
  auto text = ReadTextFile(std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/registry/" + name);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

TEST(ReadClinicalTrialsGov, ReadsOneStudy) {
  auto regs = ReadRegistrations(Fixture("get_NCT02576665_protocol_only.json"), "one.json");
  ASSERT_TRUE(regs.ok()) << regs.status().ToString();
  ASSERT_EQ(regs->size(), 1u);
  const Registration& r = (*regs)[0];
  EXPECT_EQ(r.id, "NCT02576665");
  EXPECT_EQ(r.registry, "ClinicalTrials.gov");
  EXPECT_EQ(r.phases, (std::vector<std::string>{"PHASE1"}));
  EXPECT_EQ(PhaseNumbers(r), (std::vector<std::string>{"1"}));
  EXPECT_EQ(r.status, "TERMINATED");
  ASSERT_TRUE(r.enrollment.has_value());
  EXPECT_EQ(*r.enrollment, 21);
  EXPECT_EQ(r.enrollment_type, "");
  EXPECT_EQ(r.sponsor, "Tocagen Inc.");
  EXPECT_EQ(r.start_date, "2016-07");
  EXPECT_EQ(r.completion_date, "2019-12-20");
  EXPECT_EQ(r.interventions, (std::vector<std::string>{"Toca 511", "Toca FC"}));
  EXPECT_EQ(r.conditions.front(), "Colorectal Cancer");
  EXPECT_FALSE(r.has_results);
  EXPECT_EQ(r.source, "one.json");
}

TEST(ReadClinicalTrialsGov, ReadsASearchPageAndResults) {
  auto page = ReadRegistrations(Fixture("search_keytruda_limit3.json"), "page.json");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->size(), 3u);
  EXPECT_EQ((*page)[0].id, "NCT05431270");
  EXPECT_EQ(PhaseNumbers((*page)[0]), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(*(*page)[2].enrollment, 240);
  auto results = ReadRegistrations(Fixture("NCT00791778_results_excerpt.json"), "r.json");
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_TRUE((*results)[0].has_results);
}

TEST(ReadClinicalTrialsGov, NamesTheJsonPathOfABadValue) {
  std::string page = Fixture("search_keytruda_limit3.json");
  const std::string id = "\"NCT03590054\"";
  page.replace(page.find(id), id.size(), "42");
  auto bad = ReadRegistrations(page, "page.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().location().field, "studies[1].protocolSection.identificationModule.nctId");
  EXPECT_EQ(bad.status().location().file, "page.json");
  EXPECT_NE(bad.status().message().find("expected a string"), std::string::npos) << bad.status().message();

  auto not_nct = ReadRegistrations(R"({"protocolSection":{"identificationModule":{"nctId":"NCT123"}}})", "x.json");
  ASSERT_FALSE(not_nct.ok());
  EXPECT_NE(not_nct.status().message().find("not an NCT id"), std::string::npos);
  auto negative = ReadRegistrations(
      R"({"protocolSection":{"identificationModule":{"nctId":"NCT12345678"},"designModule":{"enrollmentInfo":{"count":-3}}}})",
      "x.json");
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.status().location().field, "protocolSection.designModule.enrollmentInfo.count");
  auto phases = ReadRegistrations(
      R"({"studies":[{"protocolSection":{"identificationModule":{"nctId":"NCT12345678"},"designModule":{"phases":[1]}}}]})",
      "x.json");
  ASSERT_FALSE(phases.ok());
  EXPECT_EQ(phases.status().location().field, "studies[0].protocolSection.designModule.phases[0]");
  EXPECT_FALSE(ReadRegistrations("{not json", "x.json").ok());
  EXPECT_FALSE(ReadRegistrations(R"({"studies": 3})", "x.json").ok());
}

TEST(ReadChiCtrCsv, ReadsPastedFieldsAndRejectsBadRows) {
  auto regs = ReadRegistrations(Fixture("chictr_handwritten.csv"), "c.csv");
  ASSERT_TRUE(regs.ok()) << regs.status().ToString();
  ASSERT_EQ(regs->size(), 1u);
  const Registration& r = (*regs)[0];
  EXPECT_EQ(r.id, "ChiCTR2000012345");
  EXPECT_EQ(r.registry, "ChiCTR");
  EXPECT_EQ(PhaseNumbers(r), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(*r.enrollment, 30);
  EXPECT_EQ(r.conditions, (std::vector<std::string>{"B-ALL", "LBCL"}));
  auto bad_id = ReadChiCtrCsv("id,title\nNCT1,x\n", "c.csv");
  ASSERT_FALSE(bad_id.ok());
  EXPECT_EQ(bad_id.status().location().line, 2);
  EXPECT_EQ(bad_id.status().location().field, "id");
  auto bad_n = ReadChiCtrCsv("id,title,enrollment\nChiCTR1900000001,x,12.5\n", "c.csv");
  ASSERT_FALSE(bad_n.ok());
  EXPECT_EQ(bad_n.status().location().field, "enrollment");
  EXPECT_FALSE(ReadChiCtrCsv("id,name\nChiCTR1900000001,x\n", "c.csv").ok());
}

// Two products' cohorts citing one registration; phase, n and acronym against it.
const char* kEvidence =
    "[product axi]\nsource = -; Table 2\nbrand = Axi\ntarget = CD19\ninn = axicabtagene ciloleucel\n"
    "[product other]\nsource = -; Table 2\nbrand = Otherbrand\ntarget = CD19\n"
    "[cohort a]\nsource = ref 1; Table 3\nproduct = axi\nphase = 3\nacronym = ZUMA-7\nregistry = NCT03391466\n"
    "indication = LBCL\nn = 180\n"
    "[cohort b]\nsource = ref 2; Table 3\nproduct = other\nphase = 2\nregistry = NCT03391466\nindication = LBCL\n"
    "n = 400\n"
    "[cohort c]\nsource = ref 3; Table 3\nproduct = axi\nacronym = ZUMA-7\nregistry = NCT00000001\n"
    "indication = LBCL\nn = 10\n";

TEST(AuditRegistrations, FindsEachRuleAndNamesBothSources) {
  auto recs = evidence::ParseRecords(kEvidence, "t.carta");
  ASSERT_TRUE(recs.ok()) << recs.status().ToString();
  auto eb = evidence::BuildEvidence(std::move(*recs));
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  auto regs = ReadRegistrations(Fixture("zuma7_handwritten.json"), "zuma7.json");
  ASSERT_TRUE(regs.ok());
  EXPECT_EQ(CohortsCiting(*eb, "NCT03391466").size(), 2u);
  const auto findings = AuditRegistrations(*eb, *regs);
  std::vector<std::string> rules;
  for (const auto& f : findings) rules.push_back(f.rule + " " + f.subject);
  EXPECT_EQ(rules, (std::vector<std::string>{"registration-phase cohort b", "registration-enrollment cohort b",
                                             "registration-products cohort b", "registration-acronym cohort c"}));
  for (const auto& f : findings) {
    ASSERT_EQ(f.values.size(), 2u) << f.message;
    EXPECT_EQ(f.values[0].pos.file, "t.carta");    // the cohort's side
    EXPECT_EQ(f.values[1].pos.file, "zuma7.json");  // the registration's side
  }
  EXPECT_NE(findings[1].message.find("359"), std::string::npos) << findings[1].message;
}

TEST(IndicationsOf, ReadsTheRegistriesWordings) {
  auto of = [](std::vector<std::string> conditions) {
    Registration r;
    r.conditions = std::move(conditions);
    return IndicationsOf(r);
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(of({"Lymphoma, Large B-Cell, Diffuse"}), V{"DLBCL"});
  EXPECT_EQ(of({"Relapsed/Refractory Diffuse Large B Cell Lymphoma"}), V{"DLBCL"});
  EXPECT_EQ(of({"Large B-cell Lymphoma", "Transformed Follicular Lymphoma"}), V{"LBCL"});
  EXPECT_EQ(of({"Follicular Lymphoma", "Mantle-Cell Lymphoma"}), (V{"FL", "MCL"}));
  EXPECT_EQ(of({"B-cell Acute Lymphoblastic Leukemia"}), V{"B-ALL"});
  EXPECT_EQ(of({"Chronic Lymphocytic Leukemia (CLL)"}), V{"CLL/SLL"});
  EXPECT_EQ(of({"Multiple Myeloma", "Plasma Cell Myeloma"}), V{"MM"});
  EXPECT_EQ(of({"B-cell Non-Hodgkin Lymphoma"}), V{"B-NHL"});
  EXPECT_EQ(of({"Cytokine Release Syndrome"}), V{});
  // Words match whole: "small" is not SLL, "tall" is not ALL.
  EXPECT_EQ(of({"Small cell lung cancer", "All Solid Tumors"}), V{});
  EXPECT_EQ(of({"R/R ALL"}), V{"B-ALL"});
  Registration broad;
  broad.conditions = {"Lymphoma", "Diffuse Large B Cell Lymphoma", "Cytokine Release Syndrome"};
  EXPECT_EQ(UnreadConditions(broad), V{"Lymphoma"});
}

TEST(AuditRegistrations, FindsACohortUnderAnIndicationItsRegistrationDoesNotList) {
  constexpr const char* kRows =
      "[product axi]\nsource = -; Table 2\nbrand = Yescarta\ntarget = CD19\ninn = axicabtagene ciloleucel\n"
      "[cohort lbcl]\nsource = ref 1; Table 3\nproduct = axi\nregistry = NCT03391466\nindication = LBCL\n"
      "[cohort fl]\nsource = ref 2; Table 3\nproduct = axi\nregistry = NCT03391466\nindication = FL\n";
  auto recs = evidence::ParseRecords(kRows, "t.carta");
  ASSERT_TRUE(recs.ok()) << recs.status().ToString();
  auto eb = evidence::BuildEvidence(std::move(*recs));
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  auto regs = ReadRegistrations(Fixture("zuma7_handwritten.json"), "zuma7.json");
  ASSERT_TRUE(regs.ok());
  std::vector<evidence::Finding> found;
  for (auto& f : AuditRegistrations(*eb, *regs)) {
    if (f.rule == "registration-indication") found.push_back(std::move(f));
  }
  ASSERT_EQ(found.size(), 1u);  // LBCL holds the registration's DLBCL; FL is not listed
  EXPECT_EQ(found[0].subject, "cohort fl");
  EXPECT_NE(found[0].message.find("read as DLBCL"), std::string::npos) << found[0].message;
  // A condition too broad to read: nothing is claimed.
  (*regs)[0].conditions.push_back("Lymphoma");
  for (const auto& f : AuditRegistrations(*eb, *regs)) EXPECT_NE(f.rule, "registration-indication");
}

}  // namespace
}  // namespace carta::registry

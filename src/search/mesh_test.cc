// MeSH explosion ([mh], [majr], :noexp) over a hand-built tree, and [dp]
// matching the electronic date (issue 13).
#include <gtest/gtest.h>

#include "carta/search/index.h"
#include "carta/search/mesh.h"
#include "carta/search/query.h"

namespace carta::search {
namespace {

using Docs = std::vector<uint32_t>;

// Lymphoma > Lymphoma, Non-Hodgkin > Lymphoma, B-Cell > Lymphoma, Large
// B-Cell, Diffuse; Hodgkin Disease also under Lymphoma; Neoplasms above all.
MeshTree Tree() {
  MeshTree t;
  t.Add("Neoplasms", {"C04"});
  t.Add("Lymphoma", {"C04.557.386", "C15.604.515"});
  t.Add("Hodgkin Disease", {"C04.557.386.355"});
  t.Add("Lymphoma, Non-Hodgkin", {"C04.557.386.480"});
  t.Add("Lymphoma, B-Cell", {"C04.557.386.480.150"});
  t.Add("Lymphoma, Large B-Cell, Diffuse", {"C04.557.386.480.150.680"});
  t.Add("Immunotherapy, Adoptive", {"E02.095.465.425.400"});
  // A sibling whose tree number starts with Lymphoma's digits but is not below it.
  t.Add("Lymphomatoid Thing", {"C04.557.3860"});
  return t;
}

biblio::Record WithMesh(std::vector<biblio::MeshHeading> mesh, int year = 2020) {
  biblio::Record r;
  r.title = "record";
  r.year = year;
  r.mesh = std::move(mesh);
  return r;
}

Index TestIndex() {
  IndexBuilder b;
  b.Add(WithMesh({{"Lymphoma", false, {}}}));                                  // 0
  b.Add(WithMesh({{"Lymphoma, Large B-Cell, Diffuse", true, {"therapy"}}}));   // 1
  b.Add(WithMesh({{"Hodgkin Disease", false, {"drug therapy"}}}));            // 2
  b.Add(WithMesh({{"Immunotherapy, Adoptive", false, {}}}));                  // 3
  b.Add(WithMesh({{"Lymphomatoid Thing", false, {}}}));                       // 4
  biblio::Record epub = WithMesh({}, 2021);                                     // 5: print 2021, online 2020/11
  epub.month = 2;
  epub.epub_year = 2020, epub.epub_month = 11, epub.epub_day = 3;
  b.Add(epub);
  return b.Finish();
}

Docs Hits(const std::string& query, const MeshTree* tree, std::vector<std::string>* warnings = nullptr) {
  static const Index index = TestIndex();
  Result<Query> q = ParsePubmed(query, {}, tree);
  EXPECT_TRUE(q.ok()) << query << ": " << q.status().ToString();
  if (!q.ok()) return {};
  if (warnings != nullptr) *warnings = q->warnings();
  return index.Search(*q).docs;
}

bool Mentions(const std::vector<std::string>& warnings, const std::string& what) {
  for (const std::string& w : warnings) {
    if (w.find(what) != std::string::npos) return true;
  }
  return false;
}

TEST(MeshTreeTest, NarrowerIsEverythingBelowAnyTreeNumber) {
  const MeshTree t = Tree();
  EXPECT_EQ(t.size(), 8u);
  // Keys are NormalizeKey'd names (punctuation dropped).
  EXPECT_EQ(t.Narrower("lymphoma"), (std::vector<std::string>{"hodgkin disease", "lymphoma b cell",
                                                              "lymphoma large b cell diffuse",
                                                              "lymphoma non hodgkin"}));
  EXPECT_EQ(t.Narrower("lymphoma large b cell diffuse"), std::vector<std::string>{});
  EXPECT_EQ(t.Narrower("neoplasms").size(), 6u);  // all of C04 but itself
  EXPECT_TRUE(t.Narrower("not a descriptor").empty());
  EXPECT_FALSE(t.Contains("not a descriptor"));
}

TEST(MeshExplosion, MhExplodesNoexpDoesNot) {
  const MeshTree t = Tree();
  EXPECT_EQ(Hits("lymphoma[mh]", &t), (Docs{0, 1, 2}));
  EXPECT_EQ(Hits("lymphoma[mh:noexp]", &t), (Docs{0}));
  EXPECT_EQ(Hits("lymphoma[mesh:noexp]", &t), (Docs{0}));
  EXPECT_EQ(Hits("\"lymphoma, non-hodgkin\"[mh]", &t), (Docs{1}));
  EXPECT_EQ(Hits("neoplasms[mh]", &t), (Docs{0, 1, 2, 4}));
  // Major topic: only record 1 has a major heading under Lymphoma.
  EXPECT_EQ(Hits("lymphoma[majr]", &t), (Docs{1}));
  EXPECT_EQ(Hits("lymphoma[majr:noexp]", &t), (Docs{}));
  // A qualifier travels with the explosion: Lymphoma/therapy finds DLBCL/therapy.
  EXPECT_EQ(Hits("lymphoma/therapy[mh]", &t), (Docs{1}));
  // Truncation is not exploded (PubMed neither): Hodgkin Disease (2) stays out.
  EXPECT_EQ(Hits("lymphoma*[mh]", &t), (Docs{0, 1, 4}));
}

TEST(MeshExplosion, WithoutATreeMhMatchesTheTermAloneAndSaysSo) {
  std::vector<std::string> warnings;
  EXPECT_EQ(Hits("lymphoma[mh]", nullptr, &warnings), (Docs{0}));
  EXPECT_TRUE(Mentions(warnings, "not searched as PubMed does")) << testing::PrintToString(warnings);
  const MeshTree empty;
  EXPECT_EQ(Hits("lymphoma[mh]", &empty, &warnings), (Docs{0}));
  EXPECT_TRUE(Mentions(warnings, "no MeSH tree is imported"));
  const MeshTree t = Tree();
  Hits("lymphoma[mh]", &t, &warnings);
  EXPECT_FALSE(Mentions(warnings, "no MeSH tree is imported"));
  EXPECT_EQ(Hits("cytokines[mh]", &t, &warnings), (Docs{}));
  EXPECT_TRUE(Mentions(warnings, "\"cytokines\" is not a descriptor of the imported MeSH tree"));
}

TEST(MeshExplosion, HistoryReferencesExplodeToo) {
  const MeshTree t = Tree();
  Result<Query> q = ParsePubmed("#1 AND 2020[dp]", {"lymphoma[mh]"}, &t);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(TestIndex().Search(*q).docs, (Docs{0, 1, 2}));
}

TEST(ElectronicDate, DpMatchesThePrintOrTheElectronicDate) {
  EXPECT_EQ(Hits("2021[dp]", nullptr), (Docs{5}));          // print date
  EXPECT_EQ(Hits("2020/11[dp]", nullptr), (Docs{5}));       // electronic date
  EXPECT_EQ(Hits("2020/11/03[dp]", nullptr), (Docs{5}));
  EXPECT_EQ(Hits("2020/12[dp]", nullptr), (Docs{}));        // neither
  EXPECT_EQ(Hits("2020[dp]", nullptr), (Docs{0, 1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace carta::search

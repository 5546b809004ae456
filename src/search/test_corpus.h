// The hand-built corpus of the search tests: eleven records, English and
// Chinese, whose expected hits the tests work out by hand. Doc id = index.
#ifndef CARTA_SRC_SEARCH_TEST_CORPUS_H_
#define CARTA_SRC_SEARCH_TEST_CORPUS_H_

#include <string>
#include <vector>

#include "carta/biblio/record.h"
#include "carta/search/index.h"

namespace carta::search::testing {

inline biblio::Record MakeRecord(std::string title, std::string abstract, std::vector<std::string> authors,
                                 std::string journal, int year, int month, int day, std::string language) {
  biblio::Record r;
  r.title = std::move(title);
  r.abstract = std::move(abstract);
  r.authors = std::move(authors);
  r.journal = std::move(journal);
  r.year = year;
  r.month = month;
  r.day = day;
  r.language = std::move(language);
  return r;
}

inline std::vector<biblio::Record> Corpus() {
  std::vector<biblio::Record> c;
  c.push_back(MakeRecord("CAR-T cell therapy for relapsed B-cell lymphoma",
                         "Chimeric antigen receptor T cells targeting CD19 induce durable remissions in lymphoma.",
                         {"Smith, John A", "Lee, Anna"}, "Blood", 2020, 3, 15, "eng"));
  c[0].keywords = {"CAR-T", "CD19"};
  c[0].mesh = {{"Lymphoma", true, {"therapy"}}, {"Receptors, Chimeric Antigen", false, {}}};
  c[0].publication_types = {"Journal Article", "Clinical Trial"};
  c[0].pmid = "1001";
  c[0].doi = "10.1000/blood.1";
  c.push_back(MakeRecord("Cytokine release syndrome after CAR T cell infusion",
                         "We describe the management of cytokine release syndrome with tocilizumab.",
                         {"Lee, Anna", "Smith, Jane"}, "Lancet Oncology", 2021, 7, 0, "eng"));
  c[1].keywords = {"cytokine release syndrome"};
  c[1].mesh = {{"Cytokine Release Syndrome", true, {}}};
  c[1].publication_types = {"Review"};
  c[1].pmid = "1002";
  c.push_back(MakeRecord("Neurotoxicity in patients treated with chimeric antigen receptor T cells",
                         "Immune effector cell-associated neurotoxicity syndrome (ICANS) occurred in 30% of patients.",
                         {"Garcia, Maria"}, "Blood", 2019, 0, 0, "eng"));
  c[2].keywords = {"ICANS"};
  c[2].mesh = {{"Neurotoxicity Syndromes", true, {}}};
  c[2].publication_types = {"Journal Article"};
  c[2].pmid = "1003";
  c.push_back(MakeRecord("4-1BB costimulation improves T cell persistence",
                         "The 4-1BB domain of the CAR enhances persistence of T cells in mice.", {"Smithers, Paul"},
                         "Nature Medicine", 2018, 11, 2, "eng"));
  c[3].mesh = {{"Antigens, CD137", false, {}}};
  c[3].publication_types = {"Journal Article"};
  c[3].pmid = "1004";
  c.push_back(MakeRecord("嵌合抗原受体T细胞治疗淋巴瘤的临床研究", "目的 探讨CAR-T细胞治疗复发难治性淋巴瘤的疗效。",
                         {"张三", "李四"}, "中华血液学杂志", 2022, 5, 1, "chi"));
  c[4].keywords = {"嵌合抗原受体", "淋巴瘤"};
  c[4].publication_types = {"Journal Article"};
  c[4].cnki_id = "ZHXY202205001";
  c.push_back(MakeRecord("CAR-T细胞治疗多发性骨髓瘤进展", "综述了嵌合抗原受体T细胞在骨髓瘤中的应用。", {"李四"},
                         "中国肿瘤", 2023, 0, 0, "chi"));
  c[5].keywords = {"骨髓瘤", "CAR-T"};
  c[5].publication_types = {"Review"};
  c.push_back(MakeRecord("Treatment of the lymphoma in elderly patients", "Outcomes of lymphoma treatment were poor.",
                         {"Brown, T"}, "Cancer", 2015, 1, 20, "eng"));
  c[6].mesh = {{"Lymphoma", false, {}}};
  c[6].publication_types = {"Journal Article"};
  c[6].pmid = "1007";
  c.push_back(MakeRecord("Hip pain after total hip arthroplasty", "Pain in the right hip was common.", {"Nguyen, Van"},
                         "Orthopedics", 2010, 6, 1, "eng"));
  c[7].publication_types = {"Journal Article"};
  c[7].pmid = "1008";
  c.push_back(MakeRecord("Lymphocyte counts and lymphomas", "Lymphopenia predicts infection.", {"Smith, J"}, "Blood",
                         2024, 7, 31, "eng"));
  c[8].publication_types = {"Letter"};
  c[8].pmid = "1009";
  c.push_back(MakeRecord("Tocilizumab for CRS", "Tocilizumab reduced cytokine release.", {"Lee, A"}, "Blood", 2024, 8,
                         1, "eng"));
  c[9].pmid = "1010";
  c.push_back(MakeRecord("Review of bispecific antibodies", "Bispecific antibodies and CAR T cells compared.", {},
                         "Leukemia", 2009, 12, 31, "eng"));
  c[10].publication_types = {"Review"};
  c[10].pmid = "1011";
  return c;
}

inline Index CorpusIndex() {
  IndexBuilder builder;
  for (const biblio::Record& r : Corpus()) builder.Add(r);
  return builder.Finish();
}

}  // namespace carta::search::testing

#endif  // CARTA_SRC_SEARCH_TEST_CORPUS_H_

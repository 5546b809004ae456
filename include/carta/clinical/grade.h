// What every toxicity grading in carta::clinical returns: the grade, the
// domains that set it, what each domain found, and the special cases of the
// consensus that were applied (ASTCT consensus, Lee et al., Biol Blood Marrow
// Transplant 2019;25:625-638: "the grade is determined by the more severe
// event" / "the most severe event").
#ifndef CARTA_CLINICAL_GRADE_H_
#define CARTA_CLINICAL_GRADE_H_

#include <string>
#include <vector>

namespace carta::clinical {

// One domain of a grading table (fever, hypotension, hypoxia; ICE, level of
// consciousness, seizure, motor findings, raised intracranial pressure).
struct DomainGrade {
  std::string domain;   // stable key: "fever", "hypotension", "hypoxia", "ice", "capd", "consciousness", ...
  int grade = 0;        // the grade this domain alone sets; 0 when it adds nothing
  std::string finding;  // what was observed, in words with units ("39.2 °C", "one vasopressor")
};

// The ASTCT consensus paper that the CRS and ICANS grades, the ICE tool and
// the paediatric ICANS table come from.
extern const char* const kAstct2019Citation;  // "ASTCT consensus, Lee et al., ..."

// A graded toxicity. `determined_by` names the domains whose grade equals
// `grade` (several when they tie); it is empty for grade 0.
struct GradeResult {
  std::string toxicity;                    // "CRS", "ICANS", "CRES"
  std::string scale;                       // "ASTCT 2019 CRS", "ASTCT 2019 ICANS", "CRES (CARTOX) 2018"
  int grade = 0;                           // 0 (none) to 5 (death)
  std::vector<std::string> determined_by;  // domain keys, in table order
  std::vector<DomainGrade> domains;        // every domain assessed, in table order
  std::vector<std::string> notes;          // special cases of the consensus that applied, in words
  std::string source;                      // the citation of the grading rule
};

// Sets `r->grade` to the highest domain grade and `r->determined_by` to the
// domains that reach it. Shared by every scale so the "worst domain" rule is
// written once.
void SettleGrade(GradeResult* r);

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_GRADE_H_

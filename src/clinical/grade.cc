// The "worst domain" rule shared by every grading scale (ASTCT consensus, Lee
// et al., Biol Blood Marrow Transplant 2019;25:625-638: the grade is set by
// the most severe event).
#include "carta/clinical/grade.h"

#include <algorithm>

namespace carta::clinical {

const char* const kAstct2019Citation =
    "ASTCT consensus, Lee et al., Biol Blood Marrow Transplant 2019;25:625-638";

void SettleGrade(GradeResult* r) {
  r->grade = 0;
  for (const auto& d : r->domains) r->grade = std::max(r->grade, d.grade);
  r->determined_by.clear();
  if (r->grade == 0) return;
  for (const auto& d : r->domains) {
    if (d.grade == r->grade) r->determined_by.push_back(d.domain);
  }
}

}  // namespace carta::clinical

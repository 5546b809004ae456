// Older scales the evidence still reports, to read trials graded before the
// ASTCT consensus: the CARTOX-10 encephalopathy score and the CRES grade
// (CAR-T-cell-related encephalopathy syndrome; Neelapu et al., Nat Rev Clin
// Oncol 2018;15:47-62: CARTOX-10 tool and CRES grading), and a table of how the CRS scales
// differ (Lee 2014, Penn, CTCAE, CARTOX, ASTCT). Grades from different scales
// are not interchangeable: the same patient can be grade 3 by one and grade 2
// by another, so rates pooled across trials must say which scale each used.
#ifndef CARTA_CLINICAL_LEGACY_H_
#define CARTA_CLINICAL_LEGACY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "carta/clinical/grade.h"
#include "carta/core/status.h"

namespace carta::clinical {

// CARTOX-10, 0-10 points (Neelapu 2018): orientation to year, month,
// city, hospital, and president/prime minister of the country (5); naming 3
// objects (3); writing a standard sentence (1); counting backwards from 100 by
// 10 (1). ICE replaced the president item with following commands.
struct Cartox10Items {
  int orientation = 0;       // 0-5
  int naming = 0;            // 0-3
  int writes_sentence = 0;   // 0-1
  int counts_backwards = 0;  // 0-1
};
Result<int> Cartox10Score(const Cartox10Items& items);

enum class CresIcp {
  kNone,               // "none"
  kPapilledemaStage12, // "papilledema-1-2": stage 1-2 papilloedema, or CSF opening pressure < 20 mmHg (grade 3)
  kPapilledemaStage35, // "papilledema-3-5": stage 3-5 papilloedema, or CSF opening pressure ≥ 20 mmHg (grade 4)
  kCerebralEdema,      // "edema": cerebral oedema (grade 4)
};
enum class CresSeizure {
  kNone,           // "none"
  kPartial,        // "partial": partial seizure, or nonconvulsive seizures on EEG responding to benzodiazepine (grade 3)
  kGeneralized,    // "generalized": generalized seizure, or convulsive or nonconvulsive status epilepticus (grade 4)
};
Result<CresIcp> ParseCresIcp(std::string_view name);
Result<CresSeizure> ParseCresSeizure(std::string_view name);

struct CresInput {
  std::optional<int> cartox10;  // 0-10; may be absent only when obtunded
  bool obtunded = false;        // critical condition and/or obtunded, cannot perform the tasks (grade 4)
  CresIcp icp = CresIcp::kNone;
  CresSeizure seizure = CresSeizure::kNone;
  bool motor_weakness = false;  // new motor weakness (grade 4)
};

// CRES grade (Neelapu 2018, CRES grading): CARTOX-10 7-9 grade 1, 3-6 grade 2,
// 0-2 grade 3, obtunded grade 4; raised ICP, seizures and motor weakness as
// in CresIcp and CresSeizure. Domains "cartox10", "icp", "seizure", "motor".
// Fails on a score outside 0-10, or no score in a patient not obtunded.
Result<GradeResult> GradeCres(const CresInput& in);

// One CRS grading scale, as the trials used it.
struct CrsScale {
  std::string scale;      // "ASTCT 2019", "Lee 2014", "Penn", "CTCAE v4.03", "CTCAE v5.0", "CARTOX 2018"
  std::string source;     // citation
  std::string hypoxia;    // how oxygen need is graded, in words
  std::string hypotension;
  std::string note;       // what makes its grades differ from ASTCT's
};
// The CRS scales of the trials in the evidence base, ASTCT first.
const std::vector<CrsScale>& CrsScales();

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_LEGACY_H_

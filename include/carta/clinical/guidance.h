// Management of CRS and ICANS by grade, as the ASCO guideline (Santomasso et
// al., J Clin Oncol 2021;39:3978-3992, Tables 1 and 2) and the review
// (section 2.3.1) summarise it. Reference information for reading the
// evidence, not advice for a patient: the guideline, the product label and
// the treating team decide.
#ifndef CARTA_CLINICAL_GUIDANCE_H_
#define CARTA_CLINICAL_GUIDANCE_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::clinical {

enum class Toxicity { kCrs, kIcans };
Result<Toxicity> ParseToxicity(std::string_view name);  // "crs", "icans"
const char* ToxicityName(Toxicity t);                   // "crs", "icans"

// Printed with every listing of the guidance.
extern const char* const kGuidanceDisclaimer;

struct Guidance {
  Toxicity toxicity = Toxicity::kCrs;
  int grade = 1;                        // 1-4
  std::vector<std::string> management;  // the summary, one point per entry
  std::string source;                   // where it is written
};

// Every entry, CRS grades 1-4 then ICANS grades 1-4.
const std::vector<Guidance>& AllGuidance();

// The entry for one toxicity and grade. Fails on a grade outside 1-4
// (grade 0 needs no management; grade 5 is death).
Result<Guidance> GuidanceFor(Toxicity toxicity, int grade);

}  // namespace carta::clinical

#endif  // CARTA_CLINICAL_GUIDANCE_H_

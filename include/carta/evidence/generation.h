// CAR generations (the review's Table 1 and Fig. 3), derived from a
// construct's structure by a documented rule, never typed in.
#ifndef CARTA_EVIDENCE_GENERATION_H_
#define CARTA_EVIDENCE_GENERATION_H_

#include <string>
#include <vector>

#include "carta/evidence/model.h"

namespace carta::evidence {

// One row of Table 1, with the rule carta applies.
struct GenerationRow {
  int generation = 0;
  std::string modification;     // Table 1 "CAR-T 修饰因子", in English
  std::string modification_zh;  // as printed
  std::string features;         // Table 1 "特点", in English
  std::string rule;             // the structural rule that assigns it
};

// The five generations, 1..5.
const std::vector<GenerationRow>& GenerationTable();

struct GenerationVerdict {
  int generation = 0;  // 1..5, or 0 when the construct does not say enough
  std::string reason;  // which fields decided it
};

// The rule, first match wins (Xu et al., §2.1.2 and Table 1; after Chmielewski
// & Abken 2015 for TRUCKs and the review's ref 25 for universal designs):
//   5  gene edits (e.g. TRAC/B2M knock-out) or an adaptor/universal design;
//   4  a second-generation base plus an armouring payload (IL-12, IL-7, IL-15,
//      IL-21) or a safety switch (iCasp9) — a TRUCK;
//   3  two or more costimulatory domains;
//   2  one costimulatory domain;
//   1  CD3ζ alone (costim = none);
//   0  unknown: costimulation not recorded.
// A tracking marker such as EGFRt does not count as a safety switch.
GenerationVerdict DeriveGeneration(const Construct& c);

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_GENERATION_H_

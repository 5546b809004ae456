// Private test helper: builds an evidence base from text.
#ifndef CARTA_SRC_EVIDENCE_TEST_UTIL_H_
#define CARTA_SRC_EVIDENCE_TEST_UTIL_H_

#include <string>

#include "carta/evidence/build.h"
#include "carta/evidence/record.h"

namespace carta::evidence {

inline Result<EvidenceBase> BuildFromText(const std::string& text) {
  auto recs = ParseRecords(text, "test.carta");
  if (!recs.ok()) return recs.status();
  return BuildEvidence(std::move(*recs));
}

// A small, valid evidence base: one product with its construct and approval.
inline std::string MiniProduct() {
  return "[construct k19]\nsource = -; Table 2\ntarget = CD19\nbinder = scFv\nbinder_clone = FMC63\n"
         "costim = 4-1BB\nsignal = CD3z\nvector = lentiviral\ncell_source = autologous\n"
         "[product kym]\nsource = -; Table 2\nbrand = Kymriah\ntarget = CD19\ncode = CTL019\n"
         "developer = Novartis\nconstruct = k19\n"
         "[approval kym-1]\nsource = -; Table 2\nproduct = kym\nagency = FDA\ndate = 2017-08\n"
         "indication = B-ALL\npopulation = pediatric-young-adult\n";
}

}  // namespace carta::evidence

#endif  // CARTA_SRC_EVIDENCE_TEST_UTIL_H_

// Private to the audit: what one rule establishes that another rule uses (a
// claim must not be confirmed by a row the audit itself flags as misfiled).
#ifndef CARTA_SRC_EVIDENCE_AUDIT_INTERNAL_H_
#define CARTA_SRC_EVIDENCE_AUDIT_INTERNAL_H_

#include <string>

#include "carta/evidence/model.h"

namespace carta::evidence::audit_internal {

// The trial series (a [trial-family]) the cohort's acronym belongs to when that
// series is run by another sponsor than the developer of the product the cohort
// is filed under (ZUMA-3, a Kite trial, under Breyanzi); nullptr otherwise.
const TrialFamily* MisfiledUnder(const EvidenceBase& eb, const Cohort& c);

// Where a misfiled cohort belongs: the one product of its trial series' sponsor
// with an approval covering the cohort's indications; nullptr when none or
// several do (then the row cannot be refiled from the data alone).
const Product* CorrectedProduct(const EvidenceBase& eb, const Cohort& c, const TrialFamily& family);

// The cohort's product as corrected: its own unless misfiled; "" when misfiled
// and the right product cannot be told.
std::string CorrectedProductId(const EvidenceBase& eb, const Cohort& c);

}  // namespace carta::evidence::audit_internal

#endif  // CARTA_SRC_EVIDENCE_AUDIT_INTERNAL_H_

// Private: the team screening's exports that are not JSON (exports.cc).
#ifndef CARTA_SRC_SERVER_EXPORTS_H_
#define CARTA_SRC_SERVER_EXPORTS_H_

#include <string>

#include "carta/core/status.h"
#include "carta/lit/team.h"
#include "carta/store/literature.h"

namespace carta::server {

// Every record with a vote at either stage as RIS (biblio's writer), each
// followed by "N1  - " notes, one per stage: "<stage>: <state>; <reviewer>
// <verdict> (<reason>); ...; resolved by <resolver> <verdict> (<reason>)".
// Records in id order; "" when nothing was decided. The stages are passed as
// the caller may see them. Fails as lit::Export does.
Result<std::string> TeamRis(store::Literature& lit, const lit::TeamStage& title_abstract,
                            const lit::TeamStage& full_text);

// The PRISMA 2020 flow diagram (plot::PrismaDiagram) of the team's counts:
// records to screen, awaiting and in conflict, screened and excluded,
// assessed at full text and excluded by reason, included; whether final.
std::string TeamPrismaSvg(const lit::TeamPrisma& p);

}  // namespace carta::server

#endif  // CARTA_SRC_SERVER_EXPORTS_H_

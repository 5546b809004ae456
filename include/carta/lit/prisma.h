// The PRISMA 2020 counts of the review (carta::lit), computed from the
// pipeline: identification, de-duplication, criteria, screening decisions.
#ifndef CARTA_LIT_PRISMA_H_
#define CARTA_LIT_PRISMA_H_

#include <string>
#include <vector>

#include "carta/screen/prisma.h"
#include "carta/store/literature.h"

namespace carta::lit {

struct PrismaResult {
  screen::PrismaCounts counts;
  bool dedup_stale = false;  // records changed since the duplicates were applied
};

// The counts, checked (screen::CheckPrisma). Field "decisions": NotFound
// before any screening decision, InvalidArgument while a screened record has
// no agreed or resolved decision (named by record id, at most 8). Otherwise
// InvalidArgument when an invariant between the boxes fails.
Result<PrismaResult> Prisma(store::Literature& lit);

}  // namespace carta::lit

#endif  // CARTA_LIT_PRISMA_H_

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
  std::vector<std::string> warnings;  // records changed since dedup was applied
};

// The counts, checked (screen::CheckPrisma). InvalidArgument before any
// screening decision, while a screened record has no agreed or resolved
// decision (named by record id, at most 8), or when an invariant between the
// boxes fails.
Result<PrismaResult> Prisma(store::Literature& lit);

}  // namespace carta::lit

#endif  // CARTA_LIT_PRISMA_H_

// carta lit screen: the actions of the subcommand, split over
// cmd_lit_screen.cc (options, criteria, decisions, reviewers) and
// cmd_lit_screen_view.cc (conflicts, next, status, simulate).
#ifndef CARTA_TOOLS_LIT_SCREEN_H_
#define CARTA_TOOLS_LIT_SCREEN_H_

#include <string>
#include <vector>

#include "lit_common.h"

namespace carta::cli::lit {

struct ScreenArgs {
  std::string db_path, format, criteria, reason, stage = "title_abstract", reviewer, labels, resolver;
  std::vector<long> decide;
  std::vector<std::string> reviewers;
  std::vector<int> next;  // empty with the flag given: the default count
  bool include = false, exclude = false, maybe = false, conflicts = false, simulate = false, status = false;
  int seed = 42;
};

int ScreenConflicts(const ScreenArgs& a, store::Literature& lit);
int ScreenNext(const ScreenArgs& a, store::Literature& lit);
int ScreenStatus(const ScreenArgs& a, store::Literature& lit);
int ScreenSimulate(const ScreenArgs& a, store::Literature& lit);

}  // namespace carta::cli::lit

#endif  // CARTA_TOOLS_LIT_SCREEN_H_

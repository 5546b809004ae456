// Private: the check of a person's name that every screening use case applies.
#ifndef CARTA_SRC_LIT_NAMES_H_
#define CARTA_SRC_LIT_NAMES_H_

#include <string_view>

#include "carta/core/status.h"

namespace carta::lit {

// A reviewer's (or resolver's) name as Decide, Next and SetReviewers accept
// it: valid UTF-8 and not blank; else InvalidArgument with `field`. A name
// that is not UTF-8 would be stored and then break every status listing
// (issue 18).
Status CheckReviewerName(std::string_view name, const char* field);

}  // namespace carta::lit

#endif  // CARTA_SRC_LIT_NAMES_H_

// Private helper: a Status location naming a file and a line.
#ifndef CARTA_SRC_LIT_LOCATION_H_
#define CARTA_SRC_LIT_LOCATION_H_

#include <string>

#include "carta/core/status.h"

namespace carta::lit {

// `file` and `line` (0: not known) as a SourceLocation.
inline SourceLocation FileLine(const std::string& file, int line = 0) {
  SourceLocation at;
  at.file = file;
  at.line = line;
  return at;
}

}  // namespace carta::lit

#endif  // CARTA_SRC_LIT_LOCATION_H_

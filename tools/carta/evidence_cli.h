// What the evidence commands share: a library failure reported with the
// option it concerns.
#ifndef CARTA_TOOLS_EVIDENCE_CLI_H_
#define CARTA_TOOLS_EVIDENCE_CLI_H_

#include <string>

#include "carta/core/status.h"
#include "common.h"

namespace carta::cli {

// Fails with "carta: --FIELD: message" when the library named the request
// field at fault (its fields are named as the options), else as Fail does; an
// unknown product points to 'carta products'.
inline int FailOption(const Status& s) {
  const std::string& field = s.location().field;
  if (field.empty()) return Fail(s);
  if (field == "product" && s.code() == StatusCode::kNotFound) {
    return Fail(Status::NotFound(s.message() + " (see 'carta products')"));
  }
  return Fail(s.WithContext("--" + field));
}

}  // namespace carta::cli

#endif  // CARTA_TOOLS_EVIDENCE_CLI_H_

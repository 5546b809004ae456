// Private: the schema of each record kind (doc/data-format.md) and the
// validation of one value against it.
#ifndef CARTA_SRC_EVIDENCE_SCHEMA_H_
#define CARTA_SRC_EVIDENCE_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/core/status.h"

namespace carta::evidence::schema {

enum class Type { kText, kInt, kRate, kRateRange, kDuration, kMedian, kMonth, kPhase, kEnum, kBool, kRef };

struct KeySpec {
  std::string key;
  Type type = Type::kText;
  bool list = false;       // comma-separated values allowed; the key may repeat
  bool required = false;
  std::vector<std::string> allowed;  // kEnum: canonical spellings
  std::string ref_kind;    // kRef: the kind of record referred to
};

// The spec of `key` in a record of `kind`, or nullptr. Cohort outcome keys
// follow patterns ("pfs_12mo", "os_median").
const KeySpec* Lookup(const std::string& kind, const std::string& key);

// Every fixed key of `kind` (patterns shown as "pfs_Nmo").
std::vector<std::string> Keys(const std::string& kind);
const std::vector<std::string>& Kinds();
// Required keys of `kind`.
std::vector<std::string> RequiredKeys(const std::string& kind);

// Checks one value (one item of a list) against `spec` and returns its
// canonical spelling (enums in their canonical case). The message names the
// accepted values.
Result<std::string> CheckValue(const KeySpec& spec, std::string_view value);

}  // namespace carta::evidence::schema

#endif  // CARTA_SRC_EVIDENCE_SCHEMA_H_

// From records to a validated evidence base.
#ifndef CARTA_EVIDENCE_BUILD_H_
#define CARTA_EVIDENCE_BUILD_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/model.h"
#include "carta/evidence/record.h"

namespace carta::evidence {

// Validates `records` against the schema of doc/data-format.md (kinds, keys,
// value types, vocabularies, required keys, repeated keys, references between
// records) and builds the typed evidence base. Fails on the first problem
// with "file:line: message".
Result<EvidenceBase> BuildEvidence(std::vector<RawRecord> records);

// Reads every `*.carta` file under `dir` (recursively, sorted by path),
// parses and builds. Fails when the folder is missing or holds no data file.
Result<EvidenceBase> LoadEvidenceDir(const std::string& dir);

// The keys a record kind accepts, for messages and `carta show`; empty for an unknown kind.
std::vector<std::string> KnownKeys(const std::string& kind);

// `value` checked against the vocabulary of `key` in a `kind` record and
// returned in its canonical spelling ("lbcl" -> "LBCL"); the message lists
// what is accepted and suggests the closest word.
Result<std::string> CanonicalValue(const std::string& kind, const std::string& key, const std::string& value);

// True when `key` of a `kind` record takes a list (several values, repeated lines).
bool IsListValued(const std::string& kind, const std::string& key);

// The record kinds, in the order they are described in doc/data-format.md.
const std::vector<std::string>& RecordKinds();

}  // namespace carta::evidence

#endif  // CARTA_EVIDENCE_BUILD_H_

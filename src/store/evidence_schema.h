// Private: schema steps of the evidence tables that the literature store's
// migration needs too (both run them when they meet an older database).
#ifndef CARTA_SRC_STORE_EVIDENCE_SCHEMA_H_
#define CARTA_SRC_STORE_EVIDENCE_SCHEMA_H_

#include "carta/core/status.h"
#include "sqlite.h"

namespace carta::store {

// Brings the evidence tables of a database at schema `from` (1 or 2) up to
// kSchemaVersion without rebuilding them: version 3 adds the index on
// observations(kind, record_id, seq), without which LoadEvidence is
// quadratic. Runs inside the caller's write transaction; does not set
// user_version.
Status MigrateEvidenceTables(Database& db, int from);

// Gives the evidence a new random version token (table evidence_version),
// inside the caller's write transaction. Every writer of what LoadEvidence
// reads (the evidence tables, the extraction consensus) calls it, so that a
// snapshot is reloaded when the evidence changes and only then: a screening
// decision or an import, which touch other tables, keep the token.
Status MarkEvidenceChanged(Database& db);

}  // namespace carta::store

#endif  // CARTA_SRC_STORE_EVIDENCE_SCHEMA_H_

// Trial registrations in the project database (carta registry import|show|list):
// a table beside the evidence and the literature, written in one transaction.
#ifndef CARTA_STORE_REGISTRY_H_
#define CARTA_STORE_REGISTRY_H_

#include <string>
#include <vector>

#include "carta/core/status.h"
#include "carta/evidence/listings.h"
#include "carta/registry/registration.h"

namespace carta::store {

struct RegistryImportSummary {
  long added = 0;    // registrations new to the database
  long updated = 0;  // registrations already there, replaced by the newer copy
};

// Writes `regs` to the database at `path` (created when missing), each
// replacing any stored registration of the same id, in one transaction: on a
// failure nothing is written. Fails on a database written by a newer carta.
Result<RegistryImportSummary> SaveRegistrations(const std::string& path,
                                                const std::vector<registry::Registration>& regs);

// Every stored registration, by id; empty when none was imported (also when
// the database has no registration table yet). NotFound when there is no
// database at `path`.
Result<std::vector<registry::Registration>> LoadRegistrations(const std::string& path);

// The project's audit: the evidence rules over `eb`, and the registration
// rules over the registrations stored at `path` (none when none were
// imported). The one entry point of `carta check` and the server's
// /api/check. Fails as LoadRegistrations and evidence::RunAudit do.
Result<evidence::AuditResult> AuditProject(const std::string& path, const evidence::EvidenceBase& eb,
                                           evidence::AuditRequest request);

}  // namespace carta::store

#endif  // CARTA_STORE_REGISTRY_H_

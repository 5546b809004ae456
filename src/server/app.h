// Private: what the routes of the server share: the options, the project's
// stores (opened once, one caller at a time), the job pool, and the HTTP
// helpers that turn a Status into a 4xx with the api module's error JSON.
#ifndef CARTA_SRC_SERVER_APP_H_
#define CARTA_SRC_SERVER_APP_H_

#include <httplib.h>

#include <chrono>
#include <functional>
#include <vector>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "carta/api/json.h"
#include "carta/evidence/model.h"
#include "carta/lit/team.h"
#include "carta/server/server.h"
#include "carta/store/literature.h"
#include "carta/store/team.h"
#include "caches.h"
#include "jobs.h"

namespace carta::server {

// Who sent a request, from its bearer token (never from its body).
struct Identity {
  std::string reviewer;
  std::string role;  // "reviewer", "resolver", "admin"
};

class Context {
 public:
  explicit Context(Options options);
  ~Context();  // waits for a reload of the records under way
  const Options& options() const { return options_; }
  JobPool& jobs() { return jobs_; }

  // The evidence snapshot (store::LoadEvidenceSnapshot, which reloads a
  // rebuilt database), asked for at most once a second.
  Result<std::shared_ptr<const evidence::EvidenceBase>> Evidence();
  // Runs `body` with the project's literature, opened on first use; one caller at a time.
  Status WithLiterature(const std::function<Status(store::Literature&)>& body);
  // The team store, opened on first use (it serialises its callers itself).
  Result<store::Team*> Team();
  // The project's records prepared for the screening queue: loaded on first
  // use (one caller loads; the others wait for it), then shared, never
  // copied. When the records, their duplicates or the criteria change
  // (store::Literature::ScreeningStamp, read at most once per
  // Options::records_recheck_ms, and never waited for while an import of this
  // server holds the literature), they are loaded again on a thread of their
  // own and the old ones are served until the new are ready.
  Result<std::shared_ptr<const lit::TeamCorpus>> Corpus();
  // The screened records (of Corpus()).
  Result<std::shared_ptr<const lit::TeamProject>> Project();
  // Makes the next Corpus() check whether the records changed (an import of
  // this server added some).
  void InvalidateProject();
  // The identity of the request's bearer token: InvalidArgument with field
  // "authorization" (sent as 401) when missing, unknown, expired or revoked.
  // A known token is read from the store at most once per
  // Options::token_recheck_ms, so a revocation is honoured within that bound.
  Result<Identity> Authenticate(const httplib::Request& req);
  // Whether `host` (a Host header) is on the allow-list for the bound port.
  bool HostAllowed(const std::string& host) const;
  void set_port(int port) { port_ = port; }
  // Meta-analysis responses, valid for the evidence snapshot they came from.
  ResponseCache& meta_cache() { return meta_cache_; }

 private:
  // Opens the project's literature if it is not open yet. REQUIRES: lit_mu_ held.
  Status OpenLiterature();
  struct LoadedCorpus {
    std::string stamp;
    std::shared_ptr<const lit::TeamCorpus> corpus;
  };
  // Loads the records and their stamp through a connection of its own.
  Result<LoadedCorpus> LoadCorpusNow();
  // The body of the reload thread.
  void ReloadCorpus();

  Options options_;
  int port_ = 0;
  JobPool jobs_;
  std::mutex evidence_mu_;
  std::shared_ptr<const evidence::EvidenceBase> evidence_;
  std::chrono::steady_clock::time_point evidence_checked_;
  std::mutex lit_mu_;
  std::unique_ptr<store::Literature> lit_;
  std::mutex team_mu_;
  std::unique_ptr<store::Team> team_;
  std::mutex corpus_mu_;  // held while the records load
  std::shared_ptr<const lit::TeamCorpus> corpus_;
  std::string corpus_stamp_;  // store::Literature::ScreeningStamp of corpus_
  bool corpus_reloading_ = false;
  std::thread corpus_reload_;
  std::chrono::steady_clock::time_point corpus_checked_;
  TokenCache tokens_;
  ResponseCache meta_cache_;
};

// ---- HTTP helpers (http.cc) ----

// The HTTP status of a failure: InvalidArgument 400 (field "authorization"
// 401, "jobs" 429), PermissionDenied 403, Conflict 409, NotFound 404,
// NotConverged 422, Cancelled 409, others 500.
int HttpStatusFor(const Status& s);
void SendJson(httplib::Response& res, const api::Json& j, int status = 200);
void SendError(httplib::Response& res, const Status& s);
// The request as a JSON object: the body when it is JSON (POST), else the
// query parameters, those named in `numbers` as numbers and in `flags` as
// booleans ("true", "false", "1", "0"); others are strings. `format` is never
// part of it. InvalidArgument naming the parameter when one does not parse.
Result<api::Json> RequestJson(const httplib::Request& req, const std::vector<std::string>& numbers = {},
                              const std::vector<std::string>& flags = {});

// ---- Identity (server.cc) ----

using IdentityHandler = std::function<void(const Identity& who, const httplib::Request& req, httplib::Response& res)>;
// Wraps `handler` with Context::Authenticate: 401 (field "authorization")
// without a valid bearer token; the handler gets the token's identity.
httplib::Server::Handler WithIdentity(Context& ctx, IdentityHandler handler);
// Whether the role sees every reviewer's work (resolver, admin).
bool SeesAll(const Identity& who);
// PermissionDenied (field "role") unless the caller is a resolver or admin.
Status NeedResolver(const Identity& who);

// ---- Route groups ----
void AddEvidenceRoutes(httplib::Server& svr, Context& ctx);
void AddClinicalRoutes(httplib::Server& svr, Context& ctx);
void AddLitRoutes(httplib::Server& svr, Context& ctx);
void AddTeamRoutes(httplib::Server& svr, Context& ctx);
void AddJobRoutes(httplib::Server& svr, Context& ctx);
void AddExtractRoutes(httplib::Server& svr, Context& ctx);
void AddReportRoutes(httplib::Server& svr, Context& ctx);
// The upload route, the one route whose body may be large, chunked or compressed.
inline constexpr const char* kImportRoute = "/api/lit/import";
void AddImportRoutes(httplib::Server& svr, Context& ctx);
void AddStaticRoutes(httplib::Server& svr);

}  // namespace carta::server

#endif  // CARTA_SRC_SERVER_APP_H_

// The server (carta/server/server.h): binding, the checks every request
// passes before a route (Host allow-list, target length, Origin on writes),
// the security headers on every response, and the shared Context.
#include "carta/server/server.h"

#include <arpa/inet.h>

#include <thread>

#include "app.h"
#include "carta/core/text.h"
#include "carta/core/threads.h"
#include "carta/store/store.h"

namespace carta::server {

namespace {

// The page loads scripts and styles from itself only (no inline script, so
// an injected <script> does not run), is never framed, and sends no referrer.
const httplib::Headers& SecurityHeaders() {
  static const httplib::Headers headers = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  return headers;
}

// "host:port" or "[v6]:port" without the port.
std::string HostName(const std::string& host_header) {
  if (!host_header.empty() && host_header.front() == '[') {
    const size_t close = host_header.find(']');
    return close == std::string::npos ? host_header : host_header.substr(0, close + 1);
  }
  const size_t colon = host_header.rfind(':');
  return colon == std::string::npos ? host_header : host_header.substr(0, colon);
}

bool IsWrite(const httplib::Request& req) { return req.method != "GET" && req.method != "HEAD"; }

// A write from another site: an Origin that is not this server's, or a
// browser's Sec-Fetch-Site: cross-site.
Status CheckOrigin(const Context& ctx, const httplib::Request& req) {
  if (req.get_header_value("Sec-Fetch-Site") == "cross-site") {
    return Status::PermissionDenied("cross-site writes are refused").WithField("origin");
  }
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty()) return Status::Ok();  // not a browser's cross-origin request
  const std::string prefix = "http://";
  if (origin.rfind(prefix, 0) != 0 || !ctx.HostAllowed(origin.substr(prefix.size()))) {
    return Status::PermissionDenied("writes from origin '" + origin + "' are refused").WithField("origin");
  }
  return Status::Ok();
}

// Every route but the upload takes a small, plain body: a Content-Length of
// at most max_body_bytes (413), no chunked transfer (411: its size is not
// known before it is read), no Content-Encoding (415: what a compressed body
// expands to is not bounded by its length).
std::pair<Status, int> CheckSmallBody(const Options& o, const httplib::Request& req) {
  const std::string encoding = req.get_header_value("Content-Encoding");
  if (!encoding.empty() && encoding != "identity") {
    return {Status::InvalidArgument("a compressed body (Content-Encoding: " + encoding + ") is accepted by " +
                                    kImportRoute + " only")
                .WithField("content-encoding"),
            415};
  }
  if (req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos) {
    return {Status::InvalidArgument("send the body with a Content-Length (chunked bodies are accepted by " +
                                    std::string(kImportRoute) + " only)")
                .WithField("body"),
            411};
  }
  const std::string length = req.get_header_value("Content-Length");
  if (length.find_first_not_of("0123456789") != std::string::npos) {
    return {Status::InvalidArgument("Content-Length is not a number").WithField("body"), 400};
  }
  if (!length.empty() && (length.size() > 18 || std::stoull(length) > o.max_body_bytes)) {
    return {Status::InvalidArgument("the body is larger than " + std::to_string(o.max_body_bytes) + " bytes")
                .WithField("body"),
            413};
  }
  return {Status::Ok(), 200};
}

}  // namespace

bool IsLoopback(const std::string& host) {
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return false;
}

namespace {
constexpr size_t kCachedTokens = 10000;
constexpr size_t kCachedMetaResponses = 512;
constexpr size_t kCachedMetaBytes = size_t{64} << 20;
}  // namespace

Context::Context(Options options)
    : options_(std::move(options)),
      jobs_(options_.job_threads, options_.max_jobs),
      tokens_(std::chrono::milliseconds(options_.token_recheck_ms), kCachedTokens),
      meta_cache_(kCachedMetaResponses, kCachedMetaBytes) {}

Result<std::shared_ptr<const evidence::EvidenceBase>> Context::Evidence() {
  // Asking the store whether the database changed opens it; once a second is enough.
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(evidence_mu_);
    if (evidence_ && now - evidence_checked_ < std::chrono::seconds(1)) return evidence_;
  }
  auto eb = store::LoadEvidenceSnapshot(options_.db_path);
  if (!eb.ok()) return eb.status();
  std::lock_guard lock(evidence_mu_);
  evidence_ = *eb;
  evidence_checked_ = now;
  return evidence_;
}

Status Context::OpenLiterature() {
  if (lit_) return Status::Ok();
  auto lit = store::Literature::Open(options_.db_path);
  if (!lit.ok()) return lit.status();
  lit_ = std::make_unique<store::Literature>(std::move(*lit));
  return Status::Ok();
}

Status Context::WithLiterature(const std::function<Status(store::Literature&)>& body) {
  std::lock_guard lock(lit_mu_);
  if (Status s = OpenLiterature(); !s.ok()) return s;
  return body(*lit_);
}

Result<store::Team*> Context::Team() {
  std::lock_guard lock(team_mu_);
  if (!team_) {
    auto team = store::Team::Open(options_.db_path);
    if (!team.ok()) return team.status();
    team_ = std::make_unique<store::Team>(std::move(*team));
  }
  return team_.get();
}

Context::~Context() {
  std::thread reload;
  {
    std::lock_guard lock(corpus_mu_);
    reload = std::move(corpus_reload_);
  }
  if (reload.joinable()) reload.join();
}

Result<Context::LoadedCorpus> Context::LoadCorpusNow() {
  // A connection of its own: searches and imports do not wait for the load.
  auto lit = store::Literature::Open(options_.db_path);
  if (!lit.ok()) return lit.status();
  // The stamp before the records: a change during the load is seen at the next check.
  auto stamp = lit->ScreeningStamp();
  if (!stamp.ok()) return stamp.status();
  auto corpus = lit::LoadTeamCorpus(*lit);
  if (!corpus.ok()) return corpus.status();
  return LoadedCorpus{std::move(*stamp), std::move(*corpus)};
}

void Context::ReloadCorpus() {
  auto loaded = LoadCorpusNow();
  std::lock_guard lock(corpus_mu_);
  corpus_reloading_ = false;
  // On failure the old records stay; the stamp still differs, so the next check tries again.
  if (loaded.ok()) {
    corpus_stamp_ = std::move(loaded->stamp);
    corpus_ = std::move(loaded->corpus);
  }
}

Result<std::shared_ptr<const lit::TeamCorpus>> Context::Corpus() {
  std::lock_guard lock(corpus_mu_);
  const auto now = std::chrono::steady_clock::now();
  if (!corpus_) {  // the first load: every caller waits for it
    auto loaded = LoadCorpusNow();
    if (!loaded.ok()) return loaded.status();
    corpus_stamp_ = std::move(loaded->stamp);
    corpus_ = std::move(loaded->corpus);
    corpus_checked_ = now;
    return corpus_;
  }
  if (corpus_reloading_ || now - corpus_checked_ < std::chrono::milliseconds(options_.records_recheck_ms)) {
    return corpus_;
  }
  // An import of this server holds the literature and asks for a check when
  // it ends: keep serving these records meanwhile.
  std::unique_lock lit_lock(lit_mu_, std::try_to_lock);
  if (!lit_lock.owns_lock()) return corpus_;
  // A check that fails (the file busy beyond the timeout, say) keeps these
  // records and is tried again at the next request.
  if (Status s = OpenLiterature(); !s.ok()) return corpus_;
  auto stamp = lit_->ScreeningStamp();
  if (!stamp.ok()) return corpus_;
  corpus_checked_ = now;
  if (*stamp == corpus_stamp_) return corpus_;
  // Changed: load the new records on a thread of their own and serve these
  // until they are ready (a load takes tens of seconds at 100,000 records).
  corpus_reloading_ = true;
  if (corpus_reload_.joinable()) corpus_reload_.join();  // finished: it cleared corpus_reloading_
  corpus_reload_ = std::thread([this] { ReloadCorpus(); });
  return corpus_;
}

Result<std::shared_ptr<const lit::TeamProject>> Context::Project() {
  auto corpus = Corpus();
  if (!corpus.ok()) return corpus.status();
  return std::shared_ptr<const lit::TeamProject>(*corpus, &(*corpus)->project);  // shares the corpus's life
}

void Context::InvalidateProject() {
  std::lock_guard lock(corpus_mu_);
  corpus_checked_ = {};  // check at the next request
}

Result<Identity> Context::Authenticate(const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.rfind(prefix, 0) != 0 || header.size() == prefix.size()) {
    return Status::InvalidArgument("this request needs 'Authorization: Bearer TOKEN' (carta serve token add)")
        .WithField("authorization");
  }
  const std::string hash = HashToken(std::string(text::Trim(header.substr(prefix.size()))));
  const auto now = Clock::now();
  std::optional<store::TeamToken> token = tokens_.Find(hash, now);
  if (!token) {
    auto team = Team();
    if (!team.ok()) return team.status();
    auto stored = (*team)->FindToken(hash);
    if (!stored.ok()) return stored.status();
    if (!*stored) return Status::InvalidArgument("unknown token").WithField("authorization");
    token = std::move(*stored);
    tokens_.Put(hash, *token, now);
  }
  const long now_s =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (Status s = CheckTokenValid(*token, now_s); !s.ok()) return s;
  return Identity{token->reviewer, token->role};
}

httplib::Server::Handler WithIdentity(Context& ctx, IdentityHandler handler) {
  return [&ctx, handler](const httplib::Request& req, httplib::Response& res) {
    auto who = ctx.Authenticate(req);
    if (!who.ok()) return SendError(res, who.status());
    handler(*who, req, res);
  };
}

bool SeesAll(const Identity& who) { return who.role == "resolver" || who.role == "admin"; }

Status NeedResolver(const Identity& who) {
  if (SeesAll(who)) return Status::Ok();
  return Status::PermissionDenied("this needs a resolver's or admin's token").WithField("role");
}

bool Context::HostAllowed(const std::string& host) const {
  const std::string port = std::to_string(port_);
  const std::string name = HostName(host);
  if (host != name + ":" + port && !(port_ == 80 && host == name)) return false;
  if (name == "localhost" || name == "127.0.0.1" || name == "[::1]") return true;
  if (name == options_.host) return true;
  return std::find(options_.allow_hosts.begin(), options_.allow_hosts.end(), name) != options_.allow_hosts.end();
}

struct App::Impl {
  explicit Impl(const Options& o) : ctx(o) {}
  Context ctx;
  httplib::Server svr;
  std::thread thread;
  std::thread preload;  // loads the project's records (Options::preload_records)
  int port = 0;
};

App::App() = default;

App::~App() { Stop(); }

Result<std::unique_ptr<App>> App::Create(const Options& options) {
  if (!options.team && !IsLoopback(options.host)) {
    return Status::InvalidArgument("binding '" + options.host +
                                   "' exposes the project to the network: only a loopback address is allowed "
                                   "without team mode (tokens for every write)")
        .WithField("host");
  }
  if (options.port < 0 || options.port > 65535) {
    return Status::InvalidArgument("the port must be 0 to 65535").WithField("port");
  }
  std::unique_ptr<App> app(new App());  // the constructor is private: Create is the way to build one
  app->impl_ = std::make_unique<Impl>(options);
  Impl& im = *app->impl_;
  Context& ctx = im.ctx;
  // httplib serves each connection on one pool thread for its keep-alive
  // life, so the pool holds more threads than cores: 8 per thread of the
  // budget (at least 16), or exactly --threads.
  const int threads = options.threads > 0 ? options.threads : std::max(16, 8 * ThreadsFor(0));
  // httplib takes ownership of the queue it is given (its API: a raw pointer).
  im.svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  // The upload's bound; every other route is held to max_body_bytes before its body is read (CheckSmallBody).
  im.svr.set_payload_max_length(std::max(options.max_body_bytes, options.max_upload_bytes));
  im.svr.set_read_timeout(options.timeout_seconds, 0);
  im.svr.set_write_timeout(options.timeout_seconds, 0);
  im.svr.set_keep_alive_timeout(5);
  im.svr.set_keep_alive_max_count(1000);
  // Small JSON answers would otherwise wait for the peer's delayed ACK (Nagle): ~40 ms each.
  im.svr.set_tcp_nodelay(true);
  im.svr.set_default_headers(SecurityHeaders());
  im.svr.set_pre_routing_handler([&ctx](const httplib::Request& req, httplib::Response& res) {
    Status s;
    if (!ctx.HostAllowed(req.get_header_value("Host"))) {
      s = Status::InvalidArgument("host '" + req.get_header_value("Host") + "' is not on the allow-list (--allow-host)")
              .WithField("host");
      SendJson(res, api::ErrorJson(s), 421);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.target.size() > ctx.options().max_target_bytes) {
      s = Status::InvalidArgument("the request's path and query are longer than " +
                                  std::to_string(ctx.options().max_target_bytes) + " bytes")
              .WithField("query");
      SendJson(res, api::ErrorJson(s), 414);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (IsWrite(req)) {
      if (s = CheckOrigin(ctx, req); !s.ok()) {
        SendError(res, s);
        return httplib::Server::HandlerResponse::Handled;
      }
      if (req.path != kImportRoute) {
        if (auto [refused, status] = CheckSmallBody(ctx.options(), req); !refused.ok()) {
          SendJson(res, api::ErrorJson(refused), status);
          res.set_header("Connection", "close");  // the body was not read
          return httplib::Server::HandlerResponse::Handled;
        }
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // httplib's own refusals (413, 404 of no route, 400 of a bad request line) get the JSON error too.
  im.svr.set_error_handler([&ctx](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string what = res.status == 413   ? "the body is larger than " + std::to_string(ctx.options().max_upload_bytes) + " bytes"
                             : res.status == 404 ? "no route " + req.method + " " + req.path
                                                 : "the request was refused (HTTP " + std::to_string(res.status) + ")";
    const char* field = res.status == 413 ? "body" : "path";
    const Status s = res.status == 404 ? Status::NotFound(what) : Status::InvalidArgument(what);
    res.set_content(api::DumpCompact(api::ErrorJson(s.WithField(field))), "application/json; charset=utf-8");
  });
  im.svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendJson(res, api::ErrorJson(Status::Internal("the request failed inside the server")), 500);
  });
  AddEvidenceRoutes(im.svr, ctx);
  AddClinicalRoutes(im.svr, ctx);
  AddLitRoutes(im.svr, ctx);
  AddTeamRoutes(im.svr, ctx);
  AddJobRoutes(im.svr, ctx);
  AddExtractRoutes(im.svr, ctx);
  AddReportRoutes(im.svr, ctx);
  AddImportRoutes(im.svr, ctx);
  AddStaticRoutes(im.svr);
  return app;
}

Result<int> App::Bind() {
  Impl& im = *impl_;
  const Options& o = im.ctx.options();
  const std::string host = o.host == "localhost" ? "127.0.0.1" : o.host;
  if (o.port == 0) {
    im.port = im.svr.bind_to_any_port(host);
    if (im.port <= 0) return Status::IOError("cannot bind " + o.host);
  } else {
    if (!im.svr.bind_to_port(host, o.port)) {
      return Status::IOError("cannot bind " + o.host + ":" + std::to_string(o.port) + " (in use, or not an address here)");
    }
    im.port = o.port;
  }
  im.ctx.set_port(im.port);
  return im.port;
}

void App::Run() {
  if (impl_->ctx.options().preload_records && !impl_->preload.joinable()) {
    // A failure here is the first screening request's to report.
    impl_->preload = std::thread([this] { (void)impl_->ctx.Corpus(); });
  }
  impl_->svr.listen_after_bind();
}

Result<int> App::Start() {
  auto port = Bind();
  if (!port.ok()) return port.status();
  impl_->thread = std::thread([this] { Run(); });
  for (int waited_ms = 0; !impl_->svr.is_running(); ++waited_ms) {
    if (waited_ms > 5000) return Status::IOError("the server did not start listening on port " + std::to_string(*port));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return *port;
}

void App::Stop() {
  if (!impl_) return;
  impl_->svr.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  if (impl_->preload.joinable()) impl_->preload.join();
  impl_->ctx.jobs().Shutdown();
}

int App::port() const { return impl_->port; }

}  // namespace carta::server

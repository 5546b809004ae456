// The team screening routes (/api/screen/...): every one needs a bearer
// token, and the reviewer and role come from it. A reviewer sees only their
// own votes until a record has all its votes (lit::VisibleTo); resolvers see
// who voted on a conflict but not how, so they judge the record afresh.
#include "app.h"
#include "carta/api/team.h"
#include "carta/lit/screening.h"
#include "exports.h"

namespace carta::server {

namespace {

using TeamHandler = std::function<void(const Identity& who, store::Team& team, const httplib::Request& req,
                                       httplib::Response& res)>;

// Wraps `handler` with authentication and the team store.
httplib::Server::Handler Authed(Context& ctx, TeamHandler handler) {
  return WithIdentity(ctx, [&ctx, handler](const Identity& who, const httplib::Request& req, httplib::Response& res) {
    auto team = ctx.Team();
    if (!team.ok()) return SendError(res, team.status());
    handler(who, **team, req, res);
  });
}

Result<screen::Stage> StageParam(const httplib::Request& req) {
  const std::string name = req.has_param("stage") ? req.get_param_value("stage") : "title_abstract";
  if (name == "title_abstract") return screen::Stage::kTitleAbstract;
  if (name == "full_text") return screen::Stage::kFullText;
  return Status::InvalidArgument("stage is title_abstract or full_text, not '" + name + "'").WithField("stage");
}

// The stage named by the request's `stage`, for a resolver (κ between the
// reviewers is theirs to see): PermissionDenied for anyone else.
Result<lit::TeamStage> ResolverStage(const Identity& who, store::Team& team, const httplib::Request& req) {
  if (Status s = NeedResolver(who); !s.ok()) return s;
  auto stage = StageParam(req);
  if (!stage.ok()) return stage.status();
  return lit::LoadTeamStage(team, *stage);
}

void Next(Context& ctx, const Identity& who, store::Team& team, const httplib::Request& req, httplib::Response& res) {
  auto stage = StageParam(req);
  if (!stage.ok()) return SendError(res, stage.status());
  size_t count = 5;
  if (req.has_param("count")) {
    const std::string c = req.get_param_value("count");
    if (c.empty() || c.size() > 3 || c.find_first_not_of("0123456789") != std::string::npos || std::stoi(c) == 0) {
      return SendError(res, Status::InvalidArgument("count is 1 to 999").WithField("count"));
    }
    count = std::stoul(c);
  }
  auto corpus = ctx.Corpus();
  if (!corpus.ok()) return SendError(res, corpus.status());
  auto r = lit::TeamNext(team, **corpus, who.reviewer, *stage, count);
  if (!r.ok()) return SendError(res, r.status());
  api::Json out = api::ToJson(*r);
  out["reviewer"] = who.reviewer;
  SendJson(res, out);
}

void Decide(Context& ctx, const Identity& who, store::Team& team, const httplib::Request& req, httplib::Response& res,
            bool resolve) {
  auto j = api::Parse(req.body);
  if (!j.ok()) return SendError(res, j.status().WithField("body"));
  auto request = api::TeamDecisionRequestFromJson(*j);
  if (!request.ok()) return SendError(res, request.status());
  if (resolve != (request->kind == "resolve")) {
    if (!resolve || j->contains("kind")) {
      return SendError(res, Status::InvalidArgument(resolve ? "a resolution's kind is resolve"
                                                            : "resolve a conflict with POST /api/screen/resolve")
                                .WithField("kind"));
    }
    request->kind = "resolve";
  }
  request->reviewer = who.reviewer;
  request->role = who.role;
  auto project = ctx.Project();
  if (!project.ok()) return SendError(res, project.status());
  auto r = lit::RecordTeamEvent(team, **project, *request);
  if (!r.ok()) return SendError(res, r.status());
  SendJson(res, {{"seq", r->seq}, {"duplicate", r->duplicate}}, r->duplicate ? 200 : 201);
}

void Conflicts(const Identity& who, store::Team& team, const httplib::Request& req, httplib::Response& res) {
  if (Status s = NeedResolver(who); !s.ok()) return SendError(res, s);
  auto stage = StageParam(req);
  if (!stage.ok()) return SendError(res, stage.status());
  auto state = lit::LoadTeamStage(team, *stage);
  if (!state.ok()) return SendError(res, state.status());
  api::Json out = api::Json::array();
  for (const auto& [id, r] : state->records) {
    if (r.state != lit::TeamRecordState::kConflict) continue;
    api::Json voters = api::Json::array();
    for (const auto& v : r.votes) voters.push_back(v.reviewer);
    out.push_back({{"record", id}, {"voters", voters}});
  }
  SendJson(res, out);
}

Result<lit::TeamPrisma> Prisma(Context& ctx, store::Team& team) {
  auto ta = lit::LoadTeamStage(team, screen::Stage::kTitleAbstract);
  if (!ta.ok()) return ta.status();
  auto ft = lit::LoadTeamStage(team, screen::Stage::kFullText);
  if (!ft.ok()) return ft.status();
  auto project = ctx.Project();
  if (!project.ok()) return project.status();
  long reach_full_text = 0;
  for (const auto& [id, r] : ta->records) {
    const auto f = r.Final();
    if (f && f->verdict != screen::Verdict::kExclude) ++reach_full_text;
  }
  return lit::CountTeamPrisma(*ta, *ft, static_cast<long>((*project)->to_screen.size()), reach_full_text);
}

void SendDownload(httplib::Response& res, const std::string& body, const char* type, const char* filename) {
  res.set_header("Content-Disposition", std::string("attachment; filename=\"") + filename + "\"");
  res.set_content(body, type);
}

void ExportRis(Context& ctx, const Identity& who, store::Team& team, httplib::Response& res) {
  if (Status s = NeedResolver(who); !s.ok()) return SendError(res, s);
  auto ta = lit::LoadTeamStage(team, screen::Stage::kTitleAbstract);
  if (!ta.ok()) return SendError(res, ta.status());
  auto ft = lit::LoadTeamStage(team, screen::Stage::kFullText);
  if (!ft.ok()) return SendError(res, ft.status());
  std::string ris;
  Status s = ctx.WithLiterature([&](store::Literature& lit) -> Status {
    auto r = TeamRis(lit, *ta, *ft);
    if (!r.ok()) return r.status();
    ris = std::move(*r);
    return Status::Ok();
  });
  if (!s.ok()) return SendError(res, s);
  SendDownload(res, ris, "application/x-research-info-systems; charset=utf-8", "screening.ris");
}

void SendReasons(store::Team& team, httplib::Response& res) {
  auto list = lit::ExclusionReasons(team);
  if (!list.ok()) return SendError(res, list.status());
  SendJson(res, {{"reasons", *list}});
}

// POST {"reasons": [text, ...]}: the lead reviewer (an admin) sets the list.
void SetReasons(const Identity& who, store::Team& team, const httplib::Request& req, httplib::Response& res) {
  if (who.role != "admin") {
    return SendError(res, Status::PermissionDenied("only an admin sets the exclusion reasons").WithField("role"));
  }
  auto j = api::Parse(req.body);
  if (!j.ok()) return SendError(res, j.status().WithField("body"));
  if (!j->is_object() || j->size() != 1 || !j->contains("reasons") || !(*j)["reasons"].is_array()) {
    return SendError(res, Status::InvalidArgument("the body is {\"reasons\": [text, ...]}").WithField("body"));
  }
  std::vector<std::string> reasons;
  for (const auto& r : (*j)["reasons"]) {
    if (!r.is_string()) return SendError(res, Status::InvalidArgument("each reason is a string").WithField("reasons"));
    reasons.push_back(r.get<std::string>());
  }
  if (Status s = lit::SetExclusionReasons(team, reasons); !s.ok()) return SendError(res, s);
  SendReasons(team, res);
}

}  // namespace

void AddTeamRoutes(httplib::Server& svr, Context& ctx) {
  svr.Get("/api/screen/me", Authed(ctx, [](const Identity& who, store::Team&, const httplib::Request&,
                                           httplib::Response& res) {
    SendJson(res, {{"reviewer", who.reviewer}, {"role", who.role}});
  }));
  svr.Get("/api/screen/next", Authed(ctx, [&ctx](const Identity& who, store::Team& team, const httplib::Request& req,
                                                 httplib::Response& res) { Next(ctx, who, team, req, res); }));
  svr.Post("/api/screen/decision", Authed(ctx, [&ctx](const Identity& who, store::Team& team,
                                                      const httplib::Request& req, httplib::Response& res) {
    Decide(ctx, who, team, req, res, false);
  }));
  svr.Post("/api/screen/resolve", Authed(ctx, [&ctx](const Identity& who, store::Team& team,
                                                     const httplib::Request& req, httplib::Response& res) {
    if (Status s = NeedResolver(who); !s.ok()) return SendError(res, s);
    Decide(ctx, who, team, req, res, true);
  }));
  svr.Get("/api/screen/conflicts", Authed(ctx, Conflicts));
  svr.Get("/api/screen/state", Authed(ctx, [](const Identity& who, store::Team& team, const httplib::Request& req,
                                              httplib::Response& res) {
    auto stage = StageParam(req);
    if (!stage.ok()) return SendError(res, stage.status());
    auto state = lit::LoadTeamStage(team, *stage);
    if (!state.ok()) return SendError(res, state.status());
    SendJson(res, api::ToJson(lit::VisibleTo(*state, who.reviewer, SeesAll(who))));
  }));
  svr.Get(R"(/api/screen/history/(\d{1,18}))", Authed(ctx, [](const Identity& who, store::Team& team,
                                                             const httplib::Request& req, httplib::Response& res) {
    const long record = std::stol(req.matches[1].str());
    api::Json out = api::Json::object();
    for (auto stage : {screen::Stage::kTitleAbstract, screen::Stage::kFullText}) {
      auto state = lit::LoadTeamStage(team, stage);
      if (!state.ok()) return SendError(res, state.status());
      lit::TeamStage one;
      one.mode = state->mode;
      if (auto it = state->records.find(record); it != state->records.end()) one.records.insert(*it);
      out[std::string(screen::StageName(stage))] = api::ToJson(lit::VisibleTo(one, who.reviewer, SeesAll(who)));
    }
    SendJson(res, out);
  }));
  svr.Get("/api/screen/kappa", Authed(ctx, [](const Identity& who, store::Team& team, const httplib::Request& req,
                                              httplib::Response& res) {
    auto state = ResolverStage(who, team, req);
    if (!state.ok()) return SendError(res, state.status());
    SendJson(res, api::ToJson(lit::PairwiseKappa(*state)));
  }));
  svr.Get("/api/screen/prisma", Authed(ctx, [&ctx](const Identity&, store::Team& team, const httplib::Request&,
                                                   httplib::Response& res) {
    auto p = Prisma(ctx, team);
    if (!p.ok()) return SendError(res, p.status());
    SendJson(res, api::ToJson(*p));
  }));
  svr.Get("/api/screen/prisma.csv", Authed(ctx, [&ctx](const Identity&, store::Team& team, const httplib::Request&,
                                                       httplib::Response& res) {
    auto p = Prisma(ctx, team);
    if (!p.ok()) return SendError(res, p.status());
    SendDownload(res, api::TeamPrismaListing(*p).ToCsv(), "text/csv; charset=utf-8", "prisma.csv");
  }));
  svr.Get("/api/screen/prisma.svg", Authed(ctx, [&ctx](const Identity&, store::Team& team, const httplib::Request&,
                                                       httplib::Response& res) {
    auto p = Prisma(ctx, team);
    if (!p.ok()) return SendError(res, p.status());
    SendDownload(res, TeamPrismaSvg(*p), "image/svg+xml; charset=utf-8", "prisma.svg");
  }));
  svr.Get("/api/screen/kappa.csv", Authed(ctx, [](const Identity& who, store::Team& team, const httplib::Request& req,
                                                  httplib::Response& res) {
    auto state = ResolverStage(who, team, req);
    if (!state.ok()) return SendError(res, state.status());
    SendDownload(res, api::KappaListing(lit::PairwiseKappa(*state)).ToCsv(), "text/csv; charset=utf-8", "kappa.csv");
  }));
  svr.Get("/api/screen/export.ris", Authed(ctx, [&ctx](const Identity& who, store::Team& team, const httplib::Request&,
                                                       httplib::Response& res) { ExportRis(ctx, who, team, res); }));
  svr.Get("/api/screen/export.csv", Authed(ctx, [](const Identity& who, store::Team& team,
                                                   const httplib::Request& req, httplib::Response& res) {
    if (Status s = NeedResolver(who); !s.ok()) return SendError(res, s);
    auto stage = StageParam(req);
    if (!stage.ok()) return SendError(res, stage.status());
    auto state = lit::LoadTeamStage(team, *stage);
    if (!state.ok()) return SendError(res, state.status());
    SendDownload(res, api::TeamStageListing(*state).ToCsv(), "text/csv; charset=utf-8", "screening.csv");
  }));
  svr.Get(R"(/api/screen/duplicates/(\d{1,18}))", Authed(ctx, [&ctx](const Identity&, store::Team&,
                                                                  const httplib::Request& req, httplib::Response& res) {
    api::Json out;
    Status s = ctx.WithLiterature([&](store::Literature& lit) -> Status {
      auto g = lit::DuplicatesOf(lit, std::stol(req.matches[1].str()));
      if (!g.ok()) return g.status();
      out = api::ToJson(*g);
      return Status::Ok();
    });
    if (!s.ok()) return SendError(res, s);
    SendJson(res, out);
  }));
  svr.Get("/api/screen/criteria", Authed(ctx, [&ctx](const Identity&, store::Team&, const httplib::Request&,
                                                     httplib::Response& res) {
    api::Json out;
    Status s = ctx.WithLiterature([&](store::Literature& lit) -> Status {
      auto c = lit.Criteria();
      if (!c.ok()) return c.status();
      out = api::ToJson(*c);
      return Status::Ok();
    });
    if (!s.ok()) return SendError(res, s);
    SendJson(res, out);
  }));
  svr.Post("/api/screen/highlight", Authed(ctx, [](const Identity&, store::Team&, const httplib::Request& req,
                                                   httplib::Response& res) {
    auto j = api::Parse(req.body);
    if (!j.ok()) return SendError(res, j.status().WithField("body"));
    auto request = api::HighlightRequestFromJson(*j);
    if (!request.ok()) return SendError(res, request.status());
    auto spans = lit::Highlight(*request);
    if (!spans.ok()) return SendError(res, spans.status());
    SendJson(res, api::ToJson(*spans));
  }));
  svr.Get("/api/screen/reasons", Authed(ctx, [](const Identity&, store::Team& team, const httplib::Request&,
                                                httplib::Response& res) { SendReasons(team, res); }));
  svr.Post("/api/screen/reasons", Authed(ctx, SetReasons));
  svr.Post("/api/screen/mode", Authed(ctx, [](const Identity& who, store::Team& team, const httplib::Request& req,
                                              httplib::Response& res) {
    if (who.role != "admin") {
      return SendError(res, Status::PermissionDenied("only an admin sets a stage's mode").WithField("role"));
    }
    auto j = api::Parse(req.body);
    if (!j.ok()) return SendError(res, j.status().WithField("body"));
    if (!j->is_object() || !(*j)["stage"].is_string() || !(*j)["mode"].is_string()) {
      return SendError(res, Status::InvalidArgument("the body is {\"stage\": ..., \"mode\": \"dual\" | \"crowd\"}")
                                .WithField("body"));
    }
    auto stage = lit::ParseStage((*j)["stage"].get<std::string>());
    if (!stage.ok()) return SendError(res, stage.status());
    auto mode = lit::ParseTeamMode((*j)["mode"].get<std::string>());
    if (!mode.ok()) return SendError(res, mode.status());
    Status s = team.SetMode(std::string(screen::StageName(*stage)), std::string(lit::TeamModeName(*mode)));
    if (!s.ok()) return SendError(res, s);
    SendJson(res, {{"stage", screen::StageName(*stage)}, {"mode", lit::TeamModeName(*mode)}});
  }));
}

}  // namespace carta::server

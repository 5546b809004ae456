// Uploading a bibliographic export: an import job with progress, the body
// bounded as sent and as decompressed (413 naming the bound), compressed and
// chunked bodies refused on every other route, and no path from the request.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_util.h"

namespace carta {
namespace {

using api::Json;
using test::Body;
using test::ExpectError;
using test::Running;
using test::WaitForJob;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/biblio/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ServeImport, UploadBecomesAnImportJob) {
  Running s("import");
  auto c = s.Client();
  const std::string xml = Fixture("biopython_pubmed2.xml");
  ASSERT_FALSE(xml.empty());
  const char* kXml = "application/xml";
  ExpectError(c.Post("/api/lit/import", xml, kXml), 401, "authorization");
  ExpectError(c.Post("/api/lit/import?files=/etc/passwd", s.Auth("ann"), xml, kXml), 400, "files");
  ExpectError(c.Post("/api/lit/import?name=../x", s.Auth("ann"), xml, kXml), 400, "name");
  ExpectError(c.Post("/api/lit/import?format=word", s.Auth("ann"), xml, kXml), 400, "format");
  ExpectError(c.Post("/api/lit/import", s.Auth("ann"), "", kXml), 400, "body");
  // The project already holds these two records (MakeProject): read 2, present 2.
  auto r = c.Post("/api/lit/import?source=pubmed&name=pm2.xml", s.Auth("ann"), xml, kXml);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  EXPECT_EQ(Body(r)["bytes"], xml.size());
  Json job = WaitForJob(c, Body(r)["id"]);
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["kind"], "import");
  EXPECT_GT(job["total"].get<long>(), 0);
  const Json f = job["result"]["files"][0];
  EXPECT_EQ(f["file"], "pm2.xml");
  EXPECT_EQ(f["read"], 2);
  EXPECT_EQ(f["present"], 2);
  EXPECT_EQ(job.dump().find("carta-upload"), std::string::npos) << "the temporary file is named";
  // A new file's records are added; a compressed upload is read as what it decompresses to.
  const std::string ris = Fixture("asreview_embase.ris");
  ASSERT_FALSE(ris.empty());
  {
    auto z = s.Client();
    z.set_compress(true);
    r = z.Post("/api/lit/import?name=refs.ris", s.Auth("ann"), ris, "application/x-research-info-systems");
    ASSERT_EQ(r->status, 202) << r->body;
    EXPECT_EQ(Body(r)["bytes"], ris.size());
    job = WaitForJob(c, Body(r)["id"]);
    ASSERT_EQ(job["state"], "done") << job.dump();
    EXPECT_GT(job["result"]["files"][0]["added"].get<long>(), 0) << job.dump();
  }
  // Not a bibliography: the job fails naming the upload, not a temporary path.
  r = c.Post("/api/lit/import?name=notes.txt", s.Auth("ann"), "not a bibliography\n", "text/plain");
  ASSERT_EQ(r->status, 202) << r->body;
  job = WaitForJob(c, Body(r)["id"]);
  EXPECT_EQ(job["state"], "failed");
  EXPECT_EQ(job["error"]["field"], "body");
  EXPECT_EQ(job["error"]["message"].get<std::string>().rfind("notes.txt", 0), 0u) << job.dump();
}

// Issue 14: records that another process imports while the server runs
// (`carta lit import` at a terminal beside it) reach the screening queue
// without a restart, once the server reads the records' generation again.
TEST(ServeImport, AnImportBesideTheServerReachesTheQueue) {
  Running s("import_beside", false, [](server::Options& o) { o.records_recheck_ms = 0; });
  auto c = s.Client();
  const Json before = Body(c.Get("/api/screen/next?count=1", s.Auth("ann")));
  ASSERT_TRUE(before.contains("remaining")) << before.dump();
  const long remaining = before["remaining"];
  {
    auto lit = store::Literature::Open((s.dir / "p.db").string());
    ASSERT_TRUE(lit.ok()) << lit.status().ToString();
    lit::ImportRequest q;
    q.files = {std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/biblio/asreview_embase.ris"};
    const auto result = lit::Import(*lit, q);
    ASSERT_EQ(result.files.size(), 1u);
    ASSERT_TRUE(result.files[0].status.ok()) << result.files[0].status.ToString();
    ASSERT_GT(result.files[0].summary.added, 0);
  }
  // The new records load on a thread of their own; the old ones are served meanwhile.
  Json after;
  for (int waited_ms = 0; waited_ms < 20000; waited_ms += 20) {
    after = Body(c.Get("/api/screen/next?count=1", s.Auth("ann")));
    if (after["remaining"].get<long>() > remaining) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GT(after["remaining"].get<long>(), remaining) << after.dump();
}

TEST(ServeImport, BodyAndDecompressedSizeAreBounded) {
  auto& s = test::Shared();
  // Over the upload bound as sent (256 KiB in these tests): 413 naming it.
  std::string noise(300 * 1024, 'x');
  for (size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>('a' + (i * 7919 % 26));
  auto r = s.Client().Post("/api/lit/import", s.Auth("ann"), noise, "text/plain");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  ExpectError(r, 413, "body");
  EXPECT_NE(r->body.find("262144"), std::string::npos) << r->body;
  // 2 MiB of zeros compress to a few KiB and expand past the 1 MiB bound: refused as they expand.
  SCOPED_TRACE("bomb");
  auto z = s.Client();
  z.set_compress(true);
  r = z.Post("/api/lit/import", s.Auth("ann"), std::string(2 << 20, '\0'), "text/plain");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  ExpectError(r, 413, "body");
  EXPECT_NE(r->body.find("1048576"), std::string::npos) << r->body;
  // Every other route takes a plain body with a length: compressed 415, chunked 411.
  SCOPED_TRACE("compressed");
  ExpectError(z.Post("/api/tox/crs", R"({"temp_c":39})", "application/json"), 415, "content-encoding");
  SCOPED_TRACE("chunked");
  auto chunked = s.Client().Post("/api/tox/crs", [](size_t, httplib::DataSink& sink) {
    sink.write(R"({"temp_c":39})", 13);
    sink.done();
    return true;
  }, "application/json");
  // The server answers 411 before the chunks arrive and closes; httplib's client may fail writing them
  // before it reads the answer (curl reads it: serve_test.sh checks the 411).
  if (chunked) ExpectError(chunked, 411, "body");
  auto plain = s.Client().Post("/api/tox/crs", R"({"temp_c":39})", "application/json");
  ASSERT_EQ(plain->status, 200) << plain->body;
}

}  // namespace
}  // namespace carta

// The report as a job: built on the pool with a token, its files served from
// memory by exact name with a CSP that allows no script, and bad requests
// refused with the field named.
#include <gtest/gtest.h>

#include "test_util.h"

namespace carta {
namespace {

using api::Json;
using test::Body;
using test::ExpectError;
using test::Shared;
using test::WaitForJob;

TEST(ServeReport, BuiltAsAJobAndServedByNameFromMemory) {
  auto& s = Shared();
  auto c = s.Client();
  const char* kJson = "application/json";
  ExpectError(c.Post("/api/report", R"({"lang":"en"})", kJson), 401, "authorization");
  ExpectError(c.Post("/api/report", s.Auth("ann"), R"({"lang":"fr"})", kJson), 400, "lang");
  ExpectError(c.Post("/api/report", s.Auth("ann"), R"({"out":"/tmp"})", kJson), 400, "out");
  auto r = c.Post("/api/report", s.Auth("ann"), R"({"lang":"zh","only":["table1","fig4"]})", kJson);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 202) << r->body;
  const std::string report = Body(r)["report"];
  Json job = WaitForJob(c, Body(r)["id"]);
  ASSERT_EQ(job["state"], "done") << job.dump().substr(0, 400);
  EXPECT_EQ(job["result"]["report"], report);
  EXPECT_EQ(job["result"]["lang"], "zh");
  std::vector<std::string> names;
  for (const auto& f : job["result"]["files"]) names.push_back(f["name"]);
  ASSERT_FALSE(names.empty());
  EXPECT_EQ(names[0], "index.html");
  EXPECT_TRUE(std::any_of(names.begin(), names.end(), [](const std::string& n) { return n.ends_with(".svg"); }));
  // The page: the report's own CSP (inline styles, no script), in Chinese.
  auto page = c.Get(("/api/report/" + report + "/index.html").c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(page->get_header_value("Content-Security-Policy").rfind("default-src 'none'", 0), 0u)
      << page->get_header_value("Content-Security-Policy");
  EXPECT_EQ(page->get_header_value_count("Content-Security-Policy"), 1u);
  EXPECT_NE(page->body.find("lang=\"zh"), std::string::npos);
  auto svg = c.Get(("/api/report/" + report + "/" + names.back()).c_str());
  ASSERT_EQ(svg->status, 200);
  // A name not in the report, a path, an unknown report: 404; no file is read.
  ExpectError(c.Get(("/api/report/" + report + "/carta-report.txt").c_str()), 404, "name");
  ExpectError(c.Get(("/api/report/" + report + "/..%2F..%2Fetc%2Fpasswd").c_str()), 404, "");
  ExpectError(c.Get(("/api/report/" + report + "/../../etc/passwd").c_str()), 404, "");
  ExpectError(c.Get("/api/report/0123456789abcdef/index.html"), 404, "report");
  // An unknown table id fails the job, naming it.
  r = c.Post("/api/report", s.Auth("ann"), R"({"only":["table99"]})", kJson);
  ASSERT_EQ(r->status, 202) << r->body;
  job = WaitForJob(c, Body(r)["id"]);
  EXPECT_EQ(job["state"], "failed");
  EXPECT_NE(job["error"]["message"].get<std::string>().find("table99"), std::string::npos) << job.dump();
}

}  // namespace
}  // namespace carta

// The page: only the files embedded from web/ at build time are served, by
// exact name; no part of a request path ever reaches the file system.
#include <string_view>

#include "app.h"
#include "web_assets.h"

namespace carta::server {

namespace {

const char* MimeType(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext; };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

const WebAsset* Find(const std::string& path) {
  const std::string name = path == "/" ? "/index.html" : path;
  for (const auto& a : WebAssets()) {
    if (name == a.path) return &a;
  }
  return nullptr;
}

}  // namespace

void AddStaticRoutes(httplib::Server& svr) {
  svr.Get(R"(/(?!api/).*)", [](const httplib::Request& req, httplib::Response& res) {
    const WebAsset* a = Find(req.path);
    if (!a) {
      return SendError(res, Status::NotFound("no file '" + req.path + "' in the page").WithField("path"));
    }
    res.set_header("Cache-Control", "no-cache");
    res.set_content(reinterpret_cast<const char*>(a->data), a->size, MimeType(a->path));
  });
}

}  // namespace carta::server

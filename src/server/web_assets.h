// Private: the files of web/, embedded at build time (cmake/embed_web.cmake).
#ifndef CARTA_SRC_SERVER_WEB_ASSETS_H_
#define CARTA_SRC_SERVER_WEB_ASSETS_H_

#include <cstddef>
#include <vector>

namespace carta::server {

struct WebAsset {
  const char* path;  // "/index.html"
  const unsigned char* data;
  size_t size;       // bytes (data has one NUL more)
};

// Every embedded file; the only files the server ever sends.
const std::vector<WebAsset>& WebAssets();

}  // namespace carta::server

#endif  // CARTA_SRC_SERVER_WEB_ASSETS_H_

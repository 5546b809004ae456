#include "carta/core/file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace carta {

Result<std::string> ReadTextFile(const std::string& path) {
  SourceLocation where;
  where.file = path;
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (std::filesystem::is_directory(st)) {
    return Status::InvalidArgument("'" + path + "' is a directory, not a file").WithLocation(where);
  }
  if (!ec && std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
    return Status::InvalidArgument("'" + path + "' is not a regular file (a pipe, socket or device)").WithLocation(where);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open '" + path + "'").WithLocation(where);
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read '" + path + "'").WithLocation(where);
  std::string text = ss.str();
  // A UTF-8 byte-order mark (Windows editors write one) is not part of the first line.
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return text;
}

}  // namespace carta

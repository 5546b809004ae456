#include "carta/core/file.h"

#include <filesystem>
#include <fstream>
#include <string>

namespace carta {

namespace {

// "256 MiB", or "100 bytes" below one mebibyte.
std::string MebibytesText(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 20) && bytes % (uint64_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

}  // namespace

Result<std::string> ReadTextFile(const std::string& path, uint64_t max_bytes) {
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
  const auto too_large = [&] {
    return Status::InvalidArgument("'" + path + "' is larger than " + MebibytesText(max_bytes) +
                                   ", the most carta reads whole for this input; split it into smaller files")
        .WithLocation(where);
  };
  if (!ec && std::filesystem::is_regular_file(st)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_bytes) return too_large();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open '" + path + "'").WithLocation(where);
  // Read in pieces up to the bound (the file may grow while it is read).
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    if (text.size() + static_cast<uint64_t>(in.gcount()) > max_bytes) return too_large();
    text.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) return Status::IOError("cannot read '" + path + "'").WithLocation(where);
  // A UTF-8 byte-order mark (Windows editors write one) is not part of the first line.
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  return text;
}

}  // namespace carta

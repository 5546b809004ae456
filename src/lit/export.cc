#include "carta/lit/export.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "carta/lit/search.h"

namespace carta::lit {

Result<ExportResult> Export(store::Literature& lit, const ExportRequest& request, std::string* failed_query) {
  if (!request.query.empty() && !request.ids.empty()) {
    return Status::InvalidArgument("give a query or ids, not both").WithField("ids");
  }
  ExportResult out;
  auto corpus = LoadCorpus(lit);
  if (!corpus.ok()) return corpus.status();
  std::vector<RecordId> ids = request.ids;
  for (RecordId id : ids) {
    if (auto i = corpus->IndexOf(id); !i.ok()) return i.status().WithField("ids");
  }
  if (ids.empty() && request.query.empty()) ids = corpus->ids();
  if (!request.query.empty()) {
    auto index = LoadIndex(lit, &out.notes);
    if (!index.ok()) return index.status();
    auto history = lit.History();
    if (!history.ok()) return history.status();
    auto mesh = lit.LoadMeshTree();
    if (!mesh.ok()) return mesh.status();
    std::string note;
    const std::string query = request.cnki ? request.query : SeparateHistoryRefs(request.query, &note);
    if (!note.empty()) out.notes.push_back(note);
    auto run = RunQuery(query, request.cnki, *history, **index, corpus->deleted(), &*mesh);
    if (!run.ok()) {
      if (failed_query != nullptr) *failed_query = query;
      return run.status();
    }
    ids = run->records;
  }
  for (RecordId id : ids) out.records.push_back(corpus->record(*corpus->IndexOf(id)));
  return out;
}

namespace {

Status WriteError(const std::string& what, const std::string& path) {
  return Status::IOError("cannot write '" + path + "': " + what + ": " + std::strerror(errno)).WithField("out");
}

// Writes all of `text` to `fd`, retrying short writes.
bool WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    text.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

Status WriteExportFile(const std::string& path, std::string_view text) {
  if (path.empty()) return Status::InvalidArgument("no file name").WithField("out");
  struct stat target {};
  mode_t mode = 0644;
  if (::lstat(path.c_str(), &target) == 0) {
    if (!S_ISREG(target.st_mode)) {
      return Status::InvalidArgument("'" + path + "' exists and is not a regular file (a symbolic link, FIFO, "
                                     "device or folder); give the name of a new or a regular file")
          .WithField("out");
    }
    mode = target.st_mode & 07777;
  }
  const std::filesystem::path p(path);
  const std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
  std::string tmp = (dir / ("." + p.filename().string() + ".carta-tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return WriteError("cannot create a temporary file in '" + dir.string() + "'", path);
  Status s;
  if (!WriteAll(fd, text)) {
    s = WriteError("write failed", path);
  } else if (::fchmod(fd, mode) != 0) {
    s = WriteError("cannot set permissions", path);
  } else if (::fsync(fd) != 0) {
    s = WriteError("cannot flush to disk", path);
  }
  if (::close(fd) != 0 && s.ok()) s = WriteError("close failed", path);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = WriteError("cannot rename the temporary file", path);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  // The rename itself reaches the disk with the folder.
  if (const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY); dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

}  // namespace carta::lit

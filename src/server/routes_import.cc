// Uploading a bibliographic export: POST /api/lit/import (a token) with the
// file as the body (gzip, deflate or brotli Content-Encoding allowed) answers
// a job that imports it (lit::Import, as `carta lit import`) with its progress.
// The body is bounded as it arrives (max_upload_bytes) and so is what it
// decompresses to (max_upload_decompressed_bytes): 413 naming the bound. The
// upload goes to a private temporary file that the job removes; no request
// names a path.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "app.h"
#include "carta/api/lit.h"
#include "carta/lit/import.h"

namespace carta::server {

namespace {

// A private temporary file (mode 0600), removed with the object.
class UploadFile {
 public:
  static Result<std::unique_ptr<UploadFile>> Create() {
    std::string path = (std::filesystem::temp_directory_path() / "carta-upload-XXXXXX").string();
    const int fd = mkstemp(path.data());
    if (fd < 0) return Status::IOError("cannot create a temporary file for the upload");
    return std::unique_ptr<UploadFile>(new UploadFile(fd, std::move(path)));
  }
  ~UploadFile() {
    if (fd_ >= 0) close(fd_);
    unlink(path_.c_str());
  }
  bool Write(const char* data, size_t n) {
    while (n > 0) {
      const ssize_t w = write(fd_, data, n);
      if (w <= 0) return false;
      data += w;
      n -= static_cast<size_t>(w);
    }
    return true;
  }
  bool Close() {
    const bool ok = close(fd_) == 0;
    fd_ = -1;
    return ok;
  }
  const std::string& path() const { return path_; }

 private:
  UploadFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

// The job's progress as lit::Import's per-file progress.
class ForwardProgress : public Progress {
 public:
  explicit ForwardProgress(Progress* to) : to_(to) {}
  void Update(uint64_t done, uint64_t total) override { to_->Update(done, total); }
  void Finish() override {}
  bool Cancelled() const override { return to_->Cancelled(); }

 private:
  Progress* to_;
};

// The import request of the query: `format`, `source`, `columns` (as `carta lit
// import`), and `name` (how the upload is named in the result); any other key is refused.
Result<api::Json> ImportQuery(const httplib::Request& req, std::string* name) {
  api::Json j = api::Json::object();
  for (const auto& [key, value] : req.params) {
    if (key == "name") {
      if (value.empty() || value.size() > 200 || value.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ._-") != std::string::npos) {
        return Status::InvalidArgument("'name' is 1 to 200 letters, digits, spaces, '.', '_' or '-'").WithField("name");
      }
      *name = value;
      continue;
    }
    if (key != "format" && key != "source" && key != "columns") {
      return Status::InvalidArgument("'" + key + "' is not a key of an upload (format, source, columns, name)")
          .WithField(key);
    }
    if (key == "columns") {
      auto map = lit::ParseColumnMap(value);
      if (!map.ok()) return map.status();
      api::Json columns = api::Json::object();
      for (const auto& [field, header] : *map) columns[field] = header;
      j[key] = columns;
    } else {
      j[key] = value;
    }
  }
  return j;
}

// `s` with every occurrence of `from` replaced by `to`.
std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

void Upload(Context& ctx, const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
  std::string name = "upload";
  auto query = ImportQuery(req, &name);
  if (!query.ok()) return SendError(res, query.status());
  auto file = UploadFile::Create();
  if (!file.ok()) return SendError(res, file.status());
  const size_t bound = ctx.options().max_upload_decompressed_bytes;
  size_t received = 0;
  bool too_large = false, written = true;
  const bool complete = reader([&](const char* data, size_t n) {
    received += n;
    if (received > bound) return !(too_large = true);
    return written = (*file)->Write(data, n);
  });
  if (!too_large && !complete && written) {  // the body as sent is over httplib's bound, or the client went away
    const Status s = Status::InvalidArgument("the body is larger than " + std::to_string(ctx.options().max_upload_bytes) +
                                             " bytes, or it did not arrive whole")
                         .WithField("body");
    return SendJson(res, api::ErrorJson(s), 413);
  }
  if (too_large) {
    const Status s = Status::InvalidArgument("the upload decompresses to more than " + std::to_string(bound) + " bytes")
                         .WithField("body");
    return SendJson(res, api::ErrorJson(s), 413);
  }
  if (!written || !(*file)->Close()) return SendError(res, Status::IOError("the upload could not be stored"));
  if (received == 0) return SendError(res, Status::InvalidArgument("the body is empty: send the file").WithField("body"));
  (*query)["files"] = api::Json::array({(*file)->path()});
  auto request = api::ImportRequestFromJson(*query);
  if (!request.ok()) return SendError(res, request.status());
  std::shared_ptr<UploadFile> kept = std::move(*file);
  auto id = ctx.jobs().Submit("import", [&ctx, request = *request, kept, name](Progress* progress) -> Result<api::Json> {
    lit::ImportResult result;
    Status s = ctx.WithLiterature([&](store::Literature& lit) {
      result = lit::Import(lit, request, [progress](const std::string&) { return std::make_unique<ForwardProgress>(progress); });
      return Status::Ok();
    });
    if (!s.ok()) return s;
    ctx.InvalidateProject();
    // The result names the upload, not the temporary file (`name` holds no character JSON escapes).
    auto j = api::Parse(Replace(api::DumpCompact(api::ToJson(result)), kept->path(), name));
    if (!j.ok()) return j.status();
    if (!result.files.empty() && !result.files[0].status.ok()) {
      return result.files[0].status.code() == StatusCode::kCancelled ? Status::Cancelled("the import was cancelled")
                                                                       : Status::InvalidArgument(
                                                                             Replace(result.files[0].status.message(), kept->path(), name))
                                                                             .WithField("body");
    }
    return api::Json{{"files", *j}};
  });
  if (!id.ok()) return SendError(res, id.status());
  SendJson(res, {{"id", *id}, {"state", "queued"}, {"bytes", received}}, 202);
}

}  // namespace

void AddImportRoutes(httplib::Server& svr, Context& ctx) {
  svr.Post(kImportRoute, [&ctx](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    auto who = ctx.Authenticate(req);
    if (who.ok()) Upload(ctx, req, res, reader);
    else SendError(res, who.status());
    // A refusal before the whole body was read leaves the rest on the connection: close it.
    if (res.status >= 400) res.set_header("Connection", "close");
  });
}

}  // namespace carta::server

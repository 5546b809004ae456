#include "carta/biblio/input.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace carta::biblio {

namespace {

class StringInput : public InputStream {
 public:
  explicit StringInput(std::string_view text) : text_(text) {}

  Status Read(char* buffer, size_t capacity, size_t* count) override {
    size_t n = std::min(capacity, text_.size() - offset_);
    std::memcpy(buffer, text_.data() + offset_, n);
    offset_ += n;
    *count = n;
    return Status::Ok();
  }
  uint64_t position() const override { return offset_; }

 private:
  std::string_view text_;
  size_t offset_ = 0;
};

class IstreamInput : public InputStream {
 public:
  explicit IstreamInput(std::istream* in) : in_(in) {}

  Status Read(char* buffer, size_t capacity, size_t* count) override {
    *count = 0;
    if (in_->eof()) return Status::Ok();
    in_->read(buffer, static_cast<std::streamsize>(capacity));
    *count = static_cast<size_t>(in_->gcount());
    if (in_->bad()) {
      *count = 0;
      return Status::IOError("stream read failed after byte " + std::to_string(position_));
    }
    position_ += *count;
    return Status::Ok();
  }
  uint64_t position() const override { return position_; }

 private:
  std::istream* in_;
  uint64_t position_ = 0;
};

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

class FileInput : public InputStream {
 public:
  FileInput(std::unique_ptr<std::FILE, FileCloser> file, std::string path)
      : file_(std::move(file)), path_(std::move(path)) {}

  Status Read(char* buffer, size_t capacity, size_t* count) override {
    *count = std::fread(buffer, 1, capacity, file_.get());
    if (*count == 0 && std::ferror(file_.get())) {
      return Status::IOError(path_ + ": read failed after byte " + std::to_string(position_));
    }
    position_ += *count;
    return Status::Ok();
  }
  uint64_t position() const override { return position_; }

 private:
  std::unique_ptr<std::FILE, FileCloser> file_;
  std::string path_;
  uint64_t position_ = 0;
};

// zlib's inflate over a compressed InputStream. 16 + MAX_WBITS asks zlib for
// the gzip wrapper (RFC 1952); after each member's end the decoder is reset so
// that concatenated members read as one stream.
class GzipInput : public InputStream {
 public:
  explicit GzipInput(std::unique_ptr<InputStream> compressed)
      : compressed_(std::move(compressed)), in_buffer_(kChunkBytes) {
    std::memset(&zs_, 0, sizeof(zs_));
    ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
  }
  ~GzipInput() override { inflateEnd(&zs_); }

  Status Read(char* buffer, size_t capacity, size_t* count) override;
  uint64_t position() const override { return position_; }

 private:
  static constexpr size_t kChunkBytes = 256 * 1024;

  Status Fill();
  Status Fail(const std::string& what) const {
    return Status::Corruption("gzip: " + what + " at compressed byte " +
                              std::to_string(compressed_->position() - zs_.avail_in));
  }

  std::unique_ptr<InputStream> compressed_;
  std::vector<char> in_buffer_;
  z_stream zs_;
  bool ok_ = false;
  bool input_done_ = false;
  bool member_done_ = false;  // the last member ended exactly here
  uint64_t position_ = 0;
};

Status GzipInput::Fill() {
  size_t n = 0;
  Status s = compressed_->Read(in_buffer_.data(), in_buffer_.size(), &n);
  if (!s.ok()) return s;
  zs_.next_in = reinterpret_cast<Bytef*>(in_buffer_.data());
  zs_.avail_in = static_cast<uInt>(n);
  if (n == 0) input_done_ = true;
  return Status::Ok();
}

Status GzipInput::Read(char* buffer, size_t capacity, size_t* count) {
  *count = 0;
  if (!ok_) return Status::Internal("gzip: zlib could not be initialised");
  zs_.next_out = reinterpret_cast<Bytef*>(buffer);
  zs_.avail_out = static_cast<uInt>(std::min<size_t>(capacity, 1u << 30));
  while (zs_.avail_out > 0) {
    if (zs_.avail_in == 0 && !input_done_) {
      Status s = Fill();
      if (!s.ok()) return s;
    }
    if (zs_.avail_in == 0 && input_done_) {
      if (member_done_ || (position_ == 0 && zs_.total_in == 0)) break;
      return Fail("stream ends early (truncated file?)");
    }
    if (member_done_) {
      inflateReset(&zs_);
      member_done_ = false;
    }
    int rc = inflate(&zs_, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) {
      member_done_ = true;
    } else if (rc == Z_NEED_DICT || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR) {
      return Fail(zs_.msg ? zs_.msg : "corrupt data");
    }
  }
  *count = capacity - zs_.avail_out;
  position_ += *count;
  return Status::Ok();
}

}  // namespace

std::unique_ptr<InputStream> NewStringInput(std::string_view text) {
  return std::make_unique<StringInput>(text);
}

std::unique_ptr<InputStream> NewIstreamInput(std::istream* in) {
  return std::make_unique<IstreamInput>(in);
}

std::unique_ptr<InputStream> NewGzipInput(std::unique_ptr<InputStream> compressed) {
  return std::make_unique<GzipInput>(std::move(compressed));
}

bool LooksGzipped(std::string_view head) {
  return head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
         static_cast<unsigned char>(head[1]) == 0x8b;
}

Result<std::unique_ptr<InputStream>> OpenInputFile(const std::string& path) {
  // Only regular files: opening a FIFO would block until a writer comes (the
  // import would hang), and a directory reads as nothing.
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) return Status::NotFound(path + ": no such file");
  if (std::filesystem::is_directory(st)) return Status::InvalidArgument(path + ": is a directory, not an export file");
  if (!std::filesystem::is_regular_file(st)) {
    return Status::InvalidArgument(path + ": not a regular file (a pipe, socket or device); save the export to a file first");
  }
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return Status::NotFound(path + ": cannot open (" + std::strerror(errno) + ")");
  char magic[2] = {0, 0};
  size_t n = std::fread(magic, 1, 2, file.get());
  if (std::fseek(file.get(), 0, SEEK_SET) != 0) {
    return Status::IOError(path + ": cannot rewind after reading the first bytes");
  }
  std::unique_ptr<InputStream> raw = std::make_unique<FileInput>(std::move(file), path);
  if (LooksGzipped(std::string_view(magic, n))) return NewGzipInput(std::move(raw));
  return raw;
}

}  // namespace carta::biblio

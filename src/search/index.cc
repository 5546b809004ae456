// Index: the segment list, its file format (Save/Load) and Merge.
//
// File: "CARTAIDX", version u32, segment count u32, then per segment its size
// u64 and its bytes (segment.h), then a u64 checksum of everything before it.
#include "carta/core/threads.h"
#include "carta/search/index.h"

#include <algorithm>
#include <cstdio>
#include <thread>

#include "coding.h"
#include "evaluate.h"
#include "segment.h"

namespace carta::search {

using internal::Segment;

namespace {
constexpr char kFileMagic[8] = {'C', 'A', 'R', 'T', 'A', 'I', 'D', 'X'};
constexpr uint32_t kFileVersion = 2;  // 2: block postings, front-coded dictionary
constexpr size_t kFileHeaderSize = 16;
}  // namespace

Index::Index() = default;
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;

uint32_t Index::num_docs() const {
  uint32_t n = 0;
  for (const auto& s : segments_) n += s->num_docs();
  return n;
}

size_t Index::num_segments() const { return segments_.size(); }

uint64_t Index::size_bytes() const {
  uint64_t n = 0;
  for (const auto& s : segments_) n += s->bytes().size();
  return n;
}

SearchResult Index::Search(const Query& query) const {
  SearchResult result;
  result.warnings = query.warnings();
  if (query.root() == nullptr) return result;
  uint32_t base = 0;
  std::vector<uint32_t> docs;
  for (const auto& s : segments_) {
    docs.clear();
    internal::Evaluate(*s, *query.root(), &docs);
    for (uint32_t d : docs) result.docs.push_back(base + d);
    base += s->num_docs();
  }
  return result;
}

uint32_t Index::Count(const Query& query) const {
  if (query.root() == nullptr) return 0;
  uint32_t n = 0;
  for (const auto& s : segments_) n += internal::Count(*s, *query.root());
  return n;
}

void Index::Append(Index&& other) {
  for (auto& s : other.segments_) segments_.push_back(std::move(s));
  other.segments_.clear();
}

void Index::Merge() {
  if (segments_.size() < 2) return;
  const int threads = ThreadsFor(0);
  std::string bytes = internal::MergeSegments(segments_, threads);
  Result<std::unique_ptr<Segment>> merged = Segment::Open(std::move(bytes));
  assert(merged.ok() && "merging valid segments gives a valid segment");
  segments_.clear();
  segments_.push_back(std::move(merged).value());
}

// The file's bytes before its checksum, in pieces: the header, each
// segment's size and bytes. Serialize and Save share it.
template <typename Sink>
void WriteFile(const std::vector<std::unique_ptr<Segment>>& segments, Sink&& sink) {
  std::string header(kFileMagic, sizeof(kFileMagic));
  coding::PutFixed32(&header, kFileVersion);
  coding::PutFixed32(&header, static_cast<uint32_t>(segments.size()));
  sink(header);
  for (const auto& s : segments) {
    std::string size;
    coding::PutFixed64(&size, s->bytes().size());
    sink(size);
    sink(s->bytes());
  }
}

uint64_t FileBodySize(const std::vector<std::unique_ptr<Segment>>& segments) {
  uint64_t n = kFileHeaderSize;
  for (const auto& s : segments) n += 8 + s->bytes().size();
  return n;
}

std::string Index::Serialize() const {
  std::string out;
  out.reserve(FileBodySize(segments_) + 8);
  WriteFile(segments_, [&](std::string_view piece) { out.append(piece); });
  coding::PutFixed64(&out, coding::Checksum(out));
  return out;
}

Result<Index> Index::Deserialize(const std::string& bytes) {
  if (bytes.size() < kFileHeaderSize + 8 || bytes.compare(0, 8, kFileMagic, 8) != 0) {
    return Status::Corruption("not a carta search index (header missing or file truncated)");
  }
  const size_t body = bytes.size() - 8;
  if (coding::GetFixed64(&bytes[body]) != coding::Checksum(std::string_view(bytes).substr(0, body))) {
    return Status::Corruption("checksum mismatch: the index file is truncated or altered");
  }
  const uint32_t version = coding::GetFixed32(&bytes[8]);
  if (version != kFileVersion) {
    return Status::Corruption("index file version " + std::to_string(version) + "; this carta reads version " +
                              std::to_string(kFileVersion));
  }
  const uint32_t count = coding::GetFixed32(&bytes[12]);
  Index index;
  size_t at = kFileHeaderSize;
  for (uint32_t i = 0; i < count; ++i) {
    if (body - at < 8) return Status::Corruption("segment " + std::to_string(i) + " is missing");
    const uint64_t size = coding::GetFixed64(&bytes[at]);
    at += 8;
    if (size > body - at) return Status::Corruption("segment " + std::to_string(i) + " is truncated");
    Result<std::unique_ptr<Segment>> s = Segment::Open(bytes.substr(at, size));
    if (!s.ok()) return s.status().WithContext("segment " + std::to_string(i));
    index.segments_.push_back(std::move(s).value());
    at += size;
  }
  if (at != body) return Status::Corruption("unexpected bytes after the last segment");
  return index;
}

Status Index::Save(const std::string& path) const {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return Status::IOError("cannot write " + tmp);
  coding::Checksummer checksum(FileBodySize(segments_));
  bool ok = true;
  WriteFile(segments_, [&](std::string_view piece) {
    checksum.Update(piece);
    ok = ok && std::fwrite(piece.data(), 1, piece.size(), f) == piece.size();
  });
  std::string trailer;
  coding::PutFixed64(&trailer, checksum.Finish());
  ok = ok && std::fwrite(trailer.data(), 1, trailer.size(), f) == trailer.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) return Status::IOError("cannot write " + tmp);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::IOError("cannot rename " + tmp + " to " + path);
  return Status::Ok();
}

// Reads the whole file into one string sized from the file (no stream copy).
Result<Index> Index::Load(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::IOError("cannot open " + path);
  std::string bytes;
  bool ok = std::fseek(f, 0, SEEK_END) == 0;
  const long size = ok ? std::ftell(f) : -1;
  ok = ok && size >= 0 && std::fseek(f, 0, SEEK_SET) == 0;
  if (ok) {
    bytes.resize(static_cast<size_t>(size));
    ok = std::fread(bytes.data(), 1, bytes.size(), f) == bytes.size();
  }
  std::fclose(f);
  if (!ok) return Status::IOError("cannot read " + path);
  Result<Index> index = Deserialize(bytes);
  if (!index.ok()) return index.status().WithContext(path);
  return index;
}

}  // namespace carta::search

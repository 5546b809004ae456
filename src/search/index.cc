// Index: the segment list, its file format (Save/Load) and Merge.
//
// File: "CARTAIDX", version u32, segment count u32, then per segment its size
// u64 and its bytes (segment.h), then a u64 checksum of everything before it.
#include "carta/search/index.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "coding.h"
#include "evaluate.h"
#include "segment.h"

namespace carta::search {

using internal::Segment;

namespace {
constexpr char kFileMagic[8] = {'C', 'A', 'R', 'T', 'A', 'I', 'D', 'X'};
constexpr uint32_t kFileVersion = 1;
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
  std::string bytes = internal::MergeSegments(segments_);
  Result<std::unique_ptr<Segment>> merged = Segment::Open(std::move(bytes));
  assert(merged.ok() && "merging valid segments gives a valid segment");
  segments_.clear();
  segments_.push_back(std::move(merged).value());
}

std::string Index::Serialize() const {
  std::string out(kFileMagic, sizeof(kFileMagic));
  coding::PutFixed32(&out, kFileVersion);
  coding::PutFixed32(&out, static_cast<uint32_t>(segments_.size()));
  for (const auto& s : segments_) {
    coding::PutFixed64(&out, s->bytes().size());
    out += s->bytes();
  }
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
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::IOError("cannot write " + tmp);
    const std::string bytes = Serialize();
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return Status::IOError("cannot write " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return Status::IOError("cannot rename " + tmp + " to " + path);
  return Status::Ok();
}

Result<Index> Index::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read " + path);
  Result<Index> index = Deserialize(buffer.str());
  if (!index.ok()) return index.status().WithContext(path);
  return index;
}

}  // namespace carta::search

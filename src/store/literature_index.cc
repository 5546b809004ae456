// The search index cache file "<db>.index": the index of every record, with
// the generation of the records it was built from. Written to a temporary
// file and renamed into place after the records' transaction has committed,
// so a reader sees an old complete file or a new complete file; the
// generation tells an old one from a current one.
//
// A writer killed before its rename leaves "<db>.index.tmp.<pid>"; the next
// open or write of the index removes it once that process is gone.
//
// File: "CARTALIT", generation u64, documents u64 (little-endian), then the
// bytes of search::Index::Serialize (which carry their own checksum).
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "carta/biblio/write.h"
#include "carta/store/literature.h"
#include "sqlite.h"

namespace carta::store {

namespace {

constexpr char kMagic[8] = {'C', 'A', 'R', 'T', 'A', 'L', 'I', 'T'};
constexpr size_t kHeaderSize = 24;
constexpr size_t kMaxSegments = 8;  // more after an import: merged into one

void PutU64(std::string* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

// "<db>.index" + kTempInfix + pid: a writer's temporary file.
constexpr char kTempInfix[] = ".tmp.";

// Writes `bytes` to a new file `path` (replacing a leftover of the same name)
// and fsyncs it. IOError naming the file and the system's reason.
Status WriteSynced(const std::string& path, const std::string& bytes) {
  ::unlink(path.c_str());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("cannot create " + path + ": " + std::strerror(errno));
  size_t done = 0;
  int error = 0;
  while (done < bytes.size() && error == 0) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
    } else if (n < 0 && errno != EINTR) {
      error = errno;
    }
  }
  if (error == 0 && ::fsync(fd) != 0) error = errno;
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(path.c_str());
    return Status::IOError("cannot write " + path + ": " + std::strerror(error));
  }
  return Status::Ok();
}

// Makes a rename in the folder of `path` durable (best effort: some file
// systems cannot fsync a folder, and the rename itself already happened).
void SyncFolderOf(const std::string& path) {
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Removes "<index>.tmp.<pid>" files whose process no longer exists (a writer
// killed before its rename). A live process's file, and anything else, is
// left alone.
void RemoveStaleIndexTemps(const std::string& index_path) {
  const std::filesystem::path p(index_path);
  const std::filesystem::path folder = p.parent_path().empty() ? std::filesystem::path(".") : p.parent_path();
  const std::string prefix = p.filename().string() + kTempInfix;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid <= 0 || pid == ::getpid()) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to signal): keep
    std::error_code ignored;
    std::filesystem::remove(it->path(), ignored);
  }
}

struct CachedIndex {
  uint64_t generation = 0;
  uint64_t docs = 0;
  search::Index index;
};

// The cache file, or why it cannot be used.
Result<CachedIndex> ReadCache(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("there is no index file " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string bytes = buf.str();
  if (bytes.size() < kHeaderSize || std::memcmp(bytes.data(), kMagic, 8) != 0) {
    return Status::Corruption(path + " is not a carta literature index");
  }
  auto index = search::Index::Deserialize(bytes.substr(kHeaderSize));
  if (!index.ok()) return index.status().WithContext(path);
  CachedIndex c{GetU64(&bytes[8]), GetU64(&bytes[16]), std::move(*index)};
  if (c.index.num_docs() != c.docs) return Status::Corruption(path + " holds a document count that does not match");
  return c;
}

Result<long> CountRecords(Database& db) {
  auto st = db.Prepare("SELECT count(*), coalesce(max(id), 0) FROM lit_records");
  if (!st.ok()) return st.status();
  Status s;
  if (!st->Step(&s)) return s.ok() ? Status::Corruption("no count") : s;
  if (st->Int(0) != st->Int(1)) {
    return Status::Corruption("lit_records ids are not 1.." + std::to_string(st->Int(0)) + " (ids must never be removed)");
  }
  return st->Int(0);
}

}  // namespace

// Issue 18: the file is written to "<db>.index.tmp.<pid>", fsynced, renamed
// over the old one, and the folder fsynced, so that after a crash or a power
// loss the name holds the old file or the whole new one; the temporary files
// of writers that died before their rename are removed here.
Status Literature::WriteIndex(const search::Index& index, long generation) {
  RemoveStaleIndexTemps(index_path());
  std::string bytes(kMagic, 8);
  PutU64(&bytes, static_cast<uint64_t>(generation));
  PutU64(&bytes, index.num_docs());
  bytes += index.Serialize();
  const std::string tmp = index_path() + kTempInfix + std::to_string(::getpid());
  if (Status s = WriteSynced(tmp, bytes); !s.ok()) return s;
  if (std::rename(tmp.c_str(), index_path().c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    return Status::IOError("cannot rename " + tmp + " to " + index_path() + ": " + std::strerror(error));
  }
  SyncFolderOf(index_path());
  return Status::Ok();
}

// The index of the records with id >= from_id, read inside one read
// transaction so that *generation matches the records indexed.
Result<search::Index> Literature::BuildIndex(long from_id, long* generation) {
  if (Status s = db_->Exec("BEGIN"); !s.ok()) return s;
  auto result = [&]() -> Result<search::Index> {
    auto g = Generation();
    if (!g.ok()) return g.status();
    *generation = *g;
    auto st = db_->Prepare("SELECT id, record FROM lit_records WHERE id >= ? ORDER BY id");
    if (!st.ok()) return st.status();
    st->Bind(1, from_id);
    search::IndexBuilder builder;
    Status s;
    long expected = from_id;
    while (st->Step(&s)) {
      if (st->Int(0) != expected) return Status::Corruption("lit_records has no record " + std::to_string(expected));
      auto r = biblio::RecordFromJson(st->Text(1));
      if (!r.ok()) return r.status().WithContext("record " + std::to_string(expected));
      builder.Add(std::move(*r));  // indexed on the builder's threads while the next records are read
      ++expected;
    }
    if (!s.ok()) return s;
    return builder.Finish();
  }();
  db_->Exec("COMMIT");
  return result;
}

Status Literature::UpdateIndexAfterImport(long first_new_id, long generation_before) {
  auto cache = ReadCache(index_path());
  long generation = 0;
  if (!cache.ok() || static_cast<long>(cache->generation) != generation_before ||
      static_cast<long>(cache->docs) != first_new_id - 1) {
    auto all = BuildIndex(1, &generation);
    if (!all.ok()) return all.status();
    return WriteIndex(*all, generation);
  }
  auto added = BuildIndex(first_new_id, &generation);
  if (!added.ok()) return added.status();
  search::Index index = std::move(cache->index);
  if (added->num_docs() > 0) index.Append(std::move(*added));
  if (index.num_segments() > kMaxSegments) index.Merge();
  return WriteIndex(index, generation);
}

Result<IndexState> Literature::OpenIndex() {
  RemoveStaleIndexTemps(index_path());
  auto generation = Generation();
  if (!generation.ok()) return generation.status();
  auto n = CountRecords(*db_);
  if (!n.ok()) return n.status();
  auto cache = ReadCache(index_path());
  std::string why;
  if (!cache.ok()) {
    why = cache.status().message();
  } else if (static_cast<long>(cache->generation) != *generation || static_cast<long>(cache->docs) != *n) {
    why = index_path() + " is stale (records of generation " + std::to_string(cache->generation) +
          ", the database is at " + std::to_string(*generation) + ")";
  } else {
    return IndexState{std::move(cache->index), ""};
  }
  long built_at = 0;
  auto index = BuildIndex(1, &built_at);
  if (!index.ok()) return index.status();
  if (Status s = WriteIndex(*index, built_at); !s.ok()) why += "; and it could not be saved: " + s.message();
  return IndexState{std::move(*index), why};
}

}  // namespace carta::store

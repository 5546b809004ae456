// The search index cache file "<db>.index": the index of every record, with
// the generation of the records it was built from. Written to a temporary
// file and renamed into place after the records' transaction has committed,
// so a reader sees an old complete file or a new complete file; the
// generation tells an old one from a current one.
//
// File: "CARTALIT", generation u64, documents u64 (little-endian), then the
// bytes of search::Index::Serialize (which carry their own checksum).
#include <unistd.h>

#include <cstdio>
#include <cstring>
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

Status Literature::WriteIndex(const search::Index& index, long generation) {
  std::string bytes(kMagic, 8);
  PutU64(&bytes, static_cast<uint64_t>(generation));
  PutU64(&bytes, index.num_docs());
  bytes += index.Serialize();
  const std::string tmp = index_path() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Status::IOError("cannot write " + tmp);
    }
  }
  if (std::rename(tmp.c_str(), index_path().c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IOError("cannot rename " + tmp + " to " + index_path());
  }
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

// Byte sources for the bibliographic readers: a string, a std::istream, a
// file, and a gzip decoder over any of them. Readers pull bytes in chunks, so a
// 150 MB PubMed baseline file is never held in memory whole.
//
// A seam in ninja's DiskInterface sense: tests feed strings, the command feeds
// files, and a truncated or hostile gzip stream is an ordinary Status.
#ifndef CARTA_BIBLIO_INPUT_H_
#define CARTA_BIBLIO_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "carta/core/status.h"

namespace carta::biblio {

class InputStream {
 public:
  virtual ~InputStream() = default;

  // Reads up to `capacity` bytes into `buffer` and sets *count to the number
  // read; *count == 0 with an ok Status means the end of the input. A non-ok
  // Status (IOError, Corruption) says what failed; *count is then 0.
  // REQUIRES: capacity > 0.
  virtual Status Read(char* buffer, size_t capacity, size_t* count) = 0;

  // Bytes handed out so far (after decompression for a gzip stream).
  virtual uint64_t position() const = 0;
};

// Reads from `text`, which must outlive the stream (nothing is copied).
std::unique_ptr<InputStream> NewStringInput(std::string_view text);

// Reads from `in`, which must outlive the stream. A stream that goes bad
// before its end gives IOError.
std::unique_ptr<InputStream> NewIstreamInput(std::istream* in);

// Decodes gzip (RFC 1952, one or more members, as `cat a.gz b.gz` makes) read
// from `compressed`. A truncated or corrupt stream gives Corruption with the
// compressed byte offset. The decoder owns `compressed`.
std::unique_ptr<InputStream> NewGzipInput(std::unique_ptr<InputStream> compressed);

// True when `head` starts with the gzip magic bytes 1f 8b.
bool LooksGzipped(std::string_view head);

// Opens `path` for reading; gzip is recognised by its magic bytes (not by the
// file name) and decoded on the fly. NotFound when the file cannot be opened.
Result<std::unique_ptr<InputStream>> OpenInputFile(const std::string& path);

}  // namespace carta::biblio

#endif  // CARTA_BIBLIO_INPUT_H_

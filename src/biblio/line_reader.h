// Lines from an InputStream, for the tagged text readers (MEDLINE, RIS, the
// CNKI exports). Internal to carta::biblio.
#ifndef CARTA_SRC_BIBLIO_LINE_READER_H_
#define CARTA_SRC_BIBLIO_LINE_READER_H_

#include <string>
#include <string_view>
#include <vector>

#include "carta/biblio/input.h"
#include "carta/core/status.h"

namespace carta::biblio {

// Splits a byte stream into lines. "\r\n", "\n" and a lone "\r" each end a
// line; a UTF-8 BOM at the very start is dropped. A line longer than
// kMaxLineBytes is cut there (the rest of it is read and thrown away) and
// truncated() says so, so one 2 GB line costs 1 MiB of memory, not 2 GB.
class LineReader {
 public:
  static constexpr size_t kMaxLineBytes = 1 << 20;

  explicit LineReader(InputStream* in) : in_(in), buffer_(kChunkBytes) {}

  // Sets *line to the next line without its terminator and returns true;
  // false at the end of the input or on a read error (see status()). The view
  // stays valid until the next call.
  bool Next(std::string_view* line);

  // 1-based number of the line last returned.
  int line_number() const { return line_number_; }
  // Whether the line last returned was cut at kMaxLineBytes.
  bool truncated() const { return truncated_; }
  // Ok, or the read error that ended the input.
  const Status& status() const { return status_; }

 private:
  static constexpr size_t kChunkBytes = 64 * 1024;

  bool Refill();
  void Append(const char* begin, const char* end);

  InputStream* in_;
  std::vector<char> buffer_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool skip_lf_ = false;  // the last line ended in '\r'; a '\n' next belongs to it
  bool first_ = true;     // nothing read yet (BOM check)
  std::string line_;
  bool truncated_ = false;
  int line_number_ = 0;
  Status status_;
};

}  // namespace carta::biblio

#endif  // CARTA_SRC_BIBLIO_LINE_READER_H_

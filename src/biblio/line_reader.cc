#include "line_reader.h"

#include <cstring>

namespace carta::biblio {

bool LineReader::Refill() {
  if (eof_) return false;
  size_t n = 0;
  Status s = in_->Read(buffer_.data(), buffer_.size(), &n);
  if (!s.ok()) {
    status_ = s;
    eof_ = true;
    return false;
  }
  pos_ = 0;
  end_ = n;
  if (n == 0) {
    eof_ = true;
    return false;
  }
  if (first_) {
    first_ = false;
    if (n >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  }
  return true;
}

void LineReader::Append(const char* begin, const char* end) {
  size_t room = kMaxLineBytes - line_.size();
  size_t n = static_cast<size_t>(end - begin);
  if (n > room) {
    n = room;
    truncated_ = true;
  }
  line_.append(begin, n);
}

bool LineReader::Next(std::string_view* line) {
  line_.clear();
  truncated_ = false;
  bool started = false;
  while (true) {
    if (pos_ == end_ && !Refill()) {
      if (!started) return false;
      break;
    }
    const char* data = buffer_.data();
    if (skip_lf_) {
      skip_lf_ = false;
      if (data[pos_] == '\n') {
        ++pos_;
        continue;
      }
    }
    started = true;
    const char* begin = data + pos_;
    const char* stop = data + end_;
    const char* p = begin;
    while (p != stop && *p != '\n' && *p != '\r') ++p;
    Append(begin, p);
    if (p == stop) {
      pos_ = end_;
      continue;
    }
    skip_lf_ = (*p == '\r');
    pos_ = static_cast<size_t>(p - data) + 1;
    break;
  }
  ++line_number_;
  *line = line_;
  return true;
}

}  // namespace carta::biblio

#include "encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "carta/core/text.h"

namespace carta::biblio {

namespace {

constexpr size_t kChunk = 1 << 16;

// iconv_t with its close.
class Converter {
 public:
  explicit Converter(TextEncoding from) : cd_(iconv_open("UTF-8", EncodingName(from))) {}
  ~Converter() {
    if (ok()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// True when `head` decodes in `from` without an invalid sequence (a sequence
// cut at the end is allowed).
bool DecodesAs(std::string_view head, TextEncoding from) {
  Converter conv(from);
  if (!conv.ok()) return false;
  std::vector<char> in(head.begin(), head.end());
  char* in_ptr = in.data();
  size_t in_left = in.size();
  std::vector<char> out(head.size() * 4 + 16);
  while (in_left > 0) {
    char* out_ptr = out.data();
    size_t out_left = out.size();
    if (iconv(conv.get(), &in_ptr, &in_left, &out_ptr, &out_left) != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) continue;
    return errno == EINVAL;  // EINVAL: incomplete at the end; EILSEQ: invalid
  }
  return true;
}

// The fraction of bytes at even and at odd offsets that are NUL.
void NulShares(std::string_view head, double* even, double* odd) {
  size_t e = 0, o = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\0') (i % 2 == 0 ? e : o)++;
  }
  const double half = static_cast<double>(head.size()) / 2;
  *even = e / half;
  *odd = o / half;
}

class DecodingInput : public InputStream {
 public:
  DecodingInput(InputStream* source, TextEncoding from, std::string name)
      : source_(source), from_(from), name_(std::move(name)), conv_(from) {}

  Status Read(char* buffer, size_t capacity, size_t* count) override {
    *count = 0;
    if (!conv_.ok()) return Status::Internal(std::string("iconv cannot decode ") + EncodingName(from_));
    while (*count == 0) {
      if (pending_.empty() && !eof_) {
        Status s = Fill();
        if (!s.ok()) return s;
      }
      if (pending_.empty() && eof_) {
        if (!in_.empty()) {
          return Status::InvalidArgument(name_ + ": the file ends inside a " + EncodingName(from_) + " character");
        }
        return Status::Ok();
      }
      const size_t n = std::min(capacity, pending_.size() - pending_pos_);
      std::memcpy(buffer, pending_.data() + pending_pos_, n);
      pending_pos_ += n;
      *count = n;
      if (pending_pos_ == pending_.size()) pending_.clear(), pending_pos_ = 0;
    }
    position_ += *count;
    return Status::Ok();
  }

  uint64_t position() const override { return position_; }

 private:
  // Reads a chunk of the source and decodes what is complete of it.
  Status Fill() {
    char chunk[kChunk];
    size_t got = 0;
    Status s = source_->Read(chunk, sizeof chunk, &got);
    if (!s.ok()) return s;
    if (got == 0) {
      eof_ = true;
      return Status::Ok();
    }
    in_.append(chunk, got);
    char* in_ptr = in_.data();
    size_t in_left = in_.size();
    std::string out(in_.size() * 4 + 16, '\0');
    char* out_ptr = out.data();
    size_t out_left = out.size();
    if (iconv(conv_.get(), &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<size_t>(-1) && errno != EINVAL) {
      const uint64_t at = consumed_ + static_cast<uint64_t>(in_ptr - in_.data());
      return Status::InvalidArgument(name_ + ": byte " + std::to_string(at) + " is not valid " + EncodingName(from_) +
                                     " (the file was read as " + EncodingName(from_) + ")");
    }
    out.resize(out.size() - out_left);
    consumed_ += static_cast<uint64_t>(in_ptr - in_.data());
    in_.erase(0, static_cast<size_t>(in_ptr - in_.data()));
    pending_ = std::move(out);
    pending_pos_ = 0;
    return Status::Ok();
  }

  InputStream* source_;
  TextEncoding from_;
  std::string name_;
  Converter conv_;
  std::string in_;       // source bytes not yet decoded (a cut character)
  std::string pending_;  // decoded bytes not yet handed out
  size_t pending_pos_ = 0;
  uint64_t consumed_ = 0, position_ = 0;
  bool eof_ = false;
};

}  // namespace

const char* EncodingName(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf16Le: return "UTF-16LE";
    case TextEncoding::kUtf16Be: return "UTF-16BE";
    case TextEncoding::kGb18030: return "GB18030";
  }
  return "UTF-8";
}

TextEncoding DetectEncoding(std::string_view head) {
  if (head.size() >= 2 && head[0] == '\xFF' && head[1] == '\xFE') return TextEncoding::kUtf16Le;
  if (head.size() >= 2 && head[0] == '\xFE' && head[1] == '\xFF') return TextEncoding::kUtf16Be;
  if (head.size() >= 8) {
    double even = 0, odd = 0;
    NulShares(head, &even, &odd);
    if (odd > 0.3 && even < 0.05) return TextEncoding::kUtf16Le;  // ASCII-heavy text: "T\0Y\0"
    if (even > 0.3 && odd < 0.05) return TextEncoding::kUtf16Be;
  }
  const size_t bad = text::FirstInvalidUtf8(head);
  if (bad == std::string_view::npos || bad + 4 > head.size()) return TextEncoding::kUtf8;
  if (head.find('\0') == std::string_view::npos && DecodesAs(head, TextEncoding::kGb18030)) {
    return TextEncoding::kGb18030;
  }
  return TextEncoding::kUtf8;
}

std::unique_ptr<InputStream> NewDecodingInput(InputStream* source, TextEncoding from, const std::string& name) {
  return std::make_unique<DecodingInput>(source, from, name);
}

}  // namespace carta::biblio

// Text encodings of exports: CNKI and Wanfang downloads are often GBK or
// GB18030, Windows tools write UTF-16. Readers read UTF-8 only, so other
// encodings are decoded on the fly (iconv, in glibc) before them. Internal to
// carta::biblio.
#ifndef CARTA_SRC_BIBLIO_ENCODING_H_
#define CARTA_SRC_BIBLIO_ENCODING_H_

#include <memory>
#include <string>
#include <string_view>

#include "carta/biblio/input.h"

namespace carta::biblio {

enum class TextEncoding { kUtf8, kUtf16Le, kUtf16Be, kGb18030 };

// iconv's name: "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030".
const char* EncodingName(TextEncoding e);

// The encoding of a file from its first bytes: a UTF-16 byte-order mark, or
// the NUL bytes of UTF-16 text without one; UTF-8 when the bytes are valid
// UTF-8 (a character cut at the end of `head` allowed); GB18030 (which
// includes GBK and GB2312) when they are not UTF-8 but decode as GB18030;
// otherwise UTF-8, so that the reader reports the bad bytes where they are.
TextEncoding DetectEncoding(std::string_view head);

// UTF-8 decoded from `source` (which must outlive the stream) in `from`.
// Bytes that are not valid in `from` end the read with InvalidArgument naming
// `name`, the encoding and the byte offset.
std::unique_ptr<InputStream> NewDecodingInput(InputStream* source, TextEncoding from, const std::string& name);

}  // namespace carta::biblio

#endif  // CARTA_SRC_BIBLIO_ENCODING_H_

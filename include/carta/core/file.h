// Reading a small text file whole: a CSV input, a strategy, a criteria file,
// the report's inputs from the data folder.
#ifndef CARTA_CORE_FILE_H_
#define CARTA_CORE_FILE_H_

#include <cstdint>
#include <string>

#include "carta/core/status.h"

namespace carta {

// The whole of the file at `path`, with a UTF-8 byte-order mark dropped.
// Fails with InvalidArgument on a directory or a non-regular file (a pipe, a
// socket, a device: never read, so that a FIFO cannot hang a command), with
// IOError "cannot open 'path'" or "cannot read 'path'"; the status's file is
// `path`. A file longer than `max_bytes` is refused before it is read
// (ResourceExhausted naming the bound), so that a huge file given by mistake
// costs neither the time nor the memory of reading it whole.
inline constexpr uint64_t kMaxTextFileBytes = uint64_t{256} << 20;  // 256 MiB
Result<std::string> ReadTextFile(const std::string& path, uint64_t max_bytes = kMaxTextFileBytes);

}  // namespace carta

#endif  // CARTA_CORE_FILE_H_

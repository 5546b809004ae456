// Progress of long work (GOSH, imports, virtual trials): a small interface so
// the library reports and the front end decides how to show it.
#ifndef CARTA_CORE_PROGRESS_H_
#define CARTA_CORE_PROGRESS_H_

#include <cstdint>
#include <memory>
#include <string>

namespace carta {

class Progress {
 public:
  virtual ~Progress() = default;
  // Called from one thread at a time, at most every few tens of milliseconds.
  virtual void Update(uint64_t done, uint64_t total) = 0;
  virtual void Finish() = 0;
};

// A bar on stderr when stderr is a terminal; does nothing in a pipe or file.
std::unique_ptr<Progress> TerminalProgress(const std::string& label);

}  // namespace carta

#endif  // CARTA_CORE_PROGRESS_H_

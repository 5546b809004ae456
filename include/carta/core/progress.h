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
  // True once the caller wants the work stopped (a server's client went away,
  // a user pressed stop). Long work polls it between units and returns
  // Status::Cancelled, leaving stored data as it was. May be called from any
  // thread.
  virtual bool Cancelled() const { return false; }
};

// The work is cancelled when `progress` is given and says so.
inline bool IsCancelled(const Progress* progress) { return progress != nullptr && progress->Cancelled(); }

// A bar on stderr when stderr is a terminal; does nothing in a pipe or file.
std::unique_ptr<Progress> TerminalProgress(const std::string& label);

}  // namespace carta

#endif  // CARTA_CORE_PROGRESS_H_

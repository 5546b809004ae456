#include "carta/core/progress.h"

#include <unistd.h>

#include <cstdio>

namespace carta {

namespace {

class Bar : public Progress {
 public:
  explicit Bar(std::string label) : label_(std::move(label)), enabled_(isatty(STDERR_FILENO) == 1) {}
  void Update(uint64_t done, uint64_t total) override {
    if (!enabled_ || total == 0) return;
    const int width = 30;
    const double f = static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(f * width);
    std::fprintf(stderr, "\r%s [%.*s%*s] %3d%% (%llu/%llu)", label_.c_str(), filled,
                 "##############################", width - filled, "", static_cast<int>(f * 100),
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
    std::fflush(stderr);
    drawn_ = true;
  }
  void Finish() override {
    if (drawn_) std::fprintf(stderr, "\r%*s\r", 80, "");
    drawn_ = false;
  }

 private:
  std::string label_;
  bool enabled_;
  bool drawn_ = false;
};

}  // namespace

std::unique_ptr<Progress> TerminalProgress(const std::string& label) { return std::make_unique<Bar>(label); }

}  // namespace carta

#include "carta/core/threads.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace carta {

namespace {

std::atomic<int> budget{0};  // 0: one per core

int Cores() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

}  // namespace

int ThreadBudget() {
  const int b = budget.load(std::memory_order_relaxed);
  return b > 0 ? b : Cores();
}

void SetThreadBudget(int threads) { budget.store(threads > 0 ? threads : 0, std::memory_order_relaxed); }

int ThreadsFor(int requested) {
  const int set = budget.load(std::memory_order_relaxed);
  if (requested <= 0) return set > 0 ? set : Cores();
  return set > 0 ? std::min(requested, set) : requested;
}

}  // namespace carta

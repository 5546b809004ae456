// One thread budget for the whole process: every module that runs work in
// parallel (GOSH and permutation tests, the index builder and merge, virtual
// trials) asks here how many threads it may start, so that a server running
// several jobs, or a user passing --threads, bounds them all in one place.
#ifndef CARTA_CORE_THREADS_H_
#define CARTA_CORE_THREADS_H_

namespace carta {

// The number of threads a piece of work may use: `requested` when it is
// positive, else the budget (one per core unless SetThreadBudget set one);
// never more than a budget that SetThreadBudget set, never less than 1.
int ThreadsFor(int requested);

// Sets the process budget; `threads` <= 0 restores the default (one per core).
// Work already running keeps the threads it started with.
void SetThreadBudget(int threads);

// The process budget now.
int ThreadBudget();

}  // namespace carta

#endif  // CARTA_CORE_THREADS_H_

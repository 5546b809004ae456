// Private: long work (GOSH, an import) as jobs on a bounded pool: a POST
// answers a job id at once, a GET reports progress and then the result, a
// cancel stops the work through Progress::Cancelled.
#ifndef CARTA_SRC_SERVER_JOBS_H_
#define CARTA_SRC_SERVER_JOBS_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "carta/api/json.h"
#include "carta/core/progress.h"
#include "carta/core/status.h"

namespace carta::server {

class JobPool {
 public:
  // The work: fills the result JSON or fails; polls `progress` for cancellation.
  using Work = std::function<Result<api::Json>(Progress* progress)>;

  // `threads` workers (at least 1); at most `max_jobs` jobs kept at once.
  JobPool(int threads, size_t max_jobs);
  ~JobPool();  // cancels what runs, waits for the workers

  // Queues `work` under `kind`; returns the job's id (32 random hex digits).
  // InvalidArgument (field "jobs") when max_jobs are already kept and none finished.
  Result<std::string> Submit(const std::string& kind, Work work);
  // {id, kind, state: queued|running|done|failed|cancelled, done, total,
  // result (done) | error (failed, cancelled)}; NotFound for an unknown id.
  Result<api::Json> Describe(const std::string& id);
  // Asks the job to stop; NotFound for an unknown id.
  Status Cancel(const std::string& id);
  void Shutdown();

 private:
  struct Job;
  void Worker();
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::vector<std::thread> workers_;
  size_t max_jobs_;
  bool stopping_ = false;
};

}  // namespace carta::server

#endif  // CARTA_SRC_SERVER_JOBS_H_

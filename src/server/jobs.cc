// The job pool (jobs.h).
#include "jobs.h"

#include <algorithm>

#include "token.h"

namespace carta::server {

struct JobPool::Job : Progress {
  std::string id, kind;
  Work work;
  std::atomic<bool> cancel{false};
  std::atomic<uint64_t> done{0}, total{0};
  std::string state = "queued";  // guarded by the pool's mutex
  api::Json result, error;

  void Update(uint64_t d, uint64_t t) override {
    done = d;
    total = t;
  }
  void Finish() override {}
  bool Cancelled() const override { return cancel.load(); }
};

JobPool::JobPool(int threads, size_t max_jobs) : max_jobs_(max_jobs) {
  for (int i = 0; i < std::max(1, threads); ++i) workers_.emplace_back([this] { Worker(); });
}

JobPool::~JobPool() { Shutdown(); }

void JobPool::Shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->cancel = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) t.join();
}

Result<std::string> JobPool::Submit(const std::string& kind, Work work) {
  std::lock_guard lock(mu_);
  if (jobs_.size() >= max_jobs_) {
    // Forget the oldest finished job to make room; refuse when all are live.
    auto it = std::find_if(jobs_.begin(), jobs_.end(), [](const auto& p) {
      return p.second->state != "queued" && p.second->state != "running";
    });
    if (it == jobs_.end()) {
      return Status::InvalidArgument("too many jobs are queued or running; try again later").WithField("jobs");
    }
    jobs_.erase(it);
  }
  auto job = std::make_shared<Job>();
  job->id = RandomHex(16);
  job->kind = kind;
  job->work = std::move(work);
  jobs_[job->id] = job;
  queue_.push_back(job);
  cv_.notify_one();
  return job->id;
}

void JobPool::Worker() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      if (job->cancel) {
        job->state = "cancelled";
        job->error = api::ErrorJson(Status::Cancelled("the job was cancelled before it started"));
        continue;
      }
      job->state = "running";
    }
    auto r = job->work(job.get());
    std::lock_guard lock(mu_);
    if (r.ok()) {
      job->state = "done";
      job->result = std::move(*r);
    } else {
      job->state = r.status().code() == StatusCode::kCancelled ? "cancelled" : "failed";
      job->error = api::ErrorJson(r.status());
    }
    job->work = nullptr;
  }
}

Result<api::Json> JobPool::Describe(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return Status::NotFound("no job '" + id + "'").WithField("id");
  const Job& job = *it->second;
  api::Json j = {{"id", job.id}, {"kind", job.kind}, {"state", job.state},
                 {"done", job.done.load()}, {"total", job.total.load()}};
  if (job.state == "done") j["result"] = job.result;
  if (job.state == "failed" || job.state == "cancelled") j["error"] = job.error["error"];
  return j;
}

Status JobPool::Cancel(const std::string& id) {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return Status::NotFound("no job '" + id + "'").WithField("id");
  it->second->cancel = true;
  return Status::Ok();
}

}  // namespace carta::server

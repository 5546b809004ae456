// IndexBuilder: records in batches of BuildOptions::batch_records, each batch
// inverted by a SegmentBuilder into a segment of its own, the segments merged
// in order by Finish. With one thread the batches are built as records arrive;
// with more, Add collects a batch and hands it to a pool of workers (at most
// one batch waiting per worker), and each segment lands in its batch's slot,
// so the merged index is the same whatever the threads or their timing.
#include <algorithm>
#include <cassert>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "carta/core/threads.h"
#include "carta/search/index.h"
#include "segment.h"
#include "segment_builder.h"

namespace carta::search {

using internal::Segment;
using internal::SegmentBuilder;

class IndexBuilder::Impl {
 public:
  explicit Impl(BuildOptions options);
  ~Impl();

  template <typename R>
  uint32_t Add(R&& record);
  uint32_t num_docs() const { return num_docs_; }
  Index Finish();

 private:
  struct Batch {
    size_t slot = 0;
    std::vector<biblio::Record> records;
  };

  void StartWorkers();
  void Submit();
  void Work();
  void StopWorkers();

  const uint32_t batch_records_;
  int threads_ = 1;
  uint32_t num_docs_ = 0;
  // One thread: the batch being built.
  std::unique_ptr<SegmentBuilder> current_;
  // Workers: the batch being collected, those waiting, the segments done.
  std::vector<biblio::Record> collecting_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable work_ready_, queue_space_;
  std::deque<Batch> queue_;
  bool stopping_ = false;
  std::vector<std::vector<std::string>> segments_;  // per batch, in document order
};

IndexBuilder::Impl::Impl(BuildOptions options) : batch_records_(std::max<uint32_t>(1, options.batch_records)) {
  threads_ = ThreadsFor(options.threads);
}

void IndexBuilder::Impl::StartWorkers() {
  stopping_ = false;
  for (int i = 0; i < threads_; ++i) workers_.emplace_back([this] { Work(); });
}

IndexBuilder::Impl::~Impl() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.clear();  // a builder dropped without Finish: the waiting batches are not built
  }
  StopWorkers();
}

template <typename R>
uint32_t IndexBuilder::Impl::Add(R&& record) {
  const uint32_t doc = num_docs_++;
  if (threads_ == 1) {
    if (!current_) current_ = std::make_unique<SegmentBuilder>();
    current_->Add(record);
    if (current_->num_docs() == batch_records_ || current_->full()) {
      segments_.push_back({current_->Finish()});
      current_.reset();
    }
    return doc;
  }
  if (workers_.empty()) StartWorkers();
  collecting_.push_back(std::forward<R>(record));
  if (collecting_.size() == batch_records_) Submit();
  return doc;
}

void IndexBuilder::Impl::Submit() {
  std::unique_lock<std::mutex> lock(mu_);
  queue_space_.wait(lock, [this] { return queue_.size() < workers_.size(); });
  segments_.emplace_back();
  queue_.push_back({segments_.size() - 1, std::move(collecting_)});
  collecting_ = {};
  work_ready_.notify_one();
}

void IndexBuilder::Impl::Work() {
  for (;;) {
    Batch batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      work_ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      batch = std::move(queue_.front());
      queue_.pop_front();
      queue_space_.notify_one();
    }
    SegmentBuilder builder;
    std::vector<std::string> done;  // one segment, or more when one grew full
    for (const biblio::Record& r : batch.records) {
      builder.Add(r);
      if (builder.full()) done.push_back(builder.Finish());
    }
    batch.records = {};  // free the records before the segment is encoded
    if (builder.num_docs() > 0) done.push_back(builder.Finish());
    std::lock_guard<std::mutex> lock(mu_);
    segments_[batch.slot] = std::move(done);
  }
}

void IndexBuilder::Impl::StopWorkers() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

Index IndexBuilder::Impl::Finish() {
  if (threads_ == 1) {
    if (current_ && current_->num_docs() > 0) segments_.push_back({current_->Finish()});
    current_.reset();
  } else {
    if (!collecting_.empty()) Submit();
    StopWorkers();  // the workers drain the queue before they stop
  }
  Index index;
  std::vector<std::unique_ptr<Segment>> opened;
  for (std::vector<std::string>& batch : segments_) {
    for (std::string& bytes : batch) {
      Result<std::unique_ptr<Segment>> segment = Segment::Open(std::move(bytes));
      assert(segment.ok() && "the builder writes segments that validate");
      opened.push_back(std::move(segment).value());
    }
  }
  segments_.clear();
  num_docs_ = 0;
  if (opened.size() > 1) {
    Result<std::unique_ptr<Segment>> merged = Segment::Open(internal::MergeSegments(opened, threads_));
    assert(merged.ok() && "merging valid segments gives a valid segment");
    opened.clear();
    opened.push_back(std::move(merged).value());
  }
  if (!opened.empty()) index.segments_.push_back(std::move(opened[0]));
  return index;
}

IndexBuilder::IndexBuilder() : IndexBuilder(BuildOptions{}) {}
IndexBuilder::IndexBuilder(BuildOptions options) : impl_(std::make_unique<Impl>(options)) {}
IndexBuilder::~IndexBuilder() = default;

uint32_t IndexBuilder::Add(const biblio::Record& record) { return impl_->Add(record); }
uint32_t IndexBuilder::Add(biblio::Record&& record) { return impl_->Add(std::move(record)); }

uint32_t IndexBuilder::num_docs() const { return impl_->num_docs(); }

Index IndexBuilder::Finish() { return impl_->Finish(); }

}  // namespace carta::search

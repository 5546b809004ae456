#include "carta/lit/prisma.h"

#include "carta/core/text.h"
#include "carta/lit/screening.h"

namespace carta::lit {

namespace {

// Records of `statuses` without an agreed or resolved decision, by record id
// (ComputePrisma would name them by index).
Status CheckSettled(const std::vector<screen::FinalStatus>& statuses, const Corpus& c, const char* stage) {
  std::vector<std::string> open;
  for (const auto& f : statuses) {
    if (f.state == screen::FinalState::kPending || f.state == screen::FinalState::kConflict) {
      open.push_back(std::to_string(c.id(CorpusIndex{f.record}).value) +
                     (f.state == screen::FinalState::kConflict ? " (conflict)" : ""));
    }
  }
  if (open.empty()) return Status::Ok();
  const size_t n = open.size();
  if (n > 8) open.resize(8), open.push_back("...");
  return Status::InvalidArgument(std::to_string(n) + " records have no agreed or resolved " + stage +
                                 " decision yet: " + text::Join(open, ", "))
      .WithField("decisions");
}

}  // namespace

Result<PrismaResult> Prisma(store::Literature& lit) {
  auto st = LoadScreenState(lit);
  if (!st.ok()) return st.status();
  PrismaResult out;
  out.dedup_stale = st->dedup_stale;
  if (st->reviewers.empty()) return Status::NotFound("no screening decisions yet").WithField("decisions");
  screen::PrismaInput in;
  in.records = &st->corpus.records();
  in.dedup = &st->dedup;
  in.automatic = st->automatic;
  in.title_abstract = st->log.Final(screen::Stage::kTitleAbstract, st->to_screen, st->reviewers, st->resolver);
  in.full_text = st->log.Final(screen::Stage::kFullText, st->FullTextRecords(), st->reviewers, st->resolver);
  if (Status s = CheckSettled(in.title_abstract, st->corpus, "title/abstract"); !s.ok()) return s;
  if (Status s = CheckSettled(in.full_text, st->corpus, "full-text"); !s.ok()) return s;
  auto counts = screen::ComputePrisma(in);
  if (!counts.ok()) return counts.status().WithContext("the PRISMA counts cannot be computed yet");
  if (Status s = screen::CheckPrisma(*counts); !s.ok()) return s;
  out.counts = std::move(*counts);
  return out;
}

}  // namespace carta::lit

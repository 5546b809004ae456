#include "carta/evidence/registrations.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "carta/core/text.h"

namespace carta::evidence {

namespace {

// What two cohorts share: a registry id and an indication (one within the
// other), written into *registration and *indication; false when nothing.
bool Shared(const Cohort& a, const Cohort& b, std::string* registration, std::string* indication) {
  for (const auto& ra : a.registry) {
    if (std::find(b.registry.begin(), b.registry.end(), ra) == b.registry.end()) continue;
    for (const auto& ia : a.indications) {
      for (const auto& ib : b.indications) {
        if (IndicationWithin(ia, ib) || IndicationWithin(ib, ia)) {
          *registration = ra;
          *indication = IndicationWithin(ia, ib) ? ib : ia;
          return true;
        }
      }
    }
  }
  return false;
}

bool Preferred(const RegistrationRule& rule, const Cohort& c) {
  return std::find(rule.prefer.begin(), rule.prefer.end(), c.id) != rule.prefer.end();
}

// Follow-up for ordering: a cohort without one sorts below any with one.
double FollowupKey(const Cohort& c) {
  const double f = c.FollowupMonths();
  return std::isnan(f) ? -1.0 : f;
}

std::string FollowupText(const Cohort& c) {
  const double f = c.FollowupMonths();
  return std::isnan(f) ? std::string("none given") : text::Compact(f, 1) + " months";
}

// Why `kept` was counted rather than `other`.
std::string Reason(const RegistrationRule& rule, const Cohort& kept, const Cohort& other) {
  if (Preferred(rule, kept)) return "counted " + kept.id + " instead, as chosen (prefer)";
  if (FollowupKey(kept) > FollowupKey(other)) {
    return "counted " + kept.id + " instead: longer median follow-up (" + FollowupText(kept) + " against " +
           FollowupText(other) + ")";
  }
  return "counted " + kept.id + " instead: same follow-up (" + FollowupText(kept) + "), listed first";
}

// Groups of candidates (indices) linked by a shared registration and indication.
std::vector<std::vector<size_t>> Groups(const std::vector<const Cohort*>& cs) {
  std::vector<size_t> parent(cs.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto root = [&](size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::string reg, ind;
  for (size_t i = 0; i < cs.size(); ++i) {
    for (size_t j = i + 1; j < cs.size(); ++j) {
      if (Shared(*cs[i], *cs[j], &reg, &ind)) parent[root(j)] = root(i);
    }
  }
  std::vector<std::vector<size_t>> groups(cs.size());
  for (size_t i = 0; i < cs.size(); ++i) groups[root(i)].push_back(i);
  std::erase_if(groups, [](const auto& g) { return g.empty(); });
  return groups;
}

// The index (into `cs`) of the cohort counted for `group`.
Result<size_t> Pick(const std::vector<const Cohort*>& cs, const std::vector<size_t>& group,
                    const RegistrationRule& rule) {
  std::vector<size_t> preferred;
  for (size_t i : group) {
    if (Preferred(rule, *cs[i])) preferred.push_back(i);
  }
  if (preferred.size() > 1) {
    return Status::InvalidArgument("prefer names " + cs[preferred[0]]->id + " and " + cs[preferred[1]]->id +
                                   ", which share a registration and an indication: choose one")
        .WithField("prefer");
  }
  if (preferred.size() == 1) return preferred[0];
  size_t best = group[0];
  for (size_t i : group) {
    if (FollowupKey(*cs[i]) > FollowupKey(*cs[best])) best = i;
  }
  return best;
}

}  // namespace

Result<RegistrationSelection> OnePerRegistration(const std::vector<const Cohort*>& candidates,
                                                 const RegistrationRule& rule) {
  RegistrationSelection out;
  if (rule.keep_duplicates) {
    out.kept = candidates;
    return out;
  }
  std::vector<bool> keep(candidates.size(), true);
  std::vector<std::pair<size_t, SetAside>> aside;
  for (const auto& group : Groups(candidates)) {
    if (group.size() < 2) continue;
    auto pick = Pick(candidates, group, rule);
    if (!pick.ok()) return pick.status();
    const Cohort& kept = *candidates[*pick];
    for (size_t i : group) {
      if (i == *pick) continue;
      keep[i] = false;
      SetAside s;
      s.cohort = candidates[i]->id;
      s.kept = kept.id;
      Shared(*candidates[i], kept, &s.registration, &s.indication);
      s.reason = "same registration " + s.registration + " and indication " + s.indication + " as " + kept.id +
                 "; " + Reason(rule, kept, *candidates[i]);
      aside.emplace_back(i, std::move(s));
    }
  }
  std::sort(aside.begin(), aside.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (keep[i]) out.kept.push_back(candidates[i]);
  }
  for (auto& [i, s] : aside) out.set_aside.push_back(std::move(s));
  return out;
}

std::vector<TimePoint> TimePointsOf(const EvidenceBase& eb, const Cohort& c) {
  std::vector<const Cohort*> all;
  size_t self = 0;
  for (const auto& other : eb.cohorts) {
    if (&other == &c) self = all.size();
    all.push_back(&other);
  }
  std::vector<TimePoint> out;
  for (const auto& group : Groups(all)) {
    if (group.size() < 2 || std::find(group.begin(), group.end(), self) == group.end()) continue;
    for (size_t i : group) out.push_back({all[i]->id, all[i]->FollowupMonths()});
    std::stable_sort(out.begin(), out.end(), [](const TimePoint& a, const TimePoint& b) {
      const double fa = std::isnan(a.followup_months) ? -1.0 : a.followup_months;
      const double fb = std::isnan(b.followup_months) ? -1.0 : b.followup_months;
      return fa < fb;
    });
  }
  return out;
}

Status CheckRegistrationRule(const EvidenceBase& eb, const RegistrationRule& rule) {
  for (const auto& id : rule.prefer) {
    if (eb.FindCohort(id) == nullptr) {
      return Status::NotFound("no cohort '" + id + "' to prefer").WithField("prefer");
    }
  }
  return Status::Ok();
}

}  // namespace carta::evidence

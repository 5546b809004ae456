#include "carta/api/update.h"

#include <ostream>

#include "carta/core/text.h"

namespace carta::api {

namespace {

// The most studies a kept pool may say it had (an int holds it).
constexpr unsigned long long kMaxPoolStudies = 1000000000;

Json PoolJson(const report::PooledFigure& p) {
  return {{"name", p.name}, {"k", p.k},         {"estimate", Number(p.estimate)}, {"ci_lb", Number(p.ci_lb)},
          {"ci_ub", Number(p.ci_ub)}, {"tau2", Number(p.tau2)}};
}

std::string Percent(double p) { return text::Fixed(100 * p, 1) + "%"; }

std::string Figure(const report::PooledFigure& p) {
  return "k " + std::to_string(p.k) + ", " + Percent(p.estimate) + " [" + Percent(p.ci_lb) + ", " + Percent(p.ci_ub) +
         "], tau^2 " + text::Fixed(p.tau2, 4);
}

}  // namespace

Json ToJson(const report::Synthesis& s) {
  Json cohorts = Json::array(), pools = Json::array();
  for (const auto& [id, record] : s.cohorts) cohorts.push_back({{"id", id}, {"record", record}});
  for (const auto& p : s.pools) pools.push_back(PoolJson(p));
  Json j = {{"cohorts", cohorts}, {"pools", pools}, {"findings", s.findings}};
  if (!s.kept_at.empty()) j["kept_at"] = s.kept_at;
  return j;
}

Result<report::Synthesis> SynthesisFromJson(const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("the kept synthesis is not a JSON object");
  report::Synthesis s;
  try {
    for (const auto& c : j.at("cohorts")) s.cohorts.emplace_back(c.at("id").get<std::string>(), c.at("record").get<std::string>());
    for (const auto& p : j.at("pools")) {
      auto num = [&](const char* k) { return p.at(k).is_number() ? p.at(k).get<double>() : NAN; };
      // A count: a whole number that fits (a fraction, or 3e13, would not convert to int).
      const Json& k = p.at("k");
      if (!k.is_number_integer() || (k.is_number_unsigned() ? k.get<unsigned long long>() > kMaxPoolStudies
                                                             : k.get<long long>() < 0 ||
                                                                   k.get<long long>() > static_cast<long long>(kMaxPoolStudies))) {
        return Status::InvalidArgument("the kept synthesis is malformed: a pool's k is not a number of studies from 0 to " +
                                       std::to_string(kMaxPoolStudies));
      }
      s.pools.push_back({p.at("name").get<std::string>(), static_cast<int>(k.get<long long>()), num("estimate"),
                         num("ci_lb"), num("ci_ub"), num("tau2")});
    }
    for (const auto& f : j.at("findings")) s.findings.push_back(f.get<std::string>());
    if (j.contains("kept_at")) s.kept_at = j.at("kept_at").get<std::string>();
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(std::string("the kept synthesis is malformed: ") + e.what());
  }
  return s;
}

Json ToJson(const report::Changes& c) {
  Json pools = Json::array();
  for (const auto& p : c.pools) {
    Json before = p.before_present ? PoolJson(p.before) : Json(nullptr);
    Json after = p.after_present ? PoolJson(p.after) : Json(nullptr);
    if (before.is_object()) before.erase("name");
    if (after.is_object()) after.erase("name");
    pools.push_back({{"name", p.name}, {"before", before}, {"after", after}});
  }
  return {{"cohorts_added", c.cohorts_added},       {"cohorts_removed", c.cohorts_removed},
          {"cohorts_changed", c.cohorts_changed},   {"pools", pools},
          {"findings_appeared", c.findings_appeared}, {"findings_disappeared", c.findings_disappeared}};
}

void PrintChanges(const report::Changes& c, std::ostream& out) {
  if (c.empty()) {
    out << "nothing changed since the last update\n";
    return;
  }
  if (!c.cohorts_added.empty()) out << "cohorts added: " << text::Join(c.cohorts_added, ", ") << "\n";
  if (!c.cohorts_changed.empty()) out << "cohorts changed: " << text::Join(c.cohorts_changed, ", ") << "\n";
  if (!c.cohorts_removed.empty()) out << "cohorts removed: " << text::Join(c.cohorts_removed, ", ") << "\n";
  for (const auto& p : c.pools) {
    out << "pooled " << p.name << ": " << (p.before_present ? Figure(p.before) : "none") << " -> "
        << (p.after_present ? Figure(p.after) : "none");
    if (p.before_present && p.after_present) {
      out << " (" << (p.after.estimate >= p.before.estimate ? "+" : "")
          << text::Fixed(100 * (p.after.estimate - p.before.estimate), 1) << " points)";
    }
    out << "\n";
  }
  for (const auto& f : c.findings_appeared) out << "finding appeared: " << f << "\n";
  for (const auto& f : c.findings_disappeared) out << "finding gone: " << f << "\n";
}

}  // namespace carta::api

// JSON and CSV of carta::sim's results.
#include "carta/api/sim.h"

#include <string_view>

#include "carta/api/request.h"
#include "carta/core/text.h"

namespace carta::api {

namespace {

Json Interval(const sim::Rate& r) { return Json::array({Number(r.lower), Number(r.upper)}); }

}  // namespace

Json ToJson(const sim::TrialSummary& s) {
  Json j = Json::object();
  j["patients"] = s.patients;
  j["orr"] = Number(s.orr.rate);
  j["cr_rate"] = Number(s.cr_rate.rate);
  j["orr_ci"] = Interval(s.orr);
  j["cr_rate_ci"] = Interval(s.cr_rate);
  j["pfs_median_months"] = Number(s.pfs_median_months);
  j["pfs_at_12_months"] = Number(s.pfs_at_12_months);
  j["crs_grade3_rate"] = Number(s.crs_grade3.rate);
  j["icans_grade3_rate"] = Number(s.icans_grade3.rate);
  j["antigen_negative_relapse_share"] = Number(s.antigen_negative_relapse_share);
  j["cmax_median"] = Number(s.cmax_median_cells);
  return j;
}

// Significant digits of the simulator's numbers in a text table (JSON keeps all).
constexpr int kDigits = 4;

Listing TrialListing(const sim::TrialSummary& s) {
  const Json j = ToJson(s);
  std::vector<Column> columns;
  std::vector<Json> row;
  for (const auto& [key, value] : j.items()) {
    columns.push_back({key, key, 0, kDigits});
    row.push_back(value);
  }
  Listing l(std::move(columns));
  l.Add(std::move(row));
  return l;
}

Listing DifferenceListing(const std::vector<sim::Difference>& d) {
  Listing l({{"endpoint", "endpoint"},
             {"a", "A", 0, kDigits},
             {"b", "B", 0, kDigits},
             {"difference", "B - A", 0, kDigits},
             {"lower", "95% lower", 0, kDigits},
             {"upper", "95% upper", 0, kDigits}});
  for (const auto& x : d) {
    l.Add({x.endpoint, Number(x.a), Number(x.b), Number(x.difference), Number(x.lower), Number(x.upper)});
  }
  return l;
}

Json ToJson(const sim::CompareResult& r) {
  Json j = Json::object();
  j["strategy_a"] = r.strategy_a;
  j["strategy_b"] = r.strategy_b;
  j["patients"] = r.patients;
  j["a"] = ToJson(r.a);
  j["b"] = ToJson(r.b);
  j["differences"] = DifferenceListing(r.differences).ToJson();
  return j;
}

Listing CourseListing(const std::vector<sim::TimePoint>& course) {
  Listing l({{"day", "day"},
             {"infused_cells", "infused"},
             {"effector_cells", "effector"},
             {"memory_cells", "memory"},
             {"car_t_cells", "CAR-T"},
             {"tumour_positive_cells", "tumour+"},
             {"tumour_negative_cells", "tumour-"},
             {"tumour_low_antigen_cells", "tumour+ low"},
             {"normal_cells", "normal"},
             {"il6_pg_ml", "IL-6"},
             {"icans_signal_pg_ml", "ICANS signal"},
             {"tocilizumab_mg_l", "toci"},
             {"steroids", "steroids"}});
  for (const auto& p : course) {
    l.Add({Number(p.day), Number(p.infused_cells), Number(p.effector_cells), Number(p.memory_cells),
           Number(p.effector_cells + p.memory_cells), Number(p.tumour_positive_cells), Number(p.tumour_negative_cells),
           Number(p.tumour_low_antigen_cells), Number(p.normal_cells), Number(p.il6_pg_ml), Number(p.icans_signal_pg_ml), Number(p.tocilizumab_mg_l),
           p.steroids});
  }
  return l;
}

Json ToJson(const sim::Scenario& s, const sim::PatientOutcome& o) {
  Json j = Json::object();
  j["product"] = s.product.id;
  j["indication"] = s.disease.name;
  j["best_response"] = sim::ResponseName(o.best_response);
  j["cr_by_day28"] = o.cr_by_day28;
  j["cr_by_day90"] = o.cr_by_day90;
  j["cmax_cells"] = Number(o.cmax_cells);
  j["tmax_days"] = Number(o.tmax_days);
  j["auc28_cell_days"] = Number(o.auc28_cell_days);
  j["persistence_days"] = Number(o.persistence_days);
  j["pfs_days"] = Number(o.pfs_days);
  j["pfs_event"] = o.pfs_event;
  j["os_days"] = Number(o.os_days);
  j["died"] = o.died;
  j["relapse"] = sim::RelapseName(o.relapse);
  j["crs_grade"] = o.crs_grade;
  j["icans_grade"] = o.icans_grade;
  j["il6_peak_pg_ml"] = Number(o.il6_peak_pg_ml);
  j["aplasia_days"] = Number(o.aplasia_days);
  j["tocilizumab"] = o.tocilizumab;
  j["steroids"] = o.steroids;
  j["hsct"] = o.hsct;
  return j;
}

Listing CalibrationListing(const std::vector<sim::CalibrationRow>& rows) {
  Listing l({{"cohort", "cohort"},
             {"product", "product"},
             {"indication", "indication"},
             {"endpoint", "endpoint"},
             {"n", "n"},
             {"observed", "observed", 0, kDigits},
             {"lower", "95% lower", 0, kDigits},
             {"upper", "95% upper", 0, kDigits},
             {"simulated", "simulated", 0, kDigits},
             {"inside", "inside CI"},
             {"held_out", "held out"}});
  for (const auto& r : rows) {
    l.Add({r.cohort, r.product, r.indication, r.endpoint, r.n, Number(r.observed), Number(r.lower), Number(r.upper),
           Number(r.simulated), r.inside, r.held_out});
  }
  return l;
}

Listing CalibrationCountListing(const std::vector<sim::CalibrationCount>& counts) {
  Listing l({{"endpoint", "endpoint"},
             {"fitted_inside", "fitted inside CI"},
             {"fitted", "fitted"},
             {"held_out_inside", "held out inside CI"},
             {"held_out", "held out"}});
  for (const auto& c : counts) l.Add({c.endpoint, c.fitted_inside, c.fitted, c.held_out_inside, c.held_out});
  return l;
}

Json ToJson(const sim::CalibrateResult& r) {
  Json j = Json::object();
  j["patients"] = r.patients;
  j["seed"] = r.seed;
  j["settings"] = r.settings;
  Json fitted = Json::array();
  for (const auto& f : r.fitted) {
    fitted.push_back({{"product", f.product},
                      {"indication", f.indication},
                      {"potency", Number(f.potency)},
                      {"crs_scale", Number(f.crs_scale)},
                      {"cohorts", f.cohorts},
                      {"evaluations", f.evaluations}});
  }
  j["fitted"] = fitted;
  Json excluded = Json::array();
  for (const auto& e : r.excluded) excluded.push_back({{"cohort", e.cohort}, {"endpoints", e.endpoints}, {"reason", e.reason}});
  j["excluded"] = excluded;
  j["rows"] = CalibrationListing(r.rows).ToJson();
  j["inside"] = CalibrationCountListing(sim::CountInside(r.rows)).ToJson();
  return j;
}

namespace {

// A list given as an array of text or as one comma-separated text (blank
// entries left out).
Result<std::vector<std::string>> TextList(const Json& v) {
  std::vector<std::string> out;
  auto add = [&out](std::string_view text) {
    for (std::string& part : text::Split(text, ',')) {
      if (!part.empty()) out.push_back(std::move(part));
    }
  };
  if (v.is_string()) {
    add(v.get<std::string>());
  } else if (v.is_array()) {
    for (const Json& e : v) {
      if (!e.is_string()) return Status::InvalidArgument("expected a list of texts");
      add(e.get<std::string>());
    }
  } else {
    return Status::InvalidArgument("expected a text or a list of texts");
  }
  if (out.size() > 64) return Status::InvalidArgument("at most 64 entries");
  return out;
}

}  // namespace

Result<sim::TrialRequest> SimTrialRequestFromJson(const Json& j) {
  RequestReader r(j, {"product", "indication", "patients", "seed", "strategy", "set"});
  std::string product, indication;
  std::vector<std::string> strategy, set;
  sim::TrialRequest q;
  q.patients = 400;
  r.Get("product", &product, RequestReader::kRequired);
  r.Get("indication", &indication, RequestReader::kRequired);
  r.Get("patients", &q.patients);
  r.Check(q.patients >= 1 && q.patients <= kMaxServedPatients, "patients",
          "'patients' must be from 1 to " + std::to_string(kMaxServedPatients) +
              " (the command 'carta sim trial' runs more)");
  r.Get("seed", &q.seed);
  r.GetWith("strategy", &strategy, TextList);
  r.GetWith("set", &set, TextList);
  if (!r.ok()) return r.status();
  auto scenario = sim::MakeScenario(product, indication, set);
  if (!scenario.ok()) return scenario.status();
  for (const std::string& name : strategy) {
    if (Status st = sim::ApplyStrategy(name, &*scenario); !st.ok()) return st.WithField("strategy");
  }
  q.scenario = std::move(*scenario);
  q.threads = 1;
  return q;
}

Json SimTrialJson(const sim::TrialRequest& q, const sim::TrialSummary& s, const std::string& svg) {
  Json j = Json::object();
  j["product"] = q.scenario.product.id;
  j["indication"] = q.scenario.disease.name;
  j["patients"] = q.patients;
  j["seed"] = q.seed;
  j["trial"] = ToJson(s);
  j["svg"] = svg;
  return j;
}

Listing ParameterListing(const std::vector<sim::ParameterInfo>& parameters) {
  Listing l({{"name", "parameter"}, {"value", "value"}, {"unit", "unit"}, {"source", "source", 60}});
  for (const auto& p : parameters) l.Add({p.name, Number(p.value), p.unit, p.source});
  return l;
}

}  // namespace carta::api

// carta tox crs | icans | ice | capd | cres | hematotox | easix | series | guidance | scales:
// toxicity grading and risk scores of carta::clinical, one patient at a time
// or over a cohort's daily records.
#include <array>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <tuple>

#include "carta/clinical/crs.h"
#include "carta/clinical/guidance.h"
#include "carta/clinical/icans.h"
#include "carta/clinical/legacy.h"
#include "carta/clinical/scores.h"
#include "carta/clinical/series.h"
#include "carta/clinical/units.h"
#include "commands.h"
#include "common.h"
#include "tox_format.h"

namespace carta::cli {

namespace {

using json = api::Json;
namespace cl = clinical;

const char* const kLee2019 = "ASTCT consensus, Lee et al., Biol Blood Marrow Transplant 2019;25:625-638";

// A CLI11 check that accepts exactly what a carta::clinical parser accepts,
// with the parser's message (so the command line and the CSV agree).
template <typename E>
CLI::Validator Accepts(Result<E> (*parse)(std::string_view)) {
  return CLI::Validator(
      [parse](std::string& s) {
        auto r = parse(s);
        return r.ok() ? std::string() : r.status().message();
      },
      "NAME");
}

template <typename T>
std::optional<T> Given(const CLI::Option* opt, T value) {
  return opt->count() ? std::optional<T>(value) : std::nullopt;
}

json OptJson(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json OptJson(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

// Every subcommand's options, bound before parsing.
struct ToxArgs {
  std::string format;
  // crs
  double temp_c = 0, temp_f = 0, flow_l_min = 0;
  CLI::Option *temp_c_opt = nullptr, *temp_f_opt = nullptr, *flow_opt = nullptr;
  std::string hypotension = "none", hypoxia = "none";
  bool after_anticytokine = false, died = false;
  // icans, ice, capd, cres
  int ice = 0, capd = 0, cartox10 = 0;
  double age_years = 0;
  CLI::Option *ice_opt = nullptr, *capd_opt = nullptr, *age_opt = nullptr, *cartox10_opt = nullptr;
  std::string consciousness = "alert", seizure = "none", motor = "none", icp = "none";
  bool developmental_delay = false, obtunded = false, motor_weakness = false;
  cl::IceItems ice_items;
  std::array<std::string, 8> capd_answers;
  // hematotox, easix
  std::string anc, hemoglobin, platelets, crp, ferritin, ldh, creatinine;
  // series, guidance
  std::string input, view = "all", toxicity;
  double level = 95;
  int grade = 0;
};

void AddGradingCommands(CLI::App& app, ToxArgs* a) {
  auto* crs = app.add_subcommand("crs", "CRS grade (ASTCT 2019): fever, hypotension, hypoxia; JSON names the domains");
  a->temp_c_opt = crs->add_option("--temp-c", a->temp_c, "highest temperature, °C");
  a->temp_f_opt = crs->add_option("--temp-f", a->temp_f, "highest temperature, °F")->excludes(a->temp_c_opt);
  crs->add_option("--hypotension", a->hypotension, "none (default), no-vasopressor, one-vasopressor, multiple-vasopressors")
      ->check(Accepts(cl::ParseHypotension));
  crs->add_option("--hypoxia", a->hypoxia, "none (default), low-flow, high-flow, positive-pressure")
      ->check(Accepts(cl::ParseOxygenSupport));
  a->flow_opt = crs->add_option("--oxygen-l-min", a->flow_l_min, "nasal cannula flow, L/min (<= 6 low-flow)");
  crs->add_flag("--after-anticytokine", a->after_anticytokine,
                "antipyretic or anti-cytokine therapy already given: fever no longer required");
  crs->add_flag("--died", a->died, "death due to CRS (grade 5)");
  AddFormatOption(*crs, &a->format);

  auto* icans = app.add_subcommand("icans", "ICANS grade (ASTCT 2019): ICE or CAPD, consciousness, seizure, motor, ICP");
  a->ice_opt = icans->add_option("--ice", a->ice, "ICE score 0-10 (age 12 and over)");
  a->capd_opt = icans->add_option("--capd", a->capd, "CAPD score 0-32 (children under 12)");
  a->age_opt = icans->add_option("--age", a->age_years, "age in years (under 12: CAPD)");
  icans->add_flag("--developmental-delay", a->developmental_delay, "allows CAPD at 12 and over");
  icans->add_option("--consciousness", a->consciousness, "alert (default), spontaneous, voice, touch, unarousable")
      ->check(Accepts(cl::ParseConsciousness));
  icans->add_option("--seizure", a->seizure, "none (default), rapid, prolonged")->check(Accepts(cl::ParseSeizure));
  icans->add_option("--motor", a->motor, "none (default), weakness; tremor and myoclonus are accepted, not counted")
      ->check(Accepts(cl::ParseMotorFinding));
  icans->add_option("--icp", a->icp, "none (default), focal-edema, diffuse-edema")->check(Accepts(cl::ParseIcpFinding));
  icans->add_flag("--died", a->died, "death due to ICANS (grade 5)");
  AddFormatOption(*icans, &a->format);

  auto* cres = app.add_subcommand("cres", "CRES grade (CARTOX, Neelapu 2018), to read trials graded before ASTCT");
  a->cartox10_opt = cres->add_option("--cartox10", a->cartox10, "CARTOX-10 score 0-10");
  cres->add_flag("--obtunded", a->obtunded, "obtunded or critical, cannot perform the assessment");
  cres->add_option("--icp", a->icp, "none (default), papilledema-1-2, papilledema-3-5, edema")
      ->check(Accepts(cl::ParseCresIcp));
  cres->add_option("--seizure", a->seizure, "none (default), partial, generalized")->check(Accepts(cl::ParseCresSeizure));
  cres->add_flag("--motor-weakness", a->motor_weakness, "new motor weakness");
  AddFormatOption(*cres, &a->format);
}

void AddScoreCommands(CLI::App& app, ToxArgs* a) {
  auto* ice = app.add_subcommand("ice", "ICE score item by item (10 points)");
  ice->add_option("--orientation", a->ice_items.orientation, "year, month, city, hospital: 0-4")->required();
  ice->add_option("--naming", a->ice_items.naming, "names 3 objects: 0-3")->required();
  ice->add_option("--commands", a->ice_items.follows_commands, "follows simple commands: 0-1")->required();
  ice->add_option("--writing", a->ice_items.writes_sentence, "writes a standard sentence: 0-1")->required();
  ice->add_option("--attention", a->ice_items.counts_backwards, "counts back from 100 by 10: 0-1")->required();
  AddFormatOption(*ice, &a->format);

  auto* capd = app.add_subcommand("capd", "CAPD score (Traube 2014): 8 items, never|rarely|sometimes|often|always");
  for (size_t i = 0; i < cl::kCapdItems.size(); ++i) {
    capd->add_option(std::string("--") + cl::kCapdItems[i], a->capd_answers[i], "how often")
        ->required()
        ->check(Accepts(cl::ParseFrequency));
  }
  AddFormatOption(*capd, &a->format);

  auto* ht = app.add_subcommand("hematotox", "CAR-HEMATOTOX (Rejeski 2021) from baseline values; units may follow");
  ht->add_option("--anc", a->anc, "neutrophils, 10^9/L (or '1200 /µL')")->required();
  ht->add_option("--hemoglobin,--hb", a->hemoglobin, "g/dL (or '95 g/L')")->required();
  ht->add_option("--platelets", a->platelets, "10^9/L (or '150000 /µL')")->required();
  ht->add_option("--crp", a->crp, "mg/dL (or '30 mg/L')")->required();
  ht->add_option("--ferritin", a->ferritin, "ng/mL (= µg/L)")->required();
  AddFormatOption(*ht, &a->format);

  auto* easix = app.add_subcommand("easix", "EASIX (with --creatinine) and m-EASIX (with --crp)");
  easix->add_option("--ldh", a->ldh, "U/L (or µkat/L)")->required();
  easix->add_option("--platelets", a->platelets, "10^9/L (or '150000 /µL')")->required();
  easix->add_option("--creatinine", a->creatinine, "mg/dL (or '97 µmol/L')");
  easix->add_option("--crp", a->crp, "mg/dL (or '30 mg/L')");
  AddFormatOption(*easix, &a->format);
}

void AddCohortCommands(CLI::App& app, ToxArgs* a) {
  auto* series = app.add_subcommand("series", "grade a CSV of daily records: per day, per patient, cohort rates");
  series->add_option("--input", a->input, "CSV of daily records (columns in doc/clinical.md)")->required();
  series->add_option("--level", a->level, "confidence level in percent (default 95)")->check(CLI::Range(50.0, 99.99));
  series->add_option("--view", a->view, "all (default), days, patients, summary")
      ->check(CLI::IsMember({"all", "days", "patients", "summary"}));
  AddFormatOption(*series, &a->format);

  auto* guidance = app.add_subcommand("guidance", "management by grade (ASCO 2021, review 2.3.1): reference, not advice");
  guidance->add_option("--toxicity", a->toxicity, "crs or icans (default both)")->check(Accepts(cl::ParseToxicity));
  guidance->add_option("--grade", a->grade, "1-4 (default all)")->check(CLI::Range(1, 4));
  AddFormatOption(*guidance, &a->format);

  auto* scales = app.add_subcommand("scales", "how CRS grading scales differ (ASTCT, Lee 2014, Penn, CTCAE, CARTOX)");
  AddFormatOption(*scales, &a->format);
}

int RunCrs(const ToxArgs& a, Format format) {
  cl::CrsInput in;
  in.temp_c = Given(a.temp_c_opt, a.temp_c);
  if (a.temp_f_opt->count()) {
    in.temp_c = cl::FahrenheitToCelsius(a.temp_f);
    if (!cl::CheckRange(cl::Quantity::kTemperature, *in.temp_c).ok()) {
      return Fail(Status::InvalidArgument("temperature " + std::to_string(static_cast<int>(std::lround(a.temp_f))) +
                                          " °F is impossible (accepted: 86-113 °F, 30-45 °C)"));
    }
  }
  in.hypotension = *cl::ParseHypotension(a.hypotension);
  in.oxygen = *cl::ParseOxygenSupport(a.hypoxia);
  in.oxygen_flow_l_min = Given(a.flow_opt, a.flow_l_min);
  in.after_anticytokine = a.after_anticytokine;
  in.died_of_crs = a.died;
  auto r = cl::GradeCrs(in);
  if (!r.ok()) return Fail(r.status());
  const json inputs = {{"temp_c", OptJson(in.temp_c)},
                       {"hypotension", cl::HypotensionName(in.hypotension)},
                       {"hypoxia", cl::OxygenSupportName(in.oxygen)},
                       {"oxygen_l_min", OptJson(in.oxygen_flow_l_min)},
                       {"after_anticytokine", in.after_anticytokine}};
  PrintGrade(*r, "CRS", {{"inputs", inputs}}, std::string(kLee2019) + " (CRS grading)", format, std::cout);
  return 0;
}

int RunIcans(const ToxArgs& a, Format format) {
  cl::IcansInput in;
  in.ice = Given(a.ice_opt, a.ice);
  in.capd = Given(a.capd_opt, a.capd);
  in.age_years = Given(a.age_opt, a.age_years);
  in.developmental_delay = a.developmental_delay;
  in.consciousness = *cl::ParseConsciousness(a.consciousness);
  in.seizure = *cl::ParseSeizure(a.seizure);
  in.motor = *cl::ParseMotorFinding(a.motor);
  in.icp = *cl::ParseIcpFinding(a.icp);
  in.died_of_icans = a.died;
  auto r = cl::GradeIcans(in);
  if (!r.ok()) return Fail(r.status());
  const json inputs = {{"ice", OptJson(in.ice)},           {"capd", OptJson(in.capd)},
                       {"age", OptJson(in.age_years)},     {"consciousness", cl::ConsciousnessName(in.consciousness)},
                       {"seizure", cl::SeizureName(in.seizure)}, {"motor", cl::MotorFindingName(in.motor)},
                       {"icp", cl::IcpFindingName(in.icp)}};
  const std::string& first = r->domains.front().domain;
  const json tool = first == "capd" ? json("CAPD") : first == "ice" ? json("ICE") : json(nullptr);
  PrintGrade(*r, "ICANS", {{"inputs", inputs}, {"tool", tool}}, std::string(kLee2019) + " (ICANS grading)", format,
             std::cout);
  return 0;
}

int RunCres(const ToxArgs& a, Format format) {
  cl::CresInput in;
  in.cartox10 = Given(a.cartox10_opt, a.cartox10);
  in.obtunded = a.obtunded;
  in.icp = *cl::ParseCresIcp(a.icp);
  in.seizure = *cl::ParseCresSeizure(a.seizure);
  in.motor_weakness = a.motor_weakness;
  auto r = cl::GradeCres(in);
  if (!r.ok()) return Fail(r.status());
  PrintGrade(*r, "CRES", json::object(), "Neelapu et al., Nat Rev Clin Oncol 2018;15:47-62 (CRES grading)", format,
             std::cout);
  return 0;
}

int RunIce(const ToxArgs& a, Format format) {
  auto score = cl::IceScore(a.ice_items);
  if (!score.ok()) return Fail(score.status());
  cl::IcansInput in;
  in.ice = *score;
  const auto& i = a.ice_items;
  PrintPoints("ICE " + std::to_string(*score) + "/10 (" + kLee2019 + ", ICE tool)",
              {{"orientation", i.orientation}, {"naming", i.naming}, {"commands", i.follows_commands},
               {"writing", i.writes_sentence}, {"attention", i.counts_backwards}},
              {{"score", *score}, {"ice_grade", cl::GradeIcans(in)->domains.front().grade}}, format, std::cout);
  return 0;
}

int RunCapd(const ToxArgs& a, Format format) {
  std::array<cl::Frequency, 8> answers;
  for (size_t i = 0; i < answers.size(); ++i) answers[i] = *cl::ParseFrequency(a.capd_answers[i]);
  const cl::CapdScore score = cl::ScoreCapd(answers);
  std::vector<std::pair<std::string, int>> items;
  for (size_t i = 0; i < answers.size(); ++i) items.emplace_back(cl::kCapdItems[i], score.points[i]);
  cl::IcansInput in;
  in.capd = score.total;
  PrintPoints("CAPD " + std::to_string(score.total) + "/32 (Traube et al., Crit Care Med 2014; >= 9 screens positive)",
              items,
              {{"score", score.total},
               {"screen_positive", score.total >= cl::kCapdDeliriumCutoff},
               {"capd_grade", cl::GradeIcans(in)->domains.front().grade}},
              format, std::cout);
  return 0;
}

// `text` as a measurement of `q`; the message names the option.
Result<double> Measure(cl::Quantity q, const std::string& option, const std::string& text) {
  auto v = cl::ParseMeasurement(q, text);
  if (!v.ok()) return v.status().WithContext(option);
  return v;
}

int RunHematotox(const ToxArgs& a, Format format) {
  cl::HematotoxInput in;
  const std::tuple<cl::Quantity, const char*, const std::string*, double*> fields[] = {
      {cl::Quantity::kAnc, "--anc", &a.anc, &in.anc_giga_l},
      {cl::Quantity::kHemoglobin, "--hemoglobin", &a.hemoglobin, &in.hemoglobin_g_dl},
      {cl::Quantity::kPlatelets, "--platelets", &a.platelets, &in.platelets_giga_l},
      {cl::Quantity::kCrp, "--crp", &a.crp, &in.crp_mg_dl},
      {cl::Quantity::kFerritin, "--ferritin", &a.ferritin, &in.ferritin_ng_ml}};
  for (const auto& [q, option, text, out] : fields) {
    auto v = Measure(q, option, *text);
    if (!v.ok()) return Fail(v.status());
    *out = *v;
  }
  auto r = cl::CarHematotox(in);
  if (!r.ok()) return Fail(r.status());
  PrintHematotox(*r, format, std::cout);
  return 0;
}

int RunEasix(const ToxArgs& a, Format format) {
  if (a.creatinine.empty() && a.crp.empty()) {
    return Fail(Status::InvalidArgument("give --creatinine (EASIX) and/or --crp (m-EASIX)"));
  }
  auto ldh = Measure(cl::Quantity::kLdh, "--ldh", a.ldh);
  auto platelets = Measure(cl::Quantity::kPlatelets, "--platelets", a.platelets);
  if (!ldh.ok()) return Fail(ldh.status());
  if (!platelets.ok()) return Fail(platelets.status());
  std::vector<cl::EasixResult> scores;
  for (const auto& [text, q, option] : {std::tuple{&a.creatinine, cl::Quantity::kCreatinine, "--creatinine"},
                                        std::tuple{&a.crp, cl::Quantity::kCrp, "--crp"}}) {
    if (text->empty()) continue;
    auto v = Measure(q, option, *text);
    if (!v.ok()) return Fail(v.status());
    auto s = q == cl::Quantity::kCrp ? cl::ModifiedEasix(*ldh, *v, *platelets) : cl::Easix(*ldh, *v, *platelets);
    if (!s.ok()) return Fail(s.status());
    scores.push_back(*s);
  }
  PrintEasix(scores, format, std::cout);
  return 0;
}

int RunSeries(const ToxArgs& a, Format format) {
  auto text = ReadTextFile(a.input);
  if (!text.ok()) return Fail(text.status());
  auto records = cl::ParseDailyCsv(*text, a.input);
  if (!records.ok()) return Fail(records.status());
  auto series = cl::GradeSeries(*records);
  if (!series.ok()) return Fail(series.status());
  auto summary = cl::Summarize(*series, a.level / 100);
  if (!summary.ok()) return Fail(summary.status());
  PrintSeries(*series, *summary, a.view, format, std::cout);
  return 0;
}

}  // namespace

int RunTox(int argc, char** argv) {
  CLI::App app(
      "Toxicity grading and risk scores: CRS and ICANS by the ASTCT consensus (Lee 2019), ICE and CAPD,\n"
      "CRES (CARTOX), CAR-HEMATOTOX, EASIX and m-EASIX, a CSV of daily records graded per day, patient and\n"
      "cohort, and the management summary by grade (reference information, not advice). Criteria and\n"
      "sources: doc/clinical.md.",
      "tox");
  app.require_subcommand(1);
  ToxArgs a;
  AddGradingCommands(app, &a);
  AddScoreCommands(app, &a);
  AddCohortCommands(app, &a);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  const Format format = ParseFormat(a.format);
  const std::string name = app.get_subcommands().front()->get_name();
  if (name == "crs") return RunCrs(a, format);
  if (name == "icans") return RunIcans(a, format);
  if (name == "cres") return RunCres(a, format);
  if (name == "ice") return RunIce(a, format);
  if (name == "capd") return RunCapd(a, format);
  if (name == "hematotox") return RunHematotox(a, format);
  if (name == "easix") return RunEasix(a, format);
  if (name == "series") return RunSeries(a, format);
  if (name == "guidance") {
    PrintGuidance(a.toxicity.empty() ? "" : cl::ToxicityName(*cl::ParseToxicity(a.toxicity)), a.grade, format,
                  std::cout);
    return 0;
  }
  PrintScales(format, std::cout);
  return 0;
}

}  // namespace carta::cli

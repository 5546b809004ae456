// carta tox crs | icans | ice | capd | cres | hematotox | easix | series | guidance | scales:
// the options of carta::clinical's toxicity use cases (clinical/tox.h), one
// patient at a time or over a cohort's daily records.
#include <iostream>
#include <optional>

#include "carta/clinical/tox.h"
#include "commands.h"
#include "common.h"
#include "carta/api/clinical_text.h"

namespace carta::cli {

namespace {

namespace cl = clinical;


// The requests of every subcommand, filled by the options.
struct ToxArgs {
  std::string format;
  cl::CrsRequest crs;
  cl::IcansInput icans;
  cl::CresInput cres;
  cl::IceItems ice;
  cl::CapdRequest capd;
  std::string anc, hemoglobin, platelets, crp, ferritin, ldh, creatinine;  // numbers with optional units
  std::string input;
  double level_percent = 95;
  cl::SeriesView view = cl::SeriesView::kAll;
  cl::GuidanceRequest guidance;
};

void AddGradingCommands(CLI::App& app, ToxArgs* a) {
  auto* crs = app.add_subcommand("crs", "CRS grade (ASTCT 2019): fever, hypotension, hypoxia; JSON names the domains");
  auto* temp_c = AddOptional(crs, "--temp-c", &a->crs.temp_c, "highest temperature, °C");
  AddOptional(crs, "--temp-f", &a->crs.temp_f, "highest temperature, °F")->excludes(temp_c);
  AddName(crs, "--hypotension", &a->crs.hypotension, cl::ParseHypotension,
          "none (default), no-vasopressor, one-vasopressor, multiple-vasopressors");
  AddName(crs, "--hypoxia", &a->crs.hypoxia, cl::ParseOxygenSupport,
          "none (default), low-flow, high-flow, positive-pressure");
  AddOptional(crs, "--oxygen-l-min", &a->crs.oxygen_l_min, "nasal cannula flow, L/min (<= 6 low-flow)");
  crs->add_flag("--after-anticytokine", a->crs.after_anticytokine,
                "antipyretic or anti-cytokine therapy already given: fever no longer required");
  crs->add_flag("--died", a->crs.died, "death due to CRS (grade 5)");
  AddFormatOption(*crs, &a->format);

  auto* icans = app.add_subcommand("icans", "ICANS grade (ASTCT 2019): ICE or CAPD, consciousness, seizure, motor, ICP");
  AddOptional(icans, "--ice", &a->icans.ice, "ICE score 0-10 (age 12 and over)");
  AddOptional(icans, "--capd", &a->icans.capd, "CAPD score 0-32 (children under 12)");
  AddOptional(icans, "--age", &a->icans.age_years, "age in years (under 12: CAPD)");
  icans->add_flag("--developmental-delay", a->icans.developmental_delay, "allows CAPD at 12 and over");
  AddName(icans, "--consciousness", &a->icans.consciousness, cl::ParseConsciousness,
          "alert (default), spontaneous, voice, touch, unarousable");
  AddName(icans, "--seizure", &a->icans.seizure, cl::ParseSeizure, "none (default), rapid, prolonged");
  AddName(icans, "--motor", &a->icans.motor, cl::ParseMotorFinding,
          "none (default), weakness; tremor and myoclonus are accepted, not counted");
  AddName(icans, "--icp", &a->icans.icp, cl::ParseIcpFinding, "none (default), focal-edema, diffuse-edema");
  icans->add_flag("--died", a->icans.died_of_icans, "death due to ICANS (grade 5)");
  AddFormatOption(*icans, &a->format);

  auto* cres = app.add_subcommand("cres", "CRES grade (CARTOX, Neelapu 2018), to read trials graded before ASTCT");
  AddOptional(cres, "--cartox10", &a->cres.cartox10, "CARTOX-10 score 0-10");
  cres->add_flag("--obtunded", a->cres.obtunded, "obtunded or critical, cannot perform the assessment");
  AddName(cres, "--icp", &a->cres.icp, cl::ParseCresIcp, "none (default), papilledema-1-2, papilledema-3-5, edema");
  AddName(cres, "--seizure", &a->cres.seizure, cl::ParseCresSeizure, "none (default), partial, generalized");
  cres->add_flag("--motor-weakness", a->cres.motor_weakness, "new motor weakness");
  AddFormatOption(*cres, &a->format);
}

void AddScoreCommands(CLI::App& app, ToxArgs* a) {
  auto* ice = app.add_subcommand("ice", "ICE score item by item (10 points)");
  ice->add_option("--orientation", a->ice.orientation, "year, month, city, hospital: 0-4")->required();
  ice->add_option("--naming", a->ice.naming, "names 3 objects: 0-3")->required();
  ice->add_option("--commands", a->ice.follows_commands, "follows simple commands: 0-1")->required();
  ice->add_option("--writing", a->ice.writes_sentence, "writes a standard sentence: 0-1")->required();
  ice->add_option("--attention", a->ice.counts_backwards, "counts back from 100 by 10: 0-1")->required();
  AddFormatOption(*ice, &a->format);

  auto* capd = app.add_subcommand("capd", "CAPD score (Traube 2014): 8 items, never|rarely|sometimes|often|always");
  for (size_t i = 0; i < cl::kCapdItems.size(); ++i) {
    AddName(capd, std::string("--") + cl::kCapdItems[i], &a->capd.answers[i], cl::ParseFrequency, "how often")
        ->required();
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
  series->add_option("--level", a->level_percent, "confidence level in percent (default 95)")
      ->check(CLI::Range(50.0, 99.99));
  AddName(series, "--view", &a->view, cl::ParseSeriesView, "all (default), days, patients, summary");
  AddFormatOption(*series, &a->format);

  auto* guidance = app.add_subcommand("guidance", "management by grade (ASCO 2021, review 2.3.1): reference, not advice");
  AddName(guidance, "--toxicity", &a->guidance.toxicity, cl::ParseToxicity, "crs or icans (default both)");
  AddOptional(guidance, "--grade", &a->guidance.grade, "1-4 (default all)")->check(CLI::Range(1, 4));
  AddFormatOption(*guidance, &a->format);

  auto* scales = app.add_subcommand("scales", "how CRS grading scales differ (ASTCT, Lee 2014, Penn, CTCAE, CARTOX)");
  AddFormatOption(*scales, &a->format);
}

// A failure whose field is an option prefixed with it ("--anc: ..."), as the
// measurement options have always been reported.
int FailNamingOption(const Status& s) {
  const std::string& field = s.location().field;
  if (field.empty()) return Fail(s);
  return Fail(s.WithContext("--" + field));
}

// A measurement option read into `*m` unless `*s` has failed already; a
// failure names the request field (and so the option).
void ReadLab(cl::Quantity q, const char* field, const std::string& text, cl::Measurement* m, Status* s) {
  if (!s->ok()) return;
  auto r = cl::ReadMeasurement(q, text);
  if (!r.ok()) *s = r.status().WithField(field);
  else *m = *r;
}

int RunHematotox(const ToxArgs& a, Format format) {
  cl::HematotoxRequest q;
  Status s;
  ReadLab(cl::Quantity::kAnc, "anc", a.anc, &q.anc, &s);
  ReadLab(cl::Quantity::kHemoglobin, "hemoglobin", a.hemoglobin, &q.hemoglobin, &s);
  ReadLab(cl::Quantity::kPlatelets, "platelets", a.platelets, &q.platelets, &s);
  ReadLab(cl::Quantity::kCrp, "crp", a.crp, &q.crp, &s);
  ReadLab(cl::Quantity::kFerritin, "ferritin", a.ferritin, &q.ferritin, &s);
  if (!s.ok()) return FailNamingOption(s);
  auto r = cl::RunHematotox(q);
  if (!r.ok()) return FailNamingOption(r.status());
  PrintHematotox(*r, format, std::cout);
  return 0;
}

int RunEasix(const ToxArgs& a, Format format) {
  cl::EasixRequest q;
  Status s;
  ReadLab(cl::Quantity::kLdh, "ldh", a.ldh, &q.ldh, &s);
  ReadLab(cl::Quantity::kPlatelets, "platelets", a.platelets, &q.platelets, &s);
  if (!a.creatinine.empty()) ReadLab(cl::Quantity::kCreatinine, "creatinine", a.creatinine, &q.creatinine.emplace(), &s);
  if (!a.crp.empty()) ReadLab(cl::Quantity::kCrp, "crp", a.crp, &q.crp.emplace(), &s);
  if (!s.ok()) return FailNamingOption(s);
  auto r = cl::RunEasix(q);
  if (!r.ok()) return FailNamingOption(r.status());
  PrintEasix(*r, format, std::cout);
  return 0;
}

int RunSeries(const ToxArgs& a, Format format) {
  auto text = ReadTextFile(a.input);
  if (!text.ok()) return Fail(text.status());
  auto r = cl::RunSeries({*text, a.input, a.level_percent / 100, a.view});
  if (!r.ok()) return Fail(r.status());
  PrintSeries(*r, format, std::cout);
  return 0;
}

// Prints a result, or fails with its status.
template <typename R, typename P>
int Report(const Result<R>& r, P print, Format format) {
  if (!r.ok()) return Fail(r.status());
  print(*r, format, std::cout);
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
  if (name == "crs") return Report(cl::RunCrs(a.crs), api::PrintCrs, format);
  if (name == "icans") return Report(cl::RunIcans(a.icans), api::PrintIcans, format);
  if (name == "cres") return Report(cl::GradeCres(a.cres), api::PrintCres, format);
  if (name == "ice") return Report(cl::RunIce(a.ice), api::PrintIce, format);
  if (name == "capd") {
    PrintCapd(cl::RunCapd(a.capd), format, std::cout);
    return 0;
  }
  if (name == "hematotox") return RunHematotox(a, format);
  if (name == "easix") return RunEasix(a, format);
  if (name == "series") return RunSeries(a, format);
  if (name == "guidance") return Report(cl::RunGuidance(a.guidance), api::PrintGuidance, format);
  PrintScales(format, std::cout);
  return 0;
}

}  // namespace carta::cli

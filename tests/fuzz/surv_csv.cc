// Harness: `carta surv`'s CSV inputs: patient rows (ParseSurvCsv, then a
// Kaplan-Meier analysis with log-rank and Cox when small), and the digitised
// curve and numbers-at-risk tables of `surv reconstruct`.
#include <string>

#include "carta/survival/analyze.h"
#include "carta/survival/data.h"
#include "carta/survival/reconstruct.h"
#include "fuzz.h"

CARTA_FUZZ_TARGET(surv_csv) {
  const std::string_view text = carta::fuzz::Text(data, size);
  (void)carta::survival::ParseCurveCsv(text, "curve.csv");
  (void)carta::survival::ParseRiskCsv(text, "risk.csv");
  auto rows = carta::survival::ParseSurvCsv(text, "fuzz.csv");
  if (!rows.ok()) return 0;
  FUZZ_CHECK(carta::survival::ValidateSurvData(*rows).ok());
  if (rows->size() > 500) return 0;
  carta::survival::KmRequest request;
  request.input.csv = std::string(text);
  request.input.source = "fuzz.csv";
  request.at = {1.0, 12.0};
  request.rmst_horizon = 0;
  auto km = carta::survival::AnalyzeKaplanMeier(request);
  if (km.ok()) FUZZ_CHECK(!km->groups.empty());
  return 0;
}

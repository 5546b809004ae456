// Harness: `carta meta --csv`'s input (meta::InputFromCsv), with and without
// a moderator column, and a random-effects pool of what it accepts (small
// inputs only, so an execution stays fast).
#include <string>

#include "carta/meta/analysis.h"
#include "carta/meta/run.h"
#include "fuzz.h"

CARTA_FUZZ_TARGET(meta_csv) {
  const std::string_view text = carta::fuzz::Text(data, size);
  (void)carta::meta::InputFromCsv(text, "fuzz.csv", "mods");
  auto input = carta::meta::InputFromCsv(text, "fuzz.csv");
  if (!input.ok() || input->studies.size() > 64) return 0;
  carta::meta::MetaRequest request;
  request.csv_file = "fuzz.csv";
  request.csv_text = std::string(text);
  request.threads = 1;
  auto result = carta::meta::Run(request, nullptr);
  if (result.ok()) FUZZ_CHECK(result->input.studies.size() == input->studies.size());
  return 0;
}

// Survival results in each output format: tables for a terminal, or the JSON
// and CSV of api/survival.h (keys listed in doc/cli.md).
#ifndef CARTA_API_SURVIVAL_TEXT_H_
#define CARTA_API_SURVIVAL_TEXT_H_

#include <iosfwd>

#include "carta/survival/analyze.h"
#include "carta/api/text.h"

namespace carta::api {

// Kaplan–Meier per group, with landmarks, RMST and (2+ groups) the tests.
void PrintKm(const survival::KmAnalysis& r, Format format, std::ostream& out);

// Patient rows (CSV by default) or {"patients", "quality", "preprocessing"}.
// In CSV the notes go to `notes` (stderr) so that the rows can be piped.
void PrintReconstruction(const survival::Reconstruction& r, Format format, std::ostream& out, std::ostream& notes);

// One or more parametric fits.
void PrintFits(const survival::FitModelsResult& r, Format format, std::ostream& out);

void PrintPool(const survival::LandmarkPool& pool, Format format, std::ostream& out);

// Patient data of several studies pooled, stratified by study (pool_ipd.h).
void PrintIpdPool(const survival::IpdPool& pool, Format format, std::ostream& out);

}  // namespace carta::api

#endif  // CARTA_API_SURVIVAL_TEXT_H_

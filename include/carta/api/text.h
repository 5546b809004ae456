// Results as text: the output formats every front end offers (an aligned
// table for a terminal, JSON, CSV) and the table printer. The domain printers
// (meta_text.h, survival_text.h, clinical_text.h) build on these.
#ifndef CARTA_API_TEXT_H_
#define CARTA_API_TEXT_H_

#include <iosfwd>
#include <string>

#include "carta/api/json.h"
#include "carta/api/listing.h"

namespace carta::api {

enum class Format { kTable, kJson, kCsv };

// `l` as an aligned table (cells wrapped at their column's width, CJK-aware),
// as its JSON array, or as its CSV.
void Print(const Listing& l, Format format, std::ostream& out);

// A p-value as metafor prints it: "<.0001" below 1e-4, else four decimals;
// "NA" when not finite.
std::string PValue(double p);

// Pads `s` with spaces to `width` terminal columns (CJK counts two).
std::string PadRight(const std::string& s, int width);

}  // namespace carta::api

#endif  // CARTA_API_TEXT_H_

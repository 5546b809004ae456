// How the command prints: a listing as an aligned text table, or its JSON or
// CSV (encoded by the library, carta::api, as the server's are).
#ifndef CARTA_TOOLS_OUTPUT_H_
#define CARTA_TOOLS_OUTPUT_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "carta/api/json.h"
#include "carta/api/listing.h"

namespace carta::cli {

enum class Format { kTable, kJson, kCsv };

using api::CellText;
using api::Column;
using api::Listing;

// `l` as an aligned table (cells wrapped at their column's width, CJK-aware),
// as api's JSON array, or as api's CSV.
void Print(const Listing& l, Format format, std::ostream& out);

// A p-value as metafor prints it: "<.0001" below 1e-4, else four decimals.
std::string PValue(double p);

// Pads `s` with spaces to `width` terminal columns (CJK counts two).
std::string PadRight(const std::string& s, int width);

}  // namespace carta::cli

#endif  // CARTA_TOOLS_OUTPUT_H_

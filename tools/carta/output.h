// How the command prints: the library's output formats and printers
// (carta/api/text.h), named in the command's namespace.
#ifndef CARTA_TOOLS_OUTPUT_H_
#define CARTA_TOOLS_OUTPUT_H_

#include "carta/api/text.h"

namespace carta::cli {

using api::CellText;
using api::Column;
using api::Format;
using api::Listing;
using api::PadRight;
using api::Print;
using api::PValue;

}  // namespace carta::cli

#endif  // CARTA_TOOLS_OUTPUT_H_

// A streaming XML parse shared by the XML readers other than PubMed's
// (EndNote XML, NLM's MeSH descriptors): expat over an InputStream in fixed
// chunks, element names and text handed to a handler, nesting and text
// bounded. Internal to carta::biblio.
#ifndef CARTA_SRC_BIBLIO_XML_STREAM_H_
#define CARTA_SRC_BIBLIO_XML_STREAM_H_

#include <expat.h>

#include <functional>
#include <string>
#include <string_view>

#include "carta/biblio/input.h"
#include "carta/core/status.h"

namespace carta::biblio {

// What a parse reports. `depth` counts from 1 for the root element.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void OnStart(std::string_view name, const char** atts, size_t depth) = 0;
  virtual void OnEnd(std::string_view name, size_t depth) = 0;
  virtual void OnText(std::string_view text) = 0;
  // A handler that wants the parse to stop returns a non-ok Status here
  // (checked after each chunk and when the parse fails).
  virtual Status error() const { return Status::Ok(); }

  // The line of the element or text being handled (1-based); set by ParseXmlStream.
  int line() const { return parser_ == nullptr ? 0 : static_cast<int>(XML_GetCurrentLineNumber(parser_)); }
  void set_parser(XML_Parser parser) { parser_ = parser; }

 private:
  XML_Parser parser_ = nullptr;
};

// Elements nested deeper than this stop the parse (no export nests past 20).
inline constexpr size_t kMaxXmlDepth = 256;

// Parses `in` (named `name` in messages) to its end. Fails with Corruption
// "name:line: XML is not well formed at column C (byte B): reason" on broken
// XML, on nesting past kMaxXmlDepth, and with the handler's error() once it
// is set; `what_was_read` (e.g. "12 record(s) before it were read") is
// appended to the not-well-formed message.
Status ParseXmlStream(InputStream* in, const std::string& name, XmlHandler* handler,
                      const std::function<std::string()>& what_was_read);

// The value of attribute `name` in expat's attribute list, or "".
std::string_view XmlAttr(const char** atts, const char* name);

// The Corruption a not-well-formed parse reports, with its location.
Status XmlNotWellFormed(XML_Parser parser, const std::string& name, const std::string& what_was_read);

}  // namespace carta::biblio

#endif  // CARTA_SRC_BIBLIO_XML_STREAM_H_

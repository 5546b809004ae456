#include "xml_stream.h"

#include <cstring>
#include <functional>
#include <memory>

namespace carta::biblio {

namespace {

constexpr size_t kChunkBytes = 256 * 1024;

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

// Tracks depth, refuses deep nesting, forwards to the handler.
struct Driver {
  XmlHandler* handler;
  XML_Parser parser;
  const std::string* name;
  size_t depth = 0;
  Status error;
};

void XMLCALL Start(void* data, const XML_Char* element, const XML_Char** atts) {
  auto* d = static_cast<Driver*>(data);
  if (++d->depth > kMaxXmlDepth) {
    SourceLocation where;
    where.file = *d->name;
    where.line = static_cast<int>(XML_GetCurrentLineNumber(d->parser));
    d->error = Status::Corruption(*d->name + ":" + std::to_string(where.line) + ": XML nested deeper than " +
                                  std::to_string(kMaxXmlDepth) + " elements")
                   .WithLocation(where);
    XML_StopParser(d->parser, XML_FALSE);
    return;
  }
  d->handler->OnStart(element, atts, d->depth);
}

void XMLCALL End(void* data, const XML_Char* element) {
  auto* d = static_cast<Driver*>(data);
  d->handler->OnEnd(element, d->depth);
  --d->depth;
}

void XMLCALL Text(void* data, const XML_Char* s, int len) {
  static_cast<Driver*>(data)->handler->OnText(std::string_view(s, static_cast<size_t>(len)));
}

}  // namespace

std::string_view XmlAttr(const char** atts, const char* name) {
  for (; atts && atts[0]; atts += 2) {
    if (std::strcmp(atts[0], name) == 0) return atts[1];
  }
  return "";
}

Status XmlNotWellFormed(XML_Parser parser, const std::string& name, const std::string& what_was_read) {
  SourceLocation where;
  where.file = name;
  where.line = static_cast<int>(XML_GetCurrentLineNumber(parser));
  where.column = static_cast<int>(XML_GetCurrentColumnNumber(parser));
  return Status::Corruption(name + ":" + std::to_string(where.line) + ": XML is not well formed at column " +
                            std::to_string(where.column) + " (byte " +
                            std::to_string(XML_GetCurrentByteIndex(parser)) +
                            "): " + XML_ErrorString(XML_GetErrorCode(parser)) + "; " + what_was_read)
      .WithLocation(where);
}

Status ParseXmlStream(InputStream* in, const std::string& name, XmlHandler* handler,
                      const std::function<std::string()>& what_was_read) {
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate("UTF-8"));
  if (!parser) return Status::Internal("expat: cannot create a parser");
  Driver driver{handler, parser.get(), &name, 0, Status::Ok()};
  handler->set_parser(parser.get());
  XML_SetUserData(parser.get(), &driver);
  XML_SetElementHandler(parser.get(), Start, End);
  XML_SetCharacterDataHandler(parser.get(), Text);
  while (true) {
    void* buffer = XML_GetBuffer(parser.get(), static_cast<int>(kChunkBytes));
    if (buffer == nullptr) return Status::Internal("expat: out of memory");
    size_t n = 0;
    Status s = in->Read(static_cast<char*>(buffer), kChunkBytes, &n);
    if (!s.ok()) return s.WithContext(name);
    if (XML_ParseBuffer(parser.get(), static_cast<int>(n), n == 0) != XML_STATUS_OK) {
      if (!driver.error.ok()) return driver.error;
      if (Status e = handler->error(); !e.ok()) return e;
      return XmlNotWellFormed(parser.get(), name, what_was_read());
    }
    if (Status e = handler->error(); !e.ok()) return e;
    if (n == 0) break;
  }
  return Status::Ok();
}

}  // namespace carta::biblio

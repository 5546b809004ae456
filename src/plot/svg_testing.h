// Test helper for carta::plot: parses an SVG with expat and counts elements
// by class, so tests check well-formedness and marks without a renderer.
#ifndef CARTA_PLOT_SVG_TESTING_H_
#define CARTA_PLOT_SVG_TESTING_H_

#include <expat.h>

#include <map>
#include <string>
#include <vector>

namespace carta::plot::testing {

struct ParsedSvg {
  bool well_formed = false;
  std::string error;                        // expat's message and line when not well formed
  std::string root;                         // name of the root element
  std::map<std::string, int> elements;      // element name -> count
  std::map<std::string, int> classes;       // "element.class" -> count (each class of the attribute)
  std::vector<std::string> texts;           // character data of every <text>, unescaped
  std::vector<std::string> titles;          // character data of every <title>
  bool has_viewbox = false;

  int Count(const std::string& element_dot_class) const {
    auto it = classes.find(element_dot_class);
    return it == classes.end() ? 0 : it->second;
  }
  bool HasText(const std::string& t) const {
    for (const auto& s : texts) if (s == t) return true;
    return false;
  }
  bool HasTextContaining(const std::string& t) const {
    for (const auto& s : texts) if (s.find(t) != std::string::npos) return true;
    return false;
  }
};

namespace internal {
struct State {
  ParsedSvg* out;
  std::vector<std::string> stack;
  std::string chars;
};
inline void Start(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* st = static_cast<State*>(data);
  std::string n = name;
  if (st->stack.empty()) st->out->root = n;
  st->stack.push_back(n);
  st->chars.clear();
  ++st->out->elements[n];
  for (int i = 0; attrs[i]; i += 2) {
    std::string key = attrs[i], value = attrs[i + 1];
    if (key == "viewBox" && st->stack.size() == 1) st->out->has_viewbox = true;
    if (key != "class") continue;
    size_t pos = 0;
    while (pos < value.size()) {
      size_t end = value.find(' ', pos);
      if (end == std::string::npos) end = value.size();
      if (end > pos) ++st->out->classes[n + "." + value.substr(pos, end - pos)];
      pos = end + 1;
    }
  }
}
inline void End(void* data, const XML_Char* name) {
  auto* st = static_cast<State*>(data);
  std::string n = name;
  if (n == "text") st->out->texts.push_back(st->chars);
  if (n == "title") st->out->titles.push_back(st->chars);
  st->stack.pop_back();
  st->chars.clear();
}
inline void Chars(void* data, const XML_Char* s, int len) { static_cast<State*>(data)->chars.append(s, len); }
}  // namespace internal

inline ParsedSvg ParseSvg(const std::string& svg) {
  ParsedSvg out;
  internal::State st{&out, {}, {}};
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, &st);
  XML_SetElementHandler(p, internal::Start, internal::End);
  XML_SetCharacterDataHandler(p, internal::Chars);
  if (XML_Parse(p, svg.data(), static_cast<int>(svg.size()), 1) == XML_STATUS_OK) {
    out.well_formed = true;
  } else {
    out.error = std::string(XML_ErrorString(XML_GetErrorCode(p))) + " at line " +
                std::to_string(XML_GetCurrentLineNumber(p));
  }
  XML_ParserFree(p);
  return out;
}

}  // namespace carta::plot::testing

#endif  // CARTA_PLOT_SVG_TESTING_H_

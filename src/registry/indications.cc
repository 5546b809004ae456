// A registration's conditions (free text as the registry has them) read as
// the evidence base's indications, so that a cohort filed under an
// indication its registration does not list can be found.
#include <algorithm>
#include <array>

#include "carta/core/text.h"
#include "carta/evidence/model.h"
#include "carta/registry/registration.h"

namespace carta::registry {

namespace {

// `s` folded, with every run of characters other than letters and digits
// turned into one space and a space at each end, so that words match whole.
std::string Words(std::string_view s) {
  const std::string folded = text::FoldForMatch(s);
  std::string out = " ";
  for (char c : folded) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
    if (word) {
      out += c;
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

// The words of `s` written wholly in capitals, space-separated ("R/R ALL" -> "R R ALL").
std::string UpperWords(std::string_view s) {
  std::string out, word;
  auto flush = [&] {
    const bool upper = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (upper) out += word + " ";
    word.clear();
  };
  for (char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

bool Has(const std::string& words, std::string_view phrase) { return words.find(phrase) != std::string::npos; }

// Phrases (in Words() form) naming each indication, narrowest first. The
// registries write the same disease many ways: "Lymphoma, Large B-Cell,
// Diffuse", "Diffuse Large B Cell Lymphoma", "DLBCL".
struct Pattern {
  const char* indication;
  std::array<const char*, 5> phrases;
};

constexpr Pattern kPatterns[] = {
    {"B-ALL", {" acute lymphoblastic leuk", " acute lymphocytic leuk", " lymphoblastic leukemia", " b all ", nullptr}},
    {"DLBCL", {" diffuse large b", " large b cell diffuse", " dlbcl ", nullptr, nullptr}},
    {"PMBCL", {" primary mediastinal", " pmbcl ", " mediastinal large b", nullptr, nullptr}},
    {"HGBL", {" high grade b", " hgbl ", " double hit", " triple hit", nullptr}},
    {"LBCL", {" large b cell lymphoma", " lymphoma large b cell", " lbcl ", " transformed follicular", nullptr}},
    {"FL", {" follicular lymphoma", " lymphoma follicular", nullptr, nullptr, nullptr}},
    {"MCL", {" mantle cell", " mantle zone", " mcl ", nullptr, nullptr}},
    {"CLL/SLL", {" chronic lymphocytic", " small lymphocytic", " cll ", " sll ", nullptr}},
    {"MM", {" multiple myeloma", " plasma cell myeloma", " myeloma", nullptr, nullptr}},
    {"B-NHL", {" b cell non hodgkin", " b nhl ", " b cell lymphoma", " lymphoma b cell", nullptr}},
    {"NHL", {" non hodgkin", " nhl ", nullptr, nullptr, nullptr}},
};

// The indications one condition names (a condition may name several:
// "DLBCL and FL"). "Transformed follicular lymphoma" is a large B-cell
// lymphoma, not FL.
std::vector<std::string> IndicationsOfCondition(const std::string& condition) {
  const std::string w = Words(condition);
  std::vector<std::string> out;
  // "ALL" is the disease only in capitals ("R/R ALL"), never the word ("All Solid Tumors").
  if (Has(Words(UpperWords(condition)), " all ")) out.push_back("B-ALL");
  for (const Pattern& p : kPatterns) {
    if (!out.empty() && out[0] == "B-ALL" && std::string(p.indication) == "B-ALL") continue;
    for (const char* phrase : p.phrases) {
      if (phrase == nullptr || !Has(w, phrase)) continue;
      if (std::string(p.indication) == "FL" && Has(w, " transformed follicular")) continue;
      out.push_back(p.indication);
      break;
    }
  }
  // A named narrower indication makes its broader ones redundant ("B-cell NHL: DLBCL" lists DLBCL).
  std::vector<std::string> narrow;
  for (const auto& i : out) {
    const bool covers_another = std::any_of(out.begin(), out.end(), [&](const std::string& j) {
      return j != i && evidence::IndicationWithin(j, i);
    });
    if (!covers_another) narrow.push_back(i);
  }
  return narrow;
}

}  // namespace

std::vector<std::string> IndicationsOf(const Registration& r) {
  std::vector<std::string> out;
  for (const auto& c : r.conditions) {
    for (auto& i : IndicationsOfCondition(c)) {
      if (std::find(out.begin(), out.end(), i) == out.end()) out.push_back(std::move(i));
    }
  }
  return out;
}

std::vector<std::string> UnreadConditions(const Registration& r) {
  std::vector<std::string> out;
  for (const auto& c : r.conditions) {
    if (!IndicationsOfCondition(c).empty()) continue;
    const std::string w = Words(c);
    for (const char* broad : {" lymphoma", " leukemia", " leukaemia", " malignan", " neoplasm", " cancer", " tumor",
                              " tumour", " hematolog", " haematolog", " b cell", " cd19", " bcma"}) {
      if (Has(w, broad)) {
        out.push_back(c);
        break;
      }
    }
  }
  return out;
}

}  // namespace carta::registry

#include "carta/meta/moderators.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "carta/core/text.h"

namespace carta::meta {

namespace {

Status FormulaError(const std::string& message) { return Status::InvalidArgument(message).WithField("mods"); }

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> Split(const std::string& s, const std::string& separators) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (separators.find(c) != std::string::npos) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  for (auto& part : out) part = Trim(part);
  return out;
}

// A variable name: no spaces and none of the formula's operators.
Status CheckVariable(const std::string& name, const std::string& formula) {
  if (name.empty()) return FormulaError("the moderator formula '" + formula + "' has an empty term");
  if (name.find_first_of(" \t~()^-/|") != std::string::npos) {
    return FormulaError("'" + name + "' in the moderator formula '" + formula +
                        "' is not a variable name (terms are joined by +, * or :)");
  }
  return Status::Ok();
}

// Every non-empty subset of `vars` (a*b*c: a, b, c, a:b, a:c, b:c, a:b:c).
std::vector<std::vector<std::string>> AllInteractions(const std::vector<std::string>& vars) {
  std::vector<std::vector<std::string>> out;
  const size_t n = vars.size();
  for (size_t mask = 1; mask < (size_t{1} << n); ++mask) {
    std::vector<std::string> term;
    for (size_t i = 0; i < n; ++i) {
      if (mask & (size_t{1} << i)) term.push_back(vars[i]);
    }
    out.push_back(term);
  }
  return out;
}

// At most this many variables in one "*" term (2^n - 1 terms).
constexpr size_t kMaxCrossed = 6;

}  // namespace

Result<ModeratorFormula> ParseModerators(const std::string& text_in) {
  std::string text = Trim(text_in);
  if (!text.empty() && text[0] == '~') text = Trim(text.substr(1));
  if (text.empty()) return FormulaError("the moderator formula is empty");
  std::vector<std::vector<std::string>> raw;  // terms as variable names
  for (const std::string& piece : Split(text, "+,")) {
    if (piece.find('*') != std::string::npos) {
      std::vector<std::string> vars = Split(piece, "*");
      for (const auto& v : vars) {
        if (Status s = CheckVariable(v, text_in); !s.ok()) return s;
      }
      if (vars.size() > kMaxCrossed) {
        return FormulaError("'" + piece + "' crosses more than " + std::to_string(kMaxCrossed) + " variables");
      }
      for (auto& t : AllInteractions(vars)) raw.push_back(std::move(t));
    } else {
      std::vector<std::string> vars = Split(piece, ":");
      for (const auto& v : vars) {
        if (Status s = CheckVariable(v, text_in); !s.ok()) return s;
      }
      raw.push_back(std::move(vars));
    }
  }
  ModeratorFormula f;
  std::set<std::vector<int>> seen;
  for (const auto& names : raw) {
    ModeratorTerm term;
    for (const auto& name : names) {
      auto it = std::find(f.variables.begin(), f.variables.end(), name);
      if (it == f.variables.end()) {
        f.variables.push_back(name);
        it = f.variables.end() - 1;
      }
      term.variables.push_back(static_cast<int>(it - f.variables.begin()));
    }
    std::sort(term.variables.begin(), term.variables.end());
    term.variables.erase(std::unique(term.variables.begin(), term.variables.end()), term.variables.end());
    if (seen.insert(term.variables).second) f.terms.push_back(std::move(term));
  }
  std::stable_sort(f.terms.begin(), f.terms.end(),
                   [](const ModeratorTerm& a, const ModeratorTerm& b) { return a.variables.size() < b.variables.size(); });
  // Marginality: each interaction's lower-order terms are in the model, so
  // that every categorical variable is coded by treatment contrasts.
  for (const auto& term : f.terms) {
    if (term.variables.size() < 2) continue;
    for (size_t drop = 0; drop < term.variables.size(); ++drop) {
      std::vector<int> lower = term.variables;
      lower.erase(lower.begin() + static_cast<std::ptrdiff_t>(drop));
      if (seen.count(lower)) continue;
      std::vector<std::string> names;
      for (int v : term.variables) names.push_back(f.variables[v]);
      std::vector<std::string> missing;
      for (int v : lower) missing.push_back(f.variables[v]);
      return FormulaError("the interaction " + text::Join(names, ":") + " needs the term " + text::Join(missing, ":") +
                          " in the formula too (write " + text::Join(names, "*") + ")");
    }
  }
  return f;
}

namespace {

// One variable's columns in the design: its values, or one indicator per level but the first.
struct VariableColumns {
  std::vector<std::string> names;
  std::vector<std::vector<double>> columns;  // each k long
};

bool ParseNumber(const std::string& s, double* out) {
  if (auto d = text::ParseDecimal(s)) {
    *out = d->value;
    return true;
  }
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || !end || *end != '\0' || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

Result<VariableColumns> ColumnsOf(const std::string& variable, int index, const std::vector<std::string>& studies,
                                  const std::vector<std::vector<std::string>>& values, bool* numeric) {
  const size_t k = values.size();
  std::vector<double> numbers(k);
  *numeric = true;
  for (size_t i = 0; i < k; ++i) {
    const std::string& s = values[i][static_cast<size_t>(index)];
    if (s.empty()) {
      return FormulaError("study '" + studies[i] + "' has no value of the moderator '" + variable + "'");
    }
    if (!ParseNumber(s, &numbers[i])) *numeric = false;
  }
  VariableColumns out;
  if (*numeric) {
    if (std::all_of(numbers.begin(), numbers.end(), [&](double v) { return v == numbers[0]; })) {
      return FormulaError("the moderator '" + variable + "' takes one value only");
    }
    out.names.push_back(variable);
    out.columns.push_back(std::move(numbers));
    return out;
  }
  std::set<std::string> level_set;
  for (const auto& row : values) level_set.insert(row[static_cast<size_t>(index)]);
  if (level_set.size() < 2) return FormulaError("the moderator '" + variable + "' takes one value only");
  const std::vector<std::string> levels(level_set.begin(), level_set.end());
  for (size_t l = 1; l < levels.size(); ++l) {
    out.names.push_back(variable + levels[l]);
    std::vector<double> indicator(k);
    for (size_t i = 0; i < k; ++i) indicator[i] = values[i][static_cast<size_t>(index)] == levels[l] ? 1 : 0;
    out.columns.push_back(std::move(indicator));
  }
  return out;
}

}  // namespace

Result<ModeratorDesign> DesignOf(const ModeratorFormula& formula, const std::vector<std::string>& studies,
                                 const std::vector<std::vector<std::string>>& values) {
  const size_t k = values.size();
  for (size_t i = 0; i < k; ++i) {
    if (values[i].size() != formula.variables.size()) {
      return FormulaError("study '" + studies[i] + "' does not have a value of every moderator");
    }
  }
  ModeratorDesign d;
  std::vector<VariableColumns> vars;
  for (size_t v = 0; v < formula.variables.size(); ++v) {
    bool numeric = false;
    auto c = ColumnsOf(formula.variables[v], static_cast<int>(v), studies, values, &numeric);
    if (!c.ok()) return c.status();
    vars.push_back(std::move(*c));
    d.numeric.push_back(numeric);
  }
  // The columns, term by term: products over the term's variables, the first varying fastest.
  std::vector<std::vector<double>> columns = {std::vector<double>(k, 1.0)};
  d.names = {"intrcpt"};
  for (const auto& term : formula.terms) {
    std::vector<std::vector<double>> cols = {std::vector<double>(k, 1.0)};
    std::vector<std::string> names = {""};
    for (int v : term.variables) {
      std::vector<std::vector<double>> next_cols;
      std::vector<std::string> next_names;
      for (size_t j = 0; j < vars[v].columns.size(); ++j) {
        for (size_t c = 0; c < cols.size(); ++c) {
          std::vector<double> product(k);
          for (size_t i = 0; i < k; ++i) product[i] = cols[c][i] * vars[v].columns[j][i];
          next_cols.push_back(std::move(product));
          next_names.push_back(names[c].empty() ? vars[v].names[j] : names[c] + ":" + vars[v].names[j]);
        }
      }
      cols = std::move(next_cols);
      names = std::move(next_names);
    }
    for (size_t c = 0; c < cols.size(); ++c) {
      columns.push_back(std::move(cols[c]));
      d.names.push_back(names[c]);
    }
  }
  d.x.reserve(k * columns.size());
  for (size_t i = 0; i < k; ++i) {
    for (const auto& col : columns) d.x.push_back(col[i]);
  }
  return d;
}

}  // namespace carta::meta

// The moderators of a meta-regression as a formula, and the design matrix it
// gives, coded as R codes a model formula for metafor's rma(mods = ~ ...):
// numeric variables as they are, categorical ones by treatment contrasts
// (one indicator per level but the first), interactions as products, with
// metafor's coefficient names ("ablat", "allocrandom", "ablat:allocrandom").
#ifndef CARTA_META_MODERATORS_H_
#define CARTA_META_MODERATORS_H_

#include <string>
#include <vector>

#include "carta/core/status.h"

namespace carta::meta {

// One term of a formula: a main effect (one variable) or an interaction
// (several), as indices into ModeratorFormula::variables, ascending.
struct ModeratorTerm {
  std::vector<int> variables;
};

struct ModeratorFormula {
  std::vector<std::string> variables;  // distinct, in order of first appearance
  std::vector<ModeratorTerm> terms;    // R's order: main effects, then two-way interactions, ...
};

// Parses "a", "a,b", "a + b", "a*b" (a + b + a:b), "a + b + a:b", with an
// optional leading "~" (metafor's mods = ~ a*b). Terms are separated by "+"
// or ","; "*" expands to every sub-interaction, ":" is the interaction alone.
// Fails with InvalidArgument (field "mods") on an empty formula or term, a
// variable name holding a space or one of ~ ( ) ^ - / | (R's functions and
// operators that carta does not evaluate), more than 6 variables crossed in
// one "*", or an interaction
// whose lower-order terms are not in the formula (R would then code a factor
// with all its levels; carta asks for them: "a:b" needs "a + b", i.e. "a*b").
Result<ModeratorFormula> ParseModerators(const std::string& text);

// The design of the formula with an intercept: `values[i][v]` is study i's
// value of variable v. A variable whose values all parse as numbers is
// numeric; any other is categorical, its levels sorted (byte order) and the
// first the reference. Each term's columns are the products of its
// variables' columns, the first variable varying fastest (as R's
// model.matrix). `x` is row-major, k rows of names.size() columns.
struct ModeratorDesign {
  std::vector<double> x;
  std::vector<std::string> names;       // "intrcpt", then metafor's coefficient names
  std::vector<bool> numeric;            // per variable
};

// Fails with InvalidArgument (field "mods") naming the study and variable on
// an empty value, and on a variable with a single value (a numeric constant
// or a single level) that cannot be estimated beside the intercept.
Result<ModeratorDesign> DesignOf(const ModeratorFormula& formula, const std::vector<std::string>& studies,
                                 const std::vector<std::vector<std::string>>& values);

}  // namespace carta::meta

#endif  // CARTA_META_MODERATORS_H_

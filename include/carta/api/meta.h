// The JSON and CSV of meta-analyses (`carta meta`, the server's meta route):
// keys in the order doc/cli.md lists them, numbers null when not finite.
#ifndef CARTA_API_META_H_
#define CARTA_API_META_H_

#include <string>

#include "carta/api/json.h"
#include "carta/api/listing.h"
#include "carta/meta/multilevel.h"
#include "carta/meta/run.h"

namespace carta::api {

// The JSON of the analysis that ran (doc/cli.md, "carta meta"): the pooled
// model with its studies, subgroups, regression and continuity correction;
// leave-one-out, influence, permutation, cumulative and Baujat rows; the
// radial plot's slope and points; GOSH's five-number summaries; the bias tests.
Json ToJson(const meta::MetaResult& r);

// The model of `f` as a JSON object: k, estimate, se, zval (tval with
// Hartung-Knapp), pval, ci_lb, ci_ub, tau2 and its interval, I2, H2, Q,
// Q_df, Q_pval, pi_lb, pi_ub, df (Hartung-Knapp), and with `p` the
// back-transformed prop, prop_ci_lb, prop_ci_ub, prop_pi_lb, prop_pi_ub.
Json ToJson(const meta::FitResult& f, const meta::Proportions* p = nullptr);

// The rows of the analysis as a listing, for CSV (and, for leave-one-out,
// influence and permutations, the JSON rows): pool, one row per study and a
// "pooled" row; leave1out, influence, permtest (the coefficients). Empty
// (no columns) for GOSH and bias.
Listing ToListing(const meta::MetaResult& r);

// GOSH as CSV: one line per subset: subset (0/1 per study, study 1 first),
// k, estimate, tau2, I2, H2, Q with 10 decimals.
std::string GoshCsv(const meta::GoshResult& g);

// A request from JSON: {"analysis": "pool", "outcome": "orr", "target": ...,
// "indication", "product", "location", "by", "mods", "csv_file", "csv_text",
// "measure", "method", "knha", "convention", "level" (a fraction, 0.95),
// "iterations", "subsets", "threads", "cc" (the continuity correction, a
// number >= 0), "cc_to" ("only0", "all", "if0all", "none"), "drop00",
// "order" (cumulative: the column to order by), "columns" (an array of
// extra column names), "random" (the multilevel model's levels,
// "trial/cohort"), "cluster" (a CSV column of the trial), "test" ("z" or
// "t", multilevel only)}; every key optional ("csv_text"
// without "csv_file" is named "request" in messages). Fails with
// InvalidArgument with the key as field on an unknown key, a value of the
// wrong type, or a name that the library does not accept. The combination
// of options is meta::CheckRequest's to judge.
Result<meta::MetaRequest> MetaRequestFromJson(const Json& j);

// The JSON of a multilevel model (doc/cli.md, "carta meta --random"):
// model, measure, method, test, level, conventions, outcome (evidence),
// selection, note, random, k, p, the coefficients (name, estimate, se, zval
// or tval, pval, ci_lb, ci_ub), df (t tests), the components (level, groups,
// sigma2, ci_lb, ci_ub, ci_ub_censored, at_boundary, I2), I2, vt, QE, QE_df,
// QE_pval, with moderators QM, QM_df, QM_df2 (t tests), QM_pval, fit
// (logLik, deviance, AIC, BIC, AICc, parameters), for an intercept-only
// model estimate, ci_lb, ci_ub, pi_lb, pi_ub (and with counts prop,
// prop_ci_lb, prop_ci_ub, prop_pi_lb, prop_pi_ub), the studies (study, each
// level's label, yi, vi, events and n for counts, source) and excluded.
Json ToJson(const meta::MultilevelResult& r);

// One row per study, for CSV: study, one column per level, events, n, yi, vi.
Listing ToListing(const meta::MultilevelResult& r);

// A multilevel request from JSON: the keys of MetaRequestFromJson ("random"
// defaults to "trial/cohort") and "profile_ci" (bool), converted by
// meta::MultilevelRequestOf. Fails as those two do: the key at fault is the
// field, a combination the model does not take included.
Result<meta::MultilevelRequest> MultilevelRequestFromJson(const Json& j);

}  // namespace carta::api

#endif  // CARTA_API_META_H_

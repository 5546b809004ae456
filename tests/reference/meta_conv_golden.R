#!/usr/bin/env Rscript
# Regenerates tests/golden/meta/conv_meta.json and conv_meta_subgroups.json: what R's meta package (8.2-1)
# reports for the data sets below, for `carta meta --convention meta`.
# R meta is not packaged in Debian 12; it builds from its public sources:
#   apt-get install r-cran-metafor r-cran-lme4 r-cran-ggplot2 r-cran-xml2 r-cran-readr \
#     r-cran-dplyr r-cran-purrr r-cran-stringr r-cran-scales r-cran-metadat r-cran-tibble
#   git clone https://github.com/cran/CompQuadForm && git clone https://github.com/guido-s/meta
#   (cd meta && git checkout 8.2-1); mkdir -p /tmp/Rlib
#   R CMD INSTALL -l /tmp/Rlib CompQuadForm && R_LIBS=/tmp/Rlib R CMD INSTALL -l /tmp/Rlib meta
#   R_LIBS=/tmp/Rlib Rscript tests/reference/meta_conv_golden.R
suppressMessages(library(meta))
# Tight stopping rules for rma.uni inside meta, so that the comparison tests carta, not tolerances.
tight <- list(threshold = 1e-15, maxiter = 100000, tol = 1e-15)
stopifnot(packageVersion("meta") == "8.2.1")

out_dir <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "..", "golden", "meta")
num <- function(x) {
  if (length(x) == 0 || is.null(x)) return("null")
  s <- ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x))
  if (length(x) == 1) s else paste0("[", paste(s, collapse = ", "), "]")
}
str_ <- function(x) paste0("\"", x, "\"")
obj <- function(kv) paste0("{", paste(sprintf("\"%s\": %s", names(kv), unlist(kv)), collapse = ", "), "}")
strs <- function(x) paste0("[", paste(str_(x), collapse = ", "), "]")

summary_of <- function(m) {
  list(TE_common = num(m$TE.common), seTE_common = num(m$seTE.common),
       TE_random = num(m$TE.random), seTE_random = num(m$seTE.random),
       lower_random = num(m$lower.random), upper_random = num(m$upper.random),
       tau2 = num(m$tau2), lower_tau2 = num(m$lower.tau2), upper_tau2 = num(m$upper.tau2),
       Q = num(m$Q), df_Q = num(m$df.Q), pval_Q = num(m$pval.Q),
       I2 = num(100 * m$I2), lower_I2 = num(100 * m$lower.I2), upper_I2 = num(100 * m$upper.I2),
       H = num(m$H), lower_predict = num(m$lower.predict), upper_predict = num(m$upper.predict),
       k = num(m$k), k_study = num(m$k.study))
}

cases <- c()
add <- function(name, kind, args, data, m) {
  kv <- c(list(name = str_(name), kind = str_(kind)), args, list(data = data), summary_of(m))
  cases <<- c(cases, obj(kv))
}

# Single-arm proportions: response rates of CAR-T cohorts (n responders of N),
# a set with 0/n and n/n studies, a small set.
prop_sets <- list(
  cd19_orr = list(study = c("ELIANA", "ZUMA-1", "JULIET", "TRANSCEND", "ZUMA-2", "ZUMA-3", "ZUMA-5", "TRANSFORM"),
                  event = c(52, 84, 48, 186, 56, 39, 94, 78), n = c(79, 101, 93, 256, 60, 55, 104, 92)),
  zero_full = list(study = c("a", "b", "c", "d", "e", "f"), event = c(0, 12, 20, 5, 9, 3), n = c(10, 12, 25, 30, 15, 8)),
  small = list(study = c("x", "y", "z"), event = c(7, 18, 11), n = c(10, 30, 14)))
for (nm in names(prop_sets)) {
  d <- prop_sets[[nm]]
  data <- obj(list(study = strs(d$study), event = num(d$event), n = num(d$n)))
  for (sm in c("PLOGIT", "PLN", "PRAW", "PAS", "PFT")) {
    for (tau in c("REML", "DL", "ML")) for (hakn in c(FALSE, TRUE)) {
      m <- metaprop(d$event, d$n, studlab = d$study, sm = sm, method = "Inverse", method.tau = tau,
                    method.random.ci = if (hakn) "HK" else "classic", prediction = TRUE, control = tight)
      add(paste(nm, sm, tau, if (hakn) "HK" else "z"), "prop",
          list(sm = str_(sm), method = str_("Inverse"), method_tau = str_(tau), hakn = if (hakn) "true" else "false"), data, m)
    }
  }
  m <- metaprop(d$event, d$n, studlab = d$study, sm = "PLOGIT", prediction = TRUE)  # meta's default: GLMM
  add(paste(nm, "PLOGIT GLMM"), "prop", list(sm = str_("PLOGIT"), method = str_("GLMM"), method_tau = str_("ML"),
      hakn = "false"), data, m)
}

# Generic yi, vi: the BCG vaccine log risk ratios (Colditz 1994; metafor's dat.bcg).
suppressMessages(library(metafor))
es <- escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bcg <- list(study = paste0("S", es$trial), yi = as.numeric(es$yi), vi = as.numeric(es$vi))
data <- obj(list(study = strs(bcg$study), yi = num(bcg$yi), vi = num(bcg$vi)))
for (tau in c("REML", "DL", "PM", "ML")) for (hakn in c(FALSE, TRUE)) {
  m <- metagen(bcg$yi, sqrt(bcg$vi), studlab = bcg$study, method.tau = tau,
               method.random.ci = if (hakn) "HK" else "classic", prediction = TRUE, control = tight)
  add(paste("bcg", tau, if (hakn) "HK" else "z"), "gen",
      list(sm = str_(""), method = str_("Inverse"), method_tau = str_(tau), hakn = if (hakn) "true" else "false"), data, m)
}

# Two-arm counts: event.e/n.e vs event.c/n.c, with a double-zero study and a
# single-zero study; meta's metabin default: Mantel-Haenszel common effect,
# inverse-variance random effects.
two <- list(study = c("t1", "t2", "t3", "t4", "t5", "t6"), event.e = c(12, 0, 5, 20, 0, 9), n.e = c(40, 25, 30, 60, 18, 35),
            event.c = c(20, 0, 9, 28, 3, 15), n.c = c(41, 24, 31, 58, 20, 33))
data <- obj(list(study = strs(two$study), event_e = num(two$event.e), n_e = num(two$n.e), event_c = num(two$event.c), n_c = num(two$n.c)))
for (sm in c("OR", "RR", "RD")) for (tau in c("REML", "DL")) for (hakn in c(FALSE, TRUE)) {
  m <- metabin(two$event.e, two$n.e, two$event.c, two$n.c, studlab = two$study, sm = sm, method.tau = tau,
               method.random.ci = if (hakn) "HK" else "classic", prediction = TRUE, control = tight)
  add(paste("two_arm", sm, tau, if (hakn) "HK" else "z"), "bin",
      list(sm = str_(sm), method = str_("MH"), method_tau = str_(tau), hakn = if (hakn) "true" else "false"), data, m)
}

writeLines(paste0("[\n", paste(cases, collapse = ",\n"), "\n]\n"), file.path(out_dir, "conv_meta.json"))
cat("wrote", length(cases), "cases to", file.path(out_dir, "conv_meta.json"), "\n")

# Subgroups (meta's subgroup = group, separate tau^2 per subgroup; carta's --by
# under --convention meta): each subgroup's pooled estimate, tau^2 with its
# interval, Q, I^2, H and prediction interval, and the between-subgroup Q of
# the random-effects estimates. Written to conv_meta_subgroups.json.
subgroup_of <- function(m) {
  named <- function(x) obj(setNames(as.list(sapply(x, num)), m$subgroup.levels))
  list(groups = strs(m$subgroup.levels), k = named(m$k.w),
       TE_random = named(m$TE.random.w), seTE_random = named(m$seTE.random.w),
       lower_random = named(m$lower.random.w), upper_random = named(m$upper.random.w),
       tau2 = named(m$tau2.w), lower_tau2 = named(m$lower.tau2.w), upper_tau2 = named(m$upper.tau2.w),
       Q = named(m$Q.w), I2 = named(100 * m$I2.w), H = named(m$H.w),
       lower_predict = named(m$lower.predict.w), upper_predict = named(m$upper.predict.w),
       Q_b = num(m$Q.b.random), df_Q_b = num(m$df.Q.b.random), pval_Q_b = num(m$pval.Q.b.random))
}
sub_cases <- c()
add_sub <- function(name, kind, args, data, m) {
  kv <- c(list(name = str_(name), kind = str_(kind)), args, list(data = data), subgroup_of(m))
  sub_cases <<- c(sub_cases, obj(kv))
}
d <- prop_sets$cd19_orr
d$group <- c("ALL", "LBCL", "LBCL", "LBCL", "ALL", "ALL", "FL", "FL")
data <- obj(list(study = strs(d$study), event = num(d$event), n = num(d$n), group = strs(d$group)))
for (sm in c("PLOGIT", "PRAW", "PFT")) for (tau in c("REML", "DL")) for (hakn in c(FALSE, TRUE)) {
  m <- metaprop(d$event, d$n, studlab = d$study, subgroup = d$group, sm = sm, method = "Inverse", method.tau = tau,
                method.random.ci = if (hakn) "HK" else "classic", prediction = TRUE, prediction.subgroup = TRUE,
                control = tight)
  add_sub(paste("cd19_orr by group", sm, tau, if (hakn) "HK" else "z"), "prop",
          list(sm = str_(sm), method = str_("Inverse"), method_tau = str_(tau), hakn = if (hakn) "true" else "false"),
          data, m)
}
bcg$group <- as.character(dat.bcg$alloc)
data <- obj(list(study = strs(bcg$study), yi = num(bcg$yi), vi = num(bcg$vi), group = strs(bcg$group)))
for (tau in c("REML", "DL", "PM")) for (hakn in c(FALSE, TRUE)) {
  m <- metagen(bcg$yi, sqrt(bcg$vi), studlab = bcg$study, subgroup = bcg$group, method.tau = tau,
               method.random.ci = if (hakn) "HK" else "classic", prediction = TRUE, prediction.subgroup = TRUE,
               control = tight)
  add_sub(paste("bcg by alloc", tau, if (hakn) "HK" else "z"), "gen",
          list(sm = str_(""), method = str_("Inverse"), method_tau = str_(tau), hakn = if (hakn) "true" else "false"),
          data, m)
}
writeLines(paste0("[\n", paste(sub_cases, collapse = ",\n"), "\n]\n"), file.path(out_dir, "conv_meta_subgroups.json"))
cat("wrote", length(sub_cases), "cases to", file.path(out_dir, "conv_meta_subgroups.json"), "\n")

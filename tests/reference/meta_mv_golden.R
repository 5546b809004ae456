#!/usr/bin/env Rscript
# Regenerates tests/golden/meta/mv_*.json: the expected values of carta's
# multilevel model (src/meta/multilevel.cc), computed with metafor's rma.mv
# (metafor 3.8-1) with nested random intercepts, random = ~ 1 | a/b[/c].
#   apt-get install r-cran-metafor && Rscript tests/reference/meta_mv_golden.R
# metafor's optimiser (nlminb on log σ², rel.tol 1e-12; tighter fails to
# converge) stops up to 1e-6 short of the maximum on some sets: its σ² are
# polished by Newton's method on the score (dense matrices, `polish`) and
# every other number is metafor's at the polished σ² (rma.mv with sigma2
# fixed; AIC, BIC, AICc with the free fit's parameter count). The σ²
# intervals are confint()'s (tol 1e-10), or where it fails to converge a
# direct maximisation of the same profile (`sigma2_ci_lb_source`, `..._ub_source`).
# Each file: the data as fitted (yi, vi, the labels of each level, the model
# matrix for moderators) and one entry per model (method x test).
suppressMessages(library(metafor))

out_dir <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "..", "golden", "meta")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
tight <- list(rel.tol = 1e-12, iter.max = 100000, eval.max = 100000)

num <- function(x) {
  if (length(x) == 0) return("null")
  s <- ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x))
  if (length(x) == 1) s else paste0("[", paste(s, collapse = ", "), "]")
}
nums <- function(x) paste0("[", paste(ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x)), collapse = ", "), "]")
str_ <- function(x) paste0("\"", x, "\"")
strs <- function(x) paste0("[", paste(str_(x), collapse = ", "), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(kv), unlist(kv)), collapse = ", "), "}")
}

# The multilevel I² of Cheung (2014) as the metafor FAQ computes it.
i2 <- function(r) {
  W <- diag(1 / r$vi, nrow = r$k)
  X <- model.matrix(r)
  P <- W - W %*% X %*% solve(t(X) %*% W %*% X) %*% t(X) %*% W
  vt <- (r$k - r$p) / sum(diag(P))
  list(total = 100 * sum(r$sigma2) / (sum(r$sigma2) + vt), levels = 100 * r$sigma2 / (sum(r$sigma2) + vt), vt = vt)
}

# The restricted (or full) log-likelihood at σ² as metafor's .ll.rma.mv
# writes it (REMLf = TRUE), with dense matrices: the check of a bound
# where confint() fails.
ll_direct <- function(d, levels, X, s2, method) {
  k <- nrow(d)
  V <- diag(d$vi, nrow = k)
  key <- rep("", k)
  for (j in seq_along(levels)) {
    key <- paste(key, d[[levels[j]]], sep = "\r")
    V <- V + s2[j] * outer(key, key, "==")
  }
  W <- chol2inv(chol(V))
  XWX <- t(X) %*% W %*% X
  b <- solve(XWX, t(X) %*% W %*% d$yi)
  e <- d$yi - X %*% b
  rss <- c(t(e) %*% W %*% e)
  ldV <- c(determinant(V)$modulus)
  if (method == "ML") return(-k / 2 * log(2 * pi) - ldV / 2 - rss / 2)
  p <- ncol(X)
  -(k - p) / 2 * log(2 * pi) + c(determinant(crossprod(X))$modulus) / 2 - ldV / 2 - c(determinant(XWX)$modulus) / 2 - rss / 2
}

# The score ∂ℓ/∂σ²_j = -½ tr(P Z_j Z_j') + ½ y'P Z_j Z_j' P y with dense
# matrices (P = V⁻¹ in the trace for ML).
score_direct <- function(d, levels, X, s2, method) {
  k <- nrow(d)
  V <- diag(d$vi, nrow = k)
  key <- rep("", k)
  Zs <- list()
  for (j in seq_along(levels)) {
    key <- paste(key, d[[levels[j]]], sep = "\r")
    Zs[[j]] <- outer(key, key, "==") * 1
    V <- V + s2[j] * Zs[[j]]
  }
  W <- chol2inv(chol(V))
  P <- W - W %*% X %*% solve(t(X) %*% W %*% X, t(X) %*% W)
  Py <- P %*% d$yi
  Tr <- if (method == "ML") W else P
  sapply(seq_along(levels), function(j) -sum(Tr * Zs[[j]]) / 2 + c(t(Py) %*% Zs[[j]] %*% Py) / 2)
}

# metafor's σ² polished by Newton's method on the score: nlminb on log σ²
# stops up to about 1e-6 (relative) short of the maximum on some of these
# sets (its likelihood is flat there); a component below 1e-8 is held at 0
# while its score is not positive (the boundary maximum).
polish <- function(d, levels, X, s2, method) {
  s <- ifelse(s2 < 1e-8, 0, s2)
  scale <- mean(d$vi)
  for (iter in 1:100) {
    g <- score_direct(d, levels, X, s, method)
    free <- !(s <= 0 & g <= 0)
    if (!any(free)) break
    H <- matrix(0, length(s), length(s))
    for (j in which(free)) {
      h <- 1e-6 * (s[j] + scale)
      e <- replace(rep(0, length(s)), j, h)
      H[, j] <- (score_direct(d, levels, X, s + e, method) - g) / h
    }
    step <- solve(H[free, free, drop = FALSE], -g[free])
    s[free] <- pmax(0, s[free] + step)
    if (max(abs(step) / (s[free] + scale)) < 1e-14) break
  }
  s
}

# The profile-likelihood bound of σ²_j on the side `side` by direct
# maximisation over the other components (optimize / L-BFGS-B) and uniroot.
direct_bound <- function(d, levels, X, hat, j, method, side) {
  others <- setdiff(seq_along(hat), j)
  profile <- function(val) {
    f <- function(o) { s <- hat; s[j] <- val; s[others] <- o; -ll_direct(d, levels, X, s, method) }
    if (length(others) == 1) {
      -optimize(f, c(0, max(10, 100 * max(hat))), tol = 1e-12)$objective
    } else {
      -optim(hat[others], f, method = "L-BFGS-B", lower = 0, control = list(factr = 1, pgtol = 0))$value
    }
  }
  crit <- ll_direct(d, levels, X, hat, method) - qchisq(0.95, 1) / 2
  g <- function(val) profile(val) - crit
  if (side == "lb") {
    if (hat[j] <= 0 || g(0) >= 0) return(0)
    return(uniroot(g, c(0, hat[j]), tol = 1e-12)$root)
  }
  upper <- if (hat[j] <= sqrt(.Machine$double.eps)) 10 else max(10, 100 * hat[j])
  if (g(upper) >= 0) return(upper)
  uniroot(g, c(hat[j], upper), tol = 1e-12)$root
}

model_json <- function(d, levels, formula, mods, method, test) {
  fit <- function(control) {
    if (is.null(mods)) rma.mv(yi, vi, random = formula, data = d, method = method, test = test, control = control)
    else rma.mv(yi, vi, mods = mods, random = formula, data = d, method = method, test = test, control = control)
  }
  r <- tryCatch(fit(tight), error = function(e) fit(list()))
  X <- model.matrix(r)
  s2 <- polish(d, levels, X, r$sigma2, method)
  # Every number below but the σ² intervals from rma.mv with σ² fixed at the polished optimum.
  fixed <- if (is.null(mods)) rma.mv(yi, vi, random = formula, data = d, method = method, test = test, sigma2 = s2)
           else rma.mv(yi, vi, mods = mods, random = formula, data = d, method = method, test = test, sigma2 = s2)
  # confint() refits with the model's control; where the tight fit's refits
  # fail, the fit with metafor's default control is profiled instead.
  r0 <- tryCatch(fit(list()), error = function(e) r)
  lb <- ub <- c()
  ub_censored <- lb_source <- ub_source <- c()
  for (j in seq_along(r$sigma2)) {
    bounds <- c(NA, NA)
    beyond <- FALSE
    for (model in list(r, r0)) {
      ci <- suppressWarnings(try(confint(model, sigma2 = j, control = list(tol = 1e-10)), silent = TRUE))
      if (inherits(ci, "try-error")) next
      if (is.na(bounds[1])) bounds[1] <- ci$random[1, 2]
      if (is.na(bounds[2])) {
        bounds[2] <- ci$random[1, 3]
        beyond <- identical(ci$ub.sign, ">")
      }
      if (!any(is.na(bounds))) break
    }
    src <- ifelse(is.na(bounds), "direct", "confint")
    if (is.na(bounds[1])) bounds[1] <- direct_bound(d, levels, X, s2, j, method, "lb")
    if (is.na(bounds[2])) bounds[2] <- direct_bound(d, levels, X, s2, j, method, "ub")
    # "> bound": confint's search bound is max(10, 100 σ²) at its own σ², unpolished; the
    # golden bound is the same rule at the polished σ².
    upper <- if (s2[j] <= sqrt(.Machine$double.eps)) 10 else max(10, 100 * s2[j])
    censored <- beyond || abs(bounds[2] - upper) < 1e-9 * upper
    if (censored) bounds[2] <- upper
    lb <- c(lb, bounds[1])
    ub <- c(ub, bounds[2])
    ub_censored <- c(ub_censored, if (censored) "true" else "false")
    lb_source <- c(lb_source, src[1])
    ub_source <- c(ub_source, src[2])
  }
  h <- i2(fixed)
  fs <- fixed$fit.stats[, method]
  # metafor counts the free σ² among the parameters (r$parms); the fixed fit does not.
  parms <- r$parms
  n <- if (method == "REML") r$k - r$p else r$k
  nn <- max(n, parms + 2)
  pr <- if (r$p == 1) predict(fixed) else NULL
  obj(method = str_(method), test = str_(test), k = num(r$k), p = num(r$p),
      beta = nums(c(fixed$beta)), se = nums(fixed$se), zval = nums(fixed$zval), pval = nums(fixed$pval),
      ci_lb = nums(fixed$ci.lb), ci_ub = nums(fixed$ci.ub),
      sigma2 = nums(s2), sigma2_metafor = nums(r$sigma2), sigma2_ci_lb = nums(lb), sigma2_ci_ub = nums(ub),
      sigma2_ci_ub_censored = paste0("[", paste(ub_censored, collapse = ", "), "]"), sigma2_ci_lb_source = strs(lb_source), sigma2_ci_ub_source = strs(ub_source),
      nlvls = nums(r$s.nlevels),
      QE = num(fixed$QE), QE_df = num(r$k - r$p), QE_pval = num(fixed$QEp),
      QM = if (r$p > 1) num(fixed$QM) else "null", QM_pval = if (r$p > 1) num(fixed$QMp) else "null",
      logLik = num(fs[1]), deviance = num(fs[2]), AIC = num(-2 * fs[1] + 2 * parms),
      BIC = num(-2 * fs[1] + parms * log(n)), AICc = num(-2 * fs[1] + 2 * parms * nn / (nn - parms - 1)),
      pi_lb = if (is.null(pr)) "null" else num(pr$pi.lb), pi_ub = if (is.null(pr)) "null" else num(pr$pi.ub),
      I2 = num(h$total), I2_levels = nums(h$levels), vt = num(h$vt))
}

# `levels`: the columns of `d` that nest, outermost first; `mods`: a
# one-sided formula or NULL. Models: REML and ML with z, REML with t.
write_mv <- function(name, d, levels, mods = NULL, counts = NULL) {
  formula <- as.formula(paste("~ 1 |", paste(levels, collapse = "/")))
  models <- c(model_json(d, levels, formula, mods, "REML", "z"), model_json(d, levels, formula, mods, "ML", "z"),
              model_json(d, levels, formula, mods, "REML", "t"))
  X <- if (is.null(mods)) NULL else model.matrix(mods, data = d)
  data <- list(yi = nums(d$yi), vi = nums(d$vi), levels = strs(levels),
               labels = paste0("[", paste(sapply(levels, function(l) strs(as.character(d[[l]]))), collapse = ", "), "]"))
  if (!is.null(X)) data <- c(data, list(x = nums(c(t(X))), names = strs(sub("(Intercept)", "intrcpt", colnames(X), fixed = TRUE))))
  if (!is.null(counts)) data <- c(data, counts)
  txt <- paste0("{\"dataset\": ", str_(name), ",\n\"data\": ", do.call(obj, data), ",\n\"models\": [\n  ",
                paste(models, collapse = ",\n  "), "\n]}\n")
  writeLines(txt, file.path(out_dir, paste0("mv_", name, ".json")))
}

# Cohorts nested in trials with single-arm counts: `trials` trials of 1 to
# `most` cohorts (one cohort for the first trial), logit rates with
# between-trial sd `s1` and within-trial sd `s2`.
sim_counts <- function(seed, trials, most, s1, s2, base = 0.6) {
  set.seed(seed)
  sizes <- c(1, sample(1:most, trials - 1, replace = TRUE))
  trial <- rep(sprintf("T%02d", seq_len(trials)), sizes)
  cohort <- unlist(lapply(sizes, function(s) sprintf("c%d", seq_len(s))))
  u <- rnorm(trials, 0, s1)[as.integer(factor(trial))]
  w <- rnorm(length(trial), 0, s2)
  n <- sample(15:120, length(trial), replace = TRUE)
  events <- rbinom(length(trial), n, plogis(qlogis(base) + u + w))
  data.frame(trial = trial, cohort = cohort, events = events, n = n,
             indication = sample(c("ALL", "LBCL", "MM"), length(trial), replace = TRUE))
}

counts_json <- function(d) list(events = nums(d$events), n = nums(d$n))

# Same for yi/vi directly.
sim_generic <- function(seed, trials, most, s1, s2) {
  set.seed(seed)
  sizes <- c(1, sample(1:most, trials - 1, replace = TRUE))
  trial <- rep(sprintf("T%03d", seq_len(trials)), sizes)
  cohort <- unlist(lapply(sizes, function(s) sprintf("c%d", seq_len(s))))
  k <- length(trial)
  vi <- runif(k, 0.01, 0.2)
  dose <- round(runif(k, 1, 10), 1)
  yi <- 0.3 + 0.05 * dose + rnorm(trials, 0, s1)[as.integer(factor(trial))] + rnorm(k, 0, s2) + rnorm(k, 0, sqrt(vi))
  data.frame(trial = trial, cohort = cohort, yi = yi, vi = vi, dose = dose)
}

# The first seed whose REML fit puts component `j` at 0 (metafor: below 1e-8).
zero_seed <- function(make, j) {
  for (seed in 1:500) {
    d <- make(seed)
    r <- rma.mv(yi, vi, random = ~ 1 | trial/cohort, data = d)
    if (r$sigma2[j] < 1e-8) return(d)
  }
  stop("no seed gives a zero component")
}

k11 <- dat.konstantopoulos2011
write_mv("konstantopoulos", k11, c("district", "school"))
write_mv("konstantopoulos_year", k11, c("district", "school"), mods = ~ year)

a16 <- dat.assink2016
write_mv("assink", a16, c("study", "esid"))
write_mv("assink_deltype", a16, c("study", "esid"), mods = ~ deltype)

b07 <- escalc(measure = "OR", ai = waward, n1i = wtotal, ci = maward, n2i = mtotal, data = dat.bornmann2007)
write_mv("bornmann_or", b07, c("study", "obs"))

plo <- escalc(measure = "PLO", xi = events, ni = n, data = sim_counts(17, 20, 4, 0.5, 0.3))
write_mv("cohorts_plo", plo, c("trial", "cohort"), counts = counts_json(plo))
write_mv("cohorts_plo_indication", plo, c("trial", "cohort"), mods = ~ indication, counts = counts_json(plo))
pr <- escalc(measure = "PR", xi = events, ni = n, data = sim_counts(23, 15, 3, 0.1, 0.06, base = 0.5))
write_mv("cohorts_pr", pr, c("trial", "cohort"), counts = counts_json(pr))

zero_events <- sim_counts(5, 12, 3, 0.8, 0.4, base = 0.15)
zero_events$events[c(2, 5)] <- 0
zero_events$events[7] <- zero_events$n[7]
ze <- escalc(measure = "PLO", xi = events, ni = n, data = zero_events)
write_mv("cohorts_plo_zero_events", ze, c("trial", "cohort"), counts = counts_json(ze))

write_mv("trial_sigma_zero", zero_seed(function(s) sim_generic(s, 12, 3, 0, 0.3), 1), c("trial", "cohort"))
write_mv("cohort_sigma_zero", zero_seed(function(s) sim_generic(s, 12, 3, 0.4, 0), 2), c("trial", "cohort"))

small <- data.frame(trial = c("A", "B", "B", "C", "C"), cohort = c("1", "1", "2", "1", "2"),
                    yi = c(0.2, 0.5, 0.9, -0.1, 0.4), vi = c(0.04, 0.03, 0.05, 0.02, 0.06))
write_mv("small", small, c("trial", "cohort"))

big <- sim_generic(101, 90, 6, 0.3, 0.2)
write_mv("large", big, c("trial", "cohort"))
write_mv("large_dose", big, c("trial", "cohort"), mods = ~ dose)

three <- sim_generic(7, 30, 4, 0.3, 0.2)
set.seed(8)
three$site <- sprintf("S%02d", as.integer(factor(three$trial)) %% 9)
write_mv("three_levels", three, c("site", "trial", "cohort"))

# Two trials far apart: the profile of σ²_trial has not fallen at
# max(10, 100 σ²) when the search stops, and confint() reports "> bound".
censored <- data.frame(trial = c("T1", "T1", "T2", "T2"), cohort = c("a", "b", "a", "b"),
                       yi = c(0.1, 0.3, 5.6, 5.5), vi = 0.01)
write_mv("censored_bound", censored, c("trial", "cohort"))

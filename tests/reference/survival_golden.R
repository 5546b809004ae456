#!/usr/bin/env Rscript
# Regenerates tests/golden/survival/*.{csv,json}: the expected values of
# carta's survival module, computed with R's survival package (Therneau).
#   Rscript tests/reference/survival_golden.R      (R 4.2, survival 3.5-3)
# Every dataset is written as a CSV (time,event[,group]) beside its JSON, so
# the C++ tests read exactly the numbers R saw. Iterative fits run to tight
# tolerances so that the comparison at 1e-6 tests carta, not stopping rules.
suppressMessages(library(survival))
invisible(Sys.setlocale("LC_COLLATE", "C"))  # factor levels in byte order, as carta sorts them

out_dir <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "..", "golden", "survival")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

num <- function(x, scalar = FALSE) {
  x <- as.numeric(x)
  s <- ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x))
  if (scalar && length(x) == 1) s else paste0("[", paste(s, collapse = ", "), "]")
}
str_ <- function(x) paste0("\"", x, "\"")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(kv), unlist(kv)), collapse = ", "), "}")
}
arr <- function(items) paste0("[\n  ", paste(items, collapse = ",\n  "), "\n]")

write_csv <- function(name, d) {
  cols <- intersect(c("time", "event", "group"), names(d))
  write.csv(d[, cols], file.path(out_dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
}

# --- Kaplan-Meier, median, landmarks, RMST --------------------------------

km_json <- function(d, conf_type, landmarks, horizon) {
  f <- survfit(Surv(time, event) ~ 1, data = d, conf.type = conf_type)
  tab <- summary(f, rmean = horizon)$table
  lm <- summary(f, times = landmarks)
  obj(conf_type = str_(conf_type),
      time = num(f$time), n_risk = num(f$n.risk), n_event = num(f$n.event), n_censor = num(f$n.censor),
      surv = num(f$surv), std_err = num(f$std.err), lower = num(f$lower), upper = num(f$upper),
      median = num(tab["median"], TRUE), median_lcl = num(tab["0.95LCL"], TRUE), median_ucl = num(tab["0.95UCL"], TRUE),
      rmst_horizon = num(horizon, TRUE), rmst = num(tab["rmean"], TRUE), rmst_se = num(tab["se(rmean)"], TRUE),
      landmark_time = num(lm$time), landmark_n_risk = num(lm$n.risk), landmark_surv = num(lm$surv),
      landmark_std_err = num(lm$std.err), landmark_lower = num(lm$lower), landmark_upper = num(lm$upper))
}

logrank_json <- function(d) {
  s <- survdiff(Surv(time, event) ~ group, data = d)
  obj(groups = paste0("[", paste(str_(sub("group=", "", names(s$n))), collapse = ", "), "]"),
      n = num(s$n), observed = num(s$obs), expected = num(s$exp), variance = num(s$var),
      chisq = num(s$chisq, TRUE), df = num(sum(s$exp > 0) - 1, TRUE), pval = num(s$pvalue, TRUE))
}

cox_json <- function(d, strata = FALSE) {
  formula <- if (strata) Surv(time, event) ~ group + strata(stratum) else Surv(time, event) ~ group
  f <- coxph(formula, data = d, ties = "efron",
             control = coxph.control(eps = 1e-14, iter.max = 200, toler.chol = 1e-15))
  s <- summary(f)
  obj(terms = paste0("[", paste(str_(sub("^group", "", names(coef(f)))), collapse = ", "), "]"),
      coef = num(coef(f)), se = num(sqrt(diag(f$var))), hr = num(exp(coef(f))),
      hr_lb = num(s$conf.int[, "lower .95"]), hr_ub = num(s$conf.int[, "upper .95"]),
      z = num(s$coefficients[, "z"]), pval = num(s$coefficients[, "Pr(>|z|)"]), variance = num(f$var),
      loglik_null = num(f$loglik[1], TRUE), loglik = num(f$loglik[2], TRUE),
      lr = num(s$logtest["test"], TRUE), lr_pval = num(s$logtest["pvalue"], TRUE),
      wald = num(f$wald.test, TRUE), wald_pval = num(pchisq(f$wald.test, length(coef(f)), lower.tail = FALSE), TRUE),
      score = num(s$sctest["test"], TRUE), score_pval = num(s$sctest["pvalue"], TRUE))
}

write_km_dataset <- function(name, d, landmarks, horizon) {
  write_csv(name, d)
  groups <- if ("group" %in% names(d)) sort(unique(as.character(d$group))) else ""
  items <- c()
  for (g in groups) {
    dg <- if (g == "") d else d[d$group == g, ]
    for (ct in c("log", "plain", "log-log")) {
      items <- c(items, sub("^\\{", paste0("{\"group\": ", str_(g), ", "), km_json(dg, ct, landmarks, horizon)))
    }
  }
  txt <- paste0("{\"dataset\": ", str_(name), ", \"n\": ", nrow(d), ",\n\"km\": ", arr(items))
  if (length(groups) > 1) {
    txt <- paste0(txt, ",\n\"logrank\": ", logrank_json(d), ",\n\"cox\": ", cox_json(d))
  }
  writeLines(paste0(txt, "}\n"), file.path(out_dir, paste0(name, ".json")))
}

# AML maintenance chemotherapy (Miller 1981): 23 patients, tied times, two groups.
write_km_dataset("aml", data.frame(time = aml$time, event = aml$status, group = as.character(aml$x)),
                 landmarks = c(0, 5, 12, 24, 36), horizon = 48)
# NCCTG advanced lung cancer (Loprinzi 1994), by ECOG score: four groups, one of a single patient.
lung_d <- lung[!is.na(lung$ph.ecog), ]
write_km_dataset("lung_ecog", data.frame(time = lung_d$time, event = lung_d$status - 1, group = as.character(lung_d$ph.ecog)),
                 landmarks = c(90, 180, 365, 730), horizon = 730)
# VA lung cancer trial (Kalbfleisch & Prentice 1980) by cell type: four groups, many ties.
write_km_dataset("veteran", data.frame(time = veteran$time, event = veteran$status, group = as.character(veteran$celltype)),
                 landmarks = c(30, 100, 365), horizon = 500)
# Ovarian cancer (Edmonson 1979), by treatment: the curve stays above 0.5 (median not reached in a group).
write_km_dataset("ovarian", data.frame(time = ovarian$futime, event = ovarian$fustat, group = as.character(ovarian$rx)),
                 landmarks = c(100, 365, 730), horizon = 1000)
# Hand-made: the curve is flat at exactly 0.5 (median is a midpoint), then ends in an event (S = 0).
write_km_dataset("flat_half", data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 9), event = c(1, 1, 1, 1, 1, 0, 1, 0, 1, 1)),
                 landmarks = c(0, 2.5, 5, 9), horizon = 12)

# --- Parametric fits --------------------------------------------------------
# survreg() for the families it shares with carta (its location-scale form on
# log t: carta's log_scale = intercept, log_shape = -log(scale)); a direct
# maximisation of the log likelihood, written out here, for the Gompertz and
# the generalised gamma (flexsurv's parameterisation; flexsurv is not needed).

survreg_json <- function(d, dist) {
  f <- survreg(Surv(time, event) ~ 1, data = d, dist = dist,
               control = survreg.control(rel.tolerance = 1e-14, maxiter = 1000))
  obj(dist = str_(dist), intercept = num(coef(f)[1], TRUE),
      log_scale = num(if (dist == "exponential") NA else log(f$scale), TRUE),
      var = num(vcov(f)), loglik = num(f$loglik[2], TRUE))
}

loglik_gompertz <- function(p, d) {
  a <- p[1]; b <- exp(p[2]); t <- d$time
  H <- if (abs(a) < 1e-12) b * t else b / a * expm1(a * t)
  sum(d$event * (p[2] + a * t)) - sum(H)
}
loglik_gengamma <- function(p, d) {
  mu <- p[1]; sigma <- exp(p[2]); q <- p[3]; t <- d$time
  w <- (log(t) - mu) / sigma; g <- 1 / q^2; u <- g * exp(q * w)
  logf <- log(abs(q)) - log(sigma) - log(t) + g * log(g) - lgamma(g) + g * (q * w - exp(q * w))
  logs <- if (q > 0) pgamma(u, g, lower.tail = FALSE, log.p = TRUE) else pgamma(u, g, log.p = TRUE)
  sum(d$event * logf + (1 - d$event) * logs)
}

# optim() to the top, then Newton steps on a Richardson-extrapolated numerical
# gradient and Hessian, so the estimates are converged to ~1e-9.
num_grad <- function(f, p, h = 1e-3 * pmax(1, abs(p))) {
  sapply(seq_along(p), function(i) {
    e <- replace(numeric(length(p)), i, 1)
    c1 <- (f(p + h[i] * e) - f(p - h[i] * e)) / (2 * h[i])
    c2 <- (f(p + h[i] / 2 * e) - f(p - h[i] / 2 * e)) / h[i]
    (4 * c2 - c1) / 3
  })
}
num_hess <- function(f, p, h = 1e-2 * pmax(1, abs(p))) {
  k <- length(p); H <- matrix(0, k, k)
  for (i in 1:k) for (j in 1:k) {
    second <- function(s) {
      ei <- replace(numeric(k), i, h[i] * s); ej <- replace(numeric(k), j, h[j] * s)
      (f(p + ei + ej) - f(p + ei - ej) - f(p - ei + ej) + f(p - ei - ej)) / (4 * h[i] * h[j] * s^2)
    }
    H[i, j] <- (4 * second(0.5) - second(1)) / 3
  }
  H
}
# Hessian steps are 1/30 of a standard error (the Gompertz shape is per day: ~1e-4).
direct_fit <- function(ll, start, d, parscale) {
  f <- function(p) ll(p, d)
  o <- optim(start, function(p) -f(p), method = "Nelder-Mead",
             control = list(reltol = 1e-14, maxit = 20000, parscale = parscale))
  o <- optim(o$par, function(p) -f(p), method = "BFGS", control = list(reltol = 1e-16, maxit = 10000, parscale = parscale))
  p <- o$par
  h <- 1e-2 * parscale
  for (it in 1:3) h <- sqrt(diag(solve(-num_hess(f, p, h)))) / 30
  for (it in 1:20) p <- p - solve(num_hess(f, p, h), num_grad(f, p, h))
  list(par = p, var = solve(-num_hess(f, p, h)), loglik = f(p))
}
direct_json <- function(d, dist) {
  ev <- sum(d$event); rate <- ev / sum(d$time)
  r <- if (dist == "gompertz") direct_fit(loglik_gompertz, c(0, log(rate)), d, c(rate, 1)) else {
    w <- survreg(Surv(time, event) ~ 1, data = d, dist = "weibull")
    direct_fit(loglik_gengamma, c(coef(w)[[1]], log(w$scale), 1), d, c(1, 1, 1))
  }
  obj(dist = str_(dist), estimate = num(r$par), var = num(r$var), loglik = num(r$loglik, TRUE))
}

gbsg_d <- read.csv(file.path(out_dir, "gbsg_rfs.csv"))
gbsg_d <- data.frame(time = gbsg_d$rfstime, event = gbsg_d$status)
param_sets <- list(aml = read.csv(file.path(out_dir, "aml.csv")), lung_ecog = read.csv(file.path(out_dir, "lung_ecog.csv")),
                   veteran = read.csv(file.path(out_dir, "veteran.csv")), gbsg = gbsg_d)
items <- c()
for (nm in names(param_sets)) {
  d <- param_sets[[nm]]
  fits <- c(sapply(c("exponential", "weibull", "loglogistic", "lognormal"), function(di) survreg_json(d, di)),
            sapply(c("gompertz", "gengamma"), function(di) direct_json(d, di)))
  items <- c(items, paste0("{\"dataset\": ", str_(nm), ", \"fits\": [\n    ", paste(fits, collapse = ",\n    "), "]}"))
}
writeLines(paste0("{\"parametric\": ", arr(items), "}\n"), file.path(out_dir, "parametric.json"))

# --- Cure models ---------------------------------------------------------------
# An independent check of the cure fits beside Stata's printed values
# (gbsg_cure_expected.json, whose standard errors carry Stata's numerical-
# derivative error of ~4e-5): the same models maximised here in Stata's
# parameterisation (Weibull PH: S_u = exp(-lambda t^gamma)).
weibull_ph <- function(p, t) list(S = exp(-exp(p[3]) * t^exp(p[2])),
                                  f = exp(p[3]) * exp(p[2]) * t^(exp(p[2]) - 1) * exp(-exp(p[3]) * t^exp(p[2])))
loglik_mixture_wph <- function(p, d) {
  pi <- plogis(p[1]); u <- weibull_ph(p, d$time)
  sum(d$event * log((1 - pi) * u$f) + (1 - d$event) * log(pi + (1 - pi) * u$S))
}
loglik_nonmixture_wph <- function(p, d) {
  pi <- plogis(p[1]); u <- weibull_ph(p, d$time); S <- pi^(1 - u$S)
  sum(d$event * log(-log(pi) * u$f * S) + (1 - d$event) * log(S))
}
loglik_mixture_lnorm_identity <- function(p, d) {
  pi <- p[1]; Su <- plnorm(d$time, p[2], exp(p[3]), lower.tail = FALSE); fu <- dlnorm(d$time, p[2], exp(p[3]))
  sum(d$event * log((1 - pi) * fu) + (1 - d$event) * log(pi + (1 - pi) * Su))
}
cure_json <- function(name, ll, start, parscale) {
  r <- direct_fit(ll, start, gbsg_d, parscale)
  obj(name = str_(name), estimate = num(r$par), se = num(sqrt(diag(r$var))), loglik = num(r$loglik, TRUE))
}
cures <- c(cure_json("weibullPH_mixture_logistic", loglik_mixture_wph, c(-0.47, 0.45, -11.1), c(0.16, 0.06, 0.6)),
           cure_json("weibullPH_nonmixture_logistic", loglik_nonmixture_wph, c(-0.52, 0.51, -12.2), c(0.18, 0.06, 0.6)),
           cure_json("lognormal_mixture_identity", loglik_mixture_lnorm_identity, c(0.28, 6.98, -0.09), c(0.07, 0.13, 0.08)))
writeLines(paste0("{\"cure\": ", arr(cures), "}\n"), file.path(out_dir, "cure_direct.json"))

# --- Stratified Cox: patient data pooled from several studies ------------------
# One baseline hazard per stratum (coxph's strata()): veteran's treatment arms
# with cell type as the stratum, standing in for studies.
vs <- data.frame(time = veteran$time, event = veteran$status, group = paste0("trt", veteran$trt),
                 stratum = as.character(veteran$celltype))
write.csv(vs, file.path(out_dir, "veteran_strata.csv"), row.names = FALSE, quote = FALSE)
writeLines(paste0("{\"cox\": ", cox_json(vs, strata = TRUE), "}\n"), file.path(out_dir, "veteran_strata.json"))

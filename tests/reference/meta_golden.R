#!/usr/bin/env Rscript
# Regenerates tests/golden/meta/*.json: the expected values of carta's
# meta-analysis engine, computed with R's metafor (Viechtbauer 2010).
#   apt-get install r-cran-metafor && Rscript tests/reference/meta_golden.R
# Iterative estimators and root finders are run to tight tolerances so that
# the comparison at 1e-6 tests carta, not the stopping rules.
suppressMessages(library(metafor))

out_dir <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "..", "golden", "meta")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
tight <- list(threshold = 1e-15, maxiter = 100000, tol = 1e-15)

num <- function(x) {
  if (length(x) == 0) return("null")
  s <- ifelse(is.na(x) | !is.finite(x), "null", sprintf("%.17g", x))
  if (length(x) == 1) s else paste0("[", paste(s, collapse = ", "), "]")
}
str_ <- function(x) paste0("\"", x, "\"")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf("\"%s\": %s", names(kv), unlist(kv)), collapse = ", "), "}")
}
arr <- function(items) paste0("[\n  ", paste(items, collapse = ",\n  "), "\n]")

methods <- c("EE", "DL", "HE", "HS", "HSk", "SJ", "ML", "REML", "EB", "PM", "PMM")

fit_json <- function(yi, vi, method, knha, transf = NULL, targs = NULL) {
  r <- rma(yi, vi, method = method, test = if (knha) "knha" else "z", control = tight)
  re <- !(method %in% c("EE", "FE"))
  ci <- if (re && r$k > 1) confint(r, control = list(tol = 1e-15))$random else matrix(NA, 4, 3)
  pr <- predict(r)
  fields <- list(method = str_(method), knha = if (knha) "true" else "false",
    k = num(r$k), estimate = num(c(r$beta)), se = num(r$se), zval = num(r$zval), pval = num(r$pval),
    ci_lb = num(r$ci.lb), ci_ub = num(r$ci.ub), tau2 = num(r$tau2), se_tau2 = num(r$se.tau2),
    tau2_ci_lb = num(ci[1, 2]), tau2_ci_ub = num(ci[1, 3]),
    I2 = num(r$I2), I2_ci_lb = num(ci[3, 2]), I2_ci_ub = num(ci[3, 3]),
    H2 = num(r$H2), H2_ci_lb = num(ci[4, 2]), H2_ci_ub = num(ci[4, 3]),
    Q = num(r$QE), Q_df = num(r$k - r$p), Q_pval = num(r$QEp),
    pi_lb = num(pr$pi.lb), pi_ub = num(pr$pi.ub), weights = num(weights(r)))
  if (!is.null(transf)) {
    pt <- predict(r, transf = transf, targs = targs)
    fields <- c(fields, list(prop = num(pt$pred), prop_ci_lb = num(pt$ci.lb), prop_ci_ub = num(pt$ci.ub),
                             prop_pi_lb = num(pt$pi.lb), prop_pi_ub = num(pt$pi.ub)))
  }
  do.call(obj, fields)
}

write_generic <- function(name, study, yi, vi, meths = methods) {
  fits <- c()
  for (m in meths) for (kh in c(FALSE, TRUE)) {
    if (kh && m == "EE") next
    fits <- c(fits, fit_json(yi, vi, m, kh))
  }
  txt <- paste0("{\"dataset\": ", str_(name), ", \"input\": ", obj(study = paste0("[", paste(str_(study), collapse = ", "), "]"),
                yi = num(yi), vi = num(vi)), ",\n\"fits\": ", arr(fits), "}\n")
  writeLines(txt, file.path(out_dir, paste0(name, ".json")))
}

transfs <- list(PR = NULL, PLN = transf.exp.int, PLO = transf.ilogit, PAS = transf.iarcsin, PFT = transf.ipft.hm)
write_props <- function(name, study, xi, ni, measure, meths = methods) {
  es <- escalc(measure = measure, xi = xi, ni = ni)
  tf <- transfs[[measure]]
  if (measure == "PLN") tf <- exp
  targs <- if (measure == "PFT") list(ni = ni) else NULL
  fits <- c()
  for (m in meths) for (kh in c(FALSE, TRUE)) {
    if (kh && m == "EE") next
    fits <- c(fits, fit_json(es$yi, es$vi, m, kh, transf = if (is.null(tf)) function(x) x else tf, targs = targs))
  }
  txt <- paste0("{\"dataset\": ", str_(name), ", \"measure\": ", str_(measure), ", \"input\": ",
                obj(study = paste0("[", paste(str_(study), collapse = ", "), "]"), events = num(xi), n = num(ni)),
                ",\n\"escalc\": ", obj(yi = num(c(es$yi)), vi = num(es$vi)),
                ",\n\"fits\": ", arr(fits), "}\n")
  writeLines(txt, file.path(out_dir, paste0(name, ".json")))
}

# 1. BCG vaccine trials (metafor's classic example), log risk ratios.
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
write_generic("bcg_logrr", paste(bcg$author, bcg$year), c(bcg$yi), bcg$vi)

# 2. The review's CD19 cohorts with an ORR and n (carta's evidence base, Table 3 and text);
#    events = round(ORR% x n / 100), as carta derives them.
cd19 <- data.frame(
  study = c("eliana", "zuma4-tecartus", "zuma3-breyanzi", "hy001201-yuanruida", "juliet", "zuma-yescarta",
            "zuma1", "chictr2100047990-yescarta", "zuma12", "transcend-nhl-001-lbcl", "zuma7-yikaida",
            "relma-cel-china-ind-lbcl", "zuma5", "eliana5-elara", "reliance-fl", "transcend-fl", "zuma2",
            "transcend-nhl-001-mcl", "transcend-cll", "wang-ball-23", "cibmtr-ball-451", "cd19-cd22-ball-51", "auto1"),
  n = c(79, 24, 45, 39, 115, 180, 101, 90, 37, 270, 180, 59, 104, 94, 28, 94, 68, 68, 23, 23, 451, 51, 20),
  orr = c(81, 67, 69, 64.1, 53, 83, 82, 83.2, 89, 73, 83, 60.3, 92, 86.2, 100, 95.7, 91, 83.1, 82, 82, 86.8, 72.2, 85))
cd19$events <- round(cd19$orr * cd19$n / 100)
for (m in c("PLO", "PR", "PFT", "PAS", "PLN")) {
  write_props(paste0("cd19_orr_", tolower(m)), cd19$study, cd19$events, cd19$n, m,
              meths = if (m == "PLO") methods else c("EE", "DL", "REML", "PM"))
}

# 3. Edge cases.
write_props("two_studies_plo", c("a", "b"), c(12, 30), c(20, 40), "PLO")
write_props("zero_and_full_plo", c("a", "b", "c", "d", "e"), c(0, 20, 7, 15, 3), c(20, 20, 30, 25, 12), "PLO",
            meths = c("EE", "DL", "REML", "ML", "PM"))
write_props("zero_and_full_pr", c("a", "b", "c", "d", "e"), c(0, 20, 7, 15, 3), c(20, 20, 30, 25, 12), "PR",
            meths = c("EE", "DL", "REML"))
write_props("homogeneous_plo", c("a", "b", "c", "d"), c(40, 41, 39, 40), c(80, 82, 79, 81), "PLO",
            meths = c("EE", "DL", "REML", "ML", "PM", "SJ"))
write_props("extreme_plo", c("a", "b", "c", "d", "e", "f"), c(5, 95, 50, 10, 2, 70), c(100, 100, 100, 50, 60, 75),
            "PLO")
bcma <- data.frame(study = c("gc-ltfu-001-abecma", "cartitude1", "fumanba1", "lummicar1", "chictr-opc16009113", "legend2"),
                   n = c(128, 97, 103, 14, 30, 74), orr = c(73, 97.9, 96.1, 100, 90, 87.8))
bcma$events <- round(bcma$orr * bcma$n / 100)
write_props("bcma_orr_plo", bcma$study, bcma$events, bcma$n, "PLO")

# 4. Subgroups of the CD19 ORR cohorts by indication (PLO, REML): a common tau^2 (mixed-effects
#    model with the indication as a factor) and separate tau^2 per subgroup.
grp <- c("B-ALL", "B-ALL", "B-ALL", "B-ALL", "LBCL", "LBCL", "LBCL", "LBCL", "LBCL", "LBCL", "LBCL", "LBCL",
         "FL", "FL", "FL", "FL", "MCL", "MCL", "CLL/SLL", "B-ALL", "B-ALL", "B-ALL", "B-ALL")
es <- escalc(measure = "PLO", xi = cd19$events, ni = cd19$n)
common <- rma(es$yi, es$vi, mods = ~ factor(grp) - 1, method = "REML", control = tight)
common_int <- rma(es$yi, es$vi, mods = ~ factor(grp), method = "REML", control = tight)
sub <- c()
ests <- c(); ses <- c(); lv <- sort(unique(grp))
for (g in lv) {
  r <- rma(es$yi[grp == g], es$vi[grp == g], method = "REML", control = tight)
  ests <- c(ests, c(r$beta)); ses <- c(ses, r$se)
  sub <- c(sub, obj(group = str_(g), k = num(r$k), estimate = num(c(r$beta)), se = num(r$se), tau2 = num(r$tau2),
                    ci_lb = num(r$ci.lb), ci_ub = num(r$ci.ub), Q = num(r$QE), I2 = num(r$I2)))
}
between <- rma(ests, sei = ses, mods = ~ factor(lv), method = "FE")
txt <- paste0("{\"dataset\": \"cd19_orr_by_indication\", \"groups\": [", paste(str_(lv), collapse = ", "), "],\n",
              "\"common_tau2\": ", obj(tau2 = num(common$tau2), estimates = num(c(common$beta)), se = num(common$se),
                                       QM = num(common_int$QM), QM_df = num(common_int$QMdf[1]), QM_pval = num(common_int$QMp),
                                       QE = num(common$QE), QE_pval = num(common$QEp)), ",\n",
              "\"separate\": ", arr(sub), ",\n",
              "\"test_between\": ", obj(Q = num(between$QM), df = num(between$QMdf[1]), pval = num(between$QMp)), "}\n")
writeLines(txt, file.path(out_dir, "cd19_orr_by_indication.json"))
cat("wrote", length(list.files(out_dir)), "files to", out_dir, "\n")

# 5. Leave-one-out (metafor's leave1out) on the BCG trials, REML.
r <- rma(bcg$yi, bcg$vi, method = "REML", control = tight)
l1 <- leave1out(r, control = tight)
rows <- c()
for (i in seq_along(l1$estimate)) {
  rows <- c(rows, obj(estimate = num(l1$estimate[i]), se = num(l1$se[i]), pval = num(l1$pval[i]), ci_lb = num(l1$ci.lb[i]),
                      ci_ub = num(l1$ci.ub[i]), Q = num(l1$Q[i]), tau2 = num(l1$tau2[i]), I2 = num(l1$I2[i])))
}
writeLines(paste0("{\"dataset\": \"bcg_leave1out\", \"rows\": ", arr(rows), "}\n"), file.path(out_dir, "bcg_leave1out.json"))

# 6. Publication bias: Egger's regression test, the rank correlation test and trim-and-fill
#    (Hackshaw 1998 passive smoking data, metafor's trimfill example; and the CD19 ORR cohorts).
bias_json <- function(name, yi, vi, method) {
  r <- rma(yi, vi, method = method, control = tight)
  eg <- regtest(r)
  rk <- suppressWarnings(ranktest(r))
  tf <- trimfill(r, control = tight)
  fill <- tf$fill
  obj(dataset = str_(name), method = str_(method),
      egger_zval = num(eg$zval), egger_pval = num(eg$pval), egger_limit = num(c(eg$est)),
      egger_limit_ci_lb = num(eg$ci.lb), egger_limit_ci_ub = num(eg$ci.ub),
      rank_tau = num(unname(rk$tau)), rank_pval = num(rk$pval),
      tf_k0 = num(tf$k0), tf_se_k0 = num(tf$se.k0), tf_side = str_(tf$side),
      tf_estimate = num(c(tf$beta)), tf_se = num(tf$se), tf_ci_lb = num(tf$ci.lb), tf_ci_ub = num(tf$ci.ub),
      tf_tau2 = num(tf$tau2), tf_filled_yi = num(tf$yi[fill]), tf_filled_vi = num(tf$vi[fill]))
}
hack <- escalc(measure = "OR", yi = yi, vi = vi, data = dat.hackshaw1998)
es <- escalc(measure = "PLO", xi = cd19$events, ni = cd19$n)
items <- c(bias_json("hackshaw", c(hack$yi), hack$vi, "REML"), bias_json("hackshaw", c(hack$yi), hack$vi, "EE"),
           bias_json("bcg", c(bcg$yi), bcg$vi, "REML"), bias_json("cd19_orr_plo", c(es$yi), es$vi, "REML"),
           bias_json("cd19_orr_plo", c(es$yi), es$vi, "DL"))
writeLines(paste0("{\"dataset\": \"bias\", \"hackshaw\": ", obj(yi = num(c(hack$yi)), vi = num(hack$vi)),
                  ",\n\"tests\": ", arr(items), "}\n"), file.path(out_dir, "bias.json"))

# 7. Meta-regression: BCG trials with absolute latitude (continuous) and allocation (factor).
mr_json <- function(name, mods, method, knha) {
  r <- rma(bcg$yi, bcg$vi, mods = mods, method = method, test = if (knha) "knha" else "z", control = tight)
  obj(name = str_(name), method = str_(method), knha = if (knha) "true" else "false",
      beta = num(c(r$beta)), se = num(r$se), zval = num(r$zval), pval = num(r$pval), ci_lb = num(r$ci.lb),
      ci_ub = num(r$ci.ub), tau2 = num(r$tau2), QM = num(r$QM), QM_df = num(r$QMdf[1]), QM_pval = num(r$QMp),
      QE = num(r$QE), QE_pval = num(r$QEp), I2 = num(r$I2), R2 = num(r$R2))
}
X_lat <- cbind(1, dat.bcg$ablat)
X_alloc <- model.matrix(~ factor(dat.bcg$alloc))
items <- c(mr_json("ablat", ~ dat.bcg$ablat, "REML", FALSE), mr_json("ablat", ~ dat.bcg$ablat, "REML", TRUE),
           mr_json("ablat", ~ dat.bcg$ablat, "DL", FALSE), mr_json("ablat", ~ dat.bcg$ablat, "ML", FALSE),
           mr_json("alloc", ~ factor(dat.bcg$alloc), "REML", FALSE), mr_json("ablat_year", ~ dat.bcg$ablat + dat.bcg$year, "REML", FALSE))
writeLines(paste0("{\"dataset\": \"metareg_bcg\", \"ablat\": ", num(dat.bcg$ablat), ", \"year\": ", num(dat.bcg$year),
                  ", \"alloc\": [", paste(str_(dat.bcg$alloc), collapse = ", "), "],\n\"fits\": ", arr(items), "}\n"),
           file.path(out_dir, "metareg_bcg.json"))

# 8. GOSH (Olkin et al. 2012) over all subsets of the first 10 BCG trials, REML and DL.
#    Subset number m (1..1023) holds trial i when bit i-1 of m is set (expand.grid's order).
for (m in c("REML", "DL")) {
  r <- rma(bcg$yi[1:10], bcg$vi[1:10], method = m, control = tight)
  gs <- gosh(r, progbar = FALSE)
  masks <- apply(gs$incl, 1, function(z) sum(2^(which(z) - 1)))
  writeLines(paste0("{\"dataset\": \"gosh_bcg10\", \"method\": ", str_(m), ", \"mask\": ", num(masks),
                    ", \"estimate\": ", num(gs$res$estimate), ", \"tau2\": ", num(gs$res$tau2), ", \"I2\": ", num(gs$res$I2),
                    ", \"H2\": ", num(gs$res$H2), ", \"Q\": ", num(gs$res$QE), "}\n"),
             file.path(out_dir, paste0("gosh_bcg10_", tolower(m), ".json")))
}

# 9. Exact permutation tests (Follmann & Proschan 1999): sign flips of the first 8 BCG trials
#    (intercept only), and permutations of absolute latitude among the first 7 (meta-regression).
r8 <- rma(bcg$yi[1:8], bcg$vi[1:8], method = "REML", control = tight)
p8 <- permutest(r8, exact = TRUE, progbar = FALSE)
# (a threshold of 1e-15 makes one of metafor's 2,520 refits fail to converge; 1e-10 is plenty for counts)
r7 <- rma(bcg$yi[1:7], bcg$vi[1:7], mods = ~ dat.bcg$ablat[1:7], method = "REML",
          control = list(threshold = 1e-10, maxiter = 10000))
p7 <- permutest(r7, exact = TRUE, iter = 10000, progbar = FALSE)
r8k <- rma(bcg$yi[1:8], bcg$vi[1:8], method = "DL", test = "knha", control = tight)
p8k <- permutest(r8k, exact = TRUE, progbar = FALSE)
writeLines(paste0("{\"dataset\": \"permutest_bcg\",\n",
                  "\"intercept_reml\": ", obj(pval = num(p8$pval), QMp = num(p8$QMp)), ",\n",
                  "\"intercept_dl_knha\": ", obj(pval = num(p8k$pval), QMp = num(p8k$QMp)), ",\n",
                  "\"ablat_reml\": ", obj(ablat = num(dat.bcg$ablat[1:7]), pval = num(p7$pval), QMp = num(p7$QMp)), "}\n"),
           file.path(out_dir, "permutest_bcg.json"))

# 10. The binomial-normal model (rma.glmm, measure PLO, nAGQ = 7) with lme4's Nelder-Mead run to tight
#     tolerances. lme4 stops where the likelihood is flat to ~1e-9, so its τ² is good to ~1e-5 only.
ctrl <- list(glmerCtrl = list(optimizer = "Nelder_Mead",
                              optCtrl = list(FtolAbs = 1e-14, FtolRel = 1e-15, XtolRel = 1e-12, maxfun = 1e5)))
glmm_json <- function(name, xi, ni) {
  r <- rma.glmm(measure = "PLO", xi = xi, ni = ni, control = ctrl)
  obj(dataset = str_(name), events = num(xi), n = num(ni), estimate = num(c(r$beta)), se = num(r$se),
      ci_lb = num(r$ci.lb), ci_ub = num(r$ci.ub), tau2 = num(r$tau2), I2 = num(r$I2), H2 = num(r$H2),
      lrt = num(r$QE.LRT), lrt_pval = num(r$QEp.LRT))
}
items <- c(glmm_json("cd19_orr", cd19$events, cd19$n), glmm_json("bcma_orr", bcma$events, bcma$n),
           glmm_json("zero_and_full", c(0, 20, 7, 15, 3), c(20, 20, 30, 25, 12)),
           glmm_json("extreme", c(5, 95, 50, 10, 2, 70), c(100, 100, 100, 50, 60, 75)))
writeLines(paste0("{\"dataset\": \"glmm\", \"fits\": ", arr(items), "}\n"), file.path(out_dir, "glmm.json"))

# 11. Two-arm measures (escalc RR, OR, RD) and REML fits: the BCG trials' counts, and a set with zero cells.
two_json <- function(name, ai, n1, ci, n2) {
  items <- c()
  for (m in c("RR", "OR", "RD")) {
    e <- escalc(measure = m, ai = ai, n1i = n1, ci = ci, n2i = n2)
    r <- rma(e$yi, e$vi, method = "REML", control = tight)
    items <- c(items, obj(measure = str_(m), yi = num(c(e$yi)), vi = num(e$vi), estimate = num(c(r$beta)), se = num(r$se),
                          tau2 = num(r$tau2), ci_lb = num(r$ci.lb), ci_ub = num(r$ci.ub)))
  }
  paste0("{\"dataset\": ", str_(name), ", \"events1\": ", num(ai), ", \"n1\": ", num(n1), ", \"events2\": ", num(ci),
         ", \"n2\": ", num(n2), ", \"fits\": ", arr(items), "}")
}
txt <- paste0("[", two_json("bcg", dat.bcg$tpos, dat.bcg$tpos + dat.bcg$tneg, dat.bcg$cpos, dat.bcg$cpos + dat.bcg$cneg), ",\n",
              two_json("zero_cells", c(4, 0, 10, 5, 7), c(50, 30, 40, 5, 60), c(8, 3, 10, 2, 12), c(50, 30, 45, 6, 58)), "]\n")
writeLines(txt, file.path(out_dir, "two_arm.json"))

# 12. Influence diagnostics (Viechtbauer & Cheung 2010; metafor's influence()) on the BCG trials:
#     intercept-only REML, and with absolute latitude as a moderator.
inf_json <- function(name, r) {
  inf <- influence(r)
  obj(name = str_(name), rstudent = num(inf$inf$rstudent), dffits = num(inf$inf$dffits), cook_d = num(inf$inf$cook.d),
      cov_r = num(inf$inf$cov.r), tau2_del = num(inf$inf$tau2.del), QE_del = num(inf$inf$QE.del), hat = num(inf$inf$hat),
      weight = num(inf$inf$weight), dfbs_intrcpt = num(inf$dfbs[[1]]))
}
items <- c(inf_json("intercept_reml", rma(bcg$yi, bcg$vi, method = "REML", control = tight)),
           inf_json("ablat_reml", rma(bcg$yi, bcg$vi, mods = ~ dat.bcg$ablat, method = "REML", control = tight)),
           inf_json("intercept_dl", rma(bcg$yi, bcg$vi, method = "DL", control = tight)))
writeLines(paste0("{\"dataset\": \"influence_bcg\", \"ablat\": ", num(dat.bcg$ablat), ", \"diagnostics\": ", arr(items), "}\n"),
           file.path(out_dir, "influence_bcg.json"))

# 4. ML and REML whose likelihood falls from tau^2 = 0 and rises again to a higher
#    maximum further out (proportions with 0/n or n/n studies on the log scale; issue 17).
#    Found by a search over random binomial data sets; metafor reaches the interior maximum.
ml_beyond <- list(list(c(10, 2, 22, 4), c(39, 5, 22, 5)),
                  list(c(37, 15, 27, 15, 11, 7), c(38, 15, 34, 18, 15, 7)),
                  list(c(7, 1, 0, 0, 0, 5), c(16, 15, 28, 6, 10, 10)),
                  list(c(3, 1, 14, 28, 3), c(33, 9, 17, 28, 8)),
                  list(c(2, 0, 29, 12), c(5, 16, 30, 35)))
for (i in seq_along(ml_beyond)) {
  xi <- ml_beyond[[i]][[1]]; ni <- ml_beyond[[i]][[2]]
  write_props(paste0("ml_beyond_zero_", i), paste0("S", seq_along(xi)), xi, ni, "PLN", meths = c("ML", "REML"))
}

# 5. Small-study tests at k = 3 where trim-and-fill trims down to one study (issue 17).
y3 <- c(-0.961933, -0.292526, 0.258788); v3 <- c(0.071070, 0.154354, 0.293029)
writeLines(paste0("{\"dataset\": \"bias_k3\", \"input\": ", obj(yi = num(y3), vi = num(v3)),
                  ",\n\"tests\": ", arr(c(bias_json("k3", y3, v3, "REML"), bias_json("k3", y3, v3, "DL"))), "}\n"),
           file.path(out_dir, "bias_k3.json"))

# 6. Meta-regression with several moderators and interactions (issue 17): the
#    formulas as carta's --mods takes them, fitted by rma(mods = ~ ..., data = d)
#    on a data frame whose columns are named as the CSV's, so that metafor's
#    coefficient names ("allocrandom", "ablat:allocrandom") are the ones to match.
#    era is a second factor made from year (before 1965 or not), decade the year
#    rescaled (REML on ablat*year does not converge at this threshold in metafor:
#    its products reach 1e5). Fisher scoring takes half steps (stepadj).
d <- data.frame(ablat = dat.bcg$ablat, year = dat.bcg$year, alloc = dat.bcg$alloc,
                era = ifelse(dat.bcg$year < 1965, "early", "late"), decade = (dat.bcg$year - 1900) / 10,
                stringsAsFactors = FALSE)
form_json <- function(formula, method, knha) {
  r <- rma(bcg$yi, bcg$vi, mods = as.formula(paste("~", formula)), data = d, method = method,
           test = if (knha) "knha" else "z", control = c(tight, list(stepadj = 0.5)))
  obj(formula = str_(formula), method = str_(method), knha = if (knha) "true" else "false",
      names = paste0("[", paste(str_(rownames(r$beta)), collapse = ", "), "]"),
      beta = num(c(r$beta)), se = num(r$se), zval = num(r$zval), pval = num(r$pval), ci_lb = num(r$ci.lb),
      ci_ub = num(r$ci.ub), tau2 = num(r$tau2), QM = num(r$QM), QM_df = num(r$QMdf[1]), QM_df2 = num(r$QMdf[2]),
      QM_pval = num(r$QMp), QE = num(r$QE), QE_pval = num(r$QEp), I2 = num(r$I2), R2 = num(r$R2))
}
# carta's spelling of each formula (what --mods takes) beside R's.
forms <- list(c("ablat,year", "ablat + year"), c("ablat*alloc", "ablat * alloc"),
              c("~ ablat + alloc + ablat:alloc", "ablat + alloc + ablat:alloc"), c("alloc*era", "alloc * era"),
              c("ablat*decade", "ablat * decade"), c("era + ablat", "era + ablat"))
items <- c()
for (f in forms) for (m in c("REML", "DL")) for (kh in c(FALSE, TRUE)) {
  items <- c(items, sub("^\\{", paste0("{\"mods\": ", str_(f[1]), ", "), form_json(f[2], m, kh)))
}
strs <- function(x) paste0("[", paste(str_(x), collapse = ", "), "]")
writeLines(paste0("{\"dataset\": \"metareg_formula\", \"data\": ",
                  obj(ablat = strs(sprintf("%.17g", d$ablat)), year = strs(sprintf("%.17g", d$year)),
                      alloc = strs(d$alloc), era = strs(d$era), decade = strs(sprintf("%.17g", d$decade))),
                  ",\n\"fits\": ", arr(items), "}\n"), file.path(out_dir, "metareg_formula.json"))

# 7. Continuity-correction choices (issue 17): escalc's add, to and drop00 on
#    single-arm counts with 0/n and n/n studies and on two-arm counts with a
#    double-zero and a double-full study, each pooled by REML. "add": null is
#    escalc's default (0.5; 0 for PAS and PFT). Combinations whose effect is
#    undefined without a correction (PLO, PLN, RR, OR with to = "none") are
#    left out: carta refuses them rather than dropping studies.
cc_case <- function(measure, add, to, drop00, e) {
  r <- rma(e$yi, e$vi, method = "REML", control = tight)
  obj(measure = str_(measure), add = num(add), to = str_(to), drop00 = if (drop00) "true" else "false",
      yi = num(c(e$yi)), vi = num(e$vi), k = num(r$k), estimate = num(c(r$beta)), se = num(r$se), tau2 = num(r$tau2))
}
cc_x <- c(0, 20, 7, 15, 3, 12); cc_n <- c(20, 20, 30, 25, 12, 40)
items <- c()
for (m in c("PLO", "PR", "PLN", "PAS", "PFT")) {
  for (a in list(NULL, 0.25, 1)) for (to in c("only0", "all", "if0all", "none")) {
    if (to == "none" && m %in% c("PLO", "PLN")) next
    e <- if (is.null(a)) escalc(measure = m, xi = cc_x, ni = cc_n, to = to)
         else escalc(measure = m, xi = cc_x, ni = cc_n, add = a, to = to)
    items <- c(items, cc_case(m, a, to, FALSE, e))
  }
}
cc_a <- c(4, 0, 10, 5, 7, 0, 9); cc_n1 <- c(50, 30, 40, 5, 60, 20, 9)
cc_c <- c(8, 3, 10, 2, 12, 0, 11); cc_n2 <- c(50, 30, 45, 6, 58, 25, 11)
two <- c()
for (m in c("RR", "OR", "RD")) {
  for (a in list(NULL, 0.1)) for (to in c("only0", "all", "if0all", "none")) for (d00 in c(FALSE, TRUE)) {
    if (to == "none" && m != "RD") next
    e <- if (is.null(a)) escalc(measure = m, ai = cc_a, n1i = cc_n1, ci = cc_c, n2i = cc_n2, to = to, drop00 = d00)
         else escalc(measure = m, ai = cc_a, n1i = cc_n1, ci = cc_c, n2i = cc_n2, add = a, to = to, drop00 = d00)
    two <- c(two, cc_case(m, a, to, d00, e))
  }
}
writeLines(paste0("{\"dataset\": \"continuity_correction\",\n\"single\": ", obj(events = num(cc_x), n = num(cc_n)),
                  ",\n\"two_arm\": ", obj(events1 = num(cc_a), n1 = num(cc_n1), events2 = num(cc_c), n2 = num(cc_n2)),
                  ",\n\"cases\": ", arr(c(items, two)), "}\n"), file.path(out_dir, "continuity_correction.json"))

# 8. Cumulative meta-analysis (metafor's cumul(), issue 17): the BCG trials
#    ordered by year (REML; DL with Knapp-Hartung), and single-arm counts in
#    input order on the logit scale with the back-transformed estimates.
cum_json <- function(name, r, ord, transf = NULL) {
  # cumul() looks its order up by name (non-standard evaluation): a global.
  assign("cum_order", if (is.null(ord)) seq_len(r$k) else ord, envir = .GlobalEnv)
  x <- cumul(r, order = cum_order)
  fields <- list(name = str_(name), method = str_(r$method), knha = if (r$test == "knha") "true" else "false",
                 estimate = num(x$estimate), se = num(x$se), zval = num(if (is.null(x$zval)) x$tval else x$zval), pval = num(x$pvals),
                 ci_lb = num(x$ci.lb), ci_ub = num(x$ci.ub), Q = num(x$Q), Q_pval = num(x$Qp), tau2 = num(x$tau2),
                 I2 = num(x$I2), H2 = num(x$H2))
  if (!is.null(transf)) {
    xt <- cumul(r, order = cum_order, transf = transf)
    fields <- c(fields, list(prop = num(xt$estimate), prop_ci_lb = num(xt$ci.lb), prop_ci_ub = num(xt$ci.ub)))
  }
  do.call(obj, fields)
}
cum_x <- c(12, 30, 7, 4, 20, 0, 18); cum_n <- c(20, 40, 30, 15, 25, 12, 30)
cum_es <- escalc(measure = "PLO", xi = cum_x, ni = cum_n)
items <- c(cum_json("bcg_year_reml", rma(bcg$yi, bcg$vi, method = "REML", control = tight), dat.bcg$year),
           cum_json("bcg_year_dl_knha", rma(bcg$yi, bcg$vi, method = "DL", test = "knha", control = tight), dat.bcg$year),
           cum_json("counts_plo_reml", rma(cum_es$yi, cum_es$vi, method = "REML", control = tight), NULL, transf.ilogit))
writeLines(paste0("{\"dataset\": \"cumulative\", \"bcg\": ",
                  obj(study = paste0("[", paste(str_(paste(bcg$author, bcg$year)), collapse = ", "), "]"),
                      yi = num(c(bcg$yi)), vi = num(bcg$vi), year = num(dat.bcg$year)),
                  ",\n\"counts\": ", obj(events = num(cum_x), n = num(cum_n)),
                  ",\n\"fits\": ", arr(items), "}\n"), file.path(out_dir, "cumulative.json"))

# 9. The binomial-normal model's profile-likelihood interval for tau^2 in sets with
#    0/n and n/n studies (issue 17: carta's upper bound stopped at 6 to 23 where the
#    profile goes on to 31 to 39,578). metafor 3.8-1 has no confint() for rma.glmm,
#    so the profile is computed here from lme4's own deviance (the model rma.glmm
#    fits: glmer(cbind(x, n - x) ~ 1 + (1 | study), nAGQ = 7)): for each theta = tau
#    the best beta, the maximum over theta, and the roots of 2(l_max - l(theta)) =
#    qchisq(level, 1). lme4's deviance is flat to ~1e-10 near the top, so tau^2 is good
#    to ~1e-4 relative and the bounds to ~1e-5.
if (requireNamespace("lme4", quietly = TRUE)) {
  glmm_profile <- function(xi, ni, level) {
    d <- data.frame(x = xi, m = ni - xi, study = factor(seq_along(xi)))
    dev <- lme4::glmer(cbind(x, m) ~ 1 + (1 | study), data = d, family = binomial, nAGQ = 7, devFunOnly = TRUE)
    prof <- function(theta) -optimize(function(b) dev(c(theta, b)), c(-30, 30), tol = 1e-12)$objective / 2
    opt <- optimize(function(t) -prof(t), c(0, 50), tol = 1e-12)
    th <- opt$minimum; ll <- -opt$objective
    if (prof(0) >= ll) { th <- 0; ll <- prof(0) }
    g <- function(t) prof(t) - (ll - qchisq(level, 1) / 2)
    ub <- uniroot(g, c(max(th, 1e-8), 1000), tol = 1e-12)$root
    lb <- if (th == 0 || g(0) >= 0) 0 else uniroot(g, c(0, th), tol = 1e-12)$root
    c(th^2, lb^2, ub^2)
  }
  sets <- list(list(c(0, 0, 5, 12, 3), c(10, 15, 20, 25, 8)), list(c(0, 10, 2, 0, 7), c(12, 10, 30, 8, 9)),
               list(c(0, 20, 7, 15, 3), c(20, 20, 30, 25, 12)), list(c(0, 1, 14, 0, 9, 30), c(25, 30, 16, 10, 9, 31)),
               list(c(0, 0, 12, 1), c(10, 20, 12, 5)), list(bcma$events, bcma$n))
  items <- c()
  for (s in sets) for (level in c(0.95, 0.90)) {
    p <- glmm_profile(s[[1]], s[[2]], level)
    items <- c(items, obj(events = num(s[[1]]), n = num(s[[2]]), level = num(level), tau2 = num(p[1]),
                          tau2_ci_lb = num(p[2]), tau2_ci_ub = num(p[3])))
  }
  writeLines(paste0("{\"dataset\": \"glmm_profile\", \"sets\": ", arr(items), "}\n"), file.path(out_dir, "glmm_profile.json"))
}

# 10. Baujat and radial plots' values (issue 17): metafor's baujat() (x: contribution to
#     Q, y: influence on the estimate) and radial() (x = 1/sqrt(vi + tau2), y = yi/sqrt(vi +
#     tau2)) on the BCG trials (REML; DL with Knapp-Hartung; EE), drawn to a null device.
pdf(NULL)
diag_json <- function(name, r) {
  b <- baujat(r)
  rd <- radial(r)
  obj(name = str_(name), method = str_(r$method), knha = if (r$test == "knha") "true" else "false",
      baujat_x = num(b$x), baujat_y = num(b$y), radial_x = num(rd$x), radial_y = num(rd$y),
      estimate = num(c(r$beta)), ci_lb = num(r$ci.lb), ci_ub = num(r$ci.ub), tau2 = num(r$tau2))
}
items <- c(diag_json("bcg_reml", rma(bcg$yi, bcg$vi, method = "REML", control = tight)),
           diag_json("bcg_dl_knha", rma(bcg$yi, bcg$vi, method = "DL", test = "knha", control = tight)),
           diag_json("bcg_ee", rma(bcg$yi, bcg$vi, method = "EE", control = tight)))
invisible(dev.off())
writeLines(paste0("{\"dataset\": \"diagnostic_plots\", \"input\": ", obj(yi = num(c(bcg$yi)), vi = num(bcg$vi)),
                  ",\n\"plots\": ", arr(items), "}\n"), file.path(out_dir, "diagnostic_plots.json"))

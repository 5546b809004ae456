# The carta::sim CAR-T equations (doc/model.md) in R deSolve, for the
# time-per-patient comparison of bench/sim.sh: the same fourteen states (the
# dividing-cell cytokines, myeloid pool, produced-cell count and proliferative
# program, the ICANS signal and the antigen-low clone included), the same
# parameters (axi-cel in LBCL at its fitted potency, random effects with the same SDs), a 5-year
# horizon, lsoda at rtol 1e-5 and atol 1 cell, output at the start and end.
# Events are not modelled here (no tocilizumab, steroids, extinction or
# progression stop): R integrates the whole horizon, as carta does when
# nothing stops it. Usage: Rscript sim_desolve.R [PATIENTS]
suppressMessages(library(deSolve))
args <- commandArgs(trailingOnly = TRUE)
n <- if (length(args) > 0) as.integer(args[1]) else 200

rhs <- function(t, y, p) {
  y <- pmax(y, 0)
  D <- y[1]; E <- y[2]; P <- y[3]; M <- y[4]; Tp <- y[5]; Tn <- y[6]; L <- y[7]; N <- y[8]
  IL6 <- y[9]; A <- y[10]; Q <- min(y[11], 1); J <- y[12]
  tumour <- Tp + Tn + L
  stim <- Tp + p$low_kill * L + p$w_n * N
  phi <- stim / (p$ec50_rho + E + stim)
  kill <- p$kappa * E / (p$ec50_kappa + E + tumour + N)
  growth <- p$g * (1 - tumour / p$K)
  inflow <- p$k_d * D
  program <- max(0, 1 - log1p(P / p$infused) / p$log_fold)  # Stein 2019's foldx
  prolif <- p$rho * phi * program * E
  conc <- A / p$V
  free <- 1 - conc / (conc + p$ic50)
  drive <- p$il6_kill * kill * (Tp + p$low_kill * L + N) + p$il6_act * prolif  # cytokines of dividing CAR-T cells
  excess <- max(0, IL6 - p$il6_base)
  list(c(-inflow,
         inflow + prolif - (p$k_e + p$k_em) * E + p$k_me * phi * M,
         prolif,
         p$k_em * E - p$beta * M - p$k_me * phi * M,
         growth * Tp - kill * Tp,
         growth * Tn,
         growth * L - p$low_kill * kill * L,
         p$src - N / p$tau - kill * N,
         p$k_il6 * (p$il6_base - IL6) + p$k_il6 * drive * (free + p$q_gain * Q),
         -p$cl / p$V * A - p$vmax * conc / (p$km + conc),
         p$q_on * free * excess / (excess + p$q_ec50) * (1 - Q) - p$q_off * Q,
         p$k_j * (p$il6_base + drive * (1 + p$q_gain * Q) - J),
         E + M,
         p$loss * (Tp + L)))
}

set.seed(1)
base <- list(k_d = 1, rho = 1.05, k_e = 0.16, k_em = 0.00124, beta = log(2) / 14, k_me = 0.02,
             kappa = 1.15, ec50_rho = 1e10, ec50_kappa = 2e9, w_n = 0.1, g = 0.08, K = 2e12,
             src = 1e10 / 60, tau = 60, il6_base = 2, k_il6 = 3.96, il6_kill = 1.5e-8,
             V = 4.34, cl = 0.725, vmax = 4.19, km = 0.22, ic50 = 0.5, loss = 3e-14,
             il6_act = 3e-8, q_on = 1, q_off = 0.1, q_ec50 = 100, q_gain = 1.0, k_j = 1,
             infused = 1.4e8, log_fold = log(3900), low_kill = 0.1, potency = 3.661)
times <- c(0, 5 * 365.25)
start <- proc.time()
for (i in seq_len(n)) {
  p <- base
  p$rho <- base$rho * exp(0.5 * rnorm(1))
  p$k_e <- base$k_e * exp(0.45 * rnorm(1))
  p$beta <- base$beta * exp(0.45 * rnorm(1))
  p$kappa <- base$kappa * base$potency * exp(0.6 * rnorm(1))
  p$log_fold <- max(base$log_fold + 1.0 * rnorm(1), 1e-3)
  y0 <- c(1.4e8, 0, 0, 0, min(1.8e12, 1e11 * exp(rnorm(1))), 0, 0, 1e9, 2, 0, 0, 2, 0, 0)
  out <- lsoda(y0, times, rhs, p, rtol = 1e-5, atol = 1)
}
used <- proc.time() - start
cat(sprintf("deSolve lsoda yescarta/LBCL: %.1f ms CPU (%.1f ms wall) per patient (%d patients)\n",
            1e3 * used[["user.self"]] / n, 1e3 * used[["elapsed"]] / n, n))

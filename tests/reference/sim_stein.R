# Stein et al. 2019's tisagenlecleucel kinetics, solved by R deSolve and by
# the closed form that src/sim/solver_test.cc (SimSolver.MatchesSteinClosedForm)
# uses as its oracle: the two agree, so the oracle is the model's solution.
# Needs r-cran-desolve (bench/sim.sh installs it). Run: Rscript tests/reference/sim_stein.R
suppressMessages(library(deSolve))
foldx <- 3900; tmax <- 9.3; alpha <- 0.16; fb <- 0.0079; beta <- 0.0032
rho <- log(foldx) / tmax
closed <- function(t) ifelse(t <= tmax, exp(rho * t),
                             foldx * ((1 - fb) * exp(-alpha * (t - tmax)) + fb * exp(-beta * (t - tmax))))
rhs <- function(t, y, p) {
  if (t < tmax) list(c(rho * y[1], 0)) else list(c(-alpha * y[1], fb * (alpha - beta) * y[1] - beta * y[2]))
}
days <- c(5, 9.3, 20, 100, 400, 1826)
before <- ode(c(1, 0), c(0, 5, tmax), rhs, NULL, method = "lsoda", rtol = 1e-10, atol = 1e-14)
after <- ode(before[3, 2:3], c(tmax, 20, 100, 400, 1826), rhs, NULL, method = "lsoda", rtol = 1e-10, atol = 1e-14)
numeric <- c(before[2, 2] + before[2, 3], before[3, 2] + before[3, 3], after[-1, 2] + after[-1, 3])
print(data.frame(day = days, desolve = numeric, closed_form = closed(days), rel_diff = numeric / closed(days) - 1))
stopifnot(all(abs(numeric / closed(days) - 1) < 1e-6))

# The generalised gamma (flexsurv's parameterisation) maximised by plain R on
# the data bench/surv_gengamma.sh writes: the same log likelihood as carta's,
# a Weibull fit for the start, then optim's BFGS (numerical gradient), as a
# user without flexsurv would. Base R only. Prints the estimates, the log
# likelihood and the CPU time.
# Usage: Rscript bench/surv_gengamma.R data.csv
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
t <- d$time; ev <- d$event
loglik_weibull <- function(p) {  # p = (log shape, log scale)
  k <- exp(p[1]); z <- k * (log(t) - p[2])
  sum(ev * (p[1] - p[2] + (k - 1) / k * z)) - sum(exp(z))
}
loglik_gengamma <- function(p) {
  mu <- p[1]; sigma <- exp(p[2]); q <- p[3]
  w <- (log(t) - mu) / sigma; g <- 1 / q^2; u <- g * exp(q * w)
  logf <- log(abs(q)) - log(sigma) - log(t) + g * log(g) - lgamma(g) + g * (q * w - exp(q * w))
  logs <- if (q > 0) pgamma(u, g, lower.tail = FALSE, log.p = TRUE) else pgamma(u, g, log.p = TRUE)
  sum(ev * logf + (1 - ev) * logs)
}
cpu <- system.time({
  w <- optim(c(0, log(mean(t))), function(p) -loglik_weibull(p), method = "BFGS",
             control = list(reltol = 1e-12, maxit = 1000))
  start <- c(w$par[2], -w$par[1], 1)  # mu = log scale, log sigma = -log shape, q = 1
  o <- optim(start, function(p) -loglik_gengamma(p), method = "BFGS",
             control = list(reltol = 1e-12, maxit = 1000))
})[["user.self"]]
cat(sprintf("R optim: mu %.8f log_sigma %.8f q %.8f loglik %.6f cpu %.2f s\n",
            o$par[1], o$par[2], o$par[3], -o$value, cpu))

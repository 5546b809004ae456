#!/usr/bin/env Rscript
# The same work as bench/meta_bench.cc, timed in R's metafor, for the
# side-by-side figures of doc/benchmarks.md (run by bench/compare_metafor.sh).
# Prints one line per task: name, seconds per unit, units.
suppressMessages(library(metafor))
data_k <- function(k) {
  i <- seq_len(k)
  list(y = 0.4 + 0.5 * sin(1.7 * i), v = 0.01 + 0.29 * ((0.618 * i) %% 1))
}
timed <- function(name, units, expr) {
  t <- system.time(expr)[["elapsed"]]
  cat(sprintf("%s\t%.9g\t%d\n", name, t / units, units))
}
d20 <- data_k(20)
n <- 500
timed("fit_reml_k20", n, for (j in seq_len(n)) rma(d20$y, d20$v, method = "REML"))
d100 <- data_k(100)
timed("fit_reml_k100", 100, for (j in seq_len(100)) rma(d100$y, d100$v, method = "REML"))
d15 <- data_k(15)
r15 <- rma(d15$y, d15$v, method = "REML")
timed("gosh_reml_k15", 1, gosh(r15, progbar = FALSE))
r20 <- rma(d20$y, d20$v, method = "REML")
timed("permtest_10000_k20", 1, permutest(r20, iter = 10000, progbar = FALSE))

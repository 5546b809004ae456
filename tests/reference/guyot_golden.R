#!/usr/bin/env Rscript
# Regenerates tests/golden/survival/guyot_*.{csv,json}: patient rows
# reconstructed by the R code of Guyot, Ades, Ouwens & Welton (2012, BMC Med
# Res Methodol 12:9, Appendix), transcribed below as published (its variable
# names, 1-based indices, R's hist() and round()), from digitised curves of
# simulated trials. carta's C++ transcription must give the same rows.
#   Rscript tests/reference/guyot_golden.R      (R 4.2, survival 3.5-3)
suppressMessages(library(survival))
out_dir <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "..", "golden", "survival")

guyot <- function(t.S, S, t.risk, n.risk, tot.events = "NA") {
  n.int <- length(n.risk)
  lower <- sapply(t.risk, function(tr) min(which(t.S >= tr)))
  upper <- c(lower[-1] - 1, length(t.S))
  n.t <- upper[n.int]
  n.censor <- rep(0, (n.int - 1))
  n.hat <- rep(n.risk[1] + 1, n.t)
  cen <- rep(0, n.t)
  d <- rep(0, n.t)
  KM.hat <- rep(1, n.t)
  last.i <- rep(1, n.int)
  sumdL <- 0
  if (n.int > 1) {
    for (i in 1:(n.int - 1)) {
      n.censor[i] <- round(n.risk[i] * S[lower[i + 1]] / S[lower[i]] - n.risk[i + 1])
      while ((n.hat[lower[i + 1]] > n.risk[i + 1]) || ((n.hat[lower[i + 1]] < n.risk[i + 1]) && (n.censor[i] > 0))) {
        if (n.censor[i] <= 0) {
          cen[lower[i]:upper[i]] <- 0
          n.censor[i] <- 0
        }
        if (n.censor[i] > 0) {
          cen.t <- rep(0, n.censor[i])
          for (j in 1:n.censor[i]) cen.t[j] <- t.S[lower[i]] + j * (t.S[lower[(i + 1)]] - t.S[lower[i]]) / (n.censor[i] + 1)
          cen[lower[i]:upper[i]] <- hist(cen.t, breaks = t.S[lower[i]:lower[(i + 1)]], plot = FALSE)$counts
        }
        n.hat[lower[i]] <- n.risk[i]
        last <- last.i[i]
        for (k in lower[i]:upper[i]) {
          if (i == 1 & k == lower[i]) {
            d[k] <- 0
            KM.hat[k] <- 1
          } else {
            d[k] <- round(n.hat[k] * (1 - (S[k] / KM.hat[last])))
            KM.hat[k] <- KM.hat[last] * (1 - (d[k] / n.hat[k]))
          }
          n.hat[k + 1] <- n.hat[k] - d[k] - cen[k]
          if (d[k] != 0) last <- k
        }
        n.censor[i] <- n.censor[i] + (n.hat[lower[i + 1]] - n.risk[i + 1])
      }
      if (n.hat[lower[i + 1]] < n.risk[i + 1]) n.risk[i + 1] <- n.hat[lower[i + 1]]
      last.i[(i + 1)] <- last
    }
  }
  if (n.int > 1) {
    n.censor[n.int] <- min(round(sum(n.censor[1:(n.int - 1)]) * (t.S[upper[n.int]] - t.S[lower[n.int]]) /
                                   (t.S[upper[(n.int - 1)]] - t.S[lower[1]])), n.risk[n.int])
  }
  if (n.int == 1) n.censor[n.int] <- 0
  if (n.censor[n.int] <= 0) {
    cen[lower[n.int]:(upper[n.int] - 1)] <- 0
    n.censor[n.int] <- 0
  }
  if (n.censor[n.int] > 0) {
    cen.t <- rep(0, n.censor[n.int])
    for (j in 1:n.censor[n.int]) cen.t[j] <- t.S[lower[n.int]] + j * (t.S[upper[n.int]] - t.S[lower[n.int]]) / (n.censor[n.int] + 1)
    cen[lower[n.int]:(upper[n.int] - 1)] <- hist(cen.t, breaks = t.S[lower[n.int]:upper[n.int]], plot = FALSE)$counts
  }
  n.hat[lower[n.int]] <- n.risk[n.int]
  last <- last.i[n.int]
  for (k in lower[n.int]:upper[n.int]) {
    if (KM.hat[last] != 0) d[k] <- round(n.hat[k] * (1 - (S[k] / KM.hat[last]))) else d[k] <- 0
    KM.hat[k] <- KM.hat[last] * (1 - (d[k] / n.hat[k]))
    n.hat[k + 1] <- n.hat[k] - d[k] - cen[k]
    if (n.hat[k + 1] < 0) {
      n.hat[k + 1] <- 0
      cen[k] <- n.hat[k] - d[k]
    }
    if (d[k] != 0) last <- k
  }
  if (tot.events != "NA") {
    if (n.int > 1) {
      sumdL <- sum(d[1:upper[(n.int - 1)]])
      if (sumdL >= tot.events) {
        d[lower[n.int]:upper[n.int]] <- rep(0, (upper[n.int] - lower[n.int] + 1))
        cen[lower[n.int]:(upper[n.int] - 1)] <- rep(0, (upper[n.int] - lower[n.int]))
        n.hat[(lower[n.int] + 1):(upper[n.int] + 1)] <- rep(n.risk[n.int], (upper[n.int] + 1 - lower[n.int]))
      }
    }
    if ((sumdL < tot.events) || (n.int == 1)) {
      sumd <- sum(d[1:upper[n.int]])
      while ((sumd > tot.events) || ((sumd < tot.events) && (n.censor[n.int] > 0))) {
        n.censor[n.int] <- n.censor[n.int] + (sumd - tot.events)
        if (n.censor[n.int] <= 0) {
          cen[lower[n.int]:(upper[n.int] - 1)] <- 0
          n.censor[n.int] <- 0
        }
        if (n.censor[n.int] > 0) {
          cen.t <- rep(0, n.censor[n.int])
          for (j in 1:n.censor[n.int]) cen.t[j] <- t.S[lower[n.int]] + j * (t.S[upper[n.int]] - t.S[lower[n.int]]) / (n.censor[n.int] + 1)
          cen[lower[n.int]:(upper[n.int] - 1)] <- hist(cen.t, breaks = t.S[lower[n.int]:upper[n.int]], plot = FALSE)$counts
        }
        n.hat[lower[n.int]] <- n.risk[n.int]
        last <- last.i[n.int]
        for (k in lower[n.int]:upper[n.int]) {
          d[k] <- round(n.hat[k] * (1 - (S[k] / KM.hat[last])))
          KM.hat[k] <- KM.hat[last] * (1 - (d[k] / n.hat[k]))
          if (k != upper[n.int]) {
            n.hat[k + 1] <- n.hat[k] - d[k] - cen[k]
            if (n.hat[k + 1] < 0) {
              n.hat[k + 1] <- 0
              cen[k] <- n.hat[k] - d[k]
            }
          }
          if (d[k] != 0) last <- k
        }
        sumd <- sum(d[1:upper[(n.int)]])
      }
    }
  }
  t.IPD <- rep(t.S[n.t], n.risk[1])
  event.IPD <- rep(0, n.risk[1])
  k <- 1
  for (j in 1:n.t) {
    if (d[j] != 0) {
      t.IPD[k:(k + d[j] - 1)] <- rep(t.S[j], d[j])
      event.IPD[k:(k + d[j] - 1)] <- rep(1, d[j])
      k <- k + d[j]
    }
  }
  for (j in 1:(n.t - 1)) {
    if (cen[j] != 0) {
      t.IPD[k:(k + cen[j] - 1)] <- ((t.S[j] + t.S[j + 1]) / 2)
      event.IPD[k:(k + cen[j] - 1)] <- rep(0, cen[j])
      k <- k + cen[j]
    }
  }
  data.frame(time = t.IPD, event = event.IPD)
}

# A simulated arm, its KM, and a clean digitised curve: the bottom of every
# drop (rounded to 4 decimals, as a digitiser exports), the value at every
# risk-table time, and numbers at risk every 3 months.
digitise <- function(n, median_months, seed) {
  set.seed(seed)
  ev <- rexp(n, log(2) / median_months)
  ce <- pmin(12 + 24 * runif(n), rexp(n, -log(0.95) / 12))
  time <- pmin(ev, ce); event <- as.numeric(ev <= ce)
  f <- survfit(Surv(time, event) ~ 1)
  t.risk <- seq(0, max(f$time[f$n.event > 0]) - 0.5, by = 3)  # the last interval holds 2+ points (the R code needs it)
  at <- function(t) { i <- findInterval(t, f$time); if (i == 0) 1 else f$surv[i] }
  pts <- data.frame(time = round(c(0, f$time[f$n.event > 0]), 4), survival = round(c(1, f$surv[f$n.event > 0]), 4))
  pts <- rbind(pts, data.frame(time = t.risk, survival = round(sapply(t.risk, at), 4)))
  pts <- pts[order(pts$time, -pts$survival), ]
  pts <- pts[!duplicated(pts$time, fromLast = TRUE), ]
  pts$survival <- cummin(pts$survival)
  risk <- data.frame(time = t.risk, nrisk = sapply(t.risk, function(t) sum(time >= t)))
  list(points = pts, risk = risk, events = sum(event))
}

for (case in list(list(name = "guyot_arm1", n = 150, median = 10, seed = 1),
                  list(name = "guyot_arm2", n = 80, median = 24, seed = 2))) {
  g <- digitise(case$n, case$median, case$seed)
  write.csv(g$points, file.path(out_dir, paste0(case$name, "_curve.csv")), row.names = FALSE, quote = FALSE)
  write.csv(g$risk, file.path(out_dir, paste0(case$name, "_risk.csv")), row.names = FALSE, quote = FALSE)
  rows <- function(ipd) {
    ipd <- ipd[order(ipd$time, ipd$event), ]
    paste0("{\"time\": [", paste(sprintf("%.17g", ipd$time), collapse = ", "), "], \"event\": [",
           paste(ipd$event, collapse = ", "), "]}")
  }
  without <- guyot(g$points$time, g$points$survival, g$risk$time, g$risk$nrisk)
  with <- guyot(g$points$time, g$points$survival, g$risk$time, g$risk$nrisk, g$events)
  writeLines(paste0("{\"total_events\": ", g$events, ",\n\"without_total_events\": ", rows(without),
                    ",\n\"with_total_events\": ", rows(with), "}\n"),
             file.path(out_dir, paste0(case$name, ".json")))
}

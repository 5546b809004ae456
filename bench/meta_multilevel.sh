#!/usr/bin/env bash
# carta meta --random against metafor's rma.mv on the same simulated data:
# cohorts (1 to 6 per trial) nested in trials, k = 300, 1,000 and 3,000,
# yi/vi input. Wall-clock seconds of one run each, process start included:
# carta's fit with the profile-likelihood intervals of both σ², metafor's
# fit alone (rma.mv, its default nlminb; dense V up to k = 1,000, then
# sparse = TRUE, its option for large k: dense had not finished k = 3,000
# after 4.7 CPU minutes, when it was stopped) and, for k = 300, confint() of both σ².
# usage: bench/meta_multilevel.sh [build/carta]   (needs R with metafor)
set -euo pipefail
CARTA=$(realpath "${1:-build/carta}")
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
for k in 300 1000 3000; do
  Rscript -e "set.seed($k); sizes <- sample(1:6, $k, replace = TRUE)
    trial <- rep(sprintf('T%05d', seq_len($k)), sizes)[1:$k]; cohort <- sequence(sizes)[1:$k]
    u <- rnorm($k, 0, 0.4)[as.integer(factor(trial))]; vi <- runif($k, 0.01, 0.2)
    d <- data.frame(trial = trial, cohort = cohort, yi = 0.5 + u + rnorm($k, 0, 0.25) + rnorm($k, 0, sqrt(vi)), vi = vi)
    write.csv(d, 'k$k.csv', row.names = FALSE, quote = FALSE)"
  s=$(date +%s.%N); "$CARTA" meta --input "k$k.csv" --random trial/cohort --format json > carta.json; e=$(date +%s.%N)
  carta=$(echo "$e - $s" | bc)
  r=$(Rscript -e "suppressMessages(library(metafor)); d <- read.csv('k$k.csv')
    t <- system.time(r <- rma.mv(yi, vi, random = ~ 1 | trial/cohort, data = d, sparse = $k > 1000))[['elapsed']]
    ci <- if ($k <= 300) system.time({confint(r, sigma2 = 1); confint(r, sigma2 = 2)})[['elapsed']] else NA
    cat(t, ci, r\$sigma2, '\n')")
  read -r rfit rci s1 s2 <<<"$r"
  echo "k=$k carta(fit+CIs)=${carta}s metafor(fit)=${rfit}s metafor(confint)=${rci}s sigma2 carta=$(jq -r '[.components[].sigma2]|join(",")' carta.json) metafor=$s1,$s2"
done

// Benchmarks of the meta-analysis engine (Google Benchmark). Timings live
// here and in doc/benchmarks.md, never in tests. Build with
//   cmake -S . -B build-bench -DCARTA_BENCH=ON && cmake --build build-bench --target carta_bench
// The data are the same deterministic datasets bench/compare_metafor.sh gives metafor.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include "carta/meta/fast.h"
#include "carta/meta/resampling.h"
#include "carta/meta/rma.h"

namespace {

using carta::meta::FitOptions;
using carta::meta::Method;

// k studies, the same in bench/compare_metafor.R: y_i = 0.4 + 0.5 sin(1.7 i),
// v_i = 0.01 + 0.29 frac(0.618 i), i = 1..k.
void Data(int k, std::vector<double>* y, std::vector<double>* v) {
  y->resize(k);
  v->resize(k);
  for (int i = 1; i <= k; ++i) {
    (*y)[i - 1] = 0.4 + 0.5 * std::sin(1.7 * i);
    double f = 0.618 * i;
    (*v)[i - 1] = 0.01 + 0.29 * (f - std::floor(f));
  }
}

void BM_FitREML(benchmark::State& state) {
  std::vector<double> y, v;
  Data(static_cast<int>(state.range(0)), &y, &v);
  FitOptions o;
  for (auto _ : state) benchmark::DoNotOptimize(carta::meta::Fit(y, v, o));
}
BENCHMARK(BM_FitREML)->Arg(20)->Arg(100);

void BM_FastFit(benchmark::State& state, Method m) {
  std::vector<double> y, v;
  Data(static_cast<int>(state.range(0)), &y, &v);
  FitOptions o;
  o.method = m;
  for (auto _ : state) benchmark::DoNotOptimize(carta::meta::FastFit(y.data(), v.data(), static_cast<int>(y.size()), o));
}
BENCHMARK_CAPTURE(BM_FastFit, REML, Method::kREML)->Arg(20);
BENCHMARK_CAPTURE(BM_FastFit, DL, Method::kDL)->Arg(20);

void BM_Gosh(benchmark::State& state) {
  std::vector<double> y, v;
  Data(static_cast<int>(state.range(0)), &y, &v);
  carta::meta::GoshOptions o;
  o.threads = static_cast<int>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(carta::meta::Gosh(y, v, o));
  state.SetItemsProcessed(state.iterations() * ((int64_t{1} << state.range(0)) - 1));
}
BENCHMARK(BM_Gosh)->Args({15, 2})->Args({20, 1})->Args({20, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PermutationTest(benchmark::State& state) {
  std::vector<double> y, v;
  Data(20, &y, &v);
  carta::meta::PermutationOptions o;
  o.iterations = 10000;
  for (auto _ : state) benchmark::DoNotOptimize(carta::meta::Permute(y, v, o));
}
BENCHMARK(BM_PermutationTest)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();

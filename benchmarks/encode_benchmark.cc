// Encode benchmarks: every data set of the manifest (see datasets.h),
// decoded once, then encoded back at the protocol CPython wrote it with:
// "encode/<set>/p<N>" with brine::Encode (an Encoder used once per call),
// "encode/<set>/p<N>/reuse" with one brine::Encoder for every call.
//
//   BRINE_BENCH_DATA=/tmp/brine_bench_data bazel-bin/benchmarks/encode_benchmark
//
// Reports bytes/s of pickle output and items/s (values in the graph), plus
// counters from one extra encode outside the timed loop: `identical` (1 when
// the output is byte for byte the file CPython wrote, as the encoder
// promises) and `peak_bytes` (peak of all C++ heap memory live during Encode,
// see allocation_counter.h).
#include <string>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "brine/benchmarks/allocation_counter.h"
#include "brine/benchmarks/datasets.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"

namespace brine::bench {
namespace {

void EncodeDataset(benchmark::State& state, const Dataset& dataset, bool reuse) {
  absl::StatusOr<const std::string*> input = DatasetBytes(dataset);
  if (!input.ok()) {
    state.SkipWithError(std::string(input.status().message()).c_str());
    return;
  }
  absl::StatusOr<Document> document = Decode(**input);
  if (!document.ok()) {
    state.SkipWithError(std::string(document.status().message()).c_str());
    return;
  }
  EncodeOptions options;
  options.protocol = dataset.protocol;
  Encoder encoder(options);
  int64_t output_size = 0;
  for (auto _ : state) {
    absl::StatusOr<std::string> output = reuse ? encoder.Encode(document->root()) : Encode(document->root(), options);
    if (!output.ok()) {
      state.SkipWithError(std::string(output.status().message()).c_str());
      return;
    }
    output_size = static_cast<int64_t>(output->size());
    benchmark::DoNotOptimize(output->data());
  }
  state.SetBytesProcessed(state.iterations() * output_size);
  state.SetItemsProcessed(state.iterations() * dataset.items);

  int64_t peak_bytes = 0;
  bool identical = false;
  {
    AllocationCounter counter;
    absl::StatusOr<std::string> output = Encode(document->root(), options);
    peak_bytes = counter.peak_bytes();
    identical = output.ok() && *output == **input;
  }
  state.counters["peak_bytes"] = static_cast<double>(peak_bytes);
  state.counters["identical"] = identical ? 1 : 0;
}

bool RegisterEncodeBenchmarks() {
  absl::StatusOr<std::vector<Dataset>> datasets = ListDatasets();
  if (!datasets.ok()) {
    std::string message(datasets.status().message());
    benchmark::RegisterBenchmark("encode/no_data", [message](benchmark::State& state) {
      state.SkipWithError(message.c_str());
      for (auto _ : state) {
      }
    });
    return false;
  }
  for (const Dataset& dataset : *datasets) {
    for (bool reuse : {false, true}) {
      std::string name = "encode/" + dataset.name + "/p" + std::to_string(dataset.protocol) + (reuse ? "/reuse" : "");
      benchmark::RegisterBenchmark(name.c_str(), [dataset, reuse](benchmark::State& state) {
        EncodeDataset(state, dataset, reuse);
      });
    }
  }
  return true;
}

const bool registered = RegisterEncodeBenchmarks();

}  // namespace
}  // namespace brine::bench

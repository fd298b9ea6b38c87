// Decode benchmarks: brine::Decode over every data set of the manifest (see
// datasets.h), from one contiguous buffer, copying strings into the document
// ("copy") and pointing into the input ("borrow", DecodeOptions::borrow_input).
//
//   BRINE_BENCH_DATA=/tmp/brine_bench_data bazel-bin/benchmarks/decode_benchmark
//
// Reports bytes/s of pickle input and items/s (values in the graph), and two
// memory counters measured on one extra decode outside the timed loop:
// `arena_bytes` (Heap::bytes_allocated(), what the document keeps) and
// `peak_bytes` (peak of all C++ heap memory live during Decode, see
// allocation_counter.h), each also as a multiple of the input size.
#include <string>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "brine/benchmarks/allocation_counter.h"
#include "brine/benchmarks/datasets.h"
#include "brine/codec/decoder.h"

namespace brine::bench {
namespace {

void RecordMemory(benchmark::State& state, const std::string& input, const DecodeOptions& options) {
  int64_t arena_bytes = 0;
  int64_t peak_bytes = 0;
  {
    // The arena's blocks come from the per-thread cache the timing loop
    // filled (value/arena_blocks.h; huge ones never pass operator new), so
    // the counter sees the decoder's other allocations (stacks, memo, name
    // table) and the arena's own count is added to them.
    AllocationCounter counter;
    absl::StatusOr<Document> document = Decode(input, options);
    if (document.ok()) arena_bytes = static_cast<int64_t>(document->heap().bytes_allocated());
    peak_bytes = counter.peak_bytes() + arena_bytes;
  }
  const double input_size = static_cast<double>(input.size());
  state.counters["arena_bytes"] = static_cast<double>(arena_bytes);
  state.counters["peak_bytes"] = static_cast<double>(peak_bytes);
  state.counters["arena_per_input"] = static_cast<double>(arena_bytes) / input_size;
  state.counters["peak_per_input"] = static_cast<double>(peak_bytes) / input_size;
}

// How a benchmark decodes: the free function with strings copied or borrowed
// from the input, or one reused Decoder (strings copied).
enum class Mode { kCopy, kBorrow, kReuse };

void DecodeDataset(benchmark::State& state, const Dataset& dataset, Mode mode) {
  absl::StatusOr<const std::string*> input = DatasetBytes(dataset);
  if (!input.ok()) {
    state.SkipWithError(std::string(input.status().message()).c_str());
    return;
  }
  DecodeOptions options;
  options.borrow_input = mode == Mode::kBorrow;
  Decoder decoder(options);
  for (auto _ : state) {
    absl::StatusOr<Document> document =
        mode == Mode::kReuse ? decoder.Decode(**input) : Decode(**input, options);
    if (!document.ok()) {
      state.SkipWithError(std::string(document.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(document->root());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>((*input)->size()));
  state.SetItemsProcessed(state.iterations() * dataset.items);
  RecordMemory(state, **input, options);
}

bool RegisterDecodeBenchmarks() {
  absl::StatusOr<std::vector<Dataset>> datasets = ListDatasets();
  if (!datasets.ok()) {
    std::string message(datasets.status().message());
    benchmark::RegisterBenchmark("decode/no_data", [message](benchmark::State& state) {
      state.SkipWithError(message.c_str());
      for (auto _ : state) {
      }
    });
    return false;
  }
  for (const Dataset& dataset : *datasets) {
    for (const auto& [mode, suffix] : {std::pair{Mode::kCopy, "/copy"}, std::pair{Mode::kBorrow, "/borrow"},
                                       std::pair{Mode::kReuse, "/reuse"}}) {
      std::string name = "decode/" + dataset.name + "/p" + std::to_string(dataset.protocol) + suffix;
      // An init-capture: clang 14 (the sanitized build) cannot capture a structured binding.
      benchmark::RegisterBenchmark(name.c_str(), [dataset, mode = mode](benchmark::State& state) {
        DecodeDataset(state, dataset, mode);
      });
    }
  }
  return true;
}

const bool registered = RegisterDecodeBenchmarks();

}  // namespace
}  // namespace brine::bench

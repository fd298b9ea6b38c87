// Text writer benchmarks: repr (brine show), JSON (brine json) and the
// disassembler (brine dis) over values built in memory, reporting bytes/s of
// text produced. The text goes to a flush function that only counts it, as
// the CLI hands it to standard output in 64 KiB chunks.
//
//   bazel run --config=bench //benchmarks:writer_benchmark
//
// The shared-DAG case is a list holding the previous level twice, 40 levels
// deep: its text (about 2**40 elements) is cut at the default 256 MiB output
// limit, which it must reach in well under a second.
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "benchmark/benchmark.h"
#include "brine/codec/disassembler.h"
#include "brine/codec/encoder.h"
#include "brine/value/containers.h"
#include "brine/value/heap.h"
#include "brine/value/json.h"
#include "brine/value/repr.h"

namespace brine::bench {
namespace {

Value ListOf(Heap& heap, size_t count, const std::function<Value(size_t)>& item) {
  Value list = heap.NewList();
  for (size_t i = 0; i < count; ++i) list.as<List>()->items.push_back(item(i));
  return list;
}

Value Ints(Heap& heap) {
  return ListOf(heap, 1000000, [](size_t i) { return Value::Int(static_cast<int64_t>(i * 7919 % 1000003)); });
}
Value Floats(Heap& heap) {
  return ListOf(heap, 300000, [](size_t i) { return Value::Float(static_cast<double>(i) / 7.0); });
}
Value Strs(Heap& heap) {
  return ListOf(heap, 300000, [&](size_t i) { return heap.NewStr(i % 3 == 0 ? "caf\xc3\xa9 'x'" : "name_" + std::to_string(i)); });
}
Value Tuples(Heap& heap) {
  return ListOf(heap, 300000, [&](size_t i) {
    Value items[] = {Value::Int(static_cast<int64_t>(i)), heap.NewStr("ab"), Value::None()};
    return heap.NewTuple(items);
  });
}
Value StrDict(Heap& heap) {
  Value dict = heap.NewDict();
  for (size_t i = 0; i < 200000; ++i) {
    absl::Status status = DictSetItem(heap, dict.as<Dict>(), heap.NewStr("key" + std::to_string(i)),
                                      Value::Int(static_cast<int64_t>(i)));
    if (!status.ok()) break;
  }
  return dict;
}
Value SharedDag(Heap& heap) {
  Value level = ListOf(heap, 3, [](size_t i) { return Value::Int(static_cast<int64_t>(i)); });
  for (int i = 0; i < 40; ++i) {
    Value next = heap.NewList();
    next.as<List>()->items.push_back(level);
    next.as<List>()->items.push_back(level);
    level = next;
  }
  return level;
}

using Builder = Value (*)(Heap&);
using Writer = absl::Status (*)(Value, TextOutput::Flush);

absl::Status WriteReprDefault(Value value, TextOutput::Flush flush) { return WriteRepr(value, flush); }
absl::Status WriteJsonDefault(Value value, TextOutput::Flush flush) { return WriteJson(value, flush); }

void Write(benchmark::State& state, Builder build, Writer write) {
  Heap heap;
  Value value = build(heap);
  size_t bytes = 0;
  auto count = [&](std::string_view chunk) {
    bytes += chunk.size();
    return absl::OkStatus();
  };
  for (auto _ : state) {
    absl::Status status = write(value, count);
    if (!status.ok() && status.code() != absl::StatusCode::kResourceExhausted) {
      state.SkipWithError(std::string(status.message()).c_str());
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void Disassemble(benchmark::State& state, Builder build) {
  Heap heap;
  absl::StatusOr<std::string> pickle = Encode(build(heap));
  if (!pickle.ok()) {
    state.SkipWithError(std::string(pickle.status().message()).c_str());
    return;
  }
  size_t bytes = 0;
  auto count = [&](std::string_view chunk) {
    bytes += chunk.size();
    return absl::OkStatus();
  };
  for (auto _ : state) {
    absl::Status status = brine::Disassemble(*pickle, count);
    if (!status.ok()) {
      state.SkipWithError(std::string(status.message()).c_str());
      return;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

#define BRINE_WRITER_BENCHMARKS(name, builder)                                       \
  BENCHMARK_CAPTURE(Write, repr_##name, builder, WriteReprDefault)->Unit(benchmark::kMillisecond); \
  BENCHMARK_CAPTURE(Write, json_##name, builder, WriteJsonDefault)->Unit(benchmark::kMillisecond)

BRINE_WRITER_BENCHMARKS(ints, Ints);
BRINE_WRITER_BENCHMARKS(floats, Floats);
BRINE_WRITER_BENCHMARKS(strs, Strs);
BRINE_WRITER_BENCHMARKS(tuples, Tuples);
BRINE_WRITER_BENCHMARKS(str_dict, StrDict);
BRINE_WRITER_BENCHMARKS(shared_dag_256mib, SharedDag);
BENCHMARK_CAPTURE(Disassemble, ints, Ints)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Disassemble, tuples, Tuples)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace brine::bench

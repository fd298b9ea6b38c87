// range, slice and types.SimpleNamespace (see builtin_types.h).
#include "brine/types/builtin_types.h"

#include <span>
#include <string_view>

#include "brine/types/call_args.h"
#include "brine/value/bigint.h"

namespace brine {
namespace {

bool IsInt(Value value) { return value.kind() == Kind::kInt || value.kind() == Kind::kBigInt; }

// `opening` then a, b and c as children between `separator`s.
void ThreeArguments(std::string_view opening, Value a, Value b, Value c,
                    std::string_view separator, NativeText& out) {
  out.Text(opening);
  out.Child(a);
  out.Text(separator);
  out.Child(b);
  out.Text(separator);
  out.Child(c);
}

}  // namespace

// range.__repr__ omits a step of 1.
void ReprNative(const Range& range, NativeText& out) {
  out.Text("range(");
  out.Child(range.start);
  out.Text(", ");
  out.Child(range.stop);
  if (!(range.step.kind() == Kind::kInt && range.step.as_int() == 1)) {
    out.Text(", ");
    out.Child(range.step);
  }
  out.Text(")");
}

void JsonNative(const Range& range, NativeText& out) {
  ThreeArguments("{\"$range\":[", range.start, range.stop, range.step, ",", out);
  out.Text("]}");
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Range& range, int /*protocol*/) {
  const Value args[3] = {range.start, range.stop, range.step};
  return ReduceTuple::Call(heap, "builtins", "range", args);
}

void ReprNative(const Slice& slice, NativeText& out) {
  ThreeArguments("slice(", slice.start, slice.stop, slice.step, ", ", out);
  out.Text(")");
}

void JsonNative(const Slice& slice, NativeText& out) {
  ThreeArguments("{\"$slice\":[", slice.start, slice.stop, slice.step, ",", out);
  out.Text("]}");
}

// range_richcompare: equal lengths, and then, past an empty range, equal
// starts, and past a range of one item, equal steps.
NativeHash HashNative(Heap& heap, const Range& range) {
  static const KeyTag kRangeKey;
  if (range.start.kind() != Kind::kInt || range.stop.kind() != Kind::kInt || range.step.kind() != Kind::kInt) {
    return NativeHash{};
  }
  const __int128 start = range.start.as_int();
  const __int128 stop = range.stop.as_int();
  const __int128 step = range.step.as_int();
  const __int128 span = step > 0 ? stop - start : start - stop;
  const __int128 step_size = step > 0 ? step : -step;
  const int64_t length = span <= 0 ? 0 : static_cast<int64_t>((span - 1) / step_size + 1);
  if (length == 0) return HashedAs(heap, kRangeKey, {Value::Int(0)});
  if (length == 1) return HashedAs(heap, kRangeKey, {Value::Int(1), range.start});
  return HashedAs(heap, kRangeKey, {Value::Int(length), range.start, range.step});
}

NativeHash HashNative(Heap& /*heap*/, const Slice& /*slice*/) { return Unhashable("unhashable type: 'slice'"); }

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Slice& slice, int /*protocol*/) {
  const Value args[3] = {slice.start, slice.stop, slice.step};
  return ReduceTuple::Call(heap, "builtins", "slice", args);
}

// namespace_repr: `key=REPR` for each non-empty str key, in order.
void ReprNative(const SimpleNamespace& space, NativeText& out) {
  out.Text("namespace(");
  bool first = true;
  for (const auto& [key, value] : space.attributes.as<Dict>()->items) {
    if (key.kind() != Kind::kStr || key.as<Str>()->utf8.empty()) continue;
    if (!first) out.Text(", ");
    first = false;
    out.Text(key.as<Str>()->utf8);
    out.Text("=");
    out.Child(value);
  }
  out.Text(")");
}

void JsonNative(const SimpleNamespace& space, NativeText& out) { out.Child(space.attributes); }

NativeHash HashNative(Heap& /*heap*/, const SimpleNamespace& /*space*/) {
  return Unhashable("unhashable type: 'types.SimpleNamespace'");
}

// namespace.__reduce__: (type, (), self.__dict__).
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const SimpleNamespace& space, int /*protocol*/) {
  return ReduceTuple::Call(heap, "types", "SimpleNamespace", {}, space.attributes);
}

namespace {

RebuildResult RebuildRange(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!IsPlainCall(call) || call.has_state || args.size() != 3) return std::nullopt;
  if (!IsInt(args[0]) || !IsInt(args[1]) || !IsInt(args[2]) || IntSign(args[2]) == 0) {
    return std::nullopt;
  }
  return MakeBuiltinNative(heap, Range{args[0], args[1], args[2]});
}

RebuildResult RebuildSlice(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!IsPlainCall(call) || call.has_state || args.size() != 3) return std::nullopt;
  return MakeBuiltinNative(heap, Slice{args[0], args[1], args[2]});
}

RebuildResult RebuildSimpleNamespace(Heap& heap, const Reconstruction& call) {
  if (!IsPlainCall(call) || !CallArgs(call).empty() || !call.has_state ||
      call.state.kind() != Kind::kDict) {
    return std::nullopt;
  }
  for (const auto& [key, value] : call.state.as<Dict>()->items) {
    if (key.kind() != Kind::kStr || value == call.source) return std::nullopt;
  }
  return MakeBuiltinNative(heap, SimpleNamespace{call.state});
}

}  // namespace

ReconstructorSet BuiltinsSet() {
  ReconstructorSet set{"builtins", "range, slice"};
  set.reconstructors = {{"builtins", "range", RebuildRange}, {"builtins", "slice", RebuildSlice}};
  set.reducers = {ReducerFor<Range>(), ReducerFor<Slice>()};
  return set;
}

ReconstructorSet TypesSet() {
  ReconstructorSet set{"types", "types.SimpleNamespace"};
  set.reconstructors = {{"types", "SimpleNamespace", RebuildSimpleNamespace}};
  set.reducers = {ReducerFor<SimpleNamespace>()};
  return set;
}

}  // namespace brine

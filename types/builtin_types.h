// The "builtins" set: range and slice, and the "types" set:
// types.SimpleNamespace.
//
//   range(0, 10, 2)        repr  range(0, 10, 2)          JSON  {"$range": [0, 10, 2]}
//   slice(1, None, None)   repr  slice(1, None, None)     JSON  {"$slice": [1, null, null]}
//   SimpleNamespace(a=1)   repr  namespace(a=1)           JSON  {"a": 1}
//
// A range hashes by value (range(0, 3) == range(0, 3, 1); ranges of big
// ints by identity); slice (before Python 3.12) and SimpleNamespace are
// unhashable.
#ifndef BRINE_TYPES_BUILTIN_TYPES_H_
#define BRINE_TYPES_BUILTIN_TYPES_H_

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

struct Range {
  Value start, stop, step;  // ints (kInt or kBigInt), step not 0
};

struct Slice {
  Value start, stop, step;  // any values, usually ints or None
};

struct SimpleNamespace {
  Value attributes;  // a Dict with str keys
};

void ReprNative(const Range& range, NativeText& out);
void JsonNative(const Range& range, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Range& range, int protocol);
NativeHash HashNative(Heap& heap, const Range& range);
void ReprNative(const Slice& slice, NativeText& out);
void JsonNative(const Slice& slice, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Slice& slice, int protocol);
NativeHash HashNative(Heap& heap, const Slice& slice);
void ReprNative(const SimpleNamespace& space, NativeText& out);
void JsonNative(const SimpleNamespace& space, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const SimpleNamespace& space, int protocol);
NativeHash HashNative(Heap& heap, const SimpleNamespace& space);

ReconstructorSet BuiltinsSet();
ReconstructorSet TypesSet();

}  // namespace brine

#endif  // BRINE_TYPES_BUILTIN_TYPES_H_

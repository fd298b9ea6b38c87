// The "re" set: re.Pattern, pickled as `re._compile(pattern, flags)`.
// repr is CPython's `re.compile('ab+', re.IGNORECASE)` (the pattern's repr
// cut at 200 characters, re.UNICODE left out for str patterns), JSON
// {"$pattern": "ab+", "flags": 34}.
#ifndef BRINE_TYPES_PATTERN_H_
#define BRINE_TYPES_PATTERN_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

struct Pattern {
  Value pattern;      // a str or bytes
  int64_t flags = 0;  // Pattern.flags (re.UNICODE is set for str patterns)
};

void ReprNative(const Pattern& pattern, NativeText& out);
void JsonNative(const Pattern& pattern, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Pattern& pattern, int protocol);
// As a key, its pattern and flags, as pattern_richcompare compares them.
NativeHash HashNative(Heap& heap, const Pattern& pattern);

ReconstructorSet ReSet();

}  // namespace brine

#endif  // BRINE_TYPES_PATTERN_H_

// The built-in reconstructor sets for Python's standard library, one per
// module (reconstructor_set.h says what a set is; docs/TYPES.md lists what
// each rebuilds, with its repr and JSON forms).
#ifndef BRINE_TYPES_STANDARD_SETS_H_
#define BRINE_TYPES_STANDARD_SETS_H_

#include <vector>

#include "brine/registry/reconstructor_set.h"

namespace brine {

// datetime, decimal, fractions, uuid, collections, builtins (range, slice),
// types (SimpleNamespace), pathlib, re, array: in the order the Registry
// adds them.
std::vector<ReconstructorSet> StandardLibrarySets();

}  // namespace brine

#endif  // BRINE_TYPES_STANDARD_SETS_H_

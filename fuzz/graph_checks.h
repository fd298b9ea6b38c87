// A question the fuzz targets ask about a decoded value graph before they
// check it: does it hold some kind of object. Nothing here recurses.
#ifndef BRINE_FUZZ_GRAPH_CHECKS_H_
#define BRINE_FUZZ_GRAPH_CHECKS_H_

#include <functional>

#include "brine/value/value.h"

namespace brine::fuzz {

// True when some value reachable from `root` (itself included) satisfies
// `predicate`; each object is visited once.
bool AnyReachable(Value root, const std::function<bool(Value)>& predicate);

}  // namespace brine::fuzz

#endif  // BRINE_FUZZ_GRAPH_CHECKS_H_

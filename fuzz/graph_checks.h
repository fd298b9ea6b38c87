// Questions the fuzz targets ask about a decoded value graph before they
// check it: would repr() be too big to print, and does it hold some kind of
// object. Nothing here recurses.
//
// Why a repr budget:
// repr() prints a shared object once per reference to it (as CPython does),
// so a pickle of a few hundred bytes whose memo GETs build [x, x], [[x, x],
// [x, x]], ... forty levels deep prints a tree of 2**40 leaves. That is a
// known open issue of brine::Repr (reported by the fuzzing work; see
// fuzz/README.md); until Repr bounds its own output, the fuzzers call it only
// on graphs this check accepts, so they go on finding other bugs instead of
// timing out on the same one.
#ifndef BRINE_FUZZ_GRAPH_CHECKS_H_
#define BRINE_FUZZ_GRAPH_CHECKS_H_

#include <cstddef>
#include <functional>

#include "value/value.h"

namespace brine::fuzz {

// The budget the fuzz targets use: a few hundred thousand units print in
// well under a second, sanitizers included.
inline constexpr size_t kReprBudget = 200'000;

// True when printing `root` as repr() does (every reference expanded,
// objects already being printed cut short) visits at most `budget` units,
// counting one unit per value plus one per 16 payload bytes of strings,
// bytes and big ints. Stops walking as soon as the budget is spent.
bool ReprWithinBudget(Value root, size_t budget);

// True when some value reachable from `root` (itself included) satisfies
// `predicate`; each object is visited once.
bool AnyReachable(Value root, const std::function<bool(Value)>& predicate);

}  // namespace brine::fuzz

#endif  // BRINE_FUZZ_GRAPH_CHECKS_H_

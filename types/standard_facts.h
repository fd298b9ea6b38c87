// For tests: what the C++ accessors of a standard-library type say about a
// rebuilt value, as the `key=value` words types/testdata/standard_cases.py
// computes in Python ("year=2024 month=3 ... offset_us=3600000000").
#ifndef BRINE_TYPES_STANDARD_FACTS_H_
#define BRINE_TYPES_STANDARD_FACTS_H_

#include <string>

#include "brine/value/value.h"

namespace brine {

// The words for `value`, or "not rebuilt: <kind>" when it is no Native of
// a standard set.
std::string StandardFacts(Value value);

}  // namespace brine

#endif  // BRINE_TYPES_STANDARD_FACTS_H_

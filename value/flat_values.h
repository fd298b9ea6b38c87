// Which values the text writers (repr, JSON) write on the spot, without
// scheduling work: leaves (scalars, strings, bytes, names), and small tuples
// and lists of leaves; and which leaves have text worth keeping. A flat value holds no container, so it can be in no
// cycle and needs no OpenContainers entry; its text is written again at each
// reference, as its items' text would be. Writing these inline, a list of a
// million floats or small tuples costs no work item per element.
#ifndef BRINE_VALUE_FLAT_VALUES_H_
#define BRINE_VALUE_FLAT_VALUES_H_

#include <cstddef>
#include <span>

#include "brine/value/value.h"

namespace brine {

// Most items of a flat tuple or list.
inline constexpr size_t kMostFlatItems = 16;

// None, bool, int, float, complex, str, bytes, bytearray or a global name.
bool IsLeaf(Value value);

// The items of a non-empty tuple or list of at most kMostFlatItems leaves;
// empty for any other value.
std::span<const Value> FlatItems(Value value);

// A leaf or a flat tuple or list.
inline bool IsFlat(Value value) { return IsLeaf(value) || !FlatItems(value).empty(); }

// Flat values whose text may be long or costly to make: big ints; strs,
// bytes and bytearrays of at least kMinLongLeafBytes; flat tuples and lists
// of more than kMostCheapFlatItems items or holding a str or bytes of at
// least kMinCheapFlatTextBytes. The writers copy their text at later
// references (OpenContainers::WriteLeaf) rather than make it again, so such a
// value referenced from every slot of a list costs a memcpy per reference,
// not a decimal conversion or an escaping pass; the others' text is at most
// a few hundred bytes.
inline constexpr size_t kMinLongLeafBytes = 64;
inline constexpr size_t kMostCheapFlatItems = 4;
inline constexpr size_t kMinCheapFlatTextBytes = 8;
bool HasCostlyText(Value value);

}  // namespace brine

#endif  // BRINE_VALUE_FLAT_VALUES_H_

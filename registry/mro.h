// C3 linearization: the method resolution order Python computes for a class
// from its bases' own orders, with CPython's errors for duplicate bases and
// inconsistent hierarchies.
#ifndef BRINE_REGISTRY_MRO_H_
#define BRINE_REGISTRY_MRO_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace brine {

// The MRO of class `cls` whose direct bases, in declaration order, have the
// MROs `base_mros` (each starts with the base itself). Classes are named by
// unique keys; `display_name(key)` gives the name Python's messages show
// (`__name__`). Errors are InvalidArgument with CPython's TypeError text:
// "duplicate base class A", or "Cannot create a consistent method
// resolution\norder (MRO) for bases A, B".
absl::StatusOr<std::vector<std::string>> C3Linearization(
    std::string_view cls, std::span<const std::vector<std::string>> base_mros,
    const std::function<std::string(std::string_view)>& display_name);

}  // namespace brine

#endif  // BRINE_REGISTRY_MRO_H_

// The built-in reconstructor sets a Registry starts with: the standard
// library's types (types/standard_sets.h), then any other set listed in
// default_sets.cc.
#ifndef BRINE_REGISTRY_DEFAULT_SETS_H_
#define BRINE_REGISTRY_DEFAULT_SETS_H_

#include <vector>

#include "brine/registry/reconstructor_set.h"

namespace brine {

std::vector<ReconstructorSet> DefaultReconstructorSets();

}  // namespace brine

#endif  // BRINE_REGISTRY_DEFAULT_SETS_H_

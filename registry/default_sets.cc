// The list of built-in reconstructor sets (see default_sets.h).
#include "brine/registry/default_sets.h"

#include <utility>

#include "brine/types/numpy/numpy_set.h"
#include "brine/types/standard_sets.h"

namespace brine {

std::vector<ReconstructorSet> DefaultReconstructorSets() {
  std::vector<ReconstructorSet> sets = StandardLibrarySets();
  sets.push_back(NumpySet());
  return sets;
}

}  // namespace brine

// The list of built-in reconstructor sets (see default_sets.h).
#include "brine/registry/default_sets.h"

#include <utility>

#include "brine/types/standard_sets.h"

namespace brine {

std::vector<ReconstructorSet> DefaultReconstructorSets() {
  std::vector<ReconstructorSet> sets = StandardLibrarySets();
  return sets;
}

}  // namespace brine

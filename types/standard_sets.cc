// The list of the standard library's reconstructor sets (standard_sets.h).
#include "brine/types/standard_sets.h"

#include "brine/types/datetime.h"

namespace brine {

std::vector<ReconstructorSet> StandardLibrarySets() {
  std::vector<ReconstructorSet> sets;
  sets.push_back(DatetimeSet());
  return sets;
}

}  // namespace brine

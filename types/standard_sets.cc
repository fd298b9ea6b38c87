// The list of the standard library's reconstructor sets (standard_sets.h).
#include "brine/types/standard_sets.h"

#include "brine/types/array.h"
#include "brine/types/builtin_types.h"
#include "brine/types/collections.h"
#include "brine/types/datetime.h"
#include "brine/types/decimal.h"
#include "brine/types/fraction.h"
#include "brine/types/pathlib.h"
#include "brine/types/pattern.h"
#include "brine/types/uuid.h"

namespace brine {

std::vector<ReconstructorSet> StandardLibrarySets() {
  std::vector<ReconstructorSet> sets;
  sets.push_back(DatetimeSet());
  sets.push_back(DecimalSet());
  sets.push_back(FractionsSet());
  sets.push_back(UuidSet());
  sets.push_back(CollectionsSet());
  sets.push_back(BuiltinsSet());
  sets.push_back(TypesSet());
  sets.push_back(PathlibSet());
  sets.push_back(ReSet());
  sets.push_back(ArraySet());
  return sets;
}

}  // namespace brine

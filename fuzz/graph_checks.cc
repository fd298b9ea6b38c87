// The graph question of the fuzz targets (see graph_checks.h), answered with
// an explicit stack.
#include "brine/fuzz/graph_checks.h"

#include <vector>

#include "absl/container/flat_hash_set.h"
#include "brine/value/graph.h"

namespace brine::fuzz {

bool AnyReachable(Value root, const std::function<bool(Value)>& predicate) {
  std::vector<Value> pending = {root};
  absl::flat_hash_set<const Object*> seen;
  while (!pending.empty()) {
    const Value value = pending.back();
    pending.pop_back();
    if (predicate(value)) return true;
    if (value.object() != nullptr && seen.insert(value.object()).second) {
      VisitChildren(value.object(), [&pending](Value child) { pending.push_back(child); });
    }
  }
  return false;
}

}  // namespace brine::fuzz

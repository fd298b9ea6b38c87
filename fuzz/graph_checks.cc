// The graph question of the fuzz targets (see graph_checks.h), answered with
// an explicit stack.
#include "brine/fuzz/graph_checks.h"

#include <vector>

#include "absl/container/flat_hash_set.h"

namespace brine::fuzz {
namespace {

// The values `value` refers to.
void AppendChildren(Value value, std::vector<Value>& out) {
  auto add_pairs = [&out](const auto& pairs) {
    for (const auto& [key, item] : pairs) {
      out.push_back(key);
      out.push_back(item);
    }
  };
  switch (value.kind()) {
    case Kind::kTuple:
      out.insert(out.end(), value.as<Tuple>()->items.begin(), value.as<Tuple>()->items.end());
      break;
    case Kind::kList:
      out.insert(out.end(), value.as<List>()->items.begin(), value.as<List>()->items.end());
      break;
    case Kind::kDict:
      add_pairs(value.as<Dict>()->items);
      break;
    case Kind::kSet:
    case Kind::kFrozenSet:
      out.insert(out.end(), value.as<Set>()->items.begin(), value.as<Set>()->items.end());
      break;
    case Kind::kInstance: {
      const Instance* instance = value.as<Instance>();
      out.insert(out.end(), {instance->cls, instance->args, instance->kwargs, instance->state});
      out.insert(out.end(), instance->list_items.begin(), instance->list_items.end());
      add_pairs(instance->dict_items);
      break;
    }
    case Kind::kReduce: {
      const Reduce* reduce = value.as<Reduce>();
      out.insert(out.end(), {reduce->callable, reduce->args, reduce->state, reduce->state_setter});
      out.insert(out.end(), reduce->list_items.begin(), reduce->list_items.end());
      add_pairs(reduce->dict_items);
      break;
    }
    case Kind::kBoundMethod:
      out.insert(out.end(), {value.as<BoundMethod>()->self, value.as<BoundMethod>()->function});
      break;
    case Kind::kPersistentId:
      out.push_back(value.as<PersistentId>()->pid);
      break;
    default:
      break;
  }
}

}  // namespace

bool AnyReachable(Value root, const std::function<bool(Value)>& predicate) {
  std::vector<Value> pending = {root};
  absl::flat_hash_set<const Object*> seen;
  while (!pending.empty()) {
    const Value value = pending.back();
    pending.pop_back();
    if (predicate(value)) return true;
    if (value.object() != nullptr && seen.insert(value.object()).second) AppendChildren(value, pending);
  }
  return false;
}

}  // namespace brine::fuzz

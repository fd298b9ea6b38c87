// The Unpickler's opcodes for containers: empty ones, tuples, lists, dicts,
// sets and frozensets built from the stack, and the opcodes that add items to
// an existing object (see unpickler.h).

#include "brine/codec/unpickler.h"
#include "brine/codec/unpickler_inline.h"
#include "brine/value/containers.h"

namespace brine {

absl::Status Unpickler::LoadTuple() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  std::span<const Value> items = ItemsAbove(*mark);
  if (absl::Status room = CheckAllocation(items.size() * sizeof(Value)); !room.ok()) return room;
  ReplaceMarkedItems(heap_->NewTuple(items));
  return absl::OkStatus();
}

absl::Status Unpickler::LoadList() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  std::span<const Value> items = ItemsAbove(*mark);
  if (absl::Status room = CheckAllocation(items.size() * sizeof(Value)); !room.ok()) return room;
  Value list = heap_->NewList();
  list.as<List>()->items.assign(items.begin(), items.end());
  ReplaceMarkedItems(list);
  return absl::OkStatus();
}

absl::Status Unpickler::LoadDict() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  std::span<const Value> items = ItemsAbove(*mark);
  if (absl::Status room = CheckAllocation(items.size() * sizeof(Value)); !room.ok()) return room;
  if (items.size() % 2 != 0) return Fail("odd number of items for DICT");
  Value dict = heap_->NewDict();
  if (absl::Status set = SetItems(dict, items); !set.ok()) return set;
  ReplaceMarkedItems(dict);
  return absl::OkStatus();
}

absl::Status Unpickler::LoadFrozenSet() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  std::span<const Value> items = ItemsAbove(*mark);
  if (absl::Status room = CheckAllocation(items.size() * sizeof(Value)); !room.ok()) return room;
  Value frozenset = heap_->NewFrozenSet();
  if (absl::Status added = AddToSet(frozenset.as<Set>(), items); !added.ok()) return added;
  ReplaceMarkedItems(frozenset);
  return absl::OkStatus();
}

absl::Status Unpickler::LoadAddItems() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  absl::StatusOr<Value> target = TargetBelowMark(*mark);
  if (!target.ok()) return target.status();
  std::span<const Value> items = ItemsAbove(*mark);
  // No items: nothing to do, whatever the target (CPython's load_additems).
  if (!items.empty()) {
    if (target->kind() != Kind::kSet) return FailOnKind("add items to", *target);
    if (absl::Status added = AddToSet(target->as<Set>(), items); !added.ok()) return added;
  }
  PopMark();
  return absl::OkStatus();
}

absl::Status Unpickler::SetItems(Value target, std::span<const Value> pairs) {
  switch (target.kind()) {
    case Kind::kDict: {
      absl::Status set = DictSetItems(*heap_, target.as<Dict>(), pairs, &key_hashes_);
      if (!set.ok()) return FailWith(set);
      return absl::OkStatus();
    }
    case Kind::kInstance:
    case Kind::kReduce: {
      ArenaVector<std::pair<Value, Value>>& items = target.kind() == Kind::kInstance
                                                        ? target.as<Instance>()->dict_items
                                                        : target.as<Reduce>()->dict_items;
      for (size_t i = 0; i + 1 < pairs.size(); i += 2) items.emplace_back(pairs[i], pairs[i + 1]);
      return absl::OkStatus();
    }
    default:
      return FailOnKind("set items on", target);
  }
}

absl::Status Unpickler::AddToSet(Set* set, std::span<const Value> elements) {
  for (Value element : elements) {
    absl::Status added = SetAdd(*heap_, set, element, &key_hashes_);
    if (!added.ok()) return FailWith(added);
  }
  return absl::OkStatus();
}

}  // namespace brine

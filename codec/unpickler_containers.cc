// The Unpickler's opcodes for containers: empty ones, tuples, lists, dicts,
// sets and frozensets built from the stack, and the opcodes that add items to
// an existing object (see unpickler.h).
#include <algorithm>

#include "brine/codec/unpickler.h"
#include "brine/value/containers.h"

namespace brine {

absl::Status Unpickler::LoadEmptyList() {
  stack_.push_back(heap_->NewList());
  return absl::OkStatus();
}

absl::Status Unpickler::LoadEmptyDict() {
  stack_.push_back(heap_->NewDict());
  return absl::OkStatus();
}

absl::Status Unpickler::LoadEmptySet() {
  stack_.push_back(heap_->NewSet());
  return absl::OkStatus();
}

absl::Status Unpickler::LoadEmptyTuple() {
  stack_.push_back(heap_->NewTuple({}));
  return absl::OkStatus();
}

absl::Status Unpickler::LoadTupleN(size_t count) {
  if (absl::Status items = Need(count); !items.ok()) return items;
  Value tuple = heap_->NewTuple(std::span<const Value>(stack_.data() + stack_.size() - count, count));
  stack_.resize(stack_.size() - count);
  stack_.push_back(tuple);
  return absl::OkStatus();
}

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

absl::Status Unpickler::LoadAppend() {
  if (absl::Status items = Need(2); !items.ok()) return items;
  Value item = Pop();
  return Append(stack_.back(), std::span<const Value>(&item, 1));
}

absl::Status Unpickler::LoadSetItem() {
  if (absl::Status items = Need(3); !items.ok()) return items;
  Value pair[2] = {stack_[stack_.size() - 2], stack_[stack_.size() - 1]};
  stack_.resize(stack_.size() - 2);
  return SetItems(stack_.back(), pair);
}

absl::Status Unpickler::LoadAppends() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  absl::StatusOr<Value> target = TargetBelowMark(*mark);
  if (!target.ok()) return target.status();
  if (absl::Status applied = Append(*target, ItemsAbove(*mark)); !applied.ok()) return applied;
  PopMark();
  return absl::OkStatus();
}

absl::Status Unpickler::LoadSetItems() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  absl::StatusOr<Value> target = TargetBelowMark(*mark);
  if (!target.ok()) return target.status();
  std::span<const Value> items = ItemsAbove(*mark);
  if (items.size() % 2 != 0) return Fail("odd number of items for SETITEMS");
  if (absl::Status applied = SetItems(*target, items); !applied.ok()) return applied;
  PopMark();
  return absl::OkStatus();
}

absl::Status Unpickler::LoadAddItems() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  absl::StatusOr<Value> target = TargetBelowMark(*mark);
  if (!target.ok()) return target.status();
  if (target->kind() != Kind::kSet) return FailOnKind("add items to", *target);
  if (absl::Status added = AddToSet(target->as<Set>(), ItemsAbove(*mark)); !added.ok()) return added;
  PopMark();
  return absl::OkStatus();
}

absl::Status Unpickler::Append(Value target, std::span<const Value> items) {
  ArenaVector<Value>* list;
  switch (target.kind()) {
    case Kind::kList:
      list = &target.as<List>()->items;
      break;
    case Kind::kInstance:
      list = &target.as<Instance>()->list_items;
      break;
    case Kind::kReduce:
      list = &target.as<Reduce>()->list_items;
      break;
    default:
      return FailOnKind("append to", target);
  }
  list->insert(list->end(), items.begin(), items.end());
  return absl::OkStatus();
}

absl::Status Unpickler::SetItems(Value target, std::span<const Value> pairs) {
  switch (target.kind()) {
    case Kind::kDict: {
      ArenaVector<std::pair<Value, Value>>& items = target.as<Dict>()->items;
      size_t needed = items.size() + pairs.size() / 2;
      if (needed > items.capacity()) items.reserve(std::max(needed, 2 * items.capacity()));
      for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
        absl::Status set = DictSetItem(*heap_, target.as<Dict>(), pairs[i], pairs[i + 1]);
        if (!set.ok()) return FailWith(set);
      }
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
    absl::Status added = SetAdd(*heap_, set, element);
    if (!added.ok()) return FailWith(added);
  }
  return absl::OkStatus();
}

}  // namespace brine

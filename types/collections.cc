// collections' OrderedDict, defaultdict, deque and Counter: repr, JSON and
// reduce (see collections.h); rebuild functions in collections_set.cc.
#include "brine/types/collections.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"

namespace brine {
namespace {

std::span<const std::pair<Value, Value>> Items(Value dict) { return dict.as<Dict>()->items; }

// `{k: v, ...}` pieces for the pairs, in the given order.
void DictPieces(std::span<const std::pair<Value, Value>* const> pairs, NativeText& out) {
  out.Text("{");
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i != 0) out.Text(", ");
    out.Child(pairs[i]->first);
    out.Text(": ");
    out.Child(pairs[i]->second);
  }
  out.Text("}");
}

std::vector<const std::pair<Value, Value>*> InOrder(Value dict) {
  std::vector<const std::pair<Value, Value>*> pairs;
  for (const auto& pair : Items(dict)) pairs.push_back(&pair);
  return pairs;
}

// A Counter's count as a number sortable the way most_common() sorts;
// nullopt for counts of other kinds.
std::optional<double> CountKey(Value count) {
  if (count.kind() == Kind::kInt || count.kind() == Kind::kBool) return count.as_int();
  if (count.kind() == Kind::kFloat) return count.as_float();
  return std::nullopt;
}

// The pairs in most_common() order: counts descending, ties in insertion
// order; insertion order when a count is not an int or float (where
// CPython's own sort might also fail and fall back to it).
std::vector<const std::pair<Value, Value>*> MostCommonFirst(Value dict) {
  std::vector<const std::pair<Value, Value>*> pairs = InOrder(dict);
  for (const auto* pair : pairs) {
    if (!CountKey(pair->second)) return pairs;
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto* a, const auto* b) {
    return *CountKey(a->second) > *CountKey(b->second);
  });
  return pairs;
}

// A reduce result `collections.name(*args)` followed by SETITEMS/APPENDS.
ReduceTuple CollectionCall(Heap& heap, std::string_view name, std::span<const Value> args) {
  return ReduceTuple::Call(heap, "collections", name, args);
}

}  // namespace

// ---- OrderedDict: 3.11's '%s(%r)' % (name, list(self.items())) ----

void ReprNative(const OrderedDict& dict, NativeText& out) {
  if (Items(dict.items).empty()) {
    out.Text("OrderedDict()");
    return;
  }
  out.Text("OrderedDict([");
  bool first = true;
  for (const auto& [key, value] : Items(dict.items)) {
    out.Text(first ? "(" : ", (");
    first = false;
    out.Child(key);
    out.Text(", ");
    out.Child(value);
    out.Text(")");
  }
  out.Text("])");
}

void JsonNative(const OrderedDict& dict, NativeText& out) { out.Child(dict.items); }

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const OrderedDict& dict, int /*protocol*/) {
  ReduceTuple reduced = CollectionCall(heap, "OrderedDict", {});
  reduced.dict_items.assign(Items(dict.items).begin(), Items(dict.items).end());
  return reduced;
}

// ---- defaultdict ----

void ReprNative(const DefaultDict& dict, NativeText& out) {
  out.Text("defaultdict(");
  if (dict.default_factory.is_none()) {
    out.Text("None");
  } else {
    const Global& factory = *dict.default_factory.as<Global>();
    out.Text(absl::StrCat("<class '",
                          factory.module == "builtins" ? "" : absl::StrCat(std::string(factory.module), "."),
                          std::string(factory.qualname), "'>"));
  }
  out.Text(", ");
  DictPieces(InOrder(dict.items), out);
  out.Text(")");
}

void JsonNative(const DefaultDict& dict, NativeText& out) { out.Child(dict.items); }

// defaultdict.__reduce__: (cls, (factory,) or (), None, None, iter(items)).
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const DefaultDict& dict, int /*protocol*/) {
  std::vector<Value> args;
  if (!dict.default_factory.is_none()) args.push_back(dict.default_factory);
  ReduceTuple reduced = CollectionCall(heap, "defaultdict", args);
  reduced.dict_items.assign(Items(dict.items).begin(), Items(dict.items).end());
  return reduced;
}

// ---- deque ----

void ReprNative(const Deque& deque, NativeText& out) {
  out.Text("deque(");
  out.Child(deque.items);
  out.Text(deque.maxlen ? absl::StrCat(", maxlen=", *deque.maxlen, ")") : ")");
}

void JsonNative(const Deque& deque, NativeText& out) { out.Child(deque.items); }

// deque.__reduce__: (cls, ((), maxlen) or (), None, iter(self)).
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Deque& deque, int /*protocol*/) {
  std::vector<Value> args;
  if (deque.maxlen) args = {heap.NewTuple({}), Value::Int(*deque.maxlen)};
  ReduceTuple reduced = CollectionCall(heap, "deque", args);
  const auto& items = deque.items.as<List>()->items;
  reduced.list_items.assign(items.begin(), items.end());
  return reduced;
}

// ---- Counter: 3.11's '%s({...})' over most_common() ----

void ReprNative(const Counter& counter, NativeText& out) {
  if (Items(counter.items).empty()) {
    out.Text("Counter()");
    return;
  }
  out.Text("Counter(");
  DictPieces(MostCommonFirst(counter.items), out);
  out.Text(")");
}

void JsonNative(const Counter& counter, NativeText& out) { out.Child(counter.items); }

// Counter.__reduce__: (cls, (dict(self),)).
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Counter& counter, int /*protocol*/) {
  const Value args[1] = {counter.items};
  return CollectionCall(heap, "Counter", args);
}

NativeHash HashNative(Heap& /*heap*/, const OrderedDict& /*dict*/) {
  return Unhashable("unhashable type: 'collections.OrderedDict'");
}
NativeHash HashNative(Heap& /*heap*/, const DefaultDict& /*dict*/) {
  return Unhashable("unhashable type: 'collections.defaultdict'");
}
NativeHash HashNative(Heap& /*heap*/, const Deque& /*deque*/) {
  return Unhashable("unhashable type: 'collections.deque'");
}
NativeHash HashNative(Heap& /*heap*/, const Counter& /*counter*/) {
  return Unhashable("unhashable type: 'Counter'");  // a Python class: its __name__ alone
}

}  // namespace brine

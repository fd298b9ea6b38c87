// The two shapes that cross the registry boundary:
//  * ReduceTuple, what a reducer returns: Python's reduce tuple (callable,
//    args, state, list items, dict items, state setter), or a Substitute to
//    pickle another value in the object's place;
//  * Reconstruction, what a reconstructor receives: the pickled call that
//    would rebuild an object (callable or class, args, kwargs, state, items).
#ifndef BRINE_REGISTRY_REDUCE_H_
#define BRINE_REGISTRY_REDUCE_H_

#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

struct ReduceTuple {
  Value callable;  // usually heap.NewGlobal(module, qualname)
  Value args;      // a Tuple; None is taken as ()
  std::optional<Value> state;
  std::vector<Value> list_items;
  std::vector<std::pair<Value, Value>> dict_items;
  std::optional<Value> state_setter;  // state_setter(obj, state) instead of BUILD

  // (copyreg.__newobj__, (cls, *args), state): what object.__reduce_ex__(2)
  // returns for an ordinary class; pickled as NEWOBJ at protocol 2 and up.
  static ReduceTuple NewObj(Heap& heap, std::string_view module, std::string_view qualname,
                            std::span<const Value> args, std::optional<Value> state);
  // (callable, args[, state]) for a plain call such as geometry.Point(1.0, 2.0).
  static ReduceTuple Call(Heap& heap, std::string_view module, std::string_view qualname,
                          std::span<const Value> args, std::optional<Value> state = std::nullopt);
};

// Pickle `value` where the object would have been (for example a dict).
struct Substitute {
  Value value;
};

using Reduced = std::variant<ReduceTuple, Substitute>;

// The node the encoder writes for a reduce result, following CPython's
// save_reduce: `copyreg.__newobj__` becomes an Instance of args[0] with
// args[1:], `copyreg.__newobj_ex__` an Instance with (cls, args, kwargs), any
// other callable a Reduce node. Fails with pickle's messages when args is not
// a tuple or the __newobj__ arguments are malformed.
absl::StatusOr<Value> ReducedToNode(Heap& heap, Reduced reduced);

struct Reconstruction {
  // The name the pickle calls (Reduce) or instantiates (Instance); empty for
  // a plain value handed to a typed reconstruct function.
  std::string_view module;
  std::string_view qualname;
  Value source;  // the Reduce/Instance node, or the plain value
  Value args;    // a Tuple (empty when there were none)
  Value kwargs;  // a Dict, or None
  bool has_state = false;
  Value state;
  std::span<const Value> list_items;
  std::span<const std::pair<Value, Value>> dict_items;

  // Reads a Reduce or Instance node whose callable/class is a Global; any
  // other value becomes a Reconstruction with only `source` set.
  static Reconstruction Of(Heap& heap, Value source);
  // The state's entry `key` when the state is a dict with str keys (or a
  // (dict, slots) pair as CPython writes for __slots__ classes); for a plain
  // dict `source`, its entry `key`; else nullopt.
  std::optional<Value> StateField(std::string_view key) const;
};

}  // namespace brine

#endif  // BRINE_REGISTRY_REDUCE_H_

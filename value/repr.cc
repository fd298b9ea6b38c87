// repr() of whole value graphs with an explicit work stack (see repr.h for the
// forms printed). Containers being printed are remembered (OpenContainers) so
// a cycle prints CPython's marker (`[...]`, `{...}`, `(...)`, `set(...)`)
// instead of looping, and a shared container's text is copied, not redone.
// Every task appends at most one piece (a scalar's text, a separator or a
// bracket) to the TextOutput, which is checked once per task.
#include "brine/value/repr.h"

#include <cmath>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "brine/value/bigint.h"
#include "brine/value/flat_values.h"
#include "brine/value/native_format.h"
#include "brine/value/open_containers.h"

namespace brine {
namespace {

// One step of the printer: print a value, append text, append text and mark
// `value` as no longer being printed (kLeave), or print the next of a range
// of items (kItems: `, `-separated; kPairs: `key<text>value`, `, `-separated),
// which stays on the stack until the range is done. Ranges are walked lazily,
// so the stack grows with depth, not with width.
struct Task {
  enum Op : uint8_t { kValue, kText, kLeave, kItems, kPairs };
  Op op;
  Value value;
  std::string_view text;
  const void* items = nullptr;  // kItems: const Value*; kPairs: const pair*
  size_t size = 0;
  size_t index = 0;
};

bool IsAsciiIdentifier(std::string_view text) {
  if (text.empty() || (text[0] >= '0' && text[0] <= '9')) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              static_cast<uint8_t>(c) >= 0x80;
    if (!ok) return false;
  }
  return true;
}

// True when every key of the dict is a str usable as a keyword argument.
bool HasIdentifierKeys(std::span<const std::pair<Value, Value>> items) {
  for (const auto& [key, value] : items)
    if (key.kind() != Kind::kStr || !IsAsciiIdentifier(key.as<Str>()->utf8)) return false;
  return true;
}

bool IsEmptyTupleOrNone(Value v) {
  return v.is_none() || (v.kind() == Kind::kTuple && v.as<Tuple>()->items.empty());
}

bool IsEmptyDictOrNone(Value v) { return v.is_none() || (v.kind() == Kind::kDict && v.as<Dict>()->items.empty()); }

class Printer {
 public:
  Printer(const ReprOptions& options, TextOutput& output)
      : options_(options), output_(output), out_(output.buffer()), open_(output) {}

  absl::Status Run(Value root) {
    stack_.push_back({Task::kValue, root, {}});
    while (!stack_.empty()) {
      Task task = stack_.back();
      stack_.pop_back();
      absl::Status status = Step(task);
      if (status.ok()) status = output_.Check();
      if (!status.ok()) return status;
    }
    return output_.Finish();
  }

 private:
  absl::Status Step(Task& task) {
    switch (task.op) {
      case Task::kText: out_ += task.text; return absl::OkStatus();
      case Task::kLeave:
        out_ += task.text;
        open_.Leave(task.value.object());
        return absl::OkStatus();
      case Task::kValue: return Visit(task.value);
      case Task::kItems: return StepItems(task);
      case Task::kPairs: return StepPairs(task);
    }
    return absl::InternalError("unknown printer task");
  }

  // Writes the items of a kItems range on the spot while they are flat
  // (value/flat_values.h); at the first that is not, leaves the rest of the
  // range on the stack and visits it, so its own tasks go above the rest.
  absl::Status StepItems(Task& task) {
    const Value* items = static_cast<const Value*>(task.items);
    while (true) {
      if (task.index != 0) out_ += ", ";
      Value item = items[task.index++];
      if (task.index == task.size) return Visit(item);
      if (!IsFlat(item)) {
        stack_.push_back(task);
        return Visit(item);
      }
      if (absl::Status status = Visit(item); !status.ok()) return status;
      if (absl::Status status = output_.Check(); !status.ok()) return status;
    }
  }

  // Writes the pairs of a kPairs range on the spot while key and value are
  // flat; at the first pair that is not, leaves the rest on the stack and
  // schedules that pair above it.
  absl::Status StepPairs(Task& task) {
    const auto* pairs = static_cast<const std::pair<Value, Value>*>(task.items);
    while (task.index < task.size) {
      if (task.index != 0) out_ += ", ";
      const auto& [key, value] = pairs[task.index++];
      if (!IsFlat(key) || !IsFlat(value)) {
        if (task.index < task.size) stack_.push_back(task);
        stack_.push_back({Task::kValue, value, {}});
        stack_.push_back({Task::kText, Value(), task.text});
        return Visit(key);
      }
      if (absl::Status status = Visit(key); !status.ok()) return status;
      out_ += task.text;
      if (absl::Status status = Visit(value); !status.ok()) return status;
      if (absl::Status status = output_.Check(); !status.ok()) return status;
    }
    return absl::OkStatus();
  }

  // `items`, `, `-separated, each a leaf, written on the spot.
  absl::Status WriteLeaves(std::span<const Value> items) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (i != 0) out_ += ", ";
      if (absl::Status status = Visit(items[i]); !status.ok()) return status;
      if (absl::Status status = output_.Check(); !status.ok()) return status;
    }
    return absl::OkStatus();
  }

  // Tasks are gathered in reading order, then pushed reversed by Flush().
  void Text(std::string_view text) { pending_.push_back({Task::kText, Value(), text}); }
  void Child(Value value) { pending_.push_back({Task::kValue, value, {}}); }
  void Leave(Value value, std::string_view closing) { pending_.push_back({Task::kLeave, value, closing}); }
  void Flush() {
    stack_.insert(stack_.end(), pending_.rbegin(), pending_.rend());
    pending_.clear();
  }

  void Items(std::span<const Value> items) {
    if (!items.empty()) pending_.push_back({Task::kItems, Value(), {}, items.data(), items.size()});
  }
  void Pairs(std::span<const std::pair<Value, Value>> items, std::string_view between) {
    if (!items.empty()) pending_.push_back({Task::kPairs, Value(), between, items.data(), items.size()});
  }
  // Keyword arguments from a dict of identifier keys: `x=1, y=2`.
  void Keywords(std::span<const std::pair<Value, Value>> items) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (i != 0) Text(", ");
      Text(items[i].first.as<Str>()->utf8);
      Text("=");
      Child(items[i].second);
    }
  }

  // `.extend([...])`, `.update({...})` and `.__setstate__(...)` after a rebuilt object.
  void Suffixes(std::span<const Value> list_items, std::span<const std::pair<Value, Value>> dict_items,
                bool has_state, Value state, Value state_setter) {
    if (!list_items.empty()) {
      Text(".extend([");
      Items(list_items);
      Text("])");
    }
    if (!dict_items.empty()) {
      Text(".update({");
      Pairs(dict_items, ": ");
      Text("})");
    }
    if (has_state) {
      Text(".__setstate__(");
      Child(state);
      if (!state_setter.is_none()) {
        Text(", setter=");
        Child(state_setter);
      }
      Text(")");
    }
  }

  // Returns false when `value` is already being printed (after printing the
  // marker) or its text, printed before, was copied.
  bool Enter(Value value, std::string_view marker) {
    switch (open_.Enter(value.object())) {
      case OpenContainers::kEntered: return true;
      case OpenContainers::kCycle: out_ += marker; return false;
      case OpenContainers::kCopied: return false;
    }
    return false;
  }

  absl::Status Visit(Value value) {
    if (HasCostlyText(value)) return open_.WriteLeaf(value.object(), [&] { return VisitValue(value); });
    return VisitValue(value);
  }

  absl::Status VisitValue(Value value) {
    switch (value.kind()) {
      case Kind::kNone: out_ += "None"; return absl::OkStatus();
      case Kind::kBool: out_ += value.as_bool() ? "True" : "False"; return absl::OkStatus();
      case Kind::kInt:
      case Kind::kBigInt: return AppendIntDecimal(out_, value, options_.max_int_digits);
      case Kind::kFloat: AppendReprFloat(out_, value.as_float()); return absl::OkStatus();
      case Kind::kComplex: VisitComplex(*value.as<Complex>()); return absl::OkStatus();
      case Kind::kStr: AppendReprStr(out_, value.as<Str>()->utf8); return absl::OkStatus();
      case Kind::kBytes: out_ += ReprBytes(value.as<Bytes>()->data); return absl::OkStatus();
      case Kind::kByteArray:
        out_ += ReprByteArray(value.as<Bytes>()->data);
        return absl::OkStatus();
      case Kind::kGlobal: VisitGlobal(*value.as<Global>()); return absl::OkStatus();
      case Kind::kBuffer: VisitBuffer(*value.as<Buffer>()); return absl::OkStatus();
      case Kind::kNative:
        if (value.as<Native>()->format != nullptr) break;  // printed by its format, below
        if (!value.as<Native>()->origin.is_none()) break;  // printed as its origin, below
        out_ += "<native ";
        out_ += value.as<Native>()->type_name;
        out_ += ">";
        return absl::OkStatus();
      default: break;
    }
    if (std::span<const Value> items = FlatItems(value); !items.empty()) return VisitFlat(value, items);
    VisitComposite(value);
    Flush();
    return absl::OkStatus();
  }

  // A flat tuple or list (value/flat_values.h), written on the spot.
  absl::Status VisitFlat(Value value, std::span<const Value> items) {
    const bool tuple = value.kind() == Kind::kTuple;
    out_ += tuple ? "(" : "[";
    absl::Status status = WriteLeaves(items);
    out_ += !tuple ? "]" : items.size() == 1 ? ",)" : ")";
    return status;
  }

  void VisitComplex(const Complex& c) {
    std::string imag = ReprFloatNoDotZero(c.imag);
    if (c.real == 0 && !std::signbit(c.real)) {
      out_ += imag;
      out_ += "j";
      return;
    }
    out_ += "(";
    out_ += ReprFloatNoDotZero(c.real);
    if (imag[0] != '-') out_ += "+";
    out_ += imag;
    out_ += "j)";
  }

  void VisitGlobal(const Global& g) {
    if (!g.module.empty()) {
      out_ += g.module;
      out_ += ".";
    }
    out_ += g.qualname;
  }

  void VisitBuffer(const Buffer& b) {
    out_ += "PickleBuffer(index=" + std::to_string(b.index);
    if (b.readonly) out_ += ", readonly=True";
    if (b.has_data) out_ += ", nbytes=" + std::to_string(b.data.size());
    out_ += ")";
  }

  // Kinds with children: opening text now, the rest as tasks.
  void VisitComposite(Value value) {
    switch (value.kind()) {
      case Kind::kTuple: {
        std::span<const Value> items = value.as<Tuple>()->items;
        if (items.empty()) {
          out_ += "()";
          return;
        }
        if (!Enter(value, "(...)")) return;
        out_ += "(";
        Items(items);
        Leave(value, items.size() == 1 ? ",)" : ")");
        return;
      }
      case Kind::kList: {
        const auto& items = value.as<List>()->items;
        if (items.empty()) {
          out_ += "[]";
          return;
        }
        if (!Enter(value, "[...]")) return;
        out_ += "[";
        Items(items);
        Leave(value, "]");
        return;
      }
      case Kind::kDict: {
        const auto& items = value.as<Dict>()->items;
        if (items.empty()) {
          out_ += "{}";
          return;
        }
        if (!Enter(value, "{...}")) return;
        out_ += "{";
        Pairs(items, ": ");
        Leave(value, "}");
        return;
      }
      case Kind::kSet:
      case Kind::kFrozenSet: {
        bool frozen = value.kind() == Kind::kFrozenSet;
        const auto& items = value.as<Set>()->items;
        if (items.empty()) {
          out_ += frozen ? "frozenset()" : "set()";
          return;
        }
        if (!Enter(value, frozen ? "frozenset(...)" : "set(...)")) return;
        out_ += frozen ? "frozenset({" : "{";
        Items(items);
        Leave(value, frozen ? "})" : "}");
        return;
      }
      case Kind::kInstance: VisitInstance(value); return;
      case Kind::kReduce: VisitReduce(value); return;
      case Kind::kBoundMethod: {
        if (!Enter(value, "...")) return;
        const BoundMethod& m = *value.as<BoundMethod>();
        out_ += "<bound method ";
        std::string_view qualname = OwnerQualname(m.self);
        if (!qualname.empty()) {
          out_ += qualname;
          out_ += ".";
        }
        out_ += m.name;
        out_ += " of ";
        Child(m.self);
        Leave(value, ">");
        return;
      }
      case Kind::kNative:  // one with a format, or the node it stands for
        if (!Enter(value, "...")) return;
        if (value.as<Native>()->format != nullptr) {
          FormattedNative(*value.as<Native>());
          Leave(value, "");
          return;
        }
        Child(value.as<Native>()->origin);
        Leave(value, "");
        return;
      case Kind::kPersistentId:
        if (!Enter(value, "...")) return;
        out_ += "persistent_load(";
        Child(value.as<PersistentId>()->pid);
        Leave(value, ")");
        return;
      default: out_ += "<unknown>"; return;
    }
  }

  // The qualname of the class that built `self`, when it is a named global.
  static std::string_view OwnerQualname(Value self) {
    Value cls;
    if (self.kind() == Kind::kInstance) cls = self.as<Instance>()->cls;
    if (self.kind() == Kind::kReduce) cls = self.as<Reduce>()->callable;
    return cls.kind() == Kind::kGlobal ? cls.as<Global>()->qualname : std::string_view();
  }

  void VisitInstance(Value value) {
    if (!Enter(value, "...")) return;
    const Instance& inst = *value.as<Instance>();
    bool keyword_form = IsEmptyTupleOrNone(inst.args) && IsEmptyDictOrNone(inst.kwargs) &&
                        inst.list_items.empty() && inst.dict_items.empty() && inst.has_state &&
                        inst.state.kind() == Kind::kDict && HasIdentifierKeys(inst.state.as<Dict>()->items);
    Child(inst.cls);
    if (keyword_form) {
      Text("(");
      Keywords(inst.state.as<Dict>()->items);
      Leave(value, ")");
      return;
    }
    Text(".__new__(");
    Child(inst.cls);
    if (inst.args.kind() == Kind::kTuple) {
      for (Value arg : inst.args.as<Tuple>()->items) {
        Text(", ");
        Child(arg);
      }
    } else if (!inst.args.is_none()) {
      Text(", *");
      Child(inst.args);
    }
    if (!IsEmptyDictOrNone(inst.kwargs)) {
      Text(", ");
      if (inst.kwargs.kind() == Kind::kDict && HasIdentifierKeys(inst.kwargs.as<Dict>()->items)) {
        Keywords(inst.kwargs.as<Dict>()->items);
      } else {
        Text("**");
        Child(inst.kwargs);
      }
    }
    Text(")");
    Suffixes(inst.list_items, inst.dict_items, inst.has_state, inst.state, Value());
    Leave(value, "");
  }

  void VisitReduce(Value value) {
    if (!Enter(value, "...")) return;
    const Reduce& r = *value.as<Reduce>();
    Child(r.callable);
    Text("(");
    if (r.args.kind() == Kind::kTuple) {
      Items(r.args.as<Tuple>()->items);
    } else {
      Text("*");
      Child(r.args);
    }
    Text(")");
    Suffixes(r.list_items, r.dict_items, r.has_state, r.state, r.state_setter);
    Leave(value, "");
  }

  // A Native's own repr pieces (value/native_format.h), as tasks.
  void FormattedNative(const Native& native) {
    NativeText text(scratch_);
    native.format->repr(native.pointer, text);
    for (NativeText::Piece& piece : text.pieces()) {
      if (piece.is_child) {
        Child(piece.child);
      } else {
        Text(owned_text_.emplace_back(std::move(piece.text)));
      }
    }
  }

  const ReprOptions& options_;
  TextOutput& output_;
  std::string& out_;  // output_'s buffer
  std::unique_ptr<Heap> scratch_;        // values built by formats to be printed
  std::deque<std::string> owned_text_;   // text of format pieces, kept while tasks point at it
  std::vector<Task> stack_;
  std::vector<Task> pending_;
  OpenContainers open_;
};

}  // namespace

absl::Status WriteRepr(Value value, TextOutput::Flush flush, const ReprOptions& options) {
  TextOutput output(options.max_output_bytes, flush,
                    absl::StrCat("repr() text longer than the limit of ", options.max_output_bytes,
                                 " bytes (max_output_bytes); objects referenced more than once are printed in "
                                 "full at each reference"));
  return Printer(options, output).Run(value);
}

absl::StatusOr<std::string> Repr(Value value, const ReprOptions& options) {
  std::string text;
  absl::Status status = WriteRepr(value, StringFlush(text), options);
  if (!status.ok()) return status;
  return text;
}

}  // namespace brine

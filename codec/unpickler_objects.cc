// The Unpickler's opcodes for names and objects: globals (GLOBAL,
// STACK_GLOBAL, EXT*), persistent ids, calls (REDUCE, built-in constructors
// rebuilt into real values), instances (NEWOBJ, NEWOBJ_EX, INST, OBJ) and
// their state (BUILD). Nothing named is ever run (see unpickler.h).
#include "brine/codec/builtin_module_names.h"
#include "brine/codec/builtin_rebuilds.h"
#include "brine/codec/python2_names.h"
#include "brine/codec/unpickler.h"
#include "brine/value/string_views.h"

namespace brine {

const BuiltinModuleName* Unpickler::KnownBuiltinName(Value value) const {
  if (value.kind() != Kind::kGlobal || builtin_globals_.empty()) return nullptr;
  const Global* global = value.as<Global>();
  if (global == last_looked_up_global_) return last_looked_up_name_;
  auto known = builtin_globals_.find(global);
  last_looked_up_global_ = global;
  last_looked_up_name_ = known == builtin_globals_.end() ? nullptr : known->second;
  return last_looked_up_name_;
}

absl::Status Unpickler::LoadGlobal(std::string_view module, std::string_view name) {
  // CPython reads each line with its newline and wants more than that.
  if (module.empty() || name.empty()) return Fail("pickle data was truncated");
  if (absl::Status valid = ValidateUtf8(module, false); !valid.ok()) return FailWith(valid);
  if (absl::Status valid = ValidateUtf8(name, false); !valid.ok()) return FailWith(valid);
  return PushGlobal(module, name);
}

absl::Status Unpickler::LoadStackGlobal() {
  if (absl::Status items = Need(2); !items.ok()) return items;
  Value name = Pop();
  Value module = Pop();
  if (module.kind() != Kind::kStr || name.kind() != Kind::kStr) return Fail("STACK_GLOBAL requires str");
  return PushGlobal(module.as<Str>()->utf8, name.as<Str>()->utf8);
}

absl::Status Unpickler::LoadExt(int64_t code) {
  if (code <= 0) return Fail(absl::StrCat("extension code ", code, " is not positive"));
  std::optional<QualifiedName> name = options_.extensions ? options_.extensions->Lookup(code) : std::nullopt;
  if (name) return PushGlobal(name->module, name->name);
  if (!options_.keep_unregistered_extensions) return Fail(absl::StrCat("unregistered extension code ", code));
  const std::string qualname = absl::StrCat("<extension code ", code, ">");
  if (absl::Status room = CheckAllocation(qualname.size() + sizeof(Global)); !room.ok()) return room;
  Value global = heap_->NewGlobal("", qualname);
  global.as<Global>()->extension_code = code;
  stack_.push_back(global);
  return absl::OkStatus();
}

absl::Status Unpickler::LoadPersId(std::string_view pid) {
  for (char c : pid) {
    if (static_cast<uint8_t>(c) >= 0x80) return Fail("persistent IDs in protocol 0 must be ASCII strings");
  }
  PersistentId* id = heap_->NewPersistentId();
  if (absl::Status room = CheckAllocation(borrow_argument_ ? 0 : pid.size()); !room.ok()) return room;
  id->pid = heap_->NewStr(pid, borrow_argument_);
  stack_.push_back(Value::FromObject(id));
  return absl::OkStatus();
}

absl::Status Unpickler::LoadBinPersId() {
  if (absl::Status items = Need(1); !items.ok()) return items;
  PersistentId* id = heap_->NewPersistentId();
  id->pid = stack_.back();
  stack_.back() = Value::FromObject(id);
  return absl::OkStatus();
}

absl::Status Unpickler::LoadReduce() {
  if (absl::Status items = Need(2); !items.ok()) return items;
  Value args = Pop();
  Value callable = stack_.back();
  if (args.kind() != Kind::kTuple) {
    return Fail(absl::StrCat("argument must be a tuple, not ", ToAbsl(KindName(args.kind()))));
  }
  if (!IsReferenceKind(callable.kind())) {
    return Fail(absl::StrCat("'", ToAbsl(KindName(callable.kind())), "' object is not callable"));
  }
  if (const BuiltinModuleName* known = KnownBuiltinName(callable)) {
    if (known->kind == BuiltinNameKind::kData) {
      return Fail(absl::StrCat("'", ToAbsl(known->type_name), "' object is not callable"));
    }
    absl::StatusOr<std::optional<Value>> rebuilt = RebuildBuiltin(*heap_, callable, args, &key_hashes_);
    if (!rebuilt.ok()) return FailWith(rebuilt.status());
    if (rebuilt->has_value()) {
      stack_.back() = **rebuilt;
      return absl::OkStatus();
    }
  }
  Reduce* reduce = heap_->NewReduce();
  reduce->callable = callable;
  reduce->args = args;
  stack_.back() = Value::FromObject(reduce);
  return absl::OkStatus();
}

absl::Status Unpickler::CheckClass(Value cls) const {
  if (IsReferenceKind(cls.kind())) return absl::OkStatus();
  return Fail(absl::StrCat("class argument must be a class, not ", ToAbsl(KindName(cls.kind()))));
}

absl::Status Unpickler::CheckNewObjClass(Value cls) const {
  if (absl::Status is_class = CheckClass(cls); !is_class.ok()) return is_class;
  if (const BuiltinModuleName* known = KnownBuiltinName(cls); known && known->kind != BuiltinNameKind::kType) {
    return Fail(absl::StrCat("class argument must be a type, not ", ToAbsl(known->type_name)));
  }
  return absl::OkStatus();
}

absl::Status Unpickler::LoadNewObj() {
  if (absl::Status items = Need(2); !items.ok()) return items;
  Value args = Pop();
  Value cls = stack_.back();
  if (absl::Status is_class = CheckNewObjClass(cls); !is_class.ok()) return is_class;
  if (args.kind() != Kind::kTuple) {
    return Fail(absl::StrCat("args argument must be a tuple, not ", ToAbsl(KindName(args.kind()))));
  }
  if (KnownBuiltinName(cls) != nullptr) {
    absl::StatusOr<std::optional<Value>> rebuilt = RebuildBuiltinNew(*heap_, cls, args, &key_hashes_);
    if (!rebuilt.ok()) return FailWith(rebuilt.status());
    if (rebuilt->has_value()) {
      stack_.back() = **rebuilt;
      return absl::OkStatus();
    }
  }
  Instance* instance = heap_->NewInstance();
  instance->cls = cls;
  instance->args = args;
  instance->kwargs = Value::None();
  stack_.back() = Value::FromObject(instance);
  return absl::OkStatus();
}

absl::Status Unpickler::LoadNewObjEx() {
  if (absl::Status items = Need(3); !items.ok()) return items;
  Value kwargs = Pop();
  Value args = Pop();
  Value cls = stack_.back();
  if (absl::Status is_class = CheckNewObjClass(cls); !is_class.ok()) return is_class;
  if (args.kind() != Kind::kTuple) {
    return Fail(absl::StrCat("args argument must be a tuple, not ", ToAbsl(KindName(args.kind()))));
  }
  if (kwargs.kind() != Kind::kDict) {
    return Fail(absl::StrCat("kwargs argument must be a dict, not ", ToAbsl(KindName(kwargs.kind()))));
  }
  if (kwargs.as<Dict>()->items.empty() && KnownBuiltinName(cls) != nullptr) {
    absl::StatusOr<std::optional<Value>> rebuilt = RebuildBuiltinNew(*heap_, cls, args, &key_hashes_);
    if (!rebuilt.ok()) return FailWith(rebuilt.status());
    if (rebuilt->has_value()) {
      stack_.back() = **rebuilt;
      return absl::OkStatus();
    }
  }
  Instance* instance = heap_->NewInstance();
  instance->cls = cls;
  instance->args = args;
  instance->kwargs = kwargs;
  stack_.back() = Value::FromObject(instance);
  return absl::OkStatus();
}

absl::Status Unpickler::LoadInst(std::string_view module, std::string_view name) {
  // CPython reads INST's lines as ASCII (GLOBAL's as UTF-8), each checked as
  // it is read.
  static const StringDecoder ascii = *StringDecoder::Create("ascii", "strict");
  for (std::string_view line : {module, name}) {
    if (line.empty()) return Fail("pickle data was truncated");
    if (absl::StatusOr<ConvertedText> text = ascii.Decode(line); !text.ok()) return FailWith(text.status());
  }
  // The class is resolved first: PushGlobal may grow the stack the items live in.
  if (absl::Status pushed = LoadGlobal(module, name); !pushed.ok()) return pushed;
  Value cls = Pop();
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  Instance* instance = heap_->NewInstance();
  instance->cls = cls;
  instance->args = heap_->NewTuple(ItemsAbove(*mark));
  ReplaceMarkedItems(Value::FromObject(instance));
  return absl::OkStatus();
}

absl::Status Unpickler::LoadObj() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  std::span<const Value> items = ItemsAbove(*mark);
  if (items.empty()) return Fail("no class after the MARK");
  Value cls = items.front();
  if (absl::Status is_class = CheckClass(cls); !is_class.ok()) return is_class;
  Instance* instance = heap_->NewInstance();
  instance->cls = cls;
  instance->args = heap_->NewTuple(items.subspan(1));
  ReplaceMarkedItems(Value::FromObject(instance));
  return absl::OkStatus();
}

absl::Status Unpickler::LoadBuild() {
  if (absl::Status items = Need(2); !items.ok()) return items;
  Value state = Pop();
  Value target = stack_.back();
  bool* has_state;
  Value* state_slot;
  if (target.kind() == Kind::kInstance) {
    has_state = &target.as<Instance>()->has_state;
    state_slot = &target.as<Instance>()->state;
  } else if (target.kind() == Kind::kReduce) {
    has_state = &target.as<Reduce>()->has_state;
    state_slot = &target.as<Reduce>()->state;
  } else {
    return FailOnKind("set the state of", target);
  }
  if (*has_state) return Fail("a second BUILD on the same object");
  *has_state = true;
  *state_slot = state;
  return absl::OkStatus();
}

absl::Status Unpickler::PushGlobal(std::string_view module, std::string_view name) {
  if (protocol_ < 3 && options_.fix_imports) {
    QualifiedName mapped = Py2ToPy3({module, name});
    module = mapped.module;
    name = mapped.name;
  }
  global_key_.assign(module);
  global_key_.push_back('\n');
  global_key_.append(name);
  auto known = globals_.find(global_key_);
  if (known != globals_.end()) {
    stack_.push_back(known->second);
    return absl::OkStatus();
  }
  if (absl::Status found = CheckBuiltinModuleName(module, name, protocol_); !found.ok()) return FailWith(found);
  if (checks_policy_ && !IsRebuiltBuiltinName(module, name)) {
    absl::Status allowed = options_.hooks->CheckGlobalName(module, name);
    if (!allowed.ok()) return absl::Status(allowed.code(), FailWith(allowed).message());
  }
  absl::Status room = CheckAllocation(module.size() + name.size() + sizeof(Global));
  if (!room.ok()) return room;
  Value global = heap_->NewGlobal(module, name);
  globals_.emplace(global_key_, global);
  if (const BuiltinModuleName* known = FindBuiltinModuleName(module, name)) {
    builtin_globals_.emplace(global.as<Global>(), known);
  }
  stack_.push_back(global);
  return absl::OkStatus();
}

}  // namespace brine

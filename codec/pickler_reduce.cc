// The Pickler's globals and reduce calls: GLOBAL/STACK_GLOBAL/EXT, instances
// (copyreg._reconstructor, NEWOBJ, NEWOBJ_EX), reduce nodes with their list
// items, dict items and state, bound methods, persistent ids, buffers, and the
// reduce forms CPython uses for bytes, bytearray and complex.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "brine/codec/encode_scalars.h"
#include "brine/codec/pickler.h"
#include "brine/codec/python2_names.h"
#include "brine/codec/text_codecs.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// The last dotted component of a Global's qualname: what CPython's
// save_reduce reads as the callable's __name__.
std::string_view CallableName(Value callable) {
  if (callable.kind() != Kind::kGlobal) return {};
  std::string_view qualname = callable.as<Global>()->qualname;
  const size_t dot = qualname.rfind('.');
  return dot == std::string_view::npos ? qualname : qualname.substr(dot + 1);
}

// The functions of C modules (builtins, and ExceptionGroup, defined in
// Python; array._array_reconstructor). Their __module__ is the module's own
// name string, while the module's C types answer an interned copy of it:
// two different str objects, so CPython's STACK_GLOBAL memoizes 'builtins'
// (or 'array') once for these and once for the types.
bool IsCModuleFunction(std::string_view module, std::string_view qualname) {
  if (module == "array") return qualname == "_array_reconstructor";
  if (module != "builtins") return false;
  static constexpr std::string_view kNames[] = {
      "__build_class__", "__import__", "abs",     "aiter",   "all",        "anext",      "any",    "ascii",
      "bin",             "breakpoint", "callable", "chr",    "compile",    "delattr",    "dir",    "divmod",
      "eval",            "exec",       "format",   "getattr", "globals",   "hasattr",    "hash",   "hex",
      "id",              "input",      "isinstance", "issubclass", "iter", "len",        "locals", "max",
      "min",             "next",       "oct",      "open",    "ord",        "pow",        "print",  "repr",
      "round",           "setattr",    "sorted",   "sum",     "vars",       "ExceptionGroup"};
  for (std::string_view name : kNames) {
    if (name == qualname) return true;
  }
  return false;
}

// True when `qualname`, split at its dots, has an empty part: "", ".x", "x."
// or "a..b".
bool HasEmptyNamePart(std::string_view qualname) {
  if (qualname.empty() || qualname.front() == '.' || qualname.back() == '.') return true;
  return qualname.find("..") != std::string_view::npos;
}

bool IsNonEmptyDict(Value value) {
  return value.kind() == Kind::kDict && !value.as<Dict>()->items.empty();
}

// Whether `value` may stand for a class (NEWOBJ's first argument): a
// reference, but not a bound method; never a literal.
bool CanBeClass(Value value) {
  return IsReferenceKind(value.kind()) && value.kind() != Kind::kBoundMethod;
}

}  // namespace

void Pickler::PushReduce(Value callable, Value args, Op op, Value object, bool items_in_args) {
  Push({.step = Step::kReduceEnd, .flag = items_in_args, .value = object});
  PushOp(op);
  PushSave(args);
  PushSave(callable);
}

absl::Status Pickler::EndReduce(const Task& task) {
  const Value object = task.value;
  MemoWriter::Entry& entry = EntryOf(object);
  LeaveSave(entry);
  // Saving the arguments memoized the object: it is recursive. Drop what
  // the reduce built and fetch the memoized object instead.
  if (entry.memoized) {
    WriteOp(Op::kPop);
    memo_.Get(entry.index, out_);
    return absl::OkStatus();
  }
  if (absl::Status status = memo_.Put(entry, out_); !status.ok()) return status;

  const ArenaVector<Value>* list_items = nullptr;
  const ArenaVector<std::pair<Value, Value>>* dict_items = nullptr;
  bool has_state = false;
  Value state;
  Value state_setter;
  if (object.kind() == Kind::kReduce) {
    const Reduce* reduce = object.as<Reduce>();
    list_items = &reduce->list_items;
    dict_items = &reduce->dict_items;
    has_state = reduce->has_state;
    state = reduce->state;
    state_setter = reduce->state_setter;
  } else if (object.kind() == Kind::kInstance) {
    const Instance* instance = object.as<Instance>();
    // With items in the reconstructor's arguments, the list items went there
    // when there were any (base list), else the dict items (base dict).
    if (!task.flag) {
      list_items = &instance->list_items;
      dict_items = &instance->dict_items;
    } else if (!instance->list_items.empty()) {
      dict_items = &instance->dict_items;
    }
    has_state = instance->has_state;
    state = instance->state;
  }
  // Pushed in reverse: list items run first, then dict items, then state.
  if (has_state && !state.is_none()) {
    if (state_setter.is_none()) {
      PushOp(Op::kBuild);
      PushSave(state);
    } else {
      PushOp(Op::kPop);
      PushOp(Op::kReduce);
      PushOp(Op::kTuple2);
      PushSave(state);
      PushSave(object);
      PushSave(state_setter);
    }
  }
  if (dict_items != nullptr && !dict_items->empty()) {
    Push({.step = Step::kDictItems, .pairs = dict_items->data(), .size = dict_items->size()});
  }
  if (list_items != nullptr && !list_items->empty()) {
    Push({.step = Step::kListItems, .items = list_items->data(), .size = list_items->size()});
  }
  return absl::OkStatus();
}

absl::Status Pickler::WriteExtension(int64_t code, std::string_view module, std::string_view qualname) {
  if (code <= 0 || code > 0x7fffffff) {
    return absl::InvalidArgumentError(
        absl::StrCat("Can't pickle ", ToAbsl(module), ".", ToAbsl(qualname), ": extension code ", code, " is out of range"));
  }
  std::string op;
  if (code <= 0xff) {
    op.push_back(static_cast<char>(Op::kExt1));
    op.push_back(static_cast<char>(code));
  } else if (code <= 0xffff) {
    op.push_back(static_cast<char>(Op::kExt2));
    AppendUint16(op, static_cast<uint32_t>(code));
  } else {
    op.push_back(static_cast<char>(Op::kExt4));
    AppendUint32(op, static_cast<uint32_t>(code));
  }
  out_.Write(op);
  return absl::OkStatus();
}

absl::Status Pickler::SaveGlobal(Value global_value) {
  const Global* global = global_value.as<Global>();
  std::string_view module = global->module;
  std::string_view qualname = global->qualname;
  if (global->extension_code != 0) {
    if (protocol_ < 2) {
      return absl::InvalidArgumentError(absl::StrCat("can't pickle extension code ", global->extension_code,
                                                     ", which has no registered name, below protocol 2"));
    }
    return WriteExtension(global->extension_code, module, qualname);
  }
  if (protocol_ >= 2 && options_.extensions != nullptr) {
    if (std::optional<int64_t> code = options_.extensions->CodeOf(module, qualname)) {
      return WriteExtension(*code, module, qualname);
    }
  }
  if (protocol_ >= 4) {
    Push({.step = Step::kMemoPut, .value = global_value});
    PushOp(Op::kStackGlobal);
    PushSave(NameStr(qualname, NameKind::kIdentifier));
    PushSave(NameStr(module, IsCModuleFunction(module, qualname) ? NameKind::kBuiltinFunctionModule
                                                                  : NameKind::kModule));
    return absl::OkStatus();
  }
  // Below protocol 4 each part of the name becomes a GLOBAL line or a getattr
  // argument: an empty one would be a GLOBAL line no unpickler reads back
  // (CPython's pickler cannot look such a name up either).
  if (module.empty() || HasEmptyNamePart(qualname)) {
    return absl::InvalidArgumentError(absl::StrCat("can't pickle global ", ReprStr(module), " ", ReprStr(qualname),
                                                   " below protocol 4: a part of the name is empty"));
  }
  const size_t dot = qualname.rfind('.');
  if (dot != std::string_view::npos) {
    // A nested name below protocol 4: getattr(parent, last), not memoized as
    // a reduce, then memoized as the global. `last` is a fresh string (CPython
    // splits the qualname).
    Value parent = InternGlobal(module, qualname.substr(0, dot));
    Push({.step = Step::kMemoPut, .value = global_value});
    PushOp(Op::kReduce);
    PushSave(ScratchTuple({parent, scratch().NewStr(qualname.substr(dot + 1))}));
    PushSave(InternGlobal("builtins", "getattr"));
    return absl::OkStatus();
  }
  if (protocol_ < 3 && options_.fix_imports) {
    const QualifiedName py2 = Py3ToPy2(QualifiedName{module, qualname});
    module = py2.module;
    qualname = py2.name;
  }
  // Protocol 3 writes UTF-8 names; the others must be ASCII.
  if (protocol_ != 3) {
    if (!IsAscii(module)) {
      return absl::InvalidArgumentError(
          absl::StrCat("can't pickle module identifier '", ToAbsl(module), "' using pickle protocol ", protocol_));
    }
    if (!IsAscii(qualname)) {
      return absl::InvalidArgumentError(
          absl::StrCat("can't pickle global identifier '", ToAbsl(qualname), "' using pickle protocol ", protocol_));
    }
  }
  // GLOBAL's arguments are newline-terminated lines: a name holding a newline
  // could not be read back.
  if (module.find('\n') != std::string_view::npos || qualname.find('\n') != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("can't pickle global ", ReprStr(module), " ", ReprStr(qualname),
                                                   " below protocol 4: GLOBAL cannot hold a newline"));
  }
  out_.Write(absl::StrCat(std::string(1, static_cast<char>(Op::kGlobal)), ToAbsl(module), "\n", ToAbsl(qualname), "\n"));
  return memo_.Put(EntryOf(global_value), out_);
}

void Pickler::PushNewObject(Value cls, Value args, Value kwargs, Value object) {
  if (!IsNonEmptyDict(kwargs)) {
    PushReduce(cls, args, Op::kNewObj, object);
    return;
  }
  if (protocol_ >= 4) {
    Push({.step = Step::kReduceEnd, .value = object});
    PushOp(Op::kNewObjEx);
    PushSave(kwargs);
    PushSave(args);
    PushSave(cls);
    return;
  }
  // Protocols 2 and 3: functools.partial(cls.__new__, cls, *args, **kwargs)(),
  // the partial pickled by its own __reduce__: (partial, (func,), (func,
  // (cls, *args), kwargs, None)).
  Value new_function;
  if (cls.kind() == Kind::kGlobal) {
    const Global* global = cls.as<Global>();
    new_function = InternGlobal(global->module, absl::StrCat(ToAbsl(global->qualname), ".__new__"));
  } else {
    Reduce* getattr = scratch().NewReduce();
    getattr->callable = InternGlobal("builtins", "getattr");
    getattr->args = ScratchTuple({cls, scratch().NewStr("__new__")});
    new_function = Value::FromObject(getattr);
  }
  std::vector<Value> partial_args = {cls};
  for (Value arg : args.as<Tuple>()->items) partial_args.push_back(arg);
  // The partial keeps its own copy of the keyword arguments.
  Value partial_kwargs = scratch().NewDict();
  for (const auto& item : kwargs.as<Dict>()->items) partial_kwargs.as<Dict>()->items.push_back(item);
  Reduce* partial = scratch().NewReduce();
  partial->callable = InternGlobal("functools", "partial");
  partial->args = ScratchTuple({new_function});
  partial->has_state = true;
  partial->state = ScratchTuple({new_function, scratch().NewTuple(partial_args), partial_kwargs, Value::None()});
  PushReduce(Value::FromObject(partial), EmptyTuple(), Op::kReduce, object);
}

absl::Status Pickler::SaveInstance(Value instance_value) {
  const Instance* instance = instance_value.as<Instance>();
  Value args = instance->args.is_none() ? EmptyTuple() : instance->args;
  if (args.kind() != Kind::kTuple) {
    return absl::InvalidArgumentError(
        absl::StrCat("instance arguments must be a tuple, not '", ToAbsl(KindName(args.kind())), "'"));
  }
  if (!instance->kwargs.is_none() && instance->kwargs.kind() != Kind::kDict) {
    return absl::InvalidArgumentError(
        absl::StrCat("instance keyword arguments must be a dict, not '", ToAbsl(KindName(instance->kwargs.kind())), "'"));
  }
  if (protocol_ >= 2) {
    PushNewObject(instance->cls, args, instance->kwargs, instance_value);
    return absl::OkStatus();
  }
  // Protocols 0 and 1: what copyreg._reduce_ex returns. It cannot pass
  // __new__ arguments, so an instance that has some is rebuilt through
  // copyreg.__newobj__/__newobj_ex__ called by REDUCE instead.
  if (IsNonEmptyDict(instance->kwargs)) {
    PushReduce(InternGlobal("copyreg", "__newobj_ex__"), ScratchTuple({instance->cls, args, instance->kwargs}),
               Op::kReduce, instance_value);
    return absl::OkStatus();
  }
  if (!args.as<Tuple>()->items.empty()) {
    std::vector<Value> newobj_args = {instance->cls};
    for (Value arg : args.as<Tuple>()->items) newobj_args.push_back(arg);
    PushReduce(InternGlobal("copyreg", "__newobj__"), scratch().NewTuple(newobj_args), Op::kReduce,
               instance_value);
    return absl::OkStatus();
  }
  // _reconstructor(cls, base, base_state): base is list or dict for
  // instances carrying list or dict items (subclasses of list or dict),
  // object otherwise.
  Value base = InternGlobal("builtins", "object");
  Value base_state;
  bool items_in_args = false;
  if (!instance->list_items.empty()) {
    base = InternGlobal("builtins", "list");
    base_state = scratch().NewList();
    for (Value item : instance->list_items) base_state.as<List>()->items.push_back(item);
    items_in_args = true;
  } else if (!instance->dict_items.empty()) {
    base = InternGlobal("builtins", "dict");
    base_state = scratch().NewDict();
    for (const auto& item : instance->dict_items) base_state.as<Dict>()->items.push_back(item);
    items_in_args = true;
  }
  PushReduce(InternGlobal("copyreg", "_reconstructor"), ScratchTuple({instance->cls, base, base_state}),
             Op::kReduce, instance_value, items_in_args);
  return absl::OkStatus();
}

absl::Status Pickler::SaveReduce(Value reduce_value) {
  const Reduce* reduce = reduce_value.as<Reduce>();
  if (reduce->args.kind() != Kind::kTuple) {
    return absl::InvalidArgumentError(absl::StrCat("second item of the tuple returned by __reduce__ must be a tuple, not '",
                                                   ToAbsl(KindName(reduce->args.kind())), "'"));
  }
  const std::span<Value> args = reduce->args.as<Tuple>()->items;
  if (protocol_ >= 2) {
    const std::string_view name = CallableName(reduce->callable);
    if (name == "__newobj_ex__") {
      if (args.size() != 3 || !CanBeClass(args[0]) || args[1].kind() != Kind::kTuple || args[2].kind() != Kind::kDict) {
        return absl::InvalidArgumentError(
            "the __newobj_ex__ argument tuple must be (cls, args tuple, kwargs dict)");
      }
      if (protocol_ >= 4) {
        Push({.step = Step::kReduceEnd, .value = reduce_value});
        PushOp(Op::kNewObjEx);
        PushSave(args[2]);
        PushSave(args[1]);
        PushSave(args[0]);
      } else {
        PushNewObject(args[0], args[1], args[2], reduce_value);
      }
      return absl::OkStatus();
    }
    if (name == "__newobj__") {
      if (args.empty()) return absl::InvalidArgumentError("__newobj__ arglist is empty");
      if (!CanBeClass(args[0])) {
        return absl::InvalidArgumentError(absl::StrCat("args[0] from __newobj__ args has no __new__ (it is a '",
                                                       ToAbsl(KindName(args[0].kind())), "')"));
      }
      PushReduce(args[0], scratch().NewTuple(args.subspan(1)), Op::kNewObj, reduce_value);
      return absl::OkStatus();
    }
  }
  PushReduce(reduce->callable, reduce->args, Op::kReduce, reduce_value);
  return absl::OkStatus();
}

// A bound method pickles as getattr(self, name), as types.MethodType's
// __reduce__ says.
absl::Status Pickler::SaveBoundMethod(Value method_value) {
  const BoundMethod* method = method_value.as<BoundMethod>();
  PushReduce(InternGlobal("builtins", "getattr"), ScratchTuple({method->self, NameStr(method->name, NameKind::kIdentifier)}), Op::kReduce,
             method_value);
  return absl::OkStatus();
}

absl::Status Pickler::SavePersistentId(Value persistent_id) {
  const Value pid = persistent_id.as<PersistentId>()->pid;
  if (protocol_ >= 1) {
    PushOp(Op::kBinPersId);
    PushSave(pid);
    return absl::OkStatus();
  }
  // Protocol 0 writes str(pid) as a line of text.
  std::string text;
  if (pid.kind() == Kind::kStr) {
    text = std::string(pid.as<Str>()->utf8);
  } else {
    absl::StatusOr<std::string> repr = Repr(pid);
    if (!repr.ok()) return repr.status();
    text = *std::move(repr);
  }
  if (!IsAscii(text)) return absl::InvalidArgumentError("persistent IDs in protocol 0 must be ASCII strings");
  out_.Write(absl::StrCat(std::string(1, static_cast<char>(Op::kPersId)), text, "\n"));
  return absl::OkStatus();
}

absl::Status Pickler::SaveBuffer(Value buffer_value) {
  const Buffer* buffer = buffer_value.as<Buffer>();
  if (protocol_ < 5) {
    return absl::InvalidArgumentError(absl::StrCat("can't pickle a PickleBuffer (out-of-band buffer ", buffer->index,
                                                   ") with protocol ", protocol_, ": it needs protocol 5"));
  }
  if (options_.out_of_band_buffers != nullptr || !buffer->has_data) {
    WriteOp(Op::kNextBuffer);
    if (buffer->readonly) WriteOp(Op::kReadOnlyBuffer);
    if (options_.out_of_band_buffers != nullptr) options_.out_of_band_buffers->push_back(buffer->data);
    return absl::OkStatus();
  }
  if (buffer->readonly) {
    if (absl::Status status = WriteBytes(out_, protocol_, buffer->data); !status.ok()) return status;
  } else {
    WriteByteArray(out_, buffer->data);
  }
  return memo_.Put(EntryOf(buffer_value), out_);
}

// Below protocol 3: bytes() for b'', else _codecs.encode(text, 'latin1')
// with the bytes decoded as latin-1.
absl::Status Pickler::SaveBytesBelowProtocol3(Value bytes) {
  const std::string_view data = bytes.as<Bytes>()->data;
  if (data.empty()) {
    PushReduce(InternGlobal("builtins", "bytes"), EmptyTuple(), Op::kReduce, bytes);
  } else {
    Value str = Latin1Str(data);
    PushReduce(InternGlobal("_codecs", "encode"), ScratchTuple({str, NameStr("latin1", NameKind::kIdentifier)}),
               Op::kReduce, bytes);
  }
  return absl::OkStatus();
}

// A scratch str of `data` read as Latin-1. Above protocol 0 and 2 bytes (a
// shorter str is memoized by its text) it holds `data` itself, marked for
// SaveStr to convert as it writes: a large payload is then converted once,
// into the output, not first into a scratch copy as large as the output.
Value Pickler::Latin1Str(std::string_view data) {
  if (protocol_ >= 1 && data.size() > 2) {
    Value str = scratch().NewStr(data, /*borrow=*/true);
    MarkLatin1Str(str.object());
    return str;
  }
  const size_t size = Latin1Utf8Size(data);
  const std::span<char> text(scratch().AllocateChars(size), size);
  DecodeLatin1(data, text);
  return scratch().NewStr(std::string_view(text.data(), text.size()), /*borrow=*/true);
}

// Below protocol 5: bytearray() or bytearray(b'...').
absl::Status Pickler::SaveByteArrayBelowProtocol5(Value bytearray) {
  const std::string_view data = bytearray.as<Bytes>()->data;
  Value args = data.empty() ? EmptyTuple() : ScratchTuple({scratch().NewBytes(data, /*borrow=*/true)});
  PushReduce(InternGlobal("builtins", "bytearray"), args, Op::kReduce, bytearray);
  return absl::OkStatus();
}

// complex.__reduce__: complex(real, imag).
absl::Status Pickler::SaveComplex(Value complex) {
  const Complex* c = complex.as<Complex>();
  PushReduce(InternGlobal("builtins", "complex"), ScratchTuple({Value::Float(c->real), Value::Float(c->imag)}),
             Op::kReduce, complex);
  return absl::OkStatus();
}

}  // namespace brine

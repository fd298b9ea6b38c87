// ScanPickle (see scanner.h): an OpcodeHandler emulating the unpickler's stack,
// MARKs and memo with symbols (codec/scan_symbol.h), recording and judging a
// finding for every import and call.
#include "brine/codec/scanner.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "brine/codec/dis_argument.h"
#include "brine/codec/extension_codes.h"
#include "brine/codec/opcode_visitor.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/python2_names.h"
#include "brine/codec/scan_symbol.h"
#include "brine/codec/text_codecs.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

constexpr std::string_view kComputedName =
    "name computed while unpickling (module or name is not a string constant)";
constexpr std::string_view kSetsImportedState = "sets attributes of an imported module, class or function";
constexpr std::string_view kLookupPassedOn = "passes builtins.getattr to a call that could look up any attribute with it";
constexpr std::string_view kUnnamedCallee = "calls a value that is not a named callable";
constexpr std::string_view kLookupOnUnknownType = "getattr on a value whose class is not known";
constexpr std::string_view kUnknownType = "uses a value whose class is not known";
constexpr std::string_view kUnreadableLookup = "getattr whose attribute name is not a constant identifier";
constexpr std::string_view kUnknownExtension =
    "unknown callable: an extension code this pickle does not register (it depends on the loading process)";
constexpr std::string_view kPersistentLoad = "calls the loading application's persistent_load";

bool IsStringOpcode(Op op) {
  switch (op) {
    case Op::kString:
    case Op::kBinString:
    case Op::kShortBinString:
    case Op::kUnicode:
    case Op::kShortBinUnicode:
    case Op::kBinUnicode:
    case Op::kBinUnicode8:
      return true;
    default:
      return false;
  }
}

// The text a string opcode pushes, as pickle.loads would see it (Python 2
// strings taken byte for byte).
std::string StringText(const Instruction& instruction) {
  std::string_view raw = instruction.arg.text;
  absl::StatusOr<ConvertedText> converted;
  if (instruction.info->op == Op::kUnicode) {
    converted = DecodeRawUnicodeEscape(raw);
  } else if (instruction.info->op == Op::kString) {
    converted = UnescapeBytesLiteral(raw);
  } else {
    return std::string(raw);
  }
  if (!converted.ok()) return std::string(raw);
  return converted->same_as_input ? std::string(raw) : converted->text;
}

bool IsPlainAttributeName(std::string_view text) {
  return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
    return c == '.' || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
  });
}

// The emulated memo. Keys that are small numbers, as picklers write them, sit
// in a dense vector; others in a map.
class ScanMemo {
 public:
  // memo[key] = symbol; returns the bytes the entry took.
  size_t Set(std::string_view key, SymbolPtr symbol) {
    uint64_t index = 0;
    if (absl::SimpleAtoi(ToAbsl(key), &index) && index < 2 * count_ + 1024) return SetDense(index, std::move(symbol));
    auto [slot, added] = sparse_.try_emplace(std::string(key));
    slot->second = std::move(symbol);
    count_ += added ? 1 : 0;
    return added ? sizeof(std::string) + key.size() + sizeof(SymbolPtr) + 16 : 0;
  }

  // memo[len(memo)] = symbol (MEMOIZE); returns the bytes the entry took.
  size_t Append(SymbolPtr symbol) { return SetDense(count_, std::move(symbol)); }

  // memo[key], or null when absent.
  SymbolPtr Get(std::string_view key) const {
    uint64_t index = 0;
    if (absl::SimpleAtoi(ToAbsl(key), &index) && index < dense_.size() && dense_[index] != nullptr) {
      return dense_[index];
    }
    auto found = sparse_.find(ToAbsl(key));
    return found == sparse_.end() ? nullptr : found->second;
  }

  size_t size() const { return count_; }

 private:
  size_t SetDense(uint64_t index, SymbolPtr symbol) {
    size_t before = dense_.capacity();
    if (index >= dense_.size()) dense_.resize(index + 1);
    if (dense_[index] == nullptr) ++count_;
    dense_[index] = std::move(symbol);
    return (dense_.capacity() - before) * sizeof(SymbolPtr);
  }

  std::vector<SymbolPtr> dense_;
  absl::flat_hash_map<std::string, SymbolPtr> sparse_;
  size_t count_ = 0;
};

NameJudgement Unknown(std::string_view reason) { return {ScanVerdict::kUnknown, AllowKind::kNone, reason}; }

// The worse of two judgements (the first when equal).
NameJudgement Worse(const NameJudgement& a, const NameJudgement& b) { return b.verdict > a.verdict ? b : a; }

class Scanner : public OpcodeHandler {
 public:
  Scanner(const ScanOptions& options, std::vector<ScanFinding>& findings) : options_(options), findings_(findings) {}

  absl::Status OnInstruction(const Instruction& in) override {
    in_ = &in;
    absl::StatusOr<DisArgument> argument = ReadDisArgument(in);
    if (!argument.ok()) {
      // pickletools' argument parsing is stricter than some loads (a STRING
      // that is not ASCII loads with encoding='latin1'): go on with the raw
      // bytes, except where the memo key itself is in doubt.
      if (in.info->op == Op::kGet || in.info->op == Op::kPut) return argument.status();
      DisArgument raw;
      raw.present = true;
      raw.repr = ReprBytes(in.arg.text);
      argument = std::move(raw);
    }
    if (in.info->op == Op::kPop && !marks_.empty() && stack_.size() == marks_.back()) {
      marks_.pop_back();
      return absl::OkStatus();
    }
    std::vector<SymbolPtr> slice;
    std::vector<SymbolPtr> popped;
    if (absl::Status status = PopOperands(slice, popped); !status.ok()) return status;
    if (absl::Status status = Apply(*argument, slice, popped); !status.ok()) return status;
    return CheckLimits();
  }

 private:
  // Pops what the opcode consumes (stack_before): a MARK and everything above
  // it into `slice`, the fixed items into `popped`.
  absl::Status PopOperands(std::vector<SymbolPtr>& slice, std::vector<SymbolPtr>& popped) {
    const StackItems before = in_->info->stack_before;
    auto mark_position = std::find(before.begin(), before.end(), kMarkItem);
    size_t fixed = before.size();
    if (mark_position != before.end()) {
      if (marks_.empty()) return Error("could not find MARK");
      slice.assign(std::make_move_iterator(stack_.begin() + marks_.back()), std::make_move_iterator(stack_.end()));
      stack_.resize(marks_.back());
      marks_.pop_back();
      fixed = mark_position - before.begin();
    }
    size_t floor = marks_.empty() ? 0 : marks_.back();
    if (stack_.size() - floor < fixed) {
      return Error(stack_.size() < fixed ? "unpickling stack underflow"
                                         : "unpickling stack underflow (a MARK is in the way)");
    }
    popped.assign(std::make_move_iterator(stack_.end() - fixed), std::make_move_iterator(stack_.end()));
    stack_.resize(stack_.size() - fixed);
    return absl::OkStatus();
  }

  absl::Status Apply(const DisArgument& argument, std::vector<SymbolPtr>& slice, std::vector<SymbolPtr>& popped) {
    const Op op = in_->info->op;
    if (IsStringOpcode(op)) return PushString(argument);
    switch (op) {
      case Op::kInt:
      case Op::kBinInt:
      case Op::kBinInt1:
      case Op::kBinInt2:
      case Op::kLong:
      case Op::kLong1:
      case Op::kLong4:
        return PushInt(argument);
      case Op::kFloat:
      case Op::kBinFloat:
        return Push(Typed(ValueSymbol(argument.repr), "float"));
      case Op::kBinBytes:
      case Op::kShortBinBytes:
      case Op::kBinBytes8:
        return Push(Typed(ValueSymbol(argument.repr), "bytes"));
      case Op::kByteArray8:
        return Push(Typed(MutableSymbol(argument.repr), "bytearray"));
      case Op::kNone:
        return Push(ValueSymbol("None"));
      case Op::kNewTrue:
        return Push(Typed(ValueSymbol("True"), "bool"));
      case Op::kNewFalse:
        return Push(Typed(ValueSymbol("False"), "bool"));
      case Op::kNextBuffer:
        return Push(ValueSymbol("<out-of-band buffer>"));
      case Op::kReadOnlyBuffer:
        return Push(std::move(popped[0]));
      case Op::kMemoize:
        bytes_ += memo_.Append(popped[0]);
        return Push(std::move(popped[0]));
      case Op::kEmptyList:
        return Push(Typed(MutableSymbol("[]"), "list"));
      case Op::kEmptyDict:
        return Push(Typed(MutableSymbol("{}"), "dict"));
      case Op::kEmptySet:
        return Push(Typed(MutableSymbol("set()"), "set"));
      case Op::kEmptyTuple:
        return Push(Typed(TupleSymbol({}), "tuple"));
      case Op::kTuple:
        return Push(Typed(TupleSymbol(slice), "tuple"));
      case Op::kTuple1:
      case Op::kTuple2:
      case Op::kTuple3:
        return Push(Typed(TupleSymbol(popped), "tuple"));
      case Op::kList:
        return Push(Container(absl::StrCat("[", CallArguments(*TupleSymbol(slice)), "]"), "list", slice));
      case Op::kDict:
        return Push(Container(slice.empty() ? "{}" : "{...}", "dict", slice));
      case Op::kFrozenSet:
        return Push(Container(absl::StrCat("frozenset({", CallArguments(*TupleSymbol(slice)), "})"), "frozenset", slice));
      case Op::kAppend:
      case Op::kSetItem:
        return Push(Grown(std::move(popped[0]), {popped.begin() + 1, popped.end()}));
      case Op::kAppends:
      case Op::kSetItems:
      case Op::kAddItems:
        return Push(Grown(std::move(popped[0]), slice));
      case Op::kPop:
      case Op::kPopMark:
      case Op::kProto:
      case Op::kFrame:
      case Op::kStop:
        if (op == Op::kProto) protocol_ = in_->arg.integer;
        return absl::OkStatus();
      case Op::kDup:
        stack_.push_back(popped[0]);
        return Push(std::move(popped[0]));
      case Op::kMark:
        marks_.push_back(stack_.size());
        return absl::OkStatus();
      case Op::kGet:
      case Op::kBinGet:
      case Op::kLongBinGet: {
        SymbolPtr found = memo_.Get(argument.memo_key);
        if (found == nullptr) return Error(absl::StrCat("memo value not found at index ", argument.memo_key));
        return Push(std::move(found));
      }
      case Op::kPut:
      case Op::kBinPut:
      case Op::kLongBinPut:
        if (stack_.size() == (marks_.empty() ? 0 : marks_.back())) return Error("unpickling stack underflow");
        SetMemo(argument.memo_key, stack_.back());
        return absl::OkStatus();
      case Op::kExt1:
      case Op::kExt2:
      case Op::kExt4:
        return Push(Extension(in_->arg.integer));
      case Op::kGlobal:
        return Push(Import(in_->arg.text, in_->arg.text2));
      case Op::kStackGlobal:
        return Push(StackGlobal(*popped[0], *popped[1]));
      case Op::kInst: {
        SymbolPtr cls = Import(in_->arg.text, in_->arg.text2);
        SymbolPtr args = TupleSymbol(slice);
        return Push(Call(cls, *args, absl::StrCat(cls->display, "(", CallArguments(*args), ")")));
      }
      case Op::kObj: {
        if (slice.empty()) return Error("unpickling stack underflow (OBJ needs a class after its MARK)");
        SymbolPtr cls = std::move(slice.front());
        slice.erase(slice.begin());
        SymbolPtr args = TupleSymbol(slice);
        return Push(Call(cls, *args, absl::StrCat(cls->display, "(", CallArguments(*args), ")")));
      }
      case Op::kReduce:
        return Push(
            Call(popped[0], *popped[1], absl::StrCat(popped[0]->display, "(", CallArguments(*popped[1]), ")")));
      case Op::kNewObj:
        return Push(New(popped[0], *popped[1],
                        absl::StrCat(popped[0]->display, ".__new__(", popped[0]->display,
                                     popped[1]->is_tuple && popped[1]->display == "()" ? "" : ", ",
                                     CallArguments(*popped[1]), ")")));
      case Op::kNewObjEx:
        return Push(New(popped[0], *TupleSymbol({popped[1], popped[2]}),
                        absl::StrCat(popped[0]->display, ".__new__(", popped[0]->display, ", ",
                                     CallArguments(*popped[1]), ", **", popped[2]->display, ")")));
      case Op::kBuild:
        return Push(Build(std::move(popped[0]), *popped[1]));
      case Op::kPersId:
        return Push(PersistentLoad(argument.repr));
      case Op::kBinPersId:
        return Push(PersistentLoad(popped[0]->display));
      default:
        return Error("opcode not handled by the scanner");
    }
  }

  absl::Status Push(SymbolPtr symbol) {
    stack_.push_back(std::move(symbol));
    return absl::OkStatus();
  }

  absl::Status Error(std::string_view what) const { return OpcodeError(*in_->info, in_->offset, what); }

  absl::Status LimitExceeded(std::string_view what) const {
    return absl::ResourceExhaustedError(Error(what).message());
  }

  // The decoder's limits (DecodeLimits), checked after each opcode.
  absl::Status CheckLimits() const {
    const DecodeLimits& limits = options_.limits;
    if (stack_.size() > limits.max_stack_size) {
      return LimitExceeded(absl::StrCat("more than max_stack_size (", limits.max_stack_size, ") values on the stack"));
    }
    if (marks_.size() > limits.max_mark_depth) {
      return LimitExceeded(absl::StrCat("more than max_mark_depth (", limits.max_mark_depth, ") open MARKs"));
    }
    if (memo_.size() > limits.max_memo_entries) {
      return LimitExceeded(absl::StrCat("more than max_memo_entries (", limits.max_memo_entries, ") memo entries"));
    }
    if (bytes_ > limits.max_total_bytes) {
      return LimitExceeded(
          absl::StrCat("the scan takes more than max_total_bytes (", limits.max_total_bytes, ") bytes"));
    }
    return absl::OkStatus();
  }

  // Counts a new symbol against the memory limit.
  SymbolPtr Counted(SymbolPtr symbol) {
    bytes_ += symbol->Footprint();
    return symbol;
  }

  void SetMemo(std::string_view key, SymbolPtr symbol) { bytes_ += memo_.Set(key, std::move(symbol)); }

  // `symbol` as an instance of the built-in type `name` (a string literal:
  // the judged names are kept by its address).
  SymbolPtr Typed(SymbolPtr symbol, const char* name) {
    std::shared_ptr<const ScanName>& type = builtin_types_[name];
    if (type == nullptr) type = Resolved("builtins", name, /*map_python2=*/false);
    symbol->facts.type = type;
    return Counted(std::move(symbol));
  }

  absl::Status PushString(const DisArgument& argument) {
    SymbolPtr symbol = ValueSymbol(argument.repr);
    std::string text = StringText(*in_);
    if (text.size() <= kMaxKeptText) symbol->facts.text = std::make_shared<const std::string>(std::move(text));
    return Push(Typed(std::move(symbol), "str"));
  }

  absl::Status PushInt(const DisArgument& argument) {
    SymbolPtr symbol = ValueSymbol(argument.repr_status.ok() ? argument.repr : "<int>");
    int64_t value = 0;
    if (in_->info->op == Op::kBinInt || in_->info->op == Op::kBinInt1 || in_->info->op == Op::kBinInt2) {
      symbol->facts.integer = in_->arg.integer;
    } else if (argument.repr_status.ok() && absl::SimpleAtoi(argument.repr, &value)) {
      symbol->facts.integer = value;
    }
    return Push(Typed(std::move(symbol), "int"));
  }

  // A list, dict or frozenset made of `items`.
  SymbolPtr Container(std::string display, const char* type, const std::vector<SymbolPtr>& items) {
    SymbolPtr symbol = MutableSymbol(std::move(display));
    symbol->carries_lookup = AnyCarriesLookup(items);
    return Typed(std::move(symbol), type);
  }

  // A list, dict, set or instance after `items` were added to it (APPEND,
  // SETITEM, ADDITEMS and their batch forms).
  static SymbolPtr Grown(SymbolPtr container, const std::vector<SymbolPtr>& items) {
    if (!container->is_mutable) return container;
    if (container->display == "[]") container->display = "[...]";
    if (container->display == "{}" || container->display == "set()") container->display = "{...}";
    container->carries_lookup = container->carries_lookup || AnyCarriesLookup(items);
    return container;
  }

  void AddFinding(ScanFinding::Action action, std::string target, std::string resolved, std::string arguments,
                  const NameJudgement& judgement) {
    ScanFinding finding{in_->offset,
                        in_->info->name,
                        action,
                        Shorten(std::move(target), kMaxTarget),
                        resolved.empty() ? std::string() : Shorten(SafeName(resolved), kMaxTarget),
                        Shorten(std::move(arguments), kMaxTarget),
                        judgement.verdict,
                        judgement.verdict == ScanVerdict::kAllowed ? std::string_view() : judgement.reason};
    bytes_ += sizeof(ScanFinding) + finding.target.capacity() + finding.resolved.capacity() +
              finding.arguments.capacity();
    findings_.push_back(std::move(finding));
  }

  // The judged name find_class reaches for (module, name): Python 2 names
  // mapped below protocol 3 when `map_python2`, as CPython's find_class
  // does. Judgements are kept per name.
  std::shared_ptr<const ScanName> Resolved(std::string_view module, std::string_view name, bool map_python2) {
    QualifiedName resolved{module, name};
    if (map_python2 && protocol_ < 3) resolved = Py2ToPy3(resolved);
    std::pair<std::string, std::string> key(resolved.module, resolved.name);
    auto found = names_.find(key);
    if (found != names_.end()) return found->second;
    auto judged = std::make_shared<const ScanName>(
        ScanName{key.first, key.second, JudgeName(key.first, key.second, options_.allow)});
    bytes_ += sizeof(ScanName) + 2 * (key.first.capacity() + key.second.capacity()) + 64;
    names_.emplace(std::move(key), judged);
    return judged;
  }

  // A symbol standing for `name`.
  SymbolPtr Named(std::string display, std::shared_ptr<const ScanName> name) {
    SymbolPtr symbol = ValueSymbol(std::move(display));
    symbol->carries_lookup = name->judgement.kind == AllowKind::kAttributeLookup;
    symbol->facts.judgement = name->judgement;
    symbol->facts.name = std::move(name);
    return Counted(std::move(symbol));
  }

  // Records the import of module.name (GLOBAL, INST, STACK_GLOBAL) and returns
  // the imported object.
  SymbolPtr Import(std::string_view module, std::string_view name) {
    std::shared_ptr<const ScanName> resolved = Resolved(module, name, /*map_python2=*/true);
    std::string target = absl::StrCat(SafeName(module), ".", SafeName(name));
    AddFinding(ScanFinding::Action::kImport, target, resolved->Dotted(), {}, resolved->judgement);
    return Named(std::move(target), std::move(resolved));
  }

  SymbolPtr StackGlobal(const Symbol& module, const Symbol& name) {
    if (module.facts.text != nullptr && name.facts.text != nullptr) {
      return Import(*module.facts.text, *name.facts.text);
    }
    std::string target = absl::StrCat(module.display, ".", name.display);
    NameJudgement computed{ScanVerdict::kDangerous, AllowKind::kNone, kComputedName};
    AddFinding(ScanFinding::Action::kImport, target, {}, {}, computed);
    SymbolPtr symbol = ValueSymbol(std::move(target));
    symbol->facts.judgement = computed;
    return Counted(std::move(symbol));
  }

  // EXT1/EXT2/EXT4: the name registered under `code` by this pickle's own
  // copyreg.add_extension calls, found as find_class finds it.
  SymbolPtr Extension(int64_t code) {
    std::string target = absl::StrCat("extension code ", code);
    std::optional<QualifiedName> registered = extensions_.Lookup(code);
    if (!registered.has_value()) {
      AddFinding(ScanFinding::Action::kImport, target, {}, {}, Unknown(kUnknownExtension));
      SymbolPtr symbol = ValueSymbol(absl::StrCat("<", target, ">"));
      symbol->facts.judgement = Unknown(kUnknownExtension);
      return Counted(std::move(symbol));
    }
    std::shared_ptr<const ScanName> resolved = Resolved(registered->module, registered->name, /*map_python2=*/true);
    AddFinding(ScanFinding::Action::kImport, target, resolved->Dotted(), {}, resolved->judgement);
    return Named(absl::StrCat(SafeName(registered->module), ".", SafeName(registered->name)), std::move(resolved));
  }

  // A call of `callee` with `args` (REDUCE, INST, OBJ), written as
  // `expression`; returns its result.
  SymbolPtr Call(const SymbolPtr& callee, const Symbol& args, std::string expression) {
    const ScanName* name = callee->facts.name.get();
    if (name != nullptr && name->judgement.kind == AllowKind::kAttributeLookup) {
      return Lookup(args, std::move(expression));
    }
    NameJudgement judgement = Unknown(kUnnamedCallee);
    std::string resolved;
    if (name != nullptr) {
      judgement = name->judgement;
      resolved = name->Dotted();
      RecordExtension(resolved, args);
    } else if (callee->facts.type != nullptr) {
      std::shared_ptr<const ScanName> call = Resolved(
          callee->facts.type->module, absl::StrCat(callee->facts.type->qualname, ".__call__"), /*map_python2=*/false);
      judgement = call->judgement;
      resolved = call->Dotted();
    }
    if (args.carries_lookup) judgement = Worse(judgement, Unknown(kLookupPassedOn));
    AddFinding(ScanFinding::Action::kCall, expression, resolved, CallArguments(args), judgement);
    return Result(callee, args, std::move(expression));
  }

  // copyreg.add_extension(module, name, code) with constant arguments: the
  // extension code EXT1/EXT2/EXT4 may then use.
  void RecordExtension(std::string_view callee, const Symbol& args) {
    const std::vector<SymbolFacts>& items = args.first_items;
    if (callee == "copyreg.add_extension" && items.size() == 3 && items[0].text && items[1].text &&
        items[2].integer) {
      bytes_ += items[0].text->size() + items[1].text->size() + 128;
      extensions_.Add(*items[0].text, *items[1].text, *items[2].integer).IgnoreError();
    }
  }

  // The value a call of `callee` returns, as far as the allow list tells.
  SymbolPtr Result(const SymbolPtr& callee, const Symbol& args, std::string expression) {
    SymbolPtr result = MutableSymbol(std::move(expression));
    const std::shared_ptr<const ScanName>& name = callee->facts.name;
    result->facts.judgement = Unknown(kUnknownType);
    if (name != nullptr && IsModuleImporter(name->Dotted()) && !args.first_items.empty() &&
        args.first_items[0].text != nullptr && !args.first_items[0].text->empty()) {
      // __import__('os'): the module os, whose attributes getattr may reach.
      return Named(std::move(result->display), Resolved(*args.first_items[0].text, "", /*map_python2=*/false));
    }
    if (name == nullptr) return Counted(std::move(result));
    switch (name->judgement.kind) {
      case AllowKind::kFunction:
        result->facts.judgement = name->judgement;
        break;
      case AllowKind::kRebuildsFirstArgument:
        if (!args.first_items.empty() && args.first_items[0].name != nullptr) {
          result->facts.type = args.first_items[0].name;
          result->facts.judgement = result->facts.type->judgement;
        }
        break;
      default:
        result->facts.type = name;
        result->facts.judgement = name->judgement;
        break;
    }
    return Counted(std::move(result));
  }

  static bool IsModuleImporter(std::string_view name) {
    return name == "builtins.__import__" || name == "importlib.import_module";
  }

  // builtins.getattr(obj, 'attribute'[, default]): judged by the attribute it
  // looks up on what obj is.
  SymbolPtr Lookup(const Symbol& args, std::string expression) {
    std::shared_ptr<const ScanName> attribute;
    NameJudgement judgement = Unknown(kUnreadableLookup);
    const std::vector<SymbolFacts>& items = args.first_items;
    if (args.is_tuple && items.size() >= 2 && items[1].text != nullptr && IsPlainAttributeName(*items[1].text)) {
      const ScanName* base = items[0].name != nullptr ? items[0].name.get() : items[0].type.get();
      if (base == nullptr) {
        judgement = Unknown(kLookupOnUnknownType);
      } else {
        attribute = Resolved(base->module,
                             base->qualname.empty() ? *items[1].text : absl::StrCat(base->qualname, ".", *items[1].text),
                             /*map_python2=*/false);
        judgement = attribute->judgement;
      }
    }
    if (args.carries_lookup) judgement = Worse(judgement, Unknown(kLookupPassedOn));
    AddFinding(ScanFinding::Action::kCall, expression, attribute ? attribute->Dotted() : std::string(),
               CallArguments(args), judgement);
    if (attribute != nullptr) return Named(std::move(expression), std::move(attribute));
    SymbolPtr result = ValueSymbol(std::move(expression));
    result->facts.judgement = judgement;
    return Counted(std::move(result));
  }

  // NEWOBJ, NEWOBJ_EX: cls.__new__(cls, ...), judged by the class.
  SymbolPtr New(const SymbolPtr& cls, const Symbol& args, std::string expression) {
    const std::shared_ptr<const ScanName>& name = cls->facts.name;
    NameJudgement judgement = name != nullptr ? name->judgement : Unknown(kUnnamedCallee);
    if (args.carries_lookup) judgement = Worse(judgement, Unknown(kLookupPassedOn));
    AddFinding(ScanFinding::Action::kCall, expression, name != nullptr ? name->Dotted() : std::string(),
               CallArguments(args), judgement);
    SymbolPtr result = MutableSymbol(std::move(expression));
    result->facts.type = name;
    result->facts.judgement = name != nullptr ? name->judgement : Unknown(kUnknownType);
    return Counted(std::move(result));
  }

  // BUILD: obj.__setstate__(state) or an update of its attributes, judged by
  // what obj is.
  SymbolPtr Build(SymbolPtr object, const Symbol& state) {
    NameJudgement judgement = object->facts.judgement;
    std::string resolved;
    if (object->facts.name != nullptr) {
      judgement = {ScanVerdict::kDangerous, AllowKind::kNone, kSetsImportedState};
      resolved = absl::StrCat(object->facts.name->Dotted(), ".__setstate__");
    } else if (object->facts.type != nullptr) {
      judgement = object->facts.type->judgement;
      resolved = absl::StrCat(object->facts.type->Dotted(), ".__setstate__");
    }
    if (state.carries_lookup) judgement = Worse(judgement, Unknown(kLookupPassedOn));
    AddFinding(ScanFinding::Action::kCall, absl::StrCat(object->display, ".__setstate__(", state.display, ")"),
               resolved, state.display, judgement);
    if (object->is_mutable) object->carries_lookup = object->carries_lookup || state.carries_lookup;
    return object;
  }

  SymbolPtr PersistentLoad(std::string_view pid) {
    std::string target = absl::StrCat("persistent_load(", ToAbsl(pid), ")");
    AddFinding(ScanFinding::Action::kCall, target, {}, std::string(pid), Unknown(kPersistentLoad));
    SymbolPtr symbol = ValueSymbol(std::move(target));
    symbol->facts.judgement = Unknown(kPersistentLoad);
    return Counted(std::move(symbol));
  }

  const ScanOptions& options_;
  std::vector<ScanFinding>& findings_;
  const Instruction* in_ = nullptr;
  // The protocol the last PROTO opcode set (0 without one), as the
  // unpickler's own `proto`.
  int64_t protocol_ = 0;
  std::vector<SymbolPtr> stack_;
  // Stack sizes at each open MARK, innermost last.
  std::vector<size_t> marks_;
  ScanMemo memo_;
  absl::flat_hash_map<std::pair<std::string, std::string>, std::shared_ptr<const ScanName>> names_;
  ExtensionRegistry extensions_;
  absl::flat_hash_map<const char*, std::shared_ptr<const ScanName>> builtin_types_;
  // Bytes of symbols, memo entries, names and findings made so far.
  size_t bytes_ = 0;
};

}  // namespace

size_t ScanReport::count(ScanVerdict verdict) const {
  return std::count_if(findings.begin(), findings.end(), [verdict](const ScanFinding& f) { return f.verdict == verdict; });
}

ScanVerdict ScanReport::worst() const {
  ScanVerdict worst = ScanVerdict::kAllowed;
  for (const ScanFinding& f : findings) worst = std::max(worst, f.verdict);
  return worst;
}

ScanReport ScanPickle(std::string_view data, size_t start, const ScanOptions& options) {
  ScanReport report;
  Scanner scanner(options, report.findings);
  absl::StatusOr<size_t> end = VisitOpcodes(data, scanner, start);
  if (end.ok()) {
    report.end = *end;
  } else {
    report.status = end.status();
  }
  return report;
}

}  // namespace brine

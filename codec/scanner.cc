// ScanPickle (see scanner.h): an OpcodeHandler emulating the unpickler's stack
// and memo with symbolic values (a Python-like display text per value), and
// recording a finding for every import and call.
#include "brine/codec/scanner.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "brine/codec/dangerous_names.h"
#include "brine/codec/dis_argument.h"
#include "brine/codec/opcode_visitor.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/text_codecs.h"
#include "brine/codec/python2_names.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

// Longest display kept for one value, and for a finding's target.
constexpr size_t kMaxDisplay = 120;
constexpr size_t kMaxTarget = 240;
// Longest str whose text is kept for resolving STACK_GLOBAL names.
constexpr size_t kMaxKeptText = 1024;

// `text` cut to at most `limit` bytes (on a UTF-8 character boundary) with
// "..." appended when something was cut.
std::string Shorten(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit - 3;
  while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text += "...";
  return text;
}

// One value on the emulated stack.
struct Symbol {
  bool is_mark = false;
  // A str whose full text is in `text`.
  bool is_str = false;
  // A tuple; `items` holds its items' displays joined with ", ".
  bool is_tuple = false;
  std::string text;
  std::string display;
  std::string items;
  // For an imported name: why it is dangerous, or empty.
  std::string_view danger;
};

Symbol Value(std::string display) {
  Symbol symbol;
  symbol.display = Shorten(std::move(display), kMaxDisplay);
  return symbol;
}

Symbol Tuple(const std::vector<Symbol>& items) {
  std::string joined;
  for (const Symbol& item : items) {
    if (!joined.empty()) joined += ", ";
    joined += item.display;
    if (joined.size() > kMaxDisplay) break;
  }
  Symbol tuple;
  tuple.is_tuple = true;
  tuple.items = Shorten(std::move(joined), kMaxDisplay);
  tuple.display = items.size() == 1 ? absl::StrCat("(", tuple.items, ",)") : absl::StrCat("(", tuple.items, ")");
  return tuple;
}

// The arguments of a call as written between its parentheses.
std::string CallArguments(const Symbol& args) {
  return args.is_tuple ? args.items : absl::StrCat("*", args.display);
}

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

// `text` as is when it is plain printable ASCII, else quoted with escapes, so
// no control character from a pickle reaches the terminal.
std::string SafeName(std::string_view text) {
  bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (plain) return std::string(text);
  return ValidateUtf8(text, /*allow_surrogates=*/true).ok() ? ReprStr(text) : ReprBytes(text);
}

std::string_view DangerOfName(std::string_view module, std::string_view name) {
  std::string_view danger = DangerOf(module, name);
  if (!danger.empty()) return danger;
  QualifiedName py3 = Py2ToPy3({module, name});
  return DangerOf(py3.module, py3.name);
}

class Scanner : public OpcodeHandler {
 public:
  explicit Scanner(std::vector<ScanFinding>& findings) : findings_(findings) {}

  absl::Status OnInstruction(const Instruction& in) override {
    in_ = &in;
    const Op op = in.info->op;
    absl::StatusOr<DisArgument> argument = ReadDisArgument(in);
    if (!argument.ok()) {
      // pickletools' argument parsing is stricter than some loads (a STRING
      // that is not ASCII loads with encoding='latin1'): go on with the raw
      // bytes, except where the memo key itself is in doubt.
      if (op == Op::kGet || op == Op::kPut) return argument.status();
      DisArgument raw;
      raw.present = true;
      raw.repr = ReprBytes(in.arg.text);
      argument = std::move(raw);
    }

    // Pop what the opcode consumes: a mark and everything above it, and the
    // fixed items.
    const StackItems before = in.info->stack_before;
    std::vector<Symbol> slice;
    std::vector<Symbol> popped;
    auto mark_position = std::find(before.begin(), before.end(), kMarkItem);
    if (op == Op::kPop && !stack_.empty() && stack_.back().is_mark) {
      stack_.pop_back();
      return absl::OkStatus();
    }
    size_t fixed = before.size();
    if (mark_position != before.end()) {
      auto mark = std::find_if(stack_.rbegin(), stack_.rend(), [](const Symbol& s) { return s.is_mark; });
      if (mark == stack_.rend()) return Error("could not find MARK");
      size_t mark_index = stack_.size() - 1 - (mark - stack_.rbegin());
      slice.assign(std::make_move_iterator(stack_.begin() + mark_index + 1), std::make_move_iterator(stack_.end()));
      stack_.resize(mark_index);
      fixed = mark_position - before.begin();
    }
    if (stack_.size() < fixed) return Error("unpickling stack underflow");
    popped.assign(std::make_move_iterator(stack_.end() - fixed), std::make_move_iterator(stack_.end()));
    stack_.resize(stack_.size() - fixed);
    for (const Symbol& symbol : popped) {
      if (symbol.is_mark) return Error("unpickling stack underflow (a MARK is in the way)");
    }

    if (IsStringOpcode(op)) {
      Symbol symbol = Value(argument->repr);
      std::string text = StringText(in);
      if (text.size() <= kMaxKeptText) {
        symbol.is_str = true;
        symbol.text = std::move(text);
      }
      return Push(std::move(symbol));
    }
    switch (op) {
      case Op::kInt:
      case Op::kBinInt:
      case Op::kBinInt1:
      case Op::kBinInt2:
      case Op::kLong:
      case Op::kLong1:
      case Op::kLong4:
      case Op::kFloat:
      case Op::kBinFloat:
      case Op::kBinBytes:
      case Op::kShortBinBytes:
      case Op::kBinBytes8:
      case Op::kByteArray8:
        return Push(Value(argument->repr_status.ok() ? argument->repr : "<int>"));
      case Op::kNone:
        return Push(Value("None"));
      case Op::kNewTrue:
        return Push(Value("True"));
      case Op::kNewFalse:
        return Push(Value("False"));
      case Op::kNextBuffer:
        return Push(Value("<out-of-band buffer>"));
      case Op::kReadOnlyBuffer:
      case Op::kMemoize:
        if (op == Op::kMemoize) memo_[absl::StrCat(memo_.size())] = popped[0];
        return Push(std::move(popped[0]));
      case Op::kEmptyList:
        return Push(Value("[]"));
      case Op::kEmptyDict:
        return Push(Value("{}"));
      case Op::kEmptySet:
        return Push(Value("set()"));
      case Op::kEmptyTuple:
        return Push(Tuple({}));
      case Op::kTuple:
        return Push(Tuple(slice));
      case Op::kTuple1:
      case Op::kTuple2:
      case Op::kTuple3:
        return Push(Tuple(popped));
      case Op::kList:
        return Push(Value(absl::StrCat("[", Tuple(slice).items, "]")));
      case Op::kDict:
        return Push(Value(slice.empty() ? "{}" : "{...}"));
      case Op::kFrozenSet:
        return Push(Value(absl::StrCat("frozenset({", Tuple(slice).items, "})")));
      case Op::kAppend:
      case Op::kAppends:
        return Push(Grown(std::move(popped[0]), "[]", "[...]"));
      case Op::kSetItem:
      case Op::kSetItems:
        return Push(Grown(std::move(popped[0]), "{}", "{...}"));
      case Op::kAddItems:
        return Push(Grown(std::move(popped[0]), "set()", "{...}"));
      case Op::kPop:
      case Op::kPopMark:
      case Op::kProto:
      case Op::kFrame:
      case Op::kStop:
        return absl::OkStatus();
      case Op::kDup:
        stack_.push_back(popped[0]);
        return Push(std::move(popped[0]));
      case Op::kMark: {
        Symbol mark;
        mark.is_mark = true;
        return Push(std::move(mark));
      }
      case Op::kGet:
      case Op::kBinGet:
      case Op::kLongBinGet: {
        auto found = memo_.find(argument->memo_key);
        if (found == memo_.end()) return Error(absl::StrCat("memo value not found at index ", argument->memo_key));
        return Push(found->second);
      }
      case Op::kPut:
      case Op::kBinPut:
      case Op::kLongBinPut:
        if (stack_.empty() || stack_.back().is_mark) return Error("unpickling stack underflow");
        memo_[argument->memo_key] = stack_.back();
        return absl::OkStatus();
      case Op::kExt1:
      case Op::kExt2:
      case Op::kExt4: {
        std::string target = absl::StrCat("extension code ", argument->repr);
        AddFinding(ScanFinding::Action::kImport, target, {});
        return Push(Value(absl::StrCat("<", target, ">")));
      }
      case Op::kGlobal:
        return Push(Import(in.arg.text, in.arg.text2));
      case Op::kStackGlobal:
        if (popped[0].is_str && popped[1].is_str) return Push(Import(popped[0].text, popped[1].text));
        return Push(Import(popped[0].display, popped[1].display,
                           "name computed while unpickling (module or name is not a string constant)"));
      case Op::kInst: {
        Symbol cls = Import(in.arg.text, in.arg.text2);
        return Push(Call(cls, absl::StrCat(cls.display, "(", Tuple(slice).items, ")")));
      }
      case Op::kObj: {
        if (slice.empty()) return Error("unpickling stack underflow (OBJ needs a class after its MARK)");
        Symbol cls = std::move(slice.front());
        slice.erase(slice.begin());
        return Push(Call(cls, absl::StrCat(cls.display, "(", Tuple(slice).items, ")")));
      }
      case Op::kReduce:
        return Push(Call(popped[0], absl::StrCat(popped[0].display, "(", CallArguments(popped[1]), ")")));
      case Op::kNewObj:
        return Push(Call(popped[0], absl::StrCat(popped[0].display, ".__new__(", popped[0].display,
                                                 popped[1].is_tuple && popped[1].items.empty() ? "" : ", ",
                                                 CallArguments(popped[1]), ")")));
      case Op::kNewObjEx:
        return Push(Call(popped[0], absl::StrCat(popped[0].display, ".__new__(", popped[0].display, ", ",
                                                 CallArguments(popped[1]), ", **", popped[2].display, ")")));
      case Op::kBuild:
        AddFinding(ScanFinding::Action::kCall,
                   absl::StrCat(popped[0].display, ".__setstate__(", popped[1].display, ")"), {});
        return Push(std::move(popped[0]));
      case Op::kPersId: {
        std::string target = absl::StrCat("persistent_load(", argument->repr, ")");
        AddFinding(ScanFinding::Action::kCall, target, {});
        return Push(Value(target));
      }
      case Op::kBinPersId: {
        std::string target = absl::StrCat("persistent_load(", popped[0].display, ")");
        AddFinding(ScanFinding::Action::kCall, target, {});
        return Push(Value(target));
      }
      default:
        return Error("opcode not handled by the scanner");
    }
  }

 private:
  absl::Status Push(Symbol symbol) {
    stack_.push_back(std::move(symbol));
    return absl::OkStatus();
  }

  absl::Status Error(std::string_view what) const { return OpcodeError(*in_->info, in_->offset, what); }

  void AddFinding(ScanFinding::Action action, std::string target, std::string_view danger) {
    findings_.push_back({in_->offset, in_->info->name, action, Shorten(std::move(target), kMaxTarget), danger});
  }

  // Records the import of module.name and returns the imported object.
  Symbol Import(std::string_view module, std::string_view name, std::string_view forced_danger = {}) {
    std::string_view danger = forced_danger.empty() ? DangerOfName(module, name) : forced_danger;
    std::string target = absl::StrCat(SafeName(module), ".", SafeName(name));
    AddFinding(ScanFinding::Action::kImport, target, danger);
    Symbol symbol = Value(std::move(target));
    symbol.danger = danger;
    return symbol;
  }

  // Records a call of `callee` written as `expression` and returns its result.
  Symbol Call(const Symbol& callee, std::string expression) {
    AddFinding(ScanFinding::Action::kCall, expression, callee.danger);
    return Value(std::move(expression));
  }

  // A container after items were added to it.
  static Symbol Grown(Symbol container, std::string_view empty_display, std::string_view grown_display) {
    if (container.display == empty_display) container.display = grown_display;
    return container;
  }

  std::vector<ScanFinding>& findings_;
  const Instruction* in_ = nullptr;
  std::vector<Symbol> stack_;
  absl::flat_hash_map<std::string, Symbol> memo_;
};

}  // namespace

size_t ScanReport::dangerous_count() const {
  return std::count_if(findings.begin(), findings.end(), [](const ScanFinding& f) { return !f.danger.empty(); });
}

ScanReport ScanPickle(std::string_view data, size_t start) {
  ScanReport report;
  Scanner scanner(report.findings);
  absl::StatusOr<size_t> end = VisitOpcodes(data, scanner, start);
  if (end.ok()) {
    report.end = *end;
  } else {
    report.status = end.status();
  }
  return report;
}

}  // namespace brine

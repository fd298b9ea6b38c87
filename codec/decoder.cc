// The unpickling machine (see decoder.h): an iterative stack machine over the
// opcodes ReadInstruction yields, following CPython's pickle._Unpickler for
// meaning and its C unpickler for what is refused.
#include "brine/codec/decoder.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "brine/codec/builtin_rebuilds.h"
#include "brine/codec/decode_memo.h"
#include "brine/codec/opcode_reader.h"
#include "brine/codec/stream_input.h"
#include "brine/codec/text_codecs.h"
#include "brine/codec/unpickler_numbers.h"
#include "brine/codec/python2_names.h"
#include "brine/value/bigint.h"
#include "brine/value/containers.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

// The decoder's input when the pickle is one contiguous buffer: the
// instruction reader over the whole of it. StreamInput (stream_input.h) is
// the other input; Decoder::Run takes either.
class BufferInput {
 public:
  BufferInput(std::string_view data, bool borrow) : data_(data), borrow_(borrow) {}

  absl::Status Start() const {
    if (data_.empty()) return absl::InvalidArgumentError("at offset 0: empty input, not a pickle");
    return absl::OkStatus();
  }
  absl::Status Next(Instruction& in) {
    absl::Status read = ReadInstructionInto(data_, position_, in);
    position_ = in.end;
    return read;
  }
  // Arguments point into the caller's buffer, which outlives the Document
  // when the caller said so.
  bool argument_outlives_document() const { return borrow_; }
  absl::StatusOr<std::optional<uint64_t>> BytesLeft(uint64_t) const {
    return std::optional<uint64_t>(data_.size() - position_);
  }
  void Finish() const {}

 private:
  std::string_view data_;
  bool borrow_;
  size_t position_ = 0;
};

class Decoder {
 public:
  Decoder(const DecodeOptions& options, Heap& heap)
      : options_(options),
        limits_(options.limits),
        heap_(heap),
        checks_policy_(options.hooks != nullptr && options.hooks->RestrictsGlobalNames()) {}

  // Runs the machine over `input` (BufferInput or StreamInput) up to STOP;
  // the value STOP pops.
  template <typename Input>
  absl::StatusOr<Value> Run(Input& input);

 private:
  // One opcode's effect.
  absl::Status Execute(const Instruction& in);

  // "<OPNAME> at offset <N>: <what>" for the opcode being executed.
  absl::Status Fail(std::string_view what) const { return OpcodeError(*in_->info, in_->offset, what); }
  absl::Status LimitExceeded(std::string_view what) const {
    return absl::ResourceExhaustedError(OpcodeError(*in_->info, in_->offset, what).message());
  }
  absl::Status FailWith(const absl::Status& cause) const { return Fail(FromAbsl(cause.message())); }

  // Refuses to copy `bytes` more bytes into the heap past max_total_bytes.
  absl::Status CheckAllocation(size_t bytes) const;

  // Stack access that never reaches below the innermost MARK.
  size_t Fence() const { return marks_.empty() ? 0 : marks_.back(); }
  absl::Status StackUnderflow() const;
  absl::Status Need(size_t count) const {
    return stack_.size() - Fence() >= count ? absl::OkStatus() : StackUnderflow();
  }
  Value Pop() {
    Value top = stack_.back();
    stack_.pop_back();
    return top;
  }
  // The position of the innermost MARK, or an error when there is none.
  absl::StatusOr<size_t> InnermostMark() const;
  // Drops everything from the innermost MARK up, and the MARK.
  void PopMark() {
    stack_.resize(marks_.back());
    marks_.pop_back();
  }
  // The object a MARK-terminated APPENDS/SETITEMS/ADDITEMS applies to: the
  // value just below the innermost MARK, within the enclosing MARK's reach.
  absl::StatusOr<Value> TargetBelowMark(size_t mark) const;

  // Effects shared by several opcodes.
  absl::Status Append(Value target, std::span<const Value> items);
  absl::Status SetItems(Value target, std::span<const Value> key_value_pairs);
  absl::Status PushGlobal(std::string_view module, std::string_view name);
  // Unpickler(encoding=, errors=), resolved at the first Python 2 str.
  absl::StatusOr<const StringDecoder*> GetStringDecoder();
  absl::Status PushPythonStr(std::string_view data);
  absl::Status PushStr(std::string_view input_text, const ConvertedText& converted);
  absl::Status PushBytesPayload(std::string_view payload, Kind kind);
  absl::Status PushInt(const absl::StatusOr<Value>& value);
  absl::Status MemoPut(int64_t key);
  absl::Status MemoGet(int64_t key);

  const DecodeOptions& options_;
  const DecodeLimits& limits_;
  Heap& heap_;
  // Whether the hooks refuse some names: each new global name is then
  // checked at the opcode naming it.
  bool checks_policy_;
  const Instruction* in_ = nullptr;  // the opcode being executed
  // Whether in_'s argument text outlives the Document (so values may point
  // into it instead of copying it).
  bool borrow_argument_ = false;

  std::vector<Value> stack_;
  std::vector<size_t> marks_;  // stack_ sizes at each open MARK
  DecodeMemo memo_;
  int protocol_ = 0;
  uint64_t next_buffer_ = 0;
  // One Global per (module, name): "module\nname" -> Global.
  absl::flat_hash_map<std::string, Value> globals_;
  std::string global_key_;
  std::optional<StringDecoder> string_decoder_;
  bool stopped_ = false;
};

absl::Status Decoder::CheckAllocation(size_t bytes) const {
  size_t used = heap_.bytes_allocated();
  if (bytes > limits_.max_total_bytes || used > limits_.max_total_bytes - bytes) {
    return LimitExceeded(absl::StrCat("allocating ", bytes, " more bytes would exceed max_total_bytes (",
                                      limits_.max_total_bytes, "); ", used, " bytes in use"));
  }
  return absl::OkStatus();
}

absl::Status Decoder::StackUnderflow() const {
  if (!marks_.empty() && stack_.size() == marks_.back()) {
    return Fail("stack underflow: nothing above the innermost MARK");
  }
  return Fail("stack underflow");
}

absl::StatusOr<size_t> Decoder::InnermostMark() const {
  if (marks_.empty()) return Fail("no MARK on the stack");
  return marks_.back();
}

absl::StatusOr<Value> Decoder::TargetBelowMark(size_t mark) const {
  size_t enclosing_fence = marks_.size() >= 2 ? marks_[marks_.size() - 2] : 0;
  if (mark <= enclosing_fence) return Fail("stack underflow: no object below the MARK");
  return stack_[mark - 1];
}

absl::Status Decoder::Append(Value target, std::span<const Value> items) {
  switch (target.kind()) {
    case Kind::kList: {
      ArenaVector<Value>& list = target.as<List>()->items;
      list.insert(list.end(), items.begin(), items.end());
      return absl::OkStatus();
    }
    case Kind::kInstance: {
      ArenaVector<Value>& list = target.as<Instance>()->list_items;
      list.insert(list.end(), items.begin(), items.end());
      return absl::OkStatus();
    }
    case Kind::kReduce: {
      ArenaVector<Value>& list = target.as<Reduce>()->list_items;
      list.insert(list.end(), items.begin(), items.end());
      return absl::OkStatus();
    }
    default:
      return Fail(absl::StrCat("cannot append to ", ToAbsl(KindName(target.kind()))));
  }
}

absl::Status Decoder::SetItems(Value target, std::span<const Value> pairs) {
  switch (target.kind()) {
    case Kind::kDict: {
      ArenaVector<std::pair<Value, Value>>& items = target.as<Dict>()->items;
      size_t needed = items.size() + pairs.size() / 2;
      if (needed > items.capacity()) items.reserve(std::max(needed, 2 * items.capacity()));
      for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
        absl::Status set = DictSetItem(heap_, target.as<Dict>(), pairs[i], pairs[i + 1]);
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
      return Fail(absl::StrCat("cannot set items on ", ToAbsl(KindName(target.kind()))));
  }
}

absl::Status Decoder::PushGlobal(std::string_view module, std::string_view name) {
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
  if (checks_policy_ && !IsRebuiltBuiltinName(module, name)) {
    absl::Status allowed = options_.hooks->CheckGlobalName(module, name);
    if (!allowed.ok()) return absl::Status(allowed.code(), FailWith(allowed).message());
  }
  absl::Status room = CheckAllocation(module.size() + name.size() + sizeof(Global));
  if (!room.ok()) return room;
  Value global = heap_.NewGlobal(module, name);
  globals_.emplace(global_key_, global);
  stack_.push_back(global);
  return absl::OkStatus();
}

absl::Status Decoder::PushStr(std::string_view input_text, const ConvertedText& converted) {
  if (converted.same_as_input) {
    absl::Status room = CheckAllocation(borrow_argument_ ? 0 : input_text.size());
    if (!room.ok()) return room;
    stack_.push_back(heap_.NewStr(input_text, borrow_argument_));
  } else {
    absl::Status room = CheckAllocation(converted.text.size());
    if (!room.ok()) return room;
    stack_.push_back(heap_.NewStr(converted.text));
  }
  return absl::OkStatus();
}

absl::StatusOr<const StringDecoder*> Decoder::GetStringDecoder() {
  if (!string_decoder_) {
    absl::StatusOr<StringDecoder> decoder = StringDecoder::Create(options_.encoding, options_.errors);
    if (!decoder.ok()) return FailWith(decoder.status());
    string_decoder_ = *decoder;
  }
  return &*string_decoder_;
}

absl::Status Decoder::PushPythonStr(std::string_view data) {
  absl::StatusOr<const StringDecoder*> decoder = GetStringDecoder();
  if (!decoder.ok()) return decoder.status();
  if ((*decoder)->keeps_bytes()) return PushBytesPayload(data, Kind::kBytes);
  absl::StatusOr<ConvertedText> text = (*decoder)->Decode(data);
  if (!text.ok()) return FailWith(text.status());
  return PushStr(data, *text);
}

absl::Status Decoder::PushBytesPayload(std::string_view payload, Kind kind) {
  absl::Status room = CheckAllocation(borrow_argument_ ? 0 : payload.size());
  if (!room.ok()) return room;
  stack_.push_back(kind == Kind::kByteArray ? heap_.NewByteArray(payload, borrow_argument_)
                                            : heap_.NewBytes(payload, borrow_argument_));
  return absl::OkStatus();
}

absl::Status Decoder::PushInt(const absl::StatusOr<Value>& value) {
  if (!value.ok()) return FailWith(value.status());
  stack_.push_back(*value);
  return absl::OkStatus();
}

absl::Status Decoder::MemoPut(int64_t key) {
  if (key < 0) return Fail(absl::StrCat("negative memo key ", key));
  if (absl::Status top = Need(1); !top.ok()) return top;
  if (static_cast<uint64_t>(key) >= limits_.max_memo_entries) {
    return LimitExceeded(absl::StrCat("memo key ", key, " exceeds max_memo_entries (", limits_.max_memo_entries, ")"));
  }
  if (!memo_.Put(static_cast<uint64_t>(key), stack_.back(), limits_.max_memo_entries)) {
    return LimitExceeded(absl::StrCat("more than max_memo_entries (", limits_.max_memo_entries, ") memo entries"));
  }
  return absl::OkStatus();
}

absl::Status Decoder::MemoGet(int64_t key) {
  std::optional<Value> value = key < 0 ? std::nullopt : memo_.Get(static_cast<uint64_t>(key));
  if (!value) return Fail(absl::StrCat("memo key ", key, " not found"));
  stack_.push_back(*value);
  return absl::OkStatus();
}

template <typename Input>
absl::StatusOr<Value> Decoder::Run(Input& input) {
  if (absl::Status start = input.Start(); !start.ok()) return start;
  Instruction in;
  in_ = &in;
  while (!stopped_) {
    absl::Status read = input.Next(in);
    if (!read.ok()) return read;
    borrow_argument_ = input.argument_outlives_document();
    if (in.info->op == Op::kFrame) {
      absl::StatusOr<std::optional<uint64_t>> left = input.BytesLeft(in.arg.unsigned_integer);
      if (!left.ok()) return left.status();
      if (*left && in.arg.unsigned_integer > **left) {
        return Fail(absl::StrCat("frame length ", in.arg.unsigned_integer, " exceeds the ", **left, " bytes left"));
      }
    }
    absl::Status done = Execute(in);
    if (!done.ok()) return done;
    if (stack_.size() > limits_.max_stack_size) {
      return LimitExceeded(absl::StrCat("more than max_stack_size (", limits_.max_stack_size, ") values on the stack"));
    }
    if (heap_.bytes_allocated() > limits_.max_total_bytes) {
      return LimitExceeded(absl::StrCat("the document takes more than max_total_bytes (", limits_.max_total_bytes,
                                        ") bytes"));
    }
  }
  input.Finish();
  return stack_.back();
}

absl::Status Decoder::Execute(const Instruction& in) {
  const OpcodeArg& arg = in.arg;
  switch (in.info->op) {
    // Framing and control.
    case Op::kProto:
      if (arg.integer > 5) return Fail(absl::StrCat("unsupported pickle protocol: ", arg.integer));
      protocol_ = static_cast<int>(arg.integer);
      return absl::OkStatus();
    case Op::kFrame:  // its length was checked against the input by Run
      return absl::OkStatus();
    case Op::kStop:
      if (absl::Status top = Need(1); !top.ok()) return top;
      stopped_ = true;
      return absl::OkStatus();

    // Stack manipulation.
    case Op::kMark:
      if (marks_.size() >= limits_.max_mark_depth) {
        return LimitExceeded(absl::StrCat("MARKs nested deeper than max_mark_depth (", limits_.max_mark_depth, ")"));
      }
      marks_.push_back(stack_.size());
      return absl::OkStatus();
    case Op::kPop:
      if (stack_.size() > Fence()) {
        stack_.pop_back();
      } else if (!marks_.empty()) {
        marks_.pop_back();  // POP on an empty MARK level discards the MARK, as CPython does
      } else {
        return StackUnderflow();
      }
      return absl::OkStatus();
    case Op::kPopMark: {
      if (absl::Status mark = InnermostMark().status(); !mark.ok()) return mark;
      PopMark();
      return absl::OkStatus();
    }
    case Op::kDup:
      if (absl::Status top = Need(1); !top.ok()) return top;
      stack_.push_back(stack_.back());
      return absl::OkStatus();

    // Scalars.
    case Op::kNone:
      stack_.push_back(Value::None());
      return absl::OkStatus();
    case Op::kNewTrue:
      stack_.push_back(Value::Bool(true));
      return absl::OkStatus();
    case Op::kNewFalse:
      stack_.push_back(Value::Bool(false));
      return absl::OkStatus();
    case Op::kInt:
      return PushInt(UnpicklerIntFromText(heap_, arg.text, limits_.max_int_digits));
    case Op::kLong:
      return PushInt(UnpicklerLongFromText(heap_, arg.text, limits_.max_int_digits));
    case Op::kBinInt:
    case Op::kBinInt1:
    case Op::kBinInt2:
      stack_.push_back(Value::Int(arg.integer));
      return absl::OkStatus();
    case Op::kLong1:
    case Op::kLong4: {
      if (absl::Status room = CheckAllocation(arg.text.size()); !room.ok()) return room;
      stack_.push_back(IntFromTwosComplement(heap_, arg.text));
      return absl::OkStatus();
    }
    case Op::kFloat: {
      absl::StatusOr<double> value = UnpicklerFloatFromText(arg.text);
      if (!value.ok()) return FailWith(value.status());
      stack_.push_back(Value::Float(*value));
      return absl::OkStatus();
    }
    case Op::kBinFloat:
      stack_.push_back(Value::Float(arg.floating));
      return absl::OkStatus();

    // Strings and bytes.
    case Op::kString: {
      // The reader lets a lone quote character through, as pickletools does;
      // pickle.loads wants two (the opcode byte and "\n" frame the line).
      if (in.end - in.offset - 2 < 2) return Fail("the STRING opcode argument must be quoted");
      absl::StatusOr<ConvertedText> unescaped = UnescapeBytesLiteral(arg.text);
      if (!unescaped.ok()) return FailWith(unescaped.status());
      if (unescaped->same_as_input) return PushPythonStr(arg.text);
      // The unescaped bytes are a temporary: decode them, then copy.
      absl::StatusOr<const StringDecoder*> decoder = GetStringDecoder();
      if (!decoder.ok()) return decoder.status();
      const std::string& bytes = unescaped->text;
      if (absl::Status room = CheckAllocation(bytes.size()); !room.ok()) return room;
      if ((*decoder)->keeps_bytes()) {
        stack_.push_back(heap_.NewBytes(bytes));
        return absl::OkStatus();
      }
      absl::StatusOr<ConvertedText> text = (*decoder)->Decode(bytes);
      if (!text.ok()) return FailWith(text.status());
      stack_.push_back(heap_.NewStr(text->same_as_input ? std::string_view(bytes) : text->text));
      return absl::OkStatus();
    }
    case Op::kBinString:
    case Op::kShortBinString:
      return PushPythonStr(arg.text);
    case Op::kUnicode: {
      absl::StatusOr<ConvertedText> text = DecodeRawUnicodeEscape(arg.text);
      if (!text.ok()) return FailWith(text.status());
      return PushStr(arg.text, *text);
    }
    case Op::kShortBinUnicode:
    case Op::kBinUnicode:
    case Op::kBinUnicode8: {
      if (absl::Status valid = ValidateUtf8(arg.text, /*allow_surrogates=*/true); !valid.ok()) {
        return FailWith(valid);
      }
      return PushStr(arg.text, ConvertedText{});
    }
    case Op::kBinBytes:
    case Op::kShortBinBytes:
    case Op::kBinBytes8:
      return PushBytesPayload(arg.text, Kind::kBytes);
    case Op::kByteArray8:
      return PushBytesPayload(arg.text, Kind::kByteArray);

    // Out-of-band buffers.
    case Op::kNextBuffer: {
      Buffer* buffer = heap_.NewBuffer();
      buffer->index = next_buffer_++;
      if (!options_.buffers.empty()) {
        if (buffer->index >= options_.buffers.size()) {
          return Fail(absl::StrCat("not enough out-of-band buffers: buffer ", buffer->index, " requested, ",
                                   options_.buffers.size(), " given"));
        }
        buffer->has_data = true;
        buffer->data = options_.buffers[buffer->index];
      }
      stack_.push_back(Value::FromObject(buffer));
      return absl::OkStatus();
    }
    case Op::kReadOnlyBuffer: {
      if (absl::Status top = Need(1); !top.ok()) return top;
      Value top = stack_.back();
      if (top.kind() == Kind::kBuffer) {
        top.as<Buffer>()->readonly = true;
      } else if (top.kind() != Kind::kBytes) {
        return Fail(absl::StrCat("expected a buffer on the stack, found ", ToAbsl(KindName(top.kind()))));
      }
      return absl::OkStatus();
    }

    // Containers.
    case Op::kEmptyList:
      stack_.push_back(heap_.NewList());
      return absl::OkStatus();
    case Op::kEmptyDict:
      stack_.push_back(heap_.NewDict());
      return absl::OkStatus();
    case Op::kEmptySet:
      stack_.push_back(heap_.NewSet());
      return absl::OkStatus();
    case Op::kEmptyTuple:
      stack_.push_back(heap_.NewTuple({}));
      return absl::OkStatus();
    case Op::kTuple1:
    case Op::kTuple2:
    case Op::kTuple3: {
      size_t count = in.info->op == Op::kTuple1 ? 1 : in.info->op == Op::kTuple2 ? 2 : 3;
      if (absl::Status items = Need(count); !items.ok()) return items;
      Value tuple = heap_.NewTuple(std::span<const Value>(stack_.data() + stack_.size() - count, count));
      stack_.resize(stack_.size() - count);
      stack_.push_back(tuple);
      return absl::OkStatus();
    }
    case Op::kTuple:
    case Op::kList:
    case Op::kDict:
    case Op::kFrozenSet: {
      absl::StatusOr<size_t> mark = InnermostMark();
      if (!mark.ok()) return mark.status();
      std::span<const Value> items(stack_.data() + *mark, stack_.size() - *mark);
      if (absl::Status room = CheckAllocation(items.size() * sizeof(Value)); !room.ok()) return room;
      Value result;
      if (in.info->op == Op::kTuple) {
        result = heap_.NewTuple(items);
      } else if (in.info->op == Op::kList) {
        result = heap_.NewList();
        result.as<List>()->items.assign(items.begin(), items.end());
      } else if (in.info->op == Op::kDict) {
        if (items.size() % 2 != 0) return Fail("odd number of items for DICT");
        result = heap_.NewDict();
        if (absl::Status set = SetItems(result, items); !set.ok()) return set;
      } else {
        result = heap_.NewFrozenSet();
        for (Value element : items) {
          absl::Status added = SetAdd(heap_, result.as<Set>(), element);
          if (!added.ok()) return FailWith(added);
        }
      }
      PopMark();
      stack_.push_back(result);
      return absl::OkStatus();
    }
    case Op::kAppend: {
      if (absl::Status items = Need(2); !items.ok()) return items;
      Value item = Pop();
      return Append(stack_.back(), std::span<const Value>(&item, 1));
    }
    case Op::kSetItem: {
      if (absl::Status items = Need(3); !items.ok()) return items;
      Value pair[2] = {stack_[stack_.size() - 2], stack_[stack_.size() - 1]};
      stack_.resize(stack_.size() - 2);
      return SetItems(stack_.back(), pair);
    }
    case Op::kAppends:
    case Op::kSetItems:
    case Op::kAddItems: {
      absl::StatusOr<size_t> mark = InnermostMark();
      if (!mark.ok()) return mark.status();
      absl::StatusOr<Value> target = TargetBelowMark(*mark);
      if (!target.ok()) return target.status();
      std::span<const Value> items(stack_.data() + *mark, stack_.size() - *mark);
      absl::Status applied;
      if (in.info->op == Op::kAppends) {
        applied = Append(*target, items);
      } else if (in.info->op == Op::kSetItems) {
        if (items.size() % 2 != 0) return Fail("odd number of items for SETITEMS");
        applied = SetItems(*target, items);
      } else if (target->kind() != Kind::kSet) {
        applied = Fail(absl::StrCat("cannot add items to ", ToAbsl(KindName(target->kind()))));
      } else {
        for (Value element : items) {
          absl::Status added = SetAdd(heap_, target->as<Set>(), element);
          if (!added.ok()) return FailWith(added);
        }
      }
      if (!applied.ok()) return applied;
      PopMark();
      return absl::OkStatus();
    }

    // Memo.
    case Op::kPut:
    case Op::kGet: {
      if (arg.text.empty()) return Fail("pickle data was truncated");
      absl::StatusOr<int64_t> key = UnpicklerMemoKeyFromText(arg.text);
      if (!key.ok()) return FailWith(key.status());
      return in.info->op == Op::kPut ? MemoPut(*key) : MemoGet(*key);
    }
    case Op::kBinPut:
    case Op::kLongBinPut:
      return MemoPut(arg.integer);
    case Op::kBinGet:
    case Op::kLongBinGet:
      return MemoGet(arg.integer);
    case Op::kMemoize:
      return MemoPut(static_cast<int64_t>(memo_.size()));

    // Names.
    case Op::kGlobal: {
      if (absl::Status valid = ValidateUtf8(arg.text, false); !valid.ok()) return FailWith(valid);
      if (absl::Status valid = ValidateUtf8(arg.text2, false); !valid.ok()) return FailWith(valid);
      return PushGlobal(arg.text, arg.text2);
    }
    case Op::kStackGlobal: {
      if (absl::Status items = Need(2); !items.ok()) return items;
      Value name = Pop();
      Value module = Pop();
      if (module.kind() != Kind::kStr || name.kind() != Kind::kStr) return Fail("STACK_GLOBAL requires str");
      return PushGlobal(module.as<Str>()->utf8, name.as<Str>()->utf8);
    }
    case Op::kExt1:
    case Op::kExt2:
    case Op::kExt4: {
      if (arg.integer <= 0) return Fail(absl::StrCat("extension code ", arg.integer, " is not positive"));
      std::optional<QualifiedName> name =
          options_.extensions ? options_.extensions->Lookup(arg.integer) : std::nullopt;
      if (!name) return Fail(absl::StrCat("unregistered extension code ", arg.integer));
      return PushGlobal(name->module, name->name);
    }
    case Op::kPersId: {
      for (char c : arg.text) {
        if (static_cast<uint8_t>(c) >= 0x80) return Fail("persistent IDs in protocol 0 must be ASCII strings");
      }
      PersistentId* id = heap_.NewPersistentId();
      if (absl::Status room = CheckAllocation(borrow_argument_ ? 0 : arg.text.size()); !room.ok()) return room;
      id->pid = heap_.NewStr(arg.text, borrow_argument_);
      stack_.push_back(Value::FromObject(id));
      return absl::OkStatus();
    }
    case Op::kBinPersId: {
      if (absl::Status items = Need(1); !items.ok()) return items;
      PersistentId* id = heap_.NewPersistentId();
      id->pid = stack_.back();
      stack_.back() = Value::FromObject(id);
      return absl::OkStatus();
    }

    // Calls and instances.
    case Op::kReduce: {
      if (absl::Status items = Need(2); !items.ok()) return items;
      Value args = Pop();
      Value callable = stack_.back();
      if (args.kind() != Kind::kTuple) {
        return Fail(absl::StrCat("argument must be a tuple, not ", ToAbsl(KindName(args.kind()))));
      }
      if (!IsReferenceKind(callable.kind())) {
        return Fail(absl::StrCat("'", ToAbsl(KindName(callable.kind())), "' object is not callable"));
      }
      absl::StatusOr<std::optional<Value>> rebuilt = RebuildBuiltin(heap_, callable, args);
      if (!rebuilt.ok()) return FailWith(rebuilt.status());
      if (rebuilt->has_value()) {
        stack_.back() = **rebuilt;
        return absl::OkStatus();
      }
      Reduce* reduce = heap_.NewReduce();
      reduce->callable = callable;
      reduce->args = args;
      stack_.back() = Value::FromObject(reduce);
      return absl::OkStatus();
    }
    case Op::kNewObj:
    case Op::kNewObjEx: {
      bool with_kwargs = in.info->op == Op::kNewObjEx;
      if (absl::Status items = Need(with_kwargs ? 3 : 2); !items.ok()) return items;
      Value kwargs = with_kwargs ? Pop() : Value::None();
      Value args = Pop();
      Value cls = stack_.back();
      if (!IsReferenceKind(cls.kind())) {
        return Fail(absl::StrCat("class argument must be a class, not ", ToAbsl(KindName(cls.kind()))));
      }
      if (args.kind() != Kind::kTuple) {
        return Fail(absl::StrCat("args argument must be a tuple, not ", ToAbsl(KindName(args.kind()))));
      }
      if (with_kwargs && kwargs.kind() != Kind::kDict) {
        return Fail(absl::StrCat("kwargs argument must be a dict, not ", ToAbsl(KindName(kwargs.kind()))));
      }
      Instance* instance = heap_.NewInstance();
      instance->cls = cls;
      instance->args = args;
      instance->kwargs = kwargs;
      stack_.back() = Value::FromObject(instance);
      return absl::OkStatus();
    }
    case Op::kInst:
    case Op::kObj: {
      Value cls;
      if (in.info->op == Op::kInst) {
        // Resolved first: PushGlobal may grow the stack the items live in.
        if (absl::Status valid = ValidateUtf8(arg.text, false); !valid.ok()) return FailWith(valid);
        if (absl::Status valid = ValidateUtf8(arg.text2, false); !valid.ok()) return FailWith(valid);
        if (absl::Status pushed = PushGlobal(arg.text, arg.text2); !pushed.ok()) return pushed;
        cls = Pop();
      }
      absl::StatusOr<size_t> mark = InnermostMark();
      if (!mark.ok()) return mark.status();
      std::span<const Value> items(stack_.data() + *mark, stack_.size() - *mark);
      if (in.info->op == Op::kObj) {
        if (items.empty()) return Fail("no class after the MARK");
        cls = items.front();
        items = items.subspan(1);
        if (!IsReferenceKind(cls.kind())) {
          return Fail(absl::StrCat("class argument must be a class, not ", ToAbsl(KindName(cls.kind()))));
        }
      }
      Instance* instance = heap_.NewInstance();
      instance->cls = cls;
      instance->args = heap_.NewTuple(items);
      PopMark();
      stack_.push_back(Value::FromObject(instance));
      return absl::OkStatus();
    }
    case Op::kBuild: {
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
        return Fail(absl::StrCat("cannot set the state of ", ToAbsl(KindName(target.kind()))));
      }
      if (*has_state) return Fail("a second BUILD on the same object");
      *has_state = true;
      *state_slot = state;
      return absl::OkStatus();
    }
  }
  return Fail("opcode not understood");
}

// Runs a Decoder over `input` into `document`, then the hooks' pass if any.
template <typename Input>
absl::StatusOr<Document> DecodeInto(Document document, Input& input, const DecodeOptions& options) {
  Decoder decoder(options, document.heap());
  absl::StatusOr<Value> root = decoder.Run(input);
  if (!root.ok()) return root.status();
  document.set_root(*root);
  if (options.hooks != nullptr) {
    if (absl::Status resolved = options.hooks->AfterDecode(document); !resolved.ok()) return resolved;
  }
  return document;
}

// `options` with the hooks' extension codes when it has hooks and no
// extensions of its own.
bool NeedsHookExtensions(const DecodeOptions& options) {
  return options.hooks != nullptr && options.extensions == nullptr &&
         options.hooks->extension_codes() != nullptr;
}
DecodeOptions WithHookExtensions(const DecodeOptions& options) {
  DecodeOptions with_extensions = options;
  with_extensions.extensions = options.hooks->extension_codes();
  return with_extensions;
}

}  // namespace

absl::StatusOr<Document> Decode(std::string_view data, const DecodeOptions& options) {
  if (NeedsHookExtensions(options)) return Decode(data, WithHookExtensions(options));
  BufferInput input(data, options.borrow_input);
  return DecodeInto(Document(), input, options);
}

absl::StatusOr<Document> DecodeSource(ByteSource& source, const DecodeOptions& options) {
  if (NeedsHookExtensions(options)) return DecodeSource(source, WithHookExtensions(options));
  Document document;
  StreamInput input(source, document.heap(), options.limits);
  return DecodeInto(std::move(document), input, options);
}

absl::StatusOr<Document> DecodeStream(std::istream& stream, const DecodeOptions& options) {
  IstreamSource source(stream);
  return DecodeSource(source, options);
}

absl::StatusOr<Document> DecodeFile(int fd, const DecodeOptions& options) {
  FdSource source(fd);
  return DecodeSource(source, options);
}

}  // namespace brine

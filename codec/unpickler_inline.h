// The Unpickler's hot opcodes, defined inline so that RunBuffer's switch
// (unpickler_buffer.cc) and Execute (unpickler.cc) compile them in place:
// scalars, str and bytes, the memo, MARK, and the opcodes that build or fill
// lists, tuples and dicts. Each is still one function per opcode, as
// declared in unpickler.h; the rest live in the unpickler_*.cc files.
//
// Internal to the decoder target: include it in the Unpickler's own .cc
// files only.
#ifndef BRINE_CODEC_UNPICKLER_INLINE_H_
#define BRINE_CODEC_UNPICKLER_INLINE_H_

#include <cmath>
#include <span>
#include <string_view>

#include "absl/base/attributes.h"
#include "brine/codec/unpickler.h"
#include "brine/value/bigint.h"

namespace brine {

// ---- scalars ----

inline absl::Status Unpickler::LoadNone() {
  stack_.push_back(Value::None());
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadBool(bool value) {
  stack_.push_back(Value::Bool(value));
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadBinInt(int64_t value) {
  stack_.push_back(Value::Int(value));
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadLongBytes(std::string_view twos_complement) {
  if (absl::Status room = CheckAllocation(twos_complement.size()); !room.ok()) return room;
  stack_.push_back(IntFromTwosComplement(*heap_, twos_complement));
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadBinFloat(double value) { return PushFloat(value); }

inline absl::Status Unpickler::PushFloat(double value) {
  stack_.push_back(std::isnan(value) ? Value::Float(value, ++last_nan_identity_) : Value::Float(value));
  return absl::OkStatus();
}

// ---- str and bytes ----

// Always inline: what is left of a str's cost once it is read in place.
inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status Unpickler::LoadBinUnicode(std::string_view utf8) {
  if (absl::Status valid = ValidateUtf8(utf8, /*allow_surrogates=*/true); !valid.ok()) return FailWith(valid);
  return PushInputStr(utf8);
}

inline absl::Status Unpickler::LoadBinBytes(std::string_view data) {
  // CPython reads these into a new bytes object, never one of its one-byte
  // singletons (so a later bytearray(b'a') written by the encoder does not
  // refer back to it).
  if (data.size() == 1) {
    stack_.push_back(heap_->NewBytes(FreshByte(static_cast<uint8_t>(data[0])), /*borrow=*/true));
    return absl::OkStatus();
  }
  return PushBytesPayload(data, Kind::kBytes);
}

inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status Unpickler::PushInputStr(std::string_view text) {
  absl::Status room = CheckAllocation(borrow_argument_ ? 0 : text.size());
  if (!room.ok()) return room;
  stack_.push_back(heap_->NewStr(text, borrow_argument_));
  return absl::OkStatus();
}

inline absl::Status Unpickler::PushStr(std::string_view input_text, const ConvertedText& converted) {
  if (converted.same_as_input) return PushInputStr(input_text);
  absl::Status room = CheckAllocation(converted.text.size());
  if (!room.ok()) return room;
  stack_.push_back(heap_->NewStr(converted.text));
  return absl::OkStatus();
}

inline absl::Status Unpickler::PushBytesPayload(std::string_view payload, Kind kind) {
  absl::Status room = CheckAllocation(borrow_argument_ ? 0 : payload.size());
  if (!room.ok()) return room;
  stack_.push_back(kind == Kind::kByteArray ? heap_->NewByteArray(payload, borrow_argument_)
                                            : heap_->NewBytes(payload, borrow_argument_));
  return absl::OkStatus();
}

// ---- MARK and the memo ----

inline absl::Status Unpickler::LoadMark() {
  if (marks_.size() >= limits_.max_mark_depth) return MarksTooDeep();
  marks_.push_back(stack_.size());
  return absl::OkStatus();
}

// Always inline, as GET: a memo key is one of every two opcodes CPython writes.
inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status Unpickler::LoadPut(int64_t key) {
  if (key < 0) return NegativeMemoKey(key);
  if (absl::Status top = Need(1); !top.ok()) return top;
  // Any key, as CPython's memo (a dict past its dense part) takes any: a key
  // far past the others is a sparse entry (codec/decode_memo.h).
  if (!memo_.Put(static_cast<uint64_t>(key), stack_.back(), limits_.max_memo_entries)) return MemoFull();
  return absl::OkStatus();
}

inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status Unpickler::LoadGet(int64_t key) {
  std::optional<Value> value = key < 0 ? std::nullopt : memo_.Get(static_cast<uint64_t>(key));
  if (!value) return MemoKeyNotFound(key);
  stack_.push_back(*value);
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadMemoize() {
  if (absl::Status top = Need(1); !top.ok()) return top;
  if (!memo_.Put(memo_.size(), stack_.back(), limits_.max_memo_entries)) return MemoFull();
  return absl::OkStatus();
}

inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status Unpickler::PutIfNext(std::string_view data, size_t& at) {
  // The value just pushed is above the innermost MARK: no Need(1).
  if (at >= data.size()) return absl::OkStatus();
  const Op next = static_cast<Op>(static_cast<uint8_t>(data[at]));
  if (next == Op::kMemoize) {
    if (!memo_.Put(memo_.size(), stack_.back(), limits_.max_memo_entries)) [[unlikely]] {
      Begin(next, at);
      return MemoFull();
    }
    at += 1;
  } else if (next == Op::kBinPut && at + 1 < data.size()) {
    if (!memo_.Put(static_cast<uint8_t>(data[at + 1]), stack_.back(), limits_.max_memo_entries)) [[unlikely]] {
      Begin(next, at);
      return MemoFull();
    }
    at += 2;
  }
  return absl::OkStatus();
}

// ---- containers ----

inline absl::Status Unpickler::LoadEmptyList() {
  stack_.push_back(heap_->NewList());
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadEmptyDict() {
  stack_.push_back(heap_->NewDict());
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadEmptySet() {
  stack_.push_back(heap_->NewSet());
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadEmptyTuple() {
  stack_.push_back(heap_->NewTuple({}));
  return absl::OkStatus();
}

inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status Unpickler::LoadTupleN(size_t count) {
  if (absl::Status items = Need(count); !items.ok()) return items;
  Value tuple = heap_->NewTuple(std::span<const Value>(stack_.data() + stack_.size() - count, count));
  stack_.truncate(stack_.size() - count);
  stack_.push_back(tuple);
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadAppend() {
  if (absl::Status items = Need(2); !items.ok()) return items;
  Value item = Pop();
  return Append(stack_.back(), std::span<const Value>(&item, 1));
}

inline absl::Status Unpickler::LoadSetItem() {
  if (absl::Status items = Need(3); !items.ok()) return items;
  Value pair[2] = {stack_[stack_.size() - 2], stack_[stack_.size() - 1]};
  stack_.truncate(stack_.size() - 2);
  return SetItems(stack_.back(), pair);
}

inline absl::Status Unpickler::LoadAppends() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  absl::StatusOr<Value> target = TargetBelowMark(*mark);
  if (!target.ok()) return target.status();
  std::span<const Value> items = ItemsAbove(*mark);
  // No items: nothing to do, whatever the target (CPython's do_append).
  if (!items.empty()) {
    if (absl::Status applied = Append(*target, items); !applied.ok()) return applied;
  }
  PopMark();
  return absl::OkStatus();
}

inline absl::Status Unpickler::LoadSetItems() {
  absl::StatusOr<size_t> mark = InnermostMark();
  if (!mark.ok()) return mark.status();
  absl::StatusOr<Value> target = TargetBelowMark(*mark);
  if (!target.ok()) return target.status();
  std::span<const Value> items = ItemsAbove(*mark);
  if (items.size() % 2 != 0) return Fail("odd number of items for SETITEMS");
  // No items: nothing to do, whatever the target (CPython's do_setitems).
  if (!items.empty()) {
    if (absl::Status applied = SetItems(*target, items); !applied.ok()) return applied;
  }
  PopMark();
  return absl::OkStatus();
}

inline absl::Status Unpickler::Append(Value target, std::span<const Value> items) {
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

}  // namespace brine

#endif  // BRINE_CODEC_UNPICKLER_INLINE_H_

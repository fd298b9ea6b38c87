// The Pickler's work loop, its dispatch on kinds, and the containers: the
// tuple, list, dict, set and frozenset paths of CPython's _pickle.c.
#include "brine/codec/pickler.h"

#include <algorithm>
#include <optional>
#include <span>

#include "absl/strings/str_cat.h"
#include "brine/codec/encode_scalars.h"
#include "brine/value/heap.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

// How many items CPython writes between a MARK and its APPENDS/SETITEMS/ADDITEMS.
constexpr size_t kBatchSize = 1000;

// Containers of up to this many items are looked through for scalars only
// (HoldsOnlyScalars): one inside another container is then written on the spot
// instead of suspending the outer loop. Beyond it the suspension costs
// little next to the items.
constexpr size_t kFlatScanLimit = 16;

// Content keys (MemoWriter::OfContent) of CPython's singletons: '' and each
// one-character str below U+0100 (1 + code point), b'' and each one-byte
// bytes (kEmptyBytesKey + 1 + byte).
constexpr size_t kEmptyStrKey = 0;
constexpr size_t kEmptyBytesKey = 257;
constexpr size_t kContentKeys = kEmptyBytesKey + 1 + 256;

std::optional<size_t> StrKey(std::string_view utf8) {
  if (utf8.empty()) return kEmptyStrKey;
  const uint8_t lead = static_cast<uint8_t>(utf8[0]);
  if (utf8.size() == 1) return 1 + lead;
  if (utf8.size() == 2 && (lead == 0xc2 || lead == 0xc3)) {
    return 1 + (((lead & 0x1fu) << 6) | (static_cast<uint8_t>(utf8[1]) & 0x3fu));
  }
  return std::nullopt;
}

std::optional<size_t> BytesKey(std::string_view data) {
  if (data.empty()) return kEmptyBytesKey;
  if (data.size() == 1 && !IsFreshByte(data)) return kEmptyBytesKey + 1 + static_cast<uint8_t>(data[0]);
  return std::nullopt;
}

}  // namespace

Pickler::Pickler(const EncodeOptions& options)
    : options_(options), protocol_(options.protocol), memo_(options.protocol, kContentKeys) {}

void Pickler::Reset() {
  out_.Clear();
  memo_.Reset();
  stack_.clear();
  has_pending_ = false;
  globals_.clear();
  global_keys_.clear();
  latin1_strs_.clear();
  latin1_lowest_ = UINTPTR_MAX;
  latin1_highest_ = 0;
  names_.clear();
  scratch_.reset();
}

size_t Pickler::retained_bytes() const {
  return out_.retained_bytes() + memo_.retained_bytes() + stack_.capacity() * sizeof(Task) +
         (scratch_ ? scratch_->bytes_allocated() : 0) +
         (globals_.capacity() + names_.capacity()) * (sizeof(std::string) + sizeof(Value)) +
         global_keys_.capacity() * (sizeof(const Object*) + sizeof(Value));
}

absl::Status Pickler::Dump(Value root) {
  Reset();
  if (protocol_ >= 2) {
    WriteOp(Op::kProto);
    out_.WriteByte(static_cast<uint8_t>(protocol_));
    if (protocol_ >= 4) out_.StartFraming();
  }
  absl::Status status = Save(root);
  while (status.ok()) {
    if (has_pending_) {
      has_pending_ = false;
      status = Save(pending_);
    } else if (!stack_.empty()) {
      status = Resume();
    } else {
      break;
    }
  }
  if (!status.ok()) return status;
  WriteOp(Op::kStop);
  out_.EndFraming();
  return absl::OkStatus();
}

absl::Status Pickler::Resume() {
  Task& top = stack_.back();
  switch (top.step) {
    case Step::kExactListItems: return ExactListItems(top, /*on_stack=*/true);
    case Step::kExactDictItems: return ExactDictItems(top, /*on_stack=*/true);
    case Step::kSetItems: return SetItems(top, /*on_stack=*/true);
    case Step::kTupleItems: return TupleItems(top, /*on_stack=*/true);
    case Step::kFrozenSetItems: return FrozenSetItems(top, /*on_stack=*/true);
    default: break;
  }
  const Task task = top;
  stack_.pop_back();
  return Run(task);
}

absl::Status Pickler::Run(const Task& task) {
  switch (task.step) {
    case Step::kSave: return Save(task.value);
    case Step::kWriteOp: WriteOp(task.op); return absl::OkStatus();
    case Step::kMemoPut: return memo_.Put(EntryOf(task.value), out_);
    case Step::kReduceEnd: return EndReduce(task);
    case Step::kListItems: NextListItem(task); return absl::OkStatus();
    case Step::kDictItems: NextDictItem(task); return absl::OkStatus();
    default: break;  // frames run in Resume
  }
  return absl::InternalError("unknown pickler step");
}

MemoWriter::Entry& Pickler::EntryOf(Value value) {
  switch (value.kind()) {
    case Kind::kStr:
      if (std::optional<size_t> key = StrKey(value.as<Str>()->utf8)) return memo_.OfContent(*key);
      break;
    case Kind::kBytes:
      if (std::optional<size_t> key = BytesKey(value.as<Bytes>()->data)) return memo_.OfContent(*key);
      break;
    case Kind::kGlobal: {
      auto [it, inserted] = global_keys_.try_emplace(value.object());
      if (inserted) {
        const Global* global = value.as<Global>();
        it->second = InternGlobal(global->module, global->qualname);
      }
      return memo_.Of(it->second);
    }
    default: break;
  }
  return memo_.Of(value);
}

bool Pickler::IsScalar(Value value) const {
  switch (value.kind()) {
    case Kind::kStr: return true;
    case Kind::kBytes: return protocol_ >= 3;
    case Kind::kByteArray: return protocol_ >= 5;
    default: return IsAtom(value);
  }
}

bool Pickler::HoldsOnlyScalars(Value container) const {
  const auto scalars = [this](std::span<const Value> items) {
    return items.size() <= kFlatScanLimit &&
           std::all_of(items.begin(), items.end(), [this](Value value) { return IsScalar(value); });
  };
  switch (container.kind()) {
    case Kind::kTuple: return scalars(container.as<Tuple>()->items);
    case Kind::kList: return protocol_ >= 1 && scalars(container.as<List>()->items);
    case Kind::kDict: {
      const ArenaVector<std::pair<Value, Value>>& pairs = container.as<Dict>()->items;
      return protocol_ >= 1 && pairs.size() <= kFlatScanLimit &&
             std::all_of(pairs.begin(), pairs.end(),
                         [this](const auto& pair) { return IsScalar(pair.first) && IsScalar(pair.second); });
    }
    case Kind::kSet:
    case Kind::kFrozenSet: return protocol_ >= 4 && scalars(container.as<Set>()->items);
    default: return false;
  }
}

absl::Status Pickler::SaveObject(Value value) {
  switch (value.kind()) {
    case Kind::kStr: return SaveStr(value);
    case Kind::kTuple: return SaveTuple(value);
    case Kind::kList: return SaveList(value);
    case Kind::kDict: return SaveDict(value);
    case Kind::kNative: return SaveNative(value);
    default: return SaveOther(value);
  }
}

absl::Status Pickler::SaveStr(Value str) {
  const std::string_view utf8 = str.as<Str>()->utf8;
  MemoWriter::Entry& entry = utf8.size() > 2 ? memo_.Of(str) : EntryOf(str);
  if (entry.memoized) {
    memo_.Get(entry.index, out_);
    return absl::OkStatus();
  }
  if (!latin1_strs_.empty()) [[unlikely]] return SaveMarkedStr(str, entry);
  if (absl::Status status = WriteStr(out_, protocol_, utf8); !status.ok()) return status;
  return memo_.Put(entry, out_);
}

// SaveStr's write and memo put while latin1_strs_ holds strs.
absl::Status Pickler::SaveMarkedStr(Value str, MemoWriter::Entry& entry) {
  const std::string_view text = str.as<Str>()->utf8;
  absl::Status written =
      IsLatin1Str(str.object()) ? WriteLatin1AsStr(out_, text) : WriteStr(out_, protocol_, text);
  if (!written.ok()) return written;
  return memo_.Put(entry, out_);
}

void Pickler::MarkLatin1Str(const Object* str) {
  const auto address = reinterpret_cast<uintptr_t>(str);
  latin1_lowest_ = std::min(latin1_lowest_, address);
  latin1_highest_ = std::max(latin1_highest_, address);
  latin1_strs_.insert(str);
}

bool Pickler::IsLatin1Str(const Object* str) const {
  const auto address = reinterpret_cast<uintptr_t>(str);
  return address >= latin1_lowest_ && address <= latin1_highest_ && latin1_strs_.contains(str);
}

absl::Status Pickler::SaveNative(Value value) {
  while (value.kind() == Kind::kNative) {
    const Native* native = value.as<Native>();
    if (native->origin.is_none()) {
      return absl::InvalidArgumentError(
          absl::StrCat("can't pickle native object of C++ type '", ToAbsl(native->type_name), "': it has no reduction"));
    }
    value = native->origin;
  }
  return IsAtom(value) ? SaveAtom(value) : SaveObject(value);
}

absl::Status Pickler::SaveOther(Value value) {
  MemoWriter::Entry& entry = EntryOf(value);
  if (entry.memoized) {
    memo_.Get(entry.index, out_);
    return absl::OkStatus();
  }
  if (absl::Status status = EnterSave(value, entry); !status.ok()) return status;
  switch (value.kind()) {
    case Kind::kBytes: {
      if (protocol_ < 3) return SaveBytesBelowProtocol3(value);
      if (absl::Status status = WriteBytes(out_, protocol_, value.as<Bytes>()->data); !status.ok()) return status;
      return memo_.Put(entry, out_);
    }
    case Kind::kByteArray: {
      if (protocol_ < 5) return SaveByteArrayBelowProtocol5(value);
      WriteByteArray(out_, value.as<Bytes>()->data);
      return memo_.Put(entry, out_);
    }
    case Kind::kComplex: return SaveComplex(value);
    case Kind::kSet: return SaveSet(value);
    case Kind::kFrozenSet: return SaveFrozenSet(value);
    case Kind::kGlobal: return SaveGlobal(value);
    case Kind::kInstance: return SaveInstance(value);
    case Kind::kReduce: return SaveReduce(value);
    case Kind::kBoundMethod: return SaveBoundMethod(value);
    case Kind::kPersistentId: return SavePersistentId(value);
    case Kind::kBuffer: return SaveBuffer(value);
    default: break;
  }
  return absl::InvalidArgumentError(absl::StrCat("can't pickle '", ToAbsl(KindName(value.kind())), "' object"));
}

absl::Status Pickler::EnterSave(Value value, MemoWriter::Entry& entry) {
  switch (value.kind()) {
    case Kind::kTuple:
    case Kind::kFrozenSet:
    case Kind::kInstance:
    case Kind::kReduce:
    case Kind::kBoundMethod:
      break;
    default:
      return absl::OkStatus();
  }
  if (++entry.open_saves > kMaxOpenSaves) {
    return absl::InvalidArgumentError(absl::StrCat(
        "can't pickle recursive '", ToAbsl(KindName(value.kind())),
        "' object: it is reached again through its own arguments or items before it can be memoized "
        "(CPython raises RecursionError here)"));
  }
  return absl::OkStatus();
}

template <typename At>
absl::Status Pickler::SaveRun(Task& frame, bool on_stack, const At& at, size_t end) {
  for (size_t position = frame.position; position < end; ++position) {
    const Value item = at(position);
    out_.OpcodeBoundary();
    if (IsAtom(item)) {
      if (absl::Status status = SaveAtom(item); !status.ok()) return status;
      continue;
    }
    absl::Status status;
    switch (item.kind()) {
      case Kind::kStr:
        status = SaveStr(item);
        break;
      case Kind::kTuple:
      case Kind::kList:
      case Kind::kDict:
      case Kind::kSet:
      case Kind::kFrozenSet:
        if (const MemoWriter::Entry* entry = memo_.Find(item); entry != nullptr && entry->memoized) {
          memo_.Get(entry->index, out_);
          continue;
        }
        if (!HoldsOnlyScalars(item)) return Suspend(frame, on_stack, position + 1, item);
        status = SaveObject(item);
        break;
      default:
        if (!IsScalar(item)) return Suspend(frame, on_stack, position + 1, item);
        status = SaveObject(item);
        break;
    }
    if (!status.ok()) return status;
  }
  frame.position = end;
  return absl::OkStatus();
}

absl::Status Pickler::Suspend(Task& frame, bool on_stack, size_t position, Value item) {
  frame.position = position;
  if (!on_stack) Push(frame);
  pending_ = item;
  has_pending_ = true;
  return absl::OkStatus();
}

template <typename At>
absl::Status Pickler::SaveBatches(Task& frame, bool on_stack, const At& at, size_t count, size_t batch, Op close,
                                  bool empty_batch) {
  for (;;) {
    const size_t position = frame.position;
    if (position > 0 && position % batch == 0) WriteOp(close);
    if (position == count) {
      if (position % batch != 0) {
        WriteOp(close);
      } else if (empty_batch) {
        WriteOp(Op::kMark);
        WriteOp(close);
      }
      FinishFrame(on_stack);
      return absl::OkStatus();
    }
    if (position % batch == 0) WriteOp(Op::kMark);
    absl::Status status = SaveRun(frame, on_stack, at, std::min(count, position - position % batch + batch));
    if (!status.ok() || has_pending_) return status;
  }
}

template <typename At>
absl::Status Pickler::SaveUnmarked(Task& frame, bool on_stack, const At& at, size_t count, Op op) {
  absl::Status status = SaveRun(frame, on_stack, at, count);
  if (!status.ok() || has_pending_) return status;
  WriteOp(op);
  FinishFrame(on_stack);
  return absl::OkStatus();
}

// Tuples: EMPTY_TUPLE (not memoized), TUPLE1-3 at protocol 2+, else MARK ...
// TUPLE. A tuple found in the memo after its items were saved is recursive:
// the items are popped and the memoized tuple fetched instead.
absl::Status Pickler::SaveTuple(Value tuple) {
  const std::span<Value> items = tuple.as<Tuple>()->items;
  if (items.empty()) {
    if (protocol_ >= 1) {
      WriteOp(Op::kEmptyTuple);
    } else {
      WriteOp(Op::kMark);
      WriteOp(Op::kTuple);
    }
    return absl::OkStatus();
  }
  MemoWriter::Entry& entry = memo_.Of(tuple);
  if (entry.memoized) {
    memo_.Get(entry.index, out_);
    return absl::OkStatus();
  }
  if (absl::Status status = EnterSave(tuple, entry); !status.ok()) return status;
  const bool small = items.size() <= 3 && protocol_ >= 2;
  if (!small) WriteOp(Op::kMark);
  Task frame = {.step = Step::kTupleItems, .flag = small, .value = tuple};
  return TupleItems(frame, /*on_stack=*/false);
}

absl::Status Pickler::TupleItems(Task& frame, bool on_stack) {
  const std::span<Value> items = frame.value.as<Tuple>()->items;
  absl::Status status = SaveRun(frame, on_stack, [items](size_t i) { return items[i]; }, items.size());
  if (!status.ok() || has_pending_) return status;
  const Value tuple = frame.value;
  const bool small = frame.flag;
  FinishFrame(on_stack);
  return EndTuple(tuple, small);
}

absl::Status Pickler::EndTuple(Value tuple, bool small) {
  const size_t size = tuple.as<Tuple>()->items.size();
  MemoWriter::Entry& entry = memo_.Of(tuple);
  LeaveSave(entry);
  if (entry.memoized) {
    if (small) {
      for (size_t i = 0; i < size; ++i) WriteOp(Op::kPop);
    } else if (protocol_ >= 1) {
      WriteOp(Op::kPopMark);
    } else {
      for (size_t i = 0; i <= size; ++i) WriteOp(Op::kPop);
    }
    memo_.Get(entry.index, out_);
    return absl::OkStatus();
  }
  static constexpr Op kSmallTupleOps[] = {Op::kEmptyTuple, Op::kTuple1, Op::kTuple2, Op::kTuple3};
  WriteOp(small ? kSmallTupleOps[size] : Op::kTuple);
  return memo_.Put(entry, out_);
}

// Lists: EMPTY_LIST (MARK LIST at protocol 0), memoized, then the items.
absl::Status Pickler::SaveList(Value list) {
  MemoWriter::Entry& entry = memo_.Of(list);
  if (entry.memoized) {
    memo_.Get(entry.index, out_);
    return absl::OkStatus();
  }
  if (protocol_ >= 1) {
    WriteOp(Op::kEmptyList);
  } else {
    WriteOp(Op::kMark);
    WriteOp(Op::kList);
  }
  if (absl::Status status = memo_.Put(entry, out_); !status.ok()) return status;
  const ArenaVector<Value>& items = list.as<List>()->items;
  if (items.empty()) return absl::OkStatus();
  if (protocol_ == 0) {
    Push({.step = Step::kListItems, .items = items.data(), .size = items.size()});
    return absl::OkStatus();
  }
  Task frame = {.step = Step::kExactListItems, .value = list};
  return ExactListItems(frame, /*on_stack=*/false);
}

// batch_list_exact: a lone item then APPEND; else MARK, up to 1000 items,
// APPENDS, with no empty batch.
absl::Status Pickler::ExactListItems(Task& frame, bool on_stack) {
  const ArenaVector<Value>& items = frame.value.as<List>()->items;
  const auto at = [&items](size_t i) { return items[i]; };
  if (items.size() == 1) return SaveUnmarked(frame, on_stack, at, 1, Op::kAppend);
  return SaveBatches(frame, on_stack, at, items.size(), kBatchSize, Op::kAppends, /*empty_batch=*/false);
}

// Dicts: EMPTY_DICT (MARK DICT at protocol 0), memoized, then the items.
absl::Status Pickler::SaveDict(Value dict) {
  MemoWriter::Entry& entry = memo_.Of(dict);
  if (entry.memoized) {
    memo_.Get(entry.index, out_);
    return absl::OkStatus();
  }
  if (protocol_ >= 1) {
    WriteOp(Op::kEmptyDict);
  } else {
    WriteOp(Op::kMark);
    WriteOp(Op::kDict);
  }
  if (absl::Status status = memo_.Put(entry, out_); !status.ok()) return status;
  const ArenaVector<std::pair<Value, Value>>& items = dict.as<Dict>()->items;
  if (items.empty()) return absl::OkStatus();
  if (protocol_ == 0) {
    Push({.step = Step::kDictItems, .pairs = items.data(), .size = items.size()});
    return absl::OkStatus();
  }
  Task frame = {.step = Step::kExactDictItems, .value = dict};
  return ExactDictItems(frame, /*on_stack=*/false);
}

// batch_dict_exact: a lone pair then SETITEM; else MARK, up to 1000 pairs,
// SETITEMS, repeated while the last batch was full, so a multiple of 1000
// ends with an empty MARK SETITEMS. Positions count keys and values.
absl::Status Pickler::ExactDictItems(Task& frame, bool on_stack) {
  const ArenaVector<std::pair<Value, Value>>& items = frame.value.as<Dict>()->items;
  const auto at = [&items](size_t i) { return i % 2 == 0 ? items[i / 2].first : items[i / 2].second; };
  if (items.size() == 1) return SaveUnmarked(frame, on_stack, at, 2, Op::kSetItem);
  return SaveBatches(frame, on_stack, at, 2 * items.size(), 2 * kBatchSize, Op::kSetItems, /*empty_batch=*/true);
}

// Sets: EMPTY_SET, memoized, ADDITEMS batches at protocol 4+ (like dicts, a
// multiple of 1000 ends with an empty batch); builtins.set([...]) below.
absl::Status Pickler::SaveSet(Value set) {
  if (protocol_ < 4) {
    Value items = scratch().NewList();
    for (Value item : set.as<Set>()->items) items.as<List>()->items.push_back(item);
    PushReduce(InternGlobal("builtins", "set"), ScratchTuple({items}), Op::kReduce, set);
    return absl::OkStatus();
  }
  WriteOp(Op::kEmptySet);
  if (absl::Status status = memo_.Put(memo_.Of(set), out_); !status.ok()) return status;
  if (set.as<Set>()->items.empty()) return absl::OkStatus();
  Task frame = {.step = Step::kSetItems, .value = set};
  return SetItems(frame, /*on_stack=*/false);
}

absl::Status Pickler::SetItems(Task& frame, bool on_stack) {
  const ArenaVector<Value>& items = frame.value.as<Set>()->items;
  return SaveBatches(frame, on_stack, [&items](size_t i) { return items[i]; }, items.size(), kBatchSize,
                     Op::kAddItems, /*empty_batch=*/true);
}

// Frozensets: MARK items FROZENSET, memoized, at protocol 4+ (POP_MARK and a
// GET when saving the items memoized it); builtins.frozenset([...]) below.
absl::Status Pickler::SaveFrozenSet(Value set) {
  if (protocol_ < 4) {
    Value items = scratch().NewList();
    for (Value item : set.as<Set>()->items) items.as<List>()->items.push_back(item);
    PushReduce(InternGlobal("builtins", "frozenset"), ScratchTuple({items}), Op::kReduce, set);
    return absl::OkStatus();
  }
  WriteOp(Op::kMark);
  Task frame = {.step = Step::kFrozenSetItems, .value = set};
  return FrozenSetItems(frame, /*on_stack=*/false);
}

absl::Status Pickler::FrozenSetItems(Task& frame, bool on_stack) {
  const ArenaVector<Value>& items = frame.value.as<Set>()->items;
  absl::Status status = SaveRun(frame, on_stack, [&items](size_t i) { return items[i]; }, items.size());
  if (!status.ok() || has_pending_) return status;
  const Value set = frame.value;
  FinishFrame(on_stack);
  return EndFrozenSet(set);
}

absl::Status Pickler::EndFrozenSet(Value set) {
  MemoWriter::Entry& entry = memo_.Of(set);
  LeaveSave(entry);
  if (entry.memoized) {
    WriteOp(Op::kPopMark);
    memo_.Get(entry.index, out_);
    return absl::OkStatus();
  }
  WriteOp(Op::kFrozenSet);
  return memo_.Put(entry, out_);
}

// batch_list over list items of a reduce: APPEND one at a time at protocol 0;
// above, MARK ... APPENDS batches of up to 1000, a lone last item as APPEND.
void Pickler::NextListItem(const Task& task) {
  size_t position = task.position;
  bool in_batch = task.flag;
  if (protocol_ == 0) {
    if (position == task.size) return;
    Push({.step = Step::kListItems, .position = position + 1, .items = task.items, .size = task.size});
    PushOp(Op::kAppend);
    PushSave(task.items[position]);
    return;
  }
  if (in_batch && position % kBatchSize == 0) {
    WriteOp(Op::kAppends);
    in_batch = false;
  }
  if (!in_batch) {
    const size_t left = task.size - position;
    if (left == 0) return;
    if (left == 1) {
      PushOp(Op::kAppend);
      PushSave(task.items[position]);
      return;
    }
    WriteOp(Op::kMark);
  } else if (position == task.size) {
    WriteOp(Op::kAppends);
    return;
  }
  Push({.step = Step::kListItems, .flag = true, .position = position + 1, .items = task.items, .size = task.size});
  PushSave(task.items[position]);
}

// batch_dict over dict items of a reduce, like NextListItem with SETITEM(S).
void Pickler::NextDictItem(const Task& task) {
  size_t position = task.position;
  bool in_batch = task.flag;
  const auto push_pair = [&](size_t i) {
    PushSave(task.pairs[i].second);
    PushSave(task.pairs[i].first);
  };
  if (protocol_ == 0) {
    if (position == task.size) return;
    Push({.step = Step::kDictItems, .position = position + 1, .pairs = task.pairs, .size = task.size});
    PushOp(Op::kSetItem);
    push_pair(position);
    return;
  }
  if (in_batch && position % kBatchSize == 0) {
    WriteOp(Op::kSetItems);
    in_batch = false;
  }
  if (!in_batch) {
    const size_t left = task.size - position;
    if (left == 0) return;
    if (left == 1) {
      PushOp(Op::kSetItem);
      push_pair(position);
      return;
    }
    WriteOp(Op::kMark);
  } else if (position == task.size) {
    WriteOp(Op::kSetItems);
    return;
  }
  Push({.step = Step::kDictItems, .flag = true, .position = position + 1, .pairs = task.pairs, .size = task.size});
  push_pair(position);
}

Heap& Pickler::scratch() {
  if (!scratch_) scratch_.emplace();
  return *scratch_;
}

Value Pickler::InternGlobal(std::string_view module, std::string_view qualname) {
  std::string name = absl::StrCat(ToAbsl(module), absl::string_view("\0", 1), ToAbsl(qualname));
  auto it = globals_.find(name);
  if (it != globals_.end()) return it->second;
  Value global = scratch().NewGlobal(module, qualname);
  globals_.emplace(std::move(name), global);
  return global;
}

Value Pickler::NameStr(std::string_view text, NameKind kind) {
  std::pair<std::string, NameKind> key(std::string(text), kind);
  auto it = names_.find(key);
  if (it != names_.end()) return it->second;
  Value str = scratch().NewStr(text);
  names_.emplace(std::move(key), str);
  return str;
}

Value Pickler::ScratchTuple(std::initializer_list<Value> items) {
  return scratch().NewTuple(std::span<const Value>(items.begin(), items.size()));
}

Value Pickler::EmptyTuple() { return scratch().NewTuple({}); }

}  // namespace brine

// The Pickler's work loop, its dispatch on kinds, and the containers: the
// tuple, list, dict, set and frozenset paths of CPython's _pickle.c.
#include "brine/codec/pickler.h"

#include "absl/strings/str_cat.h"
#include "brine/codec/encode_scalars.h"
#include "brine/value/heap.h"

namespace brine {
namespace {

// How many items CPython writes between a MARK and its APPENDS/SETITEMS/ADDITEMS.
constexpr size_t kBatchSize = 1000;

}  // namespace

Pickler::Pickler(const EncodeOptions& options, OutputBuffer& out)
    : options_(options), protocol_(options.protocol), out_(out), memo_(options.protocol, out) {}

absl::Status Pickler::Dump(Value root) {
  if (protocol_ >= 2) {
    WriteOp(Op::kProto);
    out_.WriteByte(static_cast<uint8_t>(protocol_));
    if (protocol_ >= 4) out_.set_framing(true);
  }
  PushSave(root);
  while (!stack_.empty()) {
    const Task task = stack_.back();
    stack_.pop_back();
    if (absl::Status status = Run(task); !status.ok()) return status;
  }
  WriteOp(Op::kStop);
  out_.CommitFrame();
  out_.set_framing(false);
  return absl::OkStatus();
}

absl::Status Pickler::Run(const Task& task) {
  switch (task.step) {
    case Step::kSave: return Save(task.value);
    case Step::kWriteOp: WriteOp(task.op); return absl::OkStatus();
    case Step::kMemoPut: return memo_.Put(MemoKey(task.value));
    case Step::kTupleEnd: return EndTuple(task);
    case Step::kFrozenSetEnd: return EndFrozenSet(task);
    case Step::kReduceEnd: return EndReduce(task);
    case Step::kExactListItems: return NextExactListItem(task);
    case Step::kExactDictItems: return NextExactDictItem(task);
    case Step::kSetItems: return NextSetItem(task);
    case Step::kListItems: NextListItem(task); return absl::OkStatus();
    case Step::kDictItems: NextDictItem(task); return absl::OkStatus();
  }
  return absl::InternalError("unknown pickler step");
}

// CPython keeps one object for '' and for each one-character str below
// U+0100, and one for b'' and each one-byte bytes: equal ones are identical,
// so they share one key per content.
const void* Pickler::MemoKey(Value value) {
  switch (value.kind()) {
    case Kind::kGlobal: {
      auto [it, inserted] = global_keys_.try_emplace(value.object(), nullptr);
      if (inserted) {
        const Global* global = value.as<Global>();
        it->second = InternGlobal(global->module, global->qualname).object();
      }
      return it->second;
    }
    case Kind::kStr: {
      const std::string_view utf8 = value.as<Str>()->utf8;
      if (utf8.empty()) return &empty_str_key_;
      const uint8_t lead = static_cast<uint8_t>(utf8[0]);
      if (utf8.size() == 1) return &one_byte_str_keys_[lead];
      if (utf8.size() == 2 && (lead == 0xc2 || lead == 0xc3)) {
        return &two_byte_str_keys_[lead - 0xc2][static_cast<uint8_t>(utf8[1])];
      }
      return value.object();
    }
    case Kind::kBytes: {
      const std::string_view data = value.as<Bytes>()->data;
      if (data.empty()) return &empty_bytes_key_;
      if (data.size() == 1) return &one_byte_bytes_keys_[static_cast<uint8_t>(data[0])];
      return value.object();
    }
    default: return value.object();
  }
}

bool Pickler::IsAtom(Value value) {
  return value.kind() <= Kind::kFloat || value.kind() == Kind::kBigInt;
}

absl::Status Pickler::SaveAtom(Value value) {
  out_.OpcodeBoundary();
  switch (value.kind()) {
    case Kind::kNone: WriteOp(Op::kNone); return absl::OkStatus();
    case Kind::kBool: WriteBool(out_, protocol_, value.as_bool()); return absl::OkStatus();
    case Kind::kFloat: WriteFloat(out_, protocol_, value.as_float()); return absl::OkStatus();
    default: return WriteInt(out_, protocol_, value);
  }
}

absl::Status Pickler::Save(Value value) {
  if (IsAtom(value)) return SaveAtom(value);
  out_.OpcodeBoundary();
  // A native C++ object is pickled as the reduce/instance it was built from.
  while (value.kind() == Kind::kNative) {
    const Native* native = value.as<Native>();
    if (native->origin.is_none()) {
      return absl::InvalidArgumentError(
          absl::StrCat("can't pickle native object of C++ type '", ToAbsl(native->type_name), "': it has no reduction"));
    }
    value = native->origin;
  }
  const void* key = MemoKey(value);
  if (const uint64_t* index = memo_.Find(key)) return memo_.Get(*index);
  if (absl::Status status = EnterSave(value); !status.ok()) return status;
  switch (value.kind()) {
    case Kind::kStr: {
      if (absl::Status status = WriteStr(out_, protocol_, value.as<Str>()->utf8); !status.ok()) return status;
      return memo_.Put(key);
    }
    case Kind::kBytes: {
      if (protocol_ < 3) return SaveBytesBelowProtocol3(value);
      if (absl::Status status = WriteBytes(out_, protocol_, value.as<Bytes>()->data); !status.ok()) return status;
      return memo_.Put(key);
    }
    case Kind::kByteArray: {
      if (protocol_ < 5) return SaveByteArrayBelowProtocol5(value);
      WriteByteArray(out_, value.as<Bytes>()->data);
      return memo_.Put(key);
    }
    case Kind::kComplex: return SaveComplex(value);
    case Kind::kTuple: return SaveTuple(value);
    case Kind::kList: return SaveList(value);
    case Kind::kDict: return SaveDict(value);
    case Kind::kSet: return SaveSet(value);
    case Kind::kFrozenSet: return SaveFrozenSet(value);
    case Kind::kGlobal: return SaveGlobal(value, key);
    case Kind::kInstance: return SaveInstance(value);
    case Kind::kReduce: return SaveReduce(value);
    case Kind::kBoundMethod: return SaveBoundMethod(value);
    case Kind::kPersistentId: return SavePersistentId(value);
    case Kind::kBuffer: return SaveBuffer(value, key);
    default: break;
  }
  return absl::InvalidArgumentError(absl::StrCat("can't pickle '", ToAbsl(KindName(value.kind())), "' object"));
}

// Tuples: EMPTY_TUPLE (not memoized), TUPLE1-3 at protocol 2+, else MARK ...
// TUPLE. A tuple found in the memo after its items were saved is recursive:
// the items are popped and the memoized tuple fetched instead.
absl::Status Pickler::EnterSave(Value value) {
  switch (value.kind()) {
    case Kind::kTuple:
      if (value.as<Tuple>()->items.empty()) return absl::OkStatus();
      break;
    case Kind::kFrozenSet:
    case Kind::kInstance:
    case Kind::kReduce:
    case Kind::kBoundMethod:
      break;
    default:
      return absl::OkStatus();
  }
  if (++open_saves_[value.object()] > 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "can't pickle recursive '", ToAbsl(KindName(value.kind())),
        "' object: it is reached again through its own arguments or items before it can be memoized "
        "(CPython raises RecursionError here)"));
  }
  return absl::OkStatus();
}

void Pickler::LeaveSave(Value value) {
  auto it = open_saves_.find(value.object());
  if (it != open_saves_.end() && --it->second == 0) open_saves_.erase(it);
}

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
  const bool small = items.size() <= 3 && protocol_ >= 2;
  if (!small) WriteOp(Op::kMark);
  const Task end = {.step = Step::kTupleEnd, .flag = small, .value = tuple};
  bool all_atoms = true;
  for (Value item : items) all_atoms = all_atoms && IsAtom(item);
  if (all_atoms) {
    for (Value item : items) {
      if (absl::Status status = SaveAtom(item); !status.ok()) return status;
    }
    return EndTuple(end);
  }
  Push(end);
  for (size_t i = items.size(); i-- > 0;) PushSave(items[i]);
  return absl::OkStatus();
}

absl::Status Pickler::EndTuple(const Task& task) {
  LeaveSave(task.value);
  const size_t size = task.value.as<Tuple>()->items.size();
  const bool small = task.flag;
  const void* key = MemoKey(task.value);
  if (const uint64_t* index = memo_.Find(key)) {
    if (small) {
      for (size_t i = 0; i < size; ++i) WriteOp(Op::kPop);
    } else if (protocol_ >= 1) {
      WriteOp(Op::kPopMark);
    } else {
      for (size_t i = 0; i <= size; ++i) WriteOp(Op::kPop);
    }
    return memo_.Get(*index);
  }
  static constexpr Op kSmallTupleOps[] = {Op::kEmptyTuple, Op::kTuple1, Op::kTuple2, Op::kTuple3};
  WriteOp(small ? kSmallTupleOps[size] : Op::kTuple);
  return memo_.Put(key);
}

// Lists: EMPTY_LIST (MARK LIST at protocol 0), memoized, then the items.
absl::Status Pickler::SaveList(Value list) {
  if (protocol_ >= 1) {
    WriteOp(Op::kEmptyList);
  } else {
    WriteOp(Op::kMark);
    WriteOp(Op::kList);
  }
  if (absl::Status status = memo_.Put(MemoKey(list)); !status.ok()) return status;
  const ArenaVector<Value>& items = list.as<List>()->items;
  if (items.empty()) return absl::OkStatus();
  if (protocol_ == 0) {
    Push({.step = Step::kListItems, .items = items.data(), .size = items.size()});
  } else if (items.size() == 1) {
    PushOp(Op::kAppend);
    PushSave(items[0]);
  } else {
    Push({.step = Step::kExactListItems, .value = list});
  }
  return absl::OkStatus();
}

// batch_list_exact: MARK, up to 1000 items, APPENDS; no empty batch. Atoms
// are written on the spot; the first other item suspends the walk.
absl::Status Pickler::NextExactListItem(const Task& task) {
  const ArenaVector<Value>& items = task.value.as<List>()->items;
  for (size_t position = task.position;; ++position) {
    if (position > 0 && position % kBatchSize == 0) WriteOp(Op::kAppends);
    if (position == items.size()) {
      if (position % kBatchSize != 0) WriteOp(Op::kAppends);
      return absl::OkStatus();
    }
    if (position % kBatchSize == 0) WriteOp(Op::kMark);
    if (IsAtom(items[position])) {
      if (absl::Status status = SaveAtom(items[position]); !status.ok()) return status;
      continue;
    }
    Push({.step = Step::kExactListItems, .value = task.value, .position = position + 1});
    PushSave(items[position]);
    return absl::OkStatus();
  }
}

// Dicts: EMPTY_DICT (MARK DICT at protocol 0), memoized, then the items.
absl::Status Pickler::SaveDict(Value dict) {
  if (protocol_ >= 1) {
    WriteOp(Op::kEmptyDict);
  } else {
    WriteOp(Op::kMark);
    WriteOp(Op::kDict);
  }
  if (absl::Status status = memo_.Put(MemoKey(dict)); !status.ok()) return status;
  const ArenaVector<std::pair<Value, Value>>& items = dict.as<Dict>()->items;
  if (items.empty()) return absl::OkStatus();
  if (protocol_ == 0) {
    Push({.step = Step::kDictItems, .pairs = items.data(), .size = items.size()});
  } else if (items.size() == 1) {
    PushOp(Op::kSetItem);
    PushSave(items[0].second);
    PushSave(items[0].first);
  } else {
    Push({.step = Step::kExactDictItems, .value = dict});
  }
  return absl::OkStatus();
}

// batch_dict_exact: MARK, up to 1000 pairs, SETITEMS, repeated while the
// last batch was full, so a multiple of 1000 ends with an empty MARK SETITEMS.
absl::Status Pickler::NextExactDictItem(const Task& task) {
  const ArenaVector<std::pair<Value, Value>>& items = task.value.as<Dict>()->items;
  for (size_t position = task.position;; ++position) {
    if (position > 0 && position % kBatchSize == 0) WriteOp(Op::kSetItems);
    if (position == items.size()) {
      if (position % kBatchSize == 0) WriteOp(Op::kMark);
      WriteOp(Op::kSetItems);
      return absl::OkStatus();
    }
    if (position % kBatchSize == 0) WriteOp(Op::kMark);
    const auto& [key, value] = items[position];
    if (IsAtom(key) && IsAtom(value)) {
      if (absl::Status status = SaveAtom(key); !status.ok()) return status;
      if (absl::Status status = SaveAtom(value); !status.ok()) return status;
      continue;
    }
    Push({.step = Step::kExactDictItems, .value = task.value, .position = position + 1});
    PushSave(value);
    if (IsAtom(key)) return SaveAtom(key);
    PushSave(key);
    return absl::OkStatus();
  }
}

// Sets: EMPTY_SET, memoized, ADDITEMS batches at protocol 4+ (like dicts, a
// multiple of 1000 ends with an empty batch); builtins.set([...]) below.
absl::Status Pickler::SaveSet(Value set) {
  if (protocol_ < 4) {
    Value items = scratch_.NewList();
    for (Value item : set.as<Set>()->items) items.as<List>()->items.push_back(item);
    PushReduce(InternGlobal("builtins", "set"), ScratchTuple({items}), Op::kReduce, set);
    return absl::OkStatus();
  }
  WriteOp(Op::kEmptySet);
  if (absl::Status status = memo_.Put(MemoKey(set)); !status.ok()) return status;
  if (set.as<Set>()->items.empty()) return absl::OkStatus();
  Push({.step = Step::kSetItems, .value = set});
  return absl::OkStatus();
}

absl::Status Pickler::NextSetItem(const Task& task) {
  const ArenaVector<Value>& items = task.value.as<Set>()->items;
  for (size_t position = task.position;; ++position) {
    if (position > 0 && position % kBatchSize == 0) WriteOp(Op::kAddItems);
    if (position == items.size()) {
      if (position % kBatchSize == 0) WriteOp(Op::kMark);
      WriteOp(Op::kAddItems);
      return absl::OkStatus();
    }
    if (position % kBatchSize == 0) WriteOp(Op::kMark);
    if (IsAtom(items[position])) {
      if (absl::Status status = SaveAtom(items[position]); !status.ok()) return status;
      continue;
    }
    Push({.step = Step::kSetItems, .value = task.value, .position = position + 1});
    PushSave(items[position]);
    return absl::OkStatus();
  }
}

// Frozensets: MARK items FROZENSET, memoized, at protocol 4+ (POP_MARK and a
// GET when saving the items memoized it); builtins.frozenset([...]) below.
absl::Status Pickler::SaveFrozenSet(Value set) {
  if (protocol_ < 4) {
    Value items = scratch_.NewList();
    for (Value item : set.as<Set>()->items) items.as<List>()->items.push_back(item);
    PushReduce(InternGlobal("builtins", "frozenset"), ScratchTuple({items}), Op::kReduce, set);
    return absl::OkStatus();
  }
  WriteOp(Op::kMark);
  Push({.step = Step::kFrozenSetEnd, .value = set});
  const ArenaVector<Value>& items = set.as<Set>()->items;
  for (size_t i = items.size(); i-- > 0;) PushSave(items[i]);
  return absl::OkStatus();
}

absl::Status Pickler::EndFrozenSet(const Task& task) {
  LeaveSave(task.value);
  const void* key = MemoKey(task.value);
  if (const uint64_t* index = memo_.Find(key)) {
    WriteOp(Op::kPopMark);
    return memo_.Get(*index);
  }
  WriteOp(Op::kFrozenSet);
  return memo_.Put(key);
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

Value Pickler::InternGlobal(std::string_view module, std::string_view qualname) {
  std::string name = absl::StrCat(ToAbsl(module), absl::string_view("\0", 1), ToAbsl(qualname));
  auto it = globals_.find(name);
  if (it != globals_.end()) return it->second;
  Value global = scratch_.NewGlobal(module, qualname);
  globals_.emplace(std::move(name), global);
  return global;
}

Value Pickler::NameStr(std::string_view text, NameKind kind) {
  std::pair<std::string, NameKind> key(std::string(text), kind);
  auto it = names_.find(key);
  if (it != names_.end()) return it->second;
  Value str = scratch_.NewStr(text);
  names_.emplace(std::move(key), str);
  return str;
}

Value Pickler::ScratchTuple(std::initializer_list<Value> items) {
  return scratch_.NewTuple(std::span<const Value>(items.begin(), items.size()));
}

Value Pickler::EmptyTuple() { return scratch_.NewTuple({}); }

}  // namespace brine

// Pickler: the encoder's engine, walking a value graph with an explicit work
// stack (never the native stack) and writing the opcodes CPython 3.11's C
// pickler writes for the same objects, in the same order, with the same memo
// indices and frame boundaries. Internal to codec/encoder.cc; use Encoder.
//
// A container's items are written by a loop over them: atoms, strs, bytes,
// objects already in the memo and small containers holding only scalars are
// written on the spot. An item that needs more (a container or a reduce seen for the first
// time) suspends the loop: the container's frame goes on the stack (once) and
// the item is saved next by the work loop, which resumes the frame after it.
// So only containers holding containers push anything.
//
// The rest of CPython's recursive save() becomes Tasks on the same stack. A
// Task either saves one value or finishes something a previous task started
// (checks a reduce for recursion, writes the next batch of a reduce's list
// items...), so tasks are pushed in reverse order of execution.
//
// Memo keys follow CPython's identities: an object is itself; a Global is the
// one interned Global of its name; '' and each one-character str below
// U+0100, b'' and each one-byte bytes are one key per content (CPython's
// singletons).
//
// Built-in kinds CPython pickles through a reduce tuple below some protocol
// (bytes, bytearray, set, frozenset, complex, bound methods, copyreg
// reconstruction of instances, nested globals) are rewritten into the same
// reduce calls with helper objects allocated in a scratch Heap. Globals are
// memoized by name, as CPython memoizes the one class object a name refers
// to; the name strings STACK_GLOBAL and bound methods use are memoized by
// content, as CPython's interned identifiers are (see NameStr).
//
// A Pickler is reused for pickle after pickle: its output buffer, stack and
// memo keep their memory.
#ifndef BRINE_CODEC_PICKLER_H_
#define BRINE_CODEC_PICKLER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "brine/codec/encode_scalars.h"
#include "brine/codec/encoder.h"
#include "brine/codec/memo_writer.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/output_buffer.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

class Pickler {
 public:
  // `options.protocol` must already be in 0..5; `options` must outlive the
  // Pickler. Its other fields may change between pickles (they are read as
  // the pickle is written); its protocol may not.
  explicit Pickler(const EncodeOptions& options);

  // Writes the whole pickle of `root` into out(): PROTO, the object, STOP,
  // last frame. Forgets the previous pickle first.
  absl::Status Dump(Value root);
  OutputBuffer& out() { return out_; }
  int protocol() const { return protocol_; }
  // The bytes of storage kept between pickles (output, memo, stack, names).
  size_t retained_bytes() const;

 private:
  enum class Step : uint8_t {
    // Frames: the items of a container, run at the top of the stack until
    // the container is done (`position`: the next item).
    kExactListItems,  // batch_list_exact over a List
    kExactDictItems,  // batch_dict_exact over a Dict (two positions per pair)
    kSetItems,        // the ADDITEMS batches of a Set
    kTupleItems,      // a tuple's items, then TUPLE* or the recursive case
    kFrozenSetItems,  // a frozenset's items, then FROZENSET or the recursive case
    // Tasks: popped, then run.
    kSave,       // save(value)
    kWriteOp,    // write the single opcode `op`
    kMemoPut,    // memoize `value`
    kReduceEnd,  // after REDUCE/NEWOBJ/NEWOBJ_EX: recursion check, memo, items, state
    kListItems,  // batch_list over `items[0..size)`
    kDictItems,  // batch_dict over `pairs[0..size)`
  };
  struct Task {
    Step step;
    Op op = Op::kStop;
    // kTupleItems: the TUPLE1-3 form. kReduceEnd: the list/dict items already
    // went into the reconstructor's arguments. kListItems/kDictItems: a MARK
    // batch is open.
    bool flag = false;
    Value value;
    size_t position = 0;
    const Value* items = nullptr;
    const std::pair<Value, Value>* pairs = nullptr;
    size_t size = 0;
  };

  // pickler.cc: the work loop, dispatch, atoms, strs, containers.
  void Reset();
  // Runs the top of the stack: a frame in place, a task popped.
  absl::Status Resume();
  absl::Status Run(const Task& task);
  void Push(Task task) { stack_.push_back(task); }
  void PushSave(Value value) { Push({.step = Step::kSave, .value = value}); }
  void PushOp(Op op) { Push({.step = Step::kWriteOp, .op = op}); }
  void WriteOp(Op op) { out_.WriteByte(static_cast<uint8_t>(op)); }

  // save(value): an opcode boundary, then the value.
  absl::Status Save(Value value) {
    out_.OpcodeBoundary();
    return IsAtom(value) ? SaveAtom(value) : SaveObject(value);
  }
  // None, bools, ints, floats: written on the spot, never memoized.
  static bool IsAtom(Value value) { return value.kind() <= Kind::kFloat || value.kind() == Kind::kBigInt; }
  // Atoms, strs, and bytes and bytearrays where they have opcodes: saved
  // without pushing anything.
  bool IsScalar(Value value) const;
  // Whether `container` is a small one holding scalars only, which Save
  // writes without pushing anything.
  bool HoldsOnlyScalars(Value container) const;
  ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status SaveAtom(Value value) {
    switch (value.kind()) {
      case Kind::kNone: WriteOp(Op::kNone); return absl::OkStatus();
      case Kind::kBool: WriteBool(out_, protocol_, value.as_bool()); return absl::OkStatus();
      case Kind::kFloat: WriteFloat(out_, protocol_, value.as_float()); return absl::OkStatus();
      default: return WriteInt(out_, protocol_, value);
    }
  }
  absl::Status SaveObject(Value value);
  absl::Status SaveStr(Value str);
  absl::Status SaveMarkedStr(Value str, MemoWriter::Entry& entry);
  // Marks a scratch str as holding Latin-1 (see latin1_strs_), and asks.
  void MarkLatin1Str(const Object* str);
  bool IsLatin1Str(const Object* str) const;
  // A native C++ object is pickled as the reduce/instance it was built from.
  absl::Status SaveNative(Value native);
  // The kinds without a path of their own above.
  absl::Status SaveOther(Value value);
  absl::Status SaveTuple(Value tuple);
  absl::Status SaveList(Value list);
  absl::Status SaveDict(Value dict);
  absl::Status SaveSet(Value set);
  absl::Status SaveFrozenSet(Value set);

  // Frames. `on_stack`: `frame` is the top of the stack, else a local not
  // pushed yet (pushed only if an item suspends it).
  absl::Status ExactListItems(Task& frame, bool on_stack);
  absl::Status ExactDictItems(Task& frame, bool on_stack);
  absl::Status SetItems(Task& frame, bool on_stack);
  absl::Status TupleItems(Task& frame, bool on_stack);
  absl::Status FrozenSetItems(Task& frame, bool on_stack);
  // Saves at(frame.position) to at(end - 1), advancing frame.position. An
  // item that would push work (not a scalar, not memoized, not a small
  // container of scalars) suspends the frame instead (see the file comment).
  // Atoms, strs and memo GETs are written here without a call.
  template <typename At>
  absl::Status SaveRun(Task& frame, bool on_stack, const At& at, size_t end);
  // Leaves `frame` (on the stack) to resume at `position`; `item` is saved next.
  absl::Status Suspend(Task& frame, bool on_stack, size_t position, Value item);
  // MARK, up to `batch` items, `close`, repeated over `count` items; after a
  // full last batch one more MARK `close` when `empty_batch`.
  template <typename At>
  absl::Status SaveBatches(Task& frame, bool on_stack, const At& at, size_t count, size_t batch, Op close,
                           bool empty_batch);
  // The `count` items, then `op`, without MARK.
  template <typename At>
  absl::Status SaveUnmarked(Task& frame, bool on_stack, const At& at, size_t count, Op op);
  // Ends a frame whose items are all written.
  void FinishFrame(bool on_stack) {
    if (on_stack) stack_.pop_back();
  }
  absl::Status EndTuple(Value tuple, bool small);
  absl::Status EndFrozenSet(Value set);
  void NextListItem(const Task& task);
  void NextDictItem(const Task& task);

  // The memo entry standing for `value` (see the file comment on keys).
  MemoWriter::Entry& EntryOf(Value value);
  // Saves of tuples, frozensets and reduce-built objects that have begun but
  // not yet reached their memo PUT. Meeting one again is CPython's recursive
  // case (POP/POP_MARK then GET). It can be met again while open as often as
  // there are containers memoized before their items (lists, dicts, sets,
  // instances) on the ways back to it, each stopping one round; with none on
  // the way, CPython recurses until RecursionError and the count grows
  // without end. Past kMaxOpenSaves brine fails instead of looping (a legit
  // graph that deep is also past CPython's recursion limit).
  static constexpr int kMaxOpenSaves = 200;
  absl::Status EnterSave(Value value, MemoWriter::Entry& entry);
  static void LeaveSave(MemoWriter::Entry& entry) {
    if (entry.open_saves > 0) --entry.open_saves;
  }

  // pickler_reduce.cc: everything saved through globals and reduce calls.
  absl::Status SaveGlobal(Value global);
  // EXT1/EXT2/EXT4 for `code` (module.qualname names it in errors).
  absl::Status WriteExtension(int64_t code, std::string_view module, std::string_view qualname);
  absl::Status SaveInstance(Value instance);
  absl::Status SaveReduce(Value reduce);
  absl::Status SaveBoundMethod(Value method);
  absl::Status SavePersistentId(Value persistent_id);
  absl::Status SaveBuffer(Value buffer);
  absl::Status SaveBytesBelowProtocol3(Value bytes);
  Value Latin1Str(std::string_view data);
  absl::Status SaveByteArrayBelowProtocol5(Value bytearray);
  absl::Status SaveComplex(Value complex);
  // Pushes save(callable), save(args), `op` and the end-of-reduce check for
  // `object` (the order CPython's save_reduce writes them).
  void PushReduce(Value callable, Value args, Op op, Value object, bool items_in_args = false);
  // cls.__new__(cls, *args, **kwargs) at protocol 2+ (NEWOBJ, NEWOBJ_EX, or
  // the functools.partial form CPython uses for keyword arguments at 2 and 3).
  void PushNewObject(Value cls, Value args, Value kwargs, Value object);
  absl::Status EndReduce(const Task& task);

  // Scratch objects, in a Heap made on first use in each pickle.
  Heap& scratch();
  Value InternGlobal(std::string_view module, std::string_view qualname);
  // The str objects CPython's names are made of. Equal names of one kind are
  // one object (interned identifiers); the kinds stay apart because CPython's
  // module names, builtin functions' module name and identifiers usually are
  // different objects even when equal (module 'datetime', class 'datetime').
  enum class NameKind : uint8_t { kModule, kBuiltinFunctionModule, kIdentifier };
  Value NameStr(std::string_view text, NameKind kind);
  Value ScratchTuple(std::initializer_list<Value> items);
  Value EmptyTuple();

  const EncodeOptions& options_;
  const int protocol_;
  OutputBuffer out_;
  MemoWriter memo_;
  std::vector<Task> stack_;
  // The item a frame was suspended for, saved next by Dump's loop.
  Value pending_;
  bool has_pending_ = false;
  std::optional<Heap> scratch_;
  absl::flat_hash_map<std::string, Value> globals_;
  absl::flat_hash_map<const Object*, Value> global_keys_;  // each Global seen -> its interned Global
  // Scratch strs whose text is a bytes object's data read as Latin-1
  // (SaveBytesBelowProtocol3 at protocols 1 and 2): SaveStr converts it
  // straight into the output (WriteLatin1AsStr). The lowest and highest of
  // their addresses screen the lookup (IsLatin1Str), so that the other strs
  // cost two compares, not a hash: the lookup was 12% of encoding bm_dict
  // at protocol 2, one bytes value among 53 strs.
  absl::flat_hash_set<const Object*> latin1_strs_;
  uintptr_t latin1_lowest_ = UINTPTR_MAX;
  uintptr_t latin1_highest_ = 0;
  absl::flat_hash_map<std::pair<std::string, NameKind>, Value> names_;
};

}  // namespace brine

#endif  // BRINE_CODEC_PICKLER_H_

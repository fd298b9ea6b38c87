// Pickler: the encoder's engine, walking a value graph with an explicit work
// stack (never the native stack) and writing the opcodes CPython 3.11's C
// pickler writes for the same objects, in the same order, with the same memo
// indices and frame boundaries. Internal to codec/encoder.cc; use Encode().
//
// Each step of CPython's recursive save() becomes a Task. A Task either saves
// one value or finishes something a previous task started (closes a tuple,
// checks a reduce for recursion, writes the next batch of list items...), so
// tasks are pushed in reverse order of execution.
//
// Memo keys follow CPython's identities (see MemoKey).
//
// Built-in kinds CPython pickles through a reduce tuple below some protocol
// (bytes, bytearray, set, frozenset, complex, bound methods, copyreg
// reconstruction of instances, nested globals) are rewritten into the same
// reduce calls with helper objects allocated in a scratch Heap. Globals are
// memoized by name, as CPython memoizes the one class object a name refers
// to; the name strings STACK_GLOBAL and bound methods use are memoized by
// content, as CPython's interned identifiers are (see NameStr).
#ifndef BRINE_CODEC_PICKLER_H_
#define BRINE_CODEC_PICKLER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "brine/codec/encoder.h"
#include "brine/codec/memo_writer.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/output_buffer.h"
#include "brine/value/heap.h"
#include "brine/value/string_views.h"
#include "brine/value/value.h"

namespace brine {

// Debian's Abseil has its own string_view; StrCat and hash lookups want it.

class Pickler {
 public:
  // `options.protocol` must already be in 0..5.
  Pickler(const EncodeOptions& options, OutputBuffer& out);

  // Writes the whole pickle of `root`: PROTO, the object, STOP, last frame.
  absl::Status Dump(Value root);

 private:
  enum class Step : uint8_t {
    kSave,            // save(value)
    kWriteOp,         // write the single opcode `op`
    kMemoPut,         // memoize `value`
    kTupleEnd,        // after a tuple's items: recursion check, TUPLE*, memo
    kFrozenSetEnd,    // after a frozenset's items: recursion check, FROZENSET, memo
    kReduceEnd,       // after REDUCE/NEWOBJ/NEWOBJ_EX: recursion check, memo, items, state
    kExactListItems,  // batch_list_exact over a List
    kExactDictItems,  // batch_dict_exact over a Dict
    kSetItems,        // the ADDITEMS batches of a Set
    kListItems,       // batch_list over `items[0..size)`
    kDictItems,       // batch_dict over `pairs[0..size)`
  };
  struct Task {
    Step step;
    Op op = Op::kStop;
    // kReduceEnd: the list/dict items already went into the reconstructor's
    // arguments. kListItems/kDictItems: a MARK batch is open.
    bool flag = false;
    Value value;
    size_t position = 0;
    const Value* items = nullptr;
    const std::pair<Value, Value>* pairs = nullptr;
    size_t size = 0;
  };

  absl::Status Run(const Task& task);
  void Push(Task task) { stack_.push_back(task); }
  void PushSave(Value value) { Push({.step = Step::kSave, .value = value}); }
  void PushOp(Op op) { Push({.step = Step::kWriteOp, .op = op}); }
  void WriteOp(Op op) { out_.WriteByte(static_cast<uint8_t>(op)); }

  // pickler.cc: dispatch, atoms, containers.
  absl::Status Save(Value value);
  // None, bools, ints, floats: written on the spot, never memoized.
  static bool IsAtom(Value value);
  absl::Status SaveAtom(Value value);
  absl::Status SaveTuple(Value tuple);
  absl::Status SaveList(Value list);
  absl::Status SaveDict(Value dict);
  absl::Status SaveSet(Value set);
  absl::Status SaveFrozenSet(Value set);
  absl::Status EndTuple(const Task& task);
  absl::Status EndFrozenSet(const Task& task);
  absl::Status NextExactListItem(const Task& task);
  absl::Status NextExactDictItem(const Task& task);
  absl::Status NextSetItem(const Task& task);
  void NextListItem(const Task& task);
  void NextDictItem(const Task& task);
  // The memo key of an object: itself; for a Global, the interned Global of
  // its name; for the str and bytes CPython keeps single instances of ('',
  // one-character str below U+0100, b'', one-byte bytes), one key per content.
  const void* MemoKey(Value value);

  // pickler_reduce.cc: everything saved through globals and reduce calls.
  absl::Status SaveGlobal(Value global, const void* key);
  absl::Status SaveInstance(Value instance);
  absl::Status SaveReduce(Value reduce);
  absl::Status SaveBoundMethod(Value method);
  absl::Status SavePersistentId(Value persistent_id);
  absl::Status SaveBuffer(Value buffer, const void* key);
  absl::Status SaveBytesBelowProtocol3(Value bytes);
  absl::Status SaveByteArrayBelowProtocol5(Value bytearray);
  absl::Status SaveComplex(Value complex);
  // Pushes save(callable), save(args), `op` and the end-of-reduce check for
  // `object` (the order CPython's save_reduce writes them).
  void PushReduce(Value callable, Value args, Op op, Value object, bool items_in_args = false);
  // cls.__new__(cls, *args, **kwargs) at protocol 2+ (NEWOBJ, NEWOBJ_EX, or
  // the functools.partial form CPython uses for keyword arguments at 2 and 3).
  void PushNewObject(Value cls, Value args, Value kwargs, Value object);
  absl::Status EndReduce(const Task& task);
  // Saves of tuples, frozensets and reduce-built objects that have begun but
  // not yet reached their memo PUT. Meeting one again is CPython's recursive
  // case (POP/POP_MARK then GET); meeting it a third time means nothing on
  // the way back to it can ever be memoized, where CPython would recurse until
  // RecursionError: brine fails instead of looping.
  absl::Status EnterSave(Value value);
  void LeaveSave(Value value);

  // Scratch objects.
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
  OutputBuffer& out_;
  MemoWriter memo_;
  std::vector<Task> stack_;
  absl::flat_hash_map<const Object*, int> open_saves_;
  Heap scratch_;
  absl::flat_hash_map<std::string, Value> globals_;
  absl::flat_hash_map<const Object*, const void*> global_keys_;  // MemoKey of each Global seen
  // Keys standing for CPython's singleton str/bytes objects, one per content,
  // indexed by the content's bytes (see MemoKey): their addresses are the keys.
  char empty_str_key_ = 0;
  std::array<char, 256> one_byte_str_keys_{};
  std::array<std::array<char, 256>, 2> two_byte_str_keys_{};  // [lead byte 0xC2/0xC3][second byte]
  char empty_bytes_key_ = 0;
  std::array<char, 256> one_byte_bytes_keys_{};
  absl::flat_hash_map<std::pair<std::string, NameKind>, Value> names_;
};

}  // namespace brine

#endif  // BRINE_CODEC_PICKLER_H_

// The unpickling machine behind Decode (codec/decoder.h): an iterative stack
// machine with a MARK stack and a memo, one Load* function per opcode as
// CPython's _pickle.c has one load_* per opcode. Meaning follows
// pickle._Unpickler, what is refused follows the C unpickler.
//
// Two drivers call the Load* functions. RunBuffer is the fast path over one
// contiguous buffer: it switches on the opcode byte, reads the common binary
// opcodes' arguments inline and hands everything else (and every malformed
// argument, so errors are worded in one place) to the opcode reader. Run
// takes any input that yields Instructions (the stream window); Execute
// dispatches one Instruction to its Load*. Each Load* takes the opcode's
// decoded argument, so it does not care where the bytes came from. Errors
// read "<OPNAME> at offset <N>: <what>".
//
// One Unpickler may decode many pickles (Reset between them): its stacks,
// memo and name table keep their capacity.
//
// Internal to the decoder target; use Decode/DecodeStream/DecodeFile.
#ifndef BRINE_CODEC_UNPICKLER_H_
#define BRINE_CODEC_UNPICKLER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "brine/codec/builtin_module_names.h"
#include "brine/codec/decode_memo.h"
#include "brine/codec/decoder.h"
#include "brine/codec/opcode_reader.h"
#include "brine/codec/text_codecs.h"
#include "brine/codec/unpickler_stack.h"
#include "brine/value/equality.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

class Unpickler {
 public:
  // `options` must outlive the Unpickler. Its contents may change between
  // pickles: Reset reads them anew.
  explicit Unpickler(const DecodeOptions& options);

  // Starts a new pickle whose objects go to `heap`, keeping capacity.
  void Reset(Heap& heap);

  // The bytes of storage kept between pickles (stacks, memo, name tables).
  size_t retained_bytes() const;

  // Runs the machine over `data` up to STOP; the value STOP pops. With
  // `borrow`, str and bytes values point into `data`.
  absl::StatusOr<Value> RunBuffer(std::string_view data, bool borrow);

  // Runs the machine over `input` up to STOP; the value STOP pops. Input
  // has Start(), Next(Instruction&), argument_outlives_document(),
  // BytesLeft(n) and Finish() (StreamInput).
  template <typename Input>
  absl::StatusOr<Value> Run(Input& input);

 private:
  // RunBuffer's fallback for one opcode: read by the opcode reader, then
  // Execute. Returns the offset of the next opcode.
  absl::StatusOr<size_t> ExecuteSlow(std::string_view data, size_t offset);
  // The opcode about to run, for error messages.
  void Begin(Op op, size_t offset) {
    op_ = op;
    op_offset_ = offset;
  }
  // One opcode's effect: calls its Load*.
  absl::Status Execute(const Instruction& in);
  // A FRAME's declared length checked against what the input has left.
  template <typename Input>
  absl::Status CheckFrame(Input& input, uint64_t length);
  // The limits on the stack's size and the heap's bytes, checked after each
  // opcode: the stack and the heap raise growth_exceeded_ as they pass them.
  absl::Status CheckGrowth() {
    if (growth_exceeded_) [[unlikely]] return GrowthExceeded();
    return absl::OkStatus();
  }
  // Has the heap raise growth_exceeded_ past max_total_bytes until the
  // returned object goes (a run's end: the heap may outlive the Unpickler).
  auto WatchHeapGrowth() {
    heap_->WatchBytes(limits_.max_total_bytes, &growth_exceeded_);
    return absl::Cleanup([heap = heap_] { heap->WatchBytes(0, nullptr); });
  }
  // CheckGrowth's error (cold).
  absl::Status GrowthExceeded();

  // ---- one Load* per opcode (unpickler.cc: framing, stack, memo) ----
  absl::Status LoadProto(int64_t version);
  absl::Status LoadStop();
  absl::Status LoadMark();
  absl::Status LoadPop();
  absl::Status LoadPopMark();
  absl::Status LoadDup();
  absl::Status LoadPutText(std::string_view digits);  // PUT
  absl::Status LoadGetText(std::string_view digits);  // GET
  absl::Status LoadPut(int64_t key);                  // BINPUT, LONG_BINPUT
  absl::Status LoadGet(int64_t key);                  // BINGET, LONG_BINGET
  absl::Status LoadMemoize();
  // RunBuffer's MEMOIZE or BINPUT right after an opcode that pushed a
  // value (CPython writes one after nearly every str and container), run in
  // the same step as that opcode to save its dispatch: `at` is the offset of
  // the next opcode, moved past the put when there is one.
  absl::Status PutIfNext(std::string_view data, size_t& at);

  // ---- unpickler_scalars.cc ----
  absl::Status LoadNone();
  absl::Status LoadBool(bool value);  // NEWTRUE, NEWFALSE
  absl::Status LoadIntText(std::string_view text);   // INT
  absl::Status LoadLongText(std::string_view text);  // LONG
  absl::Status LoadBinInt(int64_t value);            // BININT, BININT1, BININT2
  absl::Status LoadLongBytes(std::string_view twos_complement);  // LONG1, LONG4
  absl::Status LoadFloatText(std::string_view text);  // FLOAT
  absl::Status LoadBinFloat(double value);
  // STRING: `line_length` counts the line's characters, quotes included.
  absl::Status LoadString(std::string_view quoted_body, size_t line_length);
  absl::Status LoadBinString(std::string_view data);     // BINSTRING, SHORT_BINSTRING
  absl::Status LoadUnicode(std::string_view raw_escaped);  // UNICODE
  absl::Status LoadBinUnicode(std::string_view utf8);    // SHORT_BINUNICODE, BINUNICODE(8)
  absl::Status LoadBinBytes(std::string_view data);      // SHORT_BINBYTES, BINBYTES(8)
  absl::Status LoadByteArray8(std::string_view data);
  absl::Status LoadNextBuffer();
  absl::Status LoadReadOnlyBuffer();

  // ---- unpickler_containers.cc ----
  absl::Status LoadEmptyList();
  absl::Status LoadEmptyDict();
  absl::Status LoadEmptySet();
  absl::Status LoadEmptyTuple();
  absl::Status LoadTupleN(size_t count);  // TUPLE1, TUPLE2, TUPLE3
  absl::Status LoadTuple();
  absl::Status LoadList();
  absl::Status LoadDict();
  absl::Status LoadFrozenSet();
  absl::Status LoadAppend();
  absl::Status LoadAppends();
  absl::Status LoadSetItem();
  absl::Status LoadSetItems();
  absl::Status LoadAddItems();

  // ---- unpickler_objects.cc ----
  absl::Status LoadGlobal(std::string_view module, std::string_view name);
  absl::Status LoadStackGlobal();
  absl::Status LoadExt(int64_t code);  // EXT1, EXT2, EXT4
  absl::Status LoadPersId(std::string_view pid);
  absl::Status LoadBinPersId();
  absl::Status LoadReduce();
  absl::Status LoadNewObj();
  absl::Status LoadNewObjEx();
  absl::Status LoadInst(std::string_view module, std::string_view name);
  absl::Status LoadObj();
  absl::Status LoadBuild();

  // ---- errors ----
  // "<OPNAME> at offset <N>: <what>" for the opcode being executed.
  absl::Status Fail(std::string_view what) const;
  absl::Status LimitExceeded(std::string_view what) const;
  absl::Status FailWith(const absl::Status& cause) const;
  // "cannot <action> <type name>" for a target of the wrong kind.
  absl::Status FailOnKind(std::string_view action, Value target) const;

  // Refuses to copy `bytes` more bytes into the heap past max_total_bytes.
  // Up to kWatchedAllocationBytes pass unchecked: the heap raises
  // growth_exceeded_ when one takes it past the limit, which CheckGrowth
  // reports after the same opcode; only a larger copy must be refused before
  // it is made.
  static constexpr size_t kWatchedAllocationBytes = 4096;
  absl::Status CheckAllocation(size_t bytes) const {
    if (bytes <= kWatchedAllocationBytes) return absl::OkStatus();
    const size_t used = heap_->bytes_allocated();
    if (bytes > limits_.max_total_bytes || used > limits_.max_total_bytes - bytes) {
      return AllocationRefused(bytes);
    }
    return absl::OkStatus();
  }
  // CheckAllocation's error (cold).
  absl::Status AllocationRefused(size_t bytes) const;
  // The errors of the inline MARK and memo opcodes, out of line (cold) so
  // that building their messages does not weigh on every MEMOIZE's frame.
  absl::Status MarksTooDeep() const;
  absl::Status NegativeMemoKey(int64_t key) const;
  absl::Status MemoFull() const;
  absl::Status MemoKeyNotFound(int64_t key) const;

  // ---- the stack (unpickler.cc) ----
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
  absl::StatusOr<size_t> InnermostMark() const {
    if (marks_.empty()) [[unlikely]] return NoMark();
    return marks_.back();
  }
  // InnermostMark's and TargetBelowMark's errors (cold).
  absl::Status NoMark() const;
  absl::Status NothingBelowMark() const;
  // The values above the MARK at `mark`.
  std::span<const Value> ItemsAbove(size_t mark) const {
    return std::span<const Value>(stack_.data() + mark, stack_.size() - mark);
  }
  // Drops everything from the innermost MARK up, and the MARK.
  void PopMark() {
    stack_.truncate(marks_.back());
    marks_.pop_back();
  }
  // Replaces the items above the innermost MARK, and the MARK, by `result`.
  void ReplaceMarkedItems(Value result) {
    PopMark();
    stack_.push_back(result);
  }
  // The object a MARK-terminated APPENDS/SETITEMS/ADDITEMS applies to: the
  // value just below the innermost MARK, within the enclosing MARK's reach.
  absl::StatusOr<Value> TargetBelowMark(size_t mark) const {
    const size_t enclosing_fence = marks_.size() >= 2 ? marks_[marks_.size() - 2] : 0;
    if (mark <= enclosing_fence) [[unlikely]] return NothingBelowMark();
    return stack_[mark - 1];
  }

  // ---- effects shared by several opcodes ----
  absl::Status Append(Value target, std::span<const Value> items);
  absl::Status SetItems(Value target, std::span<const Value> key_value_pairs);
  absl::Status AddToSet(Set* set, std::span<const Value> elements);
  absl::Status PushGlobal(std::string_view module, std::string_view name);
  // Unpickler(encoding=, errors=), resolved at the first Python 2 str.
  absl::StatusOr<const StringDecoder*> GetStringDecoder();
  absl::Status PushPythonStr(std::string_view data);
  // A str of `converted` text, or of the input's own bytes when the text
  // needed no conversion (PushInputStr: UTF-8 read as is, borrowed when the
  // argument outlives the document).
  absl::Status PushStr(std::string_view input_text, const ConvertedText& converted);
  absl::Status PushInputStr(std::string_view text);
  absl::Status PushBytesPayload(std::string_view payload, Kind kind);
  absl::Status PushInt(const absl::StatusOr<Value>& value);
  // A float read from the pickle: a fresh object, so a NaN gets a new identity.
  absl::Status PushFloat(double value);
  // The class a NEWOBJ/NEWOBJ_EX/OBJ names, refused when it is plain data.
  absl::Status CheckClass(Value cls) const;
  // NEWOBJ/NEWOBJ_EX's class: also refused when it is a name of builtins,
  // copyreg or _codecs that is not a class (OBJ calls what it is given).
  absl::Status CheckNewObjClass(Value cls) const;
  // The builtins/copyreg/_codecs table entry `value` names, if it is such a Global.
  const BuiltinModuleName* KnownBuiltinName(Value value) const;

  const DecodeOptions& options_;
  const DecodeLimits& limits_;
  Heap* heap_ = nullptr;
  // Whether the hooks refuse some names: each new global name is then
  // checked at the opcode naming it.
  bool checks_policy_ = false;
  // The opcode being executed and its offset.
  Op op_ = Op::kStop;
  size_t op_offset_ = 0;
  // Whether the current argument's text outlives the Document (so values may
  // point into it instead of copying it).
  bool borrow_argument_ = false;

  UnpicklerStack<Value> stack_;
  UnpicklerStack<size_t> marks_;  // stack_ sizes at each open MARK
  DecodeMemo memo_;
  int protocol_ = 0;
  uint64_t next_buffer_ = 0;
  // The identity of the last NaN read (Value::Float(d, identity)).
  uint32_t last_nan_identity_ = 0;
  // One Global per (module, name): "module\nname" -> Global.
  absl::flat_hash_map<std::string, Value> globals_;
  // The table entry of each Global above that names something of builtins,
  // copyreg or _codecs, found once when the Global is made, so REDUCE and
  // NEWOBJ ask a pointer-keyed map instead of comparing names.
  absl::flat_hash_map<const Global*, const BuiltinModuleName*> builtin_globals_;
  // KnownBuiltinName's last answer: a pool of tasks calls one memoized
  // global (getattr) again and again.
  mutable const Global* last_looked_up_global_ = nullptr;
  mutable const BuiltinModuleName* last_looked_up_name_ = nullptr;
  // KeyHashes of the large tuples and frozensets this pickle built (immutable
  // and alive for the whole decode), so that one met again as a set element
  // or dict key is not hashed again.
  KeyHashCache key_hashes_;
  std::string global_key_;
  std::optional<StringDecoder> string_decoder_;
  bool stopped_ = false;
  // Set by stack_ and the heap when they pass their limits (CheckGrowth).
  bool growth_exceeded_ = false;
};

template <typename Input>
absl::Status Unpickler::CheckFrame(Input& input, uint64_t length) {
  absl::StatusOr<std::optional<uint64_t>> left = input.BytesLeft(length);
  if (!left.ok()) return left.status();
  if (*left && length > **left) {
    return Fail(absl::StrCat("frame length ", length, " exceeds the ", **left, " bytes left"));
  }
  return absl::OkStatus();
}

template <typename Input>
absl::StatusOr<Value> Unpickler::Run(Input& input) {
  auto stop_watching = WatchHeapGrowth();
  if (absl::Status start = input.Start(); !start.ok()) return start;
  Instruction in;
  while (!stopped_) {
    if (absl::Status read = input.Next(in); !read.ok()) return read;
    Begin(in.info->op, in.offset);
    borrow_argument_ = input.argument_outlives_document();
    if (in.info->op == Op::kFrame) {
      if (absl::Status frame = CheckFrame(input, in.arg.unsigned_integer); !frame.ok()) return frame;
    }
    if (absl::Status done = Execute(in); !done.ok()) return done;
    if (absl::Status within = CheckGrowth(); !within.ok()) return within;
  }
  input.Finish();
  return stack_.back();
}

}  // namespace brine

#endif  // BRINE_CODEC_UNPICKLER_H_

// The Unpickler's dispatch, its stack and limits, and the opcodes of framing,
// stack manipulation and the memo (see unpickler.h).
#include "brine/codec/unpickler.h"
#include "brine/codec/unpickler_inline.h"

#include "brine/codec/unpickler_numbers.h"
#include "brine/value/string_views.h"

namespace brine {

Unpickler::Unpickler(const DecodeOptions& options)
    : options_(options), limits_(options.limits) {}

void Unpickler::Reset(Heap& heap) {
  heap_ = &heap;
  checks_policy_ = options_.hooks != nullptr && options_.hooks->RestrictsGlobalNames();
  string_decoder_.reset();
  Begin(Op::kStop, 0);
  borrow_argument_ = false;
  stack_.clear();
  marks_.clear();
  memo_.Clear();
  key_hashes_.clear();
  protocol_ = 0;
  next_buffer_ = 0;
  last_nan_identity_ = 0;
  globals_.clear();
  builtin_globals_.clear();
  last_looked_up_global_ = nullptr;
  stopped_ = false;
  growth_exceeded_ = false;
  stack_.set_limit(limits_.max_stack_size, &growth_exceeded_);
}

size_t Unpickler::retained_bytes() const {
  return stack_.capacity() * sizeof(Value) + marks_.capacity() * sizeof(size_t) + memo_.retained_bytes() +
         globals_.capacity() * (sizeof(std::string) + sizeof(Value)) +
         builtin_globals_.capacity() * (sizeof(const Global*) + sizeof(const BuiltinModuleName*)) +
         key_hashes_.capacity() * (sizeof(const Object*) + sizeof(uint64_t));
}

absl::Status Unpickler::Execute(const Instruction& in) {
  const OpcodeArg& arg = in.arg;
  switch (in.info->op) {
    case Op::kProto: return LoadProto(arg.integer);
    case Op::kFrame: return absl::OkStatus();  // Run checked its length against the input
    case Op::kStop: return LoadStop();
    case Op::kMark: return LoadMark();
    case Op::kPop: return LoadPop();
    case Op::kPopMark: return LoadPopMark();
    case Op::kDup: return LoadDup();
    case Op::kNone: return LoadNone();
    case Op::kNewTrue: return LoadBool(true);
    case Op::kNewFalse: return LoadBool(false);
    case Op::kInt: return LoadIntText(arg.text);
    case Op::kLong: return LoadLongText(arg.text);
    case Op::kBinInt:
    case Op::kBinInt1:
    case Op::kBinInt2: return LoadBinInt(arg.integer);
    case Op::kLong1:
    case Op::kLong4: return LoadLongBytes(arg.text);
    case Op::kFloat: return LoadFloatText(arg.text);
    case Op::kBinFloat: return LoadBinFloat(arg.floating);
    case Op::kString: return LoadString(arg.text, in.end - in.offset - 2);  // less opcode and "\n"
    case Op::kBinString:
    case Op::kShortBinString: return LoadBinString(arg.text);
    case Op::kUnicode: return LoadUnicode(arg.text);
    case Op::kShortBinUnicode:
    case Op::kBinUnicode:
    case Op::kBinUnicode8: return LoadBinUnicode(arg.text);
    case Op::kBinBytes:
    case Op::kShortBinBytes:
    case Op::kBinBytes8: return LoadBinBytes(arg.text);
    case Op::kByteArray8: return LoadByteArray8(arg.text);
    case Op::kNextBuffer: return LoadNextBuffer();
    case Op::kReadOnlyBuffer: return LoadReadOnlyBuffer();
    case Op::kEmptyList: return LoadEmptyList();
    case Op::kEmptyDict: return LoadEmptyDict();
    case Op::kEmptySet: return LoadEmptySet();
    case Op::kEmptyTuple: return LoadEmptyTuple();
    case Op::kTuple1: return LoadTupleN(1);
    case Op::kTuple2: return LoadTupleN(2);
    case Op::kTuple3: return LoadTupleN(3);
    case Op::kTuple: return LoadTuple();
    case Op::kList: return LoadList();
    case Op::kDict: return LoadDict();
    case Op::kFrozenSet: return LoadFrozenSet();
    case Op::kAppend: return LoadAppend();
    case Op::kAppends: return LoadAppends();
    case Op::kSetItem: return LoadSetItem();
    case Op::kSetItems: return LoadSetItems();
    case Op::kAddItems: return LoadAddItems();
    case Op::kPut: return LoadPutText(arg.text);
    case Op::kGet: return LoadGetText(arg.text);
    case Op::kBinPut:
    case Op::kLongBinPut: return LoadPut(arg.integer);
    case Op::kBinGet:
    case Op::kLongBinGet: return LoadGet(arg.integer);
    case Op::kMemoize: return LoadMemoize();
    case Op::kGlobal: return LoadGlobal(arg.text, arg.text2);
    case Op::kStackGlobal: return LoadStackGlobal();
    case Op::kExt1:
    case Op::kExt2:
    case Op::kExt4: return LoadExt(arg.integer);
    case Op::kPersId: return LoadPersId(arg.text);
    case Op::kBinPersId: return LoadBinPersId();
    case Op::kReduce: return LoadReduce();
    case Op::kNewObj: return LoadNewObj();
    case Op::kNewObjEx: return LoadNewObjEx();
    case Op::kInst: return LoadInst(arg.text, arg.text2);
    case Op::kObj: return LoadObj();
    case Op::kBuild: return LoadBuild();
  }
  return Fail("opcode not understood");
}

absl::Status Unpickler::GrowthExceeded() {
  if (stack_.size() > limits_.max_stack_size) {
    return LimitExceeded(absl::StrCat("more than max_stack_size (", limits_.max_stack_size, ") values on the stack"));
  }
  if (heap_->bytes_allocated() > limits_.max_total_bytes) {
    return LimitExceeded(
        absl::StrCat("the document takes more than max_total_bytes (", limits_.max_total_bytes, ") bytes"));
  }
  // The stack passed its limit inside the opcode and came back under it:
  // watch it again.
  growth_exceeded_ = false;
  stack_.set_limit(limits_.max_stack_size, &growth_exceeded_);
  return absl::OkStatus();
}

absl::Status Unpickler::Fail(std::string_view what) const {
  return OpcodeError(*FindOpcode(static_cast<uint8_t>(op_)), op_offset_, what);
}

absl::Status Unpickler::LimitExceeded(std::string_view what) const {
  return absl::ResourceExhaustedError(Fail(what).message());
}

absl::Status Unpickler::FailWith(const absl::Status& cause) const { return Fail(FromAbsl(cause.message())); }

absl::Status Unpickler::FailOnKind(std::string_view action, Value target) const {
  return Fail(absl::StrCat("cannot ", ToAbsl(action), " ", ToAbsl(KindName(target.kind()))));
}

absl::Status Unpickler::AllocationRefused(size_t bytes) const {
  return LimitExceeded(absl::StrCat("allocating ", bytes, " more bytes would exceed max_total_bytes (",
                                    limits_.max_total_bytes, "); ", heap_->bytes_allocated(), " bytes in use"));
}

absl::Status Unpickler::MarksTooDeep() const {
  return LimitExceeded(absl::StrCat("MARKs nested deeper than max_mark_depth (", limits_.max_mark_depth, ")"));
}

absl::Status Unpickler::NegativeMemoKey(int64_t key) const { return Fail(absl::StrCat("negative memo key ", key)); }

absl::Status Unpickler::MemoFull() const {
  return LimitExceeded(absl::StrCat("more than max_memo_entries (", limits_.max_memo_entries, ") memo entries"));
}

absl::Status Unpickler::MemoKeyNotFound(int64_t key) const {
  return Fail(absl::StrCat("memo key ", key, " not found"));
}

absl::Status Unpickler::StackUnderflow() const {
  if (!marks_.empty() && stack_.size() == marks_.back()) {
    return Fail("stack underflow: nothing above the innermost MARK");
  }
  return Fail("stack underflow");
}

absl::Status Unpickler::NoMark() const { return Fail("no MARK on the stack"); }

absl::Status Unpickler::NothingBelowMark() const { return Fail("stack underflow: no object below the MARK"); }

absl::Status Unpickler::LoadProto(int64_t version) {
  if (version > 5) return Fail(absl::StrCat("unsupported pickle protocol: ", version));
  protocol_ = static_cast<int>(version);
  return absl::OkStatus();
}

absl::Status Unpickler::LoadStop() {
  if (absl::Status top = Need(1); !top.ok()) return top;
  stopped_ = true;
  return absl::OkStatus();
}

absl::Status Unpickler::LoadPop() {
  if (stack_.size() > Fence()) {
    stack_.pop_back();
  } else if (!marks_.empty()) {
    marks_.pop_back();  // POP on an empty MARK level discards the MARK, as CPython does
  } else {
    return StackUnderflow();
  }
  return absl::OkStatus();
}

absl::Status Unpickler::LoadPopMark() {
  if (absl::Status mark = InnermostMark().status(); !mark.ok()) return mark;
  PopMark();
  return absl::OkStatus();
}

absl::Status Unpickler::LoadDup() {
  if (absl::Status top = Need(1); !top.ok()) return top;
  stack_.push_back(stack_.back());
  return absl::OkStatus();
}

absl::Status Unpickler::LoadPutText(std::string_view digits) {
  if (digits.empty()) return Fail("pickle data was truncated");
  absl::StatusOr<int64_t> key = UnpicklerMemoKeyFromText(digits);
  if (!key.ok()) return FailWith(key.status());
  return LoadPut(*key);
}

absl::Status Unpickler::LoadGetText(std::string_view digits) {
  if (digits.empty()) return Fail("pickle data was truncated");
  absl::StatusOr<int64_t> key = UnpicklerMemoKeyFromText(digits);
  if (!key.ok()) return FailWith(key.status());
  return LoadGet(*key);
}

}  // namespace brine

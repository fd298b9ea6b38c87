// Disassemble (see disassembler.h): an OpcodeHandler that formats each opcode
// the way pickletools.dis does and emulates its stack, mark and memo checks.
#include "brine/codec/disassembler.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "brine/codec/dis_argument.h"
#include "brine/codec/opcode_visitor.h"
#include "brine/codec/opcodes.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

bool IsPut(Op op) { return op == Op::kPut || op == Op::kBinPut || op == Op::kLongBinPut || op == Op::kMemoize; }
bool IsGet(Op op) { return op == Op::kGet || op == Op::kBinGet || op == Op::kLongBinGet; }

// repr(opcode.code)[1:-1]: the character itself, or \xNN above ASCII.
std::string CodeColumn(Op op) {
  uint8_t code = static_cast<uint8_t>(op);
  return code < 0x80 ? std::string(1, static_cast<char>(code)) : absl::StrFormat("\\x%02x", code);
}

// pickletools' memo: a dict keyed by Python ints (given as canonical decimal
// text), mapping to the StackObject name stored. Keys that fit int64 (every
// binary PUT/GET and MEMOIZE) are kept as integers, which is what keeps a
// million MEMOIZEs quick: those below twice the entry count (plus 1024), as
// picklers number them, in a vector, others in a map; longer ones as text.
class DisMemo {
 public:
  const std::string_view* Find(const std::string& key) const {
    int64_t number;
    if (absl::SimpleAtoi(key, &number)) return Find(number);
    auto found = large_.find(key);
    return found == large_.end() ? nullptr : &found->second;
  }
  const std::string_view* Find(int64_t key) const {
    if (key >= 0 && static_cast<uint64_t>(key) < dense_.size() && dense_[key].data() != nullptr) {
      return &dense_[key];
    }
    auto found = sparse_.find(key);
    return found == sparse_.end() ? nullptr : &found->second;
  }
  void Set(const std::string& key, std::string_view item) {
    int64_t number;
    if (absl::SimpleAtoi(key, &number)) {
      Set(number, item);
    } else {
      large_[key] = item;
    }
  }
  // `item` must not be a null view (a free dense slot is one).
  void Set(int64_t key, std::string_view item) {
    if (key >= 0 && static_cast<uint64_t>(key) < 2 * size() + 1024) {
      if (static_cast<uint64_t>(key) >= dense_.size()) dense_.resize(key + 1);
      dense_count_ += dense_[key].data() == nullptr ? 1 : 0;
      dense_[key] = item;
    } else {
      sparse_[key] = item;
    }
  }
  size_t size() const { return dense_count_ + sparse_.size() + large_.size(); }

 private:
  std::vector<std::string_view> dense_;
  size_t dense_count_ = 0;
  absl::flat_hash_map<int64_t, std::string_view> sparse_;
  absl::flat_hash_map<std::string, std::string_view> large_;
};

class Disassembler : public OpcodeHandler {
 public:
  Disassembler(TextOutput& output, const DisassembleOptions& options)
      : output_(output), out_(output.buffer()), indent_level_(static_cast<size_t>(std::max(options.indent_level, 0))) {}

  absl::Status OnInstruction(const Instruction& instruction) override {
    absl::StatusOr<DisArgument> argument = ReadDisArgument(instruction);
    if (!argument.ok()) return argument.status();
    const OpcodeInfo& info = *instruction.info;
    auto error = [&](std::string_view what) { return OpcodeError(info, instruction.offset, what); };

    // "%5d: %-4s ": the offset, then the opcode byte padded to four.
    const std::string offset = absl::StrCat(instruction.offset);
    if (offset.size() < 5) out_.append(5 - offset.size(), ' ');
    absl::StrAppend(&out_, offset, ": ");
    std::string line = CodeColumn(info.op);
    line.append(line.size() < 4 ? 5 - line.size() : 1, ' ');
    line.append(marks_.size() * indent_level_, ' ');
    line += info.name;
    max_protocol_ = std::max(max_protocol_, info.protocol);

    const StackItems before = info.stack_before;
    std::vector<std::string_view>& after = after_;  // reused: no allocation per opcode
    after.assign(info.stack_after.begin(), info.stack_after.end());
    size_t to_pop = before.size();
    std::string note;        // pickletools' markmsg
    std::string error_text;  // pickletools' errormsg, raised after the line

    auto mark_in_before = std::find(before.begin(), before.end(), kMarkItem);
    bool pops_mark = mark_in_before != before.end() ||
                     (info.op == Op::kPop && !stack_.empty() && stack_.back() == kMarkItem);
    if (pops_mark) {
      if (!marks_.empty()) {
        note = absl::StrCat("(MARK at ", marks_.back(), ")");
        marks_.pop_back();
        while (!stack_.empty() && stack_.back() != kMarkItem) stack_.pop_back();
        // pickletools indexes stack[-1] here and raises IndexError when a
        // mark it recorded was already popped as an ordinary item.
        if (stack_.empty()) return error("list index out of range");
        stack_.pop_back();
        to_pop = mark_in_before != before.end() ? mark_in_before - before.begin() : 0;
      } else {
        error_text = note = "no MARK exists on stack";
      }
    }

    if (IsPut(info.op)) {
      const bool memoize = info.op == Op::kMemoize;
      const int64_t next_index = static_cast<int64_t>(memo_.size());
      if (memoize) note = absl::StrCat("(as ", next_index, ")");
      if ((memoize ? memo_.Find(next_index) : memo_.Find(argument->memo_key)) != nullptr) {
        error_text = absl::StrCat("memo key ", argument->present ? argument->repr : "None", " already defined");
      } else if (stack_.empty()) {
        error_text = "stack is empty -- can't store into memo";
      } else if (stack_.back() == kMarkItem) {
        error_text = "can't store markobject in the memo";
      } else {
        if (memoize) {
          memo_.Set(next_index, stack_.back());
        } else {
          memo_.Set(argument->memo_key, stack_.back());
        }
      }
    } else if (IsGet(info.op)) {
      const std::string_view* found = memo_.Find(argument->memo_key);
      if (found != nullptr) {
        after.assign(1, *found);
      } else {
        error_text = absl::StrCat("memo key ", argument->repr, " has never been stored into");
      }
    }

    if (argument->present || !note.empty()) {
      if (info.name.size() < 10) line.append(10 - info.name.size(), ' ');
      if (argument->present) {
        // pickletools has printed "%5d: " when repr() raises.
        if (!argument->repr_status.ok()) return argument->repr_status;
        absl::StrAppend(&line, " ", argument->repr);
      }
      if (!note.empty()) absl::StrAppend(&line, " ", note);
    }
    absl::StrAppend(&out_, line, "\n");
    if (!error_text.empty()) return error(error_text);
    if (absl::Status status = output_.Check(); !status.ok()) {
      return absl::Status(status.code(), error(FromAbsl(status.message())).message());
    }

    if (stack_.size() < to_pop) {
      return error(absl::StrFormat("tries to pop %d items from stack with only %d items", to_pop, stack_.size()));
    }
    stack_.resize(stack_.size() - to_pop);
    if (std::find(after.begin(), after.end(), kMarkItem) != after.end()) marks_.push_back(instruction.offset);
    stack_.insert(stack_.end(), after.begin(), after.end());
    return absl::OkStatus();
  }

  // What pickletools does after STOP: the protocol line, then the check that
  // the stack is empty.
  absl::Status Finish(size_t stop_offset) {
    absl::StrAppend(&out_, "highest protocol among opcodes = ", max_protocol_, "\n");
    if (!stack_.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("STOP at offset ", stop_offset, ": stack not empty after STOP: [",
                                                     absl::StrJoin(stack_, ", ", [](std::string* out, std::string_view s) {
                                                       out->append(s);
                                                     }),
                                                     "]"));
    }
    return absl::OkStatus();
  }

 private:
  TextOutput& output_;
  std::string& out_;  // output_'s buffer
  size_t indent_level_;  // blanks per open MARK
  int max_protocol_ = -1;
  std::vector<std::string_view> stack_;  // pickletools' StackObject names
  std::vector<size_t> marks_;            // offsets of the open MARKs
  DisMemo memo_;
  std::vector<std::string_view> after_;  // the current opcode's stack_after
};

}  // namespace

absl::Status Disassemble(std::string_view data, TextOutput::Flush flush, const DisassembleOptions& options) {
  TextOutput output(options.max_output_bytes, flush,
                    absl::StrCat("disassembly longer than the limit of ", options.max_output_bytes,
                                 " bytes (--max-output-bytes); each open MARK indents every later line"));
  Disassembler disassembler(output, options);
  absl::StatusOr<size_t> end = VisitOpcodes(data, disassembler);
  absl::Status status = end.ok() ? disassembler.Finish(*end - 1) : end.status();
  // The text printed before an error stays, as pickletools prints it.
  absl::Status flushed = output.Finish();
  return status.ok() ? flushed : status;
}

absl::Status Disassemble(std::string_view data, std::string& out, const DisassembleOptions& options) {
  return Disassemble(data, StringFlush(out), options);
}

}  // namespace brine

// pickletools.optimize: a first pass records memo stores and fetches, a
// second writes the opcodes back with only the stores that are fetched, the
// way pickle.py's _Pickler and _Framer write them (which frames differently
// from the C pickler: a frame is committed when it reaches 64 KiB at the
// start of any opcode, and an opcode longer than 64 KiB goes out unframed).
#include "brine/codec/optimizer.h"

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "brine/codec/dis_argument.h"
#include "brine/codec/opcode_reader.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/output_buffer.h"

namespace brine {
namespace {

constexpr size_t kFrameSizeMin = 4;
constexpr size_t kFrameSizeTarget = 64 * 1024;

// One opcode of the input as the second pass sees it.
struct Entry {
  enum class Kind : uint8_t { kPut, kGet, kCopy } kind;
  int64_t memo_id = 0;       // kPut, kGet
  size_t begin = 0, end = 0;  // kCopy: the opcode's bytes in the input
  size_t offset = 0;          // for error messages
};

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// The memo id argument of PUT/GET (decimal text) or BINPUT/LONG_BINPUT/
// BINGET/LONG_BINGET (fixed width).
absl::StatusOr<int64_t> MemoId(const Instruction& in) {
  if (!ArgumentOf(in.info->arg).is_text()) return in.arg.integer;
  int64_t id;
  const absl::string_view text(in.arg.text.data(), in.arg.text.size());
  if (!absl::SimpleAtoi(text, &id)) {
    return OpcodeError(*in.info, in.offset, absl::StrCat("memo id '", text, "' is not an integer"));
  }
  return id;
}

// pickle.py's _Framer over the output string.
class Framer {
 public:
  Framer(std::string& out, bool framing) : out_(out), framing_(framing) {}

  void CommitFrame(bool force) {
    if (!framing_) return;
    if (frame_.size() >= kFrameSizeTarget || force) {
      if (frame_.size() >= kFrameSizeMin) {
        out_.push_back(static_cast<char>(Op::kFrame));
        AppendUint64(out_, frame_.size());
      }
      out_ += frame_;
      frame_.clear();
    }
  }
  void Write(std::string_view data) { (framing_ ? frame_ : out_).append(data.data(), data.size()); }
  void WriteUnframed(std::string_view data) { out_.append(data.data(), data.size()); }
  void EndFraming() {
    if (framing_ && !frame_.empty()) CommitFrame(/*force=*/true);
  }

 private:
  std::string& out_;
  const bool framing_;
  std::string frame_;
};

// _Pickler.put / _Pickler.get for a protocol.
std::string MemoOpcode(int protocol, bool put, uint64_t index) {
  std::string op;
  if (put && protocol >= 4) {
    op.push_back(static_cast<char>(Op::kMemoize));
  } else if (protocol >= 1) {
    if (index < 256) {
      op.push_back(static_cast<char>(put ? Op::kBinPut : Op::kBinGet));
      op.push_back(static_cast<char>(index));
    } else {
      op.push_back(static_cast<char>(put ? Op::kLongBinPut : Op::kLongBinGet));
      AppendUint32(op, static_cast<uint32_t>(index));
    }
  } else {
    op.push_back(static_cast<char>(put ? Op::kPut : Op::kGet));
    absl::StrAppend(&op, index, "\n");
  }
  return op;
}

}  // namespace

absl::StatusOr<std::string> Optimize(std::string_view pickle) {
  std::vector<Entry> entries;
  absl::flat_hash_set<int64_t> old_ids;
  absl::flat_hash_map<int64_t, std::optional<uint64_t>> new_ids;  // ids some GET uses
  int protocol = 0;
  std::string_view proto_header;
  size_t position = 0;
  for (bool stopped = false; !stopped;) {
    if (position >= pickle.size()) {
      return absl::InvalidArgumentError(absl::StrCat("at offset ", position, ": pickle exhausted before seeing STOP"));
    }
    absl::StatusOr<Instruction> in = ReadInstruction(pickle, position);
    if (!in.ok()) return in.status();
    // pickletools.optimize parses every argument (genops) before it writes
    // anything; text arguments are the ones the reader leaves unparsed.
    if (ArgumentOf(in->info->arg).is_text()) {
      if (absl::StatusOr<DisArgument> argument = ReadDisArgument(*in); !argument.ok()) return argument.status();
    }
    const std::string_view name = in->info->name;
    if (Contains(name, "PUT")) {
      absl::StatusOr<int64_t> id = MemoId(*in);
      if (!id.ok()) return id.status();
      old_ids.insert(*id);
      entries.push_back({.kind = Entry::Kind::kPut, .memo_id = *id, .offset = in->offset});
    } else if (in->info->op == Op::kMemoize) {
      const int64_t id = static_cast<int64_t>(old_ids.size());
      old_ids.insert(id);
      entries.push_back({.kind = Entry::Kind::kPut, .memo_id = id, .offset = in->offset});
    } else if (in->info->op == Op::kFrame) {
      // Frames are rebuilt.
    } else if (Contains(name, "GET")) {
      protocol = std::max(protocol, in->info->protocol);
      absl::StatusOr<int64_t> id = MemoId(*in);
      if (!id.ok()) return id.status();
      new_ids.try_emplace(*id);
      entries.push_back({.kind = Entry::Kind::kGet, .memo_id = *id, .offset = in->offset});
    } else if (in->info->op == Op::kProto) {
      protocol = std::max(protocol, static_cast<int>(in->arg.integer));
      if (in->offset == 0) {
        proto_header = pickle.substr(in->offset, in->end - in->offset);
      } else {
        entries.push_back({.kind = Entry::Kind::kCopy, .begin = in->offset, .end = in->end, .offset = in->offset});
      }
    } else {
      entries.push_back({.kind = Entry::Kind::kCopy, .begin = in->offset, .end = in->end, .offset = in->offset});
    }
    stopped = in->info->op == Op::kStop;
    position = in->end;
  }

  std::string out(proto_header);
  Framer framer(out, protocol >= 4);
  uint64_t next_index = 0;
  for (const Entry& entry : entries) {
    std::string memo_op;
    std::string_view data;
    bool unframed = false;
    switch (entry.kind) {
      case Entry::Kind::kPut: {
        auto it = new_ids.find(entry.memo_id);
        if (it == new_ids.end()) continue;
        it->second = next_index;
        memo_op = MemoOpcode(protocol, /*put=*/true, next_index++);
        data = memo_op;
        break;
      }
      case Entry::Kind::kGet: {
        const std::optional<uint64_t>& index = new_ids[entry.memo_id];
        if (!index.has_value()) {
          return absl::InvalidArgumentError(absl::StrCat("GET at offset ", entry.offset, ": memo id ", entry.memo_id,
                                                         " was not stored by an earlier PUT"));
        }
        memo_op = MemoOpcode(protocol, /*put=*/false, *index);
        data = memo_op;
        break;
      }
      case Entry::Kind::kCopy:
        data = pickle.substr(entry.begin, entry.end - entry.begin);
        unframed = data.size() > kFrameSizeTarget;
        break;
    }
    framer.CommitFrame(/*force=*/unframed);
    if (unframed) {
      framer.WriteUnframed(data);
    } else {
      framer.Write(data);
    }
  }
  framer.EndFraming();
  return out;
}

}  // namespace brine

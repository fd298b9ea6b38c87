// genops-style reading of one opcode and its argument (see opcode_reader.h).
#include "brine/codec/opcode_reader.h"
#include "brine/value/string_views.h"

#include <array>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"

namespace brine {
namespace {

// `bits`, the low `width` (1 to 8) bytes of a two's complement number, as an
// int64.
int64_t SignExtend(uint64_t bits, int width) {
  const int shift = 64 - 8 * width;
  return static_cast<int64_t>(bits << shift) >> shift;
}

// FindOpcode's answers for every byte, looked up here without a call.
std::array<const OpcodeInfo*, 256> BuildOpcodeTable() {
  std::array<const OpcodeInfo*, 256> table{};
  for (int code = 0; code < 256; ++code) table[code] = FindOpcode(static_cast<uint8_t>(code));
  return table;
}

const std::array<const OpcodeInfo*, 256> kOpcodeByByte = BuildOpcodeTable();

// Bytes left after `position`.
size_t Left(std::string_view data, size_t position) {
  return position <= data.size() ? data.size() - position : 0;
}

// Reads the parts of one argument; each method advances past what it read
// or returns the error for the opcode at `offset`.
class ArgumentReader {
 public:
  ArgumentReader(std::string_view data, const OpcodeInfo& info, size_t offset, size_t base_offset)
      : data_(data), info_(info), offset_(offset), base_offset_(base_offset), position_(offset + 1) {}

  size_t position() const { return position_; }

  // Reads a `width`-byte little-endian unsigned number.
  absl::Status Fixed(int width, uint64_t& value) {
    if (Left(data_, position_) < static_cast<size_t>(width)) {
      return Error(absl::StrFormat("pickle data was truncated (needs %d argument bytes, %d left)", width,
                                   Left(data_, position_)));
    }
    value = LoadLittleEndian(data_.data() + position_, width);
    position_ += width;
    return absl::OkStatus();
  }

  // Reads a `width`-byte length prefix (two's complement when `is_signed`)
  // and the payload it announces.
  absl::Status LengthPrefixed(int width, bool is_signed, std::string_view& payload) {
    uint64_t length;
    if (absl::Status read = Fixed(width, length); !read.ok()) return read;
    if (is_signed && SignExtend(length, width) < 0) {
      return Error(absl::StrCat("negative byte count ", SignExtend(length, width)));
    }
    size_t left = Left(data_, position_);
    if (length > left) return Error(absl::StrFormat("length %d exceeds the %d bytes left", length, left));
    payload = data_.substr(position_, static_cast<size_t>(length));
    position_ += static_cast<size_t>(length);
    return absl::OkStatus();
  }

  // Reads up to and past the next "\n"; `line` is the text before it.
  absl::Status Line(std::string_view& line) {
    size_t newline = position_ < data_.size() ? data_.find('\n', position_) : std::string_view::npos;
    if (newline == std::string_view::npos) {
      return Error("pickle data was truncated (no newline ends the argument)");
    }
    line = data_.substr(position_, newline - position_);
    position_ = newline + 1;
    return absl::OkStatus();
  }

  absl::Status Error(std::string_view what) const { return OpcodeError(info_, base_offset_ + offset_, what); }

 private:
  std::string_view data_;
  const OpcodeInfo& info_;
  size_t offset_;
  size_t base_offset_;
  size_t position_;
};

// A fixed-width argument: a number, stored where its encoding says.
absl::Status ReadFixed(ArgumentReader& reader, const ArgumentDescriptor& argument, OpcodeArg& arg) {
  const ArgLayout& layout = argument.layout;
  if (layout.width == 0) return absl::OkStatus();  // no argument
  uint64_t bits;
  if (absl::Status read = reader.Fixed(layout.width, bits); !read.ok()) return read;
  if (argument.encoding == ArgEncoding::kFloat64) {
    // Fixed() read little-endian; the double is stored big-endian.
    uint64_t big_endian_bits = __builtin_bswap64(bits);
    std::memcpy(&arg.floating, &big_endian_bits, sizeof arg.floating);
  } else if (argument.encoding == ArgEncoding::kUnsigned64) {
    arg.unsigned_integer = bits;
  } else {
    arg.integer = layout.is_signed ? SignExtend(bits, layout.width) : static_cast<int64_t>(bits);
  }
  return absl::OkStatus();
}

// STRING's quoted line: the text between its quotes. pickletools' rule: a
// line that is only one quote character holds the empty string (the decoder
// refuses it, as pickle.loads does).
absl::Status Unquote(const ArgumentReader& reader, std::string_view& text) {
  if (text.empty() || text.front() != text.back() || (text.front() != '\'' && text.front() != '"')) {
    return reader.Error("the STRING opcode argument must be quoted");
  }
  text = text.size() == 1 ? text.substr(1) : text.substr(1, text.size() - 2);
  return absl::OkStatus();
}

// An argument on one or two lines, the first in `text` and the second in
// `text2`.
absl::Status ReadLines(ArgumentReader& reader, const ArgumentDescriptor& argument, OpcodeArg& arg) {
  if (absl::Status read = reader.Line(arg.text); !read.ok()) return read;
  if (argument.encoding == ArgEncoding::kQuotedBytesLiteral) return Unquote(reader, arg.text);
  if (argument.encoding == ArgEncoding::kDecimalLong && !arg.text.empty() && arg.text.back() == 'L') {
    arg.text.remove_suffix(1);
  }
  return argument.layout.width > 1 ? reader.Line(arg.text2) : absl::OkStatus();
}

absl::Status ReadArgument(ArgumentReader& reader, const ArgumentDescriptor& argument, OpcodeArg& arg) {
  switch (argument.layout.form) {
    case ArgLayout::kFixed:
      return ReadFixed(reader, argument, arg);
    case ArgLayout::kLengthPrefixed:
      return reader.LengthPrefixed(argument.layout.width, argument.layout.is_signed, arg.text);
    case ArgLayout::kLines:
      return ReadLines(reader, argument, arg);
  }
  return reader.Error("unhandled argument layout");
}

}  // namespace

absl::Status OpcodeError(const OpcodeInfo& info, size_t offset, std::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(ToAbsl(info.name), " at offset ", offset, ": ", ToAbsl(what)));
}

absl::Status ReadInstructionInto(std::string_view data, size_t offset, Instruction& out, size_t base_offset) {
  if (offset >= data.size()) {
    return absl::InvalidArgumentError(absl::StrCat("at offset ", base_offset + offset, ": pickle data was truncated"));
  }
  uint8_t code = static_cast<uint8_t>(data[offset]);
  const OpcodeInfo* info = kOpcodeByByte[code];
  if (info == nullptr) {
    return absl::InvalidArgumentError(absl::StrFormat("at offset %d: unknown opcode 0x%02x", base_offset + offset, code));
  }
  out.info = info;
  out.offset = base_offset + offset;
  out.arg = OpcodeArg();
  ArgumentReader reader(data, *info, offset, base_offset);
  absl::Status status = ReadArgument(reader, ArgumentOf(info->arg), out.arg);
  if (!status.ok()) return status;
  out.end = base_offset + reader.position();
  return absl::OkStatus();
}

absl::StatusOr<Instruction> ReadInstruction(std::string_view data, size_t offset) {
  Instruction instruction;
  absl::Status status = ReadInstructionInto(data, offset, instruction);
  if (!status.ok()) return status;
  return instruction;
}

}  // namespace brine

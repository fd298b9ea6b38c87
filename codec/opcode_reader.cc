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


uint64_t LoadLittleEndian(const char* p, int width) {
  uint64_t value = 0;
  for (int i = width - 1; i >= 0; --i) value = (value << 8) | static_cast<uint8_t>(p[i]);
  return value;
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

  // Reads a `width`-byte length prefix (signed when `is_signed`) and the
  // payload it announces.
  absl::Status LengthPrefixed(int width, bool is_signed, std::string_view& payload) {
    uint64_t length;
    if (absl::Status read = Fixed(width, length); !read.ok()) return read;
    if (is_signed && width == 4 && (length & 0x80000000u) != 0) {
      return Error(absl::StrCat("negative byte count ", static_cast<int32_t>(static_cast<uint32_t>(length))));
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

absl::Status ReadArgument(ArgumentReader& reader, ArgKind kind, OpcodeArg& arg) {
  switch (kind) {
    case ArgKind::kNone:
      return absl::OkStatus();
    case ArgKind::kUint1:
    case ArgKind::kUint2:
    case ArgKind::kUint4: {
      int width = kind == ArgKind::kUint1 ? 1 : kind == ArgKind::kUint2 ? 2 : 4;
      uint64_t value;
      if (absl::Status read = reader.Fixed(width, value); !read.ok()) return read;
      arg.integer = static_cast<int64_t>(value);
      return absl::OkStatus();
    }
    case ArgKind::kInt4: {
      uint64_t value;
      if (absl::Status read = reader.Fixed(4, value); !read.ok()) return read;
      arg.integer = static_cast<int32_t>(static_cast<uint32_t>(value));
      return absl::OkStatus();
    }
    case ArgKind::kUint8:
      return reader.Fixed(8, arg.unsigned_integer);
    case ArgKind::kFloat8: {
      uint64_t bits;
      if (absl::Status read = reader.Fixed(8, bits); !read.ok()) return read;
      // Fixed() read little-endian; the double is stored big-endian.
      uint64_t big_endian_bits = __builtin_bswap64(bits);
      std::memcpy(&arg.floating, &big_endian_bits, sizeof arg.floating);
      return absl::OkStatus();
    }
    case ArgKind::kDecimalNlShort:
    case ArgKind::kDecimalNlLong:
    case ArgKind::kFloatNl:
    case ArgKind::kStringNlNoEscape:
    case ArgKind::kUnicodeStringNl: {
      if (absl::Status read = reader.Line(arg.text); !read.ok()) return read;
      if (kind == ArgKind::kDecimalNlLong && !arg.text.empty() && arg.text.back() == 'L') {
        arg.text.remove_suffix(1);
      }
      return absl::OkStatus();
    }
    case ArgKind::kStringNl: {
      std::string_view quoted;
      if (absl::Status read = reader.Line(quoted); !read.ok()) return read;
      // pickletools' rule: a line that is only one quote character holds
      // the empty string (the decoder refuses it, as pickle.loads does).
      if (quoted.empty() || quoted.front() != quoted.back() || (quoted.front() != '\'' && quoted.front() != '"')) {
        return reader.Error("the STRING opcode argument must be quoted");
      }
      arg.text = quoted.size() == 1 ? quoted.substr(1) : quoted.substr(1, quoted.size() - 2);
      return absl::OkStatus();
    }
    case ArgKind::kStringNlNoEscapePair: {
      if (absl::Status read = reader.Line(arg.text); !read.ok()) return read;
      return reader.Line(arg.text2);
    }
    case ArgKind::kString1:
    case ArgKind::kBytes1:
    case ArgKind::kUnicodeString1:
    case ArgKind::kLong1:
      return reader.LengthPrefixed(1, /*is_signed=*/false, arg.text);
    case ArgKind::kString4:
    case ArgKind::kLong4:
      return reader.LengthPrefixed(4, /*is_signed=*/true, arg.text);
    case ArgKind::kBytes4:
    case ArgKind::kUnicodeString4:
      return reader.LengthPrefixed(4, /*is_signed=*/false, arg.text);
    case ArgKind::kBytes8:
    case ArgKind::kByteArray8:
    case ArgKind::kUnicodeString8:
      return reader.LengthPrefixed(8, /*is_signed=*/false, arg.text);
  }
  return reader.Error("unhandled argument kind");
}

}  // namespace

ArgLayout LayoutOf(ArgKind kind) {
  switch (kind) {
    case ArgKind::kNone:
      return {ArgLayout::kFixed, 0, false};
    case ArgKind::kUint1:
      return {ArgLayout::kFixed, 1, false};
    case ArgKind::kUint2:
      return {ArgLayout::kFixed, 2, false};
    case ArgKind::kUint4:
    case ArgKind::kInt4:
      return {ArgLayout::kFixed, 4, false};
    case ArgKind::kUint8:
    case ArgKind::kFloat8:
      return {ArgLayout::kFixed, 8, false};
    case ArgKind::kDecimalNlShort:
    case ArgKind::kDecimalNlLong:
    case ArgKind::kFloatNl:
    case ArgKind::kStringNl:
    case ArgKind::kStringNlNoEscape:
    case ArgKind::kUnicodeStringNl:
      return {ArgLayout::kLines, 1, false};
    case ArgKind::kStringNlNoEscapePair:
      return {ArgLayout::kLines, 2, false};
    case ArgKind::kString1:
    case ArgKind::kBytes1:
    case ArgKind::kUnicodeString1:
    case ArgKind::kLong1:
      return {ArgLayout::kLengthPrefixed, 1, false};
    case ArgKind::kString4:
    case ArgKind::kLong4:
      return {ArgLayout::kLengthPrefixed, 4, true};
    case ArgKind::kBytes4:
    case ArgKind::kUnicodeString4:
      return {ArgLayout::kLengthPrefixed, 4, false};
    case ArgKind::kBytes8:
    case ArgKind::kByteArray8:
    case ArgKind::kUnicodeString8:
      return {ArgLayout::kLengthPrefixed, 8, false};
  }
  return {ArgLayout::kFixed, 0, false};
}

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
  absl::Status status = ReadArgument(reader, info->arg, out.arg);
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

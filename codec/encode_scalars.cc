// Atom opcodes, chosen as CPython 3.11's _pickle.c chooses them.
#include "brine/codec/encode_scalars.h"

#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "brine/codec/opcodes.h"
#include "brine/value/bigint.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

std::string OpString(Op op) { return std::string(1, static_cast<char>(op)); }

// The Unicode code point starting at utf8[i] and its length in bytes; lone
// surrogates (3-byte forms of U+D800..U+DFFF) are accepted. Input comes from
// brine's own Str objects, which are well-formed.
uint32_t NextCodePoint(std::string_view utf8, size_t i, size_t* length) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(utf8[i + k]); };
  const uint8_t lead = byte(0);
  if (lead < 0x80 || i + 1 >= utf8.size()) {
    *length = 1;
    return lead;
  }
  if (lead < 0xe0) {
    *length = 2;
    return ((lead & 0x1fu) << 6) | (byte(1) & 0x3fu);
  }
  if (lead < 0xf0 || i + 3 >= utf8.size()) {
    *length = 3;
    return ((lead & 0x0fu) << 12) | ((byte(1) & 0x3fu) << 6) | (byte(2) & 0x3fu);
  }
  *length = 4;
  return ((lead & 0x07u) << 18) | ((byte(1) & 0x3fu) << 12) | ((byte(2) & 0x3fu) << 6) |
         (byte(3) & 0x3fu);
}

void AppendHex(std::string& out, uint32_t value, int digits) {
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out.push_back(kHexDigits[(value >> shift) & 0xf]);
}

}  // namespace

void WriteBool(OutputBuffer& out, int protocol, bool value) {
  if (protocol >= 2) {
    out.WriteByte(static_cast<uint8_t>(value ? Op::kNewTrue : Op::kNewFalse));
  } else {
    out.Write(value ? "I01\n" : "I00\n");
  }
}

absl::Status WriteInt(OutputBuffer& out, int protocol, Value int_value) {
  if (int_value.kind() == Kind::kInt && int_value.as_int() >= INT32_MIN && int_value.as_int() <= INT32_MAX) {
    const int64_t value = int_value.as_int();
    if (protocol == 0) {
      out.Write(absl::StrCat("I", value, "\n"));
      return absl::OkStatus();
    }
    const uint32_t bits = static_cast<uint32_t>(static_cast<int32_t>(value));
    char op[5] = {0, static_cast<char>(bits & 0xff), static_cast<char>((bits >> 8) & 0xff),
                  static_cast<char>((bits >> 16) & 0xff), static_cast<char>(bits >> 24)};
    size_t length;
    if (bits > 0xffff) {
      op[0] = static_cast<char>(Op::kBinInt);
      length = 5;
    } else if (bits > 0xff) {
      op[0] = static_cast<char>(Op::kBinInt2);
      length = 3;
    } else {
      op[0] = static_cast<char>(Op::kBinInt1);
      length = 2;
    }
    out.Write(std::string_view(op, length));
    return absl::OkStatus();
  }
  if (protocol >= 2) {
    const std::string bytes = TwosComplementOf(int_value);
    if (bytes.size() > 0x7fffffffu) return absl::OutOfRangeError("int too large to pickle");
    std::string header;
    if (bytes.size() < 256) {
      header = OpString(Op::kLong1);
      header.push_back(static_cast<char>(bytes.size()));
    } else {
      header = OpString(Op::kLong4);
      AppendUint32(header, static_cast<uint32_t>(bytes.size()));
    }
    out.Write(header);
    out.Write(bytes);
    return absl::OkStatus();
  }
  // repr() is limited to kDefaultMaxIntDigits in CPython 3.11, so is this.
  absl::StatusOr<std::string> digits = IntToDecimal(int_value, kDefaultMaxIntDigits);
  if (!digits.ok()) return digits.status();
  out.Write(absl::StrCat("L", *digits, "L\n"));
  return absl::OkStatus();
}

void WriteFloat(OutputBuffer& out, int protocol, double value) {
  if (protocol == 0) {
    out.Write(absl::StrCat("F", ReprFloat(value), "\n"));
    return;
  }
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  char op[9];
  op[0] = static_cast<char>(Op::kBinFloat);
  for (int i = 0; i < 8; ++i) op[1 + i] = static_cast<char>((bits >> (56 - 8 * i)) & 0xff);
  out.Write(std::string_view(op, sizeof op));
}

absl::Status WriteStr(OutputBuffer& out, int protocol, std::string_view utf8) {
  if (protocol == 0) {
    out.Write(absl::StrCat(OpString(Op::kUnicode), PickleRawUnicodeEscape(utf8), "\n"));
    return absl::OkStatus();
  }
  std::string header;
  if (utf8.size() <= 0xff && protocol >= 4) {
    header = OpString(Op::kShortBinUnicode);
    header.push_back(static_cast<char>(utf8.size()));
  } else if (utf8.size() <= 0xffffffffu) {
    header = OpString(Op::kBinUnicode);
    AppendUint32(header, static_cast<uint32_t>(utf8.size()));
  } else if (protocol >= 4) {
    header = OpString(Op::kBinUnicode8);
    AppendUint64(header, utf8.size());
  } else {
    return absl::OutOfRangeError("serializing a string larger than 4 GiB requires pickle protocol 4 or higher");
  }
  out.WriteWithPayload(header, utf8);
  return absl::OkStatus();
}

absl::Status WriteBytes(OutputBuffer& out, int protocol, std::string_view data) {
  std::string header;
  if (data.size() <= 0xff) {
    header = OpString(Op::kShortBinBytes);
    header.push_back(static_cast<char>(data.size()));
  } else if (data.size() <= 0xffffffffu) {
    header = OpString(Op::kBinBytes);
    AppendUint32(header, static_cast<uint32_t>(data.size()));
  } else if (protocol >= 4) {
    header = OpString(Op::kBinBytes8);
    AppendUint64(header, data.size());
  } else {
    return absl::OutOfRangeError(
        "serializing a bytes object larger than 4 GiB requires pickle protocol 4 or higher");
  }
  out.WriteWithPayload(header, data);
  return absl::OkStatus();
}

void WriteByteArray(OutputBuffer& out, std::string_view data) {
  std::string header = OpString(Op::kByteArray8);
  AppendUint64(header, data.size());
  out.WriteWithPayload(header, data);
}

std::string PickleRawUnicodeEscape(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    size_t length;
    const uint32_t ch = NextCodePoint(utf8, i, &length);
    i += length;
    if (ch >= 0x10000) {
      out += "\\U";
      AppendHex(out, ch, 8);
    } else if (ch >= 0x100 || ch == '\\' || ch == 0 || ch == '\n' || ch == '\r' || ch == 0x1a) {
      out += "\\u";
      AppendHex(out, ch, 4);
    } else {
      out.push_back(static_cast<char>(ch));
    }
  }
  return out;
}

}  // namespace brine

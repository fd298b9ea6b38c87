// Atom opcodes, chosen as CPython 3.11's _pickle.c chooses them.
#include "brine/codec/encode_scalars.h"

#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/text_codecs.h"
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

// WriteInt's other cases: INT text at protocol 0, and ints beyond int32 that
// are not written as LONG1 from an int64.
absl::Status WriteIntSlowly(OutputBuffer& out, int protocol, Value int_value) {
  if (int_value.kind() == Kind::kInt && int_value.as_int() >= INT32_MIN && int_value.as_int() <= INT32_MAX) {
    out.Write(absl::StrCat("I", int_value.as_int(), "\n"));  // protocol 0; WriteInt writes the binary forms
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

void WriteFloatText(OutputBuffer& out, double value) { out.Write(absl::StrCat("F", ReprFloat(value), "\n")); }

absl::Status WriteStrText(OutputBuffer& out, std::string_view utf8) {
  out.Write(absl::StrCat(OpString(Op::kUnicode), PickleRawUnicodeEscape(utf8), "\n"));
  return absl::OkStatus();
}

namespace {

// The error of a payload whose size the protocol's header cannot hold.
absl::Status PayloadTooLarge(const PayloadOps& ops) {
  return absl::OutOfRangeError(
      absl::StrCat("serializing ", ops.what, " larger than 4 GiB requires pickle protocol 4 or higher"));
}

}  // namespace

absl::Status WritePayloadWithHeader(OutputBuffer& out, const PayloadOps& ops, int protocol, std::string_view payload) {
  char header[kMaxHeaderSize];
  const size_t header_size = PayloadHeader(ops, protocol, payload.size(), header);
  if (header_size == 0) return PayloadTooLarge(ops);
  out.WriteWithPayload(std::string_view(header, header_size), payload);
  return absl::OkStatus();
}

absl::Status WriteLatin1AsStr(OutputBuffer& out, std::string_view latin1) {
  const size_t size = Latin1Utf8Size(latin1);
  if (size > 0xffffffffu) return PayloadTooLarge(kStrOps);
  out.ReserveAhead(5 + size);
  out.Reserve(5);
  out.PutByte(static_cast<uint8_t>(kStrOps.op));
  out.PutLittleEndian(size, 4);
  // Converted a piece at a time through a buffer that stays in cache: the
  // output's memory is taken once and written once.
  constexpr size_t kPiece = 16 * 1024;
  char converted[2 * kPiece];  // Latin-1 takes at most two bytes of UTF-8
  for (size_t at = 0; at < latin1.size(); at += kPiece) {
    const std::string_view piece = latin1.substr(at, kPiece);
    const size_t piece_size = Latin1Utf8Size(piece);
    DecodeLatin1(piece, std::span<char>(converted, piece_size));
    out.Write(std::string_view(converted, piece_size));
  }
  return absl::OkStatus();
}

void WriteByteArray(OutputBuffer& out, std::string_view data) {
  char header[kMaxHeaderSize];
  header[0] = static_cast<char>(Op::kByteArray8);
  StoreLittleEndian(header + 1, data.size(), 8);
  out.WriteWithPayload(std::string_view(header, sizeof header), data);
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

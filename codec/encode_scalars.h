// The opcodes CPython's C pickler writes for atoms: None, bools, ints of every
// size, floats, and the payload opcodes of str, bytes and bytearray. These
// write one opcode (with its argument) and never touch the memo.
//
// The binary forms the pickler writes for almost every value are inline here
// (one capacity check, then raw stores); text forms and rare sizes are in
// encode_scalars.cc.
#ifndef BRINE_CODEC_ENCODE_SCALARS_H_
#define BRINE_CODEC_ENCODE_SCALARS_H_

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "absl/base/attributes.h"
#include "absl/status/status.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/output_buffer.h"
#include "brine/value/short_text.h"
#include "brine/value/value.h"

namespace brine {

// Opcode headers are at most this long: the opcode and an 8-byte size.
inline constexpr size_t kMaxHeaderSize = 9;

// NEWTRUE/NEWFALSE at protocol 2+, "I01\n"/"I00\n" below.
inline void WriteBool(OutputBuffer& out, int protocol, bool value) {
  if (protocol < 2) return out.Write(value ? "I01\n" : "I00\n");
  out.WriteByte(static_cast<uint8_t>(value ? Op::kNewTrue : Op::kNewFalse));
}

// An int Value (kInt or kBigInt): BININT1/BININT2/BININT for the int32 range
// at protocol 1+ (INT text at 0); beyond it LONG1/LONG4 at protocol 2+ and
// LONG text ("L<digits>L\n") below. Fails only for an int too large to pickle
// (more than 2**31-1 bytes, or more than 4300 digits in text form).
absl::Status WriteIntSlowly(OutputBuffer& out, int protocol, Value int_value);
inline absl::Status WriteInt(OutputBuffer& out, int protocol, Value int_value) {
  if (int_value.kind() != Kind::kInt || protocol == 0) return WriteIntSlowly(out, protocol, int_value);
  const int64_t value = int_value.as_int();
  const uint64_t bits = static_cast<uint64_t>(value);
  // Room for the widest form, LONG1 with 8 bytes; every form stores 8 bytes
  // of the value and keeps as many as it needs.
  out.Reserve(2 + sizeof bits);
  char* const at = out.cursor();
  if (value >= INT32_MIN && value <= INT32_MAX) {
    // Computed without branches (the sizes of ints in a list are random):
    // BININT1 'K' for 1 byte, BININT2 'M' for 2, BININT 'J' for 4.
    static_assert(static_cast<int>(Op::kBinInt2) == static_cast<int>(Op::kBinInt1) + 2 &&
                  static_cast<int>(Op::kBinInt) == static_cast<int>(Op::kBinInt1) - 1);
    const int wide = bits > 0xff;
    const int wider = bits > 0xffff;
    const size_t size = static_cast<size_t>(1 + wide + 2 * wider);
    at[0] = static_cast<char>(static_cast<int>(Op::kBinInt1) + 2 * wide - 3 * wider);
    StoreLittleEndian(at + 1, bits, sizeof bits);
    out.Advance(1 + size);
    return absl::OkStatus();
  }
  if (protocol < 2) return WriteIntSlowly(out, protocol, int_value);
  // LONG1 with the minimal two's complement: a sign bit above the magnitude.
  const uint64_t magnitude = value < 0 ? ~bits : bits;
  const size_t size = static_cast<size_t>(std::bit_width(magnitude)) / 8 + 1;
  at[0] = static_cast<char>(Op::kLong1);
  at[1] = static_cast<char>(size);
  StoreLittleEndian(at + 2, bits, sizeof bits);
  out.Advance(2 + size);
  return absl::OkStatus();
}

// BINFLOAT at protocol 1+, FLOAT with repr() text at 0.
void WriteFloatText(OutputBuffer& out, double value);
inline void WriteFloat(OutputBuffer& out, int protocol, double value) {
  if (protocol == 0) return WriteFloatText(out, value);
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  if constexpr (std::endian::native == std::endian::little) bits = __builtin_bswap64(bits);
  out.Reserve(1 + sizeof bits);
  char* const at = out.cursor();
  at[0] = static_cast<char>(Op::kBinFloat);
  std::memcpy(at + 1, &bits, sizeof bits);
  out.Advance(1 + sizeof bits);
}

// The binary opcodes of str or bytes by size of payload: 1-byte size (from
// `short_protocol`, up to 255 bytes), 4-byte size, 8-byte size (4+).
struct PayloadOps {
  Op short_op;
  Op op;
  Op op8;
  int short_protocol;
  const char* what;  // for the error when the size does not fit the protocol
};
inline constexpr PayloadOps kStrOps = {Op::kShortBinUnicode, Op::kBinUnicode, Op::kBinUnicode8, 4, "a string"};
inline constexpr PayloadOps kBytesOps = {Op::kShortBinBytes, Op::kBinBytes, Op::kBinBytes8, 3, "a bytes object"};

// The header of `ops` for a `size`-byte payload at `protocol` (1+) into
// `header`: its length, or 0 when the protocol cannot hold the size.
inline size_t PayloadHeader(const PayloadOps& ops, int protocol, uint64_t size, char* header) {
  if (size <= 0xff && protocol >= ops.short_protocol) {
    header[0] = static_cast<char>(ops.short_op);
    header[1] = static_cast<char>(size);
    return 2;
  }
  if (size <= 0xffffffffu) {
    header[0] = static_cast<char>(ops.op);
    StoreLittleEndian(header + 1, size, 4);
    return 5;
  }
  if (protocol < 4) return 0;
  header[0] = static_cast<char>(ops.op8);
  StoreLittleEndian(header + 1, size, 8);
  return 9;
}

// Payloads of up to this many bytes, most str keys and values, are written
// in place with their header (CopyBytes, no library call).
inline constexpr size_t kInPlacePayloadMax = 32;

// The PayloadHeader opcode and the payload; WritePayloadWithHeader out of
// line, WritePayload with the short payloads in place inline.
absl::Status WritePayloadWithHeader(OutputBuffer& out, const PayloadOps& ops, int protocol, std::string_view payload);
inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status WritePayload(OutputBuffer& out, const PayloadOps& ops, int protocol,
                                                         std::string_view payload) {
  if (payload.size() <= kInPlacePayloadMax) {
    out.Reserve(5 + kInPlacePayloadMax);
    char* const at = out.cursor();
    const bool short_form = protocol >= ops.short_protocol;
    at[0] = static_cast<char>(short_form ? ops.short_op : ops.op);
    // The 4-byte size; the short form's 1-byte size is its first byte, and
    // the payload goes over the other three.
    StoreLittleEndian(at + 1, payload.size(), 4);
    const size_t header_size = short_form ? 2 : 5;
    CopyBytes(at + header_size, payload.data(), payload.size());
    out.Advance(header_size + payload.size());
    return absl::OkStatus();
  }
  return WritePayloadWithHeader(out, ops, protocol, payload);
}

// The str opcode: UNICODE (raw-unicode-escape) at protocol 0; at 1+ the
// binary one and the UTF-8 payload.
absl::Status WriteStrText(OutputBuffer& out, std::string_view utf8);
inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status WriteStr(OutputBuffer& out, int protocol, std::string_view utf8) {
  if (protocol == 0) return WriteStrText(out, utf8);
  return WritePayload(out, kStrOps, protocol, utf8);
}

// BINUNICODE of the str whose text is `latin1` read as Latin-1 (protocols 1
// to 3), its UTF-8 converted straight into `out`: the text of the
// `_codecs.encode(text, 'latin1')` form of bytes below protocol 3, without a
// converted copy of its own.
absl::Status WriteLatin1AsStr(OutputBuffer& out, std::string_view latin1);

// The bytes opcode and the payload (protocol 3+).
inline ABSL_ATTRIBUTE_ALWAYS_INLINE absl::Status WriteBytes(OutputBuffer& out, int protocol, std::string_view data) {
  return WritePayload(out, kBytesOps, protocol, data);
}

// BYTEARRAY8 (protocol 5).
void WriteByteArray(OutputBuffer& out, std::string_view data);

// CPython's pickle flavour of raw-unicode-escape for UNICODE: characters
// from U+0100 up as \uXXXX or \UXXXXXXXX (lowercase hex), and also \, NUL,
// \n, \r and \x1a as \uXXXX; other characters below U+0100 as one byte.
// `utf8` may hold encoded surrogates.
std::string PickleRawUnicodeEscape(std::string_view utf8);

}  // namespace brine

#endif  // BRINE_CODEC_ENCODE_SCALARS_H_

// The opcodes CPython's C pickler writes for atoms: None, bools, ints of every
// size, floats, and the payload opcodes of str, bytes and bytearray. These
// write one opcode (with its argument) and never touch the memo.
#ifndef BRINE_CODEC_ENCODE_SCALARS_H_
#define BRINE_CODEC_ENCODE_SCALARS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "brine/codec/output_buffer.h"
#include "brine/value/value.h"

namespace brine {

// NEWTRUE/NEWFALSE at protocol 2+, "I01\n"/"I00\n" below.
void WriteBool(OutputBuffer& out, int protocol, bool value);
// An int Value (kInt or kBigInt): BININT1/BININT2/BININT for the int32 range
// at protocol 1+ (INT text at 0); beyond it LONG1/LONG4 at protocol 2+ and
// LONG text ("L<digits>L\n") below. Fails only for an int too large to pickle
// (more than 2**31-1 bytes, or more than 4300 digits in text form).
absl::Status WriteInt(OutputBuffer& out, int protocol, Value int_value);
// BINFLOAT at protocol 1+, FLOAT with repr() text at 0.
void WriteFloat(OutputBuffer& out, int protocol, double value);
// The str opcode: UNICODE (raw-unicode-escape) at protocol 0; at 1+
// SHORT_BINUNICODE (4+, up to 255 bytes), BINUNICODE, BINUNICODE8 (4+).
absl::Status WriteStr(OutputBuffer& out, int protocol, std::string_view utf8);
// SHORT_BINBYTES/BINBYTES/BINBYTES8 (protocol 3+; BINBYTES8 needs 4+).
absl::Status WriteBytes(OutputBuffer& out, int protocol, std::string_view data);
// BYTEARRAY8 (protocol 5).
void WriteByteArray(OutputBuffer& out, std::string_view data);

// CPython's pickle flavour of raw-unicode-escape for UNICODE: characters
// from U+0100 up as \uXXXX or \UXXXXXXXX (lowercase hex), and also \, NUL,
// \n, \r and \x1a as \uXXXX; other characters below U+0100 as one byte.
// `utf8` may hold encoded surrogates.
std::string PickleRawUnicodeEscape(std::string_view utf8);

}  // namespace brine

#endif  // BRINE_CODEC_ENCODE_SCALARS_H_

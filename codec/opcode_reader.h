// Reading one pickle opcode and its raw inline argument at a time, in the
// manner of pickletools.genops: the decoder and the disassembler both walk a
// pickle through this, so structural errors (unknown opcode, truncated
// argument, declared length longer than the input) read the same everywhere.
//
//   size_t pos = 0;
//   while (pos < data.size()) {
//     absl::StatusOr<brine::Instruction> in = brine::ReadInstruction(data, pos);
//     if (!in.ok()) return in.status();
//     ... in->info->name, in->arg.integer / in->arg.text ...
//     pos = in->end;
//   }
//
// The reader checks only the layout of an argument, not its meaning: text
// numbers (INT, LONG, FLOAT, GET, PUT) are handed back as text, because
// pickle.loads and pickletools read them differently (the decoder parses them
// with codec/unpickler_numbers.h, the disassembler with int()/float() rules);
// STRING's Python literal as the text between its quotes (see
// codec/text_codecs.h to unescape it), UNICODE's raw-unicode-escape text and
// length-prefixed payloads as views into `data`. Fixed-width numbers and
// BINFLOAT are decoded.
#ifndef BRINE_CODEC_OPCODE_READER_H_
#define BRINE_CODEC_OPCODE_READER_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/codec/opcodes.h"

namespace brine {

// The inline argument of one opcode; which members are set depends on its
// descriptor's encoding (ArgumentOf(info->arg).encoding, opcodes.h).
struct OpcodeArg {
  // kInteger (BININT, EXT4, BINGET, ...): the number.
  int64_t integer = 0;
  // kUnsigned64 (FRAME): the number, which may exceed int64.
  uint64_t unsigned_integer = 0;
  // kFloat64: the number.
  double floating = 0;
  // Length-prefixed arguments: the payload. Arguments on lines: the first
  // line without its "\n" (for kQuotedBytesLiteral, the text between the
  // quotes, empty when the line is one quote character, which pickletools
  // accepts and pickle.loads does not; for kDecimalLong, the digits without a
  // trailing "L"). GLOBAL and INST: the module line.
  std::string_view text;
  // The second line of a two-line argument: GLOBAL's and INST's name.
  std::string_view text2;
};

// One opcode read from the input.
struct Instruction {
  const OpcodeInfo* info = nullptr;
  size_t offset = 0;  // position of the opcode byte
  size_t end = 0;     // position just past the argument (the next opcode)
  OpcodeArg arg;
};

// Reads the opcode at `offset` and its argument. Fails, naming the opcode and
// `offset`, when `offset` is at the end of `data` ("at offset N: pickle data
// was truncated"), the byte is no opcode, the argument is cut short, a
// declared length is negative or exceeds the bytes left, or a STRING argument
// is not quoted.
absl::StatusOr<Instruction> ReadInstruction(std::string_view data, size_t offset);

// The same, filling `out` in place (the decoder's hot loop); `out` is
// unspecified after an error. `data` may be a window into a longer stream
// whose byte 0 sits at stream offset `base_offset`: the offsets in `out` and
// in errors are then stream offsets.
absl::Status ReadInstructionInto(std::string_view data, size_t offset, Instruction& out, size_t base_offset = 0);

// ArgumentOf(kind).layout, under the name the streaming decoder
// (stream_input.cc) calls it by.
inline ArgLayout LayoutOf(ArgKind kind) { return ArgumentOf(kind).layout; }

// The unsigned little-endian number in the `width` (<= 8) bytes at `p`, as
// pickle's fixed-width arguments and lengths are written.
// On a little-endian machine one load (where `width` is a constant, as in
// the decoder's fast path: a byte loop there cost about 20 instructions per
// BININT).
inline uint64_t LoadLittleEndian(const char* p, int width) {
  uint64_t value = 0;
  if constexpr (std::endian::native == std::endian::little) {
    std::memcpy(&value, p, static_cast<size_t>(width));
  } else {
    for (int i = width - 1; i >= 0; --i) value = (value << 8) | static_cast<uint8_t>(p[i]);
  }
  return value;
}

// "<NAME> at offset <offset>: <what>" as an InvalidArgument status: the form
// of every decode error about one opcode.
absl::Status OpcodeError(const OpcodeInfo& info, size_t offset, std::string_view what);

}  // namespace brine

#endif  // BRINE_CODEC_OPCODE_READER_H_

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

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/codec/opcodes.h"

namespace brine {

// The inline argument of one opcode; which members are set depends on the
// opcode's ArgKind.
struct OpcodeArg {
  // kUint1, kUint2, kUint4, kInt4 (EXT4, BININT): the number.
  int64_t integer = 0;
  // kUint8 (FRAME): the number, which may exceed int64.
  uint64_t unsigned_integer = 0;
  // kFloat8: the number.
  double floating = 0;
  // Length-prefixed kinds: the payload. Newline kinds: the line without its
  // "\n" (for kStringNl, the text between the quotes, empty when the line is
  // one quote character, which pickletools accepts and pickle.loads does not;
  // for kDecimalNlLong, the digits without a trailing "L").
  // kStringNlNoEscapePair: the module line.
  std::string_view text;
  // kStringNlNoEscapePair: the name line.
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

// How an argument kind sits in the input, for readers that must know how many
// bytes an instruction takes before reading it (the streaming decoder).
struct ArgLayout {
  enum Form : uint8_t {
    kFixed,           // `width` bytes (0 for no argument)
    kLengthPrefixed,  // a `width`-byte length (signed when `is_signed`), then that many bytes
    kLines,           // `width` newline-terminated lines
  };
  Form form;
  int width;
  bool is_signed;
};
ArgLayout LayoutOf(ArgKind kind);

// "<NAME> at offset <offset>: <what>" as an InvalidArgument status: the form
// of every decode error about one opcode.
absl::Status OpcodeError(const OpcodeInfo& info, size_t offset, std::string_view what);

}  // namespace brine

#endif  // BRINE_CODEC_OPCODE_READER_H_

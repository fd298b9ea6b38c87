// An opcode's inline argument as pickletools sees it: the Python value its
// argument readers produce (pickletools.genops), rendered with repr() the way
// pickletools.dis prints it.
//
// pickletools parses more leniently or strictly than the unpickler in places,
// and the disassembler must agree with pickletools, not with pickle.loads:
// INT/LONG/GET/PUT text goes through Python's int() (spaces and underscores
// allowed, "00"/"01" meaning False/True), STRING/PERSID/GLOBAL/INST text
// through codecs.escape_decode and must then be ASCII, BINSTRING and
// SHORT_BINSTRING are Latin-1 text.
#ifndef BRINE_CODEC_DIS_ARGUMENT_H_
#define BRINE_CODEC_DIS_ARGUMENT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/codec/opcode_reader.h"

namespace brine {

struct DisArgument {
  // False for opcodes without an inline argument.
  bool present = false;
  // repr() of the argument, e.g. `'abc'`, `b'\x00'`, `1.5`, `True`,
  // `'builtins getattr'`. Empty when `repr_status` is an error.
  std::string repr;
  // repr() itself can fail in pickletools: an int of more than 4300 digits
  // (LONG1/LONG4) raises after the line's offset was printed.
  absl::Status repr_status;
  // For the argument of GET/PUT and their binary forms: the key as a
  // canonical decimal int ("1" for True too), since pickletools' memo is a
  // dict keyed by the argument and True == 1.
  std::string memo_key;
};

// The argument of `instruction`. Fails, as pickletools' reader would, when the
// text does not parse (int(), escape_decode, ASCII, UTF-8, raw-unicode-escape);
// the message names the opcode and offset.
absl::StatusOr<DisArgument> ReadDisArgument(const Instruction& instruction);

}  // namespace brine

#endif  // BRINE_CODEC_DIS_ARGUMENT_H_

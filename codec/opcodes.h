// The pickle opcode table: one entry per opcode of protocols 0 to 5, the single
// source of truth for the decoder, the disassembler and the encoder.
//
// Each entry says the opcode's byte, its name as pickletools prints it, how its
// inline argument is encoded, the protocol that introduced it, and a one-line
// description. Modelled on CPython's Lib/pickletools.py `opcodes` list.
#ifndef BRINE_CODEC_OPCODES_H_
#define BRINE_CODEC_OPCODES_H_

#include <cstdint>
#include <span>
#include <string_view>

namespace brine {

enum class Op : uint8_t {
  kMark = '(',
  kStop = '.',
  kPop = '0',
  kPopMark = '1',
  kDup = '2',
  kFloat = 'F',
  kInt = 'I',
  kBinInt = 'J',
  kBinInt1 = 'K',
  kLong = 'L',
  kBinInt2 = 'M',
  kNone = 'N',
  kPersId = 'P',
  kBinPersId = 'Q',
  kReduce = 'R',
  kString = 'S',
  kBinString = 'T',
  kShortBinString = 'U',
  kUnicode = 'V',
  kBinUnicode = 'X',
  kAppend = 'a',
  kBuild = 'b',
  kGlobal = 'c',
  kDict = 'd',
  kEmptyDict = '}',
  kAppends = 'e',
  kGet = 'g',
  kBinGet = 'h',
  kInst = 'i',
  kLongBinGet = 'j',
  kList = 'l',
  kEmptyList = ']',
  kObj = 'o',
  kPut = 'p',
  kBinPut = 'q',
  kLongBinPut = 'r',
  kSetItem = 's',
  kTuple = 't',
  kEmptyTuple = ')',
  kSetItems = 'u',
  kBinFloat = 'G',
  // Protocol 2.
  kProto = 0x80,
  kNewObj = 0x81,
  kExt1 = 0x82,
  kExt2 = 0x83,
  kExt4 = 0x84,
  kTuple1 = 0x85,
  kTuple2 = 0x86,
  kTuple3 = 0x87,
  kNewTrue = 0x88,
  kNewFalse = 0x89,
  kLong1 = 0x8a,
  kLong4 = 0x8b,
  // Protocol 3.
  kBinBytes = 'B',
  kShortBinBytes = 'C',
  // Protocol 4.
  kShortBinUnicode = 0x8c,
  kBinUnicode8 = 0x8d,
  kBinBytes8 = 0x8e,
  kEmptySet = 0x8f,
  kAddItems = 0x90,
  kFrozenSet = 0x91,
  kNewObjEx = 0x92,
  kStackGlobal = 0x93,
  kMemoize = 0x94,
  kFrame = 0x95,
  // Protocol 5.
  kByteArray8 = 0x96,
  kNextBuffer = 0x97,
  kReadOnlyBuffer = 0x98,
};

// How an opcode's inline argument is laid out in the stream (pickletools'
// ArgumentDescriptor names).
enum class ArgKind : uint8_t {
  kNone,                     // no argument
  kUint1,                    // 1-byte unsigned
  kUint2,                    // 2-byte little-endian unsigned
  kUint4,                    // 4-byte little-endian unsigned
  kUint8,                    // 8-byte little-endian unsigned
  kInt4,                     // 4-byte little-endian signed
  kDecimalNlShort,           // "123\n" (INT: also "00"/"01" for bools)
  kDecimalNlLong,            // "123L\n"
  kFloatNl,                  // "1.5\n"
  kFloat8,                   // 8-byte big-endian IEEE double
  kStringNl,                 // Python-quoted bytes literal + "\n" (STRING)
  kStringNlNoEscape,         // raw text + "\n" (PERSID)
  kStringNlNoEscapePair,     // "module\nname\n" (GLOBAL, INST)
  kString1,                  // 1-byte length + bytes (SHORT_BINSTRING)
  kString4,                  // 4-byte signed length + bytes (BINSTRING)
  kBytes1,                   // 1-byte length + bytes
  kBytes4,                   // 4-byte length + bytes
  kBytes8,                   // 8-byte length + bytes
  kByteArray8,               // 8-byte length + bytes
  kUnicodeStringNl,          // raw-unicode-escape text + "\n" (UNICODE)
  kUnicodeString1,           // 1-byte length + UTF-8
  kUnicodeString4,           // 4-byte length + UTF-8
  kUnicodeString8,           // 8-byte length + UTF-8
  kLong1,                    // 1-byte length + two's complement bytes
  kLong4,                    // 4-byte signed length + two's complement bytes
};

struct OpcodeInfo {
  Op op;
  std::string_view name;  // as pickletools prints it: "BINUNICODE"
  ArgKind arg;
  int protocol;           // protocol that introduced the opcode
  std::string_view doc;   // one line
};

// All 68 opcodes, in pickletools' order.
std::span<const OpcodeInfo> AllOpcodes();
// The entry for a byte, or nullptr when no opcode has that code.
const OpcodeInfo* FindOpcode(uint8_t code);

}  // namespace brine

#endif  // BRINE_CODEC_OPCODES_H_

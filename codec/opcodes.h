// The pickle opcode table: one entry per opcode of protocols 0 to 5, the single
// source of truth for the decoder, the disassembler, the scanner, the
// optimizer and the encoder.
//
// Each entry says the opcode's byte, its name as pickletools prints it, its
// inline argument, what it pops from and pushes onto the unpickling stack, the
// protocol that introduced it, and a one-line description; each argument kind
// has a descriptor saying how its bytes are laid out and what they mean.
// Modelled on CPython's Lib/pickletools.py `opcodes` list of OpcodeInfo and
// its ArgumentDescriptor objects; opcodes_test.cc checks both against it.
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

// The inline argument of an opcode: one kind per pickletools
// ArgumentDescriptor (uint1, stringnl_noescape_pair, ...), plus kNone for
// opcodes without one. ArgumentOf(kind) describes each.
enum class ArgKind : uint8_t {
  kNone,
  kUint1,
  kUint2,
  kUint4,
  kUint8,
  kInt4,
  kDecimalNlShort,
  kDecimalNlLong,
  kFloatNl,
  kFloat8,
  kStringNl,
  kStringNlNoEscape,
  kStringNlNoEscapePair,
  kString1,
  kString4,
  kBytes1,
  kBytes4,
  kBytes8,
  kByteArray8,
  kUnicodeStringNl,
  kUnicodeString1,
  kUnicodeString4,
  kUnicodeString8,
  kLong1,
  kLong4,
};

// Where an argument's bytes end: what a reader must know to take an
// instruction off the input before it interprets anything.
struct ArgLayout {
  enum Form : uint8_t {
    kFixed,           // `width` bytes (0 for no argument)
    kLengthPrefixed,  // a `width`-byte little-endian length, then that many bytes
    kLines,           // `width` newline-terminated lines
  };
  Form form;
  int width;
  // kFixed: the number is two's complement; kLengthPrefixed: the length is
  // (a negative one is an error).
  bool is_signed;
};

// What an argument's bytes mean: how pickletools' reader for it turns them
// into a Python value, and which OpcodeArg member the opcode reader fills.
enum class ArgEncoding : uint8_t {
  kNone,                // no argument
  kInteger,             // little-endian number (integer)
  kUnsigned64,          // 8-byte little-endian unsigned number (unsigned_integer)
  kFloat64,             // big-endian IEEE double (floating)
  kDecimalOrBool,       // decimal int, or "00"/"01" for False/True (text)
  kDecimalLong,         // decimal int with an optional "L" suffix (text, without it)
  kDecimalFloat,        // decimal float (text)
  kQuotedBytesLiteral,  // a Python bytes literal in quotes (text, between them)
  kEscapedAscii,        // backslash escapes, ASCII once unescaped (text, text2)
  kLatin1,              // Python 2 str bytes, read as Latin-1 (text)
  kBytes,               // bytes (text)
  kByteArray,           // bytearray (text)
  kRawUnicodeEscape,    // raw-unicode-escape str (text)
  kUtf8,                // UTF-8 str, lone surrogates allowed (text)
  kTwosComplement,      // little-endian two's complement int (text)
};

// One argument kind, after pickletools' ArgumentDescriptor.
struct ArgumentDescriptor {
  ArgKind kind;
  std::string_view name;  // pickletools' name ("uint1"); "None" for kNone
  ArgLayout layout;
  ArgEncoding encoding;

  // Text the opcode reader hands back unparsed (decimal numbers, escaped or
  // quoted strings), because pickle.loads and pickletools parse it
  // differently.
  constexpr bool is_text() const { return layout.form == ArgLayout::kLines; }
};

// The unpickling stack, as pickletools' stack_before/stack_after lists name
// its items ("any", "int", "list", ...): "mark" is the markobject and
// "stackslice" stands for everything above the topmost mark.
inline constexpr std::string_view kMarkItem = "mark";
using StackItems = std::span<const std::string_view>;

struct OpcodeInfo {
  Op op;
  std::string_view name;  // as pickletools prints it: "BINUNICODE"
  ArgKind arg;
  StackItems stack_before;  // the items the opcode consumes, bottom first
  StackItems stack_after;   // the items it leaves in their place, bottom first
  int protocol;             // protocol that introduced the opcode
  std::string_view doc;     // one line
};

// All 68 opcodes, in pickletools' order.
std::span<const OpcodeInfo> AllOpcodes();
// The entry for a byte, or nullptr when no opcode has that code.
const OpcodeInfo* FindOpcode(uint8_t code);

// All argument kinds, in ArgKind order.
std::span<const ArgumentDescriptor> AllArguments();
const ArgumentDescriptor& ArgumentOf(ArgKind kind);

}  // namespace brine

#endif  // BRINE_CODEC_OPCODES_H_

// array.array: items, repr, JSON, both reduce forms and rebuild (see array.h).
#include "brine/types/array.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "brine/codec/text_codecs.h"
#include "brine/types/call_args.h"
#include "brine/value/bigint.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

constexpr std::string_view kTypecodes = "bBuhHiIlLqQfd";

bool IsSignedCode(char typecode) { return std::string_view("bhilq").find(typecode) != std::string_view::npos; }
bool IsFloatCode(char typecode) { return typecode == 'f' || typecode == 'd'; }

// array's machine format code for a typecode on this (little-endian, LP64)
// machine; the big-endian code of the same layout is one more.
int LittleEndianFormat(char typecode) {
  switch (typecode) {
    case 'B': return 0;   // UNSIGNED_INT8
    case 'b': return 1;   // SIGNED_INT8
    case 'H': return 2;   // UNSIGNED_INT16_LE
    case 'h': return 4;   // SIGNED_INT16_LE
    case 'I': return 6;   // UNSIGNED_INT32_LE
    case 'i': return 8;   // SIGNED_INT32_LE
    case 'L':
    case 'Q': return 10;  // UNSIGNED_INT64_LE
    case 'l':
    case 'q': return 12;  // SIGNED_INT64_LE
    case 'f': return 14;  // IEEE_754_FLOAT_LE
    case 'd': return 16;  // IEEE_754_DOUBLE_LE
    default: return 20;   // 'u': UTF32_LE
  }
}

// Item `index` of an integer typecode as an unsigned 64-bit pattern, sign-extended.
uint64_t IntegerBits(const Array& array, size_t index) {
  const size_t size = Array::ItemSize(array.typecode);
  uint64_t bits = 0;
  std::memcpy(&bits, array.data.data() + index * size, size);
  if (IsSignedCode(array.typecode) && size < 8 && (bits >> (size * 8 - 1)) != 0) {
    bits |= ~uint64_t{0} << (size * 8);
  }
  return bits;
}

// The item as text for a list of ints: as a brine int Value.
Value IntegerValue(Heap& heap, const Array& array, size_t index) {
  const uint64_t bits = IntegerBits(array, index);
  if (IsSignedCode(array.typecode) || bits <= uint64_t{std::numeric_limits<int64_t>::max()}) {
    return Value::Int(static_cast<int64_t>(bits));
  }
  std::string little_endian(9, '\0');  // a ninth byte for the sign
  std::memcpy(little_endian.data(), &bits, 8);
  return IntFromTwosComplement(heap, little_endian);
}

// A scratch list of the items, as tolist() gives them.
Value ItemList(Heap& heap, const Array& array) {
  Value list = heap.NewList();
  for (size_t i = 0; i < array.size(); ++i) list.as<List>()->items.push_back(array.ItemValue(heap, i));
  return list;
}

// The UTF-8 text of a 'u' array.
std::string Text(const Array& array) {
  std::string text;
  for (size_t i = 0; i < array.size(); ++i) AppendUtf8(array.at<char32_t>(i), text);
  return text;
}

}  // namespace

size_t Array::ItemSize(char typecode) {
  switch (typecode) {
    case 'b':
    case 'B': return 1;
    case 'h':
    case 'H': return 2;
    case 'i':
    case 'I':
    case 'f':
    case 'u': return 4;
    default: return 8;  // l L q Q d
  }
}

Value Array::ItemValue(Heap& heap, size_t index) const {
  if (typecode == 'f') return Value::Float(at<float>(index));
  if (typecode == 'd') return Value::Float(at<double>(index));
  if (typecode == 'u') {
    std::string utf8;
    const char32_t code_point = at<char32_t>(index);
    AppendUtf8(code_point, utf8);
    // CPython's one-character strs below U+0100 are shared objects.
    return code_point < 0x100 ? heap.InternStr(utf8) : heap.NewStr(utf8);
  }
  return IntegerValue(heap, *this, index);
}

void ReprNative(const Array& array, NativeText& out) {
  const std::string opening = absl::StrCat("array('", std::string(1, array.typecode), "'");
  if (array.data.empty()) {
    out.Text(opening + ")");
  } else if (array.typecode == 'u') {
    out.Text(absl::StrCat(opening, ", ", ReprStr(Text(array)), ")"));
  } else {
    out.Text(opening + ", ");
    out.Child(ItemList(out.scratch(), array));
    out.Text(")");
  }
}

void JsonNative(const Array& array, NativeText& out) { out.Child(ItemList(out.scratch(), array)); }

// array.__reduce_ex__: the list form below protocol 3, the machine bytes from 3.
NativeHash HashNative(Heap& /*heap*/, const Array& /*array*/) { return Unhashable("unhashable type: 'array.array'"); }

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Array& array, int protocol) {
  // A new str each time: CPython's typecode objects are never shared with
  // other strs of the pickle (the items of a 'u' array are, see ItemValue).
  const Value typecode = heap.NewStr(std::string(1, array.typecode));
  if (protocol < 3) {
    const Value args[2] = {typecode, ItemList(heap, array)};
    return ReduceTuple::Call(heap, "array", "array", args);
  }
  const Value args[4] = {heap.NewGlobal("array", "array"), typecode,
                         Value::Int(LittleEndianFormat(array.typecode)), heap.NewBytes(array.data)};
  return ReduceTuple::Call(heap, "array", "_array_reconstructor", args);
}

namespace {

std::optional<char> Typecode(Value value) {
  std::optional<std::string_view> text = StrText(value);
  if (!text || text->size() != 1 || kTypecodes.find((*text)[0]) == std::string_view::npos) {
    return std::nullopt;
  }
  return (*text)[0];
}

// The code point of a one-character str (brine's UTF-8, which is well
// formed, surrogates included); nullopt for any other length.
std::optional<char32_t> OnlyCharacter(std::string_view utf8) {
  if (utf8.empty()) return std::nullopt;
  const uint8_t lead = static_cast<uint8_t>(utf8[0]);
  const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (utf8.size() != length) return std::nullopt;
  char32_t code_point = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) code_point = (code_point << 6) | (utf8[i] & 0x3F);
  return code_point;
}

// Appends `item` (an element of the list form) in the typecode's layout.
bool AppendItem(Array& array, Value item) {
  const size_t size = Array::ItemSize(array.typecode);
  if (IsFloatCode(array.typecode)) {
    double number;
    if (item.kind() == Kind::kFloat) number = item.as_float();
    else if (item.kind() == Kind::kInt) number = static_cast<double>(item.as_int());
    else return false;
    if (array.typecode == 'f') {
      const float narrow = static_cast<float>(number);
      array.data.append(reinterpret_cast<const char*>(&narrow), 4);
    } else {
      array.data.append(reinterpret_cast<const char*>(&number), 8);
    }
    return true;
  }
  if (array.typecode == 'u') {
    std::optional<std::string_view> text = StrText(item);
    std::optional<char32_t> code_point = text ? OnlyCharacter(*text) : std::nullopt;
    if (!code_point) return false;
    array.data.append(reinterpret_cast<const char*>(&*code_point), 4);
    return true;
  }
  if (item.kind() != Kind::kInt && item.kind() != Kind::kBigInt) return false;
  std::string little_endian = TwosComplementOf(item);
  const bool negative = IntSign(item) < 0;
  if (negative && !IsSignedCode(array.typecode)) return false;
  // Unsigned items may use the whole width: drop the zero sign byte.
  if (!negative && !IsSignedCode(array.typecode) && little_endian.size() == size + 1 &&
      little_endian.back() == '\0') {
    little_endian.pop_back();
  }
  if (little_endian.size() > size) return false;
  little_endian.resize(size, negative ? '\xff' : '\0');
  array.data += little_endian;
  return true;
}

// array.array(typecode, list), the form below protocol 3 (state None).
RebuildResult RebuildFromList(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!IsPlainCall(call) || (call.has_state && !call.state.is_none()) || args.empty() ||
      args.size() > 2) {
    return std::nullopt;
  }
  std::optional<char> typecode = Typecode(args[0]);
  if (!typecode) return std::nullopt;
  Array array{*typecode, {}};
  if (args.size() == 2) {
    if (args[1].kind() != Kind::kList) return std::nullopt;
    for (Value item : args[1].as<List>()->items) {
      if (!AppendItem(array, item)) return std::nullopt;
    }
  }
  return MakeBuiltinNative(heap, std::move(array));
}

// array._array_reconstructor(array.array, typecode, machine_format, bytes).
RebuildResult RebuildFromBytes(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!IsPlainCall(call) || (call.has_state && !call.state.is_none()) || args.size() != 4 ||
      args[0].kind() != Kind::kGlobal || args[0].as<Global>()->module != "array" ||
      args[0].as<Global>()->qualname != "array" || args[3].kind() != Kind::kBytes) {
    return std::nullopt;
  }
  std::optional<char> typecode = Typecode(args[1]);
  std::optional<int64_t> format = SmallInt(args[2]);
  if (!typecode || !format) return std::nullopt;
  const int little = LittleEndianFormat(*typecode);
  if (*format != little && (*format != little + 1 || Array::ItemSize(*typecode) == 1)) {
    return std::nullopt;  // another layout (a 32-bit 'l', UTF-16 'u'): left as decoded
  }
  const size_t size = Array::ItemSize(*typecode);
  Array array{*typecode, std::string(args[3].as<Bytes>()->data)};
  if (array.data.size() % size != 0) return std::nullopt;
  if (*format == little + 1) {  // big-endian items
    for (size_t i = 0; i < array.data.size(); i += size) {
      std::reverse(array.data.begin() + i, array.data.begin() + i + size);
    }
  }
  if (*typecode == 'u') {
    for (size_t i = 0; i < array.size(); ++i) {
      if (array.at<char32_t>(i) > 0x10FFFF) return std::nullopt;
    }
  }
  return MakeBuiltinNative(heap, std::move(array));
}

}  // namespace

ReconstructorSet ArraySet() {
  ReconstructorSet set{"array", "array.array (every typecode, both reduce forms)"};
  set.reconstructors = {{"array", "array", RebuildFromList},
                        {"array", "_array_reconstructor", RebuildFromBytes}};
  set.reducers = {ReducerFor<Array>()};
  return set;
}

}  // namespace brine

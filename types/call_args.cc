// Reading a rebuilt call's arguments (see call_args.h).
#include "brine/types/call_args.h"

#include "brine/codec/text_codecs.h"

namespace brine {

std::span<const Value> CallArgs(const Reconstruction& call) {
  if (call.args.kind() != Kind::kTuple) return {};
  return call.args.as<Tuple>()->items;
}

bool IsPlainCall(const Reconstruction& call) {
  if (call.list_items.size() != 0 || call.dict_items.size() != 0) return false;
  if (call.kwargs.kind() == Kind::kDict && !call.kwargs.as<Dict>()->items.empty()) return false;
  if (call.source.kind() == Kind::kReduce && !call.source.as<Reduce>()->state_setter.is_none()) {
    return false;
  }
  return call.args.kind() == Kind::kTuple;
}

std::optional<int64_t> SmallInt(Value value) {
  if (value.kind() != Kind::kInt) return std::nullopt;
  return value.as_int();
}

std::optional<std::string> BytesOrLatin1Str(Value value) {
  if (value.kind() == Kind::kBytes) return std::string(value.as<Bytes>()->data);
  if (value.kind() != Kind::kStr) return std::nullopt;
  const std::string_view utf8 = value.as<Str>()->utf8;
  const std::optional<size_t> size = Latin1Size(utf8);
  if (!size) return std::nullopt;
  std::string bytes(*size, '\0');
  if (!EncodeLatin1(utf8, std::span<char>(bytes.data(), bytes.size()))) return std::nullopt;
  return bytes;
}

std::optional<std::string_view> StrText(Value value) {
  if (value.kind() != Kind::kStr) return std::nullopt;
  return value.as<Str>()->utf8;
}

}  // namespace brine

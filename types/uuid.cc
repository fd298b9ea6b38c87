// uuid.UUID: text, repr, JSON, key, reduce and rebuild (see uuid.h).
#include "brine/types/uuid.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/types/call_args.h"
#include "brine/value/bigint.h"
#include "brine/value/containers.h"

namespace brine {

std::string Uuid::text() const {
  std::string text;
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    absl::StrAppendFormat(&text, "%02x", bytes[i]);
  }
  return text;
}

void ReprNative(const Uuid& uuid, NativeText& out) {
  out.Text(absl::StrCat("UUID('", uuid.text(), "')"));
}

void JsonNative(const Uuid& uuid, NativeText& out) {
  out.Text(absl::StrCat("\"", uuid.text(), "\""));
}

// object.__reduce_ex__ with UUID.__getstate__: {'int': n[, 'is_safe': v]}.
NativeHash HashNative(Heap& heap, const Uuid& uuid) {
  static const KeyTag kUuidKey;
  const std::string_view bytes(reinterpret_cast<const char*>(uuid.bytes.data()), uuid.bytes.size());
  return HashedAs(heap, kUuidKey, {heap.NewBytes(bytes)});
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Uuid& uuid, int /*protocol*/) {
  std::string little_endian(uuid.bytes.rbegin(), uuid.bytes.rend());
  little_endian.push_back('\0');  // the sign byte: a UUID's int is never negative
  Value state = heap.NewDict();
  absl::Status status = DictSetItem(heap, state.as<Dict>(), heap.InternStr("int"),
                                    IntFromTwosComplement(heap, little_endian));
  if (status.ok() && uuid.has_is_safe) {
    status = DictSetItem(heap, state.as<Dict>(), heap.InternStr("is_safe"), uuid.is_safe);
  }
  if (!status.ok()) return status;
  return ReduceTuple::NewObj(heap, "uuid", "UUID", {}, state);
}

namespace {

// The 16 big-endian bytes of an int in [0, 2**128).
std::optional<std::array<uint8_t, 16>> UuidBytes(Value number) {
  if (number.kind() != Kind::kInt && number.kind() != Kind::kBigInt) return std::nullopt;
  if (IntSign(number) < 0) return std::nullopt;
  std::string little_endian = TwosComplementOf(number);
  if (little_endian.size() == 17 && little_endian.back() == '\0') little_endian.pop_back();
  if (little_endian.size() > 16) return std::nullopt;
  std::array<uint8_t, 16> bytes{};
  for (size_t i = 0; i < little_endian.size(); ++i) {
    bytes[15 - i] = static_cast<uint8_t>(little_endian[i]);
  }
  return bytes;
}

// uuid.UUID.__new__(uuid.UUID) with the state {'int': n[, 'is_safe': v]}.
RebuildResult RebuildUuid(Heap& heap, const Reconstruction& call) {
  if (call.source.kind() != Kind::kInstance || CallArgs(call).size() != 0 ||
      !IsPlainCall(call) || !call.has_state || call.state.kind() != Kind::kDict) {
    return std::nullopt;
  }
  const size_t entries = call.state.as<Dict>()->items.size();
  std::optional<Value> number = call.StateField("int");
  std::optional<Value> is_safe = call.StateField("is_safe");
  if (!number || entries != (is_safe ? 2u : 1u)) return std::nullopt;
  std::optional<std::array<uint8_t, 16>> bytes = UuidBytes(*number);
  if (!bytes) return std::nullopt;
  Uuid uuid{*bytes, is_safe.value_or(Value()), is_safe.has_value()};
  return MakeBuiltinNative(heap, uuid);
}

}  // namespace

ReconstructorSet UuidSet() {
  ReconstructorSet set{"uuid", "uuid.UUID"};
  set.reconstructors = {{"uuid", "UUID", RebuildUuid}};
  set.reducers = {ReducerFor<Uuid>()};
  return set;
}

}  // namespace brine

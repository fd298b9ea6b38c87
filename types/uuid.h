// The "uuid" set: uuid.UUID as its 16 bytes.
//
// CPython pickles a UUID as an object of class uuid.UUID with the state
// {'int': <128-bit int>} (plus 'is_safe' when known): NEWOBJ + BUILD from
// protocol 2, copyreg._reconstructor below. repr is `UUID('12345678-...')`,
// JSON the canonical text "12345678-1234-5678-1234-567812345678".
#ifndef BRINE_TYPES_UUID_H_
#define BRINE_TYPES_UUID_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

struct Uuid {
  std::array<uint8_t, 16> bytes{};  // big-endian, as UUID.bytes
  Value is_safe;  // the state's 'is_safe' (an int or None) when it had one
  bool has_is_safe = false;

  // str(u): "12345678-1234-5678-1234-567812345678".
  std::string text() const;
};

void ReprNative(const Uuid& uuid, NativeText& out);
void JsonNative(const Uuid& uuid, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Uuid& uuid, int protocol);
// As a key, its 128 bits (is_safe aside), as UUID.__eq__ compares them.
NativeHash HashNative(Heap& heap, const Uuid& uuid);

ReconstructorSet UuidSet();

}  // namespace brine

#endif  // BRINE_TYPES_UUID_H_

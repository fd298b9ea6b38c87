// Typed encode/decode through a Registry: C++ values in, pickle bytes out,
// and back, with registered types (Register<T>) nested anywhere.
//
//   brine::Registry registry;
//   registry.Register(brine::FieldsBinding<Point>("geometry", "Point",
//       brine::Field("x", &Point::x), brine::Field("y", &Point::y)));
//   absl::StatusOr<std::string> bytes = brine::Encode(registry, std::vector<Point>{{1, 2}});
//   absl::StatusOr<std::vector<Point>> points =
//       brine::Decode<std::vector<Point>>(registry, *bytes);
#ifndef BRINE_REGISTRY_TYPED_CODEC_H_
#define BRINE_REGISTRY_TYPED_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "brine/registry/convert.h"
#include "brine/registry/registry.h"
#include "brine/value/heap.h"

namespace brine {

// Pickles `object` (converted by ToValue; registered types reduced by the
// registry). `options.registry` is set to `registry`.
template <typename T>
absl::StatusOr<std::string> Encode(const Registry& registry, const T& object,
                                   EncodeOptions options = {}) {
  Heap heap;
  Value value = ToValue(heap, object);
  options.registry = &registry;
  return Encode(value, options);
}

// Unpickles `bytes` with `registry` and converts the root to T.
template <typename T>
absl::StatusOr<T> Decode(const Registry& registry, std::string_view bytes,
                         DecodeOptions options = {}) {
  options.registry = &registry;
  absl::StatusOr<Document> document = Decode(bytes, options);
  if (!document.ok()) return document.status();
  return registry.FromValue<T>(document->heap(), document->root());
}

}  // namespace brine

#endif  // BRINE_REGISTRY_TYPED_CODEC_H_

// Decode and Encode through a Registry: the codec's own Decode/Encode with
// the registry as their hooks, plus the typed forms that take and return C++
// values, with registered types (Register<T>) nested anywhere.
//
//   brine::Registry registry;
//   registry.Register(brine::FieldsBinding<Point>("geometry", "Point",
//       brine::Field("x", &Point::x), brine::Field("y", &Point::y)));
//   absl::StatusOr<std::string> bytes = brine::Encode(registry, std::vector<Point>{{1, 2}});
//   absl::StatusOr<std::vector<Point>> points =
//       brine::Decode<std::vector<Point>>(registry, *bytes);
//
// Use these when a pickle names your own classes or when C++ types should be
// pickled as Python objects; brine::Decode(bytes) and brine::Encode(value)
// alone (codec/) keep every unknown name as an opaque, lossless node.
#ifndef BRINE_FACADE_REGISTRY_CODEC_H_
#define BRINE_FACADE_REGISTRY_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "brine/registry/convert.h"
#include "brine/registry/dispatch.h"
#include "brine/registry/registry.h"
#include "brine/value/document.h"
#include "brine/value/heap.h"

namespace brine {

// Decodes `data` with `registry`'s policy checked at each global's opcode,
// then Registry::Resolve run over the document (registered reconstructors
// and classes, bound methods, persistent_load). `options.hooks` is replaced.
absl::StatusOr<Document> Decode(std::string_view data, const Registry& registry,
                                DecodeOptions options = {});

// Encodes `value` after Registry::Lower (persistent_id, reducer_override,
// `per_encoder` as Pickler.dispatch_table before the registry's global table,
// registered C++ types, bound-method form). `options.hooks` is replaced.
absl::StatusOr<std::string> Encode(Value value, const Registry& registry,
                                   EncodeOptions options = {},
                                   const DispatchTable* per_encoder = nullptr);

// Pickles `object`, converted by ToValue (registered types reduced by the
// registry).
template <typename T>
absl::StatusOr<std::string> Encode(const Registry& registry, const T& object,
                                   EncodeOptions options = {},
                                   const DispatchTable* per_encoder = nullptr) {
  Heap heap;
  return Encode(ToValue(heap, object), registry, options, per_encoder);
}

// Unpickles `bytes` with `registry` and converts the root to T.
template <typename T>
absl::StatusOr<T> Decode(const Registry& registry, std::string_view bytes,
                         DecodeOptions options = {}) {
  absl::StatusOr<Document> document = Decode(bytes, registry, options);
  if (!document.ok()) return document.status();
  return registry.FromValue<T>(document->heap(), document->root());
}

}  // namespace brine

#endif  // BRINE_FACADE_REGISTRY_CODEC_H_

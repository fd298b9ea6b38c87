// Decode and Encode through a Registry (registry_codec.h).
#include "brine/facade/registry_codec.h"

namespace brine {
namespace {

// The registry's encode hooks with a per-encoder dispatch table consulted
// before its global one (Pickler.dispatch_table).
class LoweringWithTable : public EncodeHooks {
 public:
  LoweringWithTable(const Registry& registry, const DispatchTable* per_encoder)
      : registry_(registry), per_encoder_(per_encoder) {}
  absl::StatusOr<Value> BeforeEncode(Heap& scratch, Value root, int protocol) const override {
    return registry_.Lower(scratch, root, per_encoder_, protocol);
  }
  const ExtensionRegistry* extension_codes() const override { return registry_.extension_codes(); }

 private:
  const Registry& registry_;
  const DispatchTable* per_encoder_;
};

}  // namespace

absl::StatusOr<Document> Decode(std::string_view data, const Registry& registry,
                                DecodeOptions options) {
  options.hooks = &registry;
  return Decode(data, options);
}

absl::StatusOr<std::string> Encode(Value value, const Registry& registry, EncodeOptions options,
                                   const DispatchTable* per_encoder) {
  LoweringWithTable hooks(registry, per_encoder);
  options.hooks = &hooks;
  return Encode(value, options);
}

}  // namespace brine

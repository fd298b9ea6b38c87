// The narrow interfaces through which a layer above the codec takes part in
// decoding and encoding, so that the codec builds and links without it. The
// registry (registry/registry.h) implements both; facade/registry_codec.h
// passes it for you.
//
//  DecodeHooks  Unpickler.find_class's check, asked at the opcode naming a
//               global (so a refusal carries that opcode and offset), and a
//               pass over the finished document (rebuilding what the caller
//               registered).
//  EncodeHooks  a pass over the graph before any opcode is written
//               (reducers, persistent ids), in a scratch heap.
//
// Both may supply the extension codes (copyreg.add_extension) the codec uses
// when its options name none. Hooks are called from the decoding or encoding
// thread only and must not be destroyed while a call uses them.
#ifndef BRINE_CODEC_HOOKS_H_
#define BRINE_CODEC_HOOKS_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/codec/extension_codes.h"
#include "brine/value/document.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

class DecodeHooks {
 public:
  virtual ~DecodeHooks() = default;
  // Whether CheckGlobalName can refuse anything; when false the decoder does
  // not ask.
  virtual bool RestrictsGlobalNames() const = 0;
  // Whether the pickle may name `module.qualname`: OK, or the error the
  // decoder reports at that opcode and offset. Not asked for the names the
  // decoder rebuilds itself (builtins.set, copyreg._reconstructor, ...).
  virtual absl::Status CheckGlobalName(std::string_view module, std::string_view qualname) const = 0;
  // Rewrites the decoded document in place before Decode returns it; an
  // error is Decode's error.
  virtual absl::Status AfterDecode(Document& document) const = 0;
  // Extension codes for EXT1/EXT2/EXT4 when DecodeOptions::extensions is
  // null; nullptr for none.
  virtual const ExtensionRegistry* extension_codes() const = 0;
};

class EncodeHooks {
 public:
  virtual ~EncodeHooks() = default;
  // The graph to write instead of `root` at `protocol` (0 to 5; objects may
  // reduce differently by protocol, as __reduce_ex__ does), built in
  // `scratch` (`root`'s own graph is not modified); an error is Encode's
  // error.
  virtual absl::StatusOr<Value> BeforeEncode(Heap& scratch, Value root, int protocol) const = 0;
  // Extension codes when EncodeOptions::extensions is null; nullptr for none.
  virtual const ExtensionRegistry* extension_codes() const = 0;
};

}  // namespace brine

#endif  // BRINE_CODEC_HOOKS_H_

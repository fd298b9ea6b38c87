// The extension registry: copyreg.add_extension / remove_extension for brine.
// A registered (module, name) is pickled as EXT1/EXT2/EXT4 with its code, and
// those opcodes decode back to the name. Codes are 1..0x7fffffff; a name and a
// code can each be registered once (re-registering the same pair is a no-op),
// with CPython's error messages.
#ifndef BRINE_CODEC_EXTENSION_CODES_H_
#define BRINE_CODEC_EXTENSION_CODES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "brine/codec/python2_names.h"

namespace brine {

class ExtensionRegistry {
 public:
  // copyreg.add_extension(module, name, code).
  absl::Status Add(std::string_view module, std::string_view name, int64_t code);
  // copyreg.remove_extension(module, name, code).
  absl::Status Remove(std::string_view module, std::string_view name, int64_t code);
  // The name registered under `code`, if any; views live as long as the entry.
  std::optional<QualifiedName> Lookup(int64_t code) const;
  // The code registered for (module, name), if any.
  std::optional<int64_t> CodeOf(std::string_view module, std::string_view name) const;

 private:
  absl::flat_hash_map<int64_t, std::pair<std::string, std::string>> by_code_;
  absl::flat_hash_map<std::pair<std::string, std::string>, int64_t> by_name_;
};

}  // namespace brine

#endif  // BRINE_CODEC_EXTENSION_CODES_H_

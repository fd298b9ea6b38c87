// std::string_view <-> absl::string_view. brine's API speaks std::string_view;
// Debian's Abseil is built with its own absl::string_view type (not an alias
// of std::string_view), so calls into Abseil (StrCat, StrSplit, Hash, ...)
// convert at the edge with these.
#ifndef BRINE_VALUE_STRING_VIEWS_H_
#define BRINE_VALUE_STRING_VIEWS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace brine {

inline absl::string_view ToAbsl(std::string_view text) { return {text.data(), text.size()}; }
inline std::string_view FromAbsl(absl::string_view text) { return {text.data(), text.size()}; }

}  // namespace brine

#endif  // BRINE_VALUE_STRING_VIEWS_H_

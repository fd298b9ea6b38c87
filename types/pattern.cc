// re.Pattern: repr, JSON, key, reduce and rebuild (see pattern.h).
#include "brine/types/pattern.h"

#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/types/call_args.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

// _sre's flag names, in the order pattern_repr prints them.
struct FlagName {
  int64_t bit;
  std::string_view name;
};
constexpr FlagName kFlagNames[] = {
    {1, "re.TEMPLATE"}, {2, "re.IGNORECASE"}, {4, "re.LOCALE"}, {8, "re.MULTILINE"},
    {16, "re.DOTALL"},  {32, "re.UNICODE"},   {64, "re.VERBOSE"}, {128, "re.DEBUG"},
    {256, "re.ASCII"},
};
constexpr int64_t kLocaleUnicodeAscii = 4 | 32 | 256;
constexpr int64_t kUnicode = 32;

// The first `count` characters of UTF-8 `text` ("%.200R").
std::string_view FirstCharacters(std::string_view text, size_t count) {
  size_t end = 0;
  for (size_t characters = 0; end < text.size() && characters < count; ++characters) {
    ++end;
    while (end < text.size() && (static_cast<uint8_t>(text[end]) & 0xC0) == 0x80) ++end;
  }
  return text.substr(0, end);
}

// "re.IGNORECASE|re.MULTILINE|0x400" as pattern_repr writes the flags.
std::string FlagsText(int64_t flags) {
  std::string text;
  for (const FlagName& flag : kFlagNames) {
    if ((flags & flag.bit) == 0) continue;
    if (!text.empty()) text += "|";
    text += flag.name;
    flags &= ~flag.bit;
  }
  if (flags != 0) absl::StrAppendFormat(&text, "%s0x%x", text.empty() ? "" : "|", flags);
  return text;
}

}  // namespace

void ReprNative(const Pattern& pattern, NativeText& out) {
  const bool is_str = pattern.pattern.kind() == Kind::kStr;
  const std::string repr = is_str ? ReprStr(pattern.pattern.as<Str>()->utf8)
                                  : ReprBytes(pattern.pattern.as<Bytes>()->data);
  int64_t flags = pattern.flags;
  if (is_str && (flags & kLocaleUnicodeAscii) == kUnicode) flags &= ~kUnicode;
  out.Text("re.compile(");
  out.Text(FirstCharacters(repr, 200));
  out.Text(flags != 0 ? absl::StrCat(", ", FlagsText(flags), ")") : ")");
}

void JsonNative(const Pattern& pattern, NativeText& out) {
  out.Text("{\"$pattern\":");
  out.Child(pattern.pattern);
  out.Text(absl::StrCat(",\"flags\":", pattern.flags, "}"));
}

// copyreg's reducer for Pattern (re._pickle): (re._compile, (pattern, flags)).
NativeHash HashNative(Heap& heap, const Pattern& pattern) {
  static const KeyTag kPatternKey;
  return HashedAs(heap, kPatternKey, {pattern.pattern, Value::Int(pattern.flags)});
}

absl::StatusOr<Reduced> ReduceNative(Heap& heap, const Pattern& pattern, int /*protocol*/) {
  const Value args[2] = {pattern.pattern, Value::Int(pattern.flags)};
  return ReduceTuple::Call(heap, "re", "_compile", args);
}

namespace {

RebuildResult RebuildPattern(Heap& heap, const Reconstruction& call) {
  std::span<const Value> args = CallArgs(call);
  if (!IsPlainCall(call) || call.has_state || args.size() != 2) return std::nullopt;
  std::optional<int64_t> flags = SmallInt(args[1]);
  if ((args[0].kind() != Kind::kStr && args[0].kind() != Kind::kBytes) || !flags || *flags < 0) {
    return std::nullopt;
  }
  return MakeBuiltinNative(heap, Pattern{args[0], *flags});
}

}  // namespace

ReconstructorSet ReSet() {
  ReconstructorSet set{"re", "re.Pattern (re._compile)"};
  set.reconstructors = {{"re", "_compile", RebuildPattern}};
  set.reducers = {ReducerFor<Pattern>()};
  return set;
}

}  // namespace brine

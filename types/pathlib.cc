// pathlib's pure and POSIX paths: text, repr, JSON, key, reduce and rebuild (see
// pathlib.h).
#include "brine/types/pathlib.h"

#include <algorithm>
#include <string_view>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "brine/types/call_args.h"
#include "brine/value/repr.h"

namespace brine {
namespace {

// Whether the first part is an anchor (drive and/or root) that the next
// part follows without a separator, as pathlib's _format_parsed_parts joins
// them: "/", "//", "C:\\", "C:", "\\\\server\\share\\".
bool IsAnchor(std::string_view part, PurePath::Flavour flavour) {
  if (flavour == PurePath::Flavour::kPosix) return part == "/" || part == "//";
  return (!part.empty() && part.back() == '\\') || (part.size() == 2 && part[1] == ':');
}

}  // namespace

std::string PurePath::text() const {
  if (parts.empty()) return ".";
  const std::string_view separator = flavour == Flavour::kPosix ? "/" : "\\";
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string_view part = parts[i].as<Str>()->utf8;
    if (i > 1 || (i == 1 && !IsAnchor(parts[0].as<Str>()->utf8, flavour))) text += separator;
    text += part;
  }
  return text;
}

std::string PurePath::posix_text() const {
  std::string text = this->text();
  if (flavour == Flavour::kWindows) std::replace(text.begin(), text.end(), '\\', '/');
  return text;
}

void ReprNative(const PurePath& path, NativeText& out) {
  out.Text(absl::StrCat(path.class_name, "(", ReprStr(path.posix_text()), ")"));
}

void JsonNative(const PurePath& path, NativeText& out) { out.Child(out.scratch().NewStr(path.text())); }

// PurePath.__reduce__: (self.__class__, tuple(self._parts)).
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const PurePath& path, int /*protocol*/) {
  return ReduceTuple::Call(heap, "pathlib", path.class_name, path.parts);
}

// PurePath.__eq__: the same flavour and equal parts (lowered on Windows).
NativeHash HashNative(Heap& heap, const PurePath& path) {
  static const KeyTag kPosixPathKey;
  static const KeyTag kWindowsPathKey;
  std::string text = path.text();
  if (path.flavour == PurePath::Flavour::kPosix) return HashedAs(heap, kPosixPathKey, {heap.NewStr(text)});
  if (!std::all_of(text.begin(), text.end(), [](char c) { return absl::ascii_isascii(static_cast<unsigned char>(c)); })) {
    return NativeHash{};
  }
  std::replace(text.begin(), text.end(), '/', '\\');
  return HashedAs(heap, kWindowsPathKey, {heap.NewStr(absl::AsciiStrToLower(text))});
}

namespace {

// The class `class_name` of `flavour`, rebuilt from its str parts.
SetRebuild PathRebuild(std::string class_name, PurePath::Flavour flavour) {
  return [class_name, flavour](Heap& heap, const Reconstruction& call) -> RebuildResult {
    if (!IsPlainCall(call) || call.has_state) return std::nullopt;
    PurePath path{class_name, flavour, {}};
    for (Value part : CallArgs(call)) {
      if (part.kind() != Kind::kStr || part.as<Str>()->utf8.empty()) return std::nullopt;
      path.parts.push_back(part);
    }
    return MakeBuiltinNative(heap, std::move(path));
  };
}

}  // namespace

ReconstructorSet PathlibSet() {
  ReconstructorSet set{"pathlib", "pathlib.PurePosixPath, PureWindowsPath, PosixPath"};
  set.reconstructors = {
      {"pathlib", "PurePosixPath", PathRebuild("PurePosixPath", PurePath::Flavour::kPosix)},
      {"pathlib", "PureWindowsPath", PathRebuild("PureWindowsPath", PurePath::Flavour::kWindows)},
      {"pathlib", "PosixPath", PathRebuild("PosixPath", PurePath::Flavour::kPosix)},
  };
  set.reducers = {ReducerFor<PurePath>()};
  return set;
}

}  // namespace brine

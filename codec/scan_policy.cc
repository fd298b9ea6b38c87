// JudgeName and ScanAllowList (see scan_policy.h), over the built-in allow
// list codec/scan_allow_list.inc and the dangerous names of
// codec/dangerous_names.h.
#include "brine/codec/scan_policy.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "brine/codec/dangerous_names.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

constexpr std::string_view kNotAllowed = "not on the allow list";

struct AllowedName {
  std::string_view module;
  std::string_view qualname;
  AllowKind kind;
};

// The kinds under the short names the table uses.
constexpr AllowKind kClass = AllowKind::kClass;
constexpr AllowKind kFunction = AllowKind::kFunction;
constexpr AllowKind kRebuildsFirstArgument = AllowKind::kRebuildsFirstArgument;
constexpr AllowKind kAttributeLookup = AllowKind::kAttributeLookup;

constexpr AllowedName kAllowList[] = {
#include "brine/codec/scan_allow_list.inc"
};

using NameKey = std::pair<std::string_view, std::string_view>;

const absl::flat_hash_map<NameKey, AllowKind>& AllowTable() {
  static const auto* table = [] {
    auto* map = new absl::flat_hash_map<NameKey, AllowKind>();
    for (const AllowedName& entry : kAllowList) map->emplace(NameKey(entry.module, entry.qualname), entry.kind);
    return map;
  }();
  return *table;
}

AllowKind BuiltInKind(std::string_view module, std::string_view qualname) {
  auto found = AllowTable().find(NameKey(module, qualname));
  return found == AllowTable().end() ? AllowKind::kNone : found->second;
}

// The kind of a "Class.*" entry covering qualname "Class.member".
AllowKind BuiltInMemberKind(std::string_view module, std::string_view qualname) {
  size_t dot = qualname.rfind('.');
  if (dot == std::string_view::npos) return AllowKind::kNone;
  std::string_view member = qualname.substr(dot + 1);
  if (member.empty() || member.starts_with('_')) return AllowKind::kNone;
  return BuiltInKind(module, absl::StrCat(ToAbsl(qualname.substr(0, dot)), ".*"));
}

bool IsIdentifier(std::string_view part) {
  if (part.empty() || (part[0] >= '0' && part[0] <= '9')) return false;
  for (char c : part) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              static_cast<unsigned char>(c) >= 0x80;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string_view ScanVerdictName(ScanVerdict verdict) {
  switch (verdict) {
    case ScanVerdict::kAllowed:
      return "allowed";
    case ScanVerdict::kUnknown:
      return "unknown";
    case ScanVerdict::kDangerous:
      return "dangerous";
  }
  return "unknown";
}

absl::Status ScanAllowList::Add(std::string_view entry) {
  for (absl::string_view part : absl::StrSplit(ToAbsl(entry), '.')) {
    if (!IsIdentifier(FromAbsl(part))) {
      return absl::InvalidArgumentError(
          absl::StrCat("allow-list entry '", ToAbsl(entry), "' is not MODULE or MODULE.NAME (dotted identifiers)"));
    }
  }
  entries_.emplace(entry);
  return absl::OkStatus();
}

absl::Status ScanAllowList::AddFileText(std::string_view text) {
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(ToAbsl(text), '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    absl::Status status = Add(FromAbsl(line));
    if (!status.ok()) return absl::InvalidArgumentError(absl::StrCat("line ", line_number, ": ", status.message()));
  }
  return absl::OkStatus();
}

bool ScanAllowList::Allows(std::string_view dotted_path) const {
  for (size_t end = dotted_path.find('.');; end = dotted_path.find('.', end + 1)) {
    if (entries_.contains(ToAbsl(dotted_path.substr(0, end)))) return true;
    if (end == std::string_view::npos) return false;
  }
}

NameJudgement JudgeName(std::string_view module, std::string_view qualname, const ScanAllowList* user) {
  if (AllowKind kind = BuiltInKind(module, qualname); kind != AllowKind::kNone) {
    return {ScanVerdict::kAllowed, kind, {}};
  }
  if (std::string_view danger = DangerOf(module, qualname); !danger.empty()) {
    return {ScanVerdict::kDangerous, AllowKind::kNone, danger};
  }
  if (AllowKind kind = BuiltInMemberKind(module, qualname); kind != AllowKind::kNone) {
    return {ScanVerdict::kAllowed, kind, {}};
  }
  if (user != nullptr && user->Allows(qualname.empty() ? std::string(module) : absl::StrCat(ToAbsl(module), ".", ToAbsl(qualname)))) {
    return {ScanVerdict::kAllowed, AllowKind::kClass, {}};
  }
  return {ScanVerdict::kUnknown, AllowKind::kNone, kNotAllowed};
}

}  // namespace brine

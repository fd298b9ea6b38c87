// How `brine scan` judges a name a pickle reaches: allowed (on the allow list,
// codec/scan_allow_list.inc, or the user's), dangerous (codec/dangerous_names.h
// knows it runs code, with the reason) or unknown (on neither list: review).
//
//   brine::ScanAllowList mine;
//   if (absl::Status s = mine.Add("mypackage.models"); !s.ok()) ...
//   brine::NameJudgement j = brine::JudgeName("mypackage.models", "Task", &mine);
//   // j.verdict == brine::ScanVerdict::kAllowed
//
// The order of the checks (docs/SCAN.md): an exact entry of the built-in allow
// list, then the dangerous names, then the built-in list's "Class.*" entries
// and the user's list; anything else is unknown.
#ifndef BRINE_CODEC_SCAN_POLICY_H_
#define BRINE_CODEC_SCAN_POLICY_H_

#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"

namespace brine {

// Ordered from best to worst, so the worst of several is their maximum.
enum class ScanVerdict { kAllowed, kUnknown, kDangerous };

// "allowed", "unknown", "dangerous".
std::string_view ScanVerdictName(ScanVerdict verdict);

// What calling an allowed name gives (see codec/scan_allow_list.inc).
enum class AllowKind { kNone, kClass, kFunction, kRebuildsFirstArgument, kAttributeLookup };

struct NameJudgement {
  ScanVerdict verdict = ScanVerdict::kUnknown;
  // kNone unless allowed.
  AllowKind kind = AllowKind::kNone;
  // Why: the danger, "not on the allow list", or empty when allowed.
  std::string_view reason;
};

// The user's own allowed names: "module" allows everything in that module and
// its submodules; "module.Name" allows that name and everything reached
// through it (its methods, its members). Matched against the whole dotted path
// module.qualname, so "mypackage" + "models.Task" and "mypackage.models" +
// "Task" are both allowed by "mypackage". Dangerous names stay dangerous.
class ScanAllowList {
 public:
  // Adds one entry: dotted Python identifiers, e.g. "mypackage.models.Task".
  absl::Status Add(std::string_view entry);
  // Adds the entries of an allow-list file: one per line, blank lines and
  // text after '#' ignored. Errors name the line.
  absl::Status AddFileText(std::string_view text);
  // True when `dotted_path` or one of its dotted prefixes was added.
  bool Allows(std::string_view dotted_path) const;

 private:
  absl::flat_hash_set<std::string> entries_;
};

// The judgement of the object find_class gives for (module, qualname) once
// Python 2 names are mapped; `user` may be null.
NameJudgement JudgeName(std::string_view module, std::string_view qualname, const ScanAllowList* user);

}  // namespace brine

#endif  // BRINE_CODEC_SCAN_POLICY_H_

// The "pathlib" set: pathlib.PurePosixPath, PureWindowsPath and PosixPath,
// pickled as `cls(*parts)`. repr is CPython's `PurePosixPath('/a/b')`
// (as_posix() text, so `PureWindowsPath('C:/x')`), JSON str(path)
// ("C:\\x" for a Windows path).
#ifndef BRINE_TYPES_PATHLIB_H_
#define BRINE_TYPES_PATHLIB_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "brine/registry/reconstructor_set.h"
#include "brine/value/native_format.h"
#include "brine/value/value.h"

namespace brine {

struct PurePath {
  enum class Flavour { kPosix, kWindows };
  std::string class_name;        // "PurePosixPath", "PureWindowsPath" or "PosixPath"
  Flavour flavour = Flavour::kPosix;
  std::vector<Value> parts;      // str Values: the anchor (drive + root) first, if any

  // str(path): "/a/b", "C:\\x\\y", "." for no parts.
  std::string text() const;
  // path.as_posix().
  std::string posix_text() const;
};

void ReprNative(const PurePath& path, NativeText& out);
void JsonNative(const PurePath& path, NativeText& out);
absl::StatusOr<Reduced> ReduceNative(Heap& heap, const PurePath& path, int protocol);
// As a key, its flavour and text: PurePosixPath('a') == PosixPath('a'); a
// Windows path's text compared without case when it is ASCII (by identity
// otherwise: Python lowers it with str.lower()).
NativeHash HashNative(Heap& heap, const PurePath& path);

ReconstructorSet PathlibSet();

}  // namespace brine

#endif  // BRINE_TYPES_PATHLIB_H_

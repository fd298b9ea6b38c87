// Test helper: runs CPython 3 (`python3`, the project's oracle) on a script
// and returns what it printed, so registry tests compare against CPython at
// test time instead of pasting expected values.
#ifndef BRINE_REGISTRY_PYTHON_ORACLE_H_
#define BRINE_REGISTRY_PYTHON_ORACLE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace brine::testing {

// Runs `python3` on `script` with `stdin_bytes` on its standard input; returns
// its standard output, or an error carrying its standard error when it fails.
absl::StatusOr<std::string> RunPython(std::string_view script, std::string_view stdin_bytes = "");

}  // namespace brine::testing

#endif  // BRINE_REGISTRY_PYTHON_ORACLE_H_

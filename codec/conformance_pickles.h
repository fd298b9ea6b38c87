// Test helper: the conformance suite's pickles (tests/conformance/cases.py),
// written by CPython at test time, for the encoder's byte-identity test and
// the optimizer's test. The test target needs
// data = ["//tests/conformance:cases.py", "//tests/conformance:fixtures.py"].
#ifndef BRINE_CODEC_CONFORMANCE_PICKLES_H_
#define BRINE_CODEC_CONFORMANCE_PICKLES_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace brine {

struct ConformancePickle {
  std::string name;   // "<category>/<detail>"
  int protocol = -1;  // the protocol pickle.dumps used; -1 for hand-written pickles
  std::string data;   // the pickle
  std::string extra;  // what `extra_expression` computed from it (bytes), if given
};

// Every conformance pickle: pickle.dumps of each case at each of its
// protocols, then the hand-written ones. When `extra_expression` is not
// empty, it is a Python expression over the bytes `data` (for example
// "pickletools.optimize(data)") evaluated for each pickle, with pickle,
// pickletools and the fixtures module imported.
absl::StatusOr<std::vector<ConformancePickle>> LoadConformancePickles(std::string_view extra_expression = "");

}  // namespace brine

#endif  // BRINE_CODEC_CONFORMANCE_PICKLES_H_

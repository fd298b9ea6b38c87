// The README's C++ quick start, compiled so it stays true: decode a pickle,
// print it as Python's repr() would, and encode it again at protocol 4.
//
//   bazel run //examples:quick_start -- examples/task_queue.pkl
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "brine/brine.h"

// README snippet starts here.
absl::Status RoundTrip(std::string_view pickle_bytes) {
  absl::StatusOr<brine::Document> doc = brine::Decode(pickle_bytes);
  if (!doc.ok()) return doc.status();          // e.g. "BINUNICODE at offset 17: ..."
  absl::StatusOr<std::string> text = brine::Repr(doc->root());
  if (!text.ok()) return text.status();
  std::cout << *text << "\n";                  // {'id': 7, 'args': [1, 2.5, b'\x00']}
  absl::StatusOr<std::string> out = brine::Encode(doc->root(), {.protocol = 4});
  if (!out.ok()) return out.status();          // `out` is what pickle.dumps(value, 4) writes
  // README snippet ends here.
  std::cout << (*out == pickle_bytes ? "re-encoded at protocol 4: identical bytes\n"
                                     : "re-encoded at protocol 4: different bytes\n");
  return absl::OkStatus();
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: quick_start FILE.pkl\n";
    return 2;
  }
  const char* base = std::getenv("BUILD_WORKING_DIRECTORY");  // set by `bazel run`
  std::string path = (base != nullptr && argv[1][0] != '/') ? std::string(base) + "/" + argv[1] : argv[1];
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot open " << path << "\n";
    return 1;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  absl::Status status = RoundTrip(bytes.str());
  if (!status.ok()) {
    std::cerr << status << "\n";
    return 1;
  }
  return 0;
}

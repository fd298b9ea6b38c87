// A program outside brine that uses it (the CMake consumer, built by
// tools/consumers_test.sh): decodes the pickle IN that CPython wrote, prints
// it as Python's repr() would, and writes to OUT a pickle of
// {'echo': <what it read>, 'from': 'cmake consumer', 'squares': [1, 4, 9]}
// for CPython to load.   Usage: app IN.pkl OUT.pkl
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "brine/brine.h"

constexpr char kConsumer[] = "cmake consumer";

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: app IN.pkl OUT.pkl\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();

  absl::StatusOr<brine::Document> doc = brine::Decode(bytes.str());
  if (!doc.ok()) {
    std::cerr << doc.status() << "\n";
    return 1;
  }
  absl::StatusOr<std::string> text = brine::Repr(doc->root());
  if (!text.ok()) {
    std::cerr << text.status() << "\n";
    return 1;
  }
  std::cout << *text << "\n";

  brine::Builder b(doc->heap());
  brine::Value reply = b.Dict({{"echo", doc->root()}, {"from", kConsumer}, {"squares", std::vector<int>{1, 4, 9}}});
  if (!b.status().ok()) {
    std::cerr << b.status() << "\n";
    return 1;
  }
  absl::StatusOr<std::string> out = brine::Encode(reply, {.protocol = 5});
  if (!out.ok()) {
    std::cerr << out.status() << "\n";
    return 1;
  }
  std::ofstream(argv[2], std::ios::binary) << *out;
  return 0;
}

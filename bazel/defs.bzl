"""Rules for brine's own targets: the C++ standard and the include prefix.

Every brine target compiles as C++20 through its own copts, so neither brine's
workspace nor a workspace that depends on brine needs a .bazelrc line. Every
header is included as `brine/` plus its path in the repository
(`#include "brine/codec/decoder.h"`), in Bazel as in CMake.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_library", "cc_test")

# The C++ standard brine is written in. Code that includes brine's headers
# needs it too (a consumer's own target sets `copts = ["-std=c++20"]`).
BRINE_COPTS = ["-std=c++20"]

def _include_prefix():
    package = native.package_name()
    return "brine/" + package if package else "brine"

def brine_cc_library(name, copts = [], **kwargs):
    cc_library(
        name = name,
        copts = BRINE_COPTS + copts,
        include_prefix = _include_prefix(),
        **kwargs
    )

def brine_cc_binary(name, copts = [], **kwargs):
    cc_binary(name = name, copts = BRINE_COPTS + copts, **kwargs)

def brine_cc_test(name, copts = [], **kwargs):
    cc_test(name = name, copts = BRINE_COPTS + copts, **kwargs)

#!/bin/bash
# Installs what building and testing brine needs on Debian 12, if missing:
# Bazel (Debian's bazel-bootstrap 4.2.3), g++, clang 14 with its sanitizer
# runtimes and lld (the ASan/UBSan build and the fuzzers), Abseil, simdjson (its UTF-8
# validator), GoogleTest, Google Benchmark, Python 3, CMake and pkg-config
# (the CMake build and the consumers of tools/consumers_test.sh), and
# Debian's numpy, pandas, scikit-learn, setuptools and pip for
# /usr/bin/python3 (the numpy tests in types/numpy/ make their pickles with
# it, as does cli/scan_corpus_test: benign scientific objects, and
# code-running pickles through setuptools' and pip's process spawners).
# Quiet and quick when everything is present; runs `apt-get update` only
# when something has to be installed.
set -euo pipefail

packages=(bazel-bootstrap g++ clang-14 libclang-rt-14-dev lld libabsl-dev libsimdjson-dev libgtest-dev libbenchmark-dev cmake pkg-config
          python3-numpy python3-pandas python3-sklearn python3-setuptools python3-pip)
command -v python3 >/dev/null 2>&1 || packages+=(python3)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
echo "tools/setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null

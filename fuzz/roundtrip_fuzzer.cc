// Fuzz target: what brine decodes, brine must write back faithfully.
//
// For every input that decodes, the root is encoded at the pickle's own
// protocol and at protocols 0 and 5, with fix_imports off on both sides (the
// Python 2 name tables are not one-to-one: CPython itself writes
// _functools.reduce as __builtin__.reduce and reads that back as
// functools.reduce). Each encoding that succeeds must decode again, to a value
// with the same repr(), and encoding that second value at the same protocol
// must give the same bytes. Protocol 2 with fix_imports on is checked only
// for giving a pickle that decodes, and only for graphs whose globals that
// mapping gives back unchanged. Any violation aborts with a description,
// so libFuzzer records the input as a crash. An encoding error is accepted:
// some values have no form at some protocols (out-of-band buffers below
// protocol 5, for one). Reprs are compared up to 64 KiB (fuzz_options.h).
//
// Graphs holding a value written in a form that reads back as something else
// get the stability check but not the repr comparison at that protocol (see
// fuzz/README.md). As CPython's pickler writes them:
// - below protocol 2, an instance with list or dict items (a list or dict
//   subclass) becomes copyreg._reconstructor(cls, list_or_dict, items), which
//   the decoder keeps as that Reduce (and which fails to decode when a dict
//   item's key is unhashable, as only a real dict needs it hashable);
// - at protocol 0, a persistent id that is not a str is written as its str()
//   (PERSID "('ref', 'one')");
// - below protocol 4, a global with a dotted qualname (`m.Outer.Inner`) is
//   written as getattr(m.Outer, 'Inner'), which the decoder keeps as that
//   Reduce;
// - an out-of-band buffer is written with NEXT_BUFFER at each reference, never
//   memoized, so buffers are renumbered in the order they are written.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "brine/codec/decoder.h"
#include "brine/codec/encoder.h"
#include "brine/codec/opcode_reader.h"
#include "brine/codec/opcodes.h"
#include "brine/codec/python2_names.h"
#include "brine/fuzz/fuzz_options.h"
#include "brine/fuzz/graph_checks.h"
#include "brine/value/repr.h"

namespace {

// The protocol the pickle asks for: the highest of its PROTO argument (at most
// kHighestProtocol) and the protocols of the opcodes read up to STOP or the
// first unreadable byte.
int PickleProtocol(std::string_view input) {
  int protocol = 0;
  size_t pos = 0;
  while (pos < input.size()) {
    absl::StatusOr<brine::Instruction> in = brine::ReadInstruction(input, pos);
    if (!in.ok()) break;
    protocol = std::max(protocol, in->info->protocol);
    if (in->info->op == brine::Op::kProto) {
      protocol = std::max<int64_t>(protocol, std::min<int64_t>(in->arg.integer, brine::kHighestProtocol));
    }
    if (in->info->op == brine::Op::kStop) break;
    pos = in->end;
  }
  return protocol;
}

// repr() of a value, or the error text when repr fails (an int too long to
// print, or more than the fuzz limit), so that two values can be compared
// either way.
std::string ReprOrError(brine::Value value) {
  absl::StatusOr<std::string> repr = brine::Repr(value, brine::fuzz::FuzzReprOptions());
  return repr.ok() ? *repr : "<repr failed: " + repr.status().ToString() + ">";
}

[[noreturn]] void Fail(int protocol, std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "roundtrip at protocol %d: ", protocol);
  // fwrite, not %s: reprs of fuzzed names may hold NUL bytes.
  std::fwrite(what.data(), 1, what.size(), stderr);
  std::fputc('\n', stderr);
  std::fwrite(detail.data(), 1, detail.size(), stderr);
  std::fputc('\n', stderr);
  std::abort();
}

// Options for decoding brine's own output: the same kind of decoding as the
// first time, under the default limits, which leave room for the bigger forms
// of low protocols (a tuple nested n deep by TUPLE1 needs n MARKs at
// protocol 0, and n is below the input's size).
brine::DecodeOptions RedecodeOptions(size_t input_size, bool fix_imports) {
  brine::DecodeOptions options;
  options.fix_imports = fix_imports;
  options.buffer_placeholders = true;
  options.keep_unregistered_extensions = true;
  options.limits.max_mark_depth = std::max(options.limits.max_mark_depth, input_size);
  return options;
}

// True when `value` is written at `protocol` in a form that reads back as a
// different value (the cases listed at the top of this file).
bool ChangesWhenWritten(brine::Value value, int protocol) {
  if (value.kind() == brine::Kind::kInstance) {
    const brine::Instance* instance = value.as<brine::Instance>();
    return protocol < 2 && (!instance->list_items.empty() || !instance->dict_items.empty());
  }
  if (value.kind() == brine::Kind::kGlobal) {
    return protocol < 4 && value.as<brine::Global>()->qualname.find('.') != std::string_view::npos;
  }
  if (value.kind() == brine::Kind::kBuffer) return !value.as<brine::Buffer>()->has_data;
  if (value.kind() == brine::Kind::kPersistentId && protocol == 0) {
    return value.as<brine::PersistentId>()->pid.kind() != brine::Kind::kStr;
  }
  return false;
}

void CheckRoundTrip(brine::Value root, const std::string& original_repr, int protocol, size_t input_size) {
  brine::EncodeOptions encode_options;
  encode_options.protocol = protocol;
  encode_options.fix_imports = false;
  absl::StatusOr<std::string> encoded = brine::Encode(root, encode_options);
  if (!encoded.ok()) return;

  absl::StatusOr<brine::Document> again = brine::Decode(*encoded, RedecodeOptions(input_size, false));
  const bool lossy = brine::fuzz::AnyReachable(root, [protocol](brine::Value v) { return ChangesWhenWritten(v, protocol); });
  if (!again.ok()) {
    if (lossy && absl::StrContains(again.status().message(), "unhashable type")) return;
    Fail(protocol, "brine's output does not decode", again.status().ToString());
  }
  if (!lossy) {
    const std::string again_repr = ReprOrError(again->root());
    if (again_repr != original_repr) {
      Fail(protocol, "repr changed", "before: " + original_repr + "\nafter:  " + again_repr);
    }
  }

  absl::StatusOr<std::string> reencoded = brine::Encode(again->root(), encode_options);
  if (!reencoded.ok()) Fail(protocol, "decoded output no longer encodes", reencoded.status().ToString());
  if (*reencoded != *encoded) Fail(protocol, "encoding is not stable across a round trip", original_repr);
}

// Whether `value` is a Global that writing with fix_imports and reading back
// names otherwise: the Python 2 names are not one-to-one with Python 3 ones,
// so a `__builtin__.sut` that a protocol 4 pickle names as it is (no mapping
// there) reads back as builtins.sut, which brine refuses as CPython does, and
// a call of `__builtin__.frozenset` as a call of the real frozenset.
bool RenamedByFixImports(brine::Value value) {
  if (value.kind() != brine::Kind::kGlobal) return false;
  const brine::Global* global = value.as<brine::Global>();
  const brine::QualifiedName name{global->module, global->qualname};
  return brine::Py2ToPy3(brine::Py3ToPy2(name)) != name;
}

void CheckFixImportsDecodes(brine::Value root, size_t input_size) {
  brine::EncodeOptions encode_options;
  encode_options.protocol = 2;
  encode_options.fix_imports = true;
  absl::StatusOr<std::string> encoded = brine::Encode(root, encode_options);
  if (!encoded.ok()) return;
  absl::StatusOr<brine::Document> again = brine::Decode(*encoded, RedecodeOptions(input_size, true));
  if (!again.ok() && !brine::fuzz::AnyReachable(root, RenamedByFixImports)) {
    Fail(2, "brine's output with fix_imports does not decode", again.status().ToString());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<brine::Document> doc = brine::Decode(input, brine::fuzz::TranscodeDecodeOptions());
  if (!doc.ok()) return 0;
  const std::string original_repr = ReprOrError(doc->root());

  std::vector<int> protocols = {PickleProtocol(input), 0, brine::kHighestProtocol};
  std::sort(protocols.begin(), protocols.end());
  protocols.erase(std::unique(protocols.begin(), protocols.end()), protocols.end());
  for (int protocol : protocols) CheckRoundTrip(doc->root(), original_repr, protocol, size);
  CheckFixImportsDecodes(doc->root(), size);
  return 0;
}

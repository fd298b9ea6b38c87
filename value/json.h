// A value graph as JSON text (what `brine json` prints).
//
//   absl::StatusOr<std::string> json = brine::ToJson(document.root());
//
// Mapping (also printed by `brine json --help`):
//   None, bool            null, true, false
//   int (any size)        a JSON number with every digit
//   float                 a number in Python's shortest repr (1.5, 1e+16);
//                         inf, -inf, nan as {"$float": "inf"} etc.
//   str                   a string (UTF-8; lone surrogates as \udXXX escapes)
//   list, tuple           an array
//   dict                  an object when every key is a str, else
//                         {"$dict": [[key, value], ...]}
//   bytes, bytearray      {"$bytes": "<base64>"}, {"$bytearray": "<base64>"}
//   set, frozenset        {"$set": [...]}, {"$frozenset": [...]}
//   complex               {"$complex": [real, imag]}
//   global                {"$global": "module.qualname"}
//   instance              {"$instance": "module.Class", "args": [...], "kwargs": {...},
//                          "state": ..., "listitems": [...], "dictitems": [[k, v], ...]}
//                         (members present only when set)
//   reduce call           {"$reduce": "module.function", "args": [...], then as instance}
//   bound method          {"$method": "name", "self": ...}
//   persistent id         {"$persistent_id": pid}
//   out-of-band buffer    {"$buffer": index, "readonly": bool, "data": "<base64>"}
//   C++ object            its format's JSON when it has one (value/native_format.h:
//                         the built-in types, "2024-03-01"), else {"$native": "type name"}
//   a container inside itself  {"$recursion": true}
// Shared (non-cyclic) references are written out in full at each use.
#ifndef BRINE_VALUE_JSON_H_
#define BRINE_VALUE_JSON_H_

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "brine/value/bigint.h"
#include "brine/value/repr.h"
#include "brine/value/value.h"

namespace brine {

struct JsonOptions {
  // Most decimal digits in an int written; 0 means no limit.
  size_t max_int_digits = kDefaultMaxIntDigits;
  // Longest text ToJson may produce, in bytes; 0 means no limit. Shared
  // objects are written at each use, so a small pickle can stand for 2**40
  // values.
  size_t max_output_bytes = kDefaultMaxReprBytes;
};

// JSON for `root`, without a trailing newline. Fails with InvalidArgument
// when an int has more than `max_int_digits` decimal digits, with
// ResourceExhausted when the text would be longer than `max_output_bytes`.
// Never recurses.
absl::StatusOr<std::string> ToJson(Value root, const JsonOptions& options = {});

// The same JSON, handed to `flush` in chunks of about 64 KiB as it is produced
// (value/text_output.h). On an error, what was flushed stays flushed: past
// `max_output_bytes`, exactly the first `max_output_bytes` bytes.
absl::Status WriteJson(Value root, TextOutput::Flush flush, const JsonOptions& options = {});

}  // namespace brine

#endif  // BRINE_VALUE_JSON_H_

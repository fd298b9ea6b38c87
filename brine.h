// brine: read and write Python pickles (protocols 0 to 5) from C++.
//
// The one header for the common case; include it as "brine/brine.h" and link
// //:brine_lib (Bazel), brine::brine (CMake) or `pkg-config --libs brine`.
//
//   absl::StatusOr<brine::Document> doc = brine::Decode(pickle_bytes);
//   if (!doc.ok()) return doc.status();       // "BINUNICODE at offset 17: ..."
//   std::cout << *brine::Repr(doc->root());   // as Python's repr() prints it
//   absl::StatusOr<std::string> out = brine::Encode(doc->root(), {.protocol = 4});
//
// What each part offers:
//   value/     Value, Heap, Document, Builder; Repr, ToJson, PyEquals/PyHash
//   codec/     Decode/DecodeStream/DecodeFile, Encode/EncodeTo, Disassemble,
//              Optimize, Scan, extension codes, Python 2 names
//   registry/  Registry: reconstructors, classes with C3 MRO, bound methods,
//              typed methods (Def, Self<T>), reducers, the policy for names
//              nothing registered
//   facade/    Decode/Encode through a Registry; typed Encode(registry, T) and
//              Decode<T>(registry, bytes)
//   types/     the standard library's types rebuilt by every Registry
//              (DateTime, Decimal, Uuid, OrderedDict, ...; docs/TYPES.md)
#ifndef BRINE_BRINE_H_
#define BRINE_BRINE_H_

#include "brine/codec/decoder.h"
#include "brine/codec/disassembler.h"
#include "brine/codec/encoder.h"
#include "brine/codec/extension_codes.h"
#include "brine/codec/optimizer.h"
#include "brine/codec/scanner.h"
#include "brine/codec/sink.h"
#include "brine/facade/registry_codec.h"
#include "brine/registry/registry.h"
#include "brine/registry/typed_method.h"
#include "brine/types/array.h"
#include "brine/types/builtin_types.h"
#include "brine/types/collections.h"
#include "brine/types/datetime.h"
#include "brine/types/decimal.h"
#include "brine/types/fraction.h"
#include "brine/types/pathlib.h"
#include "brine/types/pattern.h"
#include "brine/types/uuid.h"
#include "brine/value/builder.h"
#include "brine/value/document.h"
#include "brine/value/equality.h"
#include "brine/value/json.h"
#include "brine/value/repr.h"
#include "brine/value/value.h"

#endif  // BRINE_BRINE_H_

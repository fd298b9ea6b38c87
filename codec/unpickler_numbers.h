// The text numbers of protocol 0 (INT, LONG, FLOAT, GET/PUT keys) read the
// way CPython's C unpickler (pickle.loads) reads them, which is looser than
// the int()/float() pickletools uses (see codec/dis_argument.cc for those):
//
//   INT:   strtol(line, base 0) (leading whitespace, sign, 0x.. hex, 0..
//          octal); a two-character line it reads wholly as 0 or 1 is a bool
//          ("00", "+1", " 0", "-0"); when strtol stops early or overflows,
//          int(line, 0) as PyLong_FromString does (underscores, 0x/0o/0b,
//          surrounding whitespace, no C-style octal).
//   LONG:  int(line, 0) as PyLong_FromString does (the reader drops a trailing L).
//   GET, PUT keys: int(line, 10) as PyLong_FromString does, within int64.
//   FLOAT: PyOS_string_to_double on the line: no whitespace or underscores,
//          inf/infinity/nan in any case, a finite literal too large refused.
// Like the C code these read the line as a C string: a NUL byte ends it.
#ifndef BRINE_CODEC_UNPICKLER_NUMBERS_H_
#define BRINE_CODEC_UNPICKLER_NUMBERS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// INT's argument (the line without its "\n") as an int or bool Value. Decimal
// texts longer than `max_digits` digits are refused (0: no limit).
absl::StatusOr<Value> UnpicklerIntFromText(Heap& heap, std::string_view line, size_t max_digits);

// LONG's argument (without "\n" and trailing "L") as an int Value.
absl::StatusOr<Value> UnpicklerLongFromText(Heap& heap, std::string_view line, size_t max_digits);

// A GET/PUT memo key; fails when it is no int or does not fit an int64.
absl::StatusOr<int64_t> UnpicklerMemoKeyFromText(std::string_view line);

// FLOAT's argument as a double.
absl::StatusOr<double> UnpicklerFloatFromText(std::string_view line);

}  // namespace brine

#endif  // BRINE_CODEC_UNPICKLER_NUMBERS_H_

// How a C++ object held in a Native node prints itself: its repr() text and
// its JSON, each written as raw text pieces with child Values between them.
// Repr and ToJson (repr.h, json.h) print the children with the same
// non-recursive writers as every other value, so an OrderedDict of lists of
// datetimes prints without the native stack growing with the nesting.
//
//   void ReprDeque(const void* object, NativeText& out) {
//     const Deque& deque = *static_cast<const Deque*>(object);
//     out.Text("deque([");
//     ... out.Child(item); out.Text(", "); ...
//     out.Text("])");
//   }
//   const NativeFormat kDequeFormat = {ReprDeque, JsonDeque};
//   native->format = &kDequeFormat;
//
// A Native with a format prints through it (repr and JSON); one without
// prints as its origin (repr.h). A Native met again inside itself prints
// `...` in repr and {"$recursion": true} in JSON.
//
// How a Native hashes (Native::hash) is said with Unhashable / HashedAs
// below, keys of several fields led by a KeyTag.
#ifndef BRINE_VALUE_NATIVE_FORMAT_H_
#define BRINE_VALUE_NATIVE_FORMAT_H_

#include <algorithm>
#include <cassert>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "brine/value/heap.h"
#include "brine/value/value.h"

namespace brine {

// The pieces a format writes, in order.
class NativeText {
 public:
  struct Piece {
    std::string text;  // raw text, when `child` is unset
    bool is_child = false;
    Value child;
  };

  // `scratch` is where values made only to be printed live (created on the
  // first call of scratch()); it belongs to the writer and outlives the
  // pieces.
  explicit NativeText(std::unique_ptr<Heap>& scratch) : scratch_(scratch) {}

  // Appends raw text: repr text, or JSON text that must be valid where it
  // stands (a JSON string needs its quotes and escapes: use Child(a Str)).
  void Text(std::string_view text) {
    if (pieces_.empty() || pieces_.back().is_child) pieces_.push_back({});
    pieces_.back().text += text;
  }
  // Appends `value` printed as the writer prints values (repr or JSON).
  void Child(Value value) { pieces_.push_back({{}, true, value}); }
  // A heap for values built only to be printed (JSON strings, lists).
  Heap& scratch() {
    if (scratch_ == nullptr) scratch_ = std::make_unique<Heap>();
    return *scratch_;
  }

  std::vector<Piece>& pieces() { return pieces_; }

 private:
  std::unique_ptr<Heap>& scratch_;
  std::vector<Piece> pieces_;
};

// The two printers of one C++ type; `object` is Native::pointer.
struct NativeFormat {
  void (*repr)(const void* object, NativeText& out);
  void (*json)(const void* object, NativeText& out);
};

// The first item of a by-value key (NativeHash, value/value.h): one static
// KeyTag per kind of value (dates, UUIDs, paths, ...). No pickle can hold
// it, so a key never equals a decoded tuple, and keys of two kinds never
// equal each other.
class KeyTag {
 public:
  KeyTag() { object_.kind = Kind::kNative; }
  KeyTag(const KeyTag&) = delete;
  KeyTag& operator=(const KeyTag&) = delete;
  Value value() const { return Value::FromObject(&object_); }

 private:
  mutable Native object_;
};

// What a type's hashing says of one object (NativeHash): unhashable with
// CPython's message, hashed and compared as the number `key`, or as the
// tuple (tag, fields...).
inline NativeHash Unhashable(std::string_view message) {
  return {NativeHash::Mode::kUnhashable, message, Value()};
}
inline NativeHash HashedAs(Value key) { return {NativeHash::Mode::kByKey, {}, key}; }
inline NativeHash HashedAs(Heap& heap, const KeyTag& tag, std::initializer_list<Value> fields) {
  constexpr size_t kMaxFields = 3;
  assert(fields.size() <= kMaxFields);
  Value items[kMaxFields + 1] = {tag.value()};
  std::copy(fields.begin(), fields.end(), items + 1);
  return HashedAs(heap.NewTuple(std::span<const Value>(items, fields.size() + 1)));
}

}  // namespace brine

#endif  // BRINE_VALUE_NATIVE_FORMAT_H_

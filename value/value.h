// brine's object model: `Value`, a 16-byte handle to one Python object.
//
// A Value is either an inline scalar (None, bool, int64, float) or a pointer
// to an object owned by a `Heap` (value/heap.h). Values are cheap to copy and
// never own anything: the Heap (usually inside a `Document`) owns every object
// and frees them all at once, so cycles and shared references cost nothing.
// Two Values pointing at the same heap object are the same Python object
// (identity is pointer equality); see value/equality.h for Python `==`.
//
//   brine::Document doc = ...;           // from brine::Decode(...)
//   brine::Value v = doc.root();
//   if (v.kind() == brine::Kind::kList)
//     for (brine::Value item : v.as<brine::List>()->items) ...
//
// Heap object structs are plain aggregates, allocated in the arena and never
// destroyed one by one: their members use the Heap's polymorphic allocator.
#ifndef BRINE_VALUE_VALUE_H_
#define BRINE_VALUE_VALUE_H_

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <memory_resource>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace brine {

// Every kind of Python object brine models.
enum class Kind : uint8_t {
  kNone,
  kBool,
  kInt,           // inline int64
  kFloat,         // inline double
  kBigInt,        // BigInt: ints that do not fit int64
  kComplex,       // Complex
  kStr,           // Str
  kBytes,         // Bytes
  kByteArray,     // Bytes (mutable in Python, same layout here)
  kTuple,         // Tuple
  kList,          // List
  kDict,          // Dict
  kSet,           // Set
  kFrozenSet,     // Set
  kGlobal,        // Global: a module-level name such as `collections.OrderedDict`
  kInstance,      // Instance: cls.__new__(cls, *args, **kwargs) plus state
  kReduce,        // Reduce: callable(*args) plus state, list items, dict items
  kBoundMethod,   // BoundMethod: getattr(self, name)
  kPersistentId,  // PersistentId: a reference resolved by the application
  kBuffer,        // Buffer: an out-of-band PickleBuffer (protocol 5)
  kNative,        // Native: a C++ object owned by the registry's reconstructors
};

// Python's name for a kind, as `type(x).__name__` says it ("int", "list", ...).
std::string_view KindName(Kind kind);

// One-byte bytes are shared singletons in CPython (b'a' is bytes([97])), so
// the encoder writes a second reference to one as a memo reference. Not so
// for a one-byte bytes object whose data is FreshByte(byte): CPython's
// unpickler makes BINBYTES/SHORT_BINBYTES of length 1 as new objects, and
// the decoder gives them this data to say so.
std::string_view FreshByte(uint8_t byte);
bool IsFreshByte(std::string_view data);

// Whether a kind is something the pickle names or a call produces (a global,
// an instance, a call's result, a bound method, a persistent id, a C++
// object), never plain data: what may stand for a callable or a class.
constexpr bool IsReferenceKind(Kind kind) {
  switch (kind) {
    case Kind::kGlobal:
    case Kind::kInstance:
    case Kind::kReduce:
    case Kind::kBoundMethod:
    case Kind::kPersistentId:
    case Kind::kNative:
      return true;
    default:
      return false;
  }
}

// Whether a heap object of `kind` is a T (specialized below for each struct).
template <typename T>
constexpr bool HoldsStruct(Kind kind);

// Common header of every heap object; `kind` says which struct follows.
// `id` numbers the objects of one Heap in allocation order (0, 1, 2, ...), so
// a pass over a graph can keep per-object state in a vector indexed by it, as
// the encoder's memo does. Ids are not identities: objects of two Heaps may
// share one, and an object made outside a Heap has id 0.
struct Object {
  Kind kind;
  uint32_t id = 0;
};

class Value {
 public:
  // None.
  constexpr Value() : header_(Header(Kind::kNone, 0)), i_(0) {}
  static constexpr Value None() { return Value(); }
  static constexpr Value Bool(bool b) { return Value(Kind::kBool, b ? 1 : 0); }
  static constexpr Value Int(int64_t i) { return Value(Kind::kInt, i); }
  static Value Float(double d) {
    Value v;
    v.header_ = Header(Kind::kFloat, 0);
    v.d_ = d;
    return v;
  }
  // A float with an identity, for NaNs: Python finds a dict key or set
  // element by identity before equality, so the same NaN object stored twice
  // is one key while two NaNs read separately are two. The decoder numbers
  // each NaN it reads (1, 2, ...); copies of the Value are the same object.
  static Value Float(double d, uint32_t identity) {
    Value v = Float(d);
    v.header_ = Header(Kind::kFloat, identity);
    return v;
  }
  // Wraps a heap object; `object` must outlive every copy of the Value.
  static Value FromObject(Object* object) {
    Value v;
    v.header_ = Header(object->kind, object->id);
    v.object_ = object;
    return v;
  }

  Kind kind() const { return static_cast<Kind>(static_cast<uint8_t>(header_)); }
  bool is_none() const { return kind() == Kind::kNone; }
  // True for kinds stored in the heap (everything but None/bool/int/float).
  bool is_object() const { return kind() > Kind::kFloat; }

  // Accessors; calling one for the wrong kind is a programming error, which
  // as<T>() asserts against in debug and sanitizer builds.
  bool as_bool() const { return i_ != 0; }
  int64_t as_int() const { return i_; }
  double as_float() const { return d_; }
  Object* object() const { return is_object() ? object_ : nullptr; }
  // The object's Object::id, carried in the handle so that a table indexed
  // by it is reached without loading the object; 0 for an inline scalar
  // except a float given an identity (Float(d, identity)).
  uint32_t object_id() const { return static_cast<uint32_t>(header_ >> 32); }
  template <typename T>
  T* as() const {
    assert(is_object() && HoldsStruct<T>(kind()));
    return static_cast<T*>(object_);
  }

  // Identity: same inline scalar, or same heap object (Python's `is`, except
  // that equal small scalars are always identical here, and floats are
  // identical when their bits and identities (Float(d, identity)) are).
  friend bool operator==(const Value& a, const Value& b) {
    return a.kind() == b.kind() && a.i_ == b.i_ && (a.kind() != Kind::kFloat || a.object_id() == b.object_id());
  }

 private:
  constexpr Value(Kind kind, int64_t i) : header_(Header(kind, 0)), i_(i) {}
  // The kind in the low byte and the object id in the high half of one word,
  // so that a Value is written as two 8-byte stores and read back as two
  // 8-byte loads: written field by field (a byte, then four bytes), a Value
  // pushed and read straight back (MEMOIZE) waited for the stores to reach
  // the cache, a store-forwarding stall.
  static constexpr uint64_t Header(Kind kind, uint32_t id) {
    return uint64_t{static_cast<uint8_t>(kind)} | uint64_t{id} << 32;
  }
  uint64_t header_;
  union {
    int64_t i_;
    double d_;
    Object* object_;
  };
};
static_assert(sizeof(Value) == 16, "Value is meant to be a 16-byte handle");

template <typename T>
using ArenaVector = std::pmr::vector<T>;

// An int outside int64: minimal little-endian two's complement bytes, exactly
// the payload of the LONG1/LONG4 opcodes (so never empty here).
struct BigInt : Object {
  std::string_view twos_complement_le;
};

struct Complex : Object {
  double real;
  double imag;
};

// Python str as UTF-8 in which lone surrogates (U+D800..U+DFFF) are allowed and
// encoded as three bytes each, the way CPython's 'surrogatepass' writes them.
struct Str : Object {
  std::string_view utf8;
};

// bytes (kind kBytes) or bytearray (kind kByteArray).
struct Bytes : Object {
  std::string_view data;
};

struct Tuple : Object {
  std::span<Value> items;
};

struct List : Object {
  ArenaVector<Value> items;
};

struct KeyIndex;  // hash index over keys, built lazily (value/containers.cc)

// Insertion-ordered; keys are unique under Python equality (value/equality.h).
// Add entries through DictSetItem (value/containers.h), which keeps keys
// unique and maintains `index` once the dict grows past a few entries.
struct Dict : Object {
  ArenaVector<std::pair<Value, Value>> items;
  KeyIndex* index = nullptr;
};

// set (kind kSet) or frozenset (kind kFrozenSet), in insertion order. Add
// elements through SetAdd (value/containers.h).
struct Set : Object {
  ArenaVector<Value> items;
  KeyIndex* index = nullptr;
};

// A module-level name, as GLOBAL/STACK_GLOBAL write it; or an EXT1/EXT2/EXT4
// code the decoder found no name for (DecodeOptions::
// keep_unregistered_extensions), with `extension_code` set, an empty module
// and qualname "<extension code N>", which the encoder writes back as the
// same EXT opcode.
struct Global : Object {
  std::string_view module;
  std::string_view qualname;
  int64_t extension_code = 0;
};

// `cls.__new__(cls, *args, **kwargs)`, then list items appended, dict items
// set, then `state` applied (BUILD) if `has_state`. This is what CPython's
// object.__reduce_ex__ produces for instances of ordinary classes.
struct Instance : Object {
  Value cls;     // usually a Global
  Value args;    // a Tuple
  Value kwargs;  // a Dict, or None when there are no keyword arguments
  bool has_state = false;
  Value state;
  ArenaVector<Value> list_items;
  ArenaVector<std::pair<Value, Value>> dict_items;
};

// `callable(*args)` (REDUCE), then list items, dict items and state, in the
// order CPython's save_reduce writes them. Nothing is ever called.
struct Reduce : Object {
  Value callable;
  Value args;  // a Tuple
  bool has_state = false;
  Value state;
  Value state_setter;  // None unless the sixth reduce-tuple element was given
  ArenaVector<Value> list_items;
  ArenaVector<std::pair<Value, Value>> dict_items;
};

// `getattr(self, name)`; `function` is the function found through the class
// MRO when the class is registered (value stays None otherwise).
struct BoundMethod : Object {
  Value self;
  std::string_view name;
  Value function;
};

// PERSID (protocol 0, `pid` is a Str) or BINPERSID (any value).
struct PersistentId : Object {
  Value pid;
};

// NEXT_BUFFER / READONLY_BUFFER: the `index`-th out-of-band buffer. `data` is
// filled when the caller supplied the buffers.
struct Buffer : Object {
  uint64_t index = 0;
  bool readonly = false;
  bool has_data = false;
  std::string_view data;
};

struct NativeFormat;  // value/native_format.h

// How Python hashes a Native, as a dict key or set element: by identity
// (object.__hash__, what an object of an unknown class gets), not at all
// (CPython's TypeError, worded as `unhashable`), or by value: then `key`
// stands for it in PyEquals, PyHash and KeyHash (value/equality.h). A key is
// a number where Python's `==` crosses types (Decimal(1) == 1 == 1.0), else a
// tuple led by a KeyTag (value/native_format.h), equal only to keys of the
// same tag.
struct NativeHash {
  enum class Mode : uint8_t { kIdentity, kUnhashable, kByKey };
  Mode mode = Mode::kIdentity;
  std::string_view unhashable;  // static text: "unhashable type: 'slice'"
  Value key;
};

// A C++ object built by a registered reconstructor (registry/). `type_name`
// identifies the C++ type; `pointer` is owned by the Heap's cleanup list.
// `format`, when set, is how Repr and ToJson print it (value/native_format.h).
// `origin` is the node it stands for: the Reduce/Instance it was rebuilt
// from, or (Registry::ToValue) its reducer's result. The encoder writes it
// when no reducer is registered for the type, and Repr prints it. `hash` is
// how it behaves as a key (by identity unless its maker says otherwise).
struct Native : Object {
  std::string_view type_name;
  const void* type_tag = nullptr;
  void* pointer = nullptr;
  Value origin;  // the Reduce/Instance it was rebuilt from, kept for re-encoding
  const NativeFormat* format = nullptr;
  NativeHash hash;
};

template <> constexpr bool HoldsStruct<BigInt>(Kind kind) { return kind == Kind::kBigInt; }
template <> constexpr bool HoldsStruct<Complex>(Kind kind) { return kind == Kind::kComplex; }
template <> constexpr bool HoldsStruct<Str>(Kind kind) { return kind == Kind::kStr; }
template <> constexpr bool HoldsStruct<Bytes>(Kind kind) {
  return kind == Kind::kBytes || kind == Kind::kByteArray;
}
template <> constexpr bool HoldsStruct<Tuple>(Kind kind) { return kind == Kind::kTuple; }
template <> constexpr bool HoldsStruct<List>(Kind kind) { return kind == Kind::kList; }
template <> constexpr bool HoldsStruct<Dict>(Kind kind) { return kind == Kind::kDict; }
template <> constexpr bool HoldsStruct<Set>(Kind kind) {
  return kind == Kind::kSet || kind == Kind::kFrozenSet;
}
template <> constexpr bool HoldsStruct<Global>(Kind kind) { return kind == Kind::kGlobal; }
template <> constexpr bool HoldsStruct<Instance>(Kind kind) { return kind == Kind::kInstance; }
template <> constexpr bool HoldsStruct<Reduce>(Kind kind) { return kind == Kind::kReduce; }
template <> constexpr bool HoldsStruct<BoundMethod>(Kind kind) { return kind == Kind::kBoundMethod; }
template <> constexpr bool HoldsStruct<PersistentId>(Kind kind) { return kind == Kind::kPersistentId; }
template <> constexpr bool HoldsStruct<Buffer>(Kind kind) { return kind == Kind::kBuffer; }
template <> constexpr bool HoldsStruct<Native>(Kind kind) { return kind == Kind::kNative; }

}  // namespace brine

#endif  // BRINE_VALUE_VALUE_H_

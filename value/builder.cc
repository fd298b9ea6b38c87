// Builder: C++ values into brine Values.
#include "brine/value/builder.h"

#include <vector>

#include "brine/value/bigint.h"
#include "brine/value/containers.h"

namespace brine {

Value Builder::From(const Arg& arg) {
  switch (arg.kind_) {
    case Arg::ArgKind::kValue: return arg.value_;
    case Arg::ArgKind::kInteger: return Value::Int(arg.integer_);
    case Arg::ArgKind::kUnsigned: {
      // Two's complement little-endian with a zero sign byte on top.
      std::string bytes;
      for (int shift = 0; shift < 64; shift += 8) bytes.push_back(static_cast<char>((arg.unsigned_ >> shift) & 0xff));
      bytes.push_back('\0');
      return IntFromTwosComplement(heap_, bytes);
    }
    case Arg::ArgKind::kText: return heap_.NewStr(arg.text_);
    case Arg::ArgKind::kMake: return arg.make_(*this);
  }
  return Value::None();
}

Value Builder::Int(std::string_view decimal) {
  absl::StatusOr<Value> value = IntFromDecimal(heap_, decimal);
  if (!value.ok()) {
    Fail(value.status());
    return Value::Int(0);
  }
  return *value;
}

Value Builder::Tuple(std::initializer_list<Arg> items) {
  std::vector<Value> values;
  values.reserve(items.size());
  for (const Arg& item : items) values.push_back(From(item));
  return heap_.NewTuple(values);
}

Value Builder::List(std::initializer_list<Arg> items) {
  Value list = heap_.NewList();
  for (const Arg& item : items) Append(list, item);
  return list;
}

Value Builder::Dict(std::initializer_list<std::pair<Arg, Arg>> items) {
  Value dict = heap_.NewDict();
  for (const auto& [key, value] : items) SetItem(dict, key, value);
  return dict;
}

Value Builder::Set(std::initializer_list<Arg> items) {
  Value set = heap_.NewSet();
  for (const Arg& item : items) Add(set, item);
  return set;
}

Value Builder::FrozenSet(std::initializer_list<Arg> items) {
  Value set = heap_.NewFrozenSet();
  for (const Arg& item : items) Add(set, item);
  return set;
}

void Builder::Append(Value list, const Arg& item) { list.as<brine::List>()->items.push_back(From(item)); }

void Builder::SetItem(Value dict, const Arg& key, const Arg& value) {
  Value key_value = From(key);
  Value value_value = From(value);
  if (absl::Status status = DictSetItem(heap_, dict.as<brine::Dict>(), key_value, value_value); !status.ok()) {
    Fail(std::move(status));
  }
}

void Builder::Add(Value set, const Arg& element) {
  if (absl::Status status = SetAdd(heap_, set.as<brine::Set>(), From(element)); !status.ok()) Fail(std::move(status));
}

Value Builder::Instance(Value cls, const Arg& state, std::initializer_list<Arg> new_args) {
  brine::Instance* instance = heap_.NewInstance();
  instance->cls = cls;
  instance->args = Tuple(new_args);
  instance->state = From(state);
  instance->has_state = !instance->state.is_none();
  return Value::FromObject(instance);
}

Value Builder::Reduce(Value callable, std::initializer_list<Arg> args, const Arg& state) {
  brine::Reduce* reduce = heap_.NewReduce();
  reduce->callable = callable;
  reduce->args = Tuple(args);
  reduce->state = From(state);
  reduce->has_state = !reduce->state.is_none();
  return Value::FromObject(reduce);
}

Value Builder::BoundMethod(Value self, std::string_view name) {
  brine::BoundMethod* method = heap_.NewBoundMethod();
  method->self = self;
  method->name = heap_.CopyString(name);
  return Value::FromObject(method);
}

Value Builder::PersistentId(const Arg& pid) {
  brine::PersistentId* persistent = heap_.NewPersistentId();
  persistent->pid = From(pid);
  return Value::FromObject(persistent);
}

Value Builder::Buffer(std::string_view data, bool readonly) {
  brine::Buffer* buffer = heap_.NewBuffer();
  buffer->readonly = readonly;
  buffer->has_data = true;
  buffer->data = heap_.CopyString(data);
  return Value::FromObject(buffer);
}

}  // namespace brine

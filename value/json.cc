// ToJson (see json.h): a work stack of pending text, values and lazily
// walked item ranges, so depth costs heap memory, never native stack. Each
// step appends at most a few pieces (a scalar, a key, punctuation), so the
// output length is checked once per step.
#include "brine/value/json.h"

#include <cmath>
#include <span>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/value/bigint.h"
#include "brine/value/repr.h"
#include "brine/value/string_views.h"

namespace brine {
namespace {

using Pairs = std::span<const std::pair<Value, Value>>;

// Appends `utf8` as a JSON string literal.
void AppendJsonString(std::string& out, std::string_view utf8) {
  out += '"';
  for (size_t i = 0; i < utf8.size(); ++i) {
    uint8_t c = static_cast<uint8_t>(utf8[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      absl::StrAppendFormat(&out, "\\u%04x", c);
    } else if (c == 0xED && i + 2 < utf8.size() && (static_cast<uint8_t>(utf8[i + 1]) & 0xE0) == 0xA0) {
      // A lone surrogate, stored as its three-byte form: not valid UTF-8 in
      // JSON text, so escaped.
      uint32_t code_point = 0xD000 | ((static_cast<uint8_t>(utf8[i + 1]) & 0x3F) << 6) |
                            (static_cast<uint8_t>(utf8[i + 2]) & 0x3F);
      absl::StrAppendFormat(&out, "\\u%04x", code_point);
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

std::string FloatJson(double value) {
  if (std::isfinite(value)) return ReprFloat(value);
  return absl::StrCat("{\"$float\":\"", ReprFloat(value), "\"}");
}

std::string Base64(std::string_view data) { return absl::Base64Escape(ToAbsl(data)); }

// One pending piece of output.
struct Work {
  enum class Type {
    kText,         // `text` as is
    kValue,        // `value` as JSON
    kLeave,        // `object` is no longer being written (for recursion checks)
    kValues,       // values[index..] comma-separated
    kPairs,        // pairs[index..] as [key,value] comma-separated
    kObjectPairs,  // pairs[index..] as "key":value comma-separated (str keys)
  };
  Type type;
  std::string text;
  Value value;
  const Object* object = nullptr;
  std::span<const Value> values;
  Pairs pairs;
  size_t index = 0;
};

Work Text(std::string text) { return {Work::Type::kText, std::move(text)}; }
Work Item(Value value) { return {Work::Type::kValue, {}, value}; }
Work Values(std::span<const Value> values) {
  Work work{Work::Type::kValues};
  work.values = values;
  return work;
}
Work PairList(Pairs pairs, bool as_object) {
  Work work{as_object ? Work::Type::kObjectPairs : Work::Type::kPairs};
  work.pairs = pairs;
  return work;
}

// "module.qualname" for a Global, as a JSON string; other values as JSON.
Work NameOrValue(Value value) {
  if (value.kind() != Kind::kGlobal) return Item(value);
  const Global* global = value.as<Global>();
  std::string text;
  AppendJsonString(text, absl::StrCat(absl::string_view(global->module.data(), global->module.size()),
                                      global->module.empty() ? "" : ".",
                                      absl::string_view(global->qualname.data(), global->qualname.size())));
  return Text(std::move(text));
}

bool AllKeysAreStr(Pairs pairs) {
  for (const auto& [key, value] : pairs) {
    if (key.kind() != Kind::kStr) return false;
  }
  return true;
}

class JsonWriter {
 public:
  JsonWriter(size_t max_int_digits, size_t max_output_bytes)
      : max_int_digits_(max_int_digits), max_output_bytes_(max_output_bytes) {}

  absl::StatusOr<std::string> Write(Value root) {
    work_.push_back(Item(root));
    while (!work_.empty()) {
      Work work = std::move(work_.back());
      work_.pop_back();
      switch (work.type) {
        case Work::Type::kText:
          out_ += work.text;
          break;
        case Work::Type::kLeave:
          open_.erase(work.object);
          break;
        case Work::Type::kValues:
          if (work.index < work.values.size()) {
            if (work.index > 0) out_ += ',';
            Value item = work.values[work.index++];
            work_.push_back(std::move(work));
            work_.push_back(Item(item));
          }
          break;
        case Work::Type::kPairs:
        case Work::Type::kObjectPairs:
          if (work.index < work.pairs.size()) {
            if (work.index > 0) out_ += ',';
            auto [key, value] = work.pairs[work.index++];
            bool as_object = work.type == Work::Type::kObjectPairs;
            work_.push_back(std::move(work));
            if (as_object) {
              AppendJsonString(out_, key.as<Str>()->utf8);
              out_ += ':';
              work_.push_back(Item(value));
            } else {
              Push({Text("["), Item(key), Text(","), Item(value), Text("]")});
            }
          }
          break;
        case Work::Type::kValue: {
          absl::Status status = WriteValue(work.value);
          if (!status.ok()) return status;
          break;
        }
      }
      if (max_output_bytes_ != 0 && out_.size() > max_output_bytes_) {
        return absl::ResourceExhaustedError(
            absl::StrCat("JSON text longer than the limit of ", max_output_bytes_,
                         " bytes (--max-output-bytes); objects referenced more than once are written in full at "
                         "each reference"));
      }
    }
    return std::move(out_);
  }

 private:
  // Schedules `sequence` to be written next, in order.
  void Push(std::vector<Work> sequence) {
    for (auto it = sequence.rbegin(); it != sequence.rend(); ++it) work_.push_back(std::move(*it));
  }

  // Schedules a heap object's members, tracking it as open until they are
  // written; an object already open is a cycle.
  void PushObject(const Object* object, std::vector<Work> sequence) {
    if (!open_.insert(object).second) {
      out_ += "{\"$recursion\":true}";
      return;
    }
    sequence.push_back({Work::Type::kLeave, {}, {}, object});
    Push(std::move(sequence));
  }

  // The optional members shared by instances and reduce calls.
  static void AddCallMembers(std::vector<Work>& sequence, bool has_state, Value state,
                             const ArenaVector<Value>& list_items, const ArenaVector<std::pair<Value, Value>>& dict_items) {
    if (has_state) {
      sequence.push_back(Text(",\"state\":"));
      sequence.push_back(Item(state));
    }
    if (!list_items.empty()) {
      sequence.push_back(Text(",\"listitems\":["));
      sequence.push_back(Values(list_items));
      sequence.push_back(Text("]"));
    }
    if (!dict_items.empty()) {
      sequence.push_back(Text(",\"dictitems\":["));
      sequence.push_back(PairList(dict_items, false));
      sequence.push_back(Text("]"));
    }
  }

  absl::Status WriteValue(Value value) {
    switch (value.kind()) {
      case Kind::kNone:
        out_ += "null";
        return absl::OkStatus();
      case Kind::kBool:
        out_ += value.as_bool() ? "true" : "false";
        return absl::OkStatus();
      case Kind::kInt:
      case Kind::kBigInt: {
        absl::StatusOr<std::string> digits = IntToDecimal(value, max_int_digits_);
        if (!digits.ok()) return digits.status();
        out_ += *digits;
        return absl::OkStatus();
      }
      case Kind::kFloat:
        out_ += FloatJson(value.as_float());
        return absl::OkStatus();
      case Kind::kComplex: {
        const Complex* complex = value.as<Complex>();
        absl::StrAppend(&out_, "{\"$complex\":[", FloatJson(complex->real), ",", FloatJson(complex->imag), "]}");
        return absl::OkStatus();
      }
      case Kind::kStr:
        AppendJsonString(out_, value.as<Str>()->utf8);
        return absl::OkStatus();
      case Kind::kBytes:
      case Kind::kByteArray:
        absl::StrAppend(&out_, value.kind() == Kind::kBytes ? "{\"$bytes\":\"" : "{\"$bytearray\":\"",
                        Base64(value.as<Bytes>()->data), "\"}");
        return absl::OkStatus();
      case Kind::kGlobal: {
        out_ += "{\"$global\":";
        out_ += NameOrValue(value).text;
        out_ += '}';
        return absl::OkStatus();
      }
      case Kind::kTuple:
        PushObject(value.object(), {Text("["), Values(value.as<Tuple>()->items), Text("]")});
        return absl::OkStatus();
      case Kind::kList:
        PushObject(value.object(), {Text("["), Values(value.as<List>()->items), Text("]")});
        return absl::OkStatus();
      case Kind::kSet:
      case Kind::kFrozenSet:
        PushObject(value.object(), {Text(value.kind() == Kind::kSet ? "{\"$set\":[" : "{\"$frozenset\":["),
                                    Values(value.as<Set>()->items), Text("]}")});
        return absl::OkStatus();
      case Kind::kDict: {
        Pairs items = value.as<Dict>()->items;
        if (AllKeysAreStr(items)) {
          PushObject(value.object(), {Text("{"), PairList(items, true), Text("}")});
        } else {
          PushObject(value.object(), {Text("{\"$dict\":["), PairList(items, false), Text("]}")});
        }
        return absl::OkStatus();
      }
      case Kind::kInstance: {
        const Instance* instance = value.as<Instance>();
        std::vector<Work> sequence = {Text("{\"$instance\":"), NameOrValue(instance->cls), Text(",\"args\":"),
                                      Item(instance->args)};
        if (!instance->kwargs.is_none()) {
          sequence.push_back(Text(",\"kwargs\":"));
          sequence.push_back(Item(instance->kwargs));
        }
        AddCallMembers(sequence, instance->has_state, instance->state, instance->list_items, instance->dict_items);
        sequence.push_back(Text("}"));
        PushObject(value.object(), std::move(sequence));
        return absl::OkStatus();
      }
      case Kind::kReduce: {
        const Reduce* reduce = value.as<Reduce>();
        std::vector<Work> sequence = {Text("{\"$reduce\":"), NameOrValue(reduce->callable), Text(",\"args\":"),
                                      Item(reduce->args)};
        AddCallMembers(sequence, reduce->has_state, reduce->state, reduce->list_items, reduce->dict_items);
        sequence.push_back(Text("}"));
        PushObject(value.object(), std::move(sequence));
        return absl::OkStatus();
      }
      case Kind::kBoundMethod: {
        const BoundMethod* method = value.as<BoundMethod>();
        std::string name;
        AppendJsonString(name, method->name);
        PushObject(value.object(), {Text(absl::StrCat("{\"$method\":", name, ",\"self\":")), Item(method->self),
                                    Text("}")});
        return absl::OkStatus();
      }
      case Kind::kPersistentId:
        PushObject(value.object(),
                   {Text("{\"$persistent_id\":"), Item(value.as<PersistentId>()->pid), Text("}")});
        return absl::OkStatus();
      case Kind::kBuffer: {
        const Buffer* buffer = value.as<Buffer>();
        absl::StrAppend(&out_, "{\"$buffer\":", buffer->index, ",\"readonly\":", buffer->readonly ? "true" : "false");
        if (buffer->has_data) absl::StrAppend(&out_, ",\"data\":\"", Base64(buffer->data), "\"");
        out_ += '}';
        return absl::OkStatus();
      }
      case Kind::kNative:
        out_ += "{\"$native\":";
        AppendJsonString(out_, value.as<Native>()->type_name);
        out_ += '}';
        return absl::OkStatus();
    }
    return absl::InternalError("unknown value kind");
  }

  size_t max_int_digits_;
  size_t max_output_bytes_;
  std::string out_;
  std::vector<Work> work_;
  absl::flat_hash_set<const Object*> open_;
};

}  // namespace

absl::StatusOr<std::string> ToJson(Value root, const JsonOptions& options) {
  return JsonWriter(options.max_int_digits, options.max_output_bytes).Write(root);
}

}  // namespace brine

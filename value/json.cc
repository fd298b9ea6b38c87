// ToJson (see json.h): a work stack of pending text, values and lazily
// walked item ranges, so depth costs heap memory, never native stack. Each
// step appends at most a few pieces (a scalar, a key, punctuation) to the
// TextOutput, which is checked once per step.
#include "brine/value/json.h"

#include <cmath>
#include <deque>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "brine/value/bigint.h"
#include "brine/value/flat_values.h"
#include "brine/value/native_format.h"
#include "brine/value/open_containers.h"
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

// A finite float as its repr; inf, -inf and nan as {"$float":"inf"}.
void AppendFloatJson(std::string& out, double value) {
  if (std::isfinite(value)) {
    AppendReprFloat(out, value);
    return;
  }
  absl::StrAppend(&out, "{\"$float\":\"", ReprFloat(value), "\"}");
}

std::string Base64(std::string_view data) { return absl::Base64Escape(ToAbsl(data)); }

// One pending piece of output. It holds no strings of its own (texts are
// literals), so a million-deep nest costs a few dozen bytes a level.
struct Work {
  enum class Type : uint8_t {
    kText,         // `text` as is
    kValue,        // `value` as JSON
    kName,         // the name of `value` as a JSON string: "module.qualname"
                   // of a Global, the method name of a BoundMethod
    kLeave,        // `text`, then `value` is no longer being written
    kValues,       // values[index..] comma-separated
    kPairs,        // pairs[index..] as [key,value] comma-separated
    kObjectPairs,  // pairs[index..] as "key":value comma-separated (str keys)
  };
  Type type;
  std::string_view text;
  Value value;
  const void* items = nullptr;  // kValues: const Value*; kPairs, kObjectPairs: const pair*
  size_t size = 0;
  size_t index = 0;

  std::span<const Value> values() const { return {static_cast<const Value*>(items), size}; }
  Pairs pairs() const { return {static_cast<const std::pair<Value, Value>*>(items), size}; }
};

Work Text(std::string_view text) { return {Work::Type::kText, text}; }
Work Item(Value value) { return {Work::Type::kValue, {}, value}; }
Work Values(std::span<const Value> values) { return {Work::Type::kValues, {}, {}, values.data(), values.size()}; }
Work PairList(Pairs pairs, bool as_object) {
  return {as_object ? Work::Type::kObjectPairs : Work::Type::kPairs, {}, {}, pairs.data(), pairs.size()};
}

// A Global as its name, as a JSON string; other values as JSON.
Work NameOrValue(Value value) {
  if (value.kind() != Kind::kGlobal) return Item(value);
  return {Work::Type::kName, {}, value};
}

bool AllKeysAreStr(Pairs pairs) {
  for (const auto& [key, value] : pairs) {
    if (key.kind() != Kind::kStr) return false;
  }
  return true;
}

class JsonWriter {
 public:
  JsonWriter(size_t max_int_digits, TextOutput& output)
      : max_int_digits_(max_int_digits), output_(output), out_(output.buffer()), open_(output) {}

  absl::Status Write(Value root) {
    work_.push_back(Item(root));
    while (!work_.empty()) {
      Work work = work_.back();
      work_.pop_back();
      switch (work.type) {
        case Work::Type::kText:
          out_ += work.text;
          break;
        case Work::Type::kName:
          WriteName(work.value);
          break;
        case Work::Type::kLeave:
          out_ += work.text;
          open_.Leave(work.value.object());
          break;
        case Work::Type::kValues: {
          absl::Status status = StepValues(work);
          if (!status.ok()) return status;
          break;
        }
        case Work::Type::kPairs:
        case Work::Type::kObjectPairs: {
          absl::Status status = StepPairs(work);
          if (!status.ok()) return status;
          break;
        }
        case Work::Type::kValue: {
          absl::Status status = WriteValue(work.value);
          if (!status.ok()) return status;
          break;
        }
      }
      absl::Status status = output_.Check();
      if (!status.ok()) return status;
    }
    return output_.Finish();
  }

 private:
  // Writes the values of a kValues range on the spot while they are flat
  // (value/flat_values.h); at the first that is not, schedules it above the
  // rest of the range.
  absl::Status StepValues(Work& work) {
    while (work.index < work.size) {
      if (work.index > 0) out_ += ',';
      Value item = work.values()[work.index++];
      if (!IsFlat(item)) {
        work_.push_back(work);
        work_.push_back(Item(item));
        return absl::OkStatus();
      }
      if (absl::Status status = WriteValue(item); !status.ok()) return status;
      if (absl::Status status = output_.Check(); !status.ok()) return status;
    }
    return absl::OkStatus();
  }

  // Writes the pairs of a kPairs or kObjectPairs range on the spot while
  // they are flat; at the first that is not, schedules its members above the
  // rest of the range.
  absl::Status StepPairs(Work& work) {
    const bool as_object = work.type == Work::Type::kObjectPairs;
    while (work.index < work.size) {
      if (work.index > 0) out_ += ',';
      auto [key, value] = work.pairs()[work.index++];
      const bool flat = IsFlat(value) && (as_object || IsFlat(key));
      if (!flat) work_.push_back(work);
      if (as_object) {
        AppendJsonString(out_, key.as<Str>()->utf8);
        out_ += ':';
        if (!flat) {
          work_.push_back(Item(value));
          return absl::OkStatus();
        }
      } else {
        out_ += '[';
        if (!flat) {
          work_.insert(work_.end(), {Text("]"), Item(value), Text(","), Item(key)});
          return absl::OkStatus();
        }
        if (absl::Status status = WriteValue(key); !status.ok()) return status;
        out_ += ',';
      }
      if (absl::Status status = WriteValue(value); !status.ok()) return status;
      if (!as_object) out_ += ']';
      if (absl::Status status = output_.Check(); !status.ok()) return status;
    }
    return absl::OkStatus();
  }

  // A flat tuple or list as a JSON array, written on the spot.
  absl::Status WriteFlat(std::span<const Value> items) {
    out_ += '[';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i != 0) out_ += ',';
      if (absl::Status status = WriteValue(items[i]); !status.ok()) return status;
      if (absl::Status status = output_.Check(); !status.ok()) return status;
    }
    out_ += ']';
    return absl::OkStatus();
  }

  // Opens a heap object: false, after writing its cycle marker or copying
  // its text written before, when its members are not to be written.
  bool Open(Value value) {
    switch (open_.Enter(value.object())) {
      case OpenContainers::kEntered: return true;
      case OpenContainers::kCycle: out_ += "{\"$recursion\":true}"; return false;
      case OpenContainers::kCopied: return false;
    }
    return false;
  }

  // Schedules an opened object's members (gathered in `sequence_`, in
  // order), then `closing` and the end of the object.
  void PushOpened(Value value, std::string_view closing) {
    work_.push_back({Work::Type::kLeave, closing, value});
    work_.insert(work_.end(), sequence_.rbegin(), sequence_.rend());
    sequence_.clear();
  }

  // Writes `opening`, then schedules `items` and `closing` (a container).
  void PushContainer(Value value, std::string_view opening, Work items, std::string_view closing) {
    if (!Open(value)) return;
    out_ += opening;
    sequence_.push_back(items);
    PushOpened(value, closing);
  }

  void WriteName(Value value) {
    if (value.kind() == Kind::kBoundMethod) {
      AppendJsonString(out_, value.as<BoundMethod>()->name);
      return;
    }
    const Global* global = value.as<Global>();
    AppendJsonString(out_, absl::StrCat(ToAbsl(global->module), global->module.empty() ? "" : ".",
                                        ToAbsl(global->qualname)));
  }

  // The optional members shared by instances and reduce calls.
  void AddCallMembers(bool has_state, Value state, const ArenaVector<Value>& list_items,
                      const ArenaVector<std::pair<Value, Value>>& dict_items) {
    if (has_state) {
      sequence_.push_back(Text(",\"state\":"));
      sequence_.push_back(Item(state));
    }
    if (!list_items.empty()) {
      sequence_.push_back(Text(",\"listitems\":["));
      sequence_.push_back(Values(list_items));
      sequence_.push_back(Text("]"));
    }
    if (!dict_items.empty()) {
      sequence_.push_back(Text(",\"dictitems\":["));
      sequence_.push_back(PairList(dict_items, false));
      sequence_.push_back(Text("]"));
    }
  }

  absl::Status WriteValue(Value value) {
    if (HasCostlyText(value)) return open_.WriteLeaf(value.object(), [&] { return WriteValueText(value); });
    return WriteValueText(value);
  }

  absl::Status WriteValueText(Value value) {
    switch (value.kind()) {
      case Kind::kNone:
        out_ += "null";
        return absl::OkStatus();
      case Kind::kBool:
        out_ += value.as_bool() ? "true" : "false";
        return absl::OkStatus();
      case Kind::kInt:
      case Kind::kBigInt:
        return AppendIntDecimal(out_, value, max_int_digits_);
      case Kind::kFloat:
        AppendFloatJson(out_, value.as_float());
        return absl::OkStatus();
      case Kind::kComplex: {
        const Complex* complex = value.as<Complex>();
        out_ += "{\"$complex\":[";
        AppendFloatJson(out_, complex->real);
        out_ += ',';
        AppendFloatJson(out_, complex->imag);
        out_ += "]}";
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
      case Kind::kGlobal:
        out_ += "{\"$global\":";
        WriteName(value);
        out_ += '}';
        return absl::OkStatus();
      case Kind::kTuple:
      case Kind::kList:
        if (std::span<const Value> items = FlatItems(value); !items.empty()) return WriteFlat(items);
        break;
      default:
        break;
    }
    return WriteContainer(value);
  }

  // Kinds with members: the opening text now, the members as work.
  absl::Status WriteContainer(Value value) {
    switch (value.kind()) {
      case Kind::kTuple:
        PushContainer(value, "[", Values(value.as<Tuple>()->items), "]");
        return absl::OkStatus();
      case Kind::kList:
        PushContainer(value, "[", Values(value.as<List>()->items), "]");
        return absl::OkStatus();
      case Kind::kSet:
      case Kind::kFrozenSet:
        PushContainer(value, value.kind() == Kind::kSet ? "{\"$set\":[" : "{\"$frozenset\":[",
                      Values(value.as<Set>()->items), "]}");
        return absl::OkStatus();
      case Kind::kDict: {
        Pairs items = value.as<Dict>()->items;
        if (AllKeysAreStr(items)) {
          PushContainer(value, "{", PairList(items, true), "}");
        } else {
          PushContainer(value, "{\"$dict\":[", PairList(items, false), "]}");
        }
        return absl::OkStatus();
      }
      case Kind::kInstance: {
        if (!Open(value)) return absl::OkStatus();
        const Instance* instance = value.as<Instance>();
        out_ += "{\"$instance\":";
        sequence_.insert(sequence_.end(), {NameOrValue(instance->cls), Text(",\"args\":"), Item(instance->args)});
        if (!instance->kwargs.is_none()) {
          sequence_.push_back(Text(",\"kwargs\":"));
          sequence_.push_back(Item(instance->kwargs));
        }
        AddCallMembers(instance->has_state, instance->state, instance->list_items, instance->dict_items);
        PushOpened(value, "}");
        return absl::OkStatus();
      }
      case Kind::kReduce: {
        if (!Open(value)) return absl::OkStatus();
        const Reduce* reduce = value.as<Reduce>();
        out_ += "{\"$reduce\":";
        sequence_.insert(sequence_.end(), {NameOrValue(reduce->callable), Text(",\"args\":"), Item(reduce->args)});
        AddCallMembers(reduce->has_state, reduce->state, reduce->list_items, reduce->dict_items);
        PushOpened(value, "}");
        return absl::OkStatus();
      }
      case Kind::kBoundMethod:
        if (!Open(value)) return absl::OkStatus();
        out_ += "{\"$method\":";
        sequence_.insert(sequence_.end(),
                         {Work{Work::Type::kName, {}, value}, Text(",\"self\":"), Item(value.as<BoundMethod>()->self)});
        PushOpened(value, "}");
        return absl::OkStatus();
      case Kind::kPersistentId:
        PushContainer(value, "{\"$persistent_id\":", Item(value.as<PersistentId>()->pid), "}");
        return absl::OkStatus();
      case Kind::kBuffer: {
        const Buffer* buffer = value.as<Buffer>();
        absl::StrAppend(&out_, "{\"$buffer\":", buffer->index, ",\"readonly\":", buffer->readonly ? "true" : "false");
        if (buffer->has_data) absl::StrAppend(&out_, ",\"data\":\"", Base64(buffer->data), "\"");
        out_ += '}';
        return absl::OkStatus();
      }
      case Kind::kNative:
        if (value.as<Native>()->format != nullptr) {
          if (Open(value)) {
            GatherFormattedNative(*value.as<Native>());
            PushOpened(value, "");
          }
          return absl::OkStatus();
        }
        out_ += "{\"$native\":";
        AppendJsonString(out_, value.as<Native>()->type_name);
        out_ += '}';
        return absl::OkStatus();
      default:  // the scalars, written by WriteValue
        break;
    }
    return absl::InternalError("unknown value kind");
  }

  // A Native's own JSON pieces (value/native_format.h), gathered as members.
  void GatherFormattedNative(const Native& native) {
    NativeText text(scratch_);
    native.format->json(native.pointer, text);
    for (NativeText::Piece& piece : text.pieces()) {
      sequence_.push_back(piece.is_child ? Item(piece.child) : Text(owned_text_.emplace_back(std::move(piece.text))));
    }
  }

  size_t max_int_digits_;
  TextOutput& output_;
  std::string& out_;  // output_'s buffer
  std::unique_ptr<Heap> scratch_;        // values built by formats to be written
  std::deque<std::string> owned_text_;   // text of format pieces, kept while work points at it
  std::vector<Work> work_;
  std::vector<Work> sequence_;  // an object's members, gathered in order
  OpenContainers open_;
};

}  // namespace

absl::Status WriteJson(Value root, TextOutput::Flush flush, const JsonOptions& options) {
  TextOutput output(options.max_output_bytes, flush,
                    absl::StrCat("JSON text longer than the limit of ", options.max_output_bytes,
                                 " bytes (--max-output-bytes); objects referenced more than once are written in "
                                 "full at each reference"));
  return JsonWriter(options.max_int_digits, output).Write(root);
}

absl::StatusOr<std::string> ToJson(Value root, const JsonOptions& options) {
  std::string text;
  absl::Status status = WriteJson(root, StringFlush(text), options);
  if (!status.ok()) return status;
  return text;
}

}  // namespace brine

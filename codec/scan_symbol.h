// The symbolic values of the scanner (codec/scanner.h): what it knows of each
// value on the emulated unpickling stack. A Symbol has a Python-like display
// text, the text of a str or the value of an int it is, the name it stands for
// when it is a global or a looked-up attribute, and the class it is an
// instance of when known, each with the judgement (codec/scan_policy.h) that
// decides what may be done with it.
//
// Symbols are shared (shared_ptr), as Python objects are: DUP, PUT and GET
// copy a pointer, and adding items to a list or setting an instance's state
// changes the one Symbol every copy points to.
#ifndef BRINE_CODEC_SCAN_SYMBOL_H_
#define BRINE_CODEC_SCAN_SYMBOL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brine/codec/scan_policy.h"

namespace brine {

// A name find_class or an attribute lookup reaches, judged.
struct ScanName {
  std::string module;
  std::string qualname;  // empty for a module itself
  NameJudgement judgement;

  // "module.qualname", or "module" for a module.
  std::string Dotted() const;
};

// What the scanner knows of a value besides its display, kept for a tuple's
// first items too. Copies share their parts, and none points back to a
// Symbol, so no chain of symbols is ever freed recursively.
struct SymbolFacts {
  // A str constant short enough to keep (for STACK_GLOBAL, getattr and
  // copyreg.add_extension).
  std::shared_ptr<const std::string> text;
  // An int constant that fits in 64 bits.
  std::optional<int64_t> integer;
  // A global, or an attribute looked up on one: what it names.
  std::shared_ptr<const ScanName> name;
  // An instance whose class is known.
  std::shared_ptr<const ScanName> type;
  // What setting its state or calling its methods is judged by, when neither
  // `name` nor `type` says: allowed for plain data and for what an allowed
  // function returns, unknown otherwise.
  NameJudgement judgement{ScanVerdict::kAllowed, AllowKind::kNone, {}};
};

struct Symbol {
  std::string display;
  SymbolFacts facts;
  // A tuple (its display is its items' displays in parentheses), and the
  // facts of its first items (all of a call's arguments the scanner reads).
  bool is_tuple = false;
  std::vector<SymbolFacts> first_items;
  // A list, dict, set or instance: items or state may be added to it later.
  bool is_mutable = false;
  // Holds builtins.getattr as a value (it, or a container or instance with
  // it inside): a call given it could look up any attribute.
  bool carries_lookup = false;

  // Bytes it takes, for the scanner's memory limit.
  size_t Footprint() const;
};

using SymbolPtr = std::shared_ptr<Symbol>;

// Longest display kept for one value, and for a finding's target.
inline constexpr size_t kMaxDisplay = 120;
inline constexpr size_t kMaxTarget = 240;
// Longest str whose text is kept.
inline constexpr size_t kMaxKeptText = 1024;
// How many of a tuple's items are kept as symbols.
inline constexpr size_t kKeptTupleItems = 4;

// `text` cut to at most `limit` bytes (on a UTF-8 character boundary) with
// "..." appended when something was cut.
std::string Shorten(std::string text, size_t limit);

// `text` as is when it is plain printable ASCII, else quoted with escapes, so
// no control character from a pickle reaches the terminal.
std::string SafeName(std::string_view text);

// A plain value shown as `display`.
SymbolPtr ValueSymbol(std::string display);
// A list, dict, set or instance shown as `display`.
SymbolPtr MutableSymbol(std::string display);
// A tuple of `items`.
SymbolPtr TupleSymbol(const std::vector<SymbolPtr>& items);
// The arguments of a call as written between its parentheses.
std::string CallArguments(const Symbol& args);
// True when any of `items` carries builtins.getattr.
bool AnyCarriesLookup(const std::vector<SymbolPtr>& items);

}  // namespace brine

#endif  // BRINE_CODEC_SCAN_SYMBOL_H_

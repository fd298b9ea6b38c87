// Making and measuring the scanner's symbols (see scan_symbol.h).
#include "brine/codec/scan_symbol.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "brine/codec/text_codecs.h"
#include "brine/value/repr.h"

namespace brine {

std::string ScanName::Dotted() const { return qualname.empty() ? module : absl::StrCat(module, ".", qualname); }

size_t Symbol::Footprint() const {
  // The Symbol and its shared_ptr control block, and the heap text of its
  // strings (short ones live inside the string).
  size_t bytes = sizeof(Symbol) + 2 * sizeof(void*) + display.capacity() +
                 first_items.capacity() * sizeof(SymbolFacts);
  if (facts.text != nullptr) bytes += sizeof(std::string) + facts.text->capacity();
  return bytes;
}

std::string Shorten(std::string text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = limit - 3;
  while (cut > 0 && (static_cast<uint8_t>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text += "...";
  return text;
}

std::string SafeName(std::string_view text) {
  bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c > 0x20 && c < 0x7f; });
  if (plain) return std::string(text);
  return ValidateUtf8(text, /*allow_surrogates=*/true).ok() ? ReprStr(text) : ReprBytes(text);
}

SymbolPtr ValueSymbol(std::string display) {
  auto symbol = std::make_shared<Symbol>();
  symbol->display = Shorten(std::move(display), kMaxDisplay);
  return symbol;
}

SymbolPtr MutableSymbol(std::string display) {
  SymbolPtr symbol = ValueSymbol(std::move(display));
  symbol->is_mutable = true;
  return symbol;
}

SymbolPtr TupleSymbol(const std::vector<SymbolPtr>& items) {
  std::string joined;
  for (const SymbolPtr& item : items) {
    if (!joined.empty()) joined += ", ";
    joined += item->display;
    if (joined.size() > kMaxDisplay) break;
  }
  auto tuple = std::make_shared<Symbol>();
  tuple->is_tuple = true;
  joined = Shorten(std::move(joined), kMaxDisplay);
  tuple->display = items.size() == 1 ? absl::StrCat("(", joined, ",)") : absl::StrCat("(", joined, ")");
  for (size_t i = 0; i < items.size() && i < kKeptTupleItems; ++i) tuple->first_items.push_back(items[i]->facts);
  tuple->carries_lookup = AnyCarriesLookup(items);
  return tuple;
}

std::string CallArguments(const Symbol& args) {
  if (!args.is_tuple) return absl::StrCat("*", args.display);
  // The display without its parentheses, and without the comma of a 1-tuple.
  std::string_view items = std::string_view(args.display).substr(1, args.display.size() - 2);
  if (items.ends_with(',')) items.remove_suffix(1);
  return std::string(items);
}

bool AnyCarriesLookup(const std::vector<SymbolPtr>& items) {
  return std::any_of(items.begin(), items.end(), [](const SymbolPtr& item) { return item->carries_lookup; });
}

}  // namespace brine

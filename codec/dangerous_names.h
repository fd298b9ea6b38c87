// Names a pickle can import that let it run commands, run code, touch files
// or the network, or reach arbitrary attributes: what `brine scan` flags.
//
// The list is a warning aid, not a sandbox: a pickle that imports only names
// not listed here can still be harmful when those names do something harmful
// with attacker-chosen arguments. Treat every import and call `scan` reports
// as code the pickle would run.
#ifndef BRINE_CODEC_DANGEROUS_NAMES_H_
#define BRINE_CODEC_DANGEROUS_NAMES_H_

#include <string_view>

namespace brine {

// Why importing `module`.`name` (name may be dotted) from a pickle is
// dangerous, e.g. "runs a shell command"; empty when the name is not listed.
// Python 2 spellings (__builtin__, commands, ...) are listed too.
std::string_view DangerOf(std::string_view module, std::string_view name);

}  // namespace brine

#endif  // BRINE_CODEC_DANGEROUS_NAMES_H_

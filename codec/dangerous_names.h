// Names a pickle can reach that are known to run commands, run code, touch
// files or the network, or reach arbitrary attributes: what `brine scan`
// labels DANGEROUS, with the reason.
//
// This list only names the danger: `brine scan` decides with an allow list
// (codec/scan_allow_list.inc), so a name that is on neither list is still
// reported, as unknown. See docs/SCAN.md.
#ifndef BRINE_CODEC_DANGEROUS_NAMES_H_
#define BRINE_CODEC_DANGEROUS_NAMES_H_

#include <string_view>

namespace brine {

// Why reaching `module`.`qualname` from a pickle is dangerous, e.g. "runs a
// shell command"; empty when nothing on the list is reached. Names are
// Python 3 names (map Python 2 ones first where CPython does).
//
// An entry names a dotted path ("os.system", or a whole module such as
// "subprocess") and covers everything reached through it ("os.system.x",
// "subprocess.run"). Entries are also found behind another module's
// attributes, the way find_class's attribute walk reaches them: `pathlib` +
// `os.system` is os.system, `tempfile` + `_shutil.rmtree` is shutil.rmtree
// (an alias with a leading underscore counts as the module without it). A
// path through a special attribute that leads into the interpreter's
// internals (`__globals__`, `__getattribute__`, `__subclasses__`, ...) is
// dangerous wherever it starts.
std::string_view DangerOf(std::string_view module, std::string_view qualname);

}  // namespace brine

#endif  // BRINE_CODEC_DANGEROUS_NAMES_H_

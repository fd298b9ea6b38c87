// TypeKey::Of: which dispatch-table entry a value would use.
#include "brine/registry/dispatch.h"

namespace brine {

TypeKey TypeKey::Of(Value value) {
  if (value.kind() == Kind::kNative) {
    return TypeKey(Kind::kNative, value.as<brine::Native>()->type_tag, "", "");
  }
  if (value.kind() == Kind::kInstance && value.as<Instance>()->cls.kind() == Kind::kGlobal) {
    const Global& cls = *value.as<Instance>()->cls.as<Global>();
    return Class(cls.module, cls.qualname);
  }
  return OfKind(value.kind());
}

}  // namespace brine

// AdviseHugePages (see huge_pages.h).
#include "brine/value/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace brine {

void AdviseHugePages(void* data, size_t size) {
  const uintptr_t begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (begin + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
  const uintptr_t last = (begin + size) & ~(kHugePageBytes - 1);
  if (first < last) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace brine

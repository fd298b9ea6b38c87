// Asking the kernel to back large buffers with huge pages (transparent huge
// pages, MADV_HUGEPAGE), so that filling fresh memory costs one page fault
// per 2 MiB instead of one per 4 KiB. Used by the arena's large blocks, the
// encoder's output buffer and the CLI's input buffer.
#ifndef BRINE_VALUE_HUGE_PAGES_H_
#define BRINE_VALUE_HUGE_PAGES_H_

#include <cstddef>

namespace brine {

// The size (and alignment) of a huge page on x86-64.
inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// Advises the kHugePageBytes-aligned part of [data, data + size) as huge
// pages. Advice only: when the kernel declines, nothing changes.
void AdviseHugePages(void* data, size_t size);

}  // namespace brine

#endif  // BRINE_VALUE_HUGE_PAGES_H_

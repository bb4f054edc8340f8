#include "heap.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <unistd.h>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#include <sys/mman.h>
#endif

namespace booklet::cli {

namespace {

// The English corpus (316 pages) peaks at about 170 MB, ten times the corpus at
// about 780 MB.
constexpr std::size_t kMostReserved = std::size_t{1} << 30;
constexpr std::size_t kFewestHugePages = 16;

}  // namespace

std::size_t huge_page_reserve_size() {
    // Address space, not memory, but a system that does not overcommit counts it.
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) return 0;
    const std::size_t quarter = static_cast<std::size_t>(pages) / 4 * static_cast<std::size_t>(page);
    const std::size_t reserve = std::min(kMostReserved, quarter) / kHugePageSize * kHugePageSize;
    return reserve < kFewestHugePages * kHugePageSize ? 0 : reserve;
}

#if defined(__GLIBC__) && defined(__linux__)

namespace {

// Requests this large come from the heap, not from mmap of their own (a munmap'ed
// block's pages would fault again when the next one is made): glibc's limit.
constexpr int kMmapThreshold = 32 << 20;

}  // namespace

void prepare_heap() {
    const std::size_t reserve = huge_page_reserve_size();
    if (reserve == 0) return;
    // One arena: the PDF and EPUB threads allocate from the huge-page heap too
    // (their own arenas would be fresh 64 MiB mappings of small pages).
    mallopt(M_ARENA_MAX, 1);
    mallopt(M_MMAP_THRESHOLD, kMmapThreshold);
    // Never trim: a heap handed back between stages would fault in again.
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<std::size_t>(2 * reserve, 0x7FFFFFFF)));
    // Grow the heap by `reserve` at once: a request larger than the free top of the
    // heap makes malloc extend it by the request plus the top pad.
    mallopt(M_TOP_PAD, static_cast<int>(reserve));
    const auto* before = static_cast<const char*>(sbrk(0));
    const std::size_t request = mallinfo2().keepcost + 4096;
    void* block = std::malloc(request);
    const auto* after = static_cast<const char*>(sbrk(0));
    mallopt(M_TOP_PAD, 128 << 10);  // glibc's default for later growth
    if (block == nullptr) return;
    const auto start = round_up(reinterpret_cast<std::uintptr_t>(block), kHugePageSize);
    const auto end = reinterpret_cast<std::uintptr_t>(after) / kHugePageSize * kHugePageSize;
    // Only when the block came from the top of the heap this grew (not from an
    // mmap fallback or an allocator that replaced glibc's): it begins in the old
    // top and ends below the new break.
    const auto* first = static_cast<const char*>(block);
    const auto* heap_start = after - mallinfo2().arena;
    if (after > before && first >= heap_start && first < before && first + request <= after && end > start)
        madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
    std::free(block);
}

#else

void prepare_heap() {}

#endif

}  // namespace booklet::cli

#include "heap.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__GLIBC__) && defined(__linux__)
#include <malloc.h>
#endif

namespace booklet::cli {

namespace {

// The English corpus (316 pages) peaks at about 170 MB, ten times the corpus at
// about 780 MB.
constexpr std::size_t kMostReserved = std::size_t{1} << 30;
constexpr std::size_t kFewestHugePages = 16;

struct ZeroFillSearch {
    std::uintptr_t address;
    bool populated = false;
};

// dl_iterate_phdr's callback: 1 (stop) at the object that holds the address.
int populate_if_holder(dl_phdr_info* object, std::size_t, void* data) {
    auto& search = *static_cast<ZeroFillSearch*>(data);
    const ElfW(Phdr)* writable = nullptr;
    bool holds = false;
    for (int i = 0; i < object->dlpi_phnum; ++i) {
        const ElfW(Phdr)& segment = object->dlpi_phdr[i];
        if (segment.p_type != PT_LOAD) continue;
        const std::uintptr_t start = object->dlpi_addr + segment.p_vaddr;
        if (search.address >= start && search.address - start < segment.p_memsz) holds = true;
        if ((segment.p_flags & PF_W) != 0) writable = &segment;
    }
    if (!holds) return 0;
    const long page = sysconf(_SC_PAGESIZE);
    if (writable == nullptr || page <= 0) return 1;
    // The pages past the file's bytes: the part of the last one the file fills is
    // the file's, and already present once written.
    const std::uintptr_t base = object->dlpi_addr + writable->p_vaddr;
    const std::uintptr_t begin = round_up(base + writable->p_filesz, static_cast<std::size_t>(page));
    const std::uintptr_t end = round_up(base + writable->p_memsz, static_cast<std::size_t>(page));
    search.populated = begin < end && madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE) == 0;
    return 1;
}

}  // namespace

bool populate_zero_fill(const void* address) {
    ZeroFillSearch search{reinterpret_cast<std::uintptr_t>(address)};
    dl_iterate_phdr(populate_if_holder, &search);
    return search.populated;
}

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

// How the booklet process asks the kernel for memory.
//
// The program is linked with tcmalloc (gperftools, Debian's libtcmalloc-minimal4)
// unless it is built with the sanitizers: a `watch` rebuild runs the PDF writer and
// the EPUB writer on two threads that allocate and free hundreds of thousands of
// small blocks, and glibc's malloc held to one arena (below) made them queue for its
// lock: a rebuild of the corpus took 0.135 s with it, 0.112 s with tcmalloc's
// per-thread caches and 0.122 s with glibc's eight arenas (interleaved, 28 rebuilds
// each, bench/README.md); one-shot builds are as fast (0.27 / 0.29 s, peak 106 / 96
// MB). Either allocator is given memory marked for transparent huge pages:
// prepare_tcmalloc_heap when the program is linked with tcmalloc, prepare_heap
// (glibc's malloc) otherwise; main() calls one of them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace booklet::cli {

// A transparent huge page on x86-64 and on most of arm64's configurations.
inline constexpr std::size_t kHugePageSize = std::size_t{2} << 20;

// `address` rounded up to a multiple of `alignment` (a power of two or not).
inline std::uintptr_t round_up(std::uintptr_t address, std::size_t alignment) {
    return (address + alignment - 1) / alignment * alignment;
}

// Called first in main(), before the build allocates. A build touches a few hundred
// megabytes of fresh heap, and on the virtual machines booklet runs on (CI, the
// benchmarks) each first touch of a 4 KiB page is a fault costing about 10 µs:
// 0.3–0.6 s of a 1.6 s corpus build went to faults, more than to line breaking.
// Transparent huge pages cut the faults 512-fold. This reserves address space at
// the top of the heap, marks it for huge pages (madvise; the system's
// transparent_hugepage setting decides) and keeps every thread in that heap and
// the heap from being handed back mid-build: glibc's `glibc.malloc.hugetlb=1`
// tunable, which can only be set from the environment, done from inside. Memory is
// still committed only as it is touched. Does nothing where the C library is not
// glibc or the heap is not its own (sanitizers, valgrind).
void prepare_heap();

// The address space a reserve of huge pages takes: a quarter of the memory, at most
// 1 GiB, in whole huge pages; 0 (no reserve) when the system does not say how much
// it has or that is under 16 huge pages, too few to be worth it.
std::size_t huge_page_reserve_size();

// Makes present, in one call, the zero-filled pages (.bss) of the loaded object
// (the program or a shared library) whose code or data holds `address`, rather
// than a fault each at first touch. False when no loaded object holds `address`,
// it has no such pages, or the kernel refuses (MADV_POPULATE_WRITE is Linux 5.14's);
// the pages then fault in as they are touched, as ever.
bool populate_zero_fill(const void* address);

// Where tcmalloc's memory is reserved (prepare_tcmalloc_heap); empty when it is not.
struct HugePageRegion {
    const std::byte* begin = nullptr;
    const std::byte* end = nullptr;

    bool contains(const void* p) const {
        const auto* b = static_cast<const std::byte*>(p);
        return begin <= b && b < end;
    }
};

// prepare_heap for tcmalloc, defined in tcmalloc_heap.cpp, which is linked only
// with tcmalloc. tcmalloc takes its memory from the kernel a megabyte or so at a
// time and hands freed spans back as it goes, so its heap was almost all small
// pages: where transparent huge pages are "madvise" (the virtual machines CI and
// the benchmarks run on) a one-shot PDF build of the corpus spent 0.2 s of its
// 0.5 s in the kernel, faulting 21,500 pages in, and even where they are "always"
// 0.13 s of 0.43 s. So tcmalloc takes every span, from its first request on
// (before main(): gperftools' tc_get_sysalloc_override), from address space
// reserved and marked for huge pages; past the reserve it takes memory the way it
// would have. Memory is still committed only as it is touched. This keeps tcmalloc
// from handing freed spans back to the kernel (release rate 0), which would split
// the huge pages again, and says where the reserve is (empty when there is none).
// Called once, first thing in main().
HugePageRegion prepare_tcmalloc_heap();

}  // namespace booklet::cli

// prepare_tcmalloc_heap (heap.hpp): linked only into programs linked with tcmalloc.
#include "heap.hpp"

#include <gperftools/malloc_extension.h>
#include <gperftools/tcmalloc.h>

#include <cstddef>
#include <cstdint>
#include <new>

#include <sys/mman.h>

namespace booklet::cli {

namespace {

// Hands tcmalloc its spans from the front of a reserve marked for huge pages, and
// leaves the rest to the allocator tcmalloc had (sbrk, then mmap) once the reserve
// is used up. tcmalloc calls Alloc under its own lock and never gives a span back
// through it, so a pointer that only moves forward is all the bookkeeping there is.
class HugePageSpans final : public SysAllocator {
public:
    HugePageSpans(SysAllocator* fallback, std::byte* begin, std::byte* end)
        : fallback_(fallback), next_(reinterpret_cast<std::uintptr_t>(begin)),
          end_(reinterpret_cast<std::uintptr_t>(end)) {}

    void* Alloc(size_t size, size_t* actual_size, size_t alignment) override {
        const std::uintptr_t start = round_up(next_, alignment);
        if (start < next_ || start > end_ || end_ - start < size)
            return fallback_->Alloc(size, actual_size, alignment);
        next_ = start + size;
        if (actual_size != nullptr) *actual_size = size;
        return reinterpret_cast<void*>(start);
    }

private:
    SysAllocator* fallback_;
    std::uintptr_t next_;
    std::uintptr_t end_;
};

// The reserve and the allocator tcmalloc has taken its memory from since its
// first request. Both are set before main() runs, from a library's constructor,
// when the program's own static objects may not be made yet: so no constructors
// here (zero-initialised and placement-new'd) and no allocation.
HugePageRegion reserved;
alignas(HugePageSpans) std::byte spans_storage[sizeof(HugePageSpans)];

// The reserve marked for huge pages, or nullptr.
std::byte* reserve_huge_pages(std::size_t reserve) {
    // One huge page more than the reserve, so that the reserve can start on a
    // huge-page boundary; MAP_NORESERVE: nothing is committed until it is touched.
    void* mapped = mmap(nullptr, reserve + kHugePageSize, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapped == MAP_FAILED) return nullptr;
    auto* begin = reinterpret_cast<std::byte*>(round_up(reinterpret_cast<std::uintptr_t>(mapped), kHugePageSize));
    // Whether huge pages are given is the system's transparent_hugepage setting;
    // where it is "never" the reserve is ordinary memory and nothing is lost.
    madvise(begin, reserve, MADV_HUGEPAGE);
    return begin;
}

// tcmalloc zeroes the 1.5 MiB of its own page map in its zero-filled data at its
// first request: page by page that was 383 faults of about 10 µs each on the
// virtual machines booklet runs on, a tenth of `booklet --version`. Made present
// first, in one call, before every library's constructor, so before that request.
void populate_tcmalloc_statics(int, char**, char**) {
    populate_zero_fill(reinterpret_cast<const void*>(&tc_malloc));
}

// An executable's preinit functions run once the libraries are loaded and
// relocated, before any of them is initialised.
[[gnu::section(".preinit_array"), gnu::used]] void (*const populate_before_init)(int, char**, char**) =
    populate_tcmalloc_statics;

}  // namespace

}  // namespace booklet::cli

// gperftools' hook for a program's own system allocator (a weak function in
// tcmalloc, called through the dynamic linker, so this definition replaces it):
// tcmalloc asks it once, at its first request for memory, which comes from a
// library's constructor before main(). Installed any later (SetSystemAllocator in
// main), the page map tcmalloc zeroes at that request (2 MiB) and the spans taken
// before main(), which the build goes on filling, lay in small pages: 1,260 more
// faults in a build of the seed, 62 ms against 48.
SysAllocator* tc_get_sysalloc_override(SysAllocator* tcmalloc_default);
SysAllocator* tc_get_sysalloc_override(SysAllocator* tcmalloc_default) {
    using namespace booklet::cli;
    const std::size_t reserve = huge_page_reserve_size();
    if (reserve == 0) return tcmalloc_default;
    std::byte* begin = reserve_huge_pages(reserve);
    if (begin == nullptr) return tcmalloc_default;
    reserved = {begin, begin + reserve};
    // Never destroyed: tcmalloc keeps the pointer for the life of the process,
    // past the destructors of static objects.
    return new (spans_storage) HugePageSpans(tcmalloc_default, begin, begin + reserve);
}

namespace booklet::cli {

HugePageRegion prepare_tcmalloc_heap() {
    // Freed spans would split the huge pages they lie in if handed back.
    if (reserved.begin != nullptr) MallocExtension::instance()->SetMemoryReleaseRate(0);
    return reserved;
}

}  // namespace booklet::cli

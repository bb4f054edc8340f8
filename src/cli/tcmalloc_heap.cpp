// prepare_tcmalloc_heap (heap.hpp): linked only into programs linked with tcmalloc.
#include "heap.hpp"

#include <gperftools/malloc_extension.h>

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

}  // namespace

HugePageRegion prepare_tcmalloc_heap() {
    const std::size_t reserve = huge_page_reserve_size();
    if (reserve < 16 * kHugePageSize) return {};
    // One huge page more than the reserve, so that the reserve can start on a
    // huge-page boundary; MAP_NORESERVE: nothing is committed until it is touched.
    void* mapped = mmap(nullptr, reserve + kHugePageSize, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapped == MAP_FAILED) return {};
    auto* begin = reinterpret_cast<std::byte*>(round_up(reinterpret_cast<std::uintptr_t>(mapped), kHugePageSize));
    // Whether huge pages are given is the system's transparent_hugepage setting;
    // where it is "never" the reserve is ordinary memory and nothing is lost.
    madvise(begin, reserve, MADV_HUGEPAGE);
    MallocExtension* tcmalloc = MallocExtension::instance();
    // Made once and never destroyed: tcmalloc keeps the pointer for the life of
    // the process, past the destructors of static objects.
    static auto* spans = new HugePageSpans(tcmalloc->GetSystemAllocator(), begin, begin + reserve);
    tcmalloc->SetSystemAllocator(spans);
    tcmalloc->SetMemoryReleaseRate(0);
    return {begin, begin + reserve};
}

}  // namespace booklet::cli

#include "heap.hpp"

#include <catch2/catch.hpp>

#include <gperftools/malloc_extension.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

// Whether the mapping of this process that holds `address` is marked for huge
// pages ("hg" among its VmFlags in smaps).
bool mapping_asks_for_huge_pages(const void* address) {
    const auto at = reinterpret_cast<std::uintptr_t>(address);
    std::ifstream in("/proc/self/smaps");
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        std::uintptr_t from = 0;
        std::uintptr_t to = 0;
        char dash = 0;
        std::istringstream range(line);
        if (range >> std::hex >> from >> dash >> to && dash == '-') {
            inside = from <= at && at < to;
        } else if (inside && line.rfind("VmFlags:", 0) == 0) {
            return (line + ' ').find(" hg ") != std::string::npos;
        }
    }
    return false;
}

// A block taken while this program's static objects are made, before main() and
// so before prepare_tcmalloc_heap is called.
const std::unique_ptr<std::string> taken_before_main = std::make_unique<std::string>(100, 'a');

}  // namespace

TEST_CASE("prepare_tcmalloc_heap has tcmalloc take its memory from a reserve marked for huge pages") {
    const booklet::cli::HugePageRegion region = booklet::cli::prepare_tcmalloc_heap();
    REQUIRE(booklet::cli::huge_page_reserve_size() >= 16 * booklet::cli::kHugePageSize);
    REQUIRE(region.begin != nullptr);
    CHECK(reinterpret_cast<std::uintptr_t>(region.begin) % booklet::cli::kHugePageSize == 0);
    CHECK(static_cast<std::size_t>(region.end - region.begin) == booklet::cli::huge_page_reserve_size());
    CHECK(mapping_asks_for_huge_pages(region.begin));

    // From tcmalloc's first request for memory on, before main(), not only from
    // the call on.
    CHECK(region.contains(taken_before_main.get()));
    CHECK(region.contains(taken_before_main->data()));

    // Memory the heap did not have before comes from the reserve: a large block
    // (a span of its own) and enough small ones to need new spans.
    const auto large = std::make_unique<std::byte[]>(std::size_t{48} << 20);
    CHECK(region.contains(large.get()));
    std::vector<std::unique_ptr<std::string>> small;
    for (int i = 0; i < 200000; ++i) small.push_back(std::make_unique<std::string>(40, 'b'));
    CHECK(region.contains(small.back().get()));
    CHECK(region.contains(small.back()->data()));

    // Freed spans stay with tcmalloc instead of going back to the kernel, which
    // would split the huge pages they lie in.
    CHECK(MallocExtension::instance()->GetMemoryReleaseRate() == 0.0);
}

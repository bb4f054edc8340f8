#include "heap.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

namespace {

// A sanitizer's allocator replaces glibc's heap: there is nothing to mark then.
#if defined(__GLIBC__) && defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
constexpr bool kGlibcHeap = true;
#else
constexpr bool kGlibcHeap = false;
#endif

// Whether the system hands out transparent huge pages to regions that ask.
bool huge_pages_on_request() {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string setting;
    std::getline(in, setting);
    return setting.find("[always]") != std::string::npos || setting.find("[madvise]") != std::string::npos;
}

// Whether some mapping of this process is marked for huge pages ("hg" in smaps).
bool some_mapping_asks_for_huge_pages() {
    std::ifstream in("/proc/self/smaps");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmFlags:", 0) == 0 && (line + ' ').find(" hg ") != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("prepare_heap marks the heap's reserve for huge pages, and malloc still works after it") {
    booklet::cli::prepare_heap();
    if (kGlibcHeap && huge_pages_on_request()) CHECK(some_mapping_asks_for_huge_pages());
    std::string grown;
    for (int i = 0; i < 100000; ++i) grown += "booklet ";
    CHECK(grown.size() == 800000);
}

namespace {

// Zero-filled data of this program (.bss), touched by nothing but the test below.
std::array<std::byte, std::size_t{1} << 20> untouched_zero_fill;

// How many of the pages of [begin, begin + size) are present in memory.
std::size_t present_pages(const void* begin, std::size_t size) {
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const std::uintptr_t first = reinterpret_cast<std::uintptr_t>(begin) / page * page;
    const std::uintptr_t end = reinterpret_cast<std::uintptr_t>(begin) + size;
    std::vector<unsigned char> flags((end - first + page - 1) / page);
    if (mincore(reinterpret_cast<void*>(first), end - first, flags.data()) != 0) return 0;
    const auto present = [](unsigned char f) { return (f & 1) != 0; };
    return static_cast<std::size_t>(std::count_if(flags.begin(), flags.end(), present));
}

}  // namespace

TEST_CASE("populate_zero_fill makes an object's zero-filled pages present before they are touched") {
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    // The middle of the array: its ends may share a page with data touched before.
    const std::byte* inside = untouched_zero_fill.data() + 2 * page;
    const std::size_t size = untouched_zero_fill.size() - 4 * page;
    REQUIRE(present_pages(inside, size) == 0);
    REQUIRE(booklet::cli::populate_zero_fill(inside));
    CHECK(present_pages(inside, size) >= size / page);
    // Nothing is read: the pages hold zeros as ever.
    const auto zero = [](std::byte b) { return b == std::byte{0}; };
    CHECK(std::all_of(untouched_zero_fill.begin(), untouched_zero_fill.end(), zero));

    // An address no loaded object holds.
    const auto heap_block = std::make_unique<int>(1);
    CHECK_FALSE(booklet::cli::populate_zero_fill(heap_block.get()));
}

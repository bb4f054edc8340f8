#include "heap.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

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

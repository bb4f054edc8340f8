#include "booklet/deflate.hpp"

#include "booklet/parallel.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <string>
#include <vector>

using namespace booklet;

namespace {

// zlib's own inflate, as a PDF reader would undo /FlateDecode.
std::string inflated(const std::string& deflated, std::size_t size) {
    std::string out(size, '\0');
    uLongf length = static_cast<uLongf>(size);
    REQUIRE(uncompress(reinterpret_cast<Bytef*>(out.data()), &length, reinterpret_cast<const Bytef*>(deflated.data()),
                       static_cast<uLong>(deflated.size())) == Z_OK);
    out.resize(length);
    return out;
}

std::string content_like(int page) {
    std::string s;
    for (int line = 0; line < 40; ++line)
        s += "BT /F1 10 Tf 1 0 0 1 56.7 " + std::to_string(700 - 12 * line) + " Tm [<00" +
             std::to_string(page % 10) + "4>-12<0052>] TJ ET\n";
    return s;
}

}  // namespace

TEST_CASE("flate writes the zlib format that inflate reads back") {
    for (const std::string& data : {std::string(), std::string("q 1 0 0 1 0 0 cm Q\n"), content_like(3)}) {
        const std::string deflated = flate(data);
        CHECK(static_cast<unsigned char>(deflated[0]) == 0x78);  // zlib header: deflate, 32 KiB window
        CHECK(inflated(deflated, data.size() + 1) == data);
    }
    CHECK(flate(content_like(1)).size() < content_like(1).size() / 4);
}

TEST_CASE("flate gives the same bytes on one thread and on several") {
    std::vector<std::string> pages;
    for (int p = 0; p < 37; ++p) pages.push_back(content_like(p));
    std::vector<std::string> one(pages.size()), three(pages.size());
    booklet::for_each_index(pages.size(), 1, [&](std::size_t i) { one[i] = flate(pages[i]); });
    booklet::for_each_index(pages.size(), 3, [&](std::size_t i) { three[i] = flate(pages[i]); });
    CHECK(one == three);
    for (std::size_t i = 0; i < pages.size(); ++i) CHECK(inflated(one[i], pages[i].size()) == pages[i]);
}

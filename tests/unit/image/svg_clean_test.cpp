// SVG cleaning: what an allow-list keeps, what it leaves out, and the budgets.
#include "booklet/diagnostics.hpp"
#include "booklet/image.hpp"

#include "hostile_inputs.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace booklet;

namespace {

image::SvgCleaned clean(const std::string& text) {
    return image::clean_svg({reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}, "t.svg");
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

TEST_CASE("a plain drawing keeps its shapes, attributes, gradients and internal references") {
    const auto c = clean(
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' viewBox='0 0 10 10'>"
        "<defs><linearGradient id='g'><stop offset='0' stop-color='#fff'/></linearGradient></defs>"
        "<rect id='r' width='5' height='5' fill='url(#g)' style='stroke:#000'/><use xlink:href='#r' x='5'/>"
        "<text x='1' y='9'>Tom &amp; Jerry</text></svg>");
    CHECK(c.removed.empty());
    CHECK(c.text.find("<linearGradient id=\"g\">") != std::string::npos);
    CHECK(c.text.find("fill=\"url(#g)\"") != std::string::npos);
    CHECK(c.text.find("<use xlink:href=\"#r\" x=\"5\"/>") != std::string::npos);
    CHECK(c.text.find("Tom &amp; Jerry") != std::string::npos);
}

TEST_CASE("every hostile SVG comes out without scripts, handlers, entities or outside references") {
    for (const auto& [name, body] : test::hostile_svgs()) {
        INFO(name);
        const auto c = clean(body);
        CHECK_FALSE(c.removed.empty());
        const std::string out = lower(c.text);
        for (const char* bad : {"<script", "onload", "onclick", "javascript", "foreignobject", "evil.example", "<!doctype",
                                "<!entity", "&xxe", "file:", "passwd", "<iframe", "<set", "<animate", "alert"})
            CHECK(out.find(bad) == std::string::npos);
        CHECK((out.find("<rect") != std::string::npos || out.find("<text") != std::string::npos));  // the drawing stays
    }
}

TEST_CASE("malformed XML, a non-SVG root and exceeded budgets are errors") {
    CHECK_THROWS_AS(clean("<svg><rect></svg>"), Error);
    CHECK_THROWS_AS(clean("<html xmlns='http://www.w3.org/1999/xhtml'/>"), Error);
    // A billion laughs made of <use>: ten uses of the level below, eight levels.
    std::string uses = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'><g id='l0'><rect width='1' height='1'/></g>";
    for (int i = 1; i <= 8; ++i) {
        uses += "<g id='l" + std::to_string(i) + "'>";
        for (int k = 0; k < 10; ++k) uses += "<use xlink:href='#l" + std::to_string(i - 1) + "'/>";
        uses += "</g>";
    }
    uses += "</svg>";
    CHECK_THROWS_WITH(clean(uses), Catch::Contains("<use>"));
    // A reference cycle.
    CHECK_THROWS_AS(clean("<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
                          "<g id='a'><use xlink:href='#b'/></g><g id='b'><use xlink:href='#a'/></g></svg>"),
                    Error);
    // Deep nesting.
    std::string deep = "<svg xmlns='http://www.w3.org/2000/svg'>";
    for (int i = 0; i < 100; ++i) deep += "<g>";
    for (int i = 0; i < 100; ++i) deep += "</g>";
    CHECK_THROWS_WITH(clean(deep + "</svg>"), Catch::Contains("deep"));
}

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

TEST_CASE("namespaces are resolved as XML says, and an unbound prefix only leaves its element out") {
    // Inkscape's own elements and attributes go; the drawing in the SVG namespace,
    // however it is prefixed, stays.
    const auto c = clean(
        "<svg xmlns='http://www.w3.org/2000/svg' xmlns:inkscape='http://www.inkscape.org/namespaces/inkscape'>"
        "<g inkscape:label='Layer 1'><rect width='1' height='1'/></g>"
        "<s:circle xmlns:s='http://www.w3.org/2000/svg' r='2'/><foo:bar/><text xml:space='preserve'>a</text></svg>");
    CHECK(c.text.find("<g><rect width=\"1\" height=\"1\"/></g>") != std::string::npos);
    CHECK(c.text.find("<circle r=\"2\"/>") != std::string::npos);
    CHECK(c.text.find("<text xml:space=\"preserve\">a</text>") != std::string::npos);
    CHECK(std::count(c.removed.begin(), c.removed.end(), "<foo:bar>") == 1);
    CHECK(std::count(c.removed.begin(), c.removed.end(), "label=") == 1);
    // An element put in no namespace by xmlns="" is not SVG's but is drawn as
    // before (an SVG renderer ignores it; the allow-list still applies).
    const auto none = clean("<svg xmlns='http://www.w3.org/2000/svg'><g xmlns=''><script/></g></svg>");
    CHECK(none.text.find("script") == std::string::npos);
}

TEST_CASE("declared entities stay unexpanded references and are left out; character references are text") {
    // A billion laughs: expanded it would be 10^9 bytes; kept as a reference it is nothing.
    std::string dtd = "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY l0 'lol'>";
    for (int i = 1; i <= 9; ++i) {
        dtd += "<!ENTITY l" + std::to_string(i) + " '";
        for (int k = 0; k < 10; ++k) dtd += "&l" + std::to_string(i - 1) + ";";
        dtd += "'>";
    }
    dtd += "]>";
    const auto c = clean(dtd + "<svg xmlns='http://www.w3.org/2000/svg'><text>&#65;&amp;&l9;</text></svg>");
    CHECK(c.text.find("<text>A&amp;</text>") != std::string::npos);
    CHECK(std::count(c.removed.begin(), c.removed.end(), "entity &l9;") == 1);
    CHECK(std::count(c.removed.begin(), c.removed.end(), "the DOCTYPE") == 1);
    // In an attribute value entities must be expanded; the parser's own ceiling on
    // amplification makes the same laughs an error, not a gigabyte.
    CHECK_THROWS_AS(clean(dtd + "<svg xmlns='http://www.w3.org/2000/svg'><rect id='&l9;'/></svg>"), Error);
}

TEST_CASE("an error names the line, and budgets hold while the file is read") {
    try {
        clean("<svg xmlns='http://www.w3.org/2000/svg'>\n<rect>\n</svg>");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.pos().line == 3);
        CHECK_THAT(e.what(), Catch::Contains("not well-formed"));
    }
    // 100,001 elements: refused before the tree holds them all.
    std::string many = "<svg xmlns='http://www.w3.org/2000/svg'>";
    for (int i = 0; i < 100001; ++i) many += "<g/>";
    CHECK_THROWS_WITH(clean(many + "</svg>"), Catch::Contains("more than 100000 elements"));
    // Nesting far past the budget (a parser without one would recurse on it).
    std::string deep = "<svg xmlns='http://www.w3.org/2000/svg'>";
    for (int i = 0; i < 200000; ++i) deep += "<g>";
    CHECK_THROWS_WITH(clean(deep), Catch::Contains("deep"));
}

TEST_CASE("a namespace declared through an entity, as Illustrator writes it, is the SVG namespace") {
    const auto c = clean("<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY ns_svg 'http://www.w3.org/2000/svg'>]>"
                         "<svg xmlns='&ns_svg;' viewBox='0 0 2 2'><rect width='1' height='1'/></svg>");
    CHECK(c.text.find("<rect width=\"1\" height=\"1\"/>") != std::string::npos);
    CHECK(c.removed == std::vector<std::string>{"the DOCTYPE"});
}

TEST_CASE("a drawing declared in Windows-1252 is read as such; an unknown encoding is an error") {
    const std::string cp1252 = "<?xml version='1.0' encoding='windows-1252'?><svg xmlns='http://www.w3.org/2000/svg'>"
                               "<text>\x93" "5 \x80\x94 caf\xE9</text></svg>";
    const auto c = clean(cp1252);
    CHECK(c.text.find("<text>\u201C5 \u20AC\u201D caf\u00E9</text>") != std::string::npos);
    // 0x81 is undefined in Windows-1252.
    CHECK_THROWS_AS(clean("<?xml version='1.0' encoding='windows-1252'?><svg><text>\x81</text></svg>"), Error);
    CHECK_THROWS_WITH(clean("<?xml version='1.0' encoding='x-no-such'?><svg/>"), Catch::Contains("encoding"));
}

TEST_CASE("a chain of uses as long as the element budget allows is counted without recursion") {
    // 49,000 groups, each using the next: following them by recursion overflowed the
    // stack. Each group draws the rest of the chain, so the drawing budget refuses it.
    std::string chain = "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>";
    const int links = 49000;
    for (int i = 0; i < links; ++i)
        chain += "<g id='g" + std::to_string(i) + "'><use xlink:href='#g" + std::to_string(i + 1) + "'/></g>";
    CHECK_THROWS_WITH(clean(chain + "<g id='g49000'><rect width='1' height='1'/></g></svg>"), Catch::Contains("<use>"));
    // Closed into a cycle (the last group uses the first): refused the same way.
    CHECK_THROWS_WITH(clean(chain + "<g id='g49000'><use xlink:href='#g0'/></g></svg>"), Catch::Contains("<use>"));
}

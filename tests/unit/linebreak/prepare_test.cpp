// The prepared paragraph (prepare.cpp): spaces, break opportunities and
// hyphenation points found in a small text, at known byte positions.
#include "prepared_text.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace booklet;
using namespace booklet::linebreak;
using booklet::linebreak::test::positions;
using booklet::linebreak::test::PreparedText;
using booklet::linebreak::test::Setup;

TEST_CASE("a prepared paragraph knows its content, spaces and break opportunities", "[linebreak][prepare]") {
    Setup s;
    //                        0         1         2
    //                        0123456789012345678901234
    const std::string text = "  Hyphenation well-known/x ";
    PreparedText pr(s, s.text(text), s.options(sp_from_mm(80)));
    PreparedParagraph& p = pr.p;
    REQUIRE(p.prepare());
    CHECK(p.content_begin == 2);
    CHECK(p.content_end == 26);
    // Leading and trailing spaces are not content: one inner space run, breakable.
    REQUIRE(p.spaces().size() == 1);
    CHECK(p.spaces()[0].begin == 13);
    CHECK(p.spaces()[0].end == 14);
    CHECK(p.spaces()[0].breakable);
    // UAX #14: after the hyphen of "well-" and after the slash.
    REQUIRE(p.opportunities().size() == 2);
    CHECK(p.opportunities()[0].pos == 19);
    CHECK(p.opportunities()[0].kind == Kind::explicit_hyphen);
    CHECK(p.opportunities()[1].pos == 25);
    CHECK(p.opportunities()[1].kind == Kind::other);
    CHECK(p.kept_opportunities().empty());
    // The widths come from the shaped advances.
    CHECK(p.width(2, 13) > 0);
    CHECK(p.width(2, 26) == p.width(2, 13) + p.width(13, 26));
}

TEST_CASE("a prepared paragraph finds dictionary hyphenation points in clean words only", "[linebreak][prepare]") {
    Setup s;
    const std::string text = "Hyphenation GPT4hyphenation";
    PreparedText pr(s, s.text(text), s.options(sp_from_mm(80)));
    REQUIRE(pr.p.prepare());
    // hy-phen-ation; the word glued to a digit is an identifier, not hyphenated.
    const auto& points = pr.p.hyphen_points();
    CHECK(positions(points) == std::vector<std::uint32_t>{2, 6});
    for (const auto& o : points) CHECK(o.kind == Kind::auto_hyphen);

    SECTION("none without dictionaries, or with hyphenation off") {
        auto o = s.options(sp_from_mm(80));
        o.hyphenate = false;
        PreparedText off(s, s.text(text), o);
        REQUIRE(off.p.prepare());
        CHECK(off.p.hyphen_points().empty());
    }
}

TEST_CASE("a prepared paragraph breaks URLs after their separators and keeps kept ranges", "[linebreak][prepare]") {
    Setup s;
    //                        0         1         2
    //                        0123456789012345678901234567
    const std::string text = "see https://ex.org/a and b-c";
    shape::StyledText t = s.text(text);
    t.ranges.clear();
    auto url = s.style();
    url.url = true;
    auto kept = s.style();
    kept.keep_together = true;
    t.ranges.push_back({0, 4, s.style()});
    t.ranges.push_back({4, 20, url});
    t.ranges.push_back({20, 25, s.style()});
    t.ranges.push_back({25, 28, kept});
    PreparedText pr(s, t, s.options(sp_from_mm(80)));
    REQUIRE(pr.p.prepare());
    // After "https://" (both slashes), "ex." and "org/"; never at the URL's end.
    CHECK(positions(pr.p.opportunities()) == std::vector<std::uint32_t>{12, 15, 19});
    for (const auto& o : pr.p.opportunities()) CHECK(o.kind == Kind::url);
    // The hyphen of "b-c" is inside the kept range: only the third pass may use it.
    CHECK(positions(pr.p.kept_opportunities()) == std::vector<std::uint32_t>{27});
}

// The break search (items.cpp, break_search.cpp): the item list of a pass and the
// breaks the passes choose on small paragraphs.
#include "break_search.hpp"
#include "prepared_text.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace booklet;
using namespace booklet::linebreak;
using booklet::linebreak::test::prepared_width;
using booklet::linebreak::test::PreparedText;
using booklet::linebreak::test::Setup;

namespace {

// The text positions of the chosen breaks (where each line's break item starts).
std::vector<std::uint32_t> break_positions(const PreparedParagraph& p, const std::vector<Break>& breaks) {
    std::vector<std::uint32_t> out;
    for (const auto& b : breaks) out.push_back(p.sc.item_text[b.item].begin);
    return out;
}

}  // namespace

TEST_CASE("a pass's items are boxes between spaces, glue for the spaces and the paragraph's end",
          "[linebreak][break_search]") {
    Setup s;
    PreparedText pr(s, s.text("aaa bbb ccc"), s.options(sp_from_mm(80)));
    PreparedParagraph& p = pr.p;
    REQUIRE(p.prepare());
    build_items(p, false, false);
    const auto& items = p.sc.items;
    REQUIRE(items.size() == 7);
    const ItemKind kinds[] = {ItemKind::box,  ItemKind::glue, ItemKind::box,    ItemKind::glue,
                              ItemKind::box,  ItemKind::glue, ItemKind::penalty};
    for (std::size_t i = 0; i < items.size(); ++i) CHECK(items[i].kind == kinds[i]);
    CHECK(items[0].width == p.width(0, 3));
    CHECK(items[1].width == p.width(3, 4));
    // Spaces stretch by half and shrink by a third; boxes by the font expansion limits.
    CHECK(items[1].stretch == static_cast<Sp>(0.5 * static_cast<double>(items[1].width)));
    CHECK(items[1].shrink == static_cast<Sp>(1.0 / 3.0 * static_cast<double>(items[1].width)));
    CHECK(items[0].stretch == p.expandable_width(0, 3) * 25 / 1000);
    CHECK(items[5].stretch >= kFilStretch);
    CHECK(items[6].penalty == -kInfinitePenalty);
    CHECK_FALSE(has_overwide_box(p));
}

TEST_CASE("the break search chooses the expected breaks on a small paragraph", "[linebreak][break_search]") {
    Setup s;
    const std::string text = "aaa bbb ccc ddd";
    // The measure is a little wider than "aaa bbb".
    const Sp two_words = prepared_width(s, text, 0, 7);
    PreparedText pr(s, s.text(text), s.options(two_words + sp_from_pt(1)));
    REQUIRE(pr.p.prepare());
    const ChosenBreaks chosen = search_breaks(pr.p);
    CHECK(chosen.pass == 1);  // no hyphen is needed: the first pass succeeds
    // After "bbb" (the space at 7), then the paragraph's end.
    CHECK(break_positions(pr.p, chosen.breaks) == std::vector<std::uint32_t>{7, 15});
    REQUIRE(chosen.breaks.size() == 2);
    CHECK(chosen.breaks[0].ratio > 0);
    CHECK(chosen.breaks[0].ratio < 1);

    SECTION("first fit when greedy") {
        auto o = s.options(two_words + sp_from_pt(1));
        o.greedy = true;
        PreparedText greedy(s, s.text(text), o);
        REQUIRE(greedy.p.prepare());
        const ChosenBreaks g = search_breaks(greedy.p);
        CHECK(g.pass == 0);
        CHECK(break_positions(greedy.p, g.breaks) == std::vector<std::uint32_t>{7, 15});
    }
}

TEST_CASE("the break search hyphenates in the second pass and breaks a word in the third",
          "[linebreak][break_search]") {
    Setup s;
    SECTION("a word that fits only hyphenated") {
        // "Hyphenation" is wider than the measure; "Hyphen-" is not.
        PreparedText probe(s, s.text("Hyphenation"), s.options(sp_from_mm(80)));
        REQUIRE(probe.p.prepare());
        const Sp width = probe.p.width(0, 6) + sp_from_pt(6);
        REQUIRE(width < probe.p.width(0, 11));
        PreparedText pr(s, s.text("Hyphenation"), s.options(width, Align::left));
        REQUIRE(pr.p.prepare());
        const ChosenBreaks chosen = search_breaks(pr.p);
        CHECK(chosen.pass == 2);
        CHECK(break_positions(pr.p, chosen.breaks) == std::vector<std::uint32_t>{6, 11});
        CHECK(pr.p.sc.item_text[chosen.breaks[0].item].kind == Kind::auto_hyphen);
    }
    SECTION("a token wider than the line, with no point to hyphenate at") {
        PreparedText pr(s, s.text("xxxxxxxxxxxxxxxxxxxxxxxx"), s.options(sp_from_pt(40)));
        REQUIRE(pr.p.prepare());
        const ChosenBreaks chosen = search_breaks(pr.p);
        CHECK(chosen.pass == 3);
        REQUIRE(chosen.breaks.size() >= 2);
        CHECK(pr.p.sc.item_text[chosen.breaks[0].item].kind == Kind::emergency);
        CHECK(has_overwide_box(pr.p) == false);  // the third pass cut the token
    }
}

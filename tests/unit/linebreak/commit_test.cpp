// Committing lines (commit.cpp) at breaks chosen by hand: the hyphen a line ends
// with, and the font expansion and glue that justify it.
#include "break_search.hpp"
#include "commit.hpp"
#include "prepared_text.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace booklet;
using namespace booklet::linebreak;
using booklet::linebreak::test::line_text;
using booklet::linebreak::test::prepared_width;
using booklet::linebreak::test::PreparedText;
using booklet::linebreak::test::Setup;

namespace {

// The item of the pass's list that a break at text position `pos` of this kind is.
std::size_t item_at(const PreparedParagraph& p, std::uint32_t pos, Kind kind) {
    for (std::size_t i = 0; i < p.sc.items.size(); ++i)
        if (p.sc.item_text[i].begin == pos && p.sc.item_text[i].kind == kind) return i;
    FAIL("no break item at " << pos);
    return 0;
}

// The paragraph prepared, its second pass's items built (with hyphenation points)
// and committed as two lines: up to the break at pos, and the rest.
CommittedLines commit_two_lines(PreparedParagraph& p, std::uint32_t pos, Kind kind) {
    REQUIRE(p.prepare());
    build_items(p, true, false);
    const std::vector<Break> breaks{{item_at(p, pos, kind), 0}, {p.sc.items.size() - 1, 0}};
    return commit_lines(p, breaks);
}

Sp advance_of(const Line& l) {
    Sp w = 0;
    for (const auto& r : l.runs) w += r.width();
    return w;
}

}  // namespace

TEST_CASE("a line committed at a hyphenation point ends with a hyphen glyph", "[linebreak][commit]") {
    Setup s;
    PreparedText pr(s, s.text("Hyphenation"), s.options(sp_from_mm(80), Align::left));
    PreparedParagraph& p = pr.p;
    const CommittedLines committed = commit_two_lines(p, 6, Kind::auto_hyphen);
    REQUIRE(committed.lines.size() == 2);
    CHECK_FALSE(committed.overfull);
    const Line& first = committed.lines[0];
    CHECK(first.hyphenated);
    CHECK(first.text_begin == 0);
    CHECK(first.text_end == 6);
    CHECK(line_text(first) == "Hyphen-");
    REQUIRE_FALSE(first.runs.empty());
    const auto& hyphen = first.runs.back().glyphs.back();
    CHECK(hyphen.id == s.glyph_of("-"));
    CHECK(hyphen.cluster == 6);  // the hyphen's text follows the run's six letters
    // A ragged line keeps its natural width: the letters' and the hyphen's advances.
    CHECK(first.expansion == 0);
    CHECK(first.natural_width == p.width(0, 6) + hyphen.advance);
    CHECK(advance_of(first) == first.natural_width);

    const Line& second = committed.lines[1];
    CHECK_FALSE(second.hyphenated);
    CHECK(second.ends_paragraph_or_forced);
    CHECK(line_text(second) == "ation");
    CHECK(second.text_begin == 6);
}

TEST_CASE("a justified line committed with room to fill expands its glyphs and stretches its spaces",
          "[linebreak][commit]") {
    Setup s;
    const std::string text = "aaa bbb ccc ddd";
    const Sp two_words = prepared_width(s, text, 0, 7);
    // 2 % wider or narrower than "aaa bbb": both the glyphs and the space take a share.
    const int percent = GENERATE(2, -2);
    const Sp width = two_words + two_words * percent / 100;
    PreparedText pr(s, s.text(text), s.options(width));
    const CommittedLines committed = commit_two_lines(pr.p, 7, Kind::space);
    REQUIRE(committed.lines.size() == 2);
    const Line& first = committed.lines[0];
    INFO("width " << width << ", natural " << first.natural_width << ", expansion " << first.expansion);
    CHECK(line_text(first) == "aaa bbb");
    CHECK(first.natural_width == two_words);
    // A whole number of 5/1000 steps within 25/1000, in the direction needed.
    CHECK(first.expansion % 5 == 0);
    CHECK(first.expansion * percent > 0);
    CHECK(std::abs(first.expansion) <= 25);
    CHECK(first.ratio * percent > 0);
    CHECK(std::abs(first.ratio) <= 1);
    // The glue takes the rest: the line ends exactly at its width.
    CHECK(advance_of(first) == width);
    for (const auto& r : first.runs) {
        CHECK(r.horizontal_scale == 1000 + first.expansion);
        // The letters are scaled; the space carries what the glue adds.
        const auto a = shape::shape_paragraph(s.fonts, s.text("a")).glyphs.at(0).advance;
        if (r.text.rfind("aaa", 0) == 0) CHECK(r.glyphs.vector().at(0).advance == expanded(a, first.expansion));
    }
    // The last line is not justified.
    const Line& last = committed.lines[1];
    CHECK(last.expansion == 0);
    CHECK(advance_of(last) == last.natural_width);
}

// A glyph's lengths in 32 bits: what fits goes in unchanged, what does not is refused.
// A run's glyph list: shared by its copies, its own once edited.
#include "booklet/glyphs.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace booklet;

TEST_CASE("a glyph holds lengths up to 32,767 pt and refuses longer ones", "[glyphs]") {
    CHECK(sizeof(Glyph) == 20);
    CHECK(glyph_length(sp_from_pt(12.5)) == sp_from_pt(12.5));
    CHECK(glyph_length(-sp_from_pt(3)) == -sp_from_pt(3));
    CHECK(glyph_length(sp_from_pt(32767)) == sp_from_pt(32767));
    CHECK_THROWS_AS(glyph_length(sp_from_pt(32768)), std::out_of_range);
    CHECK_THROWS_AS(glyph_length(-sp_from_pt(32769)), std::out_of_range);
}

TEST_CASE("a run's copies share its glyphs until one is edited", "[glyphs]") {
    GlyphRun run;
    CHECK(run.glyphs.empty());
    CHECK(run.glyphs.begin() == run.glyphs.end());
    run.glyphs.edit().push_back({.id = 7, .cluster = 0, .advance = 100});
    run.glyphs.edit().push_back({.id = 8, .cluster = 1, .advance = 200});
    CHECK(run.width() == 300);  // summed now, for every copy
    const GlyphRun copy = run;
    CHECK(&copy.glyphs[0] == &run.glyphs[0]);  // no copy of the glyphs was made
    CHECK(copy.width() == 300);

    run.glyphs.edit()[0].advance = 150;  // the edited run gets glyphs of its own
    CHECK(&copy.glyphs[0] != &run.glyphs[0]);
    CHECK(run.width() == 350);
    CHECK(copy.width() == 300);
    CHECK(copy.glyphs.size() == 2);
    CHECK(copy.glyphs.back().id == 8);

    GlyphRun alone;
    alone.glyphs = std::vector<Glyph>{{.id = 1}};
    CHECK(alone.glyphs.front().id == 1);
    const Glyph* before = &alone.glyphs[0];
    CHECK(alone.width() == 0);
    alone.glyphs.edit()[0].advance = 40;  // not shared: edited in place, and summed again
    CHECK(&alone.glyphs[0] == before);
    CHECK(alone.width() == 40);
}

// A glyph's lengths in 32 bits: what fits goes in unchanged, what does not is refused.
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

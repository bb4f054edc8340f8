#include "glyph_text.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <tuple>

using namespace booklet;
using namespace booklet::pdf;

namespace {

GlyphRun run_of(std::string text, std::initializer_list<std::pair<std::uint32_t, std::uint32_t>> glyph_clusters) {
    GlyphRun run;
    run.text = std::move(text);
    for (auto [id, cluster] : glyph_clusters) run.glyphs.edit().push_back({.id = id, .cluster = cluster, .advance = 100});
    return run;
}

// A cmap for the tests: a..z -> 1..26, U+0323 -> 90, U+0301 -> 91.
std::optional<std::uint32_t> cmap(char32_t c) {
    if (c >= U'a' && c <= U'z') return static_cast<std::uint32_t>(c - U'a' + 1);
    if (c == 0x0323) return 90u;
    if (c == 0x0301) return 91u;
    return std::nullopt;
}

}  // namespace

TEST_CASE("a ligature glyph stands for its whole cluster") {
    // "office" shaped as o, ffi (one glyph for clusters 1..3), c, e
    const auto run = run_of("office", {{15, 0}, {500, 1}, {3, 4}, {5, 5}});
    const auto groups = group_clusters(run, cmap);
    REQUIRE(groups.size() == 4);
    CHECK(groups[1].first == 1);
    CHECK(groups[1].text == U"ffi");
    CHECK(groups[1].attribution == GlyphGroup::Attribution::whole);
    CHECK(groups[1].glyph_text(0) == U"ffi");
    CHECK(groups[3].text == U"e");
}

TEST_CASE("base and mark glyphs map one to one only when the cmap agrees") {
    const auto run = run_of("x\xCC\xA3", {{24, 0}, {90, 0}});
    auto groups = group_clusters(run, cmap);
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].attribution == GlyphGroup::Attribution::per_character);
    CHECK(groups[0].glyph_text(0) == U"x");
    CHECK(groups[0].glyph_text(1) == U"\u0323");

    // A mark glyph that is not the font's nominal glyph (a contextual variant)
    // cannot be attributed: the cluster needs /ActualText.
    const auto variant = run_of("x\xCC\xA3", {{24, 0}, {95, 0}});
    groups = group_clusters(variant, cmap);
    CHECK_FALSE(groups[0].attributed());
    CHECK(groups[0].text == U"x\u0323");

    // Two glyphs for three characters: not one to one either.
    const auto three = run_of("xyz", {{24, 0}, {25, 0}});
    CHECK_FALSE(group_clusters(three, cmap)[0].attributed());
}

TEST_CASE("characters without a glyph stay with the cluster before them") {
    // "a", soft hyphen (no glyph), "b"
    const auto run = run_of(
        "a\xC2\xAD"
        "b",
        {{1, 0}, {2, 3}});
    const auto groups = group_clusters(run, cmap);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].text == U"a\u00AD");
    CHECK(groups[1].text == U"b");
}

TEST_CASE("right-to-left runs take cluster text in logical order") {
    // Visual order reverses the clusters: glyph for "b" (cluster 1) comes first.
    const auto run = run_of("ab", {{2, 1}, {1, 0}});
    const auto groups = group_clusters(run, cmap);
    REQUIRE(groups.size() == 2);
    CHECK(groups[0].text == U"b");
    CHECK(groups[1].text == U"a");
}

TEST_CASE("the most frequent text of a glyph becomes its ToUnicode entry") {
    ToUnicodeChoice choice;
    choice.add(171, U"\u00E9");
    choice.add(171, U"e\u0301");
    choice.add(171, U"\u00E9");
    choice.add(3, U"b");
    choice.add(3, U"a");  // tie: the smaller text wins, whatever the order
    const auto chosen = choice.choose();
    CHECK(chosen.at(171) == U"\u00E9");
    CHECK(chosen.at(3) == U"a");

    const auto run = run_of("e\xCC\x81", {{171, 0}});
    const auto groups = group_clusters(run, cmap);
    CHECK_FALSE(extracts_by_to_unicode(run, groups[0], ToUnicodeIndex(chosen)));  // needs a span
    const auto plain = run_of("\xC3\xA9", {{171, 0}});
    CHECK(extracts_by_to_unicode(plain, group_clusters(plain, cmap)[0], ToUnicodeIndex(chosen)));
}

TEST_CASE("glyphs that are never attributed exactly still get a ToUnicode guess") {
    // x + a contextual mark variant (95): no exact text for 95 anywhere.
    const auto run = run_of("x\xCC\xA3", {{24, 0}, {95, 0}});
    ToUnicodeChoice choice;
    for (const auto& g : group_clusters(run, cmap)) choice.add_fallback(run, g);
    choice.add(24, U"x");
    const auto chosen = choice.choose();
    CHECK(chosen.at(24) == U"x");  // the exact text wins over the guess
    CHECK(chosen.at(95) == U"\u0323");

    // One glyph too many: the extra glyph repeats the last character.
    const auto extra = run_of("ab", {{40, 0}, {41, 0}, {42, 0}});
    ToUnicodeChoice more;
    for (const auto& g : group_clusters(extra, cmap)) more.add_fallback(extra, g);
    CHECK(more.choose() == std::map<std::uint32_t, std::u32string>{{40, U"a"}, {41, U"b"}, {42, U"b"}});
}

TEST_CASE("ToUnicode CMap uses ranges, surrogate pairs and blocks of 100") {
    std::map<std::uint32_t, std::u32string> map{{3, U" "},         {36, U"A"},        {37, U"B"},
                                                {38, U"C"},        {2132, U"ffi"},    {73, U"\U0001D400"},
                                                {0xFE, U"\u00FE"}, {0xFF, U"\u00FF"}, {0x100, U"\u0100"}};
    const std::string cmap_text = to_unicode_cmap(map);
    CHECK(cmap_text.find("<0024> <0026> <0041>") != std::string::npos);
    CHECK(cmap_text.find("<0854> <006600660069>") != std::string::npos);
    CHECK(cmap_text.find("<0049> <D835DC00>") != std::string::npos);
    CHECK(cmap_text.find("<0003> <0020>") != std::string::npos);
    // A range may not cross a change of the code's high byte.
    CHECK(cmap_text.find("<00FE> <00FF> <00FE>") != std::string::npos);
    CHECK(cmap_text.find("<0100> <0100>") != std::string::npos);
    CHECK(cmap_text.find("begincodespacerange\n<0000> <FFFF>") != std::string::npos);

    std::map<std::uint32_t, std::u32string> many;
    for (std::uint32_t g = 0; g < 150; ++g) many.emplace(g * 2, U"x");  // none consecutive: all bfchar
    const std::string blocks = to_unicode_cmap(many);
    CHECK(blocks.find("100 beginbfchar") != std::string::npos);
    CHECK(blocks.find("50 beginbfchar") != std::string::npos);
    CHECK(blocks.find("bfrange") == std::string::npos);
}

TEST_CASE("pages counted apart and merged choose what counting the book at once chooses") {
    // Three "pages" of runs over two fonts: ligatures, marks, guesses and a
    // cluster too long to map at all (drawn only).
    const std::vector<std::vector<std::pair<FontId, GlyphRun>>> pages = {
        {{0, run_of("office", {{15, 0}, {500, 1}, {3, 4}, {5, 5}})}, {1, run_of("x\xCC\xA3", {{24, 0}, {95, 0}})}},
        {{0, run_of("\xC3\xA9t\xC3\xA9", {{171, 0}, {20, 2}, {171, 3}})}, {0, run_of("e\xCC\x81", {{171, 0}})}},
        {{1, run_of("ab", {{40, 0}, {41, 0}, {42, 0}})}, {0, run_of(std::string(120, 'q'), {{77, 0}})},
         {1, run_of("x\xCC\xA3", {{24, 0}, {90, 0}})}}};

    std::map<FontId, ToUnicodeChoice> whole, merged;
    std::map<FontId, std::set<std::uint32_t>> drawn_whole, drawn_merged;
    PageTextCounter counter;
    for (const auto& page : pages) {
        for (const auto& [font, run] : page) {
            for (const Glyph& g : run.glyphs) drawn_whole[font].insert(g.id);
            for (const auto& group : group_clusters(run, cmap)) {
                counter.add_group(font, run, group);
                if (!group.attributed()) {
                    whole[font].add_fallback(run, group);
                    continue;
                }
                for (std::size_t k = 0; k < group.count; ++k)
                    whole[font].add(run.glyphs[group.first + k].id, group.glyph_text(k));
            }
        }
        counter.add(0, 3, U" ");  // the space a line ends with
        whole[0].add(3, U" ");
        drawn_whole[0].insert(3);
        const std::vector<GlyphText> counted = counter.take();
        std::set<std::tuple<FontId, std::uint32_t, GlyphText::Kind, std::u32string>> once;
        for (const GlyphText& g : counted) {
            CHECK(once.insert({g.font, g.glyph, g.kind, g.text}).second);  // each entry once, counted
            drawn_merged[g.font].insert(g.glyph);
            merged[g.font].add(g);
        }
    }
    CHECK(drawn_merged == drawn_whole);
    for (FontId font : {0, 1}) CHECK(merged[font].choose() == whole[font].choose());
    CHECK(merged[0].choose().at(171) == U"\u00E9");  // counted twice exactly against once composed
    CHECK(counter.take().empty());

    // A page that failed half way leaves nothing for the next one.
    counter.add(0, 5, U"e");
    counter.clear();
    CHECK(counter.take().empty());
}

TEST_CASE("a page's glyph texts as the cache folder keeps them: every field back; anything else refused") {
    const std::vector<GlyphText> texts = {
        {0, 36, GlyphText::Kind::exact, U"a", 12},
        {3, 1234, GlyphText::Kind::fallback, U"\U0001F600x", 1},
        {65535, 0, GlyphText::Kind::drawn, U"", 7},
    };
    const std::string payload = page_texts_payload(texts);
    const auto read = page_texts_from_payload(payload);
    REQUIRE(read);
    CHECK(*read == texts);
    const auto none = page_texts_from_payload(page_texts_payload({}));
    REQUIRE(none);
    CHECK(none->empty());

    for (std::size_t cut = 0; cut < payload.size(); ++cut) {
        INFO(cut);
        CHECK_FALSE(page_texts_from_payload(payload.substr(0, cut)));
    }
    CHECK_FALSE(page_texts_from_payload(payload + '\0'));
    // The first entry's fields start after the count (8 bytes): font, glyph, kind.
    std::string font = payload;
    font[8 + 2] = 1;  // font 65536: no FontId
    CHECK_FALSE(page_texts_from_payload(font));
    std::string kind = payload;
    kind[8 + 8] = 3;  // no such kind
    CHECK_FALSE(page_texts_from_payload(kind));
    std::string character = payload;
    character[8 + 4 + 4 + 1 + 4 + 8 + 2] = 0x11;  // its text's character U+110061: past Unicode
    CHECK_FALSE(page_texts_from_payload(character));
    std::string count = payload;
    count[6] = 1;  // more entries than the bytes could hold
    CHECK_FALSE(page_texts_from_payload(count));
}

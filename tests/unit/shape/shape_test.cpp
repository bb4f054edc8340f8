#include "booklet/source_dir.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/shape.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>

using namespace booklet;
using namespace booklet::shape;

namespace {

std::filesystem::path font_file(const std::string& name) {
    return std::filesystem::path(BOOKLET_SOURCE_DIR) / "fonts" / name;
}

struct Fonts {
    FontRegistry registry;
    FontId serif = registry.load(font_file("noto/NotoSerif-Regular.ttf"));
    FontId symbols = registry.load(font_file("noto/NotoSansSymbols-Regular.ttf"));
    FontId symbols2 = registry.load(font_file("noto/NotoSansSymbols2-Regular.ttf"));
    FontId dejavu = registry.load(font_file("dejavu/DejaVuSans.ttf"));
};

StyledText styled(const std::string& text, std::vector<FontId> chain, Sp size = sp_from_pt(10)) {
    StyledText t;
    t.text = text;
    TextStyle style;
    for (FontId f : chain) style.fonts.fonts.push_back(f);
    style.size = size;
    t.ranges.push_back({0, text.size(), style});
    return t;
}

Sp width_of(const ShapedParagraph& p) {
    Sp w = 0;
    for (const auto& g : p.glyphs) w += g.advance;
    return w;
}

// The font of the glyph(s) of the cluster starting at byte `at`.
FontId font_at(const ShapedParagraph& p, std::size_t at) {
    for (const auto& g : p.glyphs)
        if (g.cluster == at) return g.font;
    FAIL("no glyph at byte " << at);
    return 0;
}

}  // namespace

TEST_CASE("a font chain holds its fonts in order, compares by them, and refuses a seventeenth") {
    FontChain::List list{3, 0};
    list.push_back(7);
    REQUIRE(list.size() == 3);
    CHECK(std::vector<FontId>(list.begin(), list.end()) == std::vector<FontId>{3, 0, 7});
    CHECK(list[1] == 0);
    CHECK(list == FontChain::List{3, 0, 7});
    CHECK(list != FontChain::List{3, 0});  // a shorter chain with font 0 at its end is another chain
    CHECK(FontChain::List{3} != FontChain::List{3, 0});
    CHECK(FontChain::List{} != FontChain::List{0});
    CHECK(FontChain::List{}.empty());
    // A map keyed on chains tells them all apart.
    const std::set<FontChain::List> keys{{}, {0}, {0, 0}, {3}, {3, 0}, {3, 0, 7}};
    CHECK(keys.size() == 6);

    FontChain::List full;
    for (std::size_t i = 0; i < FontChain::kMaxFonts; ++i) full.push_back(static_cast<FontId>(i));
    CHECK_THROWS_AS(full.push_back(99), std::length_error);
    CHECK(full.size() == FontChain::kMaxFonts);
}

TEST_CASE("positions are in sp: HarfBuzz's scale is the size in sp") {
    Fonts f;
    const auto p = shape_paragraph(f.registry, styled("e", {f.serif}));
    REQUIRE(p.glyphs.size() == 1);
    // Noto Serif's "e" advances 535 of 1000 units.
    const Sp expected = scale_sp(535, sp_from_pt(10), 1000);
    CHECK(std::llabs(p.glyphs[0].advance - expected) <= 1);
    CHECK(f.registry.ascent(f.serif, sp_from_pt(10)) > sp_from_pt(8));
    CHECK(f.registry.descent(f.serif, sp_from_pt(10)) > sp_from_pt(1));
}

TEST_CASE("kerning changes the advances of AV and To") {
    Fonts f;
    for (const std::string pair : {"AV", "To"}) {
        INFO(pair);
        const Sp together = width_of(shape_paragraph(f.registry, styled(pair, {f.serif})));
        const Sp apart = width_of(shape_paragraph(f.registry, styled(pair.substr(0, 1), {f.serif}))) +
                         width_of(shape_paragraph(f.registry, styled(pair.substr(1), {f.serif})));
        CHECK(together < apart - sp_from_pt(0.3));
        CHECK(measure(f.registry, pair, styled(pair, {f.serif}).ranges[0].style) == together);
    }
    // Kerning makes the second glyph depend on the first: a break there needs reshaping.
    const auto av = shape_paragraph(f.registry, styled("AV", {f.serif}));
    REQUIRE(av.glyphs.size() == 2);
    CHECK(av.glyphs[1].unsafe_to_break);
}

TEST_CASE("ligatures keep one cluster for several characters") {
    Fonts f;
    const auto p = shape_paragraph(f.registry, styled("office", {f.serif}));
    // o, ffi, c, e
    REQUIRE(p.glyphs.size() == 4);
    CHECK(p.glyphs[1].cluster == 1);
    CHECK(p.glyphs[2].cluster == 4);
}

TEST_CASE("combining marks are positioned with offsets on their base") {
    Fonts f;
    // x + COMBINING CIRCUMFLEX ACCENT has no precomposed form, so the mark stays a glyph.
    const auto p = shape_paragraph(f.registry, styled("x\xCC\x82y", {f.serif}));
    REQUIRE(p.glyphs.size() == 3);
    const auto& mark = p.glyphs[1];
    CHECK(mark.id != 0);
    CHECK(mark.cluster == 0);  // same cluster as the x
    CHECK(mark.advance == 0);
    CHECK((mark.x_offset != 0 || mark.y_offset != 0));
    CHECK(p.glyphs[2].cluster == 3);
}

TEST_CASE("fallback is chosen per cluster through the chain") {
    Fonts f;
    Diagnostics warnings;
    const std::string text = "Pause \xE2\x8F\xB8 now \xE2\x86\x92";  // Pause ⏸ now →
    const auto p = shape_paragraph(f.registry, styled(text, {f.serif, f.symbols2, f.symbols}), &warnings);
    CHECK(warnings.all().empty());
    const std::size_t pause = text.find("\xE2\x8F\xB8");
    const std::size_t arrow = text.find("\xE2\x86\x92");
    for (const auto& g : p.glyphs) {
        CHECK(g.id != 0);
        if (g.cluster == pause)
            CHECK(g.font == f.symbols2);  // only Symbols2 has ⏸
        else if (g.cluster == arrow)
            CHECK(g.font == f.symbols);   // Noto Serif has no →; Symbols2 neither
        else
            CHECK(g.font == f.serif);     // spaces next to the symbols stay in the body font
    }
}

TEST_CASE("a character no font has becomes a visible placeholder, reported once per script") {
    Fonts f;
    Diagnostics warnings;
    const std::string text = "a \xE2\x8F\xB8 b \xE2\x8F\xB8";  // ⏸ twice, Noto Serif alone
    const auto p = shape_paragraph(f.registry, styled(text, {f.serif}), &warnings);
    CHECK(warnings.all().empty());  // summed up after layout, not per paragraph
    for (const auto& g : p.glyphs) {
        CHECK(g.id != 0);
        CHECK(g.advance > 0);
    }
    // 中文 (Han), क (Devanagari), ཀ (Tibetan), 한 (Hangul), ⏸ again: one group per script.
    shape_paragraph(f.registry, styled("\xE4\xB8\xAD\xE6\x96\x87 \xE0\xA4\x95 \xE0\xBD\x80 \xED\x95\x9C \xE2\x8F\xB8", {f.serif}));
    const auto missing = missing_characters(f.registry);
    REQUIRE(missing.size() == 5);
    const auto group = [&](const std::string& script) {
        for (const auto& m : missing)
            if (m.script == script) return m;
        FAIL("no group for " << script);
        return MissingScript{};
    };
    CHECK(group("Han").characters == std::vector<char32_t>{0x4E2D, 0x6587});
    CHECK(group("Han").package == "fonts-noto-cjk");
    CHECK(group("Hangul").family == "Noto Sans CJK KR");
    CHECK(group("Devanagari").package == "fonts-noto-core");
    CHECK(group("Devanagari").family == "Noto Sans Devanagari");
    CHECK(group("Tibetan").family == "Noto Serif Tibetan");  // the package has no Sans for it
    CHECK(group("Common").characters == std::vector<char32_t>{0x23F8});
    CHECK(group("Common").package.empty());

    report_missing_characters(f.registry, warnings, MissingSeverity::warning);
    REQUIRE(warnings.all().size() == 5);
    for (const auto& w : warnings.all()) CHECK(w.kind == "missing-glyph");
    const auto han = std::find_if(warnings.all().begin(), warnings.all().end(), [](const Diagnostic& d) {
        return d.message.find("Han script") != std::string::npos;
    });
    REQUIRE(han != warnings.all().end());
    CHECK(han->message.find("2 characters") != std::string::npos);
    CHECK(han->message.find("\xE4\xB8\xAD (U+4E2D)") != std::string::npos);
    CHECK(han->message.find("install it and add 'Noto Sans CJK SC' to the style's fonts.fallbacks") != std::string::npos);
}

TEST_CASE("a long list of missing characters is cut short") {
    Fonts f;
    std::string text;
    for (char32_t c = 0x4E00; c < 0x4E00 + 40; ++c) {  // 40 Han characters
        text += static_cast<char>(0xE0 | (c >> 12));
        text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        text += static_cast<char>(0x80 | (c & 0x3F));
    }
    shape_paragraph(f.registry, styled(text, {f.serif}));
    Diagnostics warnings;
    report_missing_characters(f.registry, warnings, MissingSeverity::warning);
    REQUIRE(warnings.all().size() == 1);
    CHECK(warnings.all()[0].message.find("40 characters") != std::string::npos);
    CHECK(warnings.all()[0].message.find("and 34 more") != std::string::npos);
}

TEST_CASE("missing characters are errors where the style asks") {
    Fonts f;
    shape_paragraph(f.registry, styled("\xE4\xB8\xAD and \xE0\xA4\x95", {f.serif}));  // Han and Devanagari
    Diagnostics found;
    report_missing_characters(f.registry, found, MissingSeverity::error);
    REQUIRE(found.all().size() == 2);
    CHECK(found.error_count() == 2);
    CHECK(found.warning_count() == 0);
    for (const auto& d : found.all()) CHECK(d.kind == "missing-glyph");
}

TEST_CASE("emoji presentation sequences go to the colour emoji font") {
    Fonts f;
    const auto emoji = f.registry.color_emoji();
    if (!emoji) {
        WARN("Noto Color Emoji is not installed (scripts/setup.sh installs fonts-noto-color-emoji)");
        return;
    }
    CHECK(f.registry.info(*emoji).color_bitmap);
    Diagnostics warnings;
    // 📧, 🇳🇱 (a flag from two regional indicators), 1️⃣ (keycap), 👩‍💻 (ZWJ), ❤️ (VS16), ⏸ (text default)
    const std::string mail = "\xF0\x9F\x93\xA7", flag = "\xF0\x9F\x87\xB3\xF0\x9F\x87\xB1",
                      keycap = "1\xEF\xB8\x8F\xE2\x83\xA3",
                      coder = "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", heart = "\xE2\x9D\xA4\xEF\xB8\x8F",
                      pause = "\xE2\x8F\xB8";
    const std::string text = "Mail " + mail + " " + flag + " " + keycap + " " + coder + " " + heart + " " + pause;
    const auto p = shape_paragraph(f.registry, styled(text, {f.serif, f.symbols2}), &warnings);
    CHECK(warnings.all().empty());
    for (const auto& seq : {mail, flag, keycap, coder, heart}) {
        const std::size_t at = text.find(seq);
        int glyphs = 0;
        for (const auto& g : p.glyphs) {
            if (g.cluster != at) continue;
            ++glyphs;
            CHECK(g.font == *emoji);
            CHECK(g.id != 0);
        }
        CHECK(glyphs == 1);  // the whole sequence is one colour glyph
    }
    CHECK(font_at(p, text.find(pause)) == f.symbols2);
    CHECK(font_at(p, 0) == f.serif);

    // The mail glyph renders to an RGB raster with alpha.
    std::uint32_t mail_glyph = 0;
    for (const auto& g : p.glyphs)
        if (g.cluster == text.find(mail)) mail_glyph = g.id;
    const auto image = f.registry.color_glyph(*emoji, mail_glyph);
    REQUIRE(image);
    CHECK(image->ppem > 0);
    CHECK(image->raster.width > 0);
    CHECK(image->raster.channels == 3);
    CHECK(image->raster.pixels.size() == static_cast<std::size_t>(image->raster.width * image->raster.height * 3));
    CHECK(image->raster.alpha.size() == static_cast<std::size_t>(image->raster.width * image->raster.height));
    bool transparent = false, opaque = false;
    for (auto a : image->raster.alpha) {
        transparent |= a == 0;
        opaque |= a == 255;
    }
    CHECK(transparent);
    CHECK(opaque);
    CHECK_FALSE(f.registry.color_glyph(f.serif, 10));  // not a colour font
    // The 11 MB colour font is read in pieces: no copy of its bytes is held (the
    // PDF never embeds it), the outline fonts' are.
    CHECK_FALSE(f.registry.program(*emoji).data);
    CHECK(f.registry.program(f.serif).data);
}

TEST_CASE("a colour font cut short after it was opened loses glyphs, nothing worse") {
    Fonts f;
    const auto emoji = f.registry.color_emoji();
    if (!emoji) {
        WARN("Noto Color Emoji is not installed (scripts/setup.sh installs fonts-noto-color-emoji)");
        return;
    }
    const auto dir = std::filesystem::temp_directory_path() / "booklet-shape-cut-font";
    std::filesystem::create_directories(dir);
    const auto copy = dir / "emoji.ttf";
    std::filesystem::copy_file(f.registry.info(*emoji).file, copy, std::filesystem::copy_options::overwrite_existing);
    FontRegistry registry;
    const FontId id = registry.load(copy);
    const std::string mail = "\xF0\x9F\x93\xA7";
    const auto p = shape_paragraph(registry, styled(mail, {id}), nullptr);
    REQUIRE_FALSE(p.glyphs.empty());
    std::filesystem::resize_file(copy, 4096);  // as an editor or a package upgrade might
    CHECK_FALSE(registry.color_glyph(id, p.glyphs.front().id));
    std::filesystem::remove_all(dir);
}

TEST_CASE("without the colour font, emoji fall back to the chain or a placeholder") {
    Fonts f;
    f.registry.disable_color_emoji();
    Diagnostics warnings;
    const std::string star = "\xE2\xAD\x90", mail = "\xF0\x9F\x93\xA7";  // ⭐ 📧
    const std::string text = star + " " + mail;
    const auto p = shape_paragraph(f.registry, styled(text, {f.serif, f.symbols2}), &warnings);
    CHECK(font_at(p, 0) == f.symbols2);  // monochrome star
    for (const auto& g : p.glyphs) CHECK(g.id != 0);
    CHECK(warnings.all().empty());
    const auto missing = missing_characters(f.registry);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].characters == std::vector<char32_t>{0x1F4E7});
}

TEST_CASE("scripts and directions are itemised; glyphs stay in logical order") {
    Fonts f;
    const std::string text = "Hello \xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xCE\x93\xCE\xB5\xCE\xB9\xCE\xAC "
                             "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D end";  // Привет Γειά שלום
    const auto p = shape_paragraph(f.registry, styled(text, {f.serif, f.dejavu}));
    std::uint32_t last = 0;
    bool hebrew_rtl = false;
    for (const auto& g : p.glyphs) {
        CHECK(g.id != 0);
        CHECK(g.cluster >= last);
        last = g.cluster;
        if (g.cluster >= text.find("\xD7\xA9") && g.cluster < text.find(" end")) {
            CHECK(g.font == f.dejavu);  // Noto Serif has no Hebrew
            hebrew_rtl |= (g.level & 1) == 1;
        } else {
            CHECK(g.level == 0);
        }
    }
    CHECK(hebrew_rtl);
}

TEST_CASE("left-to-right words inside a right-to-left paragraph keep their embedding level") {
    Fonts f;
    // שלום hello world שלום: the paragraph is right to left (level 1), the English
    // words are embedded at level 2 — also when the word cache shapes them.
    const std::string text = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D hello world \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";
    const auto p = shape_paragraph(f.registry, styled(text, {f.serif, f.dejavu}));
    const std::uint32_t from = static_cast<std::uint32_t>(text.find("hello"));
    const std::uint32_t to = static_cast<std::uint32_t>(text.find("world") + 5);
    int english = 0;
    for (const auto& g : p.glyphs) {
        INFO("cluster " << g.cluster);
        if (g.cluster >= from && g.cluster < to && text[g.cluster] != ' ') {
            CHECK(g.level == 2);
            ++english;
        } else if (text[g.cluster] != ' ') {
            CHECK(g.level == 1);
        }
    }
    CHECK(english == 10);
}

TEST_CASE("line separators get no glyph, tabs shape as spaces, soft hyphens vanish") {
    Fonts f;
    const auto p = shape_paragraph(f.registry, styled("a\nb\tc\xC2\xAD" "d", {f.serif}));
    const auto space = shape_paragraph(f.registry, styled(" ", {f.serif}));
    REQUIRE(space.glyphs.size() == 1);
    // a, b, tab, c, d
    REQUIRE(p.glyphs.size() == 5);
    CHECK(p.glyphs[1].cluster == 2);
    CHECK(p.glyphs[2].cluster == 3);
    CHECK(p.glyphs[2].id == space.glyphs[0].id);
    CHECK(p.glyphs[2].advance == space.glyphs[0].advance);
    CHECK(p.glyphs[4].cluster == 7);
}

TEST_CASE("styled ranges keep their own size and index") {
    Fonts f;
    StyledText t = styled("small BIG", {f.serif});
    t.ranges[0].end = 6;
    TextStyle big = t.ranges[0].style;
    big.size = sp_from_pt(20);
    t.ranges.push_back({6, 9, big});
    const auto p = shape_paragraph(f.registry, t);
    REQUIRE(p.glyphs.size() == 9);
    CHECK(p.glyphs[0].range == 0);
    CHECK(p.glyphs[8].range == 1);
    CHECK(p.glyphs[7].advance > p.glyphs[0].advance);  // "I" at 20pt vs "s" at 10pt
}

TEST_CASE("reshaping a range gives the paragraph's glyphs where breaking is safe") {
    Fonts f;
    const auto t = styled("the office hours", {f.serif});
    const auto p = shape_paragraph(f.registry, t);
    const auto part = reshape_range(f.registry, t, 4, 10);  // "office"
    std::vector<ShapedGlyph> expected;
    for (const auto& g : p.glyphs)
        if (g.cluster >= 4 && g.cluster < 10) expected.push_back(g);
    REQUIRE(part.size() == expected.size());
    for (std::size_t i = 0; i < part.size(); ++i) {
        CHECK(part[i].id == expected[i].id);
        CHECK(part[i].cluster == expected[i].cluster);
        CHECK(part[i].advance == expected[i].advance);
    }
}

TEST_CASE("the registry loads each file once and describes it") {
    FontRegistry registry;
    const FontId a = registry.load(font_file("noto/NotoSerif-Regular.ttf"));
    const FontId b = registry.load(font_file("noto/../noto/NotoSerif-Regular.ttf"));
    CHECK(a == b);
    CHECK(registry.size() == 1);
    const FontId bold = registry.load(font_file("noto/NotoSerif-Bold.ttf"));
    CHECK(registry.info(bold).bold);
    CHECK_FALSE(registry.info(a).bold);
    CHECK(registry.info(a).family == "Noto Serif");
    CHECK(registry.covers(a, U'A'));
    CHECK_FALSE(registry.covers(a, U'\u23F8'));
    const auto program = registry.program(a);
    CHECK(program.postscript_name == "NotoSerif-Regular");
    REQUIRE(program.data);
    CHECK(program.data->size() > 100000);
    CHECK(program.units_per_em == 1000);
    CHECK(program.serif);
    CHECK(program.cap_height > 0);
    CHECK(registry.program(registry.load(font_file("noto/NotoSansMono-Regular.ttf"))).fixed_pitch);
    CHECK_FALSE(registry.program(registry.load(font_file("noto/NotoSans-Regular.ttf"))).serif);

    try {
        registry.load(font_file("README.md"));
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.pos().file.find("README.md") != std::string::npos);
    }
    CHECK_THROWS_AS(registry.load(font_file("no-such-font.ttf")), Error);
}

TEST_CASE("a style without fonts is an error, not a crash") {
    FontRegistry registry;
    StyledText t;
    t.text.push_back('x');  // not `= "x"`: GCC 12 warns falsely (-Wrestrict) about that under ASan
    t.ranges.push_back({0, 1, TextStyle{}});
    CHECK_THROWS_AS(shape_paragraph(registry, t), Error);
}

// White box: the word cache must give exactly what shaping the whole paragraph
// in one HarfBuzz call gives.
#include "../../../src/shape/font_registry_impl.hpp"

TEST_CASE("word-by-word shaping with the cache equals shaping the paragraph at once") {
    Fonts f;
    const std::string text = "To AVoid the office, To AVoid the office\xE2\x80\x94 \xE2\x80\x9CWAVE\xE2\x80\x9D, fi ffl "
                             "Tyranny; y\xE2\x80\x99" "all. To AVoid the office";
    const Sp size = sp_from_pt(10);
    CHECK(f.registry.impl().space_independent(f.serif));       // so the cache is used for it
    CHECK_FALSE(f.registry.impl().space_independent(f.symbols2));  // Symbols2 uses the space in lookups
    const auto p = shape_paragraph(f.registry, styled(text, {f.serif}, size));

    hb_font_t* font = f.registry.impl().hb_font(f.serif, size);
    HbBufferPtr buf(hb_buffer_create());
    hb_buffer_add_utf8(buf.get(), text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
    hb_buffer_set_direction(buf.get(), HB_DIRECTION_LTR);
    hb_buffer_set_script(buf.get(), HB_SCRIPT_LATIN);
    hb_buffer_set_language(buf.get(), hb_language_from_string("en", -1));
    hb_buffer_set_flags(buf.get(), static_cast<hb_buffer_flags_t>(HB_BUFFER_FLAG_BOT | HB_BUFFER_FLAG_EOT |
                                                                  HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES));
    hb_shape(font, buf.get(), nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf.get(), &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf.get(), &n);
    REQUIRE(p.glyphs.size() == n);
    for (unsigned k = 0; k < n; ++k) {
        INFO("glyph " << k);
        CHECK(p.glyphs[k].id == info[k].codepoint);
        CHECK(p.glyphs[k].cluster == info[k].cluster);
        CHECK(p.glyphs[k].advance == pos[k].x_advance);
        CHECK(p.glyphs[k].x_offset == pos[k].x_offset);
        CHECK(p.glyphs[k].y_offset == pos[k].y_offset);
        CHECK(p.glyphs[k].unsafe_to_break ==
              ((hb_glyph_info_get_glyph_flags(&info[k]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0));
    }
    // Shaping again (now from the cache) gives the same.
    const auto again = shape_paragraph(f.registry, styled(text, {f.serif}, size));
    REQUIRE(again.glyphs.size() == p.glyphs.size());
    for (std::size_t k = 0; k < again.glyphs.size(); ++k) {
        CHECK(again.glyphs[k].id == p.glyphs[k].id);
        CHECK(again.glyphs[k].advance == p.glyphs[k].advance);
    }
}

TEST_CASE("upper case through ICU's full case mapping, with the language") {
    CHECK(upper_case("Bezpieczeństwo", "pl") == "BEZPIECZEŃSTWO");
    CHECK(upper_case("Straße", "de") == "STRASSE");
    CHECK(upper_case("istanbul", "tr") == "İSTANBUL");
    CHECK(upper_case("istanbul", "en") == "ISTANBUL");
    CHECK(upper_case("Ελλάδα", "el") == "ΕΛΛΑΔΑ");  // Greek capitals drop the tonos
    CHECK(upper_case("безопасность", "ru") == "БЕЗОПАСНОСТЬ");
}

TEST_CASE("the base direction of a paragraph from its first strong character (UAX #9 P2, P3)") {
    CHECK(first_strong_is_rtl("\xD9\x84\xD9\x85\xD8\xA7\xD8\xB0\xD8\xA7 and more") == std::optional<bool>(true));
    CHECK(first_strong_is_rtl("2026: Hello \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D") == std::optional<bool>(false));
    CHECK_FALSE(first_strong_is_rtl("123 - 456").has_value());
    // Digits and signs before the first letter decide nothing, ASCII or not; an
    // ASCII letter decides at once; the first letter after them decides.
    CHECK(first_strong_is_rtl("12. \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D abc") == std::optional<bool>(true));
    CHECK(first_strong_is_rtl("(1) \xC2\xAB\xD8\xA7\xD9\x84 x\xC2\xBB") == std::optional<bool>(true));
    CHECK(first_strong_is_rtl("\xC2\xAB Hello \xD7\xA9") == std::optional<bool>(false));
    CHECK(first_strong_is_rtl("z\xD7\xA9") == std::optional<bool>(false));
    CHECK(first_strong_is_rtl("@[`{ \xE2\x80\x94 \xC3\xA9t\xC3\xA9") == std::optional<bool>(false));
    CHECK_FALSE(first_strong_is_rtl("").has_value());
    CHECK_FALSE(first_strong_is_rtl("\xE2\x80\x94 42 \xE2\x80\x94").has_value());
}

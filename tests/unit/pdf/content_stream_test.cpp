#include "content_stream.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <sstream>

using namespace booklet;
using namespace booklet::pdf;

namespace {

constexpr Sp kPt = kSpPerPt;

// Every glyph is 500/1000 em wide; glyph n is the letter 'a' + n - 1.
struct FakeFont {
    std::map<std::uint32_t, std::u32string> to_unicode;
    ToUnicodeIndex index;
    TextFont font;
    // The ToUnicode entries but `unmapped`.
    explicit FakeFont(std::uint32_t unmapped = 0) {
        for (std::uint32_t g = 1; g <= 26; ++g)
            if (g != unmapped) to_unicode[g] = std::u32string(1, U'a' + g - 1);
        index = ToUnicodeIndex(to_unicode);
        font.resource = "F0";
        font.width = [](std::uint32_t) { return std::int64_t{500}; };
        font.nominal = [](char32_t c) -> std::optional<std::uint32_t> {
            if (c >= U'a' && c <= U'z') return static_cast<std::uint32_t>(c - U'a' + 1);
            return std::nullopt;
        };
        font.to_unicode = &index;
    }
};

// Glyph codes as the stream writes them: a literal string of two bytes a glyph
// (none of the fake font's codes needs an escape).
std::string codes(std::initializer_list<std::uint32_t> glyphs) {
    std::string out = "(";
    for (const std::uint32_t g : glyphs) out += {static_cast<char>(g >> 8), static_cast<char>(g & 0xFF)};
    return out + ')';
}

pages::TextItem item_of(const std::string& text, Sp advance) {
    pages::TextItem item;
    item.x = 10 * kPt;
    item.y = 50 * kPt;
    item.run.size = 10 * kPt;
    item.run.text = text;
    for (std::size_t i = 0; i < text.size(); ++i)
        item.run.glyphs.edit().push_back(
            {.id = static_cast<std::uint32_t>(text[i] - 'a' + 1),
             .cluster = static_cast<std::uint32_t>(i),
             .advance = glyph_length(advance)});
    return item;
}

// The x position (in thousandths of an em) reached after the glyphs of every
// TJ array in a content stream, by the PDF rules: glyph widths minus numbers.
double tj_advance(const std::string& content, std::int64_t glyph_width) {
    double pen = 0;
    std::size_t pos = 0;
    while ((pos = content.find('[', pos)) != std::string::npos) {
        const std::size_t end = content.find(']', pos);
        const std::string body = content.substr(pos + 1, end - pos - 1);
        for (std::size_t i = 0; i < body.size();) {
            if (body[i] == '(') {
                const std::size_t close = body.find(')', i);
                pen += static_cast<double>((close - i - 1) / 2 * glyph_width);
                i = close + 1;
            } else {
                char* stop = nullptr;
                pen -= std::strtod(body.c_str() + i, &stop);
                i = static_cast<std::size_t>(stop - body.c_str());
            }
        }
        pos = end;
    }
    return pen;
}

}  // namespace

TEST_CASE("advances equal to the font widths need no TJ numbers") {
    FakeFont f;
    ContentStream cs(100 * kPt);
    cs.text(item_of("ab", 5 * kPt), f.font);
    CHECK(cs.bytes().find("/F0 10 Tf\n") != std::string::npos);
    CHECK(cs.bytes().find("1 0 0 1 10 50 Tm\n[" + codes({1, 2}) + "] TJ\n") != std::string::npos);
    CHECK(cs.bytes().find("BDC") == std::string::npos);
}

TEST_CASE("kerning and justification become TJ numbers") {
    FakeFont f;
    auto item = item_of("ab", 5 * kPt);
    item.run.glyphs.edit()[0].advance -= kPt / 2;  // kern 0.5 pt = 50/1000 em at 10 pt
    ContentStream cs(100 * kPt);
    cs.text(item, f.font);
    CHECK(cs.bytes().find("[" + codes({1}) + "50" + codes({2}) + "] TJ") != std::string::npos);

    auto wide = item_of("ab", 5 * kPt);
    wide.run.glyphs.edit()[0].advance += 3 * kPt;  // justification: 300/1000 em wider
    ContentStream cs2(100 * kPt);
    cs2.text(wide, f.font);
    CHECK(cs2.bytes().find("[" + codes({1}) + "-300" + codes({2}) + "] TJ") != std::string::npos);
}

TEST_CASE("rounding never accumulates along a line") {
    FakeFont f;
    // 300 glyphs, each 1 sp narrower than its font width: 300 sp = 0.0046 pt
    // in all, which the writer must follow to within a tenth of a unit.
    auto item = item_of(std::string(300, 'a'), 5 * kPt - 1);
    ContentStream cs(100 * kPt);
    cs.text(item, f.font);
    const double wanted = static_cast<double>(300 * (5 * kPt - 1)) / static_cast<double>(10 * kPt) * 1000.0;
    // Each glyph starts within 0.05 units of where it belongs; the last one's
    // width differs from its advance by 1 sp (0.0015 units).
    CHECK(std::abs(tj_advance(cs.bytes(), 500) - wanted) < 0.06);
    CHECK(cs.bytes().find('-') == std::string::npos);  // only small forward corrections
}

TEST_CASE("marks with a y offset get their own text matrix") {
    FakeFont f;
    auto item = item_of("ab", 5 * kPt);
    item.run.glyphs.edit()[0].advance = 5 * kPt;
    // b as a mark on a: shifted left 1 pt, up 2 pt
    item.run.glyphs.edit()[1] = {.id = 2, .cluster = 0, .advance = 0, .x_offset = -kPt, .y_offset = 2 * kPt};
    ContentStream cs(100 * kPt);
    cs.text(item, f.font);
    // a at (10, 50); the mark at x = 10 + 5 - 1, y = 50 + 2 in PDF space
    CHECK(cs.bytes().find("1 0 0 1 14 52 Tm\n[" + codes({2}) + "] TJ") != std::string::npos);
}

TEST_CASE("clusters ToUnicode cannot describe are wrapped in ActualText") {
    FakeFont f(2);  // glyph 'b' has no ToUnicode entry
    ContentStream cs(100 * kPt);
    cs.text(item_of("abc", 5 * kPt), f.font);
    CHECK(cs.bytes().find("[" + codes({1}) + "] TJ\n/Span <</ActualText <FEFF0062>>> BDC\n[" + codes({2}) + "] TJ\nEMC\n[" +
                             codes({3}) + "] TJ") !=
          std::string::npos);

    pages::TextItem whole = item_of("ab", 5 * kPt);
    whole.actual_text = "x";
    ContentStream cs2(100 * kPt);
    cs2.text(whole, f.font);
    CHECK(cs2.bytes().rfind("/Span <</ActualText <FEFF0078>>> BDC\nBT\n", 0) == 0);
    CHECK(cs2.bytes().find("ET\nEMC\n") != std::string::npos);
}

TEST_CASE("colour, rise and font are set only when they change") {
    FakeFont f;
    ContentStream cs(100 * kPt);
    auto red = item_of("a", 5 * kPt);
    red.run.color = {255, 0, 0};
    cs.text(red, f.font);
    cs.text(red, f.font);
    auto sup = item_of("b", 3 * kPt);
    sup.run.size = 6 * kPt;
    sup.run.rise = 3 * kPt;
    cs.text(sup, f.font);
    const std::string& s = cs.bytes();
    CHECK(s.find("1 0 0 rg") == s.rfind("1 0 0 rg"));
    CHECK(s.find("/F0 10 Tf") == s.rfind("/F0 10 Tf"));
    CHECK(s.find("/F0 6 Tf\n0 0 0 rg\n3 Ts\n") != std::string::npos);
}

TEST_CASE("rules, rectangles and images are flipped into PDF space") {
    ContentStream cs(100 * kPt);
    cs.rule({10 * kPt, 20 * kPt, 90 * kPt, 20 * kPt, kPt / 2, {128, 128, 128}});
    cs.rect({{10 * kPt, 10 * kPt, 30 * kPt, 20 * kPt}, {0, 0, 255}});
    pages::ImageItem picture;
    picture.rect = {5 * kPt, 60 * kPt, 40 * kPt, 30 * kPt};
    picture.alt = "A map";
    cs.image(picture, "Im0", nullptr);
    const std::string& s = cs.bytes();
    CHECK(s.find("0.502 0.502 0.502 RG\n0.5 w\n10 80 m 90 80 l S\n") != std::string::npos);
    CHECK(s.find("0 0 1 rg\n10 70 30 20 re f\n") != std::string::npos);
    CHECK(s.find("/Span <</Alt <FEFF00410020006D00610070>>> BDC\nq 40 0 0 30 5 10 cm /Im0 Do Q\nEMC\n") !=
          std::string::npos);
}

TEST_CASE("an emoji image carries its text with an invisible glyph") {
    ContentStream cs(100 * kPt);
    pages::ImageItem emoji;
    emoji.rect = {5 * kPt, 60 * kPt, 10 * kPt, 10 * kPt};
    emoji.actual_text = "\xF0\x9F\x93\xA7";
    const TextCarrier carrier{"F1", 3, 250};
    cs.image(emoji, "Im0", &carrier);
    const std::string& s = cs.bytes();
    CHECK(
        s.rfind("/Span <</ActualText <FEFFD83DDCE7>>> BDC\nq 10 0 0 10 5 30 cm /Im0 Do Q\nBT\n3 Tr\n/F1 10 Tf\n400 Tz\n"
                "1 0 0 1 5 32 Tm " + codes({3}) + " Tj\nET\nEMC\n",
                0) == 0);
    // Text drawn afterwards is visible and unscaled again.
    FakeFont f;
    cs.text(item_of("a", 5 * kPt), f.font);
    CHECK(s.find("BT\n0 Tr\n100 Tz\n/F0 10 Tf") != std::string::npos);
}

TEST_CASE("an expanded run is drawn with Tz and its TJ numbers follow the scale") {
    FakeFont f;
    // Font expansion of +2 %: every glyph 2 % wider than its font width, and one
    // justification gap of 3 pt after the first glyph.
    auto item = item_of("abc", 5 * kPt * 102 / 100);
    item.run.horizontal_scale = 1020;
    item.run.glyphs.edit()[0].advance += 3 * kPt;
    ContentStream cs(100 * kPt);
    cs.text(item, f.font);
    const std::string& s = cs.bytes();
    CHECK(s.find("102 Tz\n") != std::string::npos);
    // The glyphs' own widths already carry the scale: only the gap is a number,
    // and it is divided by the scale (3 pt = 300/1000 em at 10 pt, / 1.02).
    CHECK(s.find("[" + codes({1}) + "-294.1" + codes({2, 3}) + "] TJ") != std::string::npos);
    // Where the PDF puts the end of the run: the widths and the number, scaled.
    const double end_pt = (tj_advance(s, 500) * 1.02) / 1000.0 * 10.0;
    CHECK(std::abs(end_pt - pt_from_sp(item.run.width())) < 0.001);

    // A fraction of a percent is written as such, and the next plain run resets it.
    auto narrow = item_of("a", 5 * kPt * 995 / 1000);
    narrow.run.horizontal_scale = 995;
    cs.text(narrow, f.font);
    CHECK(s.find("99.5 Tz\n") != std::string::npos);
    cs.text(item_of("a", 5 * kPt), f.font);
    CHECK(s.rfind("100 Tz\n") > s.find("99.5 Tz\n"));
}

#include "sample_book.hpp"

#include "hand_book.hpp"

#include <initializer_list>
#include <memory>

namespace booklet::pdf_test {

namespace {

constexpr Sp kPt = kSpPerPt;

enum Font : FontId { serif, sans_bold, math, serif_italic };

struct Setter {
    pages::Book& book;
    pages::Page* page = nullptr;

    // Places runs one after the other on a baseline; returns the x after them.
    Sp line(Sp x, Sp baseline, std::initializer_list<GlyphRun> runs) {
        for (const auto& run : runs) {
            pages::TextItem item;
            item.x = x;
            item.y = baseline;
            item.run = run;
            x += run.width();
            page->items.push_back(std::move(item));
        }
        return x;
    }
    GlyphRun text(Font f, const std::string& s, Sp size = 10 * kPt) { return shape(book.fonts[f], f, s, size); }
};

std::shared_ptr<pages::Raster> emoji_raster() {
    // A 32x32 yellow disc on transparent ground: what layout makes of a colour
    // emoji bitmap.
    auto r = std::make_shared<pages::Raster>();
    r->width = r->height = 32;
    r->channels = 3;
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x) {
            const int dx = x - 16, dy = y - 16;
            const bool inside = dx * dx + dy * dy < 15 * 15;
            r->pixels.insert(r->pixels.end(), {255, 200, 0});
            r->alpha.push_back(inside ? 255 : 0);
        }
    return r;
}

std::shared_ptr<pages::Raster> picture_raster() {
    // 60x40 RGBA gradient with a soft alpha ramp, as decoded from a PNG.
    auto r = std::make_shared<pages::Raster>();
    r->width = 60;
    r->height = 40;
    r->channels = 3;
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 60; ++x) {
            r->pixels.insert(r->pixels.end(),
                             {static_cast<std::uint8_t>(x * 4), static_cast<std::uint8_t>(y * 6), 128});
            r->alpha.push_back(static_cast<std::uint8_t>(255 - x * 2));
        }
    return r;
}

}  // namespace

pages::Book sample_book() {
    pages::Book book;
    for (const char* file :
         {"NotoSerif-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansMath-Regular.ttf", "NotoSerif-Italic.ttf"})
        book.fonts.push_back(load_font(font_path(file)));
    book.info.title = "Booklet PDF test \xE2\x80\x94 \xE2\x80\x98quoted\xE2\x80\x99";
    book.info.author = "Test Author";
    book.info.subject = "The PDF writer";
    book.info.keywords = "pdf, test";
    book.info.creator = "booklet tests";
    book.info.language = "en-GB";
    book.info.date = 1714567890;  // 2024-05-01 12:51:30 UTC

    const Sp width = sp_from_mm(148), height = sp_from_mm(210);
    const Sp left = 50 * kPt;
    const auto emoji = emoji_raster();

    Setter set{book};
    for (int i = 0; i < 3; ++i) {
        pages::Page page;
        page.width = width;
        page.height = height;
        book.pages.push_back(page);
    }

    // Page 1 ------------------------------------------------------------
    set.page = &book.pages[0];
    set.page->label = "i";
    {
        GlyphRun heading = set.text(sans_bold, "Chapter one", 16 * kPt);
        heading.color = {0x1F, 0x3A, 0x93};
        set.line(left, 70 * kPt, {heading});
        set.page->items.push_back(pages::RuleItem{left, 78 * kPt, width - left, 78 * kPt, kPt / 2, {0x80, 0x80, 0x80}});
        set.page->items.push_back(pages::RectItem{{left, 84 * kPt, 200 * kPt, 60 * kPt}, {0xEE, 0xEE, 0xF4}});

        Sp y = 100 * kPt;
        set.line(left, y, {set.text(serif, "The office flow: affine fluff, AVATAR Ty.")});

        // A justified line: every space stretched by 4pt.
        GlyphRun justified = set.text(serif, "Justified words spread wide");
        for (auto& g : justified.glyphs.edit())
            if (justified.text[g.cluster] == ' ') g.advance += 4 * kPt;
        set.line(left, y += 14 * kPt, {justified});

        // Combining marks: x + dot below and Q + acute stay two glyphs, the mark
        // placed with x/y offsets; e + U+0301 becomes the precomposed glyph that
        // a real "é" also uses.
        set.line(left, y += 14 * kPt, {set.text(serif, "Marks: x\xCC\xA3 Q\xCC\x81 e\xCC\x81 \xC3\xA9t\xC3\xA9")});

        // A non-BMP character from a fallback font, a superscript and an emoji.
        Sp x = set.line(left, y += 14 * kPt,
                        {set.text(serif, "Math "), set.text(math, "\xF0\x9D\x90\x80"), set.text(serif, " bold")});
        GlyphRun sup = set.text(serif, "2", 6 * kPt);
        sup.rise = 3 * kPt;
        x = set.line(x, y, {sup});
        x += 2 * kPt;
        pages::ImageItem mail;
        mail.rect = {x, y - 8 * kPt, 10 * kPt, 10 * kPt};
        mail.raster = emoji;
        mail.actual_text = "\xF0\x9F\x93\xA7";
        set.page->items.push_back(mail);

        GlyphRun link = set.text(serif_italic, "Visit example.org today");
        link.color = {0x00, 0x33, 0xCC};
        set.line(left, y += 14 * kPt, {link});
        set.page->links.push_back({{left, y - 9 * kPt, link.width(), 12 * kPt}, kSampleUri, -1, 0, pages::kArtifact, {}, {}});

        GlyphRun see = set.text(serif, "See chapter two on page 2");
        set.line(left, y += 14 * kPt, {see});
        set.page->links.push_back(
            {{left, y - 9 * kPt, see.width(), 12 * kPt}, "", 2, 60 * kPt, pages::kArtifact, {}, "chapter-two"});

        pages::ImageItem picture;
        picture.rect = {left, y + 10 * kPt, 120 * kPt, 80 * kPt};
        picture.raster = picture_raster();
        picture.alt = "A colour gradient";
        set.page->items.push_back(picture);
    }

    // Page 2 ------------------------------------------------------------
    set.page = &book.pages[1];
    set.page->label = "1";
    {
        set.line(left, 70 * kPt, {set.text(sans_bold, "A section", 13 * kPt)});
        Sp x = set.line(left, 90 * kPt, {set.text(serif, "The same emoji again, embedded once")});
        pages::ImageItem mail;
        mail.rect = {x + 2 * kPt, 82 * kPt, 10 * kPt, 10 * kPt};
        mail.raster = emoji;
        mail.actual_text = "\xF0\x9F\x93\xA7";
        set.page->items.push_back(mail);
    }

    // Page 3 ------------------------------------------------------------
    set.page = &book.pages[2];
    set.page->label = "2";
    {
        set.line(left, 70 * kPt, {set.text(sans_bold, "Chapter two", 16 * kPt)});
        set.line(left, 90 * kPt, {set.text(serif, "A final fjord of efficient fish.")});
    }

    book.outline = {{"Chapter one", 1, 0, 60 * kPt},
                    {"A section \xE2\x80\x94 \xC3\xA9t\xC3\xA9", 2, 1, 60 * kPt},
                    {"Chapter two", 1, 2, 60 * kPt}};
    return book;
}

std::vector<std::vector<std::string>> sample_book_lines() {
    return {{"Chapter one", "The office flow: affine fluff, AVATAR Ty.", "Justified words spread wide",
             "Marks: x\xCC\xA3 Q\xCC\x81 e\xCC\x81 \xC3\xA9t\xC3\xA9", "Math \xF0\x9D\x90\x80 bold2 \xF0\x9F\x93\xA7",
             "Visit example.org today", "See chapter two on page 2"},
            {"A section", "The same emoji again, embedded once \xF0\x9F\x93\xA7"},
            {"Chapter two", "A final fjord of efficient fish."}};
}

}  // namespace booklet::pdf_test

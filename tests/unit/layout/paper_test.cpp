// Layout that saves paper, with the real text engine and the shipped styles: the
// contents (depth, numbers with leaders), the imprint, the back cover and the
// padding to whole sheets, chapters that run on, paragraphs set a line shorter.
#include "booklet/cite.hpp"
#include "booklet/layout.hpp"
#include "booklet/style.hpp"

#include "furniture.hpp"
#include "notes.hpp"
#include "layout_test_support.hpp"
#include "paragraph.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

using namespace booklet;
using namespace booklet::layout_test;

namespace {

// `chapters` chapters of `paragraphs` paragraphs of about 60 words, a section
// heading in each.
model::Document book_of(int chapters, int paragraphs, const std::string& lang = "en") {
    model::Document doc;
    doc.meta.title = "Paper is money";
    doc.meta.authors = {"The Printers"};
    doc.meta.language = lang;
    doc.meta.date = "2025-03-01";
    doc.meta.identifier = "urn:test:paper";
    doc.meta.license = "CC BY 4.0";
    for (int c = 0; c < chapters; ++c) {
        model::Blocks blocks;
        for (int i = 0; i < paragraphs; ++i) {
            if (i == 1) blocks.push_back(heading(2, "Section of chapter " + std::to_string(c), "s" + std::to_string(c)));
            blocks.push_back(para({text(layout_test::words("c" + std::to_string(c) + "p" + std::to_string(i), 60))}));
        }
        doc.chapters.push_back(chapter("ch" + std::to_string(c), "Chapter " + std::to_string(c), blocks));
        doc.chapters.back().lang = lang;
    }
    return doc;
}

// Pages whose text includes `needle`, 0-based.
std::vector<std::size_t> pages_with(const pages::Book& book, const std::string& needle) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < book.pages.size(); ++i)
        if (spaced_text(book.pages[i]).find(needle) != std::string::npos) out.push_back(i);
    return out;
}

// The page (0-based) where the outline entry `title` points, -1 when none does.
int outline_page(const pages::Book& book, const std::string& title) {
    for (const auto& o : book.outline)
        if (o.title == title) return o.page;
    return -1;
}

Sp right_edge(const pages::TextItem& t) { return t.x + t.run.width(); }

}  // namespace

TEST_CASE("contents: page numbers right-aligned after dot leaders, the depth by book length", "[layout][contents]") {
    const auto style = booklet_style();
    const Laid laid = lay(book_of(4, 3), style);
    const auto& book = laid.book;
    const auto contents = pages_with(book, "Contents");
    REQUIRE_FALSE(contents.empty());
    const pages::Page& page = book.pages[contents.front()];
    // Four chapters: two levels (auto), each chapter and its section listed.
    CHECK(spaced_text(page).find("Section of chapter 2") != std::string::npos);
    // Every number ends at the right edge of the text block; dots run before it.
    const bool recto = (contents.front() + 1) % 2 == 1;
    const Sp right = style.page.width - (recto ? style.page.margin_outer : style.page.margin_inner);
    const Sp foot = style.page.height - style.page.margin_bottom;
    int numbers = 0, leaders = 0;
    for (const auto* t : texts(page)) {
        if (t->y < foot && t->run.text.find_first_not_of("0123456789") == std::string::npos) {
            ++numbers;
            CHECK(std::llabs(right_edge(*t) - right) < sp_from_pt(0.5));
        }
        if (t->run.text.size() > 3 && t->run.text.find_first_not_of('.') == std::string::npos) ++leaders;
    }
    CHECK(numbers == 8);
    CHECK(leaders == 8);
    // Leaders of all entries stand on one grid: their dots line up down the page.
    std::vector<Sp> first_dots;
    for (const auto* t : texts(page))
        if (t->run.text.size() > 3 && t->run.text.find_first_not_of('.') == std::string::npos) first_dots.push_back(t->x);
    REQUIRE(first_dots.size() > 1);
    for (const auto* t : texts(page))
        if (t->run.text.size() > 3 && t->run.text.find_first_not_of('.') == std::string::npos) {
            // Set solid: each dot at the previous one's advance.
            const Sp pitch = t->run.glyphs.front().advance;
            CHECK((t->x - first_dots.front()) % pitch == 0);
        }

    SECTION("beyond 30 chapters, chapters only") {
        const Laid long_book = lay(book_of(31, 1), style);
        std::string all;
        for (const auto i : pages_with(long_book.book, "Contents")) all += spaced_text(long_book.book.pages[i]);
        CHECK(all.find("Chapter 30") != std::string::npos);
        CHECK(all.find("Section of chapter") == std::string::npos);
    }
    SECTION("numbers after the title, or aligned without leaders") {
        auto after = style;
        after.toc_numbers = style::TocNumbers::after;
        const Laid a = lay(book_of(4, 3), after);
        const pages::Page& p = a.book.pages[pages_with(a.book, "Contents").front()];
        CHECK(glued_text(p).find("Chapter 0\u00A0\u00A0") != std::string::npos);
        auto tab = style;
        tab.toc_numbers = style::TocNumbers::tab;
        const Laid b = lay(book_of(4, 3), tab);
        const pages::Page& q = b.book.pages[pages_with(b.book, "Contents").front()];
        CHECK(glued_text(q).find("...") == std::string::npos);
    }
}

TEST_CASE("the imprint on the back of the title page names the licence and its deed", "[layout][imprint]") {
    const auto style = booklet_style();
    const Laid laid = lay(book_of(2, 3), style);
    REQUIRE(laid.book.pages.size() > 2);
    const std::string imprint = glued_text(laid.book.pages[1]);
    CHECK(imprint.find("Paper is money") != std::string::npos);
    CHECK(imprint.find("The Printers") != std::string::npos);
    CHECK(imprint.find("March 1, 2025") != std::string::npos);
    CHECK(imprint.find("urn:test:paper") != std::string::npos);
    CHECK(imprint.find("Licence: CC BY 4.0") != std::string::npos);
    CHECK(imprint.find("https://creativecommons.org/licenses/by/4.0/") != std::string::npos);
    CHECK(imprint.find("Made with booklet") != std::string::npos);
    bool linked = false;
    for (const auto& l : laid.book.pages[1].links) linked = linked || l.uri == "https://creativecommons.org/licenses/by/4.0/";
    CHECK(linked);
    // The text starts on page 3, a right-hand page.
    CHECK(laid.book.pages[2].label == "3");

    SECTION("in the document's language, and nothing the manifest leaves out") {
        model::Document doc = book_of(2, 3, "nl");
        doc.meta.license.clear();
        doc.meta.date.clear();
        const Laid nl = lay(doc, style);
        const std::string text = glued_text(nl.book.pages[1]);
        CHECK(text.find("Gemaakt met booklet") != std::string::npos);
        CHECK(text.find("Licentie") == std::string::npos);
        CHECK(text.find("2025") == std::string::npos);
    }
    SECTION("one-sided: at the foot of the title page, no page of its own") {
        auto one_sided = style;
        one_sided.page.two_sided = false;
        const Laid laid1 = lay(book_of(2, 3), one_sided);
        CHECK(glued_text(laid1.book.pages[0]).find("Made with booklet") != std::string::npos);
        CHECK(laid1.book.pages[1].label == "2");
        CHECK(glued_text(laid1.book.pages[1]).find("Made with booklet") == std::string::npos);
    }
}

TEST_CASE("a one-sided title page keeps its lines clear of the imprint at its foot", "[layout][imprint]") {
    // The e-reader's page: 90 x 120 mm, the title set large and wrapped.
    style::Style style = style::load_style("ereader", BOOKLET_SOURCE_DIR "/styles");
    style.back_cover.enabled = false;
    model::Document doc = book_of(2, 3);
    doc.meta.title = "Paper is money, and money is paper";
    doc.meta.subtitle = "A subtitle of one line";
    const Sp imprint_size = style.footnote.size;
    // The title block's lowest baseline and the imprint's highest, told apart by size.
    const auto gap_above_imprint = [&](const pages::Page& page) {
        Sp block_bottom = 0, imprint_top = page.height;
        for (const auto* t : texts(page)) {
            if (t->run.size > imprint_size) block_bottom = std::max(block_bottom, t->y);
            else imprint_top = std::min(imprint_top, t->y - t->run.size);
        }
        return imprint_top - block_bottom;
    };
    const Laid laid = lay(doc, style);
    REQUIRE(glued_text(laid.book.pages[0]).find("Made with booklet") != std::string::npos);
    CHECK(gap_above_imprint(laid.book.pages[0]) >= style.body.leading / 2);

    SECTION("a page too short for both: the imprint takes the page after the title") {
        style.page.height = sp_from_mm(70);
        const Laid small = lay(doc, style);
        REQUIRE(small.book.pages.size() > 2);
        CHECK(glued_text(small.book.pages[0]).find("Made with booklet") == std::string::npos);
        CHECK(glued_text(small.book.pages[1]).find("Made with booklet") != std::string::npos);
        CHECK(outline_page(small.book, "Contents") == 2);
    }
}

TEST_CASE("a short contents: the first chapter runs on below it when one-sided, not when two-sided",
          "[layout][contents]") {
    auto style = booklet_style();
    style.toc_depth = 1;  // three entries
    const model::Document doc = book_of(3, 2);
    const Laid two = lay(doc, style);
    CHECK(outline_page(two.book, "Chapter 0") == outline_page(two.book, "Contents") + 1);
    style.page.two_sided = false;
    const Laid one = lay(doc, style);
    CHECK(outline_page(one.book, "Chapter 0") == outline_page(one.book, "Contents"));
    SECTION("without a run-on fill the first chapter opens a page of its own") {
        style.chapters.run_on_fill = 0;
        const Laid apart = lay(doc, style);
        CHECK(outline_page(apart.book, "Chapter 0") == outline_page(apart.book, "Contents") + 1);
    }
}

TEST_CASE("a contents that fits on the back of the title page shares it with the imprint", "[layout][imprint]") {
    const auto style = booklet_style();
    // Three chapters and their sections: six entries, a short contents.
    const Laid short_book = lay(book_of(3, 3), style);
    const auto& pages = short_book.book.pages;
    REQUIRE(pages.size() > 3);
    const std::string back = spaced_text(pages[1]);
    CHECK(back.find("Contents") != std::string::npos);
    CHECK(back.find("Section of chapter 2") != std::string::npos);
    CHECK(back.find("Made with booklet") != std::string::npos);
    // The contents stands above the imprint, two lines clear of it.
    Sp contents_bottom = 0, imprint_top = style.page.height;
    for (const auto* t : texts(pages[1])) {
        if (t->run.text.find("Made") == 0 || t->run.text.find("Paper") == 0) imprint_top = std::min(imprint_top, t->y);
        if (t->run.text.find("Section") == 0) contents_bottom = std::max(contents_bottom, t->y);
    }
    CHECK(contents_bottom + 2 * style.body.leading <= imprint_top);
    // The text opens on page 3, as it would behind an imprint page of its own.
    CHECK(outline_page(short_book.book, "Contents") == 1);
    CHECK(outline_page(short_book.book, "Chapter 0") == 2);
    CHECK(spaced_text(pages[2]).find("Made with booklet") == std::string::npos);

    SECTION("a contents longer than that page leaves the imprint alone on it") {
        // Forty chapters, one level: forty entries run past the first page.
        const Laid long_book = lay(book_of(40, 3), style);
        const auto& lp = long_book.book.pages;
        REQUIRE(lp.size() > 4);
        const std::string imprint = spaced_text(lp[1]);
        CHECK(imprint.find("Made with booklet") != std::string::npos);
        CHECK(imprint.find("Contents") == std::string::npos);
        CHECK(imprint.find("Chapter 0") == std::string::npos);
        const auto contents = pages_with(long_book.book, "Contents");
        REQUIRE_FALSE(contents.empty());
        CHECK(contents.front() == 2);
        // It does run over a page: sharing would have turned the page mid-contents.
        CHECK(outline_page(long_book.book, "Chapter 0") >= 4);
        CHECK(spaced_text(lp[3]).find("Chapter 39") != std::string::npos);
        for (const auto& page : lp)
            if (&page != &lp[1]) CHECK(spaced_text(page).find("Made with booklet") == std::string::npos);
    }
}

TEST_CASE("Creative Commons licences by name", "[layout][imprint]") {
    CHECK(layout::license_url("CC BY 4.0") == "https://creativecommons.org/licenses/by/4.0/");
    CHECK(layout::license_url("cc-by-sa-4.0") == "https://creativecommons.org/licenses/by-sa/4.0/");
    CHECK(layout::license_url("CC BY-NC-ND 3.0") == "https://creativecommons.org/licenses/by-nc-nd/3.0/");
    CHECK(layout::license_url("CC0 1.0") == "https://creativecommons.org/publicdomain/zero/1.0/");
    CHECK(layout::license_url("CC BY") == "");
    CHECK(layout::license_url("CC BY-SA-NC 4.0") == "");
    CHECK(layout::license_url("CC BY 5.0") == "");
    CHECK(layout::license_url("All rights reserved") == "");
    CHECK(layout::license_url("") == "");
}

TEST_CASE("a booklet is a multiple of 4 pages, its last page a free back cover", "[layout][back_cover]") {
    auto style = shipped_booklet_style();
    style.fit.save_sheets = false;
    for (const int chapters : {1, 2, 3, 5}) {
        INFO(chapters << " chapters");
        const Laid laid = lay(book_of(chapters, 4), style);
        const auto& pages = laid.book.pages;
        CHECK(pages.size() % 4 == 0);
        // No text on the back cover; the pages before it that pad the count are
        // blank. Text that ends on a sheet's last page leaves no room for one, and a
        // blank back cover is never worth a sheet of its own (four blank pages).
        std::size_t blank_tail = 0;
        for (auto it = pages.rbegin(); it != pages.rend() && it->items.empty(); ++it) ++blank_tail;
        CHECK(blank_tail < 4);
        const bool text_filled_sheets = blank_tail == 0;
        CHECK((pages.back().items.empty() || text_filled_sheets));
        for (std::size_t i = 0; i + 1 < pages.size(); ++i)
            CHECK(pages[i].label == std::to_string(i + 1));
    }
    SECTION("the home QR code and the colophon go on the back cover") {
        style.back_cover.colophon = true;
        model::Document doc = book_of(2, 4);
        doc.meta.qr = "https://pauseai.info";
        const Laid laid = lay(doc, style);
        const auto& back = laid.book.pages.back();
        int modules = 0;
        for (const auto& item : back.items) modules += std::holds_alternative<pages::RectItem>(item);
        CHECK(modules > 20);
        const std::string text = glued_text(back);
        CHECK(text.find("https://pauseai.info") != std::string::npos);
        CHECK(text.find("Set in Noto Serif and Noto Sans. Made with booklet.") != std::string::npos);
        CHECK(laid.book.pages.size() % 4 == 0);
    }
}

TEST_CASE("a home address too long for a QR code is left out with a warning", "[layout][back_cover]") {
    // A QR code holds at most 2953 bytes; the code is made before the first pass,
    // whose warnings had nowhere to go yet.
    model::Document doc = book_of(2, 2);
    doc.meta.qr = "https://pauseai.info/" + std::string(4000, 'a');
    for (const auto place : {style::HomeQrPlace::back_page, style::HomeQrPlace::cover}) {
        auto style = shipped_booklet_style();
        style.home_qr.place = place;
        const Laid laid = lay(doc, style);
        int warnings = 0;
        for (const auto& d : laid.diags.all()) warnings += d.kind == "qr-code";
        CHECK(warnings == 1);
        for (const auto& page : laid.book.pages)
            for (const auto& item : page.items) CHECK_FALSE(std::holds_alternative<pages::RectItem>(item));
    }
}

TEST_CASE("save_sheets: a short booklet that would need blank pages is set denser", "[layout][back_cover]") {
    auto style = shipped_booklet_style();
    style.fit.save_sheets = false;
    // Five short chapters: on new pages they take more sheets than running on.
    const model::Document doc = book_of(5, 2);
    const Laid styled = lay(doc, style);
    style.fit.save_sheets = true;
    const Laid saved = lay(doc, style);
    CHECK(saved.book.pages.size() % 4 == 0);
    CHECK(saved.book.pages.size() <= styled.book.pages.size());
    int blank_before_cover = 0;
    for (std::size_t i = saved.book.pages.size() - 1; i-- > 0 && saved.book.pages[i].items.empty();) ++blank_before_cover;
    int styled_blank = 0;
    for (std::size_t i = styled.book.pages.size() - 1; i-- > 0 && styled.book.pages[i].items.empty();) ++styled_blank;
    INFO(styled.book.pages.size() << " pages with " << styled_blank << " blank, then " << saved.book.pages.size());
    // A sheet is saved only when one can be: then the denser book is shorter.
    if (styled_blank > 0) CHECK(saved.book.pages.size() <= styled.book.pages.size());
    else CHECK(saved.book.pages.size() == styled.book.pages.size());
}

TEST_CASE("run-on chapters follow each other under a heading break", "[layout][chapters]") {
    auto style = booklet_style();
    style.chapters.opening = style::ChapterOpening::run_on;
    const auto page_of = outline_page;
    const Laid laid = lay(book_of(3, 1), style);
    // Three short chapters share the page after the contents, which ends its own page
    // (the back of the title page, with the imprint under it).
    const int contents = page_of(laid.book, "Contents");
    CHECK(contents == 1);
    CHECK(page_of(laid.book, "Chapter 0") == contents + 1);
    CHECK(page_of(laid.book, "Chapter 2") == contents + 1);

    SECTION("new_page: each chapter opens a page") {
        style.chapters.opening = style::ChapterOpening::new_page;
        style.chapters.run_on_fill = 0;
        const Laid np = lay(book_of(3, 1), style);
        CHECK(page_of(np.book, "Chapter 0") == contents + 1);
        CHECK(page_of(np.book, "Chapter 2") == contents + 3);
    }
    SECTION("new_page with run_on_fill: a chapter runs on below one that ends high on its page") {
        style.chapters.opening = style::ChapterOpening::new_page;
        style.chapters.run_on_fill = 0.5;  // chapter 0 ends some 180pt down its 486pt page
        const Laid np = lay(book_of(3, 1), style);
        CHECK(page_of(np.book, "Chapter 0") == contents + 1);
        CHECK(page_of(np.book, "Chapter 1") == contents + 1);
    }
}

TEST_CASE("looseness -1 sets a paragraph with a short last line one line shorter", "[layout][spill]") {
    const auto style = booklet_style();
    model::Document doc = book_of(1, 1);
    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    const cite::Citations cites = cite::cite_document(doc, style.links, 0);
    layout::LayoutContext ctx(doc, cites, style, fonts, dictionaries, {});
    int shorter = 0, tried = 0;
    for (int words_count = 60; words_count < 140; words_count += 3) {
        layout::InlineCollector c(ctx, nullptr, style.body, "en", -1, layout::LinkMode::plain);
        c.add_text(layout_test::words("loose", words_count));
        const auto p = c.take();
        layout::ParagraphFormat format;
        format.width = ctx.geo.column_width;
        const auto normal = layout::set_paragraph(ctx, p, format);
        format.looseness = -1;
        const auto tight = layout::set_paragraph(ctx, p, format);
        ++tried;
        CHECK(tight.size() <= normal.size());
        CHECK(tight.size() + 1 >= normal.size());
        if (tight.size() + 1 == normal.size()) {
            ++shorter;
            for (const auto& line : tight) CHECK(line.ratio >= -1.0);  // never beyond the shrink there is
        }
    }
    INFO(shorter << " of " << tried);
    CHECK(shorter > 0);
    CHECK(shorter < tried);
}

TEST_CASE("note numbers per chapter: a chapter sharing a page with the one before continues its count", "[layout][notes]") {
    // `number`: the cite stage's number (per chapter, every call its own).
    const auto occ = [](int chapter, const std::string& key, int number) {
        layout::Occurrence o;
        o.chapter = chapter;
        o.key = key;
        o.decided = number;
        return o;
    };
    // Chapter 0 on pages 3-4, chapter 1 runs on below it on page 4, chapter 2 opens
    // page 6, chapter 3 runs on below it.
    const std::vector<layout::Occurrence> calls{occ(0, "a", 1), occ(0, "b", 2), occ(0, "c", 3), occ(1, "a", 1),
                                                occ(1, "d", 2), occ(2, "e", 1), occ(3, "f", 1)};
    const std::vector<int> frames;  // one column
    const std::vector<int> pages{3, 4, 4, 4, 4, 6, 6};
    const std::vector<std::size_t> order{0, 1, 2, 3, 4, 5, 6};
    CHECK(layout::number_notes(calls, pages, frames, order, style::NoteNumbering::per_chapter) ==
          std::vector<int>{1, 2, 3, 4, 5, 1, 2});
    // A chapter whose first note is on a page of its own restarts at 1.
    const std::vector<int> apart{3, 4, 4, 5, 5, 7, 8};
    CHECK(layout::number_notes(calls, apart, frames, order, style::NoteNumbering::per_chapter) ==
          std::vector<int>{1, 2, 3, 1, 2, 1, 1});
    CHECK(layout::number_notes(calls, pages, frames, order, style::NoteNumbering::per_page) ==
          std::vector<int>{1, 1, 2, 3, 4, 1, 2});
}

TEST_CASE("a blank back cover never costs a sheet of its own", "[layout][back_cover]") {
    auto style = shipped_booklet_style();
    style.fit.save_sheets = false;
    auto without = style;
    without.back_cover.enabled = false;
    int whole_sheets = 0;
    for (int chapters = 1; chapters <= 4; ++chapters)
        for (int paragraphs = 2; paragraphs <= 9; ++paragraphs) {
            const model::Document doc = book_of(chapters, paragraphs);
            const std::size_t text_pages = lay(doc, without).book.pages.size();
            if (text_pages % 4 != 0) continue;
            INFO(chapters << " chapters of " << paragraphs << " paragraphs: " << text_pages << " pages of text");
            ++whole_sheets;
            // The text's last page is the back: no sheet of four blank pages.
            const Laid laid = lay(doc, style);
            CHECK(laid.book.pages.size() == text_pages);
            CHECK_FALSE(laid.book.pages.back().items.empty());
        }
    CHECK(whole_sheets > 0);  // the case was met
}

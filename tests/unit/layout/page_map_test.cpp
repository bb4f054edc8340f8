// The page map: one entry per laid-out page, each naming by value the place in the
// model where the page's text begins, checked against the lines layout set there.
#include "booklet/layout.hpp"
#include "booklet/style.hpp"

#include "layout_test_support.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace booklet;
using namespace booklet::layout_test;

namespace {

model::Block bullet_list(const std::string& tag, int items, int words_each) {
    model::List l;
    l.tight = false;
    for (int i = 0; i < items; ++i) {
        model::ListItem item;
        item.blocks.push_back(para({text(layout_test::words(tag + "i" + std::to_string(i), words_each))}));
        l.items.push_back(std::move(item));
    }
    model::Block b;
    b.node = std::move(l);
    return b;
}

model::Block quote_of(model::Blocks blocks) {
    model::BlockQuote q;
    q.blocks = std::move(blocks);
    model::Block b;
    b.node = std::move(q);
    return b;
}

// Paragraphs, a list and a quote long enough to cross pages, in three chapters.
model::Document long_document() {
    model::Document doc;
    doc.meta.title = "Pages to find";
    doc.meta.language = "en";
    for (int c = 0; c < 3; ++c) {
        const std::string tag = "c" + std::to_string(c);
        model::Blocks blocks;
        for (int i = 0; i < 6; ++i) blocks.push_back(para({text(layout_test::words(tag + "p" + std::to_string(i), 90))}));
        blocks.push_back(heading(2, "A list in chapter " + std::to_string(c), "list" + tag));
        blocks.push_back(bullet_list(tag, 14, 30));
        blocks.push_back(quote_of({para({text(layout_test::words(tag + "q", 120))})}));
        doc.chapters.push_back(chapter(tag, "Chapter " + std::to_string(c), std::move(blocks)));
    }
    return doc;
}

// The block a text position's path names (List: item, then block in it).
const model::Block& block_at(const model::Document& doc, const page_map::Position& at) {
    const model::Blocks* blocks = &doc.chapters.at(static_cast<std::size_t>(at.chapter)).blocks;
    const model::Block* b = nullptr;
    for (std::size_t i = 0; i < at.path.size(); ++i) {
        b = &blocks->at(static_cast<std::size_t>(at.path[i]));
        if (i + 1 == at.path.size()) break;
        if (const auto* l = std::get_if<model::List>(&b->node)) {
            blocks = &l->items.at(static_cast<std::size_t>(at.path[++i])).blocks;
        } else if (const auto* q = std::get_if<model::BlockQuote>(&b->node)) {
            blocks = &q->blocks;
        }
    }
    REQUIRE(b != nullptr);
    return *b;
}

// The model text of a paragraph or heading from `offset` on (Text nodes only here).
std::string text_from(const model::Block& b, std::size_t offset) {
    const model::Inlines* inlines = nullptr;
    if (const auto* p = std::get_if<model::Paragraph>(&b.node)) inlines = &p->content;
    if (const auto* h = std::get_if<model::Heading>(&b.node)) inlines = &h->content;
    REQUIRE(inlines != nullptr);
    std::string all;
    for (const auto& in : *inlines) all += std::get<model::Text>(in.node).text;
    REQUIRE(offset <= all.size());
    // Page breaks fall between words, or after a hyphen the text has.
    if (offset > 0) CHECK((all[offset - 1] == ' ' || all[offset - 1] == '-'));
    return all.substr(offset);
}

std::string first_word(const std::string& s) { return s.substr(0, s.find(' ')); }

// The first line of a page's text block (running heads and folios are not).
const pages::TextLine* first_text_line(const pages::Page& page) {
    for (const auto& line : page.lines)
        if (line.role != pages::Role::running) return &line;
    return nullptr;
}

}  // namespace

TEST_CASE("the page map has one entry per page, each where the page's text begins", "[layout][page_map]") {
    const model::Document doc = long_document();
    style::Style style = booklet_style();
    style.chapters.run_on_fill = 0;  // every chapter opens a page
    const Laid laid = lay(doc, style);
    const pages::Book& book = laid.book;
    const auto& map = book.page_map.pages;
    REQUIRE(map.size() == book.pages.size());
    REQUIRE(book.pages.size() > 12);
    CHECK(map.front().at.place == page_map::Place::title_page);

    int in_text = 0, in_lists = 0, openings = 0;
    for (std::size_t i = 0; i < map.size(); ++i) {
        INFO("page " << i + 1);
        CHECK(map[i].label == book.pages[i].label);
        const page_map::Position& at = map[i].at;
        const pages::TextLine* line = first_text_line(book.pages[i]);
        if (at.place != page_map::Place::text || !line) continue;
        if (at.path.empty()) {
            // A chapter's start: the page opens with its title.
            CHECK(line->role == pages::Role::chapter_title);
            CHECK(line->text == doc.chapters[static_cast<std::size_t>(at.chapter)].title);
            ++openings;
            continue;
        }
        std::string shown = line->text;
        if (at.path.size() == 3 && shown.rfind("\u2022 ", 0) == 0) shown.erase(0, 4);  // a list item's bullet
        const std::string printed = first_word(shown);
        const std::string model_word = first_word(text_from(block_at(doc, at), at.offset));
        INFO(printed << " / " << model_word);
        // A page that begins after a hyphen begins at its word's start.
        const bool hyphenated = printed != model_word && model_word.size() > printed.size() &&
                                model_word.compare(model_word.size() - printed.size(), printed.size(), printed) == 0;
        CHECK((printed == model_word || hyphenated));
        ++in_text;
        if (at.path.size() == 3) ++in_lists;
    }
    CHECK(openings == 3);
    CHECK(in_text > 8);
    CHECK(in_lists > 0);  // a page begins inside a list item: the path goes through the item

    SECTION("the same layout, the same map") {
        CHECK(lay(doc, style).book.page_map == book.page_map);
    }
}

TEST_CASE("pages of no text of their own begin where the next page's text does", "[layout][page_map]") {
    // Two-sided with recto chapter openings, an imprint page and a back cover.
    style::Style style = shipped_booklet_style();
    style.chapters.opening = style::ChapterOpening::recto;
    style.chapters.recto_min_pages = 0;
    style.chapters.run_on_fill = 0;
    style.fit.save_sheets = false;
    style.table_of_contents = false;  // the imprint has page 2 to itself
    model::Document doc = long_document();
    doc.meta.license = "CC BY 4.0";
    const Laid laid = lay(doc, style);
    const pages::Book& book = laid.book;
    const auto& map = book.page_map.pages;
    REQUIRE(map.size() == book.pages.size());
    REQUIRE(book.pages.size() % 4 == 0);
    int blank = 0;
    for (std::size_t i = 0; i + 1 < map.size(); ++i) {
        INFO("page " << i + 1);
        if (!book.pages[i].items.empty()) continue;
        ++blank;
        // A blank page shares its position with the page after it.
        CHECK(map[i].at == map[i + 1].at);
    }
    CHECK(blank > 0);
    // The imprint's page begins where the text after it does.
    CHECK(map[1].at == map[2].at);
    // The back cover closes the book.
    CHECK(map.back().at.place == page_map::Place::end);
}

TEST_CASE("the page map of a layout never drawn is the drawn book's", "[layout][page_map]") {
    // layout_page_map (an EPUB built alone) reads the map from the settled layout;
    // layout_book from the pages it draws. Books of 1 to 7 chapters: in the shipped
    // booklet style, from six chapters on, fit.save_sheets keeps a layout denser
    // than the styled one (16 pages, not 20); the other styles are one or two
    // columns, one- and two-sided, with and without a title page and a back cover.
    std::vector<std::pair<std::string, style::Style>> styles{{"booklet", shipped_booklet_style()}};
    for (const char* name : {"handout", "ereader", "press-kit", "leaflet"})
        styles.emplace_back(name, style::load_style(name, BOOKLET_SOURCE_DIR "/styles"));
    styles.emplace_back("recto openings", shipped_booklet_style());
    styles.back().second.chapters.opening = style::ChapterOpening::recto;
    model::Document doc = long_document();
    doc.meta.license = "CC BY 4.0";
    int drawn = 0;
    for (std::size_t chapters = 1; chapters <= 7; ++chapters) {
        model::Document part = doc;
        part.chapters.resize(std::min(chapters, doc.chapters.size()));
        // More chapters: short ones, so that a sheet can be saved.
        for (std::size_t c = part.chapters.size(); c < chapters; ++c)
            part.chapters.push_back(chapter("s" + std::to_string(c), "Short " + std::to_string(c),
                                            {para({text(layout_test::words("s" + std::to_string(c), 60))})}));
        for (const auto& [name, style] : styles) {
            INFO(name << ", " << chapters << " chapters");
            const Laid laid = lay(part, style);
            shape::FontRegistry fonts;
            hyphenate::Dictionaries dictionaries;
            Diagnostics diags;
            const cite::Citations cites = cite::cite_document(part, style.links, 1717200000);
            const page_map::PageMap map =
                layout::layout_page_map(part, cites, style, fonts, dictionaries, {1717200000}, diags);
            CHECK(map == laid.book.page_map);
            CHECK(map.pages.size() == laid.book.pages.size());
            // The same warnings, but for max_pages's: it quotes the first page that
            // does not fit, which only a drawn book has.
            std::vector<Diagnostic> drawn_warnings;
            for (const auto& d : laid.diags.all())
                if (d.kind != "layout-fit") drawn_warnings.push_back(d);
            CHECK(diags.all() == drawn_warnings);
            ++drawn;
        }
    }
    CHECK(drawn == 42);
}

// A build's writers read no lines of text: laid out without them (as `booklet build`
// and `watch` lay out), the book is the same but for its pages' lines.
TEST_CASE("a layout without text lines draws the same book, its pages without their lines", "[layout][page_map]") {
    model::Document doc = long_document();
    doc.meta.license = "CC BY 4.0";               // an imprint
    doc.meta.qr = "https://example.org/booklet";  // a code with its address under it
    doc.chapters[1].blocks.push_back(  // an address printed as a note
        para({text("A source: "), web_link("https://example.org/a/report", "the report"), text(".")}));
    const style::Style style = shipped_booklet_style();  // with the back cover
    const Laid with = lay(doc, style);

    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    Diagnostics diags;
    const cite::Citations cites = cite::cite_document(doc, style.links, 1717200000);
    layout::Settings settings{1717200000};
    settings.text_lines = false;
    const pages::Book without = layout::layout_book(doc, cites, style, fonts, dictionaries, settings, diags);

    pages::Book stripped = with.book;
    std::set<pages::Role> roles;
    for (auto& page : stripped.pages) {
        for (const auto& line : page.lines) roles.insert(line.role);
        page.lines.clear();
    }
    // Lines of every kind the writers were spared: the title page's, the running
    // heads', the text's, the notes', the imprint's, the code's address.
    for (const pages::Role role : {pages::Role::title_page, pages::Role::running, pages::Role::body,
                                   pages::Role::note, pages::Role::imprint, pages::Role::qr_code})
        CHECK(roles.contains(role));
    for (const auto& page : without.pages) CHECK(page.lines.empty());
    // The fonts are another registry's (their data elsewhere in memory): the rest whole.
    CHECK(stripped.pages == without.pages);
    CHECK(stripped.outline == without.outline);
    CHECK(stripped.structure == without.structure);
    CHECK(stripped.page_map == without.page_map);
    CHECK(stripped.info == without.info);
    CHECK(stripped.fonts.size() == without.fonts.size());
    CHECK(diags.all() == with.diags.all());
}

// Layout with real fonts, shaping and line breaking: the promises of the stage
// checked on the pages it makes.
#include "booklet/source_dir.hpp"
#include "layout_test_support.hpp"

#include "booklet/dump.hpp"
#include "booklet/image.hpp"
#include "booklet/linebreak.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace booklet;
using namespace booklet::layout_test;

namespace {

model::Document one_chapter(model::Blocks blocks, std::string lang = "en") {
    model::Document doc;
    doc.meta.title = "Test booklet";
    doc.meta.language = lang;
    doc.chapters.push_back(chapter("test", "A test chapter", std::move(blocks)));
    doc.chapters.back().lang = lang;
    return doc;
}

bool digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Marker numbers (superscripts in running text) and note labels of a page.
struct NoteNumbers {
    std::vector<std::string> markers, labels;
};

NoteNumbers note_numbers(const pages::Page& page, const style::Style& st) {
    NoteNumbers n;
    const Sp marker = scale_sp(st.body.size, 64, 100);
    // Note text starts right of the labels; a URL piece of digits sits there too.
    auto in_text_block = [&](const pages::TextItem* t) {  // not a running head or folio
        return t->y > st.page.margin_top && t->y <= st.page.height - st.page.margin_bottom;
    };
    Sp text_x = page.width;
    for (const auto* t : texts(page))
        if (in_text_block(t) && same_size(t->run.size, st.footnote.size) && !digits(t->run.text))
            text_x = std::min(text_x, t->x);
    for (const auto* t : texts(page)) {
        if (!digits(t->run.text) || !in_text_block(t)) continue;
        if (same_size(t->run.size, marker)) n.markers.push_back(t->run.text);
        else if (same_size(t->run.size, st.footnote.size) && t->x + t->run.width() <= text_x)
            n.labels.push_back(t->run.text);
    }
    return n;
}

std::string url_for(int i) {
    return "https://example.org/reports/" + std::to_string(2000 + i) + "/a-rather-long-path_with-parts?id=" +
           std::to_string(i) + "&lang=en#section-" + std::to_string(i % 5);
}

}  // namespace

TEST_CASE("every external URL is printed at the foot of the page that shows its link", "[layout][notes]") {
    model::Blocks blocks;
    for (int i = 0; i < 40; ++i) {
        model::Inlines in;
        in.push_back(text(layout_test::words("p" + std::to_string(i), 30) + " "));
        in.push_back(web_link(url_for(2 * i), "first source " + std::to_string(i)));
        in.push_back(text(" and " + layout_test::words("q" + std::to_string(i), 25) + " "));
        in.push_back(web_link(url_for(2 * i + 1), "second source"));
        in.push_back(text(" closes it."));
        blocks.push_back(para(std::move(in)));
    }
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    REQUIRE(laid.book.pages.size() > 5);

    std::set<std::string> seen;
    for (const auto& page : laid.book.pages) {
        const std::string shown = glued_text(page);
        for (const auto& l : page.links) {
            if (l.uri.empty()) continue;
            INFO("page " << page.label << " link " << l.uri);
            CHECK(shown.find(l.uri) != std::string::npos);
            seen.insert(l.uri);
        }
        // Each marker on the page has its note there, and no note is there without one.
        const NoteNumbers n = note_numbers(page, style);
        std::set<std::string> markers(n.markers.begin(), n.markers.end());
        std::set<std::string> labels(n.labels.begin(), n.labels.end());
        INFO("page " << page.label);
        CHECK(markers == labels);
        CHECK(n.labels.size() == labels.size());
    }
    CHECK(seen.size() == 80);
    for (int i = 0; i < 80; ++i) CHECK(seen.count(url_for(i)) == 1);
}

TEST_CASE("notes take room from the page, never from the bottom margin", "[layout][notes]") {
    model::Blocks blocks;
    for (int i = 0; i < 30; ++i) {
        model::Inlines in;
        for (int k = 0; k < 4; ++k) {
            in.push_back(text(layout_test::words("n" + std::to_string(i), 8) + " "));
            in.push_back(web_link(url_for(i * 4 + k), "cited"));
            in.push_back(text(" "));
        }
        blocks.push_back(para(std::move(in)));
    }
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    const Sp bottom = style.page.height - style.page.margin_bottom;
    for (const auto& page : laid.book.pages)
        for (const auto* t : texts(page)) {
            if (same_size(t->run.size, style.running.size)) continue;  // the folio sits below
            INFO("page " << page.label << ": " << t->run.text);
            CHECK(t->y <= bottom);
        }
}

TEST_CASE("per page, the same URL twice on a page has one number and one note", "[layout][notes]") {
    model::Inlines in;
    in.push_back(text("A first mention of "));
    in.push_back(web_link("https://pauseai.info/learn", "the learning page"));
    in.push_back(text(", then again "));
    in.push_back(web_link("https://pauseai.info/learn", "the same page"));
    in.push_back(text(" and "));
    in.push_back(web_link("https://pauseai.info/faq", "another one"));
    in.push_back(text("."));
    const model::Document doc = one_chapter({para(std::move(in))});
    auto style = booklet_style();
    style.links.numbering = style::NoteNumbering::per_page;
    const Laid per_page = lay(doc, style);
    NoteNumbers n = note_numbers(per_page.book.pages.back(), style);
    CHECK(n.markers == std::vector<std::string>{"1", "1", "2"});
    CHECK(n.labels == std::vector<std::string>{"1", "2"});
    // Per chapter the cite stage numbers every call, so the notes of a page always
    // run in order; the repeated address is printed again under its own number.
    style.links.numbering = style::NoteNumbering::per_chapter;
    const Laid per_chapter = lay(doc, style);
    n = note_numbers(per_chapter.book.pages.back(), style);
    CHECK(n.markers == std::vector<std::string>{"1", "2", "3"});
    CHECK(n.labels == std::vector<std::string>{"1", "2", "3"});
}

TEST_CASE("links that already show their address get no note but stay clickable", "[layout][notes]") {
    model::Inlines in;
    in.push_back(text("Write to "));
    in.push_back(web_link("mailto:info@pauseai.info", "info@pauseai.info", model::LinkKind::email));
    in.push_back(text(" or visit "));
    in.push_back(web_link("https://pauseai.info", "https://pauseai.info"));
    in.push_back(text(" or "));
    in.push_back(web_link("mailto:press@pauseai.info", "our press desk", model::LinkKind::email));
    in.push_back(text("."));
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter({para(std::move(in))}), style);
    const auto& page = laid.book.pages.back();
    const NoteNumbers n = note_numbers(page, style);
    CHECK(n.markers == std::vector<std::string>{"1"});
    CHECK(glued_text(page).find("1press@pauseai.info") != std::string::npos);
    std::set<std::string> uris;
    for (const auto& l : page.links) uris.insert(l.uri);
    CHECK(uris.count("mailto:info@pauseai.info") == 1);
    CHECK(uris.count("https://pauseai.info") == 1);
    CHECK(uris.count("mailto:press@pauseai.info") == 1);
}

TEST_CASE("an address printed as its link's text is never split by a page break", "[layout][notes]") {
    // Paragraphs of different lengths, each with a long address as its own link
    // text, so that over twenty pages some page breaks would fall inside one.
    model::Blocks blocks;
    for (int i = 0; i < 60; ++i) {
        model::Inlines in;
        in.push_back(text(layout_test::words("w" + std::to_string(i), 17 + (i * 7) % 23) + " "));
        in.push_back(web_link(url_for(i), url_for(i)));
        in.push_back(text(" " + layout_test::words("v" + std::to_string(i), 5 + (i * 3) % 11) + "."));
        blocks.push_back(para(std::move(in)));
    }
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    REQUIRE(laid.book.pages.size() > 10);
    std::vector<std::string> page_text;
    for (const auto& page : laid.book.pages) page_text.push_back(glued_text(page));
    for (int i = 0; i < 60; ++i) {
        INFO(url_for(i));
        const auto on_page = [&](const std::string& t) { return t.find(url_for(i)) != std::string::npos; };
        CHECK(std::any_of(page_text.begin(), page_text.end(), on_page));
    }
}

TEST_CASE("note numbers restart on every page when the style asks", "[layout][notes]") {
    model::Blocks blocks;
    for (int i = 0; i < 30; ++i) {
        model::Inlines in;
        in.push_back(text(layout_test::words("r" + std::to_string(i), 40) + " "));
        in.push_back(web_link(url_for(i), "a source"));
        in.push_back(text("."));
        blocks.push_back(para(std::move(in)));
    }
    auto style = booklet_style();
    style.links.numbering = style::NoteNumbering::per_page;
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    int pages_with_notes = 0;
    for (const auto& page : laid.book.pages) {
        const NoteNumbers n = note_numbers(page, style);
        if (n.labels.empty()) continue;
        ++pages_with_notes;
        for (std::size_t k = 0; k < n.labels.size(); ++k) CHECK(n.labels[k] == std::to_string(k + 1));
    }
    CHECK(pages_with_notes >= 3);
}

TEST_CASE("per chapter, chapters that run on to one page never show two notes 1", "[layout][notes]") {
    // Six short chapters, each with two links, running on: several share a page.
    model::Document doc;
    doc.meta.title = "Test booklet";
    doc.meta.language = "en";
    for (int c = 0; c < 6; ++c) {
        model::Inlines in;
        in.push_back(text(layout_test::words("c" + std::to_string(c), 30) + " "));
        in.push_back(web_link(url_for(2 * c), "one source"));
        in.push_back(text(" and "));
        in.push_back(web_link(url_for(2 * c + 1), "another"));
        in.push_back(text("."));
        model::Blocks blocks;
        blocks.push_back(para(std::move(in)));
        doc.chapters.push_back(chapter("c" + std::to_string(c), "Chapter " + std::to_string(c), std::move(blocks)));
        doc.chapters.back().lang = "en";
    }
    auto style = booklet_style();
    style.chapters.opening = style::ChapterOpening::run_on;
    style.links.numbering = style::NoteNumbering::per_chapter;
    const Laid laid = lay(doc, style);
    std::size_t shared = 0;
    for (const auto& page : laid.book.pages) {
        const NoteNumbers n = note_numbers(page, style);
        if (n.labels.size() > 2) ++shared;  // notes of more than one chapter
        // On each page the labels count up from where they start, none twice.
        for (std::size_t k = 1; k < n.labels.size(); ++k)
            CHECK(std::stoi(n.labels[k]) == std::stoi(n.labels[k - 1]) + 1);
    }
    CHECK(shared >= 1);
}

TEST_CASE("a GFM footnote is set at the foot of the page of its reference", "[layout][notes]") {
    model::Document doc = one_chapter({});
    model::Footnote fn;
    fn.label = "why";
    fn.number = 1;
    fn.blocks.push_back(para({text("Because printed pages cannot be clicked; see "),
                              web_link("https://example.org/print", "the print study"), text(".")}));
    doc.chapters[0].footnotes.push_back(fn);
    model::Inlines in;
    in.push_back(text("Notes matter"));
    in.push_back({model::FootnoteRef{"why", 1}, {}});
    in.push_back(text(" and so do "));
    in.push_back(web_link("https://example.org/urls", "addresses"));
    in.push_back(text("."));
    doc.chapters[0].blocks.push_back(para(std::move(in)));
    const auto style = booklet_style();
    const Laid laid = lay(doc, style);
    const auto& page = laid.book.pages.back();
    const NoteNumbers n = note_numbers(page, style);
    CHECK(n.markers == std::vector<std::string>{"1", "2"});
    CHECK(n.labels == std::vector<std::string>{"1", "2"});
    const std::string shown = spaced_text(page);
    CHECK(shown.find("Because printed pages") != std::string::npos);
    // A link inside a note shows its address right there.
    CHECK(glued_text(page).find("(https://example.org/print)") != std::string::npos);
}

TEST_CASE("a footnote called only inside another is printed in it, in parentheses", "[layout][notes]") {
    // On paper a note has no notes: "why" calls "how", which the text never calls,
    // so "how" stands inside "why" where it is called (and "how" calling "why"
    // back prints nothing more). Before, "how" was on no page at all.
    model::Document doc = one_chapter({});
    model::Footnote why;
    why.label = "why";
    why.number = 1;
    why.blocks.push_back(para({text("Because pages cannot be clicked"), {model::FootnoteRef{"how", 2}, {}}, text(".")}));
    model::Footnote how;
    how.label = "how";
    how.number = 2;
    how.blocks.push_back(para({text("Measured in print shops; see "), web_link("https://example.org/shops", "the survey"),
                               {model::FootnoteRef{"why", 1}, {}}}));
    doc.chapters[0].footnotes = {why, how};
    doc.chapters[0].blocks.push_back(para({text("Notes matter"), {model::FootnoteRef{"why", 1}, {}}, text(".")}));
    const auto style = booklet_style();
    const Laid laid = lay(doc, style);
    const auto& page = laid.book.pages.back();
    const NoteNumbers n = note_numbers(page, style);
    CHECK(n.markers == std::vector<std::string>{"1"});
    CHECK(n.labels == std::vector<std::string>{"1"});
    const std::string shown = spaced_text(page);
    INFO(shown);
    CHECK(shown.find("Because pages cannot be clicked (Measured") != std::string::npos);
    CHECK(glued_text(page).find("(https://example.org/shops))") != std::string::npos);
    CHECK(shown.find("print shops") != std::string::npos);
    CHECK(shown.find("print shops") == shown.rfind("print shops"));
}

TEST_CASE("internal links get a page reference in the document language and a GoTo area", "[layout][links]") {
    model::Document doc;
    doc.meta.title = "Twee hoofdstukken";
    doc.meta.language = "nl";
    doc.meta.base_url = "https://pauseai.info";
    model::Blocks first;
    first.push_back(para({text("Lees ook "), internal_link("tweede", "het tweede hoofdstuk", "/tweede", "https://pauseai.info/tweede"), text(".")}));
    for (int i = 0; i < 12; ++i) first.push_back(para({text(layout_test::words("v" + std::to_string(i), 60))}));
    doc.chapters.push_back(chapter("eerste", "Eerste", std::move(first)));
    doc.chapters.push_back(chapter("tweede", "Tweede", {para({text("Hier.")})}));
    for (auto& c : doc.chapters) c.lang = "nl";
    const auto style = booklet_style();
    const Laid laid = lay(doc, style);

    int target = -1;
    for (std::size_t i = 0; i < laid.book.pages.size(); ++i)
        for (const auto* t : texts(laid.book.pages[i]))
            if (t->run.text == "Tweede" && same_size(t->run.size, style.chapter_title.size)) target = static_cast<int>(i);
    REQUIRE(target > 0);
    bool found_ref = false, found_area = false, found_url = false;
    for (const auto& page : laid.book.pages) {
        const std::string shown = glued_text(page);
        if (shown.find("\u2192\u00A0blz.\u00A0" + std::to_string(target + 1)) != std::string::npos) found_ref = true;
        for (const auto& l : page.links)
            if (l.uri.empty() && l.target_page == target) found_area = true;
        // The chapter's web address is cited as well, for readers of the paper copy.
        if (shown.find("https://pauseai.info/tweede") != std::string::npos) found_url = true;
    }
    CHECK(found_ref);
    CHECK(found_area);
    CHECK(found_url);
}

TEST_CASE("no paragraph leaves a single line at the foot or head of a page", "[layout][pages]") {
    // Every third word names its paragraph ("zq12"), so each line can be traced.
    auto tagged = [](int para_no, int count) {
        std::string s;
        const std::string plain = layout_test::words("x", count);
        std::istringstream in(plain);
        std::string w;
        for (int i = 0; in >> w; ++i) {
            if (i) s += ' ';
            s += (i % 3 == 1) ? "zq" + std::to_string(para_no) : w;
        }
        return s;
    };
    model::Blocks blocks;
    for (int i = 0; i < 60; ++i) blocks.push_back(para({text(tagged(i, 20 + (i * 37) % 90))}));
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    std::map<int, std::map<std::size_t, std::set<Sp>>> lines;  // paragraph -> page -> baselines
    for (std::size_t p = 0; p < laid.book.pages.size(); ++p)
        for (const auto* t : texts(laid.book.pages[p])) {
            std::size_t at = 0;
            while ((at = t->run.text.find("zq", at)) != std::string::npos) {
                at += 2;
                lines[std::atoi(t->run.text.c_str() + at)][p].insert(t->y);
            }
        }
    int split = 0;
    for (const auto& [para_no, per_page] : lines) {
        if (per_page.size() < 2) continue;
        ++split;
        for (const auto& [page, baselines] : per_page) {
            INFO("paragraph " << para_no << " on page " << page + 1);
            CHECK(baselines.size() >= 2);
        }
    }
    CHECK(split >= 3);
    for (const auto& d : laid.diags.all()) CHECK(d.kind != "layout-overfull");
}

TEST_CASE("a heading is never the last line of a page", "[layout][pages]") {
    model::Blocks blocks;
    for (int i = 0; i < 30; ++i) {
        blocks.push_back(heading(2, "Section " + std::to_string(i), "s" + std::to_string(i)));
        blocks.push_back(para({text(layout_test::words("h" + std::to_string(i), 15 + (i * 53) % 70))}));
    }
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    const Sp heading_size = style.headings[1].size;
    for (const auto& page : laid.book.pages) {
        const pages::TextItem* last = nullptr;
        for (const auto* t : texts(page)) {
            if (t->run.size < style.body.size - sp_from_pt(0.5)) continue;  // notes, folio
            if (!last || t->y > last->y) last = t;
        }
        if (!last) continue;
        INFO("page " << page.label << " ends with " << last->run.text);
        CHECK_FALSE(same_size(last->run.size, heading_size));
    }
}

TEST_CASE("a label in bold is never the last line of a page", "[layout][pages]") {
    model::Blocks blocks;
    for (int i = 0; i < 40; ++i) {
        blocks.push_back(para({model::Inline{model::Strong{{text("Labelq" + std::to_string(i))}}, {}}}));
        blocks.push_back(para({text(layout_test::words("b" + std::to_string(i), 12 + (i * 53) % 70))}));
    }
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    int labels = 0;
    for (const auto& page : laid.book.pages) {
        const pages::TextItem* last = nullptr;
        for (const auto* t : texts(page)) {
            if (t->run.size < style.body.size - sp_from_pt(0.5)) continue;  // notes, folio
            if (t->run.text.starts_with("Labelq")) ++labels;
            if (!last || t->y > last->y) last = t;
        }
        if (!last) continue;
        INFO("page " << page.label << " ends with " << last->run.text);
        CHECK_FALSE(last->run.text.starts_with("Labelq"));
    }
    CHECK(labels == 40);
}

TEST_CASE("a table crossing a page repeats its header row", "[layout][tables]") {
    model::Table t;
    t.columns = {model::Align::left, model::Align::right};
    t.header = {{{text("Header A")}}, {{text("Header B")}}};
    for (int i = 0; i < 90; ++i)
        t.rows.push_back({{{text("row-" + std::to_string(i) + " " + layout_test::words("t", i % 9 + 1))}},
                          {{text(std::to_string(i * 17))}}});
    model::Block b;
    b.node = std::move(t);
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter({std::move(b)}), style);
    int table_pages = 0;
    std::set<std::string> rows;
    for (const auto& page : laid.book.pages) {
        const std::string shown = spaced_text(page);
        if (shown.find("row-") == std::string::npos) continue;
        ++table_pages;
        CHECK(shown.find("Header A") != std::string::npos);
        for (const auto* x : texts(page))
            if (x->run.text.rfind("row-", 0) == 0) rows.insert(x->run.text);
    }
    CHECK(table_pages >= 2);
    CHECK(rows.size() == 90);  // every row once: rows are not split
}

TEST_CASE("code blocks are set in the mono font on a grey ground, wrapped without hyphens", "[layout][code]") {
    model::CodeBlock code;
    code.text = "int main() {\n    return compute_the_answer_to_life_the_universe_and_everything(42, \"deep thought\");\n}";
    model::Block b;
    b.node = code;
    const auto style = booklet_style();
    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    Diagnostics diags;
    const model::Document doc = one_chapter({b});
    const cite::Citations cites = cite::cite_document(doc, style.links, 0);
    const auto book = layout::layout_book(doc, cites, style, fonts, dictionaries, {}, diags);
    const FontId mono = fonts.load(style.fonts.mono.regular.path, style.fonts.mono.regular.face);
    const auto& page = book.pages.back();
    int grounds = 0;
    for (const auto& item : page.items)
        if (std::holds_alternative<pages::RectItem>(item)) ++grounds;
    CHECK(grounds >= 4);  // three source lines, one of them wrapped
    std::string code_text;
    for (const auto* t : texts(page))
        if (t->run.font == mono) code_text += t->run.text;
    CHECK(code_text.find("compute_the_answer") != std::string::npos);
    CHECK(code_text.find("-") == std::string::npos);
    CHECK(code_text.find("\u00A0\u00A0\u00A0\u00A0return") != std::string::npos);  // indentation kept
}

TEST_CASE("pictures keep their aspect, are never enlarged and fit the column", "[layout][figures]") {
    const auto dir = std::filesystem::temp_directory_path() / "booklet-layout-test";
    std::filesystem::create_directories(dir);
    auto write_png = [&](const std::string& name, int w, int h) {
        pages::Raster r;
        r.width = w;
        r.height = h;
        r.channels = 3;
        r.pixels.assign(static_cast<std::size_t>(w * h * 3), 200);
        const auto bytes = image::encode_png(r);
        std::ofstream(dir / name, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()),
                                                          static_cast<std::streamsize>(bytes.size()));
        return dir / name;
    };
    model::Blocks blocks;
    for (auto [name, w, h] : {std::tuple{"small.png", 300, 150}, std::tuple{"wide.png", 3000, 600}}) {
        model::Figure f;
        f.image.file = write_png(name, w, h);
        f.image.alt = name;
        f.caption.push_back(text(std::string("Caption of ") + name));
        model::Block b;
        b.node = std::move(f);
        blocks.push_back(std::move(b));
    }
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    std::vector<pages::ImageItem> images;
    std::string shown;
    for (const auto& page : laid.book.pages) {
        for (const auto& item : page.items)
            if (const auto* im = std::get_if<pages::ImageItem>(&item)) images.push_back(*im);
        shown += spaced_text(page);
    }
    REQUIRE(images.size() == 2);
    // 300 px at 96 dpi is 225 pt wide, 112.5 pt high.
    CHECK(images[0].rect.width == sp_from_pt(225));
    CHECK(std::abs(images[0].rect.height - sp_from_pt(112.5)) <= 1);
    const Sp column = style.page.width - style.page.margin_inner - style.page.margin_outer;
    CHECK(images[1].rect.width == column);
    CHECK(std::abs(images[1].rect.height * 5 - images[1].rect.width) <= 5);
    CHECK(shown.find("Caption of small.png") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("a missing picture prints its description and its address as a note", "[layout][figures]") {
    model::Figure f;
    f.image.src = "/missing.png";
    f.image.url = "https://pauseai.info/missing.png";
    f.image.alt = "A chart of compute over time";
    model::Block b;
    b.node = f;
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter({b}), style);
    const auto& page = laid.book.pages.back();
    CHECK(spaced_text(page).find("chart of compute") != std::string::npos);
    CHECK(glued_text(page).find("https://pauseai.info/missing.png") != std::string::npos);
}

TEST_CASE("a missing picture's caption is printed unless it repeats the description", "[layout][figures]") {
    const auto style = booklet_style();
    const auto occurrences = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    for (const bool repeats : {true, false}) {
        model::Figure f;
        f.image.src = "/missing.png";
        f.image.alt = "A chart of compute over time";
        f.caption = {text(repeats ? "A chart of compute over time" : "Compute doubled every six months")};
        model::Block b;
        b.node = f;
        const std::string shown = spaced_text(lay(one_chapter({b}), style).book.pages.back());
        CHECK(occurrences(shown, "chart of compute") == 1);
        CHECK(occurrences(shown, "doubled every six") == (repeats ? 0u : 1u));
    }
}

TEST_CASE("colour emoji become pictures that extract as their characters", "[layout][emoji]") {
    shape::FontRegistry probe;
    if (!probe.color_emoji()) {
        WARN("no colour emoji font installed: skipped");
        return;
    }
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter({para({text("Launch \U0001F680 now")})}), style);
    bool found = false;
    for (const auto& item : laid.book.pages.back().items)
        if (const auto* im = std::get_if<pages::ImageItem>(&item))
            if (im->actual_text == "\U0001F680") {
                found = true;
                CHECK(im->raster);
                CHECK(im->rect.width > sp_from_pt(5));
                CHECK(im->rect.width < sp_from_pt(15));
            }
    CHECK(found);
}

TEST_CASE("the title page's title is read as an H1, its subtitle and authors as a P", "[layout][furniture][tagged]") {
    model::Document doc;
    doc.meta.title = "Titleword";
    doc.meta.subtitle = "Subtitleword";
    doc.meta.authors = {"Authorword"};
    doc.meta.language = "en";
    model::Blocks blocks;
    blocks.push_back(para({text("Bodyword")}));
    doc.chapters.push_back(chapter("ch", "Chapterword", blocks));
    const Laid laid = lay(doc, booklet_style());
    const auto& elements = laid.book.structure.elements;
    std::map<std::string, pages::StructElement> owner;
    for (const auto& item : laid.book.pages.at(0).items)
        if (const auto* t = std::get_if<pages::TextItem>(&item); t && pages::element_of(item) != pages::kArtifact)
            owner[t->run.text] = elements.at(static_cast<std::size_t>(pages::element_of(item)));
    REQUIRE(owner.count("Titleword") == 1);
    CHECK(owner.at("Titleword").role == pages::StructRole::heading);
    CHECK(owner.at("Titleword").level == 1);
    CHECK(owner.at("Subtitleword").role == pages::StructRole::paragraph);
    CHECK(owner.at("Authorword").role == pages::StructRole::paragraph);
    // The first heading of the tree is that H1.
    const auto first_heading = std::find_if(elements.begin(), elements.end(), [](const pages::StructElement& e) {
        return e.role == pages::StructRole::heading;
    });
    REQUIRE(first_heading != elements.end());
    CHECK(first_heading->level == 1);
}

TEST_CASE("title page, contents with page numbers, running heads and outline", "[layout][furniture]") {
    model::Document doc;
    doc.meta.title = "The Booklet Title";
    doc.meta.subtitle = "A subtitle";
    doc.meta.authors = {"PauseAI"};
    doc.meta.language = "en";
    for (int c = 0; c < 3; ++c) {
        model::Blocks blocks;
        for (int i = 0; i < 8; ++i) blocks.push_back(para({text(layout_test::words("c" + std::to_string(c), 80))}));
        doc.chapters.push_back(chapter("ch" + std::to_string(c), "Chapter number " + std::to_string(c), blocks));
    }
    auto style = booklet_style();
    style.chapters.opening = style::ChapterOpening::recto;
    const Laid laid = lay(doc, style);
    const auto& book = laid.book;
    CHECK(spaced_text(book.pages[0]).find("The Booklet Title") != std::string::npos);
    CHECK(book.info.title == "The Booklet Title");
    CHECK(book.info.author == "PauseAI");
    CHECK(book.info.date == 1717200000);

    // Chapter openings: recto pages; the contents list each with its page.
    std::string contents;
    for (std::size_t i = 1; i < book.pages.size(); ++i) {
        const std::string s = spaced_text(book.pages[i]);
        if (s.find("Contents") != std::string::npos) contents += s;
    }
    for (const auto& o : book.outline)
        if (o.level == 1 && o.title.rfind("Chapter number", 0) == 0) {
            CHECK((o.page + 1) % 2 == 1);  // recto
            CHECK(contents.find(o.title) != std::string::npos);
            CHECK(contents.find(std::to_string(o.page + 1)) != std::string::npos);
        }
    CHECK(std::count_if(book.outline.begin(), book.outline.end(), [](const auto& o) { return o.level == 1; }) == 4);

    // Running heads: the chapter title on pages that do not open a chapter.
    int headed = 0;
    for (const auto& page : book.pages)
        for (const auto* t : texts(page))
            if (same_size(t->run.size, style.running.size) && t->y < style.page.margin_top) ++headed;
    CHECK(headed > 0);
    // Fonts: index == FontId, a program for each font drawn.
    for (const auto& page : book.pages)
        for (const auto* t : texts(page)) {
            REQUIRE(t->run.font < book.fonts.size());
            CHECK(book.fonts[t->run.font].data);
        }
}

TEST_CASE("max_pages shrinks type until the text fits, or says what does not", "[layout][fit]") {
    auto style = style::load_style("handout", BOOKLET_SOURCE_DIR "/styles");
    style.title_page = false;
    style.table_of_contents = false;
    model::Blocks blocks;
    for (int i = 0; i < 10; ++i) blocks.push_back(para({text(layout_test::words("f" + std::to_string(i), 95))}));
    const model::Document doc = one_chapter(blocks);
    style.fit.max_pages = 0;
    const Laid natural = lay(doc, style);
    REQUIRE(natural.book.pages.size() >= 2);

    style.fit.max_pages = static_cast<int>(natural.book.pages.size()) - 1;
    const Laid fitted = lay(doc, style);
    CHECK(static_cast<int>(fitted.book.pages.size()) <= style.fit.max_pages);
    for (const auto& d : fitted.diags.all()) CHECK(d.kind != "layout-fit");

    model::Blocks many;
    for (int i = 0; i < 60; ++i) many.push_back(para({text(layout_test::words("g" + std::to_string(i), 95))}));
    style.fit.max_pages = 1;
    const Laid too_long = lay(one_chapter(many), style);
    bool warned = false;
    for (const auto& d : too_long.diags.all())
        if (d.kind == "layout-fit") warned = true;
    CHECK(warned);
}

TEST_CASE("the same input gives the same pages", "[layout][determinism]") {
    model::Blocks blocks;
    for (int i = 0; i < 12; ++i)
        blocks.push_back(para({text(layout_test::words("d" + std::to_string(i), 50) + " "), web_link(url_for(i), "cited"), text(".")}));
    const auto style = booklet_style();
    const model::Document doc = one_chapter(blocks);
    const std::string a = dump::page_items(lay(doc, style).book);
    const std::string b = dump::page_items(lay(doc, style).book);
    CHECK(a == b);
    CHECK(a.find("uri=\"" + url_for(3) + "\"") != std::string::npos);
}

TEST_CASE("the press kit closes with a Sources list of every cited URL", "[layout][sources]") {
    auto style = style::load_style("press-kit", BOOKLET_SOURCE_DIR "/styles");
    model::Document doc;
    doc.meta.title = "Press kit";
    doc.meta.language = "en";
    for (int c = 0; c < 2; ++c) {
        model::Blocks blocks;
        for (int i = 0; i < 6; ++i)
            blocks.push_back(para({text(layout_test::words("s" + std::to_string(c), 70) + " "),
                                   web_link(url_for(c * 10 + i), "claim " + std::to_string(c) + "." + std::to_string(i)),
                                   text(" and "), web_link("https://example.org/shared", "shared source"), text(".")}));
        doc.chapters.push_back(chapter("c" + std::to_string(c), "Chapter " + std::to_string(c), blocks));
    }
    const Laid laid = lay(doc, style);
    std::size_t first = laid.book.pages.size();
    for (std::size_t i = 0; i < laid.book.pages.size(); ++i)
        for (const auto* t : texts(laid.book.pages[i]))
            if (t->run.text == "Sources" && same_size(t->run.size, style.chapter_title.size)) first = i;
    REQUIRE(first < laid.book.pages.size());
    std::string list;
    for (std::size_t i = first; i < laid.book.pages.size(); ++i) list += glued_text(laid.book.pages[i]);
    for (int c = 0; c < 2; ++c)
        for (int i = 0; i < 6; ++i) {
            INFO(url_for(c * 10 + i));
            CHECK(list.find(url_for(c * 10 + i)) != std::string::npos);
            CHECK(list.find("claim " + std::to_string(c) + "." + std::to_string(i)) != std::string::npos);
        }
    // Cited in both chapters: listed once under each, with the pages it is cited on.
    std::size_t count = 0;
    for (std::size_t at = list.find("https://example.org/shared"); at != std::string::npos;
         at = list.find("https://example.org/shared", at + 1))
        ++count;
    CHECK(count == 2);
    CHECK(list.find("p.\u00A0") != std::string::npos);
    // The build date is printed (press kit).
    CHECK(spaced_text(laid.book.pages[0]).find("Built on") != std::string::npos);
}

TEST_CASE("a style can set a QR code beside the notes of chosen URLs", "[layout][qr]") {
    auto style = booklet_style();
    style.links.qr_codes = true;
    style.links.qr_only = {"https://pauseai.info/"};
    model::Inlines in;
    in.push_back(text("Join "));
    in.push_back(web_link("https://pauseai.info/join", "the movement"));
    in.push_back(text(" or read "));
    in.push_back(web_link("https://example.org/elsewhere", "elsewhere"));
    in.push_back(text("."));
    const Laid laid = lay(one_chapter({para(std::move(in))}), style);
    const auto& page = laid.book.pages.back();
    int modules = 0;
    for (const auto& item : page.items)
        if (std::holds_alternative<pages::RectItem>(item)) ++modules;
    CHECK(modules > 20);
    int squares = 0;
    for (const auto& l : page.links)
        if (l.uri == "https://pauseai.info/join" && l.rect.width == l.rect.height) ++squares;
    CHECK(squares == 1);
    int other = 0;
    for (const auto& l : page.links)
        if (l.uri == "https://example.org/elsewhere" && l.rect.width == l.rect.height) ++other;
    CHECK(other == 0);
}

TEST_CASE("list markers sit on the first line of their item", "[layout][lists]") {
    // Paragraphs of every length, some ending with a full line (which leaves a
    // penalty behind for the page builder), each followed by a heading and a list.
    model::Blocks blocks;
    for (int i = 0; i < 60; ++i) {
        blocks.push_back(para({text(layout_test::words("m" + std::to_string(i), 9 + i))}));
        blocks.push_back(heading(3, "Heading " + std::to_string(i), "h" + std::to_string(i)));
        model::List list;
        for (int k = 0; k < 3; ++k) {
            model::ListItem item;
            item.blocks.push_back(para({text("item " + std::to_string(k) + " of list " + std::to_string(i))}));
            list.items.push_back(std::move(item));
        }
        model::Block b;
        b.node = std::move(list);
        blocks.push_back(std::move(b));
    }
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(std::move(blocks)), style);
    int bullets = 0;
    for (const auto& page : laid.book.pages) {
        const auto items = texts(page);
        for (const auto* t : items) {
            if (t->run.text != "\u2022") continue;
            ++bullets;
            bool beside = false;
            for (const auto* u : items)
                if (u != t && u->y == t->y && u->x > t->x && u->run.text.rfind("item ", 0) == 0) beside = true;
            INFO("page " << page.label);
            CHECK(beside);
        }
    }
    CHECK(bullets == 180);
}

TEST_CASE("a list item of one paragraph has its text in the LBody itself, of two a P each", "[layout][lists][tagged]") {
    model::List list;
    model::ListItem one, two;
    one.blocks.push_back(para({text("alpha item text")}));
    two.blocks.push_back(para({text("beta first paragraph")}));
    two.blocks.push_back(para({text("gamma second paragraph")}));
    list.items.push_back(std::move(one));
    list.items.push_back(std::move(two));
    model::Block b;
    b.node = std::move(list);
    model::Blocks blocks;
    blocks.push_back(std::move(b));
    const Laid laid = lay(one_chapter(std::move(blocks)), booklet_style());
    const auto& elements = laid.book.structure.elements;
    std::vector<pages::ElementId> bodies;
    for (std::size_t i = 0; i < elements.size(); ++i)
        if (elements[i].role == pages::StructRole::list_body) bodies.push_back(static_cast<pages::ElementId>(i));
    REQUIRE(bodies.size() == 2);
    auto paragraphs_in = [&](pages::ElementId body) {
        return std::count_if(elements.begin(), elements.end(), [&](const pages::StructElement& e) {
            return e.parent == body && e.role == pages::StructRole::paragraph;
        });
    };
    CHECK(paragraphs_in(bodies[0]) == 0);
    CHECK(paragraphs_in(bodies[1]) == 2);
    // Whose text each word is: the first body's own, the second body's paragraphs'.
    std::map<std::string, pages::ElementId> owner;
    for (const auto& page : laid.book.pages)
        for (const auto& item : page.items)
            if (const auto* t = std::get_if<pages::TextItem>(&item))
                for (const std::string word : {"alpha", "beta", "gamma"})
                    if (t->run.text.find(word) != std::string::npos) owner[word] = pages::element_of(item);
    CHECK(owner.at("alpha") == bodies[0]);
    CHECK(elements.at(static_cast<std::size_t>(owner.at("beta"))).parent == bodies[1]);
    CHECK(elements.at(static_cast<std::size_t>(owner.at("gamma"))).parent == bodies[1]);
}

namespace {

model::Block list_block(bool ordered, std::vector<model::ListItem> items) {
    model::List list;
    list.ordered = ordered;
    list.items = std::move(items);
    model::Block b;
    b.node = std::move(list);
    return b;
}

model::ListItem list_item(const std::string& words, std::optional<bool> task = std::nullopt) {
    model::ListItem item;
    item.task = task;
    item.blocks.push_back(para({text(words)}));
    return item;
}

}  // namespace

TEST_CASE("a bullet the list's /ListNumbering names is an artifact; numbers, task boxes and en dashes are Lbl",
          "[layout][lists][tagged]") {
    std::vector<model::ListItem> outer;
    outer.push_back(list_item("plain bullet item"));
    outer.push_back(list_item("open task item", false));
    model::ListItem nesting = list_item("holds a nested list");
    std::vector<model::ListItem> inner;
    inner.push_back(list_item("dashed inner item"));
    nesting.blocks.push_back(list_block(false, std::move(inner)));
    outer.push_back(std::move(nesting));
    std::vector<model::ListItem> numbered;
    numbered.push_back(list_item("first numbered item"));
    model::Blocks blocks;
    blocks.push_back(list_block(false, std::move(outer)));
    blocks.push_back(list_block(true, std::move(numbered)));
    const Laid laid = lay(one_chapter(std::move(blocks)), booklet_style());
    const auto& elements = laid.book.structure.elements;
    std::vector<pages::ListNumbering> lists;
    for (const auto& e : elements)
        if (e.role == pages::StructRole::list) lists.push_back(e.numbering);
    CHECK(lists == std::vector<pages::ListNumbering>{pages::ListNumbering::disc, pages::ListNumbering::none,
                                                     pages::ListNumbering::decimal});
    // Each label's text and the role of what it belongs to (none: an artifact).
    std::map<std::string, std::optional<pages::StructRole>> labels;
    for (const auto& page : laid.book.pages)
        for (const auto& item : page.items) {
            const auto* t = std::get_if<pages::TextItem>(&item);
            if (!t) continue;
            for (const std::string label : {"\u2022", "\u2610", "\u2013", "1."}) {
                if (t->run.text != label) continue;
                const auto element = pages::element_of(item);
                labels[label] = element == pages::kArtifact
                                    ? std::nullopt
                                    : std::optional(elements.at(static_cast<std::size_t>(element)).role);
            }
        }
    REQUIRE(labels.size() == 4);
    CHECK(labels.at("\u2022") == std::nullopt);
    CHECK(labels.at("\u2610") == pages::StructRole::label);
    CHECK(labels.at("\u2013") == pages::StructRole::label);
    CHECK(labels.at("1.") == pages::StructRole::label);
}

namespace {

// Lines of body text per page: baseline -> [left, right) of what the line shows,
// and the text of its runs.
struct BodyLine {
    Sp left = 0, right = 0;
    std::string text;
    std::vector<std::int32_t> scales;
};

std::map<Sp, BodyLine> body_lines(const pages::Page& page, const style::Style& st) {
    std::map<Sp, BodyLine> lines;
    for (const auto* t : texts(page)) {
        if (!same_size(t->run.size, st.body.size)) continue;
        if (t->y <= st.page.margin_top || t->y > st.page.height - st.page.margin_bottom) continue;
        auto [it, fresh] = lines.try_emplace(t->y);
        BodyLine& l = it->second;
        if (fresh) l.left = t->x;
        l.left = std::min(l.left, t->x);
        l.right = std::max(l.right, t->x + t->run.width());
        l.text += t->run.text;
        l.scales.push_back(t->run.horizontal_scale);
    }
    // Running heads and folios share the body size; they name the chapter.
    std::erase_if(lines, [](const auto& entry) { return entry.second.text.find("A test chapter") != std::string::npos; });
    return lines;
}

model::Blocks tagged_paragraphs(int count) {
    // Each paragraph ends with a word naming it, so its last line can be found.
    model::Blocks blocks;
    for (int i = 0; i < count; ++i)
        blocks.push_back(para({text(layout_test::words("p" + std::to_string(i), 12 + (i * 29) % 70) + " zqend" +
                                    std::to_string(i) + ".")}));
    return blocks;
}

}  // namespace

TEST_CASE("justified body lines reach the edge, expanded within limits; last lines end short", "[layout][lines]") {
    const auto style = booklet_style();
    const Laid laid = lay(one_chapter(tagged_paragraphs(45)), style);
    const Sp column = style.page.width - style.page.margin_inner - style.page.margin_outer;
    // What compose.cpp asks of a body paragraph's last line (and a checker reads
    // as a paragraph's end): more than an em or 3 % of the column short of the edge.
    const Sp room = std::max<Sp>(style.body.size, column * 3 / 100);
    int last_lines = 0, full_lines = 0, expanded = 0;
    for (const auto& page : laid.book.pages) {
        const auto lines = body_lines(page, style);
        if (lines.empty()) continue;
        Sp left = lines.begin()->second.left;
        for (const auto& [y, l] : lines) left = std::min(left, l.left);
        const Sp right_edge = left + column;
        for (const auto& [y, l] : lines) {
            INFO("page " << page.label << ": " << l.text);
            for (auto s : l.scales) {
                const linebreak::Parameters defaults;
                CHECK(s >= 1000 - std::lround(defaults.expansion_shrink * 1000));
                CHECK(s <= 1000 + std::lround(defaults.expansion_stretch * 1000));
                if (s != 1000) ++expanded;
            }
            if (l.text.find("zqend") != std::string::npos) {
                ++last_lines;
                CHECK(l.right <= right_edge - room);
            } else {
                ++full_lines;
                CHECK(l.right >= right_edge - sp_from_pt(0.5));
                CHECK(l.right <= right_edge + sp_from_pt(3));  // a final hyphen or mark may hang
            }
        }
    }
    CHECK(last_lines == 45);
    CHECK(full_lines > 100);
    CHECK(expanded > 0);
}

TEST_CASE("ragged-right body text stays inside the measure, at natural width", "[layout][lines]") {
    auto style = booklet_style();
    style.body.align = style::Align::left;
    const Laid laid = lay(one_chapter(tagged_paragraphs(30)), style);
    const Sp column = style.page.width - style.page.margin_inner - style.page.margin_outer;
    int lines_seen = 0;
    for (const auto& page : laid.book.pages) {
        const auto lines = body_lines(page, style);
        if (lines.empty()) continue;
        Sp left = lines.begin()->second.left;
        for (const auto& [y, l] : lines) left = std::min(left, l.left);
        for (const auto& [y, l] : lines) {
            INFO("page " << page.label << ": " << l.text);
            ++lines_seen;
            CHECK(l.right <= left + column);
            for (auto s : l.scales) CHECK(s == 1000);
        }
    }
    CHECK(lines_seen > 50);
}

TEST_CASE("body.font_expansion in the style sets the limit, 0 turns it off", "[layout][lines]") {
    auto expansions = [](const style::Style& style) {
        const Laid laid = lay(one_chapter(tagged_paragraphs(20)), style);
        std::set<std::int32_t> scales;
        for (const auto& page : laid.book.pages)
            for (const auto& [y, l] : body_lines(page, style)) scales.insert(l.scales.begin(), l.scales.end());
        return scales;
    };
    const auto off = style::load_style("booklet", BOOKLET_SOURCE_DIR "/styles", {"body.font_expansion=0"});
    CHECK(off.font_expansion == 0);
    CHECK(expansions(off) == std::set<std::int32_t>{1000});
    const auto one = style::load_style("booklet", BOOKLET_SOURCE_DIR "/styles", {"body.font_expansion=0.01"});
    const auto scales = expansions(one);
    CHECK(scales.size() > 1);
    CHECK(*scales.begin() >= 990);
    CHECK(*scales.rbegin() <= 1010);
    CHECK_THROWS_WITH(style::load_style("booklet", BOOKLET_SOURCE_DIR "/styles", {"body.font_expansion=0.2"}),
                      Catch::Contains("body.font_expansion") && Catch::Contains("out of range"));
}

// The page list: the writer puts each page-break marker where the page map says
// (inside a paragraph's text, a list item, a quote's attribution, a code block, a
// table row, a caption, a details summary, a chapter's start, the title page, the
// contents, the Sources list, the book's end) and lists them all in page order.
#include "epub_reader.hpp"
#include "sample_document.hpp"

#include "booklet/cite.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/epub.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

namespace fs = std::filesystem;
using namespace booklet;
using booklet::test::EpubFile;
using booklet::test::Xml;

namespace {

constexpr std::int64_t kModified = 1727577000;

page_map::Position text_at(int chapter, std::vector<int> path, int part = page_map::part::whole, std::size_t offset = 0) {
    page_map::Position at = page_map::start_of(page_map::Place::text);
    at.chapter = chapter;
    at.path = std::move(path);
    at.part = part;
    at.offset = offset;
    return at;
}

page_map::Position source_at(int source) {
    page_map::Position at = page_map::start_of(page_map::Place::sources);
    at.source = source;
    return at;
}

// One page per place the writer must find in the sample document (sample_document.hpp).
page_map::PageMap sample_map() {
    using page_map::Place;
    namespace part = page_map::part;
    const std::vector<page_map::Position> places = {
        page_map::start_of(Place::title_page),               // 1
        page_map::start_of(Place::contents),                 // 2
        text_at(0, {}),                                      // 3: the first chapter's title
        text_at(1, {1}, part::whole, 6),                     // 4: "Terug |naar"
        text_at(0, {14, 1, 0}),                              // 5: a tight list's second item
        text_at(0, {15, 0, 1}, part::whole, 7),              // 6: "second |paragraph"
        text_at(0, {17}, part::caption),                     // 7: a quote's attribution
        text_at(0, {20}, part::whole, 4),                    // 8: "int |main()"
        text_at(0, {22}, part::table_row(1)),                // 9: the second body row
        text_at(0, {24}, part::caption, 2),                  // 10: "A |caption"
        text_at(0, {13}),                                    // 11: a heading that is not written
        text_at(0, {27}, part::caption),                     // 12: a details summary
        text_at(0, {27, 0}),                                 // 13: the paragraph in it
        text_at(2, {}),                                      // 14: the empty chapter
        source_at(-1),                                       // 15: the Sources list
        source_at(0),                                        // 16: its first entry
        text_at(7, {}),                                      // 17: a chapter this book has not
        page_map::start_of(Place::end),                      // 18
    };
    page_map::PageMap map;
    map.source = "Sample (PDF, 18 pages)";
    for (std::size_t i = 0; i < places.size(); ++i)
        map.pages.push_back({i < 2 ? std::string(i == 0 ? "i" : "ii") : std::to_string(i + 1), places[i]});
    return map;
}

EpubFile build(const model::Document& doc, const page_map::PageMap& map) {
    const fs::path target = fs::temp_directory_path() / ("booklet-page-list-" + std::to_string(::getpid()) + ".epub");
    const cite::Citations cites = cite::cite_document(doc, style::LinkPolicy{}, kModified);
    Diagnostics diags;
    epub::write_epub(doc, cites, {}, epub::Settings{kModified, map}, target, diags);
    EpubFile e = test::read_epub(target);
    fs::remove(target);
    return e;
}

// What follows the marker with this id in `doc`, markup and all.
std::string after_marker(const std::string& doc, const std::string& id) {
    const auto at = doc.find("id=\"" + id + "\"");
    if (at == std::string::npos) return "<no marker " + id + ">";
    const auto end = doc.find("/>", at);
    return doc.substr(end + 2, 80);
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("page-break markers stand where the page map puts them", "[epub][page_list]") {
    const model::Document doc = test::sample_document();
    const page_map::PageMap map = sample_map();
    const EpubFile e = build(doc, map);
    const std::string& one = e.at("EPUB/text/001-intro.xhtml");
    const std::string& two = e.at("EPUB/text/002-second.xhtml");

    // Every page once, in page order, named by its folio.
    const Xml nav(e.at("EPUB/nav.xhtml"));
    const auto hrefs = nav.all("//x:nav[@epub:type='page-list']//x:a/@href");
    const auto labels = nav.all("//x:nav[@epub:type='page-list']//x:a");
    REQUIRE(hrefs.size() == map.pages.size());
    CHECK(nav.one("//x:nav[@epub:type='page-list']/@hidden") == "hidden");
    CHECK(labels[0] == "i");
    CHECK(labels[1] == "ii");
    CHECK(labels[17] == "18");
    std::size_t markers = 0;
    for (const auto& name : e.names)
        for (std::size_t at = 0; (at = e.at(name).find("epub:type=\"pagebreak\"", at)) != std::string::npos; ++at) ++markers;
    CHECK(markers == map.pages.size());
    for (std::size_t i = 0; i < hrefs.size(); ++i) {
        INFO(hrefs[i]);
        const auto hash = hrefs[i].find('#');
        const std::string& file = e.at("EPUB/" + hrefs[i].substr(0, hash));
        CHECK(file.find("id=\"" + hrefs[i].substr(hash + 1) + "\" aria-label=\"" + labels[i] + "\"") != std::string::npos);
    }

    CHECK(hrefs[0] == "text/title.xhtml#page-1");
    CHECK(hrefs[1] == "nav.xhtml#page-2");
    CHECK(starts_with(after_marker(e.at("EPUB/nav.xhtml"), "page-2"), "\n<nav epub:type=\"toc\""));
    CHECK(starts_with(after_marker(one, "page-3"), "<h1 class=\"chapter-title\""));
    CHECK(starts_with(after_marker(two, "page-4"), "naar "));
    CHECK(starts_with(after_marker(one, "page-5"), "four</li>"));
    CHECK(starts_with(after_marker(one, "page-6"), "paragraph</p>"));
    CHECK(starts_with(after_marker(one, "page-7"), "Shakespeare, "));
    CHECK(starts_with(after_marker(one, "page-8"), "main() {"));
    CHECK(starts_with(after_marker(one, "page-9"), "1</td>"));
    CHECK(starts_with(after_marker(one, "page-10"), "caption with "));
    CHECK(starts_with(after_marker(one, "page-11"), "<ol"));  // the empty heading is not written: after it
    CHECK(starts_with(after_marker(one, "page-12"), "More details</p>"));
    CHECK(starts_with(after_marker(one, "page-13"), "Hidden text"));
    CHECK(hrefs[13] == "text/003-empty.xhtml#page-14");
    CHECK(hrefs[14] == "text/sources.xhtml#page-15");
    CHECK(starts_with(after_marker(e.at("EPUB/text/sources.xhtml"), "page-15"), "<h1"));
    CHECK(starts_with(after_marker(e.at("EPUB/text/sources.xhtml"), "page-16"), "<a class=\"url\""));
    // A place the book has not, and the end: after the Sources list, the last document.
    CHECK(hrefs[16] == "text/sources.xhtml#page-17");
    CHECK(hrefs[17] == "text/sources.xhtml#page-18");
    CHECK(starts_with(after_marker(e.at("EPUB/text/sources.xhtml"), "page-18"), "\n</body>"));

    // Every document stays well-formed.
    for (const auto& name : e.names)
        if (name.size() > 6 && name.substr(name.size() - 6) == ".xhtml") CHECK_NOTHROW(Xml(e.at(name), name));

    // The pages' source: dc:source refined as the source of pagination.
    const Xml opf(e.at("EPUB/package.opf"));
    CHECK(opf.one("//dc:source[@id='pagination-source']") == "Sample (PDF, 18 pages)");
    CHECK(opf.one("//opf:meta[@refines='#pagination-source']/@property") == "source-of");
    CHECK(opf.one("//opf:meta[@refines='#pagination-source']") == "pagination");
    CHECK(opf.count("//opf:meta[@property='schema:accessibilityFeature'][.='pageBreakMarkers']") == 1);
    CHECK(opf.count("//opf:meta[@property='schema:accessibilityFeature'][.='pageNavigation']") == 1);
}

TEST_CASE("without a page map, no markers, no page list, no source", "[epub][page_list]") {
    const EpubFile e = build(test::sample_document(), {});
    for (const auto& name : e.names) CHECK(e.at(name).find("pagebreak") == std::string::npos);
    CHECK(Xml(e.at("EPUB/nav.xhtml")).count("//x:nav[@epub:type='page-list']") == 0);
    CHECK(Xml(e.at("EPUB/package.opf")).count("//dc:source") == 0);
}

TEST_CASE("a page map's title and contents pages where the EPUB has neither", "[epub][page_list]") {
    model::Document doc = test::sample_document();
    page_map::PageMap map;
    map.pages.push_back({"1", page_map::start_of(page_map::Place::title_page)});
    map.pages.push_back({"2", page_map::start_of(page_map::Place::contents)});
    map.pages.push_back({"3", text_at(0, {})});
    const fs::path target = fs::temp_directory_path() / ("booklet-page-list-b-" + std::to_string(::getpid()) + ".epub");
    style::Style style;
    style.title_page = false;
    style.table_of_contents = false;
    Diagnostics diags;
    epub::write_epub(doc, cite::cite_document(doc, style.links, kModified), style, epub::Settings{kModified, map}, target, diags);
    const EpubFile e = test::read_epub(target);
    fs::remove(target);
    // Both go where the next place this EPUB has begins: the first chapter's start.
    const auto hrefs = Xml(e.at("EPUB/nav.xhtml")).all("//x:nav[@epub:type='page-list']//x:a/@href");
    REQUIRE(hrefs.size() == 3);
    for (const auto& href : hrefs) CHECK(href.rfind("text/001-intro.xhtml#page-", 0) == 0);
    const std::string& one = e.at("EPUB/text/001-intro.xhtml");
    CHECK(one.find("id=\"page-1\"") < one.find("id=\"page-2\""));
    CHECK(one.find("id=\"page-2\"") < one.find("id=\"page-3\""));
    CHECK(one.find("id=\"page-3\"") < one.find("<h1"));
}

// Chapter documents kept from one build to the next (epub::KeptDocuments): every
// build of a session that keeps them must write the EPUB a build without them
// writes, byte for byte, with the same warnings, whatever changed in between —
// including what a chapter reads outside its own model: a link's target in
// another chapter, a picture file, the page map, the numbering of cited links.
#include "epub_reader.hpp"
#include "sample_document.hpp"
#include "scratch.hpp"

#include "booklet/cite.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/epub.hpp"

#include <catch2/catch.hpp>

namespace fs = std::filesystem;
using namespace booklet;
using booklet::test::EpubFile;
namespace m = booklet::model;

namespace {

constexpr std::int64_t kModified = 1727577000;

struct Written {
    std::string bytes;
    std::vector<Diagnostic> warnings;
};

Written write(const m::Document& doc, const page_map::PageMap& map, epub::KeptDocuments* kept) {
    const fs::path target = test::scratch_folder("epub-kept-documents") / "kept-book.epub";
    const cite::Citations cites = cite::cite_document(doc, style::LinkPolicy{}, kModified);
    Diagnostics diags;
    epub::Settings settings{kModified, map};
    settings.kept_documents = kept;
    epub::write_epub(doc, cites, {}, settings, target, diags);
    return {test::slurp(target), diags.all()};
}

// A session's build of `doc` (kept documents), checked against a build without.
Written session_build(const m::Document& doc, const page_map::PageMap& map, epub::KeptDocuments& kept) {
    const Written fresh = write(doc, map, nullptr);
    Written watched = write(doc, map, &kept);
    CHECK(watched.bytes == fresh.bytes);
    CHECK(watched.warnings == fresh.warnings);
    return watched;
}

std::string chapter_file(const Written& w, const std::string& name) {
    const fs::path file = test::scratch_folder("epub-kept-documents") / "kept-read.epub";
    {
        std::ofstream out(file, std::ios::binary);
        out << w.bytes;
    }
    return test::read_epub(file).at("EPUB/text/" + name);
}

page_map::PageMap map_of(std::vector<std::pair<int, std::vector<int>>> places) {
    page_map::PageMap map;
    map.source = "Test (PDF)";
    for (std::size_t i = 0; i < places.size(); ++i) {
        page_map::Position at = page_map::start_of(page_map::Place::text);
        at.chapter = places[i].first;
        at.path = places[i].second;
        map.pages.push_back({std::to_string(i + 1), at});
    }
    return map;
}

m::Block heading_block(std::string id, std::string label) { return test::heading(2, std::move(id), std::move(label)); }

// Three chapters: the first shows a picture (a file the test replaces) and links to
// the second's heading; the third cites an address.
m::Document three_chapters(const fs::path& picture) {
    m::Document doc;
    doc.meta.title = "Kept";
    doc.meta.language = "en";
    doc.meta.identifier = "kept-documents";
    m::Chapter one;
    one.id = "one";
    one.title = "One";
    m::ImageRef ref = test::image_ref("", "a picture");
    ref.file = picture;
    ref.src = "picture.png";
    one.blocks.push_back(test::para({test::text("See "), m::Inline{m::Image{ref}, {"one.md", 2, 1}}, test::text(" and "),
                                     test::link(m::LinkKind::internal, "", {test::text("the target")}, "two", "target")}));
    one.blocks.push_back(test::para({test::text("More text.")}));
    m::Chapter two;
    two.id = "two";
    two.title = "Two";
    two.blocks.push_back(test::para({test::text("Before.")}));
    two.blocks.push_back(heading_block("target", "The target"));
    m::Chapter three;
    three.id = "three";
    three.title = "Three";
    three.blocks.push_back(test::para({test::external("https://example.org/three", "an address")}));
    doc.chapters = {one, two, three};
    return doc;
}

}  // namespace

TEST_CASE("kept chapter documents: each build as a build without them writes it", "[epub][kept]") {
    epub::KeptDocuments kept;
    const fs::path picture = test::scratch_folder("epub-kept-documents") / "kept-picture.png";
    fs::copy_file(test::image_data("rgb.png"), picture, fs::copy_options::overwrite_existing);
    m::Document doc = three_chapters(picture);
    page_map::PageMap map = map_of({{0, {}}, {1, {}}, {2, {}}});

    const Written first = session_build(doc, map, kept);
    const Written again = session_build(doc, map, kept);
    CHECK(again.bytes == first.bytes);

    SECTION("the heading a link goes to is renamed: the linking chapter changes, its model does not") {
        std::get<m::Heading>(doc.chapters[1].blocks[1].node).id = "moved";
        const Written renamed = session_build(doc, map, kept);
        CHECK(chapter_file(renamed, "001-one.xhtml") != chapter_file(first, "001-one.xhtml"));
        CHECK(chapter_file(renamed, "001-one.xhtml").find("href=\"002-two.xhtml\"") != std::string::npos);
        CHECK(std::count_if(renamed.warnings.begin(), renamed.warnings.end(),
                            [](const Diagnostic& d) { return d.kind == "link-anchor-missing"; }) == 1);
    }
    SECTION("the picture file is replaced by one of another size") {
        fs::copy_file(test::image_data("gray1.png"), picture, fs::copy_options::overwrite_existing);
        const Written replaced = session_build(doc, map, kept);
        CHECK(chapter_file(replaced, "001-one.xhtml").find("width=\"8\" height=\"8\"") != std::string::npos);
    }
    SECTION("the picture file becomes unreadable, then readable again") {
        fs::copy_file(test::image_data("truncated.png"), picture, fs::copy_options::overwrite_existing);
        const Written broken = session_build(doc, map, kept);
        CHECK(std::count_if(broken.warnings.begin(), broken.warnings.end(),
                            [](const Diagnostic& d) { return d.kind == "epub-image-unusable"; }) == 1);
        fs::copy_file(test::image_data("rgb.png"), picture, fs::copy_options::overwrite_existing);
        CHECK(session_build(doc, map, kept).bytes == first.bytes);
    }
    SECTION("a page is added before them all: every marker moves") {
        map = map_of({{0, {}}, {0, {1}}, {1, {}}, {2, {}}});
        session_build(doc, map, kept);
    }
    SECTION("an earlier chapter cites one more address: the later one's citations are numbered on") {
        doc.chapters[0].blocks[1] = test::para({test::external("https://example.org/one", "another address")});
        const Written cited = session_build(doc, map, kept);
        CHECK(chapter_file(cited, "003-three.xhtml") != chapter_file(first, "003-three.xhtml"));
    }
    SECTION("a chapter is removed, then comes back") {
        m::Document shorter = doc;
        shorter.chapters.erase(shorter.chapters.begin() + 1);
        session_build(shorter, map_of({{0, {}}, {1, {}}}), kept);
        CHECK(session_build(doc, map, kept).bytes == first.bytes);
    }
}

TEST_CASE("kept chapter documents: the sample document, built twice and changed", "[epub][kept]") {
    epub::KeptDocuments kept;
    m::Document doc = test::sample_document();
    const page_map::PageMap map = map_of({{0, {}}, {0, {3}}, {1, {}}, {1, {1}}, {3, {}}});
    session_build(doc, map, kept);
    session_build(doc, map, kept);
    doc.chapters[1].blocks.push_back(test::para({test::text("A paragraph added.")}));
    session_build(doc, map, kept);
    doc.meta.language = "nl";  // the book's words change: nothing kept is used
    session_build(doc, map, kept);
}

// Pictures a session prepared (epub::KeptPictures): taken while a file holds the
// same bytes, prepared again once it holds others under the same name.
TEST_CASE("kept pictures: each build as a build that prepares every picture writes it", "[epub][kept]") {
    const fs::path folder = test::scratch_folder("epub-kept-pictures");
    const fs::path picture = folder / "picture.png";
    m::Document doc;
    doc.meta.title = "Pictures";
    doc.meta.language = "en";
    m::Chapter chapter;
    chapter.id = "one";
    chapter.title = "One";
    m::ImageRef ref;
    ref.src = "picture.png";
    ref.file = picture;
    ref.alt = "a picture";
    chapter.blocks.push_back(test::block(m::Figure{ref, {}}));
    doc.chapters.push_back(std::move(chapter));
    const fs::path target = folder / "book.epub";
    const auto build = [&](epub::KeptPictures* kept) {
        const cite::Citations cites = cite::cite_document(doc, style::LinkPolicy{}, kModified);
        const epub::Pictures pictures = epub::prepare_pictures(doc, {}, nullptr, kept);
        epub::Settings settings{kModified, {}};
        settings.pictures = &pictures;
        Diagnostics diags;
        epub::write_epub(doc, cites, {}, settings, target, diags);
        return test::slurp(target);
    };
    const auto fresh = [&] { return build(nullptr); };
    epub::KeptPictures kept;
    fs::copy_file(test::image_data("rgb.png"), picture, fs::copy_options::overwrite_existing);
    const std::string first = build(&kept);
    CHECK(first == fresh());
    CHECK(build(&kept) == first);  // taken from what the first build kept
    // Another picture under the same name: prepared again, not taken.
    fs::copy_file(test::image_data("baseline.jpg"), picture, fs::copy_options::overwrite_existing);
    const std::string changed = build(&kept);
    CHECK(changed == fresh());
    CHECK(changed != first);
}

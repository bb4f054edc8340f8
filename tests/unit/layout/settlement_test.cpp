// Where a layout's passes settled, kept between builds (settlement.hpp): the next
// build of the same inputs starts from the pass the last one settled with and makes
// the same pages in one pass; other inputs, or files that hold other bytes, lay the
// book out from nothing; a damaged entry is no entry.
#include "booklet/dump.hpp"
#include "booklet/image.hpp"
#include "booklet/picture_cache.hpp"
#include "layout_test_support.hpp"
#include "scratch.hpp"

#include "settlement.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace booklet;
using namespace booklet::layout_test;
namespace fs = std::filesystem;

namespace {

fs::path fresh_folder(const std::string& name) { return test::fresh_scratch_folder("settlement-test", name); }

// A grey picture `width` by `height` pixels, as a PNG file.
void write_picture(const fs::path& file, int width, int height) {
    pages::Raster raster;
    raster.width = width;
    raster.height = height;
    raster.channels = 1;
    raster.pixels.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0x80);
    const std::vector<std::uint8_t> png = image::encode_png(raster);
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(png.data()),
                                                 static_cast<std::streamsize>(png.size()));
}

// Four chapters, each referring to the next by its page ("→ p. 12"), and a
// contents: the first pass knows no page yet, so the book takes two passes at
// least. `picture`: a figure in the second chapter showing that file.
model::Document referring_book(const fs::path& picture = {}) {
    model::Document doc;
    doc.meta.title = "Settled pages";
    doc.meta.language = "en";
    for (int i = 0; i < 4; ++i) {
        const std::string id = "part-" + std::to_string(i), next = "part-" + std::to_string((i + 1) % 4);
        model::Blocks blocks;
        for (int p = 0; p < 6; ++p)
            blocks.push_back(para({text(layout_test::words(id + "p" + std::to_string(p), 70) + " See "),
                                   internal_link(next, "the next part", next), text(".")}));
        if (i == 1 && !picture.empty()) {
            model::Figure figure;
            figure.image.src = picture.filename().string();
            figure.image.file = picture;
            figure.image.alt = "A grey field";
            figure.caption.push_back(text("A grey field"));
            blocks.insert(blocks.begin() + 2, model::Block{std::move(figure), {}, {}});
        }
        doc.chapters.push_back(chapter(id, "Part " + std::to_string(i), std::move(blocks)));
        doc.chapters.back().lang = "en";
    }
    return doc;
}

struct Built {
    std::string items;  // dump::page_items: every run with its font id
    std::size_t pages = 0;
    std::optional<layout::StoredParagraphs> stored;
};

// A build as a new process makes it: its own fonts and dictionaries (from `hyphenation`).
Built build(const model::Document& doc, const style::Style& style, image::PictureCache* cache,
            const fs::path& hyphenation = "/usr/share/hyphen") {
    layout::KeptText kept(style.fonts);
    hyphenate::Dictionaries dictionaries(hyphenation);
    Diagnostics diags;
    const cite::Citations cites = cite::cite_document(doc, style.links, 0);
    const layout::Settings settings{0, cache, kept.paragraphs()};
    const pages::Book book = layout::layout_book(doc, cites, style, kept.fonts(), dictionaries, settings, diags);
    return {dump::page_items(book), book.pages.size(), kept.stored()};
}

}  // namespace

TEST_CASE("the next build of the same inputs settles in one pass, with the same pages", "[layout][cache]") {
    const auto style = booklet_style();
    const model::Document doc = referring_book();
    const Built clean = build(doc, style, nullptr);
    REQUIRE(clean.pages > 4);

    image::PictureCache cache(fresh_folder("same"));
    const Built first = build(doc, style, &cache);
    REQUIRE(first.stored);
    CHECK(first.stored->settlements_found == 0);
    const Built second = build(doc, style, &cache);
    REQUIRE(second.stored);
    CHECK(second.stored->settlements_found >= 1);
    CHECK(second.stored->settlements_taken == second.stored->settlements_found);
    CHECK(first.items == clean.items);
    CHECK(second.items == clean.items);

    SECTION("other text, another style: laid out from nothing") {
        model::Document edited = doc;
        edited.chapters[2].blocks.push_back(para({text(layout_test::words("more", 200))}));
        const Built after_edit = build(edited, style, &cache);
        REQUIRE(after_edit.stored);
        CHECK(after_edit.stored->settlements_found == 0);
        CHECK(after_edit.items == build(edited, style, nullptr).items);

        auto wider = style;
        wider.page.margin_outer += sp_from_pt(20);
        const Built other_style = build(doc, wider, &cache);
        REQUIRE(other_style.stored);
        CHECK(other_style.stored->settlements_found == 0);
        CHECK(other_style.items == build(doc, wider, nullptr).items);
    }
}

TEST_CASE("a picture that holds other bytes under the same name: laid out from nothing", "[layout][cache]") {
    const auto style = booklet_style();
    const fs::path folder = fresh_folder("picture");
    fs::create_directories(folder);
    const fs::path picture = folder / "field.png";
    write_picture(picture, 400, 300);
    const model::Document doc = referring_book(picture);
    image::PictureCache cache(folder / "cache");
    build(doc, style, &cache);
    const Built again = build(doc, style, &cache);
    REQUIRE(again.stored);
    CHECK(again.stored->settlements_taken >= 1);

    // Taller: the pages after it move, and the document (its file name) is the same.
    write_picture(picture, 400, 900);
    const Built changed = build(doc, style, &cache);
    REQUIRE(changed.stored);
    CHECK(changed.stored->settlements_found >= 1);
    CHECK(changed.stored->settlements_taken == 0);
    const Built clean = build(doc, style, nullptr);
    CHECK(changed.items == clean.items);
    CHECK(changed.items != again.items);
    // And that build's settlement serves the next.
    const Built after = build(doc, style, &cache);
    REQUIRE(after.stored);
    CHECK(after.stored->settlements_taken >= 1);
    CHECK(after.items == clean.items);
}

TEST_CASE("a font or a dictionary that holds other bytes under the same name: laid out from nothing",
          "[layout][cache]") {
    auto style = booklet_style();
    const model::Document doc = referring_book();
    const fs::path folder = fresh_folder("files");
    fs::create_directories(folder / "fonts");
    fs::create_directories(folder / "hyphen");
    // The body font and the English dictionary copied to folders of the test's own.
    const fs::path body = folder / "fonts" / "body.ttf";
    fs::copy_file(style.fonts.body.regular.path, body);
    style.fonts.body.regular.path = body;
    const fs::path dictionary = folder / "hyphen" / "hyph_en_US.dic";
    fs::copy_file("/usr/share/hyphen/hyph_en_US.dic", dictionary);
    image::PictureCache cache(folder / "cache");
    build(doc, style, &cache, folder / "hyphen");
    const Built again = build(doc, style, &cache, folder / "hyphen");
    REQUIRE(again.stored);
    CHECK(again.stored->settlements_taken >= 1);

    SECTION("the body font replaced by the bold face") {
        fs::copy_file(style.fonts.body.bold.path, body, fs::copy_options::overwrite_existing);
        const Built changed = build(doc, style, &cache, folder / "hyphen");
        REQUIRE(changed.stored);
        CHECK(changed.stored->settlements_found >= 1);
        CHECK(changed.stored->settlements_taken == 0);
        CHECK(changed.items == build(doc, style, nullptr, folder / "hyphen").items);
        CHECK(changed.items != again.items);
    }
    SECTION("the dictionary without its patterns for a few word parts") {
        // Every pattern line that holds "ti" dropped: another dictionary, which the
        // layout knows by its identity (the kept paragraphs are set again too).
        std::ifstream in(dictionary);
        std::string kept_lines, line;
        std::getline(in, line);  // the encoding
        kept_lines = line + "\n";
        while (std::getline(in, line))
            if (line.find("ti") == std::string::npos) kept_lines += line + "\n";
        in.close();
        std::ofstream(dictionary, std::ios::trunc) << kept_lines;
        const Built changed = build(doc, style, &cache, folder / "hyphen");
        REQUIRE(changed.stored);
        CHECK(changed.stored->settlements_found >= 1);
        CHECK(changed.stored->settlements_taken == 0);
        CHECK(changed.items == build(doc, style, nullptr, folder / "hyphen").items);
    }
}

TEST_CASE("a settlement that is not whole is refused, never read past its end", "[layout][cache]") {
    layout::Settlement::Kept kept;
    kept.start.refs.numbers = {1, 2, 3, 1};
    kept.start.refs.occurrence_pages = {3, 3, 4, 7};
    kept.start.refs.anchor_pages = {{"part-0", 3}, {"part-1", 5}, {"part-1#lobby", 6}};
    kept.start.refs.link_pages = {{3}, {}, {4, 5}};
    kept.start.tightened = {0, 2};
    kept.files[0] = 0x5A;
    const std::string payload = layout::Settlement::payload(kept);
    const auto read = layout::Settlement::read_payload(payload);
    REQUIRE(read);
    CHECK(*read == kept);
    for (std::size_t cut = 0; cut < payload.size(); ++cut) {
        INFO("cut at " << cut);
        CHECK_FALSE(layout::Settlement::read_payload(std::string_view(payload).substr(0, cut)));
    }
    CHECK_FALSE(layout::Settlement::read_payload(payload + '\0'));

    // Counts past the bytes left are refused before anything is made for them.
    std::string huge = payload;
    huge[0] = '\xFF';
    huge[7] = '\x7F';
    CHECK_FALSE(layout::Settlement::read_payload(huge));

    // What a set or a map never writes: a part twice, anchors out of order. The
    // tightened parts (0 and 2) stand before the 40 bytes of the files' digest.
    std::string repeated = payload;
    repeated.replace(repeated.size() - 40 - 8, 4, repeated.substr(repeated.size() - 40 - 4, 4));
    CHECK_FALSE(layout::Settlement::read_payload(repeated));
    layout::Settlement::Kept anchors;
    anchors.start.refs.anchor_pages = {{"a", 1}, {"b", 2}};
    std::string swapped = layout::Settlement::payload(anchors);
    REQUIRE(layout::Settlement::read_payload(swapped));
    swapped[swapped.find('a')] = 'c';
    CHECK_FALSE(layout::Settlement::read_payload(swapped));
}

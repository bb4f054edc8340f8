// The set paragraphs kept between builds (text_store.hpp): a build that finds them
// makes the same pages, item by item and font by font, as one that sets every
// paragraph; fonts loaded while shaping stay in the same order; a damaged pack or
// a font changed under the same path is never used.
#include "booklet/dump.hpp"
#include "booklet/picture_cache.hpp"
#include "layout_test_support.hpp"
#include "scratch.hpp"

#include "context.hpp"
#include "text_store.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace booklet;
using namespace booklet::layout_test;
namespace fs = std::filesystem;

namespace {

model::Document book_of(const std::vector<std::string>& paragraphs) {
    model::Document doc;
    doc.meta.title = "Kept paragraphs";
    doc.meta.language = "en";
    model::Blocks blocks;
    for (const auto& p : paragraphs) blocks.push_back(para({text(p)}));
    doc.chapters.push_back(chapter("kept", "Kept paragraphs", std::move(blocks)));
    doc.chapters.back().lang = "en";
    return doc;
}

struct Built {
    std::string items;                   // dump::page_items: every run with its font id
    std::vector<std::string> fonts;      // the Book's fonts in FontId order
    std::optional<layout::StoredParagraphs> stored;
};

// A build as a new process makes it: its own fonts and dictionaries. `threads` 2:
// the pack is read ahead on a second thread (layout::Settings::threads).
Built build(const model::Document& doc, const style::Style& style, image::PictureCache* cache, int threads = 1) {
    layout::KeptText kept(style.fonts);
    hyphenate::Dictionaries dictionaries;
    Diagnostics diags;
    const cite::Citations cites = cite::cite_document(doc, style.links, 0);
    layout::Settings settings{0, cache, kept.paragraphs()};
    settings.threads = threads;
    const pages::Book book = layout::layout_book(doc, cites, style, kept.fonts(), dictionaries, settings, diags);
    Built b{dump::page_items(book), {}, kept.stored()};
    for (const auto& f : book.fonts) b.fonts.push_back(f.postscript_name);
    return b;
}

std::vector<std::string> prose(int count) {
    std::vector<std::string> out;
    for (int i = 0; i < count; ++i)
        out.push_back("Paragraph " + std::to_string(i) + " of the kept book: " +
                      layout_test::words("w" + std::to_string(i), 40 + i % 30));
    return out;
}

fs::path fresh_folder(const std::string& name) {
    const fs::path folder = test::scratch_folder("text-store-test") / name;
    fs::remove_all(folder);
    return folder;
}

}  // namespace

TEST_CASE("a second build finds every paragraph set and makes the same pages", "[layout][cache]") {
    const auto style = booklet_style();
    const model::Document doc = book_of(prose(40));
    const Built clean = build(doc, style, nullptr);
    CHECK_FALSE(clean.stored);

    image::PictureCache cache(fresh_folder("second"));
    const Built first = build(doc, style, &cache);
    REQUIRE(first.stored);
    CHECK(first.stored->found == 0);
    CHECK(first.stored->set > 40);
    CHECK(first.stored->kept == first.stored->set);
    CHECK(first.stored->written);

    const int threads = GENERATE(1, 2);
    CAPTURE(threads);
    const Built second = build(doc, style, &cache, threads);
    REQUIRE(second.stored);
    // All but one: the second build lays the book out in one pass, from where the
    // first settled (settlement.hpp), so the contents' page number a first pass
    // sets before any page is known ("00") is not asked for, and the pack is
    // written again without it.
    CHECK(second.stored->found + 1 == first.stored->set);
    CHECK(second.stored->set == 0);
    CHECK(second.stored->written);
    const Built third = build(doc, style, &cache, threads);
    REQUIRE(third.stored);
    CHECK(third.stored->found == second.stored->found);
    CHECK(third.stored->set == 0);
    CHECK_FALSE(third.stored->written);  // nothing new, nothing unused: the pack stays

    CHECK(first.items == clean.items);
    CHECK(second.items == clean.items);
    CHECK(second.fonts == clean.fonts);
    CHECK(third.items == clean.items);
}

TEST_CASE("an edit sets only the paragraphs it changed", "[layout][cache]") {
    const auto style = booklet_style();
    std::vector<std::string> paragraphs = prose(30);
    image::PictureCache cache(fresh_folder("edit"));
    const Built before = build(book_of(paragraphs), style, &cache);
    REQUIRE(before.stored);

    paragraphs[12] += " One sentence more.";
    const model::Document edited = book_of(paragraphs);
    const int threads = GENERATE(1, 2);
    CAPTURE(threads);
    const Built after = build(edited, style, &cache, threads);
    REQUIRE(after.stored);
    CHECK(after.stored->set >= 1);
    CHECK(after.stored->set <= 4);  // the paragraph, at each width and setting it is asked for
    CHECK(after.stored->found + 4 >= before.stored->set);  // every other paragraph found
    CHECK(after.stored->written);  // the new paragraph is kept, the old one dropped
    CHECK(after.items == build(edited, style, nullptr).items);
}

TEST_CASE("fonts loaded while shaping load in the same order with kept paragraphs", "[layout][cache]") {
    // The colour emoji font is loaded by the first paragraph that needs it: the one
    // that loads it is never kept, and one that uses it is used only when it is loaded.
    const auto style = booklet_style();
    std::vector<std::string> paragraphs = prose(6);
    paragraphs[2] += " \xF0\x9F\x93\xA7 mail";      // 📧
    paragraphs[4] += " \xF0\x9F\x91\xA5 people";    // 👥
    image::PictureCache cache(fresh_folder("emoji"));
    const Built first = build(book_of(paragraphs), style, &cache);
    REQUIRE(first.stored);
    CHECK(first.stored->kept < first.stored->set);  // the paragraph that loaded the font

    // Without the paragraph that loaded it, the next one with an emoji loads it.
    paragraphs.erase(paragraphs.begin() + 2);
    const model::Document edited = book_of(paragraphs);
    const Built clean = build(edited, style, nullptr);
    const int threads = GENERATE(1, 2);
    CAPTURE(threads);
    const Built kept = build(edited, style, &cache, threads);
    REQUIRE(kept.stored);
    CHECK(kept.stored->found > 0);
    CHECK(kept.fonts == clean.fonts);
    CHECK(kept.items == clean.items);
}

TEST_CASE("a damaged pack is no pack, and a font changed in place is another font", "[layout][cache]") {
    auto style = booklet_style();
    const model::Document doc = book_of(prose(12));
    const Built clean = build(doc, style, nullptr);

    SECTION("damaged") {
        const fs::path folder = fresh_folder("damaged");
        image::PictureCache cache(folder);
        build(doc, style, &cache);
        const fs::path pack = cache.entry_path(layout::text_pack_key(doc, style));
        REQUIRE(fs::exists(pack));
        {
            std::fstream f(pack, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(static_cast<std::streamoff>(fs::file_size(pack) / 2));
            f.put('\x7F');
        }
        const Built again = build(doc, style, &cache);
        REQUIRE(again.stored);
        CHECK(again.stored->found == 0);
        CHECK(again.items == clean.items);
    }
    SECTION("a font replaced under the same path") {
        // The body font copied to a folder of the test's own, then replaced there by
        // the bold face: the kept paragraphs name the old file's table directory.
        const fs::path fonts = fresh_folder("fonts");
        fs::create_directories(fonts);
        const fs::path body = fonts / "body.ttf";
        fs::copy_file(style.fonts.body.regular.path, body);
        style.fonts.body.regular.path = body;
        image::PictureCache cache(fresh_folder("replaced"));
        const Built before = build(doc, style, &cache);
        REQUIRE(before.stored);
        CHECK(before.stored->kept > 0);
        fs::copy_file(style.fonts.body.bold.path, body, fs::copy_options::overwrite_existing);
        const Built after = build(doc, style, &cache);
        REQUIRE(after.stored);
        // Every paragraph in the body font is set again (a heading's chain may not name it).
        CHECK(after.stored->set >= 12);
        CHECK(after.items == build(doc, style, nullptr).items);
        CHECK(after.items != before.items);
    }
}

TEST_CASE("a pack that is not whole is refused, never read past its end", "[layout][cache]") {
    const auto style = booklet_style();
    const model::Document doc = book_of(prose(5));
    image::PictureCache cache(fresh_folder("whole"));
    build(doc, style, &cache);
    const std::optional<std::string> payload = cache.get(layout::text_pack_key(doc, style));
    REQUIRE(payload);
    const auto pack = layout::TextStore::read_pack(*payload);
    REQUIRE(pack);
    CHECK(pack->entries.size() > 5);
    CHECK_FALSE(pack->fonts.empty());
    for (std::size_t cut = 0; cut < payload->size(); cut += 1 + cut / 3) {
        INFO("cut at " << cut);
        CHECK_FALSE(layout::TextStore::read_pack(std::string_view(*payload).substr(0, cut)));
    }
    CHECK_FALSE(layout::TextStore::read_pack(*payload + "x"));
}

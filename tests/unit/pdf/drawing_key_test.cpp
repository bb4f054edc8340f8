// What a page draws, as the writer keys its content stream in a watch session:
// equal for pages whose streams are equal, different for any change a stream shows.
#include "drawing_key.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>

using namespace booklet;
using namespace booklet::pdf;

namespace {

constexpr Sp kPt = kSpPerPt;

GlyphRun run_of(const std::string& text) {
    GlyphRun run;
    run.text = text;
    for (std::size_t i = 0; i < text.size(); ++i)
        run.glyphs.edit().push_back({static_cast<std::uint32_t>(text[i]), static_cast<std::uint32_t>(i), 500, 0, 0});
    return run;
}

// A heading and a paragraph of two lines, their elements numbered from `first`
// (a book's earlier elements: an edit before the page shifts them all).
struct TaggedPage {
    pages::Structure structure;
    pages::Page page;
};

TaggedPage tagged_page(pages::ElementId first) {
    TaggedPage t;
    pages::StructElement paragraph, heading;
    heading.role = pages::StructRole::heading;
    heading.level = 1;
    for (pages::ElementId i = 0; i < first; ++i) t.structure.elements.push_back(paragraph);
    t.structure.elements.push_back(heading);
    t.structure.elements.push_back(paragraph);
    t.page.width = 400 * kPt;
    t.page.height = 600 * kPt;
    t.page.items.push_back(pages::TextItem{50 * kPt, 70 * kPt, run_of("A heading"), {}, first});
    t.page.items.push_back(pages::TextItem{50 * kPt, 90 * kPt, run_of("Its first line"), {}, first + 1, true});
    t.page.items.push_back(pages::TextItem{50 * kPt, 104 * kPt, run_of("and its last."), {}, first + 1});
    t.page.items.push_back(pages::RuleItem{50 * kPt, 580 * kPt, 350 * kPt, 580 * kPt, kPt});  // an artifact
    return t;
}

DrawingKey::Digest digest_of(const TaggedPage& t) {
    static const std::string name = "Im0";
    DrawingKey key(t.structure, [](const pages::Raster*) -> const std::string& { return name; });
    return key.page(t.page);
}

}  // namespace

TEST_CASE("a page keys as its stream reads it: elements by type and order, not by number") {
    const TaggedPage page = tagged_page(0);
    const DrawingKey::Digest digest = digest_of(page);
    CHECK(digest_of(tagged_page(0)) == digest);
    CHECK(digest_of(tagged_page(7)) == digest);  // every element shifted by an edit before the page

    SECTION("another structure type") {
        TaggedPage changed = tagged_page(7);
        changed.structure.elements[7].level = 2;  // H2 for H1
        CHECK(digest_of(changed) != digest);
    }
    SECTION("the same types, grouped otherwise") {
        TaggedPage changed = tagged_page(0);
        changed.structure.elements.push_back(pages::StructElement{});
        std::get<pages::TextItem>(changed.page.items[2]).element = 2;  // the last line a paragraph of its own
        CHECK(digest_of(changed) != digest);
    }
    SECTION("a glyph moved, the text the same") {
        TaggedPage changed = tagged_page(0);
        std::get<pages::TextItem>(changed.page.items[1]).run.glyphs.edit()[3].advance += 1;
        CHECK(digest_of(changed) != digest);
    }
    SECTION("any other field") {
        TaggedPage changed = tagged_page(0);
        std::get<pages::TextItem>(changed.page.items[1]).space_after = false;
        CHECK(digest_of(changed) != digest);
        changed = tagged_page(0);
        std::get<pages::TextItem>(changed.page.items[0]).run.color = {0, 0, 1};
        CHECK(digest_of(changed) != digest);
        changed = tagged_page(0);
        changed.page.height += 1;
        CHECK(digest_of(changed) != digest);
        changed = tagged_page(0);
        std::swap(changed.page.items[1], changed.page.items[2]);
        CHECK(digest_of(changed) != digest);
    }
    SECTION("untagged, elements are not drawn") {
        TaggedPage plain = tagged_page(0), other = tagged_page(0);
        plain.structure = {};
        other.structure = {};
        std::get<pages::TextItem>(other.page.items[2]).element = 0;
        CHECK(digest_of(plain) == digest_of(other));
        CHECK(digest_of(plain) != digest);
    }
}

TEST_CASE("a picture keys by the name its XObject has in the book, not by its pixels") {
    TaggedPage t = tagged_page(0);
    auto raster = std::make_shared<pages::Raster>();
    t.page.items.push_back(pages::ImageItem{{50 * kPt, 200 * kPt, 100 * kPt, 80 * kPt}, raster, {}, "A picture"});
    std::map<const pages::Raster*, std::string> names{{raster.get(), "Im0"}};
    const auto digest = [&] {
        DrawingKey key(t.structure, [&](const pages::Raster* r) -> const std::string& { return names.at(r); });
        return key.page(t.page);
    };
    const DrawingKey::Digest first = digest();
    raster->width = 640;  // other pixels under the same name: the stream is the same
    CHECK(digest() == first);
    names[raster.get()] = "Im1";
    CHECK(digest() != first);
}

TEST_CASE("a glyph list's digest is its glyphs', made again after an edit") {
    GlyphRun run = run_of("digest");
    const GlyphList copy = run.glyphs;
    const GlyphList::Digest before = run.glyphs.digest();
    CHECK(copy.digest() == before);
    CHECK(run_of("digest").glyphs.digest() == before);  // another list, the same glyphs
    run.glyphs.edit()[0].x_offset = 1;
    CHECK(run.glyphs.digest() != before);
    CHECK(copy.digest() == before);  // the copy kept its glyphs
    CHECK(GlyphList().digest() == GlyphList(std::vector<Glyph>{}).digest());
}

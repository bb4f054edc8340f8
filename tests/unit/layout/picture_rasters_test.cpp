// prepare_rasters: pictures reduced to images.max_ppi at their largest placement,
// photographs marked for JPEG, uses of one raster still sharing one raster.
#include "picture_rasters.hpp"

#include "booklet/image.hpp"
#include "booklet/picture_cache.hpp"
#include "scratch.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

using namespace booklet;

namespace {

std::shared_ptr<pages::Raster> noisy(int width, int height) {
    auto r = std::make_shared<pages::Raster>();
    r->width = width;
    r->height = height;
    std::uint32_t state = 99;
    for (int i = 0; i < width * height * 3; ++i) {
        state = state * 1664525u + 1013904223u;  // Numerical Recipes' LCG
        r->pixels.push_back(static_cast<std::uint8_t>(60 + i % 97 + (state >> 24) % 11));
    }
    return r;
}

std::shared_ptr<pages::Raster> flat(int width, int height) {
    auto r = std::make_shared<pages::Raster>();
    r->width = width;
    r->height = height;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::uint8_t v = x < width / 2 ? 20 : 230;
            r->pixels.insert(r->pixels.end(), {v, v, 255});
        }
    return r;
}

// An image item `inches` wide, keeping the raster's aspect ratio.
pages::Item placed(std::shared_ptr<const pages::Raster> raster, double inches) {
    pages::ImageItem item;
    item.rect.width = sp_from_pt(inches * 72);
    item.rect.height = sp_from_pt(inches * 72 * raster->height / raster->width);
    item.raster = std::move(raster);
    return item;
}

pages::Book book_of(std::vector<std::vector<pages::Item>> pages_items) {
    pages::Book book;
    for (auto& items : pages_items) {
        pages::Page page;
        page.width = sp_from_mm(148);
        page.height = sp_from_mm(210);
        page.items = std::move(items);
        book.pages.push_back(std::move(page));
    }
    return book;
}

const pages::Raster& raster_at(const pages::Book& book, std::size_t page, std::size_t item) {
    return *std::get<pages::ImageItem>(book.pages[page].items[item]).raster;
}

const pages::Raster* pointer_at(const pages::Book& book, std::size_t page, std::size_t item) {
    return std::get<pages::ImageItem>(book.pages[page].items[item]).raster.get();
}

}  // namespace

TEST_CASE("a raster finer than max_ppi is reduced once, for its largest placement, and stays shared") {
    // 1200 px drawn 2 in wide (600 ppi) and 3 in wide (400 ppi): 900 px serve both.
    const auto photo = noisy(1200, 600);
    pages::Book book = book_of({{placed(photo, 2.0)}, {placed(photo, 3.0), placed(photo, 2.0)}});
    layout::prepare_rasters(book, style::ImageStyle{});
    const pages::Raster& r = raster_at(book, 0, 0);
    CHECK(r.width == 900);
    CHECK(r.height == 450);
    CHECK(pointer_at(book, 0, 0) != photo.get());
    CHECK(pointer_at(book, 1, 0) == pointer_at(book, 0, 0));
    CHECK(pointer_at(book, 1, 1) == pointer_at(book, 0, 0));
    // The original is untouched (layout's image cache may hold it).
    CHECK(photo->width == 1200);
}

TEST_CASE("drawings are reduced only when well past max_ppi") {
    // A flat-coloured drawing at 400 ppi is kept: averaging would only add
    // gradients Flate compresses worse. At 600 ppi it is reduced to 300 ppi.
    const auto at_400 = flat(800, 400);
    const auto at_600 = flat(1200, 600);
    pages::Book book = book_of({{placed(at_400, 2.0), placed(at_600, 2.0)}});
    layout::prepare_rasters(book, style::ImageStyle{});
    CHECK(raster_at(book, 0, 0).width == 800);
    CHECK(raster_at(book, 0, 1).width == 600);
    CHECK(raster_at(book, 0, 1).compression == pages::RasterCompression::lossless);
}

TEST_CASE("rasters at or just above max_ppi, and max_ppi 0, keep their pixels") {
    const auto coarse = flat(500, 250);   // 250 ppi at 2 in
    const auto close = flat(640, 320);    // 320 ppi at 2 in: within the 10 % slack
    pages::Book book = book_of({{placed(coarse, 2.0), placed(close, 2.0)}});
    layout::prepare_rasters(book, style::ImageStyle{});
    CHECK(raster_at(book, 0, 0).width == 500);
    CHECK(raster_at(book, 0, 1).width == 640);
    // Kept at full size, and encoded as the writer stores them: the deflated samples.
    const pages::Raster& kept = raster_at(book, 0, 0);
    REQUIRE(kept.encoded);
    CHECK(kept.pixels.empty());
    CHECK(*kept.encoded == image::encode_samples(*coarse));
    CHECK(coarse->pixels.size() == 500 * 250 * 3);  // the source is left as it was

    const auto fine = flat(2000, 1000);
    pages::Book unlimited = book_of({{placed(fine, 1.0)}});
    style::ImageStyle off;
    off.max_ppi = 0;
    layout::prepare_rasters(unlimited, off);
    CHECK(raster_at(unlimited, 0, 0).width == 2000);
}

TEST_CASE("photographs are marked for JPEG at the style's quality; drawings stay lossless") {
    const auto from_jpeg = flat(300, 200);
    from_jpeg->lossy_source = true;
    const auto photo_png = noisy(300, 200);
    const auto drawing = flat(300, 200);
    pages::Book book = book_of({{placed(from_jpeg, 2.0), placed(photo_png, 2.0), placed(drawing, 2.0)}});
    style::ImageStyle images;
    images.jpeg_quality = 77;
    layout::prepare_rasters(book, images);
    CHECK(raster_at(book, 0, 0).compression == pages::RasterCompression::jpeg);
    CHECK(raster_at(book, 0, 0).jpeg_quality == 77);
    REQUIRE(raster_at(book, 0, 0).encoded);
    CHECK(raster_at(book, 0, 0).encoded->colour.rfind("\xFF\xD8\xFF", 0) == 0);  // a JPEG file
    CHECK(raster_at(book, 0, 1).compression == pages::RasterCompression::jpeg);
    CHECK(raster_at(book, 0, 2).compression == pages::RasterCompression::lossless);
    CHECK(raster_at(book, 0, 2).width == 300);
    // Marking makes a copy: the decoded original is shared with layout's cache.
    CHECK(from_jpeg->compression == pages::RasterCompression::lossless);

    // jpeg_quality 0: everything lossless.
    pages::Book lossless = book_of({{placed(from_jpeg, 2.0), placed(photo_png, 2.0)}});
    images.jpeg_quality = 0;
    layout::prepare_rasters(lossless, images);
    CHECK(raster_at(lossless, 0, 0).compression == pages::RasterCompression::lossless);
    CHECK(raster_at(lossless, 0, 1).compression == pages::RasterCompression::lossless);
}

TEST_CASE("the photograph test looks at the full-size picture, not the reduced one") {
    // A drawing reduced a lot gets mixed colours at every edge; it must stay a
    // drawing. A mosaic of 4 x 4 pixel tiles in many flat colours, reduced
    // eightfold: every new pixel is a different mix.
    auto mosaic = std::make_shared<pages::Raster>();
    mosaic->width = 800;
    mosaic->height = 800;
    for (int y = 0; y < 800; ++y)
        for (int x = 0; x < 800; ++x) {
            const auto tile = static_cast<std::uint32_t>((y / 4) * 200 + x / 4) * 2654435761u;  // Knuth's hash
            mosaic->pixels.insert(mosaic->pixels.end(), {static_cast<std::uint8_t>(tile >> 24),
                                                           static_cast<std::uint8_t>(tile >> 16),
                                                           static_cast<std::uint8_t>(tile >> 8)});
        }
    REQUIRE(image::looks_photographic(image::resample(*mosaic, 100, 100)));
    REQUIRE_FALSE(image::looks_photographic(*mosaic));
    pages::Book book = book_of({{placed(mosaic, 1.0 / 3.0)}});
    layout::prepare_rasters(book, style::ImageStyle{});
    CHECK(raster_at(book, 0, 0).width == 100);
    CHECK(raster_at(book, 0, 0).compression == pages::RasterCompression::lossless);
}

namespace {

// A picture file in a fresh folder of the test's own.
std::filesystem::path picture_file(const std::string& name, const pages::Raster& raster) {
    const std::filesystem::path file = test::scratch_folder("picture-files-test") / name;
    const std::vector<std::uint8_t> png = image::encode_png(raster);
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(png.data()),
                                                 static_cast<std::streamsize>(png.size()));
    return file;
}

}  // namespace

TEST_CASE("layout measures a picture file by a stand-in; prepare() draws it from the file, as from its pixels") {
    const auto photo = noisy(300, 200);
    const std::filesystem::path file = picture_file("measured.png", *photo);
    layout::PictureFiles files;
    const layout::ImageEntry& entry = files.entry(file);
    REQUIRE(entry.ok);
    // No pixels are held while pages are laid out, only the decoded size.
    CHECK(entry.raster->pixels.empty());
    CHECK(entry.raster->width == 300);
    CHECK(entry.raster->height == 200);
    CHECK(&files.entry(file) == &entry);  // read once

    pages::Book from_file = book_of({{placed(entry.raster, 0.5)}, {placed(entry.raster, 1.0)}});
    files.prepare(from_file, style::ImageStyle{});
    pages::Book from_pixels = book_of({{placed(photo, 0.5)}, {placed(photo, 1.0)}});
    layout::prepare_rasters(from_pixels, style::ImageStyle{});
    const pages::Raster& drawn = raster_at(from_file, 0, 0);
    const pages::Raster& expected = raster_at(from_pixels, 0, 0);
    CHECK(drawn.width == expected.width);
    CHECK(drawn.pixels == expected.pixels);
    CHECK(drawn.compression == expected.compression);
    CHECK(drawn.encoded == expected.encoded);
    CHECK(pointer_at(from_file, 1, 0) == pointer_at(from_file, 0, 0));
}

TEST_CASE("a picture file replaced between layout and prepare() is refused, not drawn unlike its measure") {
    const std::filesystem::path file = picture_file("replaced.png", *flat(40, 30));
    layout::PictureFiles files;
    const layout::ImageEntry& entry = files.entry(file);
    REQUIRE(entry.ok);
    picture_file("replaced.png", *flat(80, 20));  // another picture under the same name
    pages::Book book = book_of({{placed(entry.raster, 1.0)}});
    try {
        files.prepare(book, style::ImageStyle{});
        FAIL("prepare() drew a picture that changed");
    } catch (const Error& e) {
        CHECK(e.message().find("changed") != std::string::npos);
        CHECK(e.diagnostic().pos.file == file.string());
    }
}

TEST_CASE("a raster of no file (an emoji) is prepared once: later builds find it in the cache by its samples") {
    image::PictureCache cache(test::scratch_folder("picture-files-test") / "cache-of-samples");
    const auto emoji = flat(136, 128);
    pages::Book uncached = book_of({{placed(emoji, 0.15)}});
    layout::prepare_rasters(uncached, style::ImageStyle{});

    pages::Book first = book_of({{placed(emoji, 0.15)}});
    layout::PictureFiles(&cache).prepare(first, style::ImageStyle{});
    CHECK(cache.counts().writes == 1);
    // Another build: another raster object with the same samples.
    pages::Book second = book_of({{placed(std::make_shared<pages::Raster>(*emoji), 0.15)}});
    layout::PictureFiles(&cache).prepare(second, style::ImageStyle{});
    CHECK(cache.counts().hits == 1);
    CHECK(cache.counts().writes == 1);
    for (const pages::Book* book : {&first, &second}) {
        const pages::Raster& drawn = raster_at(*book, 0, 0);
        CHECK(drawn.width == raster_at(uncached, 0, 0).width);
        CHECK(drawn.encoded == raster_at(uncached, 0, 0).encoded);
    }

    // One sample changed is another picture.
    auto changed = std::make_shared<pages::Raster>(*emoji);
    changed->pixels[5] ^= 0x40;
    pages::Book third = book_of({{placed(changed, 0.15)}});
    layout::PictureFiles(&cache).prepare(third, style::ImageStyle{});
    CHECK(cache.counts().hits == 1);
    CHECK(cache.counts().writes == 2);
    CHECK(raster_at(third, 0, 0).encoded != raster_at(first, 0, 0).encoded);
}

TEST_CASE("a colour glyph is rendered once: later builds take its bitmap from the cache by font and glyph") {
    shape::FontRegistry fonts;
    const std::optional<FontId> emoji = fonts.color_emoji();
    REQUIRE(emoji);  // Noto Color Emoji: scripts/setup.sh installs fonts-noto-color-emoji
    std::uint32_t glyph = 1;
    while (glyph < 4000 && !fonts.color_glyph(*emoji, glyph)) ++glyph;
    const auto rendered = fonts.color_glyph(*emoji, glyph);
    REQUIRE(rendered);
    const auto same_as_rendered = [&](const std::optional<shape::FontRegistry::ColorGlyph>& g) {
        REQUIRE(g);
        CHECK(g->raster == rendered->raster);
        CHECK(g->ppem == rendered->ppem);
        CHECK(g->bearing_x == rendered->bearing_x);
        CHECK(g->bearing_y == rendered->bearing_y);
    };

    image::PictureCache cache(test::scratch_folder("picture-files-test") / "cache-of-glyphs");
    same_as_rendered(layout::PictureFiles(&cache).color_glyph(fonts, *emoji, glyph));
    CHECK(cache.counts().writes == 1);
    same_as_rendered(layout::PictureFiles(&cache).color_glyph(fonts, *emoji, glyph));  // another build
    CHECK(cache.counts().hits == 1);
    CHECK(cache.counts().writes == 1);
    // A glyph of the font with no colour image: known to have none, once.
    CHECK_FALSE(layout::PictureFiles(&cache).color_glyph(fonts, *emoji, 0));
    CHECK_FALSE(layout::PictureFiles(&cache).color_glyph(fonts, *emoji, 0));
    CHECK(cache.counts().writes == 2);
    CHECK(cache.counts().hits == 2);
    same_as_rendered(layout::PictureFiles().color_glyph(fonts, *emoji, glyph));  // without a cache
}

namespace {

// The pictures drawn on a book's pages: each placement's raster as the writer gets it.
struct Drawn {
    std::vector<const pages::Raster*> pointers;
    std::vector<pages::Raster> rasters;
};
Drawn drawn(const pages::Book& book) {
    Drawn d;
    for (const auto& page : book.pages)
        for (const auto& item : page.items) {
            const auto& raster = std::get<pages::ImageItem>(item).raster;
            d.pointers.push_back(raster.get());
            d.rasters.push_back(*raster);
        }
    return d;
}

// One build of a session: entries for `files` in order, each placed on a page of
// its own, then prepared.
pages::Book session_build(const std::vector<std::filesystem::path>& files, image::PictureCache* cache,
                          layout::KeptPictures* kept, std::vector<layout::ImageEntry>* entries = nullptr) {
    if (kept) kept->next_build();
    layout::PictureFiles pictures(cache, kept);
    std::vector<std::vector<pages::Item>> pages_items;
    for (const auto& file : files) {
        const layout::ImageEntry& entry = pictures.entry(file);
        REQUIRE(entry.ok);
        if (entries) entries->push_back(entry);
        pages_items.push_back({placed(entry.raster, 1.0)});
    }
    pages::Book book = book_of(std::move(pages_items));
    pictures.prepare(book, style::ImageStyle{});
    return book;
}

bool same_pictures(const Drawn& a, const Drawn& b) {
    if (a.rasters.size() != b.rasters.size()) return false;
    for (std::size_t i = 0; i < a.rasters.size(); ++i) {
        const pages::Raster &x = a.rasters[i], &y = b.rasters[i];
        if (x.width != y.width || x.height != y.height || x.compression != y.compression || x.encoded != y.encoded ||
            x.pixels != y.pixels)
            return false;
        // Shared where, and only where, the other shares.
        for (std::size_t j = 0; j < i; ++j)
            if ((a.pointers[i] == a.pointers[j]) != (b.pointers[i] == b.pointers[j])) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("a session's kept pictures give each build the pictures a build without them draws") {
    const std::filesystem::path photo = picture_file("kept-photo.png", *noisy(300, 200));
    const std::filesystem::path drawing = picture_file("kept-drawing.png", *flat(400, 100));
    // The same bytes under another name: two pictures in a clean build, not one.
    const std::filesystem::path twin = picture_file("kept-twin.png", *flat(400, 100));
    const std::vector<std::filesystem::path> files{photo, drawing, twin, photo};
    const auto clean = [&] { return drawn(session_build(files, nullptr, nullptr)); };

    for (const bool with_cache : {false, true}) {
        INFO("with a cache folder: " << with_cache);
        image::PictureCache cache(test::scratch_folder("picture-files-test") /
                                  (with_cache ? "kept-cache" : "kept-unused"));
        image::PictureCache* folder = with_cache ? &cache : nullptr;
        layout::KeptPictures kept;
        CHECK(same_pictures(drawn(session_build(files, folder, &kept)), clean()));
        REQUIRE(kept.files.size() == 3);
        REQUIRE(kept.prepared.size() == 2);  // the drawing and its twin share a key
        // Again: every file is known by its bytes, every prepared raster by its key.
        std::vector<layout::ImageEntry> entries;
        const Drawn again = drawn(session_build(files, folder, &kept, &entries));
        CHECK(same_pictures(again, clean()));
        CHECK(again.pointers[1] != again.pointers[2]);
        CHECK(entries[0].raster == kept.files.at(photo.string()).entry.raster);

        // Another picture under the photo's name is read anew, and the drawing the
        // build no longer shows is forgotten after it.
        picture_file("kept-photo.png", *flat(120, 90));
        const std::vector<std::filesystem::path> fewer{photo, twin};
        CHECK(same_pictures(drawn(session_build(fewer, folder, &kept)), drawn(session_build(fewer, nullptr, nullptr))));
        CHECK(kept.files.at(photo.string()).entry.size.width == 120);
        session_build(fewer, folder, &kept);
        CHECK_FALSE(kept.files.contains(drawing.string()));
        CHECK(kept.prepared.size() == 2);  // the new photo's, and the twin's
        picture_file("kept-photo.png", *noisy(300, 200));  // as it was, for the next round
    }
}

TEST_CASE("pictures read ahead on a second thread give the entries and pictures read in turn give") {
    const std::filesystem::path photo = picture_file("ahead-photo.png", *noisy(300, 200));
    const std::filesystem::path drawing = picture_file("ahead-drawing.png", *flat(400, 100));
    const std::filesystem::path missing = test::scratch_folder("picture-files-test") / "ahead-missing.png";
    const std::filesystem::path text = test::scratch_folder("picture-files-test") / "ahead-text.png";
    std::ofstream(text) << "not a picture";
    const std::filesystem::path late = picture_file("ahead-late.png", *flat(50, 60));  // asked for, not read ahead
    // Read ahead, never asked for (as a picture inside a line of text, which is not drawn).
    const std::filesystem::path unasked = picture_file("ahead-unasked.png", *flat(30, 20));
    // Asked for in another order than read ahead, some of them twice.
    const std::vector<std::filesystem::path> asked{drawing, late, missing, photo, text, drawing};
    const std::vector<std::filesystem::path> ahead{photo, drawing, unasked, missing, text, photo};

    const auto build = [&](image::PictureCache* cache, bool read_ahead, std::vector<layout::ImageEntry>& entries) {
        layout::PictureFiles pictures(cache);
        if (read_ahead) pictures.read_ahead(ahead);
        std::vector<std::vector<pages::Item>> pages_items;
        for (const auto& file : asked) {
            entries.push_back(pictures.entry(file));
            if (entries.back().ok) pages_items.push_back({placed(entries.back().raster, 1.0)});
        }
        pages::Book book = book_of(std::move(pages_items));
        pictures.prepare(book, style::ImageStyle{});
        return drawn(book);
    };
    // Without a cache nothing is read ahead (the composer would read each file
    // twice): the same entries all the same.
    for (const bool with_cache : {false, true}) {
        INFO("with a cache folder: " << with_cache);
        // A folder of its own for each: the cache sees the same questions either
        // way (it counts and marks them), none about the picture never asked for.
        const std::filesystem::path folders = test::scratch_folder("picture-files-test");
        std::filesystem::remove_all(folders / "ahead-in-turn");
        std::filesystem::remove_all(folders / "ahead-read-ahead");
        image::PictureCache cache_in_turn(folders / "ahead-in-turn"), cache_read_ahead(folders / "ahead-read-ahead");
        std::vector<layout::ImageEntry> in_turn, read_ahead;
        const Drawn expected = build(with_cache ? &cache_in_turn : nullptr, false, in_turn);
        const Drawn got = build(with_cache ? &cache_read_ahead : nullptr, true, read_ahead);
        CHECK(cache_read_ahead.counts().hits == cache_in_turn.counts().hits);
        CHECK(cache_read_ahead.counts().misses == cache_in_turn.counts().misses);
        CHECK(cache_read_ahead.counts().writes == cache_in_turn.counts().writes);
        // Warm: built again in each folder.
        std::vector<layout::ImageEntry> warm_in_turn, warm_read_ahead;
        CHECK(same_pictures(build(with_cache ? &cache_read_ahead : nullptr, true, warm_read_ahead), expected));
        build(with_cache ? &cache_in_turn : nullptr, false, warm_in_turn);
        CHECK(cache_read_ahead.counts().hits == cache_in_turn.counts().hits);
        CHECK(cache_read_ahead.counts().misses == cache_in_turn.counts().misses);
        CHECK(same_pictures(got, expected));
        REQUIRE(read_ahead.size() == in_turn.size());
        for (std::size_t i = 0; i < in_turn.size(); ++i) {
            CAPTURE(i);
            CHECK(read_ahead[i].ok == in_turn[i].ok);
            CHECK(read_ahead[i].error == in_turn[i].error);
            CHECK(read_ahead[i].digest == in_turn[i].digest);
            CHECK(read_ahead[i].size.width == in_turn[i].size.width);
        }
        CHECK_FALSE(in_turn[2].ok);  // the missing file
        CHECK_FALSE(in_turn[4].ok);  // the text
        CHECK(read_ahead[0].raster == read_ahead[5].raster);  // one entry per file
    }
}

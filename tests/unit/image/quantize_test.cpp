// image::quantize, the indexed-colour PNG encoder and encode_picture_png.
#include "booklet/diagnostics.hpp"
#include "booklet/image.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

using namespace booklet;

namespace {

std::size_t index_of(int width, int x, int y) {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x);
}

// A photograph cut out by a round mask, as the corpus's heart collage is: smooth
// colour fields with camera-like noise (far more than 256 colours), transparent
// outside the circle, a soft translucent rim.
pages::Raster cut_out_photo(int width, int height) {
    pages::Raster r;
    r.width = width;
    r.height = height;
    r.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    r.alpha.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    std::uint32_t state = 2024;
    const double cx = width / 2.0, cy = height / 2.0, radius = std::min(width, height) * 0.45;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::size_t i = index_of(width, x, y);
            for (std::size_t c = 0; c < 3; ++c) {
                state = state * 1664525u + 1013904223u;  // Numerical Recipes' LCG
                const int noise = static_cast<int>((state >> 24) % 11) - 5;
                const int base = c == 0 ? 30 + 190 * x / width : c == 1 ? 50 + 150 * y / height : 200 - 120 * (x + y) / (width + height);
                r.pixels[i * 3 + c] = static_cast<std::uint8_t>(base + noise);
            }
            const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy);
            r.alpha[i] = d > radius + 2 ? 0 : d < radius ? 255 : static_cast<std::uint8_t>(1 + (radius + 2 - d) * 120);
        }
    return r;
}

const std::array<std::uint8_t, 4>& entry_at(const image::IndexedRaster& q, std::size_t i) {
    return q.palette.at(q.indices.at(i));
}

}  // namespace

TEST_CASE("quantize: at most 256 entries; transparent and opaque pixels keep their alpha exactly") {
    const pages::Raster photo = cut_out_photo(160, 120);
    const image::IndexedRaster q = image::quantize(photo);
    REQUIRE(q.width == 160);
    REQUIRE(q.height == 120);
    REQUIRE(q.indices.size() == 160u * 120u);
    CHECK(q.palette.size() <= 256);
    CHECK(q.palette.size() >= 200);  // a photograph uses the room it has
    std::size_t translucent = 0;
    for (std::size_t i = 0; i < q.indices.size(); ++i) {
        const int alpha = photo.alpha[i], got = entry_at(q, i)[3];
        if (alpha == 0) REQUIRE(got == 0);
        else if (alpha == 255) REQUIRE(got == 255);
        else {
            REQUIRE(got > 0);
            REQUIRE(got < 255);
            ++translucent;
        }
    }
    CHECK(translucent > 100);
    // Entries with transparency come first, so tRNS stops early.
    for (std::size_t i = 1; i < q.palette.size(); ++i) CHECK(q.palette[i - 1][3] <= q.palette[i][3]);

    const image::IndexedRaster sixteen = image::quantize(photo, 16);
    CHECK(sixteen.palette.size() <= 16);
    CHECK(image::quantize(photo, 3).palette.size() == 3);  // one entry per kind of alpha
    for (std::size_t i = 0; i < sixteen.indices.size(); ++i)
        if (photo.alpha[i] == 255) REQUIRE(entry_at(sixteen, i)[3] == 255);
}

TEST_CASE("quantize: the same picture gives the same bytes") {
    const pages::Raster photo = cut_out_photo(150, 110);
    const std::vector<std::uint8_t> once = image::encode_png(image::quantize(photo));
    const std::vector<std::uint8_t> again = image::encode_png(image::quantize(cut_out_photo(150, 110)));
    CHECK(once == again);
}

TEST_CASE("quantize: the palette PNG decodes back with libpng close to the original") {
    pages::Raster photo = cut_out_photo(160, 120);
    photo.dpi_x = photo.dpi_y = 144;
    const std::vector<std::uint8_t> png = image::encode_png(image::quantize(photo));
    REQUIRE(png.size() > 33);
    CHECK(png[24] == 8);  // bit depth
    CHECK(png[25] == 3);  // colour type: palette
    const pages::Raster back = image::decode_bytes(png, "indexed.png");
    REQUIRE(back.width == 160);
    REQUIRE(back.height == 120);
    REQUIRE(back.channels == 3);
    REQUIRE(back.alpha.size() == photo.alpha.size());
    CHECK(std::lround(back.dpi_x) == 144);

    // Each pixel is off by the dither, but 4 x 4 areas (what the eye averages)
    // keep their colour, and the whole picture its tone.
    double sum = 0, worst_block = 0;
    std::size_t opaque = 0;
    for (int by = 0; by + 4 <= 120; by += 4)
        for (int bx = 0; bx + 4 <= 160; bx += 4) {
            std::array<double, 3> drift{};
            bool whole = true;
            for (int y = by; y < by + 4; ++y)
                for (int x = bx; x < bx + 4; ++x) {
                    const std::size_t i = index_of(160, x, y);
                    whole = whole && photo.alpha[i] == 255;
                    for (std::size_t c = 0; c < 3; ++c) {
                        const double d = int{back.pixels[i * 3 + c]} - int{photo.pixels[i * 3 + c]};
                        drift[c] += d / 16;
                        if (photo.alpha[i] == 255) sum += std::abs(d);
                    }
                    if (photo.alpha[i] == 255) ++opaque;
                    if (photo.alpha[i] == 0 || photo.alpha[i] == 255) REQUIRE(back.alpha[i] == photo.alpha[i]);
                }
            if (whole)
                for (double d : drift) worst_block = std::max(worst_block, std::abs(d));
        }
    CHECK(sum / (3.0 * static_cast<double>(opaque)) < 6.0);
    CHECK(worst_block < 4.0);
}

TEST_CASE("quantize: few colours stay exact, in as few bits as the palette needs") {
    pages::Raster drawing;
    drawing.width = 9;
    drawing.height = 5;
    drawing.channels = 1;
    drawing.alpha.assign(45, 255);
    for (std::size_t i = 0; i < 45; ++i) {
        drawing.pixels.push_back(i % 3 == 0 ? 0 : 200);
        if (i % 9 == 8) drawing.alpha[i] = 0;
        if (i == 4) drawing.alpha[i] = 128;
    }
    const image::IndexedRaster q = image::quantize(drawing);
    const std::vector<std::uint8_t> png = image::encode_png(q);
    CHECK(q.palette.size() == 4);  // transparent, translucent 200, opaque 0 and 200
    CHECK(png[24] == 2);           // two bits a pixel
    const pages::Raster back = image::decode_bytes(png, "few.png");
    REQUIRE(back.width == 9);
    for (std::size_t i = 0; i < 45; ++i) {
        CHECK(back.alpha[i] == drawing.alpha[i]);
        if (drawing.alpha[i] != 0) CHECK(back.pixels[i * 3 + 1] == drawing.pixels[i]);
    }
}

TEST_CASE("encode_picture_png: indexed colour only for pictures marked palette, and only when clearly smaller") {
    pages::Raster photo = cut_out_photo(200, 150);
    const std::vector<std::uint8_t> truecolour = image::encode_png(photo);
    CHECK(image::encode_picture_png(photo) == truecolour);  // marked lossless
    photo.compression = pages::RasterCompression::palette;
    const std::vector<std::uint8_t> indexed = image::encode_picture_png(photo);
    CHECK(indexed[25] == 3);
    CHECK(static_cast<double>(indexed.size()) <= image::kPaletteGain * static_cast<double>(truecolour.size()));

}

TEST_CASE("prepare_picture: a photograph with alpha is marked palette only where JPEG cannot keep its alpha") {
    const auto photo = std::make_shared<const pages::Raster>(cut_out_photo(200, 150));
    image::PictureTarget epub;
    epub.jpeg_keeps_alpha = false;
    CHECK(image::prepare_picture(photo, epub)->compression == pages::RasterCompression::palette);
    image::PictureTarget pdf;  // a soft mask beside the JPEG
    CHECK(image::prepare_picture(photo, pdf)->compression == pages::RasterCompression::jpeg);
    epub.jpeg_quality = 0;  // everything lossless
    CHECK(image::prepare_picture(photo, epub)->compression == pages::RasterCompression::lossless);
}

TEST_CASE("quantize and the indexed encoder refuse bad input") {
    const pages::Raster photo = cut_out_photo(20, 20);
    CHECK_THROWS_AS(image::quantize(photo, 2), Error);  // clear, translucent and opaque need three
    CHECK_THROWS_AS(image::quantize(photo, 257), Error);
    pages::Raster broken = photo;
    broken.pixels.pop_back();
    CHECK_THROWS_AS(image::quantize(broken), Error);

    image::IndexedRaster q = image::quantize(photo, 16);
    REQUIRE(q.palette.size() <= 16);
    q.indices[7] = 16;
    CHECK_THROWS_AS(image::encode_png(q), Error);
    q.indices.pop_back();
    CHECK_THROWS_AS(image::encode_png(q), Error);
}

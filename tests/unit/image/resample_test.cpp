// image::resample, image::encode_jpeg and image::looks_photographic.
#include "booklet/diagnostics.hpp"
#include "booklet/image.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

using namespace booklet;

namespace {

pages::Raster gray(int width, int height, std::vector<std::uint8_t> samples) {
    pages::Raster r;
    r.width = width;
    r.height = height;
    r.channels = 1;
    r.pixels = std::move(samples);
    return r;
}

std::uint8_t at(const pages::Raster& r, int x, int y, int channel = 0) {
    return r.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(r.width) + static_cast<std::size_t>(x)) *
                        static_cast<std::size_t>(r.channels) +
                    static_cast<std::size_t>(channel)];
}

// A smooth colour field with deterministic noise on top: what a camera produces.
pages::Raster photo_like(int width, int height) {
    pages::Raster r;
    r.width = width;
    r.height = height;
    r.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    std::uint32_t state = 12345;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c) {
                state = state * 1664525u + 1013904223u;  // Numerical Recipes' LCG
                const int noise = static_cast<int>((state >> 24) % 9) - 4;
                const int base = c == 0 ? 40 + 150 * x / width : c == 1 ? 60 + 120 * y / height : 90 + 60 * (x + y) / (width + height);
                r.pixels[(static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3 +
                         static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(base + noise);
            }
    return r;
}

// Flat coloured bars with a one-pixel outline: what a chart looks like.
pages::Raster graphic_like(int width, int height) {
    pages::Raster r;
    r.width = width;
    r.height = height;
    r.pixels.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 3;
            const bool edge = x % 20 == 0 || y % 20 == 0;
            r.pixels[i] = edge ? 0 : static_cast<std::uint8_t>(60 * (y / 20 % 4));
            r.pixels[i + 1] = edge ? 0 : 200;
            r.pixels[i + 2] = edge ? 0 : static_cast<std::uint8_t>(255 - 50 * (x / 20 % 5));
        }
    return r;
}

double mean_abs_difference(const pages::Raster& a, const pages::Raster& b) {
    REQUIRE(a.pixels.size() == b.pixels.size());
    double sum = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int{a.pixels[i]} - int{b.pixels[i]});
    return sum / static_cast<double>(a.pixels.size());
}

}  // namespace

TEST_CASE("resample: halving averages each 2 x 2 block exactly") {
    const pages::Raster r = gray(4, 2, {0, 100, 10, 20,  //
                                        50, 250, 30, 40});
    const pages::Raster half = image::resample(r, 2, 1);
    REQUIRE(half.width == 2);
    REQUIRE(half.height == 1);
    REQUIRE(half.pixels.size() == 2);
    CHECK(half.pixels[0] == 100);  // (0 + 100 + 50 + 250) / 4
    CHECK(half.pixels[1] == 25);   // (10 + 20 + 30 + 40) / 4
    CHECK(half.alpha.empty());
}

TEST_CASE("resample: a fractional ratio weights pixels by the area they cover") {
    // Three pixels into two: each new pixel covers one and a half old ones.
    const pages::Raster r = gray(3, 1, {0, 90, 180});
    const pages::Raster two = image::resample(r, 2, 1);
    REQUIRE(two.pixels.size() == 2);
    CHECK(two.pixels[0] == 30);   // (0 * 1 + 90 * 0.5) / 1.5
    CHECK(two.pixels[1] == 150);  // (90 * 0.5 + 180 * 1) / 1.5

    // A fine checkerboard reduces to a flat mid grey, never to black or white
    // stripes (what point sampling would give: aliasing).
    std::vector<std::uint8_t> board;
    for (int y = 0; y < 30; ++y)
        for (int x = 0; x < 30; ++x) board.push_back((x + y) % 2 ? 255 : 0);
    const pages::Raster small = image::resample(gray(30, 30, board), 7, 7);
    for (std::uint8_t v : small.pixels) {
        CHECK(v >= 118);
        CHECK(v <= 137);
    }
}

TEST_CASE("resample: RGB channels stay separate; the dpi follows the size; flags are kept") {
    pages::Raster r;
    r.width = 2;
    r.height = 2;
    r.channels = 3;
    r.pixels = {255, 0, 0, 0, 255, 0,  //
                0, 0, 255, 255, 255, 255};
    r.dpi_x = r.dpi_y = 600;
    r.lossy_source = true;
    r.compression = pages::RasterCompression::jpeg;
    r.jpeg_quality = 70;
    const pages::Raster one = image::resample(r, 1, 1);
    REQUIRE(one.pixels.size() == 3);
    CHECK(int{one.pixels[0]} == 128);  // (255 + 255) / 4, rounded
    CHECK(int{one.pixels[1]} == 128);
    CHECK(int{one.pixels[2]} == 128);
    CHECK(one.dpi_x == Approx(300));
    CHECK(one.lossy_source);
    CHECK(one.compression == pages::RasterCompression::jpeg);
    CHECK(one.jpeg_quality == 70);

    const pages::Raster same = image::resample(r, 2, 2);
    CHECK(same.pixels == r.pixels);
}

TEST_CASE("resample: large reductions keep the picture's layout") {
    const pages::Raster photo = photo_like(401, 299);
    const pages::Raster small = image::resample(photo, 100, 75);
    REQUIRE(small.width == 100);
    REQUIRE(small.height == 75);
    REQUIRE(small.pixels.size() == 100u * 75u * 3u);
    // The red ramp runs left to right, the green one top to bottom.
    CHECK(at(small, 2, 37, 0) < at(small, 97, 37, 0));
    CHECK(at(small, 50, 2, 1) < at(small, 50, 72, 1));
    CHECK(std::abs(int{at(small, 0, 0, 0)} - 41) <= 3);
}

TEST_CASE("resample: alpha is averaged, and colour is weighted by it") {
    // Left: opaque red; right: fully transparent, colour black (invisible).
    pages::Raster r;
    r.width = 2;
    r.height = 1;
    r.channels = 3;
    r.pixels = {255, 0, 0, 0, 0, 0};
    r.alpha = {255, 0};
    const pages::Raster one = image::resample(r, 1, 1);
    REQUIRE(one.alpha.size() == 1);
    CHECK(int{one.alpha[0]} == 128);
    // Plain averaging would give dark red (128, 0, 0): the black under the
    // transparent pixel would show as a dark fringe.
    CHECK(int{one.pixels[0]} == 255);
    CHECK(int{one.pixels[1]} == 0);

    // Where every pixel is transparent the plain average is kept.
    r.alpha = {0, 0};
    const pages::Raster clear = image::resample(r, 1, 1);
    CHECK(int{clear.alpha[0]} == 0);
    CHECK(int{clear.pixels[0]} == 128);

    // An alpha channel that averages to fully opaque is dropped.
    pages::Raster opaque = gray(2, 2, {10, 20, 30, 40});
    opaque.alpha = {255, 255, 255, 255};
    CHECK(image::resample(opaque, 1, 1).alpha.empty());
}

TEST_CASE("resample refuses inconsistent rasters and impossible sizes") {
    const pages::Raster r = gray(2, 2, {1, 2, 3, 4});
    CHECK_THROWS_AS(image::resample(r, 0, 1), Error);
    CHECK_THROWS_AS(image::resample(r, 1, image::kMaxDimension + 1), Error);
    pages::Raster bad = r;
    bad.pixels.pop_back();
    CHECK_THROWS_AS(image::resample(bad, 1, 1), Error);
    bad = r;
    bad.alpha = {1, 2};
    CHECK_THROWS_AS(image::resample(bad, 1, 1), Error);
}

TEST_CASE("encode_jpeg: baseline JPEG that decodes back close to the original") {
    const pages::Raster photo = photo_like(160, 120);
    const std::vector<std::uint8_t> bytes = image::encode_jpeg(photo, 85);
    REQUIRE(bytes.size() > 200);
    CHECK(bytes[0] == 0xFF);
    CHECK(bytes[1] == 0xD8);
    CHECK(image::sniff_bytes(bytes) == image::Format::jpeg);
    // Baseline: a SOF0 marker, no progressive SOF2.
    bool sof0 = false, sof2 = false;
    for (std::size_t i = 0; i + 1 < bytes.size(); ++i) {
        sof0 = sof0 || (bytes[i] == 0xFF && bytes[i + 1] == 0xC0);
        sof2 = sof2 || (bytes[i] == 0xFF && bytes[i + 1] == 0xC2);
    }
    CHECK(sof0);
    CHECK_FALSE(sof2);
    CHECK(bytes.size() < photo.pixels.size() / 3);

    const pages::Raster back = image::decode_bytes(bytes, "encoded.jpg");
    REQUIRE(back.width == 160);
    REQUIRE(back.height == 120);
    REQUIRE(back.channels == 3);
    CHECK(back.lossy_source);
    CHECK(mean_abs_difference(photo, back) < 4.0);

    // Deterministic: the same raster and quality give the same bytes.
    CHECK(image::encode_jpeg(photo, 85) == bytes);
    // Lower quality, fewer bytes.
    CHECK(image::encode_jpeg(photo, 40).size() < bytes.size());
}

TEST_CASE("encode_jpeg: gray rasters, the dpi in the header, alpha left out") {
    std::vector<std::uint8_t> ramp;
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 24; ++x) ramp.push_back(static_cast<std::uint8_t>(x * 10));
    pages::Raster g = gray(24, 16, ramp);
    g.dpi_x = g.dpi_y = 300;
    g.alpha.assign(24 * 16, 128);
    const std::vector<std::uint8_t> bytes = image::encode_jpeg(g, 90);
    const pages::Raster back = image::decode_bytes(bytes, "gray.jpg");
    CHECK(back.channels == 1);
    CHECK(back.alpha.empty());
    CHECK(back.dpi_x == Approx(300));
    CHECK(mean_abs_difference(g, back) < 3.0);
    CHECK(image::probe_bytes(bytes, "gray.jpg").width == 24);
}

TEST_CASE("encode_jpeg refuses bad input") {
    const pages::Raster g = gray(2, 2, {1, 2, 3, 4});
    CHECK_THROWS_AS(image::encode_jpeg(g, 0), Error);
    CHECK_THROWS_AS(image::encode_jpeg(g, 101), Error);
    pages::Raster bad = g;
    bad.pixels.resize(3);
    CHECK_THROWS_AS(image::encode_jpeg(bad, 85), Error);
    bad = g;
    bad.channels = 2;
    CHECK_THROWS_AS(image::encode_jpeg(bad, 85), Error);
}

TEST_CASE("looks_photographic tells photographs from drawn graphics") {
    CHECK(image::looks_photographic(photo_like(120, 90)));
    CHECK_FALSE(image::looks_photographic(graphic_like(120, 90)));
    // Too small to judge.
    CHECK_FALSE(image::looks_photographic(photo_like(20, 20)));

    // Only visible pixels count: a photograph whose left half is transparent is
    // still one; a graphic behind a noisy but invisible area is still a graphic.
    pages::Raster half = photo_like(120, 90);
    half.alpha.assign(120 * 90, 255);
    for (int y = 0; y < 90; ++y)
        for (int x = 0; x < 60; ++x) half.alpha[static_cast<std::size_t>(y * 120 + x)] = 0;
    CHECK(image::looks_photographic(half));
    pages::Raster hidden = graphic_like(120, 90);
    const pages::Raster noise = photo_like(120, 90);
    hidden.alpha.assign(120 * 90, 255);
    for (std::size_t i = 0; i < hidden.alpha.size(); ++i)
        if (i % 120 < 80) {
            hidden.alpha[i] = 0;
            for (std::size_t c = 0; c < 3; ++c) hidden.pixels[i * 3 + c] = noise.pixels[i * 3 + c];
        }
    CHECK_FALSE(image::looks_photographic(hidden));

    // Gray photographs count grey levels.
    pages::Raster g = photo_like(120, 90);
    pages::Raster mono = gray(120, 90, {});
    for (std::size_t i = 0; i < 120u * 90u; ++i) mono.pixels.push_back(static_cast<std::uint8_t>(
        (i % 120) * 2 + g.pixels[i * 3] % 8));
    CHECK(image::looks_photographic(mono));
    CHECK_FALSE(image::looks_photographic(gray(40, 40, std::vector<std::uint8_t>(1600, 7))));
}

TEST_CASE("decoders mark lossy sources") {
    const auto data = [](const char* name) { return std::filesystem::path(BOOKLET_TEST_DATA) / "image" / name; };
    CHECK(image::decode(data("baseline.jpg")).lossy_source);
    CHECK(image::decode(data("progressive.jpg")).lossy_source);
    CHECK(image::decode(data("exif-orientation-6.jpg")).lossy_source);
    CHECK(image::decode(data("lossy-alpha.webp")).lossy_source);
    CHECK_FALSE(image::decode(data("lossless.webp")).lossy_source);
    CHECK_FALSE(image::decode(data("rgb.png")).lossy_source);
}

#include "booklet/diagnostics.hpp"
#include "booklet/image.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <set>
#include <zlib.h>
#include <string>

namespace fs = std::filesystem;
using namespace booklet;
using image::Format;

namespace {

fs::path data(const std::string& name) { return fs::path(BOOKLET_TEST_DATA) / "image" / name; }

std::array<int, 3> rgb_at(const pages::Raster& r, int x, int y) {
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(r.width) + static_cast<std::size_t>(x)) *
                          static_cast<std::size_t>(r.channels);
    if (r.channels == 1) return {r.pixels[i], r.pixels[i], r.pixels[i]};
    return {r.pixels[i], r.pixels[i + 1], r.pixels[i + 2]};
}

int alpha_at(const pages::Raster& r, int x, int y) {
    if (r.alpha.empty()) return 255;
    return r.alpha[static_cast<std::size_t>(y) * static_cast<std::size_t>(r.width) + static_cast<std::size_t>(x)];
}

// Lossy formats drift a little from the exact colour.
bool near(std::array<int, 3> got, std::array<int, 3> want, int tolerance = 24) {
    for (int c = 0; c < 3; ++c)
        if (std::abs(got[static_cast<std::size_t>(c)] - want[static_cast<std::size_t>(c)]) > tolerance) return false;
    return true;
}

constexpr std::array<int, 3> kRed{255, 0, 0}, kGreen{0, 255, 0}, kBlue{0, 0, 255}, kWhite{255, 255, 255};

// The test images are 6 x 4 quadrants: red, green / blue, white.
void check_quadrants(const pages::Raster& r, int tolerance = 24) {
    REQUIRE(r.width == 6);
    REQUIRE(r.height == 4);
    REQUIRE(r.pixels.size() == 6u * 4u * static_cast<std::size_t>(r.channels));
    CHECK(near(rgb_at(r, 0, 0), kRed, tolerance));
    CHECK(near(rgb_at(r, 5, 0), kGreen, tolerance));
    CHECK(near(rgb_at(r, 0, 3), kBlue, tolerance));
    CHECK(near(rgb_at(r, 5, 3), kWhite, tolerance));
}

}  // namespace

TEST_CASE("formats are sniffed from their bytes, not their names") {
    CHECK(image::sniff(data("rgb.png")) == Format::png);
    CHECK(image::sniff(data("progressive.jpg")) == Format::jpeg);
    CHECK(image::sniff(data("small.gif")) == Format::gif);
    CHECK(image::sniff(data("lossless.webp")) == Format::webp);
    CHECK(image::sniff(data("small.svg")) == Format::svg);
    CHECK(image::sniff(data("not-an-image.png")) == Format::unknown);
    CHECK(image::sniff(data("no-such-file.png")) == Format::unknown);
    CHECK(std::string(image::media_type(Format::webp)) == "image/webp");
    CHECK(std::string(image::media_type(Format::svg)) == "image/svg+xml");
    CHECK(std::string(image::extension(Format::jpeg)) == "jpg");
}

TEST_CASE("probe reads sizes from headers, with EXIF orientation applied") {
    CHECK(image::probe(data("rgb.png")).width == 6);
    CHECK(image::probe(data("progressive.jpg")).height == 4);
    CHECK(image::probe(data("small.gif")).width == 6);
    CHECK(image::probe(data("lossy-alpha.webp")).width == 6);
    // Stored 4 x 6, tagged to be turned clockwise: shown 6 x 4.
    const image::Size rotated = image::probe(data("exif-orientation-6.jpg"));
    CHECK(rotated.width == 6);
    CHECK(rotated.height == 4);
    CHECK(rotated.orientation == 6);
    CHECK(image::probe(data("baseline.jpg")).orientation == 1);
    CHECK_THROWS_AS(image::probe(data("not-an-image.png")), Error);
    CHECK_THROWS_AS(image::probe(data("small.svg")), Error);
}

TEST_CASE("PNG: RGB, palette with tRNS, 16-bit RGBA, interlaced") {
    const pages::Raster rgb = image::decode(data("rgb.png"));
    CHECK(rgb.channels == 3);
    CHECK(rgb.alpha.empty());
    check_quadrants(rgb, 0);

    const pages::Raster palette = image::decode(data("palette-trns.png"));
    CHECK(palette.channels == 3);
    REQUIRE(palette.alpha.size() == 24);
    CHECK(alpha_at(palette, 0, 0) == 255);
    CHECK(alpha_at(palette, 5, 3) == 0);  // the white quadrant was made transparent
    CHECK(rgb_at(palette, 0, 0) == kRed);

    const pages::Raster deep = image::decode(data("rgba16.png"));
    CHECK(deep.channels == 3);
    check_quadrants(deep, 1);
    REQUIRE(!deep.alpha.empty());
    CHECK(std::abs(alpha_at(deep, 2, 2) - 128) <= 1);

    check_quadrants(image::decode(data("interlaced.png")), 0);
}

TEST_CASE("PNG: gray with alpha and 1-bit gray") {
    const pages::Raster ga = image::decode(data("gray-alpha.png"));
    REQUIRE(ga.channels == 1);
    REQUIRE(ga.width == 8);
    REQUIRE(ga.alpha.size() == 16);
    CHECK(alpha_at(ga, 0, 0) == 255);
    CHECK(std::abs(alpha_at(ga, 7, 1) - 128) <= 1);
    CHECK(std::abs(ga.pixels[0] - 51) <= 1);   // gray20
    CHECK(std::abs(ga.pixels[7] - 204) <= 1);  // gray80

    const pages::Raster bits = image::decode(data("gray1.png"));
    CHECK(bits.channels == 1);
    CHECK(bits.alpha.empty());
    REQUIRE(bits.pixels.size() == 64);
    for (std::uint8_t v : bits.pixels) CHECK((v == 0 || v == 255));
}

TEST_CASE("JPEG: baseline, progressive, gray, CMYK") {
    const pages::Raster base = image::decode(data("baseline.jpg"));
    CHECK(base.channels == 3);
    CHECK(base.alpha.empty());
    check_quadrants(base);
    check_quadrants(image::decode(data("progressive.jpg")));
    const pages::Raster gray = image::decode(data("gray.jpg"));
    CHECK(gray.channels == 1);
    CHECK(gray.width == 6);
    const pages::Raster cmyk = image::decode(data("cmyk.jpg"));
    CHECK(cmyk.channels == 3);
    check_quadrants(cmyk, 40);
}

TEST_CASE("JPEG: EXIF orientation 6 turns the pixels clockwise") {
    const pages::Raster r = image::decode(data("exif-orientation-6.jpg"));
    check_quadrants(r);
}

TEST_CASE("WebP: lossy with alpha and lossless") {
    const pages::Raster lossy = image::decode(data("lossy-alpha.webp"));
    CHECK(lossy.channels == 3);
    REQUIRE(!lossy.alpha.empty());
    CHECK(alpha_at(lossy, 0, 0) > 240);
    CHECK(alpha_at(lossy, 5, 3) < 16);
    CHECK(near(rgb_at(lossy, 0, 0), kRed, 40));

    const pages::Raster lossless = image::decode(data("lossless.webp"));
    CHECK(lossless.alpha.empty());
    check_quadrants(lossless, 0);
}

TEST_CASE("damaged files are errors naming the file, never crashes") {
    for (const char* name : {"truncated.png", "bad-crc.png", "truncated.jpg", "truncated.webp", "not-an-image.png",
                             "small.gif", "small.svg", "no-such-file.png"}) {
        INFO(name);
        try {
            image::decode(data(name));
            FAIL("decoded a damaged file");
        } catch (const Error& e) {
            CHECK(e.pos().file.find(name) != std::string::npos);
            CHECK(!e.message().empty());
        }
    }
}

TEST_CASE("every prefix of a valid file decodes or fails cleanly") {
    for (const char* name : {"rgb.png", "interlaced.png", "progressive.jpg", "exif-orientation-6.jpg", "lossy-alpha.webp"}) {
        const std::vector<std::uint8_t> bytes = image::read_file_bytes(data(name));
        for (std::size_t n = 0; n < bytes.size(); ++n) {
            try {
                const pages::Raster r = image::decode_bytes(std::span(bytes).first(n), name);
                CHECK(r.pixels.size() == static_cast<std::size_t>(r.width * r.height * r.channels));
            } catch (const Error&) {
            }
        }
    }
}

TEST_CASE("oversized dimensions are refused before decoding") {
    // A PNG header claiming 30000 x 30000 pixels.
    std::vector<std::uint8_t> png = image::read_file_bytes(data("rgb.png"));
    png[16] = 0; png[17] = 0; png[18] = 0x75; png[19] = 0x30;
    png[20] = 0; png[21] = 0; png[22] = 0x75; png[23] = 0x30;
    CHECK_THROWS_AS(image::decode_bytes(png, "huge.png"), Error);
    std::vector<std::uint8_t> jpeg = image::read_file_bytes(data("baseline.jpg"));
    // The SOF0 marker's height and width fields.
    for (std::size_t i = 0; i + 8 < jpeg.size(); ++i) {
        if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {
            jpeg[i + 5] = 0xFF; jpeg[i + 6] = 0xF0; jpeg[i + 7] = 0xFF; jpeg[i + 8] = 0xF0;
            break;
        }
    }
    CHECK_THROWS_AS(image::decode_bytes(jpeg, "huge.jpg"), Error);
}

namespace {

// The filter type of each row of a PNG written by encode_png (one IDAT chunk).
std::vector<int> png_row_filters(const std::vector<std::uint8_t>& png, std::size_t row_bytes) {
    const auto u32 = [&](std::size_t at) {
        return std::uint32_t{png[at]} << 24 | std::uint32_t{png[at + 1]} << 16 | std::uint32_t{png[at + 2]} << 8 |
               std::uint32_t{png[at + 3]};
    };
    for (std::size_t at = 8; at + 8 <= png.size();) {
        const std::size_t length = u32(at);
        const auto type = png.begin() + static_cast<std::ptrdiff_t>(at + 4);
        if (std::string(type, type + 4) == "IDAT") {
            std::vector<std::uint8_t> raw(64 * 1024);
            uLongf size = raw.size();
            REQUIRE(uncompress(raw.data(), &size, png.data() + at + 8, length) == Z_OK);
            std::vector<int> types;
            for (std::size_t row = 0; row * (row_bytes + 1) < size; ++row) types.push_back(raw[row * (row_bytes + 1)]);
            return types;
        }
        at += 12 + length;
    }
    return {};
}

}  // namespace

TEST_CASE("encode_png: each row takes the filter that suits it, and every sample comes back") {
    // Rows a filter each is made for: flat (None), a ramp along the row (Sub), the
    // row above again (Up), noise (whatever is least), and stripes across the left
    // half and down the right (Paeth, which takes the upper neighbour in one and
    // the left in the other); at 1, 2, 3 and 4 bytes a pixel.
    for (const auto& [channels, alpha] :
         {std::pair{1, false}, std::pair{1, true}, std::pair{3, false}, std::pair{3, true}}) {
        pages::Raster r;
        r.width = 40;
        r.height = 30;
        r.channels = channels;
        const std::size_t w = 40, h = 30, c = static_cast<std::size_t>(channels);
        std::uint32_t noise = 12345;
        for (std::size_t y = 0; y < h; ++y)
            for (std::size_t x = 0; x < w; ++x)
                for (std::size_t k = 0; k < c; ++k) {
                    noise = noise * 1103515245u + 12345u;
                    const std::size_t kind = y / 6;
                    const std::uint8_t v = kind == 0   ? 77
                                           : kind == 1 ? static_cast<std::uint8_t>(x * 6 + k)
                                           : kind == 2 ? static_cast<std::uint8_t>(x * 13 % 97 + k)
                                           : kind == 3 ? static_cast<std::uint8_t>(noise >> 24)
                                           : x < 20    ? static_cast<std::uint8_t>(x * 37 + k)
                                                       : static_cast<std::uint8_t>(y * 41 + k);
                    r.pixels.push_back(v);
                }
        if (alpha)
            for (std::size_t i = 0; i < w * h; ++i)  // by column: a row's alpha is the row above's
                r.alpha.push_back(static_cast<std::uint8_t>(i % w % 7 == 0 ? 0 : 255 - i % w));
        const std::vector<std::uint8_t> png = image::encode_png(r);
        const pages::Raster back = image::decode_bytes(png, "filters.png");
        INFO("channels " << channels << (alpha ? " with alpha" : ""));
        CHECK(back.pixels == r.pixels);
        CHECK(back.alpha == r.alpha);
        const std::vector<int> filters = png_row_filters(png, w * (c + (alpha ? 1 : 0)));
        REQUIRE(filters.size() == h);
        CHECK(std::set<int>(filters.begin(), filters.end()).size() >= 3);
        CHECK(filters[7] == 2);   // the ramp along the row again: the row above predicts it
        CHECK(filters[25] == 4);  // the stripes
    }
}

TEST_CASE("encode_png round-trips gray, RGB and alpha") {
    const pages::Raster lossy = image::decode(data("lossy-alpha.webp"));
    const std::vector<std::uint8_t> png = image::encode_png(lossy);
    CHECK(image::sniff_bytes(png) == Format::png);
    const pages::Raster back = image::decode_bytes(png, "roundtrip.png");
    CHECK(back.pixels == lossy.pixels);
    CHECK(back.alpha == lossy.alpha);
    CHECK(image::encode_png(lossy) == png);  // deterministic

    pages::Raster gray;
    gray.width = 3;
    gray.height = 2;
    gray.channels = 1;
    gray.pixels = {0, 50, 100, 150, 200, 250};
    gray.dpi_x = gray.dpi_y = 300;
    const pages::Raster gray_back = image::decode_bytes(image::encode_png(gray), "gray.png");
    CHECK(gray_back.channels == 1);
    CHECK(gray_back.pixels == gray.pixels);
    CHECK(std::abs(gray_back.dpi_x - 300) < 0.1);

    pages::Raster broken = gray;
    broken.pixels.pop_back();
    CHECK_THROWS_AS(image::encode_png(broken), Error);
}

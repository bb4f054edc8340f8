// QR codes are tested the way a phone meets them: drawn to an image and decoded
// by a real reader (zbarimg, Debian's zbar-tools, installed by scripts/setup.sh test).
#include "booklet/qr.hpp"

#include <catch2/catch.hpp>

#include "shell.hpp"

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

using namespace booklet;

namespace {

// A grey image, 255 = white; written as binary PGM (P5), which zbarimg reads.
struct Gray {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;
    Gray(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h, 255) {}
    void fill(int x0, int y0, int x1, int y1) {
        for (int y = std::max(0, y0); y < std::min(height, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(width, x1); ++x) pixels[static_cast<std::size_t>(y) * width + x] = 0;
    }
};

std::filesystem::path write_pgm(const Gray& image, const std::string& name) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("booklet-qr-test-" + std::to_string(::getpid()) + "-" + name + ".pgm");
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << image.width << ' ' << image.height << "\n255\n";
    out.write(reinterpret_cast<const char*>(image.pixels.data()), static_cast<std::streamsize>(image.pixels.size()));
    REQUIRE(out.good());
    return path;
}

using test::run_shell;

// What zbarimg reads from the image; the test fails, not skips, without zbarimg.
std::string decode(const Gray& image, const std::string& name) {
    const auto version = run_shell("zbarimg --version 2>&1");
    INFO("zbarimg output: " << version.out);
    REQUIRE(version.status == 0);  // zbarimg missing: install zbar-tools (scripts/setup.sh test)
    const auto path = write_pgm(image, name);
    // --raw: the bytes of the symbol as they are, no charset guessing.
    const auto r = run_shell("zbarimg --quiet --raw --nodbus -Sdisable -Sqrcode.enable '" + path.string() + "' 2>&1");
    std::filesystem::remove(path);
    INFO("zbarimg output: " << r.out);
    REQUIRE(r.status == 0);
    std::string text = r.out;
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return text;
}

constexpr int kPixelsPerModule = 4;

// The module grid itself, as a reference.
Gray render_matrix(const qr::Matrix& m) {
    Gray image(m.total_size() * kPixelsPerModule, m.total_size() * kPixelsPerModule);
    for (int y = 0; y < m.size; ++y)
        for (int x = 0; x < m.size; ++x)
            if (m.is_dark(x, y)) {
                const int px = (x + m.quiet_zone) * kPixelsPerModule, py = (y + m.quiet_zone) * kPixelsPerModule;
                image.fill(px, py, px + kPixelsPerModule, py + kPixelsPerModule);
            }
    return image;
}

// The vector output, rasterised at one pixel per point: what a page would show.
Gray render_rects(const std::vector<pages::RectItem>& rects, Sp side) {
    const int pixels = static_cast<int>(side / kSpPerPt);
    Gray image(pixels, pixels);
    for (const auto& r : rects)
        image.fill(static_cast<int>(r.rect.x / kSpPerPt), static_cast<int>(r.rect.y / kSpPerPt),
                   static_cast<int>((r.rect.x + r.rect.width) / kSpPerPt),
                   static_cast<int>((r.rect.y + r.rect.height) / kSpPerPt));
    return image;
}

}  // namespace

TEST_CASE("encode gives the ISO grid: version, size, finder patterns") {
    const auto m = qr::encode("https://pauseai.info");
    CHECK(m.version >= 1);
    CHECK(m.size == 17 + 4 * m.version);
    CHECK(m.quiet_zone == 4);
    CHECK(m.total_size() == m.size + 8);
    REQUIRE(m.dark.size() == static_cast<std::size_t>(m.size * m.size));
    // The top-left finder: a dark 7x7 ring, a light ring inside it, a dark 3x3 centre.
    for (int i = 0; i < 7; ++i) {
        CHECK(m.is_dark(i, 0));
        CHECK(m.is_dark(i, 6));
        CHECK(m.is_dark(0, i));
        CHECK(m.is_dark(6, i));
    }
    for (int i = 1; i < 6; ++i) {
        CHECK_FALSE(m.is_dark(i, 1));
        CHECK_FALSE(m.is_dark(1, i));
    }
    CHECK(m.is_dark(3, 3));
    // The separator beside it is light, and the other two finders are where they belong.
    CHECK_FALSE(m.is_dark(7, 0));
    CHECK(m.is_dark(m.size - 1, 0));
    CHECK(m.is_dark(0, m.size - 1));
    bool bottom_right_ring = true;  // there is no finder in the bottom-right corner
    for (int i = 0; i < 7; ++i)
        bottom_right_ring = bottom_right_ring && m.is_dark(m.size - 7 + i, m.size - 1) &&
                            m.is_dark(m.size - 1, m.size - 7 + i) && m.is_dark(m.size - 7 + i, m.size - 7);
    CHECK_FALSE(bottom_right_ring);
    // Longer texts need larger versions.
    CHECK(qr::encode(std::string(400, 'a')).version > m.version);
}

TEST_CASE("the module grid decodes to the text") {
    for (const std::string text : {"https://pauseai.info", "https://pauseai.info/proposal?lang=nl#ai-risks",
                                   "HTTPS://EXAMPLE.ORG/ABC-123", "mailto:info@pauseai.info",
                                   "https://nl.wikipedia.org/wiki/Beëindiging_één"})
        CHECK(decode(render_matrix(qr::encode(text)), "matrix") == text);
}

TEST_CASE("the vector rectangles decode to the text") {
    const std::string long_url =
        "https://www.example.org/research/2023/05/statement-on-ai-risk/"
        "signatories?sort=name&filter=researchers&page=3&utm_source=booklet_press_kit_with_a_long_tail_"
        "0123456789abcdefghijklmnopqrstuvwxyz";
    for (const std::string& text : {std::string("https://pauseai.info/nl"), long_url}) {
        const auto m = qr::encode(text);
        const Sp module = 3 * kSpPerPt;
        const auto rects = qr::to_rects(m, 0, 0, module);
        CHECK(decode(render_rects(rects, m.total_size() * module), "rects") == text);
    }
}

TEST_CASE("to_rects covers exactly the dark modules, inside the quiet zone, without overlaps") {
    const auto m = qr::encode("https://pauseai.info/faq");
    const Sp module = sp_from_pt(1.5);
    const Sp x0 = sp_from_mm(20), y0 = sp_from_mm(30);
    const auto rects = qr::to_rects(m, x0, y0, module, Color{0x10, 0x20, 0x30});

    std::size_t dark_modules = 0;
    for (auto d : m.dark) dark_modules += d;
    std::size_t covered = 0;
    std::vector<int> hits(m.dark.size(), 0);
    for (const auto& r : rects) {
        CHECK(r.fill == Color{0x10, 0x20, 0x30});
        CHECK(r.rect.x >= x0 + m.quiet_zone * module);
        CHECK(r.rect.y >= y0 + m.quiet_zone * module);
        CHECK(r.rect.x + r.rect.width <= x0 + (m.quiet_zone + m.size) * module);
        CHECK(r.rect.y + r.rect.height <= y0 + (m.quiet_zone + m.size) * module);
        REQUIRE(r.rect.width % module == 0);
        REQUIRE(r.rect.height % module == 0);
        const int c0 = static_cast<int>((r.rect.x - x0) / module) - m.quiet_zone;
        const int r0 = static_cast<int>((r.rect.y - y0) / module) - m.quiet_zone;
        for (int row = r0; row < r0 + r.rect.height / module; ++row)
            for (int col = c0; col < c0 + r.rect.width / module; ++col) {
                CHECK(m.is_dark(col, row));
                ++hits[static_cast<std::size_t>(row * m.size + col)];
                ++covered;
            }
    }
    CHECK(covered == dark_modules);
    for (int h : hits) CHECK(h <= 1);
    // Merging runs makes far fewer rectangles than modules.
    CHECK(rects.size() * 2 < dark_modules);
}

TEST_CASE("module_size_for fits the code with its quiet zone into a width") {
    const auto m = qr::encode("https://pauseai.info");
    const Sp width = sp_from_mm(12);
    const Sp module = qr::module_size_for(m, width);
    CHECK(module * m.total_size() <= width);
    CHECK((module + 1) * m.total_size() > width);
}

TEST_CASE("texts a QR code cannot hold are errors") {
    CHECK_THROWS_WITH(qr::encode(""), "error: a QR code needs a text to encode; this one is empty");
    CHECK_THROWS_WITH(qr::encode(std::string(3000, 'x')),
                      "error: a text of 3000 bytes is too long for a QR code (at most 2331 bytes at error correction M)");
    // A text with a NUL byte goes through the 8-bit path and still encodes.
    CHECK(qr::encode(std::string("a\0b", 3)).size >= 21);
}

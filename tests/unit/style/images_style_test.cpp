// The `images` section: resolution limit and JPEG quality for the PDF's pictures.
#include "booklet/style.hpp"

#include "style_paths.hpp"

#include <catch2/catch.hpp>

using namespace booklet;
using style_test::styles_dir;

namespace {

std::string error_of(const std::vector<std::string>& overrides) {
    try {
        style::load_style("booklet", styles_dir(), overrides);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("images: print styles keep 300 ppi, the e-reader 200; photographs at JPEG quality 85") {
    const auto booklet = style::load_style("booklet", styles_dir());
    CHECK(booklet.images.max_ppi == 300);
    CHECK(booklet.images.jpeg_quality == 85);
    CHECK(style::load_style("press-kit", styles_dir()).images.max_ppi == 300);
    CHECK(style::load_style("handout", styles_dir()).images.max_ppi == 300);
    const auto ereader = style::load_style("ereader", styles_dir());
    CHECK(ereader.images.max_ppi == 200);
    CHECK(ereader.images.jpeg_quality == 85);
}

TEST_CASE("images: overrides, 0 switches a limit off, impossible values are errors") {
    const auto s = style::load_style("booklet", styles_dir(), {"images.max_ppi=150", "images.jpeg_quality=70"});
    CHECK(s.images.max_ppi == 150);
    CHECK(s.images.jpeg_quality == 70);
    const auto off = style::load_style("booklet", styles_dir(), {"images.max_ppi=0", "images.jpeg_quality=0"});
    CHECK(off.images.max_ppi == 0);
    CHECK(off.images.jpeg_quality == 0);

    CHECK(error_of({"images.max_ppi=50"}) ==
          "--set images.max_ppi=50: error: images.max_ppi: 50 ppi would print pictures as visible blocks (at "
          "least 72, or 0 for no limit)");
    CHECK(error_of({"images.max_ppi=5000"}) ==
          "--set images.max_ppi=5000: error: images.max_ppi: 5000 is out of range (0 to 2400)");
    CHECK(error_of({"images.jpeg_quality=101"}) ==
          "--set images.jpeg_quality=101: error: images.jpeg_quality: 101 is out of range (0 to 100)");
    CHECK(error_of({"images.max_dpi=300"}).find("unknown key 'max_dpi' in images; did you mean 'max_ppi'?") !=
          std::string::npos);
}

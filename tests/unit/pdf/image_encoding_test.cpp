// Image XObjects: rasters marked for JPEG are embedded as /DCTDecode, the others
// as Flate, alpha always as a Flate soft mask; read back with pdfimages, qpdf and
// pdftoppm.
#include "booklet/diagnostics.hpp"
#include "booklet/image.hpp"
#include "booklet/pdf.hpp"
#include "run_tool.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <memory>
#include <sstream>

using namespace booklet;
using namespace booklet::pdf_test;
namespace fs = std::filesystem;

namespace {

// A smooth colour field with deterministic noise: a photograph's statistics.
std::shared_ptr<pages::Raster> photo(int width, int height) {
    auto r = std::make_shared<pages::Raster>();
    r->width = width;
    r->height = height;
    std::uint32_t state = 7;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            state = state * 1664525u + 1013904223u;  // Numerical Recipes' LCG
            const int noise = static_cast<int>((state >> 24) % 7) - 3;
            r->pixels.push_back(static_cast<std::uint8_t>(30 + 180 * x / width + noise));
            r->pixels.push_back(static_cast<std::uint8_t>(50 + 150 * y / height + noise));
            r->pixels.push_back(static_cast<std::uint8_t>(120 + noise));
        }
    r->compression = pages::RasterCompression::jpeg;
    r->jpeg_quality = 85;
    return r;
}

// Flat bars: a chart.
std::shared_ptr<pages::Raster> chart(int width, int height) {
    auto r = std::make_shared<pages::Raster>();
    r->width = width;
    r->height = height;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool bar = x % 30 < 20 && y > height - 10 * (x / 30 + 1);
            r->pixels.insert(r->pixels.end(), {static_cast<std::uint8_t>(bar ? 200 : 255),
                                               static_cast<std::uint8_t>(bar ? 60 : 255),
                                               static_cast<std::uint8_t>(bar ? 0 : 255)});
        }
    return r;
}

pages::ImageItem draw(std::shared_ptr<const pages::Raster> raster, Sp x, Sp y, Sp width) {
    pages::ImageItem item;
    item.rect = {x, y, width, width * raster->height / raster->width};
    item.raster = std::move(raster);
    return item;
}

struct Listed {
    std::string type, enc, object;
    int page = 0, width = 0, height = 0;
};

// pdfimages -list, one entry per drawn image or soft mask.
std::vector<Listed> list_images(const fs::path& pdf) {
    const ToolResult r = run_tool("pdfimages -list " + quoted(pdf));
    REQUIRE(r.exit_code == 0);
    std::vector<Listed> out;
    std::istringstream in(r.out);
    std::string line;
    std::getline(in, line);  // header
    std::getline(in, line);  // rule
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Listed l;
        std::string num, color, comp, bpc, interp;
        fields >> l.page >> num >> l.type >> l.width >> l.height >> color >> comp >> bpc >> l.enc >> interp >> l.object;
        if (!l.type.empty()) out.push_back(l);
    }
    return out;
}

double mean_abs_difference(const pages::Raster& a, const pages::Raster& b) {
    REQUIRE(a.pixels.size() == b.pixels.size());
    double sum = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) sum += std::abs(int{a.pixels[i]} - int{b.pixels[i]});
    return sum / static_cast<double>(a.pixels.size());
}

pages::Page page_of(std::vector<pages::ImageItem> images) {
    pages::Page page;
    page.width = sp_from_mm(148);
    page.height = sp_from_mm(210);
    for (auto& im : images) page.items.emplace_back(std::move(im));
    return page;
}

}  // namespace

TEST_CASE("a JPEG-destined raster is embedded as DCTDecode, a lossless one as Flate, alpha as a soft mask") {
    const auto photograph = photo(240, 160);
    const auto drawing = chart(180, 120);
    auto cutout = photo(120, 120);
    for (int y = 0; y < 120; ++y)
        for (int x = 0; x < 120; ++x) {
            const int dx = x - 60, dy = y - 60;
            cutout->alpha.push_back(dx * dx + dy * dy < 55 * 55 ? 255 : 0);
        }

    pages::Book book;
    book.pages.push_back(page_of({draw(photograph, sp_from_mm(10), sp_from_mm(10), sp_from_mm(80)),
                                  draw(drawing, sp_from_mm(10), sp_from_mm(80), sp_from_mm(60))}));
    // The photograph again, at another size: still one object.
    book.pages.push_back(page_of({draw(photograph, sp_from_mm(10), sp_from_mm(10), sp_from_mm(40)),
                                  draw(cutout, sp_from_mm(10), sp_from_mm(100), sp_from_mm(40))}));

    const fs::path dir = fresh_dir("image-encoding");
    const fs::path pdf = dir / "images.pdf";
    pdf::write_pdf(book, pdf);

    const ToolResult check = run_tool("qpdf --check " + quoted(pdf));
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);

    const std::vector<Listed> listed = list_images(pdf);
    REQUIRE(listed.size() == 5);  // photo, chart; photo, cutout + its mask
    std::map<std::string, Listed> by_object;
    for (const auto& l : listed) by_object[l.object + " " + l.type] = l;
    CHECK(by_object.size() == 4);  // the photograph's two uses share an object

    CHECK(listed[0].type == "image");
    CHECK(listed[0].enc == "jpeg");
    CHECK(listed[0].width == 240);
    CHECK(listed[1].type == "image");
    CHECK(listed[1].enc == "image");  // pdfimages' name for Flate-compressed samples
    CHECK(listed[2].object == listed[0].object);
    CHECK(listed[3].enc == "jpeg");
    CHECK(listed[3].width == 120);
    CHECK(listed[4].type == "smask");
    CHECK(listed[4].enc == "image");

    // The embedded JPEG is the photograph, close to its pixels.
    const ToolResult extracted = run_tool("pdfimages -j -f 1 -l 1 " + quoted(pdf) + " " + quoted(dir / "x"));
    REQUIRE(extracted.exit_code == 0);
    REQUIRE(fs::exists(dir / "x-000.jpg"));
    const pages::Raster back = image::decode(dir / "x-000.jpg");
    REQUIRE(back.width == 240);
    REQUIRE(back.height == 160);
    CHECK(mean_abs_difference(*photograph, back) < 4.0);

    // poppler draws every page without complaint.
    const ToolResult render = run_tool("pdftoppm -r 30 -png " + quoted(pdf) + " " + quoted(dir / "page"));
    CHECK(render.exit_code == 0);
    CHECK(render.err.empty());

    // JPEG encoding is deterministic, so the file is too.
    const fs::path again = dir / "again.pdf";
    pdf::write_pdf(book, again);
    CHECK(slurp(pdf) == slurp(again));

    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

TEST_CASE("rasters layout encoded are embedded as the same bytes their pixels give") {
    // Layout hands the writer encoded samples (image::prepare_for_print); a book
    // of plain pixels is encoded by the writer. The file is the same either way.
    auto cutout = photo(90, 60);
    for (int i = 0; i < 90 * 60; ++i) cutout->alpha.push_back(i % 90 < 45 ? 255 : 40);
    auto opaque = chart(60, 40);
    opaque->alpha.assign(60 * 40, 255);  // opaque all over: no soft mask either way
    const std::vector<std::shared_ptr<pages::Raster>> rasters{photo(80, 50), chart(70, 50), cutout, opaque};
    pages::Book plain, encoded;
    plain.pages.push_back(page_of({}));
    encoded.pages.push_back(page_of({}));
    for (const auto& raster : rasters) {
        auto stored = std::make_shared<pages::Raster>(*raster);
        stored->encoded = image::encode_samples(*raster);
        stored->pixels.clear();
        stored->alpha.clear();
        plain.pages[0].items.emplace_back(draw(raster, sp_from_mm(10), sp_from_mm(10), sp_from_mm(30)));
        encoded.pages[0].items.emplace_back(draw(stored, sp_from_mm(10), sp_from_mm(10), sp_from_mm(30)));
    }
    CHECK(image::encode_samples(*opaque).alpha.empty());
    CHECK_FALSE(image::encode_samples(*cutout).alpha.empty());
    const fs::path dir = fresh_dir("image-encoded");
    pdf::write_pdf(plain, dir / "plain.pdf");
    pdf::write_pdf(encoded, dir / "encoded.pdf");
    CHECK(slurp(dir / "plain.pdf") == slurp(dir / "encoded.pdf"));
    CHECK(list_images(dir / "encoded.pdf").size() == 5);  // four pictures and the cutout's mask

    // An encoded raster without its encoded colour is refused, naming the page.
    auto broken = std::make_shared<pages::Raster>(*rasters[1]);
    broken->pixels.clear();
    broken->encoded = pages::EncodedSamples{};
    pages::Book bad;
    bad.pages.push_back(page_of({draw(broken, 0, 0, sp_from_mm(20))}));
    CHECK_THROWS_WITH(pdf::write_pdf(bad, dir / "bad.pdf"),
                      Catch::Contains("page 1: an image raster is malformed (70x50, 3 channels, 0 encoded bytes)"));
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

TEST_CASE("a raster that cannot be stored as JPEG is an error naming the page") {
    auto bad = photo(40, 30);
    bad->jpeg_quality = 0;
    pages::Book book;
    book.pages.push_back(page_of({draw(bad, 0, 0, sp_from_mm(20))}));
    const fs::path dir = fresh_dir("image-encoding-bad");
    CHECK_THROWS_WITH(pdf::write_pdf(book, dir / "bad.pdf"),
                      Catch::Contains("page 1: an image cannot be encoded") && Catch::Contains("quality 0"));
    CHECK_FALSE(fs::exists(dir / "bad.pdf"));
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

// QR codes through the real PDF writer: vector rectangles on a page, rendered by
// poppler (pdftoppm) and decoded by zbarimg, as a phone would read the printout.
#include "booklet/pdf.hpp"
#include "booklet/qr.hpp"

#include <catch2/catch.hpp>

#include "shell.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace booklet;

namespace {

using test::run_shell;

void place(pages::Page& page, std::string_view text, Sp x, Sp y, Sp width) {
    const auto matrix = qr::encode(text);
    for (auto& rect : qr::to_rects(matrix, x, y, qr::module_size_for(matrix, width))) page.items.emplace_back(rect);
}

}  // namespace

TEST_CASE("QR codes drawn into a PDF page scan after rendering") {
    const std::string home = "https://pauseai.info/nl/digitale-hersenen";
    const std::string note = "https://en.wikipedia.org/wiki/Large_language_model#List";

    pages::Book book;
    pages::Page page;
    page.width = sp_from_mm(105);
    page.height = sp_from_mm(148);
    place(page, home, sp_from_mm(15), sp_from_mm(15), sp_from_mm(30));  // a cover code
    place(page, note, sp_from_mm(15), sp_from_mm(90), sp_from_mm(12));  // a footnote-sized code
    book.pages.push_back(page);

    const auto dir = std::filesystem::temp_directory_path() / ("booklet-qr-pdf-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto pdf_file = dir / "codes.pdf";
    pdf::write_pdf(book, pdf_file);

    // 300 dpi grey, as a printer or a phone camera would see it; both tools must exist.
    const auto render = run_shell("pdftoppm -r 300 -gray '" + pdf_file.string() + "' '" + (dir / "page").string() + "' 2>&1");
    INFO("pdftoppm: " << render.out);
    REQUIRE(render.status == 0);
    std::filesystem::path image;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".pgm") image = entry.path();
    REQUIRE_FALSE(image.empty());

    const auto scan = run_shell("zbarimg --quiet --raw --nodbus -Sdisable -Sqrcode.enable '" + image.string() + "' 2>&1");
    std::filesystem::remove_all(dir);
    INFO("zbarimg: " << scan.out);
    REQUIRE(scan.status == 0);
    CHECK(scan.out.find(home + "\n") != std::string::npos);
    CHECK(scan.out.find(note + "\n") != std::string::npos);
}

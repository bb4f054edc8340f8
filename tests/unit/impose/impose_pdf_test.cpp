// The print PDF itself: imposed books written by the PDF writer and read back with
// poppler (pdfinfo for sheet sizes, pdftotext on each half of each side for order).
#include "booklet/impose.hpp"
#include "booklet/pdf.hpp"
#include "booklet/shape.hpp"

#include <catch2/catch.hpp>

#include "shell.hpp"

#include <filesystem>
#include <sstream>
#include <string>
#include <unistd.h>

using namespace booklet;

namespace {

using test::run_shell;

std::string trimmed(std::string s) {
    const auto not_space = [](unsigned char c) { return !std::isspace(c); };
    s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
    s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
    return s;
}

// A book of A5 pages, each showing "pageN" (1-based) in Noto Sans, shaped for real.
pages::Book labelled_book(int count, shape::FontRegistry& fonts) {
    const FontId font = fonts.load(std::string(BOOKLET_SOURCE_DIR) + "/fonts/noto/NotoSans-Regular.ttf");
    pages::Book book;
    for (int i = 0; i < count; ++i) {
        shape::StyledText text;
        text.text = "page" + std::to_string(i + 1);
        shape::TextStyle style;
        style.fonts.fonts = {font};
        style.size = sp_from_pt(24);
        text.ranges.push_back({0, text.text.size(), style});
        const auto shaped = shape::shape_paragraph(fonts, text);
        pages::TextItem item;
        item.x = sp_from_pt(60);
        item.y = sp_from_pt(200);
        item.run.font = font;
        item.run.size = style.size;
        item.run.text = text.text;
        for (const auto& g : shaped.glyphs)
            item.run.glyphs.push_back({g.id, g.advance, g.x_offset, g.y_offset, g.cluster});
        pages::Page page;
        page.width = sp_from_mm(148);
        page.height = sp_from_mm(210);
        page.items.emplace_back(item);
        book.pages.push_back(page);
    }
    for (std::size_t id = 0; id < fonts.size(); ++id) book.fonts.push_back(fonts.program(static_cast<FontId>(id)));
    return book;
}

std::string text_in(const std::filesystem::path& pdf, int page, double x, double width, double height) {
    std::ostringstream command;
    command << "pdftotext -q -f " << page << " -l " << page << " -x " << static_cast<int>(x) << " -y 0 -W "
            << static_cast<int>(width) << " -H " << static_cast<int>(height) << " '" << pdf.string() << "' -";
    const auto r = run_shell(command.str());
    REQUIRE(r.status == 0);
    return trimmed(r.out);
}

}  // namespace

TEST_CASE("print PDFs of 1, 5, 8, 13 and 16 pages: A4 landscape sheet sides in saddle-stitch order") {
    const auto dir = std::filesystem::temp_directory_path() / ("booklet-impose-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const impose::SheetOptions a4{sp_from_mm(297), sp_from_mm(210), false, 0};
    for (const int n : {1, 5, 8, 13, 16}) {
        INFO(n << " pages");
        shape::FontRegistry fonts;
        const auto sheets = impose::impose_booklet(labelled_book(n, fonts), a4);
        const auto file = dir / ("print-" + std::to_string(n) + ".pdf");
        pdf::write_pdf(sheets, file);

        const auto info = run_shell("pdfinfo -f 1 -l 999 '" + file.string() + "'");
        REQUIRE(info.status == 0);
        const int sides = (n + 3) / 4 * 2;
        CHECK(info.out.find("Pages:           " + std::to_string(sides) + "\n") != std::string::npos);
        // "Page    3 size:  841.89 x 595.276 pts (A4)", one line per sheet side.
        std::vector<std::string> sizes;
        std::istringstream lines(info.out);
        for (std::string line; std::getline(lines, line);)
            if (line.rfind("Page ", 0) == 0 && line.find(" size:") != std::string::npos)
                sizes.push_back(trimmed(line.substr(line.find(" size:") + 6)));
        REQUIRE(static_cast<int>(sizes.size()) == sides);
        for (const auto& size : sizes) CHECK(size == "841.89 x 595.276 pts (A4)");

        const auto order = impose::saddle_stitch_order(n);
        for (int side = 1; side <= sides; ++side) {
            const auto [left, right] = order[static_cast<std::size_t>(side - 1)];
            const std::string want_left = left < 0 ? "" : "page" + std::to_string(left + 1);
            const std::string want_right = right < 0 ? "" : "page" + std::to_string(right + 1);
            CHECK(text_in(file, side, 0, 421, 596) == want_left);
            CHECK(text_in(file, side, 421, 421, 596) == want_right);
        }
    }
    std::filesystem::remove_all(dir);
}

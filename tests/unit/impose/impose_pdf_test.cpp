// The print PDF itself: imposed books written by the PDF writer and read back with
// poppler (pdfinfo for sheet sizes, pdftotext on each half of each side for order).
#include "booklet/source_dir.hpp"
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
            item.run.glyphs.edit().push_back(
                {.id = g.id,
                 .cluster = g.cluster,
                 .advance = glyph_length(g.advance),
                 .x_offset = glyph_length(g.x_offset),
                 .y_offset = glyph_length(g.y_offset)});
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
        Diagnostics diags;
        const auto sheets = impose::impose_book(labelled_book(n, fonts), a4, diags);
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

TEST_CASE("print PDF of 32 pages in 2 signatures of 4 sheets: every page on its side, read back per half") {
    const auto dir = std::filesystem::temp_directory_path() / ("booklet-signatures-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    options.max_sheets = 4;
    options.signature_sheets = 4;
    shape::FontRegistry fonts;
    Diagnostics diags;
    const auto sheets = impose::impose_book(labelled_book(32, fonts), options, diags);
    const auto file = dir / "signatures.pdf";
    pdf::write_pdf(sheets, file);
    // Section 1: pages 1-16 nested; section 2: pages 17-32 nested; fronts then backs.
    const std::vector<std::pair<int, int>> want = {
        {16, 1}, {2, 15}, {14, 3}, {4, 13}, {12, 5}, {6, 11}, {10, 7}, {8, 9},
        {32, 17}, {18, 31}, {30, 19}, {20, 29}, {28, 21}, {22, 27}, {26, 23}, {24, 25}};
    for (std::size_t side = 0; side < want.size(); ++side) {
        INFO("side " << side + 1);
        CHECK(text_in(file, static_cast<int>(side) + 1, 0, 421, 596) == "page" + std::to_string(want[side].first));
        CHECK(text_in(file, static_cast<int>(side) + 1, 421, 421, 596) == "page" + std::to_string(want[side].second));
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("print PDF with creep: the text of each page sits shifted toward the fold by thickness x depth") {
    const auto dir = std::filesystem::temp_directory_path() / ("booklet-creep-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    options.paper_thickness = sp_from_mm(1);  // exaggerated so that poppler's rounding cannot hide it
    shape::FontRegistry fonts;
    Diagnostics diags;
    const auto sheets = impose::impose_book(labelled_book(8, fonts), options, diags);
    const auto file = dir / "creep.pdf";
    pdf::write_pdf(sheets, file);
    const auto plan = impose::plan_sheets(8, options);
    const double trim_x = pt_from_sp(impose::sheet_geometry(sp_from_mm(148), sp_from_mm(210), options).trim.x);
    const double page_w = pt_from_sp(sp_from_mm(148));
    const double mm = 72.0 / 25.4;
    for (std::size_t side = 0; side < plan.sides.size(); ++side) {
        // Word boxes as poppler reads them: <word xMin="..." ...>pageN</word>.
        const auto r = run_shell("pdftotext -q -bbox -f " + std::to_string(side + 1) + " -l " + std::to_string(side + 1) +
                                 " '" + file.string() + "' -");
        REQUIRE(r.status == 0);
        for (std::size_t slot = 0; slot < 2; ++slot) {
            const int page = plan.sides[side][slot];
            const std::string word = ">page" + std::to_string(page + 1) + "<";
            const auto at = r.out.find(word);
            REQUIRE(at != std::string::npos);
            const auto open = r.out.rfind("xMin=\"", at);
            const double x = std::stod(r.out.substr(open + 6));
            const double shift = plan.depth[side] * mm * (slot == 0 ? 1 : -1);
            const double want = trim_x + static_cast<double>(slot) * page_w + 60 + shift;
            INFO("side " << side + 1 << " page " << page + 1 << " depth " << plan.depth[side]);
            CHECK(x == Approx(want).margin(0.6));
        }
    }
    std::filesystem::remove_all(dir);
}

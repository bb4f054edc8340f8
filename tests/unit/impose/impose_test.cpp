#include "booklet/impose.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

using namespace booklet;
using impose::saddle_stitch_order;
using Sides = std::vector<std::pair<int, int>>;

namespace {

pages::Book impose_booklet(const pages::Book& book, const impose::SheetOptions& options) {
    Diagnostics diags;
    auto sheets = impose::impose_book(book, options, diags);
    CHECK(diags.all().empty());
    return sheets;
}

const Sp kA5Width = sp_from_mm(148), kA5Height = sp_from_mm(210);
const Sp kTextX = sp_from_pt(40), kTextY = sp_from_pt(60);

// A book whose page i carries its number as text, a rule, a rectangle, an internal
// link to the next page and an outline entry: enough to see where everything went.
pages::Book numbered_book(int count) {
    pages::Book book;
    book.info.title = "test";
    for (int i = 0; i < count; ++i) {
        pages::Page page;
        page.width = kA5Width;
        page.height = kA5Height;
        page.label = std::to_string(i + 1);
        pages::TextItem text;
        text.x = kTextX;
        text.y = kTextY;
        text.run.text = "page " + std::to_string(i);
        page.items.emplace_back(text);
        pages::RuleItem rule;
        rule.x0 = sp_from_pt(10);
        rule.y0 = sp_from_pt(20);
        rule.x1 = sp_from_pt(110);
        rule.y1 = sp_from_pt(20);
        rule.thickness = sp_from_pt(1);
        page.items.emplace_back(rule);
        pages::RectItem rect;
        rect.rect = Rect{sp_from_pt(5), sp_from_pt(6), sp_from_pt(7), sp_from_pt(8)};
        page.items.emplace_back(rect);
        pages::LinkArea link;
        link.rect = Rect{sp_from_pt(1), sp_from_pt(2), sp_from_pt(3), sp_from_pt(4)};
        link.target_page = (i + 1) % count;
        link.target_y = sp_from_pt(100);
        page.links.push_back(link);
        book.pages.push_back(page);
        book.outline.push_back({"chapter " + std::to_string(i), 1, i, sp_from_pt(50)});
    }
    return book;
}

// {left, right} source pages of each side, read back from the translated texts.
Sides read_order(const pages::Book& sheets, Sp trim_x) {
    Sides sides;
    for (const auto& side : sheets.pages) {
        std::pair<int, int> found{-1, -1};
        for (const auto& item : side.items) {
            const auto* text = std::get_if<pages::TextItem>(&item);
            if (!text) continue;
            const int page = std::stoi(text->run.text.substr(5));
            if (text->x == trim_x + kTextX) found.first = page;
            else if (text->x == trim_x + kA5Width + kTextX) found.second = page;
            else FAIL("text at an unexpected x: " << text->x);
        }
        sides.push_back(found);
    }
    return sides;
}

}  // namespace

TEST_CASE("saddle-stitch order for 1, 5, 8, 13 and 16 pages") {
    CHECK(saddle_stitch_order(0).empty());
    CHECK(saddle_stitch_order(1) == Sides{{-1, 0}, {-1, -1}});
    CHECK(saddle_stitch_order(5) == Sides{{-1, 0}, {1, -1}, {-1, 2}, {3, 4}});
    CHECK(saddle_stitch_order(8) == Sides{{7, 0}, {1, 6}, {5, 2}, {3, 4}});
    CHECK(saddle_stitch_order(13) ==
          Sides{{-1, 0}, {1, -1}, {-1, 2}, {3, 12}, {11, 4}, {5, 10}, {9, 6}, {7, 8}});
    CHECK(saddle_stitch_order(16) ==
          Sides{{15, 0}, {1, 14}, {13, 2}, {3, 12}, {11, 4}, {5, 10}, {9, 6}, {7, 8}});
}

TEST_CASE("saddle-stitch order: every page once, facing pages pair up to N-1, odd pages on the right") {
    for (int n = 1; n <= 64; ++n) {
        const auto order = saddle_stitch_order(n);
        const int padded = (n + 3) / 4 * 4;
        REQUIRE(static_cast<int>(order.size()) == padded / 2);
        std::multiset<int> seen;
        for (std::size_t s = 0; s < order.size(); ++s) {
            const auto [left, right] = order[s];
            for (const int p : {left, right}) {
                CHECK(p >= -1);
                CHECK(p < n);
                if (p >= 0) seen.insert(p);
            }
            // Facing halves of a sheet hold pages i and N-1-i of the padded book.
            if (left >= 0 && right >= 0) CHECK(left + right == padded - 1);
            // Fronts carry an odd (1-based) page on the right, backs an even one on the left.
            if (s % 2 == 0 && right >= 0) CHECK(right % 2 == 0);
            if (s % 2 == 1 && left >= 0) CHECK(left % 2 == 1);
        }
        REQUIRE(static_cast<int>(seen.size()) == n);
        for (int p = 0; p < n; ++p) CHECK(seen.count(p) == 1);
    }
}

TEST_CASE("imposed books: sheet sides in order, A4 landscape for A5 pages") {
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    for (const int n : {1, 5, 8, 13, 16}) {
        const auto book = numbered_book(n);
        const auto sheets = impose_booklet(book, options);
        const int padded = (n + 3) / 4 * 4;
        REQUIRE(static_cast<int>(sheets.pages.size()) == padded / 2);
        for (const auto& side : sheets.pages) {
            CHECK(side.width == sp_from_mm(297));
            CHECK(side.height == sp_from_mm(210));
        }
        // Two A5 pages (296mm) leave half a millimetre either side of an A4 sheet (297mm).
        const auto geometry = impose::sheet_geometry(kA5Width, kA5Height, options);
        CHECK(geometry.trim.x == (sp_from_mm(297) - 2 * kA5Width) / 2);
        CHECK(geometry.trim.y == 0);
        CHECK(read_order(sheets, geometry.trim.x) == saddle_stitch_order(n));
        CHECK(sheets.pages.front().label == "sheet 1 front");
        CHECK(sheets.pages[1].label == "sheet 1 back");
        CHECK(sheets.info.title == "test");
    }
}

TEST_CASE("items and links are translated, internal links and outline point at sheet sides") {
    const auto book = numbered_book(8);
    const impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    const auto sheets = impose_booklet(book, options);
    const Sp dx = impose::sheet_geometry(kA5Width, kA5Height, options).trim.x + kA5Width;  // right half
    // Page 0 is on the right of side 0; page 1 on the left of side 1.
    const auto& side0 = sheets.pages[0];
    const auto& rule = std::get<pages::RuleItem>(side0.items[4]);  // page 7 first (left), then page 0
    CHECK(rule.x0 == dx + sp_from_pt(10));
    CHECK(rule.x1 == dx + sp_from_pt(110));
    CHECK(rule.y0 == sp_from_pt(20));
    const auto& rect = std::get<pages::RectItem>(side0.items[5]);
    CHECK(rect.rect == Rect{dx + sp_from_pt(5), sp_from_pt(6), sp_from_pt(7), sp_from_pt(8)});
    REQUIRE(side0.links.size() == 2);
    // Page 0 links to page 1, which is on side 1 (left half).
    const auto& link = side0.links[1];
    CHECK(link.rect.x == dx + sp_from_pt(1));
    CHECK(link.target_page == 1);
    CHECK(link.target_y == sp_from_pt(100));
    // Outline: chapter 4 (page 4) is on side 3, right half.
    REQUIRE(sheets.outline.size() == 8);
    CHECK(sheets.outline[4].page == 3);
    CHECK(sheets.outline[4].title == "chapter 4");
}

TEST_CASE("crop marks and bleed grow the sheet and stay outside the trim and bleed") {
    const Sp bleed = sp_from_mm(3);
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), true, bleed};
    const auto geometry = impose::sheet_geometry(kA5Width, kA5Height, options);
    // The sheet grows to the spread plus 3mm offset (at least the bleed) and 5mm marks on each side.
    CHECK(geometry.sheet_width == 2 * kA5Width + 2 * sp_from_mm(8));
    CHECK(geometry.sheet_height == kA5Height + 2 * sp_from_mm(8));
    CHECK(geometry.trim == Rect{sp_from_mm(8), sp_from_mm(8), 2 * kA5Width, kA5Height});

    const auto sheets = impose_booklet(numbered_book(5), options);
    REQUIRE(sheets.pages.size() == 4);
    const Rect& t = geometry.trim;
    const Rect bleed_box{t.x - bleed, t.y - bleed, t.width + 2 * bleed, t.height + 2 * bleed};
    for (const auto& side : sheets.pages) {
        CHECK(side.width == geometry.sheet_width);
        int marks = 0;
        for (const auto& item : side.items) {
            const auto* r = std::get_if<pages::RuleItem>(&item);
            if (!r || r->thickness != options.crop_mark_thickness) continue;
            ++marks;
            const Sp x0 = std::min(r->x0, r->x1), x1 = std::max(r->x0, r->x1);
            const Sp y0 = std::min(r->y0, r->y1), y1 = std::max(r->y0, r->y1);
            const bool outside = x1 <= bleed_box.x || x0 >= bleed_box.x + bleed_box.width || y1 <= bleed_box.y ||
                                 y0 >= bleed_box.y + bleed_box.height;
            CHECK(outside);
            // Each mark lies on a trim line or the fold line, inside the sheet.
            const bool on_line = x0 == t.x || x0 == t.x + t.width || x0 == t.x + t.width / 2 || y0 == t.y ||
                                 y0 == t.y + t.height;
            CHECK(on_line);
            CHECK(x0 >= 0);
            CHECK(y0 >= 0);
            CHECK(x1 <= side.width);
            CHECK(y1 <= side.height);
        }
        CHECK(marks == 10);  // 8 corner marks and 2 fold marks
    }
    // Content moved with the trim box.
    CHECK(read_order(sheets, t.x) == saddle_stitch_order(5));
}

TEST_CASE("a larger sheet centres the spread; no sheet size means exactly two pages") {
    const auto a3 = impose::sheet_geometry(kA5Width, kA5Height, {sp_from_mm(420), sp_from_mm(297), false, 0});
    CHECK(a3.sheet_width == sp_from_mm(420));
    CHECK(a3.trim.x == (sp_from_mm(420) - 2 * kA5Width) / 2);
    CHECK(a3.trim.y == (sp_from_mm(297) - kA5Height) / 2);
    const auto exact = impose::sheet_geometry(kA5Width, kA5Height, {});
    CHECK(exact.sheet_width == 2 * kA5Width);
    CHECK(exact.sheet_height == kA5Height);
}

TEST_CASE("pages of different sizes are refused, an empty book gives no sheets") {
    auto book = numbered_book(4);
    book.pages[2].width = sp_from_mm(210);
    CHECK_THROWS_WITH(impose_booklet(book, {}),
                      "error: imposition needs pages of one size; page 3 differs from page 1");
    CHECK(impose_booklet(pages::Book{}, {}).pages.empty());
}

TEST_CASE("signatures: as few as the size allows, sizes differing by one at most") {
    using impose::signature_sizes;
    CHECK(signature_sizes(8, 4) == std::vector<int>{4, 4});
    CHECK(signature_sizes(39, 4) == std::vector<int>{4, 4, 4, 4, 4, 4, 4, 4, 4, 3});
    CHECK(signature_sizes(13, 4) == std::vector<int>{4, 3, 3, 3});
    CHECK(signature_sizes(3, 4) == std::vector<int>{3});
    CHECK(signature_sizes(5, 0) == std::vector<int>{1, 1, 1, 1, 1});
    CHECK(signature_sizes(0, 4).empty());
    for (int sheets = 1; sheets <= 60; ++sheets)
        for (int per = 1; per <= 8; ++per) {
            const auto sizes = signature_sizes(sheets, per);
            int total = 0;
            for (const int s : sizes) {
                CHECK(s >= 1);
                CHECK(s <= per);
                CHECK(sizes.front() - s <= 1);
                total += s;
            }
            CHECK(total == sheets);
            CHECK(static_cast<int>(sizes.size()) == (sheets + per - 1) / per);
        }
}

TEST_CASE("a booklet of two signatures of 4 sheets: each section nested on its own, gathered in order") {
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    options.max_sheets = 6;
    options.signature_sheets = 4;
    const auto plan = impose::plan_sheets(32, options);
    CHECK(plan.sections == std::vector<int>{4, 4});
    REQUIRE(plan.sides.size() == 16);
    // Section 1 holds pages 1-16 (indices 0-15), section 2 pages 17-32.
    const std::vector<std::vector<int>> want = {
        {15, 0}, {1, 14}, {13, 2}, {3, 12}, {11, 4}, {5, 10}, {9, 6}, {7, 8},
        {31, 16}, {17, 30}, {29, 18}, {19, 28}, {27, 20}, {21, 26}, {25, 22}, {23, 24}};
    CHECK(plan.sides == want);
    CHECK(plan.depth == std::vector<int>{0, 0, 1, 1, 2, 2, 3, 3, 0, 0, 1, 1, 2, 2, 3, 3});

    Diagnostics diags;
    const auto sheets = impose::impose_book(numbered_book(32), options, diags);
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].kind == "impose-signatures");
    CHECK(diags.all()[0].message ==
          "8 sheets do not fold flat as one booklet (at most 6): imposed as 2 signatures of 4 sheets; fold each "
          "one, stack them in order and sew or glue the spine");
    CHECK(sheets.pages[8].label == "signature 2, sheet 5 front");
    const Sp trim_x = impose::sheet_geometry(kA5Width, kA5Height, options).trim.x;
    Sides read = read_order(sheets, trim_x);
    for (std::size_t s = 0; s < want.size(); ++s) CHECK(read[s] == std::make_pair(want[s][0], want[s][1]));
}

TEST_CASE("a last signature with blank pages, and up to max_sheets one nested booklet") {
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    options.max_sheets = 2;
    options.signature_sheets = 2;
    const auto plan = impose::plan_sheets(10, options);  // 3 sheets: 2 + 1
    CHECK(plan.sections == std::vector<int>{2, 1});
    const std::vector<std::vector<int>> want = {{7, 0}, {1, 6}, {5, 2}, {3, 4}, {-1, 8}, {9, -1}};
    CHECK(plan.sides == want);
    options.max_sheets = 3;
    CHECK(impose::plan_sheets(10, options).sections == std::vector<int>{3});
    options.max_sheets = 0;
    CHECK(impose::plan_sheets(400, options).sections == std::vector<int>{100});
}

TEST_CASE("creep: each page moves toward the fold by paper thickness times its sheet's depth") {
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    options.paper_thickness = sp_from_mm(0.1);
    options.max_sheets = 4;
    options.signature_sheets = 4;
    CHECK(impose::creep_shift(options, 0) == 0);
    CHECK(impose::creep_shift(options, 3) == 3 * sp_from_mm(0.1));
    Diagnostics diags;
    const auto sheets = impose::impose_book(numbered_book(16), options, diags);
    const auto plan = impose::plan_sheets(16, options);
    const Sp trim_x = impose::sheet_geometry(kA5Width, kA5Height, options).trim.x;
    REQUIRE(sheets.pages.size() == plan.sides.size());
    for (std::size_t s = 0; s < plan.sides.size(); ++s) {
        const Sp shift = sp_from_mm(0.1) * plan.depth[s];
        for (const auto& item : sheets.pages[s].items) {
            const auto* text = std::get_if<pages::TextItem>(&item);
            if (!text) continue;
            const int page = std::stoi(text->run.text.substr(5));
            INFO("side " << s << " page " << page);
            if (page == plan.sides[s][0]) CHECK(text->x == trim_x + kTextX + shift);              // left: to the right
            else CHECK(text->x == trim_x + kA5Width + kTextX - shift);                           // right: to the left
        }
    }
    // The outermost sheet does not move; the innermost moves 0.3mm.
    CHECK(plan.depth.front() == 0);
    CHECK(plan.depth.back() == 3);
}

TEST_CASE("cut and stack: the left halves stacked on the right halves read 1..N") {
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    options.scheme = impose::Scheme::cut_stack;
    const auto plan = impose::plan_sheets(8, options);
    const std::vector<std::vector<int>> want = {{0, 4}, {5, 1}, {2, 6}, {7, 3}};
    CHECK(plan.sides == want);
    // A single sheet: an A4 leaflet cut into two A5 ones, pages 1-2 and 3-4.
    CHECK(impose::plan_sheets(4, options).sides == std::vector<std::vector<int>>{{0, 2}, {3, 1}});
    CHECK(impose::plan_sheets(3, options).sides == std::vector<std::vector<int>>{{0, 2}, {-1, 1}});
    // Every page once; after cutting, the left stack is pages 1..2S and the right 2S+1..4S.
    for (int n = 1; n <= 40; ++n) {
        const auto p = impose::plan_sheets(n, options);
        std::multiset<int> seen;
        for (const auto& side : p.sides)
            for (const int page : side)
                if (page >= 0) seen.insert(page);
        CHECK(static_cast<int>(seen.size()) == n);
        for (int k = 0; k < n; ++k) CHECK(seen.count(k) == 1);
    }
}

TEST_CASE("a tri-fold leaflet: one sheet, three panels a side, at most six pages") {
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    options.scheme = impose::Scheme::trifold;
    const auto plan = impose::plan_sheets(6, options);
    CHECK(plan.across == 3);
    CHECK(plan.sides == std::vector<std::vector<int>>{{1, 5, 0}, {2, 3, 4}});
    CHECK(impose::plan_sheets(4, options).sides == std::vector<std::vector<int>>{{1, -1, 0}, {2, 3, -1}});
    const Sp panel = sp_from_mm(99);
    const auto g = impose::sheet_geometry(panel, kA5Height, options, 3);
    CHECK(g.sheet_width == sp_from_mm(297));
    CHECK(g.trim.x == 0);
    pages::Book book = numbered_book(6);
    for (auto& page : book.pages) page.width = panel;
    Diagnostics diags;
    const auto sheets = impose::impose_book(book, options, diags);
    REQUIRE(sheets.pages.size() == 2);
    // The front panel (page 1) is the right third of the outside.
    bool found = false;
    for (const auto& item : sheets.pages[0].items)
        if (const auto* text = std::get_if<pages::TextItem>(&item); text && text->run.text == "page 0") {
            CHECK(text->x == 2 * panel + kTextX);
            found = true;
        }
    CHECK(found);
    CHECK_THROWS_WITH(impose::impose_book(numbered_book(7), options, diags),
                      "error: a tri-fold leaflet holds 6 pages, this booklet has 7; impose it as a booklet or "
                      "shorten it (fit.max_pages)");
}

TEST_CASE("a book bound at the right: every side mirrored, the first sheet with page 1 at the left") {
    impose::SheetOptions options{sp_from_mm(297), sp_from_mm(210), false, 0};
    options.paper_thickness = sp_from_mm(0.1);
    pages::Book book = numbered_book(8);
    book.info.bound_right = true;
    const auto sheets = impose_booklet(book, options);
    const Sp trim_x = impose::sheet_geometry(kA5Width, kA5Height, options).trim.x;
    // Without creep the order is read back exactly; the mirror of saddle_stitch_order:
    // the front of the outer sheet shows page 1 at the left, the back cover at the right,
    // so that the folded booklet opens from the right and reads 1..8.
    impose::SheetOptions flat = options;
    flat.paper_thickness = 0;
    const Sides want = {{0, 7}, {6, 1}, {2, 5}, {4, 3}};
    CHECK(read_order(impose_booklet(book, flat), trim_x) == want);
    CHECK(sheets.info.bound_right);
    // Creep still moves each page toward the fold: the left one to the right.
    for (std::size_t s = 0; s < sheets.pages.size(); ++s) {
        const Sp shift = sp_from_mm(0.1) * static_cast<Sp>(s / 2);
        for (const auto& item : sheets.pages[s].items)
            if (const auto* text = std::get_if<pages::TextItem>(&item)) {
                const int page = std::stoi(text->run.text.substr(5));
                INFO("side " << s << " page " << page);
                if (page == want[s].first) CHECK(text->x == trim_x + kTextX + shift);
                else CHECK(text->x == trim_x + kA5Width + kTextX - shift);
            }
    }
    // The other schemes mirror too: a right-to-left leaflet unfolds the other way.
    impose::Plan trifold = impose::plan_sheets(6, impose::SheetOptions{0, 0, false, 0, impose::Scheme::trifold});
    impose::mirror_sides(trifold);
    CHECK(trifold.sides == std::vector<std::vector<int>>{{0, 5, 1}, {4, 3, 2}});
}

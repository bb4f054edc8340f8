// Figures in the page builder: a picture with its caption is one unit that
// shrinks to fit or floats to the top of the next frame while the text after it
// fills the gap. Synthetic lists on a page of exactly ten 10pt lines, so every
// position can be worked out by hand.
#include "page_builder_support.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace booklet;
using namespace booklet::layout;
using namespace booklet::layout::page_builder_test;

namespace {

// A picture `height` tall (no depth) over `caption_lines` caption lines, as
// Composer::figure writes it: the picture follows the text at lineskip (1pt), the
// caption keeps with it, and the unit may shrink to three quarters.
struct FigureIds {
    std::uint32_t picture = 0, first_caption = 0;
};
FigureIds figure(VListWriter& w, std::uint32_t& id, Sp height, std::size_t caption_lines = 1,
                 std::vector<std::uint32_t> caption_notes = {}, double min_shrink = 0.75) {
    FigureIds ids;
    ids.picture = id;
    w.box(VItem::make_box(height, 0, id++), 0);
    const std::size_t first = w.list().items.size() - 1;
    w.keep_with_next();
    ids.first_caption = id;
    for (std::size_t i = 0; i < caption_lines; ++i) {
        VItem cap = line(id++);
        if (i == 0) cap.notes = caption_notes;
        w.box(std::move(cap), pt(10), kForbidBreak);
    }
    w.float_unit(first, static_cast<Sp>(static_cast<double>(height) * min_shrink), 0);
    return ids;
}

}  // namespace

TEST_CASE("a figure that fits at its natural size stays where it is", "[page_builder][floats]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 5);                       // 0..4, bottom at 50
    const auto fig = figure(w, id, pt(30));    // picture 81, caption 91, bottom 93
    paragraph(w, id, 2);
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(contents_per_page(p)[0] == range(0, 7));
    const PlacedBox* pic = find_box(p, fig.picture);
    REQUIRE(pic);
    CHECK(pic->height == pt(30));
    CHECK(pic->baseline == pt(81));
    CHECK(p.problems.empty());
}

TEST_CASE("a figure that is a little too tall shrinks to fit", "[page_builder][floats]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 5);
    // Natural: picture baseline 48+2+1+45 = 96, caption bottom 108 > 100. Shrunk
    // by the 8pt it overflows: 37pt, 82 % of 45, above the 75 % floor.
    const auto fig = figure(w, id, pt(45));
    paragraph(w, id, 3);
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(contents_per_page(p)[0] == range(0, 7));
    const PlacedBox* pic = find_box(p, fig.picture);
    REQUIRE(pic);
    CHECK(pic->height == pt(37));
    CHECK(pic->baseline == pt(88));
    CHECK(p.pages[0].frames[0].used == pt(100));
    CHECK(contents_per_page(p)[1] == range(7, 10));

    SECTION("min_shrink 1: it floats instead") {
        VList l2;
        VListWriter w2(l2);
        std::uint32_t i2 = 0;
        paragraph(w2, i2, 5);
        const auto f2 = figure(w2, i2, pt(45), 1, {}, 1.0);
        paragraph(w2, i2, 4);                  // 7..10
        const auto q = build_pages(l2, ten_line_page());
        REQUIRE(q.pages.size() == 2);
        CHECK(contents_per_page(q)[0] == join(range(0, 5), range(7, 11)));
        const PlacedBox* pic2 = find_box(q, f2.picture);
        REQUIRE(pic2);
        CHECK(pic2->height == pt(45));
    }
}

TEST_CASE("a figure that does not fit floats and the text after it fills the page", "[page_builder][floats]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 5);                       // 0..4
    // 60pt: even shrunk to 45 its caption would end at 51+45+12 = 108.
    const auto fig = figure(w, id, pt(60));    // 5, caption 6
    paragraph(w, id, 7);                       // 7..13
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    // Page 1: the five lines before the figure and five after it, set at the
    // leading as if the figure were not there.
    CHECK(contents_per_page(p)[0] == join(range(0, 5), range(7, 12)));
    const auto& first = p.pages[0].frames[0].boxes;
    CHECK(first[5].baseline == pt(58));
    CHECK(first[9].baseline == pt(98));
    // Page 2: the figure at its top, at full size, then the paragraph's last two lines.
    CHECK(contents_per_page(p)[1] == join({fig.picture, fig.first_caption}, range(12, 14)));
    const auto& second = p.pages[1].frames[0].boxes;
    CHECK(second[0].baseline == pt(60));
    CHECK(second[0].height == pt(60));
    CHECK(second[1].baseline == pt(70));
    CHECK(second[2].baseline == pt(80));       // caption bottom 72 + topskip 8
    CHECK(p.problems.empty());
}

TEST_CASE("floats keep their order and wait at most one page", "[page_builder][floats]") {
    SECTION("a second figure that would fit waits behind the first") {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, 5);                          // 0..4
        const auto a = figure(w, id, pt(50));         // 5, 6: 37.5 shrunk still ends at 100.5
        const auto b = figure(w, id, pt(20));         // 7, 8: would fit on page 1
        paragraph(w, id, 8);                          // 9..16
        const auto p = build_pages(list, ten_line_page());
        REQUIRE(p.pages.size() == 3);
        CHECK(contents_per_page(p)[0] == join(range(0, 5), range(9, 14)));
        // Page 2: a, then b under it (a ends at 62, b at 62 + 20 + 12 = 94): no room
        // for text, so the page holds its floats only.
        CHECK(contents_per_page(p)[1] ==
              std::vector<std::uint32_t>{a.picture, a.first_caption, b.picture, b.first_caption});
        CHECK(p.pages[1].frames[0].boxes[2].baseline == pt(82));
        CHECK(contents_per_page(p)[2] == range(14, 17));
        CHECK(p.problems.empty());
    }
    SECTION("a second figure joins the queue when it fits under the first once shrunk") {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, 5);                          // 0..4
        const auto a = figure(w, id, pt(50));         // 5, 6: floats
        // 32pt: at full size a and b need 62 + 44 = 106; with b at 24 (75 %) 98.
        const auto b = figure(w, id, pt(32));         // 7, 8
        paragraph(w, id, 5);                          // 9..13
        const auto p = build_pages(list, ten_line_page());
        REQUIRE(p.pages.size() == 2);
        CHECK(contents_per_page(p)[0] == join(range(0, 5), range(9, 14)));
        CHECK(contents_per_page(p)[1] ==
              std::vector<std::uint32_t>{a.picture, a.first_caption, b.picture, b.first_caption});
        const auto& second = p.pages[1].frames[0].boxes;
        CHECK(second[0].height == pt(50));
        CHECK(second[2].height == pt(26));           // a ends at 62, b's caption at 62 + 26 + 12
    }
    SECTION("a second figure that cannot join the queue ends the page before it") {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, 5);                          // 0..4
        const auto a = figure(w, id, pt(50));         // 5, 6 floats
        const auto b = figure(w, id, pt(35));         // 7, 8: a and b do not fit one page together
        paragraph(w, id, 4);                          // 9..12
        const auto p = build_pages(list, ten_line_page());
        REQUIRE(p.pages.size() >= 2);
        // b may not pass a, and a may not wait two pages: page 1 ends after the text.
        CHECK(contents_per_page(p)[0] == range(0, 5));
        const auto second = contents_per_page(p)[1];
        REQUIRE(second.size() >= 2);
        CHECK(second[0] == a.picture);
        CHECK(second[1] == a.first_caption);
        int page_b = -1;
        const PlacedBox* pic_b = find_box(p, b.picture, &page_b);
        REQUIRE(pic_b);
        CHECK(page_b <= 2);
        // b was never placed above a.
        int page_a = -1;
        const PlacedBox* pic_a = find_box(p, a.picture, &page_a);
        REQUIRE(pic_a);
        CHECK((page_b > page_a || (page_b == page_a && pic_b->baseline > pic_a->baseline)));
        CHECK(p.problems.empty());
    }
}

TEST_CASE("floats waiting at a chapter end are placed before the next chapter", "[page_builder][floats]") {
    SECTION("a chapter that opens a new page") {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, 5);                          // 0..4
        const auto fig = figure(w, id, pt(60));       // 5, 6
        paragraph(w, id, 2);                          // 7, 8: the chapter's last lines
        w.page_break(false);
        paragraph(w, id, 3);                          // 9..11
        const auto p = build_pages(list, ten_line_page());
        REQUIRE(p.pages.size() == 3);
        CHECK(contents_per_page(p)[0] == join(range(0, 5), range(7, 9)));
        CHECK(contents_per_page(p)[1] == std::vector<std::uint32_t>{fig.picture, fig.first_caption});
        CHECK(contents_per_page(p)[2] == range(9, 12));
    }
    SECTION("a recto chapter: the figure page comes first, then a blank verso if needed") {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, 5);
        const auto fig = figure(w, id, pt(60));
        paragraph(w, id, 2);
        w.page_break(true);
        paragraph(w, id, 3);
        const auto p = build_pages(list, ten_line_page());
        REQUIRE(p.pages.size() == 3);                 // the figure on page 2, the chapter on page 3
        CHECK(contents_per_page(p)[1] == std::vector<std::uint32_t>{fig.picture, fig.first_caption});
        CHECK_FALSE(p.pages[2].blank);
        CHECK(contents_per_page(p)[2] == range(9, 12));

        PageSpec from_two = ten_line_page();
        from_two.first_page = 2;                      // text on 2, figure on 3, blank 4, chapter on 5
        const auto q = build_pages(list, from_two);
        REQUIRE(q.pages.size() == 4);
        CHECK(contents_per_page(q)[1] == std::vector<std::uint32_t>{fig.picture, fig.first_caption});
        CHECK(q.pages[2].blank);
        CHECK(contents_per_page(q)[3] == range(9, 12));
    }
    SECTION("a chapter that runs on: the figure opens the next page, the chapter follows it") {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, 5);
        const auto fig = figure(w, id, pt(60));
        paragraph(w, id, 2);                          // 7, 8
        w.flush_floats();
        paragraph(w, id, 6);                          // 9..14: the next chapter
        const auto p = build_pages(list, ten_line_page());
        REQUIRE(p.pages.size() >= 2);
        CHECK(contents_per_page(p)[0] == join(range(0, 5), range(7, 9)));
        const auto second = contents_per_page(p)[1];
        REQUIRE(second.size() >= 3);
        CHECK(second[0] == fig.picture);
        CHECK(second[1] == fig.first_caption);
        CHECK(second[2] == 9);
    }
    SECTION("at the end of the list") {
        VList list;
        VListWriter w(list);
        std::uint32_t id = 0;
        paragraph(w, id, 5);
        const auto fig = figure(w, id, pt(60));
        paragraph(w, id, 2);
        const auto p = build_pages(list, ten_line_page());
        REQUIRE(p.pages.size() == 2);
        CHECK(contents_per_page(p)[1] == std::vector<std::uint32_t>{fig.picture, fig.first_caption});
    }
}

TEST_CASE("a float is never separated from its caption", "[page_builder][floats]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 5);                              // 0..4
    // The picture alone would fit (51 + 30 = 81) but not its three caption lines.
    const auto fig = figure(w, id, pt(30), 3, {}, 1.0);  // 5; caption 6, 7, 8
    paragraph(w, id, 6);                              // 9..14
    const auto p = build_pages(list, ten_line_page());
    int page_pic = -1, page_cap = -1;
    REQUIRE(find_box(p, fig.picture, &page_pic));
    for (std::uint32_t c = fig.first_caption; c < fig.first_caption + 3; ++c) {
        REQUIRE(find_box(p, c, &page_cap));
        CHECK(page_cap == page_pic);
    }
    CHECK(page_pic == 1);
    // Five lines would fit after the first five, but the sixth would be a widow.
    CHECK(contents_per_page(p)[0] == join(range(0, 5), range(9, 13)));
}

TEST_CASE("a floating caption's note goes with the figure, text notes stay with the text", "[page_builder][floats]") {
    VList list;
    list.notes.push_back({"caption-url", pt(10)});
    list.notes.push_back({"text-url", pt(10)});
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 4);                              // 0..3
    const auto fig = figure(w, id, pt(60), 1, {0});   // caption calls note 0
    // The paragraph after it: its first line calls note 1.
    for (std::size_t i = 0; i < 4; ++i) {
        VItem b = line(id++);
        if (i == 0) b.notes = {1};
        w.box(std::move(b), pt(10), i == 0 ? VListWriter::kNoPenalty : interline_penalty(i - 1, 4, 2, 2));
    }
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 2);
    CHECK(p.pages[0].frames[0].notes == std::vector<std::uint32_t>{1});
    CHECK(p.pages[1].frames[0].notes == std::vector<std::uint32_t>{0});
    int page = -1;
    REQUIRE(find_box(p, fig.first_caption, &page));
    CHECK(page == 1);
    for (const auto& page_result : p.pages)
        for (const auto& f : page_result.frames) CHECK(f.used + f.notes_height <= ten_line_page().body_height);
}

TEST_CASE("a heading before a floated figure still keeps with the text after it", "[page_builder][floats]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 8);                              // 0..7
    w.box(line(id++), pt(10));                        // 8: a heading on line 9
    w.keep_with_next();
    figure(w, id, pt(60));                            // 9, 10: floats
    paragraph(w, id, 4);                              // 11..14: two lines cannot follow the heading
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() >= 2);
    CHECK(contents_per_page(p)[0] == range(0, 8));
    CHECK(contents_per_page(p)[1].front() == 8);
}

TEST_CASE("a figure that opens a list item stays in place but may shrink", "[page_builder][floats]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 5);
    const auto fig = figure(w, id, pt(60));
    list.floats.back().may_float = false;
    paragraph(w, id, 4);                              // 7..10
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() >= 2);
    CHECK(contents_per_page(p)[0] == range(0, 5));
    CHECK(contents_per_page(p)[1].front() == fig.picture);

    SECTION("shrinking is still allowed") {
        VList l2;
        VListWriter w2(l2);
        std::uint32_t i2 = 0;
        paragraph(w2, i2, 5);
        const auto f2 = figure(w2, i2, pt(45));
        l2.floats.back().may_float = false;
        paragraph(w2, i2, 2);
        const auto q = build_pages(l2, ten_line_page());
        const PlacedBox* pic = find_box(q, f2.picture);
        REQUIRE(pic);
        CHECK(pic->height == pt(37));
        CHECK(contents_per_page(q)[0] == range(0, 7));
    }
}

TEST_CASE("a table row that follows a top float gets its header row", "[page_builder][floats]") {
    VList list;
    list.repeats.push_back({pt(8), pt(2), pt(0), 100, {}});
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 5);                              // 0..4
    const auto fig = figure(w, id, pt(60));           // 5, 6
    w.box(line(id++), pt(10));                        // 7: the header row
    w.keep_with_next();
    for (int i = 0; i < 8; ++i) {
        VItem row = line(id++);                       // 8..15
        row.repeat = 0;
        w.box(std::move(row), pt(10));
    }
    const auto p = build_pages(list, ten_line_page());
    REQUIRE(p.pages.size() == 3);
    CHECK(contents_per_page(p)[0] == join(range(0, 5), range(7, 12)));
    // Page 2: the figure (bottom 72), the header at 72 + topskip, row 12 under it.
    const auto& second = p.pages[1].frames[0].boxes;
    REQUIRE(second.size() == 4);
    CHECK(second[0].content == fig.picture);
    CHECK(second[2].content == 100);                  // the header, under the figure
    CHECK(second[2].repeat == 0);
    CHECK(second[2].baseline == pt(80));
    CHECK(second[3].content == 12);
    CHECK(second[3].baseline == pt(90));
}

TEST_CASE("a float deferred from the first column opens the second", "[page_builder][floats]") {
    VList list;
    VListWriter w(list);
    std::uint32_t id = 0;
    paragraph(w, id, 5);
    const auto fig = figure(w, id, pt(60));
    paragraph(w, id, 8);                              // 7..14
    PageSpec spec = ten_line_page();
    spec.columns = 2;
    const auto p = build_pages(list, spec);
    REQUIRE(!p.pages.empty());
    const auto& columns = p.pages[0].frames;
    REQUIRE(columns[1].boxes.size() >= 2);
    CHECK(columns[1].boxes[0].content == fig.picture);
    CHECK(columns[0].boxes.back().content == 11);
}

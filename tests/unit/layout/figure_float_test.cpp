// Figures in whole layouts, with the real fonts and the shipped booklet style: a
// picture that does not fit what is left of a page shrinks (images.min_shrink) or
// floats to the top of the next page while the text after it fills the page, and
// notes stay on the page of what calls them.
//
// The pictures are sized from a first layout of the text alone, so the cases stay
// what they claim to be whatever the fonts and line breaking do to the text.
#include "booklet/source_dir.hpp"
#include "layout_test_support.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/image.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

using namespace booklet;
using namespace booklet::layout_test;

namespace {

// Pixels for `pt` points at 96 dpi (a PNG that names no resolution), and back.
int pixels_for(double pt) { return static_cast<int>(std::lround(pt * 96.0 / 72.0)); }
double points_for(int pixels) { return pixels * 72.0 / 96.0; }

// A grey PNG 150 px wide and `height_px` high.
std::filesystem::path write_png(const std::filesystem::path& dir, const std::string& name, int height_px) {
    std::filesystem::create_directories(dir);
    pages::Raster r;
    r.width = 150;
    r.height = height_px;
    r.channels = 3;
    r.pixels.assign(static_cast<std::size_t>(r.width * r.height * 3), 180);
    const auto bytes = image::encode_png(r);
    std::ofstream(dir / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return dir / name;
}

model::Block figure_block(const std::filesystem::path& file, model::Inlines caption) {
    model::Figure f;
    f.image.file = file;
    f.image.alt = "a chart";
    f.caption = std::move(caption);
    model::Block b;
    b.node = std::move(f);
    return b;
}

// Two paragraphs before the figure (words tagged "zbefore"), three after it
// ("zafter"); the first paragraph after it cites a web page.
model::Blocks before_text() {
    return {para({text(layout_test::words("zbefore", 60))}), para({text(layout_test::words("zbefore", 50))})};
}
model::Blocks after_text() {
    model::Blocks b;
    b.push_back(para({text(layout_test::words("zafter", 20) + " "), web_link("https://example.org/after-text", "cited here"),
                      text(" " + layout_test::words("zafter", 30))}));
    for (int i = 0; i < 6; ++i) b.push_back(para({text(layout_test::words("zafter", 70))}));
    return b;
}

model::Document document(model::Blocks blocks) {
    model::Document doc;
    doc.meta.title = "Figures";
    doc.meta.language = "en";
    doc.chapters.push_back(chapter("figures", "Figures that float", std::move(blocks)));
    return doc;
}

bool in_text_block(const pages::TextItem& t, const style::Style& st) {
    return t.y > st.page.margin_top && t.y <= st.page.height - st.page.margin_bottom;
}

// Room left under the last line of the chapter's first page when it holds only
// the text before the figure.
Sp room_after_before_text(const style::Style& st) {
    const pages::Book book = lay(document(before_text()), st).book;
    const pages::Page& page = book.pages.back();
    Sp last = 0;
    for (const auto* t : texts(page))
        if (in_text_block(*t, st)) last = std::max(last, t->y);
    return st.page.height - st.page.margin_bottom - last;
}

struct Shown {
    std::size_t page = 0;
    pages::ImageItem image;
};
std::optional<Shown> find_picture(const pages::Book& book) {
    for (std::size_t i = 0; i < book.pages.size(); ++i)
        for (const auto& item : book.pages[i].items)
            if (const auto* im = std::get_if<pages::ImageItem>(&item); im && im->raster) return Shown{i, *im};
    return std::nullopt;
}

std::optional<std::size_t> first_page_with(const pages::Book& book, const std::string& word) {
    for (std::size_t i = 0; i < book.pages.size(); ++i)
        if (glued_text(book.pages[i]).find(word) != std::string::npos) return i;
    return std::nullopt;
}
std::optional<std::size_t> last_page_with(const pages::Book& book, const std::string& word) {
    std::optional<std::size_t> last;
    for (std::size_t i = 0; i < book.pages.size(); ++i)
        if (glued_text(book.pages[i]).find(word) != std::string::npos) last = i;
    return last;
}

// The label printed left of the first piece of a note that starts with `url`.
std::string note_label(const pages::Page& page, const std::string& url) {
    const pages::TextItem* piece = nullptr;
    for (const auto* t : texts(page))
        if (t->run.text.rfind(url.substr(0, 12), 0) == 0) {
            piece = t;
            break;
        }
    if (!piece) return {};
    std::string label;
    for (const auto* t : texts(page))
        if (t != piece && t->y == piece->y && t->x < piece->x) label += t->run.text;
    return label;
}

Sp lowest_text(const pages::Page& page, const style::Style& st) {
    Sp low = 0;
    for (const auto* t : texts(page))
        if (in_text_block(*t, st) && t->run.size >= st.body.size) low = std::max(low, t->y);
    return low;
}

}  // namespace

TEST_CASE("a picture slightly too tall for the rest of the page is drawn smaller", "[layout][figures][floats]") {
    const auto style = booklet_style();
    REQUIRE(style.images.min_shrink == Approx(0.75));
    const Sp room = room_after_before_text(style);
    // The case needs a page about half full; tell if the fonts ever change that.
    REQUIRE(room > sp_from_pt(200));
    REQUIRE(room < sp_from_pt(420));
    const auto dir = std::filesystem::temp_directory_path() / "booklet-figure-float-shrink";
    const int px = pixels_for(pt_from_sp(room) * 1.05);
    const double natural_pt = points_for(px);
    model::Blocks blocks = before_text();
    blocks.push_back(figure_block(write_png(dir, "chart.png", px), {text("A chart that shrinks")}));
    for (auto& b : after_text()) blocks.push_back(std::move(b));
    const pages::Book book = lay(document(std::move(blocks)), style).book;

    const auto shown = find_picture(book);
    REQUIRE(shown);
    const pages::Page& page = book.pages[shown->page];
    const Rect r = shown->image.rect;
    const Sp natural = sp_from_pt(natural_pt);
    // Smaller, but not below the floor, and with its aspect ratio (150 px wide).
    CHECK(r.height < natural - sp_from_pt(5));
    CHECK(r.height >= static_cast<Sp>(static_cast<double>(natural) * 0.75) - 2);
    const double aspect = static_cast<double>(r.width) / static_cast<double>(r.height);
    CHECK(aspect == Approx(150.0 / px).epsilon(0.01));
    // Still centred in the column.
    const int number = std::stoi(page.label);
    const Sp left = number % 2 == 1 ? style.page.margin_inner : style.page.margin_outer;
    const Sp column = style.page.width - style.page.margin_inner - style.page.margin_outer;
    CHECK(std::llabs((r.x + r.width / 2) - (left + column / 2)) <= sp_from_pt(0.5));
    // It stayed with the text before it, with its caption, and the page is full.
    CHECK(first_page_with(book, "zbefore") == shown->page);
    CHECK(spaced_text(page).find("A chart that shrinks") != std::string::npos);
    CHECK(first_page_with(book, "zafter") == shown->page + 1);
    CHECK(r.y + r.height <= style.page.height - style.page.margin_bottom);

    SECTION("with images.min_shrink 1 it floats instead") {
        const auto strict = style::load_style("booklet", BOOKLET_SOURCE_DIR "/styles", {"images.min_shrink=1"});
        model::Blocks b2 = before_text();
        b2.push_back(figure_block(dir / "chart.png", {text("A chart that shrinks")}));
        for (auto& b : after_text()) b2.push_back(std::move(b));
        const pages::Book floated = lay(document(std::move(b2)), strict).book;
        const auto moved = find_picture(floated);
        REQUIRE(moved);
        CHECK(std::llabs(moved->image.rect.height - natural) <= sp_from_pt(0.01));
        CHECK(first_page_with(floated, "zafter") == moved->page - 1);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a picture that cannot fit floats to the next page and the text after it fills the gap",
          "[layout][figures][floats]") {
    const auto style = booklet_style();
    const Sp room = room_after_before_text(style);
    REQUIRE(room > sp_from_pt(200));
    REQUIRE(room < sp_from_pt(420));
    const auto dir = std::filesystem::temp_directory_path() / "booklet-figure-float-move";
    // Even at three quarters it needs more than the room left.
    const int px = pixels_for(std::min(pt_from_sp(room) * 1.5, 400.0));
    const double natural_pt = points_for(px);
    REQUIRE(natural_pt * 0.75 > pt_from_sp(room));
    model::Blocks blocks = before_text();
    blocks.push_back(figure_block(
        write_png(dir, "poster.png", px),
        {text("A poster, from "), web_link("https://example.org/poster-source", "its maker")}));
    for (auto& b : after_text()) blocks.push_back(std::move(b));
    const pages::Book book = lay(document(std::move(blocks)), style).book;

    const auto shown = find_picture(book);
    REQUIRE(shown);
    REQUIRE(shown->page >= 1);
    const pages::Page& page = book.pages[shown->page];
    const pages::Page& before = book.pages[shown->page - 1];
    // At full size, at the very top of its page, its caption under it.
    CHECK(std::llabs(shown->image.rect.height - sp_from_pt(natural_pt)) <= sp_from_pt(0.01));
    CHECK(shown->image.rect.y == style.page.margin_top);
    CHECK(spaced_text(page).find("A poster") != std::string::npos);
    for (const auto* t : texts(page))
        if (in_text_block(*t, style)) CHECK(t->y > shown->image.rect.y + shown->image.rect.height);
    // The page before holds all the text before the figure and then text that
    // follows it, down to its foot: no hole.
    CHECK(last_page_with(book, "zbefore") == shown->page - 1);
    CHECK(first_page_with(book, "zafter") == shown->page - 1);
    CHECK(lowest_text(before, style) > style.page.height - style.page.margin_bottom - sp_from_pt(80));
    // Each note is printed on the page of its call: the caption's with the figure,
    // the text's with the text. Numbers follow the reading order.
    CHECK(glued_text(page).find("https://example.org/poster-source") != std::string::npos);
    CHECK(glued_text(before).find("https://example.org/poster-source") == std::string::npos);
    CHECK(glued_text(before).find("https://example.org/after-text") != std::string::npos);
    CHECK(note_label(before, "https://example.org/after-text") == "1");
    CHECK(note_label(page, "https://example.org/poster-source") == "2");
    std::filesystem::remove_all(dir);
}

TEST_CASE("images.min_shrink is a share between one half and one", "[layout][figures][style]") {
    const auto styles = std::string(BOOKLET_SOURCE_DIR "/styles");
    CHECK(style::load_style("booklet", styles, {"images.min_shrink=0.8"}).images.min_shrink == Approx(0.8));
    CHECK_THROWS_AS(style::load_style("booklet", styles, {"images.min_shrink=0.3"}), Error);
    CHECK_THROWS_WITH(style::load_style("booklet", styles, {"images.min_shrink=1.5"}),
                      Catch::Matchers::Contains("min_shrink"));
}

// Box contents joined as composition joins them: a line into its box, a label
// before its text. Taking the items (from an rvalue) must give what copying gives.
#include "content.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <variant>

using namespace booklet;
using layout::BoxContent;

namespace {

// A line's content: a run, a rule under it, a link; with `opens`, the start of a
// chapter at a place in the model.
BoxContent line_content(const std::string& text, Sp x, bool opens = true) {
    BoxContent c;
    pages::TextItem t;
    t.x = x;
    t.y = -sp_from_pt(2);
    t.run.text = text;
    t.run.size = sp_from_pt(10);
    for (std::size_t i = 0; i < text.size(); ++i)
        t.run.glyphs.edit().push_back({.id = static_cast<std::uint32_t>(text[i]), .cluster = static_cast<std::uint32_t>(i),
                                .advance = sp_from_pt(5)});
    c.items.emplace_back(std::move(t));
    pages::RuleItem rule;
    rule.x0 = x;
    rule.x1 = x + sp_from_pt(20);
    c.items.emplace_back(rule);
    layout::PendingLink link;
    link.rect = {x, -sp_from_pt(8), sp_from_pt(20), sp_from_pt(10)};
    link.uri = "https://example.org/" + text;
    c.links.push_back(link);
    c.anchors.push_back("chapter#" + text);
    c.outline.push_back({text, 2});
    c.occurrences = {4, 1};
    c.cited = {2};
    if (opens) {
        c.chapter_opening = 3;
        c.start = page_map::Position{page_map::Place::text, 1, {2}, 0, 5, -1};
    }
    return c;
}

// What a box shows and carries, in one string, to compare two of them.
std::string described(const BoxContent& c) {
    std::string out;
    for (const auto& item : c.items) {
        if (const auto* t = std::get_if<pages::TextItem>(&item)) {
            out += "text " + std::to_string(t->x) + "," + std::to_string(t->y) + " '" + t->run.text + "' glyphs " +
                   std::to_string(t->run.glyphs.size()) + "\n";
        } else if (const auto* r = std::get_if<pages::RuleItem>(&item)) {
            out += "rule " + std::to_string(r->x0) + "-" + std::to_string(r->x1) + "," + std::to_string(r->y0) + "\n";
        }
    }
    for (const auto& l : c.links)
        out += "link " + std::to_string(l.rect.x) + "," + std::to_string(l.rect.y) + " " + l.uri + "\n";
    for (const auto& a : c.anchors) out += "anchor " + a + "\n";
    for (const auto& o : c.outline) out += "outline " + o.title + " " + std::to_string(o.level) + "\n";
    for (auto o : c.occurrences) out += "occurrence " + std::to_string(o) + "\n";
    for (auto o : c.cited) out += "cited " + std::to_string(o) + "\n";
    out += "opening " + std::to_string(c.chapter_opening) + (c.start ? " start\n" : " no start\n");
    return out;
}

}  // namespace

TEST_CASE("a line appended by taking its items reads as one appended as a copy", "[layout][content]") {
    const Sp dx = sp_from_pt(7), dy = sp_from_pt(3);
    BoxContent copied = line_content("first", 0, false);
    BoxContent taken = line_content("first", 0, false);
    const BoxContent second = line_content("second", sp_from_pt(30));

    layout::append_shifted(copied, second, dx, dy);
    BoxContent moved_from = second;
    layout::append_shifted(taken, std::move(moved_from), dx, dy);

    CHECK(described(taken) == described(copied));
    // Moved by (dx, dy), after the box's own items; the notes and citations once each.
    const auto& text = std::get<pages::TextItem>(taken.items[2]);
    CHECK(text.x == sp_from_pt(30) + dx);
    CHECK(text.y == -sp_from_pt(2) + dy);
    CHECK(text.run.glyphs.size() == 6);
    CHECK(taken.links[1].rect.x == sp_from_pt(30) + dx);
    CHECK(taken.occurrences == std::vector<std::uint32_t>{4, 1});
    CHECK(taken.chapter_opening == 3);  // the second's opening, as the first had none
    CHECK(taken.start.has_value());
}

TEST_CASE("a label prepended before its text keeps the text's opening and start", "[layout][content]") {
    BoxContent text = line_content("item", sp_from_pt(10));
    BoxContent label = line_content("1.", 0);
    label.chapter_opening = 9;
    label.start = page_map::Position{page_map::Place::text, 7, {}, 0, 0, -1};
    layout::prepend_shifted(text, label, -sp_from_pt(12), 0);

    REQUIRE(text.items.size() == 4);
    CHECK(std::get<pages::TextItem>(text.items[0]).run.text == "1.");
    CHECK(std::get<pages::TextItem>(text.items[0]).x == -sp_from_pt(12));
    CHECK(std::get<pages::TextItem>(text.items[2]).run.text == "item");
    CHECK(text.chapter_opening == 3);
    REQUIRE(text.start.has_value());
    CHECK(text.start->chapter == 1);
    CHECK(text.anchors == std::vector<std::string>{"chapter#1.", "chapter#item"});
}

// The line cache of the layout context: keyed on the styled text and every line
// breaking option, as their types compare them.
#include "booklet/cite.hpp"
#include "booklet/layout.hpp"
#include "booklet/style.hpp"

#include "context.hpp"
#include "layout_test_support.hpp"

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <vector>

using namespace booklet;

TEST_CASE("lines are cached per styled text and per value of every option", "[layout][cache]") {
    const auto style = layout_test::booklet_style();
    model::Document doc;
    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    const cite::Citations cites = cite::cite_document(doc, style.links, 0);
    layout::LayoutContext ctx(doc, cites, style, fonts, dictionaries, {});

    shape::StyledText text;
    text.text = "A paragraph set once for each set of options that differ.";
    text.ranges.push_back({0, text.text.size(), ctx.text_style(style.body, false, false)});
    linebreak::Options base;
    base.widths = {sp_from_mm(60)};
    base.dictionaries = &dictionaries;

    const layout::CachedLines& first = ctx.lines_for(text, base);
    CHECK(&ctx.lines_for(text, base) == &first);  // the same options find the same entry
    CHECK(ctx.cached_paragraphs() == 1);

    // One field changed at a time, from the options' own fields to their
    // Parameters' and the text's: each is a new entry, as every field it was
    // never told about by hand.
    const std::vector<std::function<void(linebreak::Options&)>> changes = {
        [](auto& o) { o.widths.push_back(sp_from_mm(50)); },
        [](auto& o) { o.align = linebreak::Align::left; },
        [](auto& o) { o.rtl = true; },
        [](auto& o) { o.dictionaries = nullptr; },
        [](auto& o) { o.space_shrink = 0.25; },
        [](auto& o) { o.url_penalty += 1; },
        [](auto& o) { o.last_line_room = sp_from_pt(12); },
        [](auto& o) { o.params.very_tight_demerits += 1; },
        [](auto& o) { o.params.expansion_step = 0.01; },
        [](auto& o) { o.params.looseness = -1; },
    };
    std::size_t expected = 1;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        INFO("change " << i);
        linebreak::Options changed = base;
        changes[i](changed);
        CHECK_FALSE(changed == base);
        const layout::CachedLines& lines = ctx.lines_for(text, changed);
        CHECK(&lines != &first);
        CHECK(ctx.cached_paragraphs() == ++expected);
        CHECK(&ctx.lines_for(text, changed) == &lines);
    }

    shape::StyledText raised = text;
    raised.ranges[0].style.rise = sp_from_pt(1);
    CHECK(&ctx.lines_for(raised, base) != &first);
    CHECK(ctx.cached_paragraphs() == ++expected);
}

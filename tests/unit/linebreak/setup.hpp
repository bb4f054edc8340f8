// The linebreak tests' paragraphs: shaped with the bundled Noto Serif at 10 pt,
// hyphenated with the system's dictionaries.
#pragma once

#include "booklet/source_dir.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/linebreak.hpp"
#include "booklet/shape.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace booklet::linebreak::test {

struct Setup {
    shape::FontRegistry fonts;
    FontId serif = fonts.load(std::filesystem::path(BOOKLET_SOURCE_DIR) / "fonts/noto/NotoSerif-Regular.ttf");
    hyphenate::Dictionaries dictionaries;
    Workspace workspace;

    shape::TextStyle style() const {
        shape::TextStyle s;
        s.fonts.fonts = {serif};
        s.size = sp_from_pt(10);
        return s;
    }

    shape::StyledText text(const std::string& t, const std::string& lang = "en") const {
        shape::StyledText st;
        st.text = t;
        st.lang = lang;
        st.ranges.push_back({0, t.size(), style()});
        return st;
    }

    Options options(Sp width, Align align = Align::justify) {
        Options o;
        o.widths = {width};
        o.align = align;
        o.dictionaries = &dictionaries;
        o.workspace = &workspace;
        return o;
    }

    std::vector<Line> set(const shape::StyledText& t, const Options& o) {
        return break_paragraph(fonts, shape::shape_paragraph(fonts, t), o);
    }

    std::uint32_t glyph_of(const std::string& s) {
        const auto p = shape::shape_paragraph(fonts, text(s));
        REQUIRE(p.glyphs.size() == 1);
        return p.glyphs[0].id;
    }
};

inline std::string line_text(const Line& l) {
    std::string s;
    for (const auto& r : l.runs) s += r.text;
    return s;
}

}  // namespace booklet::linebreak::test

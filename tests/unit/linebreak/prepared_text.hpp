// A prepared paragraph (src/linebreak/prepared.hpp) together with the shaped text
// and options it refers to, for the tests of the breaking steps.
#pragma once

#include "prepared.hpp"
#include "setup.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace booklet::linebreak::test {

struct PreparedText {
    shape::ShapedParagraph shaped;
    Options options;
    PreparedParagraph p;

    PreparedText(Setup& s, const shape::StyledText& text, Options o)
        : shaped(shape::shape_paragraph(s.fonts, text)), options(std::move(o)),
          p(s.fonts, shaped, options, s.workspace.impl()) {}
};

// The shaped width of text[a, b), as the prepared paragraph measures it.
inline Sp prepared_width(Setup& s, const std::string& text, std::uint32_t a, std::uint32_t b) {
    PreparedText probe(s, s.text(text), s.options(sp_from_mm(80)));
    REQUIRE(probe.p.prepare());
    return probe.p.width(a, b);
}

inline std::vector<std::uint32_t> positions(const std::vector<Opportunity>& ops) {
    std::vector<std::uint32_t> out;
    for (const auto& o : ops) out.push_back(o.pos);
    return out;
}

}  // namespace booklet::linebreak::test

#include "booklet/glyphs.hpp"

#include <limits>
#include <stdexcept>
#include <string>

namespace booklet {

GlyphSp glyph_length(Sp v) {
    if (v < std::numeric_limits<GlyphSp>::min() || v > std::numeric_limits<GlyphSp>::max())
        throw std::out_of_range("a glyph length of " + std::to_string(pt_from_sp(v)) + "pt does not fit a glyph");
    return static_cast<GlyphSp>(v);
}

}  // namespace booklet

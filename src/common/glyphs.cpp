#include "booklet/glyphs.hpp"

#include <stdexcept>
#include <string>

namespace booklet {

void throw_glyph_length(Sp v) {
    throw std::out_of_range("a glyph length of " + std::to_string(pt_from_sp(v)) + "pt does not fit a glyph");
}

}  // namespace booklet

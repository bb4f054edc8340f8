// Building pages::Book values by hand for the PDF writer's tests: fonts loaded
// from the repository's fonts/ and text shaped with HarfBuzz directly, so that
// glyph ids, advances, offsets and clusters are the real ones.
#pragma once

#include "booklet/pages.hpp"

#include <filesystem>
#include <string>

namespace booklet::pdf_test {

std::filesystem::path font_path(const std::string& file);  // fonts/noto/<file>

// The font file read into a FontProgram with the metrics HarfBuzz reports.
pages::FontProgram load_font(const std::filesystem::path& file);

// Shapes UTF-8 text in one font at a size, with the font's default features
// (kerning, ligatures, mark positioning). Positions come out in sp.
GlyphRun shape(const pages::FontProgram& font, FontId id, const std::string& text, Sp size);

}  // namespace booklet::pdf_test

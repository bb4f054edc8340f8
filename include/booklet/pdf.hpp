// The PDF writer: the only user of libharu.
//
// Input:  pages::Book (display lists, font programs, rasters).
// Output: a PDF file, written atomically; byte-identical for identical input.
// Fonts are embedded as Type0/CIDFontType2 (Identity-H) subsets made with
// hb-subset, with widths from the font and a ToUnicode CMap built from the glyph
// runs' text; glyph ids are drawn as HarfBuzz produced them.
// Must not: shape text, decide layout or read the model.
#pragma once

#include "booklet/pages.hpp"

#include <filesystem>

namespace booklet::pdf {

// Throws booklet::Error; the target is untouched on failure.
void write_pdf(const pages::Book& book, const std::filesystem::path& target);

}  // namespace booklet::pdf

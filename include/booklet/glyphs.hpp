// Positioned glyphs: the vocabulary the text engine produces and the page
// display list carries to the PDF writer.
//
// A GlyphRun is a piece of one line in one font at one size. Glyph ids are
// HarfBuzz's output as they are (ligatures, alternates, marks); the writer draws
// them by id and never re-derives them from text. Each glyph points back to the
// source text it came from, so the writer can make text extractable.
#pragma once

#include "booklet/units.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace booklet {

// Index of a font in the FontRegistry that produced it, and in Book::fonts.
using FontId = std::uint16_t;

// The two 32-bit fields side by side: 32 bytes a glyph rather than 40 with the
// padding around them (a book holds a glyph per character, the layout's line
// cache as many again).
struct Glyph {
    std::uint32_t id = 0;       // glyph index in the font
    std::uint32_t cluster = 0;  // byte offset of the glyph's cluster in GlyphRun::text
    Sp advance = 0;             // horizontal advance as set (shaped, plus any justification)
    Sp x_offset = 0;            // HarfBuzz offsets, y positive = up
    Sp y_offset = 0;
};

struct GlyphRun {
    FontId font = 0;
    Sp size = 0;                // font size
    Color color = kBlack;
    Sp x = 0;                   // start of the run relative to the line's left edge
    Sp rise = 0;                // baseline shift, positive = up (superscripts)
    std::vector<Glyph> glyphs;  // in visual order
    std::string text;           // the source text this run shows (UTF-8); for an inserted
                                // hyphen the run's text includes the "-" it shows
    std::int32_t tag = -1;      // caller's id from the input span (link, footnote call, ...)
    std::int32_t horizontal_scale = 1000;  // glyphs drawn this many thousandths of their design
                                           // width (font expansion of a justified line); the
                                           // advances and x offsets above already include it

    Sp width() const {
        Sp w = 0;
        for (const auto& g : glyphs) w += g.advance;
        return w;
    }
};

}  // namespace booklet

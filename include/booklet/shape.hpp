// Fonts and shaping: FreeType loads fonts, HarfBuzz shapes styled paragraphs.
//
// Input:  StyledText — one paragraph as a UTF-8 string with styled byte ranges.
// Output: ShapedParagraph — glyphs in logical order with clusters, advances,
//         offsets and unsafe-to-break flags, plus the font chosen per cluster.
// Invariants:
//   - Shaping is done once per paragraph (per run of one font/size/script); line
//     breaking cuts lines from the result and reshapes only at unsafe edges.
//   - All measures are sp; a font's HarfBuzz scale is its size in sp, so HarfBuzz
//     positions are already sp.
//   - Fallback is per cluster: the first font of the range's chain that has every
//     character of the cluster; emoji-presentation clusters go to the colour emoji
//     font when it is installed.
// Must not: know about pages, styles or the model. FreeType and HarfBuzz types stay
//   inside src/shape.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/glyphs.hpp"
#include "booklet/pages.hpp"
#include "booklet/units.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace booklet::shape {

struct FontInfo {
    std::filesystem::path file;
    std::string family;
    std::string postscript_name;
    bool bold = false;
    bool italic = false;
    bool color_bitmap = false;  // CBDT/sbix colour emoji: drawn as images
    int units_per_em = 1000;
    int ascender = 0;           // font units (hhea/OS2 typo), descender negative
    int descender = 0;
    int line_gap = 0;
};

// Owns every loaded font. Fonts are referred to by FontId everywhere else.
class FontRegistry {
public:
    FontRegistry();
    ~FontRegistry();
    FontRegistry(FontRegistry&&) noexcept;
    FontRegistry& operator=(FontRegistry&&) noexcept;
    FontRegistry(const FontRegistry&) = delete;
    FontRegistry& operator=(const FontRegistry&) = delete;

    // Loads a font file once: the same file gives the same id. Throws booklet::Error
    // naming the file when it cannot be read or is not a font.
    FontId load(const std::filesystem::path& file);

    // The system's colour emoji font (Debian's Noto Color Emoji), loaded on first
    // use; nullopt when it is not installed.
    std::optional<FontId> color_emoji();

    std::size_t size() const;
    const FontInfo& info(FontId id) const;
    bool covers(FontId id, char32_t c) const;

    // Ascender/descender of a font at a size, sp (descender positive, below baseline).
    Sp ascent(FontId id, Sp size) const;
    Sp descent(FontId id, Sp size) const;

    // The font program as the PDF writer needs it.
    pages::FontProgram program(FontId id) const;

    // A colour glyph (emoji) as an RGBA-derived raster (RGB + alpha), at the
    // font's best bitmap strike.
    std::optional<pages::Raster> color_glyph(FontId id, std::uint32_t glyph) const;

    struct Impl;
    Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// Fonts to try in order for one style of text: primary first, then fallbacks.
struct FontChain {
    std::vector<FontId> fonts;
};

struct TextStyle {
    FontChain fonts;
    Sp size = sp_from_pt(10);
    Color color = kBlack;
    Sp rise = 0;               // baseline shift, positive = up
    bool hyphenate = true;     // words in this range may be hyphenated
    bool url = false;          // a URL or identifier: may break after / . - _ ? & = #
                               // without a hyphen; never hyphenated
    bool keep_together = false;// no line break inside the range (unless it cannot fit)
    std::string lang;          // BCP 47; "" = the paragraph's language
    std::int32_t tag = -1;     // caller's id, copied to every GlyphRun of the range
};

struct StyledRange {
    std::size_t begin = 0, end = 0;  // byte range in StyledText::text
    TextStyle style;
};

struct StyledText {
    std::string text;                 // UTF-8, NFC
    std::vector<StyledRange> ranges;  // sorted, non-overlapping, covering text entirely
    std::string lang = "en";          // paragraph language, BCP 47
};

struct ShapedGlyph {
    std::uint32_t id = 0;
    FontId font = 0;
    Sp advance = 0;
    Sp x_offset = 0, y_offset = 0;
    std::uint32_t cluster = 0;        // byte offset into StyledText::text
    std::uint32_t range = 0;          // index into StyledText::ranges
    bool unsafe_to_break = false;     // HB_GLYPH_FLAG_UNSAFE_TO_BREAK
};

struct ShapedParagraph {
    StyledText source;
    std::vector<ShapedGlyph> glyphs;  // logical order
};

// Shapes a paragraph. Characters no font of the chain covers are reported once per
// character to `warnings` (kind "missing-glyph") and drawn with the primary font.
ShapedParagraph shape_paragraph(FontRegistry& fonts, StyledText text, Diagnostics* warnings = nullptr);

// Shapes a piece of a paragraph again (line edges at unsafe-to-break positions,
// inserted hyphens): the glyphs for text[begin, end) with the source's styles.
std::vector<ShapedGlyph> reshape_range(FontRegistry& fonts, const StyledText& source, std::size_t begin,
                                       std::size_t end);

// Natural width of a whole string in one style (table measurement, labels).
Sp measure(FontRegistry& fonts, const std::string& text, const TextStyle& style);

}  // namespace booklet::shape

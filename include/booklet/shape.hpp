// Fonts and shaping: FreeType loads fonts, HarfBuzz shapes styled paragraphs.
//
// Input:  StyledText — one paragraph as a UTF-8 string with styled byte ranges.
// Output: ShapedParagraph — glyphs in logical order with clusters, advances,
//         offsets and unsafe-to-break flags, plus the font chosen per cluster.
// Invariants:
//   - Shaping is done once per paragraph (per item of one style range, font,
//     script and bidi level); line breaking cuts lines from the result and
//     reshapes only at unsafe edges. Within an item of a left-to-right Latin,
//     Greek or Cyrillic text in a font whose GSUB/GPOS lookups never involve the
//     space glyph, words are shaped one at a time through a cache: nothing can
//     reach across a space then, so the glyphs are exactly those of shaping the
//     whole item (the shape tests check this against HarfBuzz directly).
//   - All measures are sp; a font's HarfBuzz scale is its size in sp, so HarfBuzz
//     positions are already sp.
//   - Fallback is per cluster (grapheme): the first font of the range's chain that
//     has every character of the cluster, else (with use_system_fallback) a system
//     font fontconfig finds for it and the language; emoji-presentation clusters (VS16, ZWJ
//     sequences, flags, keycaps, characters that default to emoji presentation) go
//     to the colour emoji font when it is installed. A cluster no font can show gets
//     a visible placeholder (a white square) and one warning per character, never
//     glyph 0 and never a silent space.
//   - Glyphs are kept in logical order (right-to-left runs are reversed back), with
//     clusters as byte offsets into the paragraph text; line separators (LF, CR,
//     U+2028, U+2029) get no glyph, tabs are shaped as spaces.
// Must not: know about pages, styles or the model. FreeType and HarfBuzz types stay
//   inside src/shape.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/glyphs.hpp"
#include "booklet/pages.hpp"
#include "booklet/units.hpp"

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
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
// Not thread-safe: it holds the shaping caches and working memory; use one
// registry per thread.
class FontRegistry {
public:
    FontRegistry();
    ~FontRegistry();
    FontRegistry(FontRegistry&&) noexcept;
    FontRegistry& operator=(FontRegistry&&) noexcept;
    FontRegistry(const FontRegistry&) = delete;
    FontRegistry& operator=(const FontRegistry&) = delete;

    // Loads a font file (the face `face_index` of a collection) once: the same file
    // and face give the same id. Throws booklet::Error naming the file when it cannot
    // be read or is not a font.
    FontId load(const std::filesystem::path& file, unsigned face_index = 0);

    // When no font of a chain has a cluster, ask fontconfig for an installed font
    // that has it, for the text's language and near its weight and slant (off by
    // default; layout turns it on unless the style says fonts.system_fallback: false).
    void use_system_fallback(bool on);

    // The system's colour emoji font (Debian's Noto Color Emoji at
    // /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf, else found through
    // fontconfig), loaded on first use; nullopt when it is not installed.
    std::optional<FontId> color_emoji();
    // Tests and styles that want outline emoji: never look for the colour font.
    void disable_color_emoji();

    // What shaping notes for the build's report: characters no font had (see
    // report_missing_characters) and whether the missing emoji font was warned of.
    // A session that keeps the registry across builds (booklet watch) forgets them
    // before each build, and notes again the characters of the paragraphs it
    // reuses shaped: take_missing() hands over (and clears) what was noted.
    void forget_build_notes();
    std::set<char32_t> take_missing();
    void note_missing(const std::set<char32_t>& characters);

    std::size_t size() const;
    const FontInfo& info(FontId id) const;

    // What a loaded font is, apart from the order it was loaded in (which its FontId
    // is): the file as the registry keys it (its canonical path), the face, and a
    // SHA-256 over the file's size and the face's table directory, whose records
    // hold every table's checksum, so that the same path holding another font (an
    // upgraded package) is another identity. Read from the file once per font.
    struct Identity {
        std::filesystem::path file;
        unsigned face = 0;
        std::array<std::uint8_t, 32> digest{};
        friend bool operator==(const Identity&, const Identity&) = default;
    };
    const Identity& identity(FontId id) const;
    // The id of a font already loaded with this identity; nullopt when none is (a
    // lookup: nothing is loaded).
    std::optional<FontId> loaded(const Identity& identity) const;
    // Counts every change to what shaping may consult besides the fonts asked for:
    // a font loaded, a system fallback found or missed, the colour emoji font looked
    // up, its absence warned of. Equal before and after shaping a paragraph: that
    // paragraph changed nothing a later one could see, and was set from the chains
    // it names and the colour emoji font alone.
    std::uint64_t generation() const;
    bool covers(FontId id, char32_t c) const;

    // Ascender/descender of a font at a size, sp (descender positive, below baseline).
    Sp ascent(FontId id, Sp size) const;
    Sp descent(FontId id, Sp size) const;

    // The font program as the PDF writer needs it.
    pages::FontProgram program(FontId id) const;

    // A colour glyph (emoji) as a raster (RGB + alpha, not premultiplied), at the
    // font's largest bitmap strike, with where it sits: place it at a font size s by
    // scaling pixels by s / ppem, left edge bearing_x and top edge bearing_y pixels
    // from the glyph origin (y up). nullopt when the font has no colour image for it.
    struct ColorGlyph {
        pages::Raster raster;
        int ppem = 0;        // pixels per em of the strike
        int bearing_x = 0;   // pixels from the origin to the left edge
        int bearing_y = 0;   // pixels from the baseline up to the top edge
    };
    std::optional<ColorGlyph> color_glyph(FontId id, std::uint32_t glyph) const;

    struct Impl;
    Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// Fonts to try in order for one style of text: primary first, then fallbacks.
// The text types compare member by member (derived, not listed by hand): the
// layout's caches key shaped and broken paragraphs on them, and a field added here
// must take part in the key without anyone remembering to add it there.
struct FontChain {
    static constexpr std::size_t kMaxFonts = 16;

    // The ids in place: a text style is copied for every range of every paragraph in
    // every layout pass, and as a vector each copy was an allocation (130,000 of
    // them in a build of the English corpus).
    class List {
    public:
        List() = default;
        List(std::initializer_list<FontId> ids) {
            for (FontId id : ids) push_back(id);
        }
        // Past kMaxFonts: the style reader refuses such a style, so this is a bug.
        void push_back(FontId id) {
            if (count_ == kMaxFonts)
                throw std::length_error("a font chain holds at most " + std::to_string(kMaxFonts) + " fonts");
            ids_[count_++] = id;
        }
        std::size_t size() const { return count_; }
        bool empty() const { return count_ == 0; }
        const FontId* begin() const { return ids_.data(); }
        const FontId* end() const { return ids_.data() + count_; }
        FontId operator[](std::size_t i) const { return ids_[i]; }
        // Derived: the slots past the end stay zero, so equal lists compare equal.
        friend auto operator<=>(const List&, const List&) = default;

    private:
        std::array<FontId, kMaxFonts> ids_{};
        std::uint8_t count_ = 0;
    };

    List fonts;
    friend auto operator<=>(const FontChain&, const FontChain&) = default;
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
    bool color_emoji = true;   // emoji-presentation clusters use the colour emoji font
    std::string lang;          // BCP 47; "" = the paragraph's language
    std::int32_t tag = -1;     // caller's id, copied to every GlyphRun of the range
    friend auto operator<=>(const TextStyle&, const TextStyle&) = default;
};

struct StyledRange {
    std::size_t begin = 0, end = 0;  // byte range in StyledText::text
    TextStyle style;
    friend auto operator<=>(const StyledRange&, const StyledRange&) = default;
};

struct StyledText {
    std::string text;                 // UTF-8, NFC
    std::vector<StyledRange> ranges;  // sorted, non-overlapping, covering text entirely
    std::string lang = "en";          // paragraph language, BCP 47
    bool right_to_left = false;       // base direction RTL; else the first strong
                                      // character decides (left to right without one)
    friend auto operator<=>(const StyledText&, const StyledText&) = default;
};

struct ShapedGlyph {
    std::uint32_t id = 0;
    FontId font = 0;
    Sp advance = 0;
    Sp x_offset = 0, y_offset = 0;
    std::uint32_t cluster = 0;        // byte offset into StyledText::text
    std::uint32_t range = 0;          // index into StyledText::ranges
    bool unsafe_to_break = false;     // HB_GLYPH_FLAG_UNSAFE_TO_BREAK: breaking before
                                      // this glyph's cluster needs reshaping
    std::uint8_t level = 0;           // bidi embedding level; odd = right-to-left
};

struct ShapedParagraph {
    StyledText source;
    std::vector<ShapedGlyph> glyphs;  // logical order
};

// Shapes a paragraph. Characters no font of the chain covers are drawn as a
// placeholder and remembered in the registry (see report_missing_characters); a
// missing colour emoji font is reported once (kind "emoji-font-missing").
ShapedParagraph shape_paragraph(FontRegistry& fonts, StyledText text, Diagnostics* warnings = nullptr);

// The characters that no font of their chain had, grouped by Unicode script, with
// the Debian package whose Noto fonts cover that script and a family of it that a
// style can name in fonts.fallbacks (package and family empty when none is known).
struct MissingScript {
    std::string script;                // Unicode script name: "Han", "Devanagari", "Common"
    std::vector<char32_t> characters;  // ascending
    std::string package;               // "fonts-noto-core", "fonts-noto-cjk" or ""
    std::string family;                // "Noto Sans Devanagari", "Noto Sans CJK SC" or ""
};
std::vector<MissingScript> missing_characters(const FontRegistry& fonts);  // sorted by script

// The versions of HarfBuzz, FreeType and ICU the program runs with ("harfbuzz 6.0.0
// freetype 2.12.1 icu 72.1"): an upgrade of one may set a paragraph otherwise, so
// the set paragraphs kept between builds are keyed by it.
std::string library_versions();

// One diagnostic per script of missing_characters (kind "missing-glyph"): how many
// characters, the first few with their code points, and the package to install. A
// warning, or an error where the style asks (`fonts.missing_glyphs: error`).
enum class MissingSeverity { warning, error };
void report_missing_characters(const FontRegistry& fonts, Diagnostics& diags, MissingSeverity severity);

// Shapes a piece of a paragraph again (line edges at unsafe-to-break positions):
// the glyphs for text[begin, end) with the source's styles, the rest of the text
// serving as context. Clusters stay offsets into source.text.
std::vector<ShapedGlyph> reshape_range(FontRegistry& fonts, const StyledText& source, std::size_t begin,
                                       std::size_t end);

// A paragraph's base direction by UAX #9 rules P2 and P3: true when its first
// strong character (outside isolates) is right-to-left, false when left-to-right,
// nullopt when it has none (digits, punctuation), so that the caller's default (the
// language's direction) decides.
std::optional<bool> first_strong_is_rtl(const std::string& utf8);

// Text in capitals by Unicode's full case mapping for a language (ICU): "ń" gives
// "Ń", German "ß" gives "SS", Turkish "i" gives "İ", Greek drops its accents. For
// styles with `uppercase`.
std::string upper_case(std::string_view utf8, const std::string& lang);

// Natural width of a whole string in one style (table measurement, labels).
Sp measure(FontRegistry& fonts, const std::string& text, const TextStyle& style);

}  // namespace booklet::shape

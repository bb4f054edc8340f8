// Inside src/linebreak only: the prepared paragraph, what every stage after it
// reads. Breaking a paragraph runs in the steps of typst's inline layout:
//   prepare (prepare.cpp)       text decoded, glyphs indexed by text position, break
//                               opportunities and hyphenation points found;
//   break search (items.cpp,    per pass, the box/glue/penalty list and Knuth–Plass
//   break_search.cpp)           over it;
//   commit (commit.cpp)         each chosen line cut from the glyphs, reshaped at
//                               unsafe edges, hyphenated, expanded and justified,
//                               split into GlyphRuns.
#pragma once

#include "booklet/linebreak.hpp"
#include "knuth_plass_scratch.hpp"

#include <unicode/uversion.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace booklet::linebreak {

enum class Kind : std::uint8_t {
    box,
    space,            // inter-word glue (breakable or not)
    hard,             // a forced break after a line separator
    soft_hyphen,      // after U+00AD: shows a hyphen when taken
    auto_hyphen,      // a dictionary hyphenation point
    silent_hyphen,    // a dictionary point in Thai, which breaks a word without a hyphen
    explicit_hyphen,  // after a hyphen in the text
    other,            // after a dash, a slash...
    intercharacter,   // between ideographs or kana, or between Thai (Lao, Khmer, Burmese)
                      // words: a break, and where a justified line stretches
    url,              // inside a URL range
    emergency,        // inside an over-wide token, or a kept-together range (third pass)
    filler,           // ragged-right helper glue, paragraph end
};

struct Opportunity {
    std::uint32_t pos = 0;
    Kind kind = Kind::other;
};

struct SpaceRun {
    std::uint32_t begin = 0, end = 0;
    bool breakable = false;   // a UAX #14 break follows it
    bool nbsp = false;        // a no-break space: stretches, never breaks
    bool kept = false;        // inside a keep_together range: breakable only in the third pass
    bool overwide = false;    // third pass: inside a stretch with no break wider than a line
};

// Information to get from an item back to the text.
struct ItemText {
    std::uint32_t begin = 0, end = 0;  // box: its text; glue: the spaces; penalty: [pos, pos)
    Kind kind = Kind::box;
    std::uint32_t range = 0;           // style range at begin
};

// What a break adds to the line before it and to the line after it (see
// PreparedParagraph::edge_fix).
struct EdgeFix {
    Sp before = 0, after = 0;
};

struct GlueUse {
    std::uint32_t begin, end;
    Sp stretch, shrink;
};

struct Segment {              // a run of one range, font and level within a line
    std::size_t g0, g1;       // glyphs (logical order)
    std::uint32_t t0, t1;     // text
    std::uint8_t level;
};

struct Decoded {
    std::vector<char32_t> chars;        // code points
    std::vector<std::uint32_t> starts;  // byte offset of each, plus text size at the end
    std::vector<std::uint32_t> index;   // byte offset -> code point index (of the character containing it)
};

bool is_breakable_space(char32_t c);
bool is_line_separator(char32_t c);

// Working memory of the breaker, kept in the Workspace so that paragraph after
// paragraph reuses it.
struct BreakScratch {
    std::vector<shape::ShapedGlyph> line_glyphs;
    std::vector<GlueUse> glue;
    std::vector<Segment> segments;
    std::vector<std::size_t> order;
    KnuthPlassScratch knuth_plass;
    Decoded decoded;
    std::vector<std::uint32_t> glyph_at, range_at;
    std::vector<Sp> glyph_x;
    std::vector<Sp> glyph_xe;  // prefix sums of the advances that font expansion scales
    std::vector<char> line_expandable;
    std::vector<Opportunity> opportunities, kept_opportunities, hyphen_points, points, icu;
    std::vector<SpaceRun> spaces;
    std::vector<Item> items;
    std::vector<ItemText> item_text;
    std::vector<std::pair<bool, const hyphenate::Hyphenator*>> range_hyphenators;
    std::unordered_map<std::uint32_t, EdgeFix> edge_fixes;  // by text position, this paragraph's
};

struct Workspace::Impl {
    std::map<std::string, std::unique_ptr<icu::BreakIterator>> iterators;  // by language tag
    struct HyphenGlyph {
        FontId font = 0;
        std::uint32_t id = 0;
        Sp advance = 0, x_offset = 0, y_offset = 0;
    };
    std::map<std::pair<FontId, Sp>, HyphenGlyph> hyphens;  // FontIds of `registry`
    const shape::FontRegistry* registry = nullptr;
    BreakScratch scratch;

    Impl();
    ~Impl();

    // The hyphen glyphs are only valid for the registry they were shaped with.
    void use_registry(const shape::FontRegistry& fonts) {
        if (registry != &fonts) hyphens.clear();
        registry = &fonts;
    }

    icu::BreakIterator* iterator(const std::string& lang);
};

using HyphenGlyph = Workspace::Impl::HyphenGlyph;

// A shaped paragraph made ready for breaking: its text decoded, its glyphs indexed
// by text position, where lines may break and how wide every piece is. The item
// lists of the passes and the committed lines are all built from it. Its vectors
// live in the workspace's scratch memory.
class PreparedParagraph {
public:
    PreparedParagraph(shape::FontRegistry& fonts, const shape::ShapedParagraph& paragraph, const Options& options,
                      Workspace::Impl& ws);

    // False when there is nothing to set (no text, widths or ranges; only spaces).
    bool prepare();

    shape::FontRegistry& fonts;
    const shape::ShapedParagraph& paragraph;
    const std::string& text;
    const Options& opt;
    Workspace::Impl& ws;
    BreakScratch& sc = ws.scratch;

    std::uint32_t content_begin = 0, content_end = 0;  // text without leading/trailing spaces
    Sp min_width = 0;
    // Font expansion limits and step in thousandths; 0 when lines are not expanded.
    int expand_stretch = 0, expand_shrink = 0, expand_step = 1;

    // ICU + URL opportunities, sorted, no spaces; those suppressed by keep_together;
    // the runs of spaces.
    const std::vector<Opportunity>& opportunities() const { return sc.opportunities; }
    const std::vector<Opportunity>& kept_opportunities() const { return sc.kept_opportunities; }
    std::vector<SpaceRun>& spaces() { return sc.spaces; }
    const std::vector<SpaceRun>& spaces() const { return sc.spaces; }
    // Dictionary hyphenation points, found on first use (the first pass needs none).
    const std::vector<Opportunity>& hyphen_points();

    const Decoded& decoded() const { return sc.decoded; }
    const shape::TextStyle& style_at_char(std::size_t ci) const;
    const shape::TextStyle& style_at(std::uint32_t pos) const;
    std::uint32_t range_index_at(std::uint32_t pos) const;
    // The style range of the text just before `pos` (what a break there ends).
    std::uint32_t range_before(std::uint32_t pos) const { return range_index_at(pos > 0 ? pos - 1 : 0); }
    char32_t char_before(std::uint32_t pos) const;
    char32_t char_at(std::uint32_t pos) const;  // the character starting at pos; 0 at the end
    // The first glyph whose cluster is at or after byte offset `pos`.
    std::uint32_t glyph_at(std::uint32_t pos) const { return sc.glyph_at[pos]; }
    Sp width(std::uint32_t a, std::uint32_t b) const;
    Sp expandable_width(std::uint32_t a, std::uint32_t b) const;
    bool ragged() const { return opt.align != Align::justify; }
    bool expanding() const { return expand_stretch > 0 || expand_shrink > 0; }
    // Spaces are glue, and colour emoji are pictures: font expansion scales the rest.
    bool expandable(const shape::ShapedGlyph& g) const;

    // A line that starts or ends at `pos` must be reshaped there.
    bool unsafe_at(std::uint32_t pos) const;
    // The word pieces around `pos` that a cut there reshapes.
    std::uint32_t word_start_before(std::uint32_t pos) const;
    std::uint32_t word_end_after(std::uint32_t pos) const;
    EdgeFix edge_fix(std::uint32_t pos);

    // The hyphen a break at `pos` shows: shaped in the font of the glyph before it.
    HyphenGlyph hyphen_at(std::uint32_t pos);
    // What may hang past the right edge of a justified line ending at `pos`, or
    // ending with a hyphen of this advance.
    Sp protrusion_before(std::uint32_t pos) const;
    Sp hyphen_protrusion(Sp hyphen_advance) const;

private:
    void index_glyphs();
    void index_ranges();
    void find_content_bounds();
    void set_expansion_limits();
    void find_opportunities();
    void collect_icu_breaks();
    void collect_spaces();
    void sort_icu_breaks(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& urls,
                         const std::vector<std::pair<std::uint32_t, std::uint32_t>>& keeps);
    void keep_spaced_dashes();
    void add_url_breaks(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& urls);
    void find_hyphen_points();
    bool joins_word(std::size_t ci, bool after) const;
    bool may_hyphenate(std::size_t first, std::size_t end) const;
    const hyphenate::Hyphenator* hyphenator_for_range(std::uint32_t range);
    HyphenGlyph hyphen_for(FontId font, Sp size, std::uint32_t range);

    bool hyphen_points_ready_ = false;
};

}  // namespace booklet::linebreak

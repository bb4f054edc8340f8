// Line breaking: Knuth–Plass total-fit over a shaped paragraph.
//
// Input:  a ShapedParagraph, line widths, alignment; hyphenation dictionaries.
// Output: Lines of positioned GlyphRuns with their widths and heights.
// Invariants:
//   - Break opportunities come from UAX #14 (ICU's line break iterator): no break at
//     NBSP (which still stretches like a space), U+2011, U+202F; a soft hyphen is a
//     hyphenation point that shows a hyphen only when taken. Hyphenation points come
//     from booklet/hyphenate.hpp; measures only from the shaped advances.
//   - Three passes, as TeX does them: without automatic hyphenation at a strict
//     tolerance, then with hyphenation at a wider one, then an emergency pass with no
//     tolerance limit in which over-wide tokens may break between any two clusters.
//   - No line is wider than its width unless a single cluster is (last resort).
//   - URL ranges break only after / . - _ ? & = # and never gain a hyphen; inside
//     them nothing is hyphenated.
//   - Justified lines stretch or shrink their inter-word spaces and, within small
//     limits, the width of their glyphs (font expansion, Parameters::expansion_*);
//     the inserted hyphen is a real hyphen glyph shaped in the font of the text
//     before it. Ragged lines keep natural spaces and glyphs.
//   - A line is measured for breaking exactly as it is set: where a break falls at
//     a position HarfBuzz marks unsafe (inside a ligature, between kerned letters),
//     the pieces on either side are reshaped and their widths used.
// The algorithm follows Knuth & Plass, "Breaking Paragraphs into Lines" (Software:
// Practice and Experience 11, 1981), with TeX's refinements (The TeXbook ch. 14,
// tex.web §813–890): fitness classes, flagged (hyphen) demerits, final-hyphen demerits.
// Must not: know about pages, blocks or styles.
#pragma once

#include "booklet/glyphs.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/shape.hpp"
#include "booklet/units.hpp"

#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace booklet::linebreak {

// ------------------------------------------------ the abstract algorithm (no fonts)

enum class ItemKind { box, glue, penalty };

// Glue with this much stretch (or more) is infinite, like TeX's "fil": a line that
// contains it is never loose (\parfillskip, the end of a line before a forced break).
inline constexpr Sp kFilStretch = Sp{1} << 48;

struct Item {
    ItemKind kind = ItemKind::box;
    Sp width = 0;
    Sp stretch = 0;     // glue: its stretch, >= kFilStretch is infinite; box: how much wider
                        // font expansion may set it (finite only)
    Sp shrink = 0;      // glue: its shrink; box: how much narrower font expansion may set it
    int penalty = 0;    // penalty only; >= kInfinitePenalty forbids, <= -kInfinitePenalty forces
    bool flagged = false;  // penalty only: a hyphen break (consecutive flagged breaks cost extra)
    Sp post_width = 0;  // glue or penalty: width the next line gains when the paragraph breaks
                        // here (TeX's post-break text of a discretionary; a word split where
                        // shaping differs on either side of the break)
};

inline constexpr int kInfinitePenalty = 10000;

// The defaults are booklet's, tuned on the 75 corpus pages as the default A5 style
// sets them (115 mm, Noto Serif 10 pt; bench/text_bench --stats and
// ../shared/tools/pdf-typography on the built booklets, see bench/README.md) against
// the targets: TeX's values where they serve, plus two thresholds that TeX
// does not have. The adjustment ratio counts the glue and the font expansion
// together, which share every adjustment in proportion, so a ratio means the same
// space width with or without expansion (up to ratio 1). A line whose spaces pass
// about 0.39 em (ratio 1 with a 0.26 em space that stretches by half) costs as much
// as ~550 of hyphen penalty, so a hyphen is used to avoid it, not merely to smooth
// the paragraph; a line that uses more than 2/3 of its shrink pays for it too.
struct Parameters {
    double tolerance = 2.0;            // largest adjustment ratio a line may have (stretch side)
    int line_penalty = 10;             // TeX's \linepenalty: favours fewer lines
    int flagged_demerits = 10000;      // two hyphenated lines in a row (TeX's \doublehyphendemerits)
    int fitness_demerits = 5000;       // adjacent lines of very different tightness (\adjdemerits)
    int final_hyphen_demerits = 5000;  // hyphen on the second-to-last line (\finalhyphendemerits)
    int very_loose_demerits = 300000;  // extra for each line stretched beyond...
    double very_loose_ratio = 1.0;     // ...this adjustment ratio
    int very_tight_demerits = 100000;  // extra for each line shrunk beyond...
    double very_tight_ratio = -0.67;   // ...this (negative) adjustment ratio
    int max_consecutive_flagged = 2;   // a third hyphenated line in a row is not allowed
    int lone_word_demerits = 100000;   // last line holds a single word narrower than...
    double lone_word_fraction = 0.25;  // ...this fraction of its width (a "runt"; costs about
                                       // a hyphen, so it is avoided where avoidable)
    int looseness = 0;                 // TeX's \looseness: prefer this many more (fewer) lines
    bool emergency = false;            // never fail: keep overfull lines when nothing else fits

    // Font expansion, as pdfTeX's \adjustspacing does it (Hàn Thế Thành, "Micro-
    // typographic extensions to the TeX typesetting system", PhD thesis, Masaryk
    // University Brno, 2000, ch. 3): a justified line may set its glyphs up to
    // expansion_stretch wider or expansion_shrink narrower (fractions of their
    // widths), in steps of expansion_step, every glyph of the line by the same
    // factor. The boxes of a line stretch and shrink in proportion to their widths
    // and take part in the adjustment ratio together with the glue; the line then
    // gives the glyphs their proportional share (rounded to a step, never beyond the
    // limit) and the spaces the rest. Ragged lines and colour-bitmap glyphs are not
    // expanded. 0 turns it off. booklet allows 2.5 % either way, between microtype's
    // default (2 %) and the pdfTeX manual's example (3 % wider, 2 % narrower): on the
    // corpus it removes the last loose lines that 2 % leaves and needs fewer hyphens
    // (bench/README.md has the comparison); adjacent lines then differ by at most 5 %,
    // which we could not see on the printed pages.
    double expansion_stretch = 0.025;
    double expansion_shrink = 0.025;
    double expansion_step = 0.005;

    friend auto operator<=>(const Parameters&, const Parameters&) = default;
};

struct Break {
    std::size_t item = 0;    // index of the glue or penalty item broken at
    double ratio = 0;        // adjustment ratio of the line that ends here
};

// Total-fit breaks for items whose line i has widths[min(i, widths.size()-1)]. The
// items must end with a forced break (penalty <= -kInfinitePenalty). The last Break
// is at the final item. Returns empty when no feasible set exists within the
// tolerance (the caller retries looser or falls back); with params.emergency it
// always returns breaks, overfull where nothing fits.
std::vector<Break> knuth_plass(const std::vector<Item>& items, const std::vector<Sp>& widths,
                               const Parameters& params);

// Greedy first-fit on the same items (each line takes as much as fits, shrinking
// spaces if needed): for comparison in tests and benchmarks. Never fails.
std::vector<Break> first_fit(const std::vector<Item>& items, const std::vector<Sp>& widths);

// ------------------------------------------------ paragraphs

enum class Align { justify, left, right, center };

// Caches that live longer than one paragraph: ICU line break iterators per language,
// hyphen glyphs per font and size, and working memory. Optional; pass one per
// document (or per thread) to save the set-up per paragraph (about a tenth of the
// breaking time). It holds no pointers into dictionaries; its hyphen glyphs belong
// to the FontRegistry it was last used with and are dropped when it meets another.
// Not thread-safe.
class Workspace {
public:
    Workspace();
    ~Workspace();
    Workspace(Workspace&&) noexcept;
    Workspace& operator=(Workspace&&) noexcept;
    struct Impl;
    Impl& impl() { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// Which pass produced a paragraph's lines (for tests and the benchmark).
struct Report {
    int pass = 0;                // 1 = no hyphenation, 2 = hyphenation, 3 = emergency, 0 = greedy
    bool overfull = false;       // a line is wider than its width (a single cluster was)
};

struct Options {
    std::vector<Sp> widths;          // line i: widths[min(i, size-1)]; must not be empty
    Align align = Align::justify;
    // The paragraph's base direction is right to left: left and right alignment
    // mean start and end, so they are mirrored, and the last line of a justified
    // paragraph ends at the left (its start is the right edge).
    bool rtl = false;
    bool justify_last_line = false;
    bool hyphenate = true;           // master switch; ranges can still turn it off
    hyphenate::Dictionaries* dictionaries = nullptr;  // nullptr = no automatic hyphenation
    Parameters params;               // tolerance here is the second pass's
    double first_pass_tolerance = 1.0;  // without hyphenation; <= 0 skips the first pass
    bool greedy = false;             // first-fit instead of total-fit (comparisons only)

    // Inter-word glue, as fractions of the shaped space's width: TeX's Computer Modern
    // values, stretch 1/2 and shrink 1/3 of the space. (Without font expansion booklet
    // let spaces shrink to half; the glyphs' share now gives lines that room, and no
    // space drops below 2/3 of its width.)
    double space_stretch = 0.5;
    double space_shrink = 1.0 / 3.0;
    // Where a script sets no spaces between words, justification widens the gaps
    // between characters instead: between ideographs and kana (every gap a
    // break, as in JIS X 4051), and between the dictionary words of Thai, Lao,
    // Khmer and Burmese. Stretch per gap, in em of the text; no shrink.
    double intercharacter_stretch_em = 0.1;
    // Ragged lines: the right-side stretch per line, in em of the text (Knuth & Plass's
    // ragged-right construction: glue(0, S) penalty glue(space, -S)).
    double ragged_stretch_em = 3.0;
    // Justified lines let a final hyphen, comma, period, colon or closing quote hang
    // partly into the right margin (optical margin alignment), and break knowing it.
    bool protrusion = true;

    int hyphen_penalty = 550;          // automatic and soft hyphens (TeX's \hyphenpenalty is 50:
                                       // booklet hyphenates ~2x less, see Parameters)
    int explicit_hyphen_penalty = 50;  // after a hyphen in the text (\exhyphenpenalty)
    int other_break_penalty = 50;      // after a dash, slash or between ideographs
    int url_penalty = 100;             // inside a URL range
    int emergency_penalty = 2000;      // inside an over-wide token (third pass)

    // TeX's \parfillskip with a natural width: the last line of the paragraph ends
    // at least this far short of its width (shrinking, or moving words to a new
    // line, as needed). A justified paragraph whose last line runs to the full
    // measure reads as one that goes on, across a page break as well.
    Sp last_line_room = 0;

    Workspace* workspace = nullptr;  // optional caches, see above
    Report* report = nullptr;        // optional: which pass was used

    // Member by member, derived: the layout caches lines by their options, and a
    // new option must be part of that key by itself. The pointers compare by
    // identity (another set of dictionaries may hyphenate differently).
    friend auto operator<=>(const Options&, const Options&) = default;
};

struct Line {
    std::vector<GlyphRun> runs;      // x relative to the line's left edge, alignment applied
    Sp width = 0;                    // the width the line was set to
    Sp natural_width = 0;            // sum of advances before justification
    Sp ascent = 0, descent = 0;      // tallest run's extent above/below the baseline
    double ratio = 0;                // adjustment ratio (0 = natural, 1 = all stretch used;
                                     // glue and font expansion together)
    int expansion = 0;               // font expansion of the line's glyphs, thousandths of their
                                     // width (+ wider, - narrower); see GlyphRun::horizontal_scale
    bool hyphenated = false;         // ends with an inserted hyphen
    bool ends_paragraph_or_forced = false;  // last line, or before a forced break (not justified)
    std::size_t text_begin = 0, text_end = 0;  // byte range of the source shown
};

std::vector<Line> break_paragraph(shape::FontRegistry& fonts, const shape::ShapedParagraph& paragraph,
                                  const Options& options);

}  // namespace booklet::linebreak

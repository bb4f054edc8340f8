// Which characters each drawn glyph stands for: the basis of the ToUnicode CMap
// and of /ActualText spans.
//
// A glyph run carries, for every glyph, the byte offset of its cluster in the
// run's text. A cluster drawn as one glyph (a letter, an "ffi" ligature, a
// precomposed "é" for "e" + U+0301) maps that glyph to the whole cluster text. A
// cluster drawn as several glyphs maps one-to-one only when each glyph is the
// font's own glyph for the corresponding character, in order (a base letter and
// a combining mark positioned by GPOS); anything else (reordered or decomposed
// glyphs) cannot be told apart glyph by glyph and is written as an /ActualText
// span instead. A glyph can only have one ToUnicode entry per font, so the most
// frequent text wins and the other occurrences get spans too.
#pragma once

#include "booklet/glyphs.hpp"
#include "booklet/pdf.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::pdf {

// Consecutive glyphs of a run that belong to one cluster.
struct GlyphGroup {
    // How the text of each glyph is known: the whole cluster (a single glyph), one
    // character each (glyphs one to one with the characters), or not at all (the
    // group then needs /ActualText). No string per glyph: a book has hundreds of
    // thousands of glyphs.
    enum class Attribution : std::uint8_t { none, whole, per_character };

    std::size_t first = 0;  // index of the first glyph in GlyphRun::glyphs
    std::size_t count = 0;
    std::u32string text;  // the cluster's characters
    Attribution attribution = Attribution::none;

    bool attributed() const { return attribution != Attribution::none; }
    // Glyph k's own text; only when attributed().
    std::u32string_view glyph_text(std::size_t k) const {
        const std::u32string_view all = text;
        return attribution == Attribution::whole ? all : all.substr(k, 1);
    }
};

// The glyph the font's cmap gives a character, if any.
using NominalGlyph = std::function<std::optional<std::uint32_t>(char32_t)>;

// Splits runs into cluster groups in drawing order, keeping its working memory
// from run to run: the writer groups every run of a book twice, and three fresh
// vectors a run were as many allocations as the rest of the PDF writer made.
class ClusterGrouper {
public:
    // The groups of `run`, valid until the next call.
    std::span<const GlyphGroup> group(const GlyphRun& run, const NominalGlyph& nominal);

private:
    std::vector<std::uint32_t> starts_;  // the run's cluster values, sorted, once each
    std::vector<char> seen_;             // per entry of starts_: its text is given already
    // The groups, overwritten from run to run (their texts keep their memory).
    std::vector<GlyphGroup> groups_;
};

// The same, for one run.
std::vector<GlyphGroup> group_clusters(const GlyphRun& run, const NominalGlyph& nominal);

// What one page's text gives one glyph of a font, counted: a text where the glyph
// was attributed exactly, a guessed one where it was not (ToUnicodeChoice), or
// none (drawn in a cluster whose text cannot be mapped). A page's are made once per
// page and, in a `watch` session, kept for the next build under what it draws.
struct GlyphText {  // declared in booklet/pdf.hpp
    enum class Kind : std::uint8_t { drawn, exact, fallback };
    FontId font = 0;
    std::uint32_t glyph = 0;
    Kind kind = Kind::drawn;
    std::u32string text;  // empty when only drawn
    std::uint32_t count = 0;
    friend bool operator==(const GlyphText&, const GlyphText&) = default;
};

// A page's glyph texts as the bytes the cache folder keeps them in, and back: the
// entries in their order, every field; nullopt when `payload` is not such bytes
// (which fonts and glyphs the entries name the writer checks against its own).
std::string page_texts_payload(const std::vector<GlyphText>& texts);
std::optional<std::vector<GlyphText>> page_texts_from_payload(std::string_view payload);

// Counts the glyph texts of one page at a time, keeping its working memory from
// page to page (a table per font, indexed by glyph id, of the entries so far).
class PageTextCounter {
public:
    // Every glyph of the group: its text, exactly or as a guess, or drawn only.
    void add_group(FontId font, const GlyphRun& run, const GlyphGroup& group);
    // A glyph with its exact text.
    void add(FontId font, std::uint32_t glyph, std::u32string_view text);
    // The page's entries, each (font, glyph, kind, text) once; the counter is empty again.
    std::vector<GlyphText> take();
    // Empty again, what was counted dropped.
    void clear();

private:
    void count(FontId font, std::uint32_t glyph, GlyphText::Kind kind, std::u32string_view text);
    struct Entry {
        GlyphText text;
        std::uint32_t next = 0;  // 1 + the index of the glyph's entry before, 0 for none
    };
    std::vector<std::vector<std::uint32_t>> last_;  // [font][glyph]: 1 + index of its latest entry
    std::vector<Entry> entries_;
};

// Collects candidate texts per glyph of one font and picks the ToUnicode entry.
class ToUnicodeChoice {
public:
    // A page's entry for a glyph of this font (PageTextCounter), counted as often
    // as the page counted it; a drawn-only entry adds nothing.
    void add(const GlyphText& counted);
    // A glyph's text where it was attributed exactly. Glyph ids are below 65536
    // (two-byte Identity-H codes; the writer checks every glyph before).
    void add(std::uint32_t glyph, std::u32string_view text);
    // Every glyph of a cluster that cannot be attributed: a guess, used only for
    // glyphs that never had an exact text, so that extractors which ignore
    // /ActualText still get characters rather than U+FFFD.
    void add_fallback(const GlyphRun& run, const GlyphGroup& group);
    // glyph -> text: the most frequent candidate; ties go to the smallest text so
    // the choice never depends on the order pages were visited in.
    std::map<std::uint32_t, std::u32string> choose() const;

private:
    struct Candidate {
        std::u32string text;
        std::size_t count = 0;
    };
    // Candidates by glyph id: nearly every glyph has one text, so a short list
    // searched in place beats a map per glyph.
    using Counts = std::vector<std::vector<Candidate>>;
    static void count(Counts& counts, std::uint32_t glyph, std::u32string_view text, std::size_t n = 1);
    Counts exact_, fallback_;
};

// The chosen entries by glyph id, for the lookup the content stream makes for
// every glyph it draws (a search of the map's tree was its largest cost). Refers
// to the map's strings: valid while the map is, unchanged.
class ToUnicodeIndex {
public:
    ToUnicodeIndex() = default;
    explicit ToUnicodeIndex(const std::map<std::uint32_t, std::u32string>& chosen);
    const std::u32string* find(std::uint32_t glyph) const {
        return glyph < by_glyph_.size() ? by_glyph_[glyph] : nullptr;
    }

private:
    std::vector<const std::u32string*> by_glyph_;
};

// True when every glyph of the group extracts as its cluster text through the
// chosen ToUnicode entries, so no /ActualText span is needed.
bool extracts_by_to_unicode(const GlyphRun& run, const GlyphGroup& group, const ToUnicodeIndex& to_unicode);

// The ToUnicode CMap program (PDF 1.7 section 9.10.3, Adobe Technical Note #5411)
// for 2-byte Identity-H codes equal to glyph ids: bfrange for runs of consecutive
// glyphs with consecutive BMP characters, bfchar for the rest, at most 100
// entries per block.
std::string to_unicode_cmap(const std::map<std::uint32_t, std::u32string>& to_unicode);

}  // namespace booklet::pdf

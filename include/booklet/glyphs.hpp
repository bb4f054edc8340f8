// Positioned glyphs: the vocabulary the text engine produces and the page
// display list carries to the PDF writer.
//
// A GlyphRun is a piece of one line in one font at one size. Glyph ids are
// HarfBuzz's output as they are (ligatures, alternates, marks); the writer draws
// them by id and never re-derives them from text. Each glyph points back to the
// source text it came from, so the writer can make text extractable.
#pragma once

#include "booklet/sha256.hpp"
#include "booklet/units.hpp"

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace booklet {

// Index of a font in the FontRegistry that produced it, and in Book::fonts.
using FontId = std::uint16_t;

// A glyph's own lengths in 32 bits of sp (up to 32,767 pt, as HarfBuzz's positions
// are): 20 bytes a glyph rather than 32, and a book holds a glyph per character,
// the layout's line cache as many again. glyph_length() checks what is put here.
using GlyphSp = std::int32_t;

struct Glyph {
    std::uint32_t id = 0;       // glyph index in the font
    std::uint32_t cluster = 0;  // byte offset of the glyph's cluster in GlyphRun::text
    GlyphSp advance = 0;        // horizontal advance as set (shaped, plus any justification)
    GlyphSp x_offset = 0;       // HarfBuzz offsets, y positive = up
    GlyphSp y_offset = 0;
    friend bool operator==(const Glyph&, const Glyph&) = default;
};

// Throws for glyph_length: kept out of line, off the path of every glyph.
[[noreturn]] void throw_glyph_length(Sp v);

// A length for a Glyph: one that does not fit (a glyph wider than 11 m) is a bug
// upstream, not something to draw. Inline: the line breaker calls it three times a
// glyph.
inline GlyphSp glyph_length(Sp v) {
    if (v < std::numeric_limits<GlyphSp>::min() || v > std::numeric_limits<GlyphSp>::max()) throw_glyph_length(v);
    return static_cast<GlyphSp>(v);
}

// The glyphs of a run, shared by the run's copies. A set line goes from the
// layout's paragraph cache into every pass's boxes and on into the book's pages:
// each copy of its glyphs was an allocation and a copy, 10 MB of the English
// corpus's peak and a tenth of a layout pass. Read through the const interface
// of a vector; changed only through edit(), which first gives a list whose
// glyphs are shared a copy of its own. (Lists are built and edited on one
// thread; any number of threads may read and copy them.)
class GlyphList {
public:
    using const_iterator = std::vector<Glyph>::const_iterator;

    GlyphList() = default;
    // Lists are equal when their glyphs are, shared or not.
    friend bool operator==(const GlyphList& a, const GlyphList& b) { return a.vector() == b.vector(); }
    GlyphList(std::vector<Glyph> glyphs)  // NOLINT: a list is its glyphs
        : shared_(glyphs.empty() ? nullptr : std::make_shared<Shared>(std::move(glyphs))) {}
    GlyphList(std::initializer_list<Glyph> glyphs) : GlyphList(std::vector<Glyph>(glyphs)) {}

    const std::vector<Glyph>& vector() const { return shared_ ? shared_->glyphs : no_glyphs(); }
    const_iterator begin() const { return vector().begin(); }
    const_iterator end() const { return vector().end(); }
    std::size_t size() const { return vector().size(); }
    bool empty() const { return size() == 0; }
    const Glyph& operator[](std::size_t i) const { return vector()[i]; }
    const Glyph& front() const { return vector().front(); }
    const Glyph& back() const { return vector().back(); }

    // The sum of the advances, summed once for all copies: every layout pass
    // measures every line, and reading the glyphs for it was most of the time
    // it took to turn a cached line into a box.
    Sp advance_sum() const;

    // The SHA-256 of the glyphs' bytes, made once for all copies: the PDF writer
    // keys each page by what it draws, in a `watch` session and in the cache
    // folder, and a rebuild draws again most of the lists the build before drew.
    using Digest = Sha256Digest;
    Digest digest() const;

    // The glyphs to change, this list's own; the reference is for changes made
    // before the list is next read (advance_sum and digest are made again after an edit).
    std::vector<Glyph>& edit() {
        if (!shared_) shared_ = std::make_shared<Shared>(std::vector<Glyph>());
        else if (shared_.use_count() > 1) shared_ = std::make_shared<Shared>(shared_->glyphs);
        shared_->sum.store(kUnknown, std::memory_order_relaxed);
        shared_->digest_made.store(false, std::memory_order_relaxed);
        shared_->digest_claimed.store(false, std::memory_order_relaxed);
        return shared_->glyphs;
    }

private:
    static constexpr Sp kUnknown = std::numeric_limits<Sp>::min();
    struct Shared {
        explicit Shared(std::vector<Glyph> g) : glyphs(std::move(g)) {}
        std::vector<Glyph> glyphs;
        mutable std::atomic<Sp> sum{kUnknown};  // the same value whichever thread stores it
        // Written by the first thread to claim it (digest_claimed), read once made.
        mutable std::atomic<bool> digest_claimed{false}, digest_made{false};
        mutable Digest digest{};
    };
    static const std::vector<Glyph>& no_glyphs() {
        static const std::vector<Glyph> none;
        return none;
    }
    std::shared_ptr<Shared> shared_;  // null while empty
};

inline Sp GlyphList::advance_sum() const {
    if (!shared_) return 0;
    Sp sum = shared_->sum.load(std::memory_order_relaxed);
    if (sum == kUnknown) {
        sum = 0;
        for (const Glyph& g : shared_->glyphs) sum += g.advance;
        shared_->sum.store(sum, std::memory_order_relaxed);
    }
    return sum;
}

struct GlyphRun {
    FontId font = 0;
    Sp size = 0;                // font size
    Color color = kBlack;
    Sp x = 0;                   // start of the run relative to the line's left edge
    Sp rise = 0;                // baseline shift, positive = up (superscripts)
    GlyphList glyphs;           // in visual order
    std::string text;           // the source text this run shows (UTF-8); for an inserted
                                // hyphen the run's text includes the "-" it shows
    std::int32_t tag = -1;      // caller's id from the input span (link, footnote call, ...)
    std::int32_t horizontal_scale = 1000;  // glyphs drawn this many thousandths of their design
                                           // width (font expansion of a justified line); the
                                           // advances and x offsets above already include it

    Sp width() const { return glyphs.advance_sum(); }
    friend bool operator==(const GlyphRun&, const GlyphRun&) = default;
};

}  // namespace booklet

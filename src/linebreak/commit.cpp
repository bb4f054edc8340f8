// Committing the chosen lines: each one cut from the paragraph's glyphs — reshaped
// only where HarfBuzz says a cut is unsafe — with its hyphen, justified by font
// expansion and by stretching the inter-word spaces, aligned, and split into
// GlyphRuns in visual order.
#include "commit.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace booklet::linebreak {

using shape::ShapedGlyph;
using shape::TextStyle;

Sp expanded(Sp v, int e) {
    const Sp n = v * (1000 + e);
    return n >= 0 ? (n + 500) / 1000 : -((-n + 500) / 1000);
}

namespace {

// A line on its way from its break to its runs: what one step finds and a later
// one needs.
struct LineDraft {
    Line line;
    std::size_t first_item = 0, b = 0;  // its items [first_item, b), b the break
    std::uint32_t start = 0, end = 0;   // the text shown
    std::optional<HyphenGlyph> hyphen;
    bool hyphen_scalable = false;
    bool fil = false;                   // infinite glue ends it: never stretched
    Sp expandable_natural = 0;
    Sp total_stretch = 0, total_shrink = 0;
    Sp limit = 0;                       // its width plus what its last mark may hang out
    Sp adjust = 0;                      // to its target: > 0 stretch, < 0 shrink
    Sp font_room = 0;                   // what the glyphs could give in the direction needed
};

class LineCommitter {
public:
    explicit LineCommitter(PreparedParagraph& p) : p_(p) {}

    Line commit(std::size_t first_item, std::size_t b, std::size_t line_index);
    bool overfull = false;

private:
    PreparedParagraph& p_;
    const std::vector<Item>& items_ = p_.sc.items;
    const std::vector<ItemText>& item_text_ = p_.sc.item_text;
    std::vector<ShapedGlyph>& glyphs_ = p_.sc.line_glyphs;
    std::vector<char>& scalable_ = p_.sc.line_expandable;

    void find_extent(LineDraft& d) const;
    void cut_glyphs(const LineDraft& d);
    void collect_glue(LineDraft& d);
    void measure(LineDraft& d);
    Sp glyph_delta(const LineDraft& d, int e) const;
    void choose_expansion(LineDraft& d) const;
    void adjust_line(LineDraft& d);
    void apply_expansion(LineDraft& d);
    void spread_glue(const LineDraft& d, Sp extra);
    Sp align_offset(LineDraft& d);

    void split_segments(std::uint32_t start, std::uint32_t end);
    void visual_order();
    void make_runs(LineDraft& d, Sp x);
    GlyphRun styled_run(std::uint32_t range, FontId font, Sp x, int expansion) const;
};

// The text the line shows: from its first item to its break, without trailing
// spaces and separators; whether it ends in a hyphen or a forced break.
void LineCommitter::find_extent(LineDraft& d) const {
    Line& line = d.line;
    const ItemText& at = item_text_[d.b];
    std::uint32_t start = d.first_item < item_text_.size() ? item_text_[d.first_item].begin : p_.content_end;
    if (d.first_item >= d.b) start = std::min(start, at.begin);
    std::uint32_t end = at.begin;
    line.hyphenated = items_[d.b].kind == ItemKind::penalty &&
                      (at.kind == Kind::soft_hyphen || at.kind == Kind::auto_hyphen);
    line.ends_paragraph_or_forced = is_forced(items_[d.b]);
    const Decoded& text = p_.decoded();
    while (end > start) {
        const char32_t c = p_.char_before(end);
        if (!is_breakable_space(c) && !is_line_separator(c)) break;
        end = text.starts[text.index[end] - 1];
    }
    if (end < start) end = start;
    d.start = line.text_begin = start;
    d.end = line.text_end = end;
}

// The glyphs: cut from the paragraph; where a cut is unsafe, the word piece at that
// edge is reshaped, as PreparedParagraph::edge_fix measured it.
void LineCommitter::cut_glyphs(const LineDraft& d) {
    const std::uint32_t start = d.start, end = d.end;
    glyphs_.clear();
    std::uint32_t left_end = start, right_begin = end;  // [start, left_end) and [right_begin, end) reshaped
    if (p_.unsafe_at(start)) left_end = std::min(p_.word_end_after(start), end);
    if (p_.unsafe_at(end)) right_begin = std::max(p_.word_start_before(end), left_end);
    auto reshaped = [&](std::uint32_t a, std::uint32_t b) {
        const auto piece = shape::reshape_range(p_.fonts, p_.paragraph.source, a, b);
        glyphs_.insert(glyphs_.end(), piece.begin(), piece.end());
    };
    if (left_end > start) reshaped(start, left_end);
    const auto& all = p_.paragraph.glyphs;
    if (right_begin > left_end)
        glyphs_.insert(glyphs_.end(), all.begin() + p_.glyph_at(left_end), all.begin() + p_.glyph_at(right_begin));
    if (end > right_begin) reshaped(right_begin, end);
}

// The inter-word glue of the line, which justification stretches, and whether
// infinite glue ends the line instead.
void LineCommitter::collect_glue(LineDraft& d) {
    std::vector<GlueUse>& glue = p_.sc.glue;
    glue.clear();
    for (std::size_t i = d.first_item; i < d.b; ++i) {
        const Item& it = items_[i];
        if (it.kind != ItemKind::glue) continue;
        if (it.stretch >= kFilStretch) {
            d.fil = true;
            continue;
        }
        const ItemText& at = item_text_[i];
        if ((at.kind == Kind::space && at.end <= d.end) ||
            (at.kind == Kind::intercharacter && at.begin > d.start && at.begin < d.end))
            glue.push_back({at.begin, at.end, it.stretch, it.shrink});
    }
    const std::size_t b = d.b;
    if (d.line.ends_paragraph_or_forced && b > 0 && items_[b - 1].kind == ItemKind::glue &&
        items_[b - 1].stretch >= kFilStretch)
        d.fil = true;
    for (const auto& u : glue) {
        d.total_stretch += u.stretch;
        d.total_shrink += u.shrink;
    }
}

// The natural width, what of it font expansion may scale, and how far the line
// must be adjusted: a justified line fills its width plus what its last mark may
// hang out; the paragraph's last line ends at least last_line_room short of its
// width.
void LineCommitter::measure(LineDraft& d) {
    Sp natural = 0;
    scalable_.assign(glyphs_.size(), 0);
    const bool expanding = p_.expanding();
    for (std::size_t i = 0; i < glyphs_.size(); ++i) {
        natural += glyphs_[i].advance;
        if (expanding && p_.expandable(glyphs_[i])) {
            scalable_[i] = 1;
            d.expandable_natural += glyphs_[i].advance;
        }
    }
    d.hyphen_scalable = d.hyphen && expanding && !p_.fonts.info(d.hyphen->font).color_bitmap;
    if (d.hyphen) natural += d.hyphen->advance;
    if (d.hyphen_scalable) d.expandable_natural += d.hyphen->advance;
    d.line.natural_width = natural;

    const bool last_line = d.b + 1 == items_.size();
    const Sp hang = d.fil ? 0 : (d.hyphen ? p_.hyphen_protrusion(d.hyphen->advance) : p_.protrusion_before(d.end));
    d.limit = d.line.width + hang;
    const Sp target = d.fil && last_line ? std::max<Sp>(0, d.line.width - items_[d.b - 1].width) : d.limit;
    d.adjust = target - natural;
}

// How much wider the line's glyphs get under an expansion of e thousandths.
Sp LineCommitter::glyph_delta(const LineDraft& d, int e) const {
    if (e == 0) return 0;
    Sp delta = 0;
    for (std::size_t i = 0; i < glyphs_.size(); ++i)
        if (scalable_[i]) delta += expanded(glyphs_[i].advance, e) - glyphs_[i].advance;
    if (d.hyphen_scalable) delta += expanded(d.hyphen->advance, e) - d.hyphen->advance;
    return delta;
}

// Font expansion: the glyphs take their share of the adjustment (in proportion to
// their stretch or shrink against the glue's, never past the limit), rounded to a
// step; the glue takes the rest.
void LineCommitter::choose_expansion(LineDraft& d) const {
    const Sp adjust = d.adjust;
    if (d.expandable_natural <= 0 || p_.ragged() || adjust == 0 || (adjust > 0 && d.fil)) return;
    const int step = p_.expand_step;
    const int limit_e = adjust > 0 ? p_.expand_stretch : p_.expand_shrink;
    d.font_room = d.expandable_natural * limit_e / 1000;
    const Sp glue_room = adjust > 0 ? d.total_stretch : d.total_shrink;
    if (d.font_room <= 0) return;
    const double room = static_cast<double>(d.font_room);
    const double need = std::fabs(static_cast<double>(adjust));
    const double share = std::min(room, need * room / static_cast<double>(d.font_room + glue_room));
    const double ideal = share / static_cast<double>(d.expandable_natural) * 1000;  // thousandths
    int e = static_cast<int>(std::lround(ideal / step)) * step;
    e = std::min(e, limit_e);
    if (adjust < 0) e = -e;
    // Rounding to a step must not overshoot what the line needs, nor leave the
    // glue more shrinking than it has.
    if (adjust > 0)
        while (e > 0 && adjust - glyph_delta(d, e) < 0) e -= step;
    else {
        while (e < 0 && adjust - glyph_delta(d, e) > 0) e += step;
        while (adjust - glyph_delta(d, e) < -d.total_shrink && e - step >= -p_.expand_shrink) e -= step;
    }
    d.line.expansion = e;
}

// The glyphs' share of the adjustment, then the glue's, and the line's ratio.
void LineCommitter::adjust_line(LineDraft& d) {
    choose_expansion(d);
    const Sp adjust = d.adjust;
    const bool ragged = p_.ragged();
    const Sp rest = adjust - glyph_delta(d, d.line.expansion);
    Sp extra = 0;  // to distribute over the glue
    if (rest > 0 && !d.fil && d.total_stretch > 0 && !ragged)
        extra = rest;
    else if (rest < 0 && d.total_shrink > 0)
        extra = std::max(rest, -d.total_shrink);
    double ratio = 0;
    if (adjust > 0 && !d.fil && !ragged && d.total_stretch + d.font_room > 0)
        ratio = static_cast<double>(adjust) / static_cast<double>(d.total_stretch + d.font_room);
    else if (adjust < 0 && d.total_shrink + d.font_room > 0)
        ratio = std::max(-1.0, static_cast<double>(adjust) / static_cast<double>(d.total_shrink + d.font_room));
    d.line.ratio = ratio;
    apply_expansion(d);
    if (extra != 0 && !p_.sc.glue.empty()) spread_glue(d, extra);
}

void LineCommitter::apply_expansion(LineDraft& d) {
    const int e = d.line.expansion;
    if (e == 0) return;
    for (std::size_t i = 0; i < glyphs_.size(); ++i)
        if (scalable_[i]) {
            glyphs_[i].advance = expanded(glyphs_[i].advance, e);
            glyphs_[i].x_offset = expanded(glyphs_[i].x_offset, e);
        }
    if (d.hyphen_scalable) {
        d.hyphen->advance = expanded(d.hyphen->advance, e);
        d.hyphen->x_offset = expanded(d.hyphen->x_offset, e);
    }
}

// Spreads `extra` over the glue in proportion to each glue's stretch (or shrink),
// rounding so the sum is exact: the line ends precisely at its width.
void LineCommitter::spread_glue(const LineDraft& d, Sp extra) {
    const Sp total = extra > 0 ? d.total_stretch : d.total_shrink;
    Sp given = 0, cumulative = 0;
    std::size_t gi = 0;  // glyphs are in logical order: one sweep finds every space
    for (const auto& u : p_.sc.glue) {
        cumulative += extra > 0 ? u.stretch : u.shrink;
        const Sp upto = scale_sp(extra, cumulative, total);
        const Sp add = upto - given;
        given = upto;
        // The last glyph of the spaces carries the extra width; the glyph before
        // the gap, where the glue is a gap between characters.
        while (gi < glyphs_.size() && glyphs_[gi].cluster < u.begin) ++gi;
        std::size_t last = u.begin == u.end && gi > 0 ? gi - 1 : glyphs_.size();
        while (gi < glyphs_.size() && glyphs_[gi].cluster < u.end) last = gi++;
        if (last < glyphs_.size()) glyphs_[last].advance += add;
    }
}

// Where the line starts: ragged lines are aligned, and an overfull one is noted.
Sp LineCommitter::align_offset(LineDraft& d) {
    const Options& opt = p_.opt;
    const Line& line = d.line;
    Sp shown = 0;
    for (const auto& g : glyphs_) shown += g.advance;
    if (d.hyphen) shown += d.hyphen->advance;
    if (shown > d.limit + 1) overfull = true;
    Align align = opt.align;
    if (opt.rtl && align == Align::left) align = Align::right;
    else if (opt.rtl && align == Align::right) align = Align::left;
    // A justified line that is not stretched (the last, or one before a forced
    // break) starts at the right edge in a right-to-left paragraph.
    const bool at_start_only = align == Align::justify && line.ends_paragraph_or_forced && !opt.justify_last_line;
    Sp x = 0;
    if (align == Align::right || (opt.rtl && at_start_only)) x = std::max<Sp>(0, line.width - shown);
    if (align == Align::center) x = std::max<Sp>(0, (line.width - shown) / 2);
    return x;
}

Line LineCommitter::commit(std::size_t first_item, std::size_t b, std::size_t line_index) {
    LineDraft d;
    d.first_item = first_item;
    d.b = b;
    d.line.width = p_.opt.widths[std::min(line_index, p_.opt.widths.size() - 1)];
    find_extent(d);
    cut_glyphs(d);
    if (d.line.hyphenated) d.hyphen = p_.hyphen_at(d.end);
    collect_glue(d);
    measure(d);
    adjust_line(d);
    make_runs(d, align_offset(d));
    for (const auto& r : d.line.runs) {
        d.line.ascent = std::max(d.line.ascent, p_.fonts.ascent(r.font, r.size) + r.rise);
        d.line.descent = std::max(d.line.descent, p_.fonts.descent(r.font, r.size) - r.rise);
    }
    return std::move(d.line);
}

// ---------------------------------------------------------------- runs

// The line's glyphs in runs of one range, font and bidi level, with their text.
void LineCommitter::split_segments(std::uint32_t start, std::uint32_t end) {
    std::vector<Segment>& segments = p_.sc.segments;
    segments.clear();
    for (std::size_t g = 0; g < glyphs_.size();) {
        std::size_t e = g + 1;
        while (e < glyphs_.size() && glyphs_[e].range == glyphs_[g].range && glyphs_[e].font == glyphs_[g].font &&
               glyphs_[e].level == glyphs_[g].level)
            ++e;
        segments.push_back({g, e, segments.empty() ? start : glyphs_[g].cluster, 0, glyphs_[g].level});
        g = e;
    }
    for (std::size_t k = 0; k < segments.size(); ++k)
        segments[k].t1 = k + 1 < segments.size() ? segments[k + 1].t0 : end;
}

// Visual order (UAX #9 rule L2): reverse runs of level >= L, for L from the
// highest level down to the lowest odd one.
void LineCommitter::visual_order() {
    const std::vector<Segment>& segments = p_.sc.segments;
    std::vector<std::size_t>& order = p_.sc.order;
    order.resize(segments.size());
    for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
    std::uint8_t highest = 0, lowest_odd = 255;
    for (const auto& s : segments) {
        highest = std::max(highest, s.level);
        if (s.level & 1) lowest_odd = std::min(lowest_odd, s.level);
    }
    for (int level = highest; level >= lowest_odd && level > 0; --level) {
        for (std::size_t k = 0; k < order.size();) {
            if (segments[order[k]].level < level) {
                ++k;
                continue;
            }
            std::size_t e = k;
            while (e < order.size() && segments[order[e]].level >= level) ++e;
            std::reverse(order.begin() + static_cast<std::ptrdiff_t>(k), order.begin() + static_cast<std::ptrdiff_t>(e));
            k = e;
        }
    }
}

void append_hyphen(GlyphRun& run, const HyphenGlyph& h) {
    // A taken soft hyphen shows as the hyphen itself.
    if (run.text.size() >= 2 && run.text.compare(run.text.size() - 2, 2, "\xC2\xAD") == 0)
        run.text.resize(run.text.size() - 2);
    const auto at = static_cast<std::uint32_t>(run.text.size());
    run.text += "-";
    run.glyphs.edit().push_back(
        {.id = h.id,
         .cluster = at,
         .advance = glyph_length(h.advance),
         .x_offset = glyph_length(h.x_offset),
         .y_offset = glyph_length(h.y_offset)});
}

// The runs from x on; the hyphen joins the logically last run when it shares its
// font and size, else it is a run of its own.
void LineCommitter::make_runs(LineDraft& d, Sp x) {
    split_segments(d.start, d.end);
    visual_order();
    const std::vector<Segment>& segments = p_.sc.segments;
    const std::size_t last_logical = segments.empty() ? 0 : segments.size() - 1;
    const std::uint32_t hyphen_range = p_.range_before(d.end);
    const auto& hyphen = d.hyphen;
    const int expansion = d.line.expansion;
    bool hyphen_done = false;
    for (std::size_t k : p_.sc.order) {
        const Segment& s = segments[k];
        GlyphRun run = styled_run(glyphs_[s.g0].range, glyphs_[s.g0].font, x, expansion);
        run.text = p_.text.substr(s.t0, s.t1 - s.t0);
        const bool rtl = s.level & 1;
        // Exactly sized: cached lines live as long as the layout (a grown
        // vector's spare room was 17 MB of the corpus's peak).
        std::vector<Glyph>& drawn = run.glyphs.edit();
        drawn.reserve(s.g1 - s.g0 + (hyphen && k == last_logical ? 1 : 0));
        for (std::size_t i = 0; i < s.g1 - s.g0; ++i) {
            const ShapedGlyph& g = glyphs_[rtl ? s.g1 - 1 - i : s.g0 + i];
            drawn.push_back({.id = g.id,
                             .cluster = g.cluster - s.t0,
                             .advance = glyph_length(g.advance),
                             .x_offset = glyph_length(g.x_offset),
                             .y_offset = glyph_length(g.y_offset)});
            x += g.advance;
        }
        if (hyphen && k == last_logical && hyphen->font == run.font &&
            run.size == p_.paragraph.source.ranges[hyphen_range].style.size) {
            append_hyphen(run, *hyphen);
            x += hyphen->advance;
            hyphen_done = true;
        }
        d.line.runs.push_back(std::move(run));
    }
    if (hyphen && !hyphen_done) {
        GlyphRun run = styled_run(hyphen_range, hyphen->font, x, expansion);
        append_hyphen(run, *hyphen);
        d.line.runs.push_back(std::move(run));
    }
}

// An empty run at x in the style of a source range; colour bitmaps are never expanded.
GlyphRun LineCommitter::styled_run(std::uint32_t range, FontId font, Sp x, int expansion) const {
    const TextStyle& style = p_.paragraph.source.ranges[range].style;
    GlyphRun run;
    run.font = font;
    run.size = style.size;
    run.color = style.color;
    run.rise = style.rise;
    run.tag = style.tag;
    run.x = x;
    run.horizontal_scale = p_.fonts.info(font).color_bitmap ? 1000 : 1000 + expansion;
    return run;
}

}  // namespace

CommittedLines commit_lines(PreparedParagraph& p, const std::vector<Break>& breaks) {
    CommittedLines out;
    out.lines.reserve(breaks.size());
    LineCommitter committer(p);
    const std::vector<Item>& items = p.sc.items;
    std::size_t first_item = 0;
    for (const Break& br : breaks) {
        out.lines.push_back(committer.commit(first_item, br.item, out.lines.size()));
        first_item = br.item + 1;
        // Discardable items after a break do not start the next line.
        while (first_item < items.size() && is_discardable(items[first_item])) ++first_item;
    }
    out.overfull = committer.overfull;
    return out;
}

}  // namespace booklet::linebreak

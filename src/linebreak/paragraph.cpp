// From a shaped paragraph to lines: break opportunities (UAX #14 through ICU, URL
// and hyphenation points), the box/glue/penalty list measured from the shaped
// advances, Knuth–Plass in up to three passes, then lines cut from the shaped
// glyphs — reshaped only where HarfBuzz says a cut is unsafe — justified by
// stretching the inter-word spaces, and split into GlyphRuns. This mirrors typst's
// inline layout (prepare → linebreak → finalize).
#include "booklet/linebreak.hpp"
#include "knuth_plass_scratch.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cassert>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

namespace booklet::linebreak {

namespace {

using shape::ShapedGlyph;
using shape::ShapedParagraph;
using shape::TextStyle;

enum class Kind : std::uint8_t {
    box,
    space,            // inter-word glue (breakable or not)
    hard,             // a forced break after a line separator
    soft_hyphen,      // after U+00AD: shows a hyphen when taken
    auto_hyphen,      // a dictionary hyphenation point
    explicit_hyphen,  // after a hyphen in the text
    other,            // after a dash, a slash, between ideographs...
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

bool is_breakable_space(char32_t c) {
    return c == ' ' || c == '\t' || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200A) ||
           c == 0x205F || c == 0x3000;
}

bool is_line_separator(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool is_hyphen_char(char32_t c) { return c == '-' || c == 0x2010; }

bool is_url_break_char(char32_t c) {
    return c == '/' || c == '.' || c == '-' || c == '_' || c == '?' || c == '&' || c == '=' || c == '#';
}

bool is_letter(char32_t c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    const auto t = u_charType(static_cast<UChar32>(c));
    return u_isalpha(static_cast<UChar32>(c)) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK ||
           t == U_ENCLOSING_MARK;
}

// How far a character at the end of a justified line may hang into the margin, as
// a fraction of its advance (optical margin alignment, as pdfTeX's character
// protrusion does it): small marks leave a visible dent in the right edge unless
// they stick out a little. The values are booklet's own, moderate choices.
double right_protrusion(char32_t c) {
    switch (c) {
    case '.': case ',': return 0.6;
    case '-': case 0x2010: case 0x2011: case 0xAD: return 0.6;
    case ':': case ';': return 0.4;
    case 0x2019: case 0x201D: case '\'': case '"': return 0.5;
    case 0x2013: return 0.4;  // en dash
    case 0x2014: return 0.25; // em dash
    case '!': case '?': return 0.2;
    default: return 0;
    }
}

// v scaled by (1000 + e) / 1000, rounded half away from zero: a glyph advance or
// offset under font expansion of e thousandths (|e| <= 500, so a glyph's sp value
// times 1500 stays far inside 64 bits).
Sp expanded(Sp v, int e) {
    const Sp n = v * (1000 + e);
    return n >= 0 ? (n + 500) / 1000 : -((-n + 500) / 1000);
}

struct Decoded {
    std::vector<char32_t> chars;        // code points
    std::vector<std::uint32_t> starts;  // byte offset of each, plus text size at the end
    std::vector<std::uint32_t> index;   // byte offset -> code point index (of the character containing it)
};

void decode(const std::string& text, Decoded& d) {
    d.chars.clear();
    d.starts.clear();
    d.chars.reserve(text.size());
    d.starts.reserve(text.size() + 1);
    d.index.resize(text.size() + 1);
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto n = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < n;) {
        const int32_t at = i;
        UChar32 c = s[i];
        if (c < 0x80)
            ++i;
        else {
            U8_NEXT(s, i, n, c);
            if (c < 0) c = 0xFFFD;
        }
        for (int32_t k = at; k < i; ++k) d.index[static_cast<std::size_t>(k)] = static_cast<std::uint32_t>(d.chars.size());
        d.chars.push_back(static_cast<char32_t>(c));
        d.starts.push_back(static_cast<std::uint32_t>(at));
    }
    d.index[text.size()] = static_cast<std::uint32_t>(d.chars.size());
    d.starts.push_back(static_cast<std::uint32_t>(text.size()));
}

// Merged spans of consecutive ranges that share a flag (a URL styled in two parts
// is still one URL).
std::vector<std::pair<std::uint32_t, std::uint32_t>> spans_where(const shape::StyledText& source,
                                                                  bool TextStyle::*flag) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    for (const auto& r : source.ranges) {
        if (!(r.style.*flag) || r.end <= r.begin) continue;
        const auto b = static_cast<std::uint32_t>(r.begin), e = static_cast<std::uint32_t>(r.end);
        if (!spans.empty() && spans.back().second == b)
            spans.back().second = e;
        else
            spans.emplace_back(b, e);
    }
    return spans;
}

bool strictly_inside(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& spans, std::uint32_t pos) {
    auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                               [](std::uint32_t p, const auto& s) { return p < s.second; });
    return it != spans.end() && it->first < pos && pos < it->second;
}

// What a break adds to the line before it and to the line after it (see
// ParagraphBreaker::edge_fix).
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

}  // namespace

// The language tag the line break rules are made for. Japanese is set with ICU's
// strict rules (lb=strict): ICU's "ja" data defaults to normal, which allows a break
// before small kana and the prolonged sound mark "ー" ("テクノロジ/ー"), something
// Japanese typesetting (kinsoku) avoids. A tag that names its own lb keeps it.
namespace {
std::string line_break_tag(const std::string& lang) {
    std::string lower;
    for (char c : lang) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c == '_' ? '-' : c)));
    const bool japanese = lower == "ja" || lower.rfind("ja-", 0) == 0;
    if (!japanese || lower.find("-lb-") != std::string::npos) return lang;
    return lang + (lower.find("-u-") != std::string::npos ? "-lb-strict" : "-u-lb-strict");
}
}  // namespace

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

    // The hyphen glyphs are only valid for the registry they were shaped with.
    void use_registry(const shape::FontRegistry& fonts) {
        if (registry != &fonts) hyphens.clear();
        registry = &fonts;
    }

    icu::BreakIterator* iterator(const std::string& lang) {
        auto it = iterators.find(lang);
        if (it != iterators.end()) return it->second.get();
        UErrorCode status = U_ZERO_ERROR;
        icu::Locale locale = icu::Locale::forLanguageTag(line_break_tag(lang), status);
        if (U_FAILURE(status)) {
            status = U_ZERO_ERROR;
            locale = icu::Locale::getRoot();
        }
        std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createLineInstance(locale, status));
        if (U_FAILURE(status) || !bi) {
            status = U_ZERO_ERROR;
            bi.reset(icu::BreakIterator::createLineInstance(icu::Locale::getRoot(), status));
        }
        if (U_FAILURE(status) || !bi) throw Error({}, "ICU has no line break rules", "linebreak");
        return iterators.emplace(lang, std::move(bi)).first->second.get();
    }
};

Workspace::Workspace() : impl_(std::make_unique<Impl>()) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

namespace {

class ParagraphBreaker {
public:
    ParagraphBreaker(shape::FontRegistry& fonts, const ShapedParagraph& paragraph, const Options& options,
                     Workspace::Impl& ws)
        : fonts_(fonts), p_(paragraph), text_(paragraph.source.text), opt_(options), ws_(ws) {}

    std::vector<Line> run() {
        if (text_.empty() || opt_.widths.empty() || p_.source.ranges.empty()) return {};
        prepare();
        if (content_begin_ >= content_end_) return {};
        Report report;
        std::vector<Break> breaks;
        if (opt_.greedy) {
            build_items(true, false);
            if (has_overwide_box()) build_items(true, true);
            breaks = first_fit(items_, opt_.widths);
            report.pass = 0;
        } else {
            Parameters params = opt_.params;
            if (opt_.first_pass_tolerance > 0) {
                build_items(false, false);
                params.tolerance = opt_.first_pass_tolerance;
                params.emergency = false;
                breaks = knuth_plass(items_, opt_.widths, params, sc_.knuth_plass);
                report.pass = 1;
            }
            if (breaks.empty()) {
                build_items(true, false);
                params.tolerance = opt_.params.tolerance;
                params.emergency = false;
                breaks = knuth_plass(items_, opt_.widths, params, sc_.knuth_plass);
                report.pass = 2;
            }
            if (breaks.empty()) {
                build_items(true, true);
                params.emergency = true;
                breaks = knuth_plass(items_, opt_.widths, params, sc_.knuth_plass);
                report.pass = 3;
            }
        }
        auto lines = make_lines(breaks);
        report.overfull = overfull_;
        if (opt_.report) *opt_.report = report;
        return lines;
    }

private:
    shape::FontRegistry& fonts_;
    const ShapedParagraph& p_;
    const std::string& text_;
    const Options& opt_;
    Workspace::Impl& ws_;

    BreakScratch& sc_ = ws_.scratch;
    Decoded& d_ = sc_.decoded;
    std::vector<std::uint32_t>& glyph_at_ = sc_.glyph_at;  // byte offset -> first glyph with cluster >= it
    std::vector<Sp>& glyph_x_ = sc_.glyph_x;               // prefix sums of advances
    std::vector<Sp>& glyph_xe_ = sc_.glyph_xe;             // same, of the glyphs expansion scales
    std::vector<std::uint32_t>& range_at_ = sc_.range_at;  // code point index -> style range
    std::vector<Opportunity>& opportunities_ = sc_.opportunities;             // ICU + URL, sorted, no spaces
    std::vector<Opportunity>& kept_opportunities_ = sc_.kept_opportunities;   // suppressed by keep_together
    std::vector<SpaceRun>& spaces_ = sc_.spaces;
    std::vector<Opportunity>& hyphen_points_ = sc_.hyphen_points;
    bool hyphen_points_ready_ = false;
    std::vector<std::pair<bool, const hyphenate::Hyphenator*>>& range_hyphenators_ = sc_.range_hyphenators;
    std::uint32_t content_begin_ = 0, content_end_ = 0;  // text without leading/trailing spaces
    Sp min_width_ = 0;
    // Font expansion limits and step in thousandths; 0 when lines are not expanded.
    int expand_stretch_ = 0, expand_shrink_ = 0, expand_step_ = 1;

    std::vector<Item>& items_ = sc_.items;
    std::vector<ItemText>& item_text_ = sc_.item_text;
    bool overfull_ = false;  // a line is wider than its width plus what may hang out

    // ---------------------------------------------------------------- preparation

    const TextStyle& style_at_char(std::size_t ci) const { return p_.source.ranges[range_at_[ci]].style; }
    const TextStyle& style_at(std::uint32_t pos) const {
        return style_at_char(std::min<std::size_t>(d_.index[pos], d_.chars.size() - 1));
    }
    std::uint32_t range_index_at(std::uint32_t pos) const {
        return range_at_[std::min<std::size_t>(d_.index[pos], d_.chars.size() - 1)];
    }
    // The style range of the text just before `pos` (what a break there ends).
    std::uint32_t range_before(std::uint32_t pos) const { return range_index_at(pos > 0 ? pos - 1 : 0); }
    char32_t char_before(std::uint32_t pos) const {
        const std::uint32_t ci = d_.index[pos];
        return ci == 0 ? 0 : d_.chars[ci - 1];
    }
    Sp width(std::uint32_t a, std::uint32_t b) const { return glyph_x_[glyph_at_[b]] - glyph_x_[glyph_at_[a]]; }
    Sp expandable_width(std::uint32_t a, std::uint32_t b) const {
        return glyph_xe_[glyph_at_[b]] - glyph_xe_[glyph_at_[a]];
    }

    // Spaces are glue, and colour emoji are pictures: font expansion scales the rest.
    bool expandable(const ShapedGlyph& g) const {
        if (fonts_.info(g.font).color_bitmap) return false;
        if (g.cluster >= text_.size()) return true;
        const char32_t c = d_.chars[d_.index[g.cluster]];
        return !is_breakable_space(c) && c != 0xA0;
    }

    // A line that starts or ends at `pos` must be reshaped there: the position is
    // inside a cluster (a ligature) or HarfBuzz flags it unsafe to break (kerning
    // or contextual forms across it).
    bool unsafe_at(std::uint32_t pos) const {
        if (pos <= content_begin_ || pos >= content_end_) return false;
        const std::uint32_t g = glyph_at_[pos];
        if (g >= p_.glyphs.size()) return false;
        return p_.glyphs[g].cluster != pos || p_.glyphs[g].unsafe_to_break;
    }

    static bool separates_words(char32_t c) { return is_breakable_space(c) || is_line_separator(c) || c == 0xA0; }

    // The start of the word that contains the character before `pos`, and the end
    // of the word that contains the character at `pos` (words end at spaces), but
    // never more than kMaxReshapeChars away: no ligature or kerning context reaches
    // that far, and reshaping whole words at every break inside a 600 KB "word"
    // was quadratic.
    static constexpr std::uint32_t kMaxReshapeChars = 64;
    std::uint32_t word_start_before(std::uint32_t pos) const {
        std::uint32_t ci = d_.index[pos];
        const std::uint32_t floor = std::max(d_.index[content_begin_], ci > kMaxReshapeChars ? ci - kMaxReshapeChars : 0);
        while (ci > floor && !separates_words(d_.chars[ci - 1])) --ci;
        return d_.starts[ci];
    }
    std::uint32_t word_end_after(std::uint32_t pos) const {
        std::uint32_t ci = d_.index[pos];
        const std::uint32_t ceiling = std::min(d_.index[content_end_], ci + kMaxReshapeChars);
        while (ci < ceiling && !separates_words(d_.chars[ci])) ++ci;
        return d_.starts[ci];
    }

    static Sp advance_sum(const std::vector<ShapedGlyph>& glyphs) {
        Sp w = 0;
        for (const auto& g : glyphs) w += g.advance;
        return w;
    }

    // At a break where the text must be reshaped, what the line ending there and the
    // line starting there measure beyond the paragraph's own advances: the word
    // pieces on either side, shaped as make_line() shapes them. (With a ligature
    // across the break, the paragraph counts the whole ligature before it.)
    // Every pass rebuilds its items, so each position is reshaped once per paragraph.
    EdgeFix edge_fix(std::uint32_t pos) {
        if (!unsafe_at(pos)) return {};
        if (auto it = sc_.edge_fixes.find(pos); it != sc_.edge_fixes.end()) return it->second;
        const std::uint32_t ws = word_start_before(pos), we = word_end_after(pos);
        EdgeFix fix;
        fix.before = advance_sum(shape::reshape_range(fonts_, p_.source, ws, pos)) - width(ws, pos);
        fix.after = advance_sum(shape::reshape_range(fonts_, p_.source, pos, we)) - width(pos, we);
        sc_.edge_fixes.emplace(pos, fix);
        return fix;
    }

    void prepare() {
        decode(text_, d_);
        for (auto* v : {&opportunities_, &kept_opportunities_, &hyphen_points_}) v->clear();
        spaces_.clear();
        range_hyphenators_.clear();
        sc_.edge_fixes.clear();
        min_width_ = *std::min_element(opt_.widths.begin(), opt_.widths.end());

        // Glyph lookup by byte offset.
        const auto& glyphs = p_.glyphs;
        glyph_x_.resize(glyphs.size() + 1);
        glyph_x_[0] = 0;
        for (std::size_t g = 0; g < glyphs.size(); ++g) glyph_x_[g + 1] = glyph_x_[g] + glyphs[g].advance;
        glyph_at_.resize(text_.size() + 1);
        std::size_t g = 0;
        for (std::size_t b = 0; b <= text_.size(); ++b) {
            while (g < glyphs.size() && glyphs[g].cluster < b) ++g;
            glyph_at_[b] = static_cast<std::uint32_t>(g);
        }

        // Style range per character.
        range_at_.resize(d_.chars.size());
        std::uint32_t r = 0;
        const auto& ranges = p_.source.ranges;
        for (std::size_t ci = 0; ci < d_.chars.size(); ++ci) {
            const std::uint32_t pos = d_.starts[ci];
            while (r + 1 < ranges.size() && ranges[r].end <= pos) ++r;
            range_at_[ci] = r;
        }

        // Content bounds: leading and trailing spaces and separators are not set.
        std::size_t first = 0, last = d_.chars.size();
        auto blank = [](char32_t c) { return is_breakable_space(c) || is_line_separator(c); };
        while (first < last && blank(d_.chars[first])) ++first;
        while (last > first && blank(d_.chars[last - 1])) --last;
        content_begin_ = d_.starts[first];
        content_end_ = d_.starts[last];

        // Font expansion: limits as whole steps, the advances it may scale.
        expand_stretch_ = expand_shrink_ = 0;
        const auto& pp = opt_.params;
        if (!ragged() && pp.expansion_step > 0) {
            expand_step_ = std::max(1, static_cast<int>(std::lround(pp.expansion_step * 1000)));
            auto steps = [&](double limit) {
                const int l = static_cast<int>(std::lround(std::clamp(limit, 0.0, 0.5) * 1000));
                return l / expand_step_ * expand_step_;
            };
            expand_stretch_ = steps(pp.expansion_stretch);
            expand_shrink_ = steps(pp.expansion_shrink);
        }
        glyph_xe_.resize(glyphs.size() + 1);
        glyph_xe_[0] = 0;
        const bool expanding = expand_stretch_ > 0 || expand_shrink_ > 0;
        for (std::size_t g = 0; g < glyphs.size(); ++g)
            glyph_xe_[g + 1] = glyph_xe_[g] + (expanding && expandable(glyphs[g]) ? glyphs[g].advance : 0);

        find_opportunities();
    }

    void find_opportunities() {
        const auto urls = spans_where(p_.source, &TextStyle::url);
        const auto keeps = spans_where(p_.source, &TextStyle::keep_together);

        // UAX #14 breaks: position p means "a line may start at p".
        icu::BreakIterator* bi = ws_.iterator(p_.source.lang.empty() ? std::string("en") : p_.source.lang);
        UErrorCode status = U_ZERO_ERROR;
        UText ut = UTEXT_INITIALIZER;
        utext_openUTF8(&ut, text_.data(), static_cast<int64_t>(text_.size()), &status);
        if (U_FAILURE(status)) throw Error({}, "ICU cannot read the paragraph text", "linebreak");
        bi->setText(&ut, status);
        std::vector<Opportunity>& icu = sc_.icu;
        icu.clear();
        for (int32_t pos = bi->next(); pos != icu::BreakIterator::DONE; pos = bi->next()) {
            const auto p = static_cast<std::uint32_t>(pos);
            if (p >= text_.size()) break;
            const int32_t rule = bi->getRuleStatus();
            const char32_t before = char_before(p);
            Kind kind = Kind::other;
            if (rule >= UBRK_LINE_HARD && rule < UBRK_LINE_HARD_LIMIT)
                kind = Kind::hard;
            else if (is_breakable_space(before))
                kind = Kind::space;
            else if (before == 0xAD)
                kind = Kind::soft_hyphen;
            else if (is_hyphen_char(before))
                kind = Kind::explicit_hyphen;
            icu.push_back({p, kind});
        }
        bi->setText(icu::UnicodeString());  // drop the reference to our text
        utext_close(&ut);

        // Spaces: runs of breakable spaces, and no-break spaces that still stretch.
        for (std::size_t ci = 0; ci < d_.chars.size();) {
            const char32_t c = d_.chars[ci];
            const bool nbsp = c == 0xA0;
            if (!is_breakable_space(c) && !nbsp) {
                ++ci;
                continue;
            }
            std::size_t e = ci + 1;
            while (e < d_.chars.size() && (nbsp ? d_.chars[e] == 0xA0 : is_breakable_space(d_.chars[e]))) ++e;
            SpaceRun run;
            run.begin = d_.starts[ci];
            run.end = d_.starts[e];
            run.nbsp = nbsp;
            if (run.begin >= content_begin_ && run.end <= content_end_ && run.begin < run.end) spaces_.push_back(run);
            ci = e;
        }

        std::size_t s = 0;
        for (const auto& o : icu) {
            if (o.pos <= content_begin_ || o.pos >= content_end_) continue;
            // URL breaks are ours, below; spaces (code set as a URL) break as in text.
            if (o.kind != Kind::space && o.kind != Kind::hard && strictly_inside(urls, o.pos)) continue;
            const bool kept = strictly_inside(keeps, o.pos);
            if (o.kind == Kind::space) {
                while (s < spaces_.size() && spaces_[s].end < o.pos) ++s;
                if (s < spaces_.size() && spaces_[s].end == o.pos && !spaces_[s].nbsp) {
                    if (kept)
                        spaces_[s].kept = true;
                    else
                        spaces_[s].breakable = true;
                }
                continue;
            }
            (kept ? kept_opportunities_ : opportunities_).push_back(o);
        }

        // A spaced dash (" — ", " – ") stays at the end of its line: UAX #14 allows a
        // break before it, but a line that starts with a dash reads as dialogue or a
        // list item.
        for (auto& run : spaces_) {
            if (!run.breakable || run.end >= text_.size()) continue;
            const std::uint32_t ci = d_.index[run.end];
            const char32_t next = d_.chars[ci];
            if ((next == 0x2013 || next == 0x2014) && ci + 1 < d_.chars.size() && is_breakable_space(d_.chars[ci + 1]))
                run.breakable = false;
        }

        // URL ranges: after / . - _ ? & = #, at the end of a run of such characters
        // (so "https://" breaks after both slashes), never at the URL's last character.
        for (const auto& [b, e] : urls) {
            const std::uint32_t first = d_.index[b], last = d_.index[e];
            for (std::uint32_t ci = first; ci + 1 < last; ++ci) {
                const char32_t c = d_.chars[ci];
                if (!is_url_break_char(c)) continue;
                if (d_.chars[ci + 1] == c || is_breakable_space(d_.chars[ci + 1])) continue;
                const std::uint32_t pos = d_.starts[ci + 1];
                if (pos <= content_begin_ || pos >= content_end_) continue;
                opportunities_.push_back({pos, Kind::url});
            }
        }
        auto by_pos = [](const Opportunity& a, const Opportunity& b) { return a.pos < b.pos; };
        std::stable_sort(opportunities_.begin(), opportunities_.end(), by_pos);
    }

    const hyphenate::Hyphenator* hyphenator_for_range(std::uint32_t range) {
        if (range_hyphenators_.empty()) range_hyphenators_.assign(p_.source.ranges.size(), {false, nullptr});
        auto& [known, h] = range_hyphenators_[range];
        if (!known) {
            const TextStyle& style = p_.source.ranges[range].style;
            h = opt_.dictionaries ? opt_.dictionaries->for_language(style.lang.empty() ? p_.source.lang : style.lang)
                                  : nullptr;
            known = true;
        }
        return h;
    }

    // Dictionary hyphenation points for the clean words of hyphenatable ranges.
    void find_hyphen_points() {
        if (hyphen_points_ready_) return;
        hyphen_points_ready_ = true;
        if (!opt_.hyphenate || !opt_.dictionaries) return;
        const auto& chars = d_.chars;
        auto joins_word = [&](std::size_t ci, bool after) {
            // Characters that make a letter run part of something that is not a word:
            // digits (GPT4), identifiers (snake_case, e@mail, a/b), domains (pauseai.info).
            // A raised note call or superscript right after (or before) a word is
            // no part of it: "capabilities¹⁰" still hyphenates.
            if (style_at_char(ci).rise != style_at_char(after ? ci - 1 : ci + 1).rise) return false;
            const char32_t c = chars[ci];
            if (c < 0x80 && c >= '0' && c <= '9') return true;
            if (c == '_' || c == '@' || c == '/' || c == '\\' || c == '=' || c == '#') return true;
            if (c >= 0x80 && u_isdigit(static_cast<UChar32>(c))) return true;
            if (c == '.') {
                const std::size_t beyond = after ? ci + 1 : ci - 1;
                if (after ? beyond < chars.size() : ci > 0) return is_letter(chars[beyond]) || u_isdigit(chars[beyond]);
            }
            return false;
        };
        for (std::size_t ci = 0; ci < chars.size();) {
            if (!is_letter(chars[ci])) {
                ++ci;
                continue;
            }
            std::size_t e = ci + 1;
            while (e < chars.size() && is_letter(chars[e])) ++e;
            const std::size_t word_first = ci;
            ci = e;
            if (e - word_first < 5) continue;  // no language hyphenates shorter words
            if (word_first > 0 && joins_word(word_first - 1, false)) continue;
            if (e < chars.size() && joins_word(e, true)) continue;
            bool allowed = true;
            for (std::size_t k = word_first; k < e && allowed; ++k) {
                const TextStyle& st = style_at_char(k);
                allowed = st.hyphenate && !st.url && !st.keep_together;
            }
            if (!allowed) continue;
            const hyphenate::Hyphenator* h = hyphenator_for_range(range_at_[word_first]);
            if (!h) continue;
            const std::uint32_t b = d_.starts[word_first], wend = d_.starts[e];
            for (std::size_t point : h->points(std::string_view(text_).substr(b, wend - b)))
                hyphen_points_.push_back({b + static_cast<std::uint32_t>(point), Kind::auto_hyphen});
        }
    }

    // ---------------------------------------------------------------- items

    Workspace::Impl::HyphenGlyph hyphen_for(FontId font, Sp size, std::uint32_t range) {
        const auto key = std::make_pair(font, size);
        auto it = ws_.hyphens.find(key);
        if (it != ws_.hyphens.end()) return it->second;
        shape::StyledText t;
        t.text.push_back('-');  // not `= "-"`: GCC 12 warns falsely (-Wrestrict) about that under ASan
        TextStyle style = p_.source.ranges[range].style;
        std::vector<FontId> chain{font};
        for (FontId f : style.fonts.fonts)
            if (f != font) chain.push_back(f);
        style.fonts.fonts = chain;
        style.size = size;
        style.color_emoji = false;
        t.ranges.push_back({0, 1, style});
        t.lang = p_.source.lang;
        const auto shaped = shape::shape_paragraph(fonts_, t);
        Workspace::Impl::HyphenGlyph h;
        if (!shaped.glyphs.empty()) {
            const auto& g = shaped.glyphs[0];
            h = {g.font, g.id, g.advance, g.x_offset, g.y_offset};
        }
        return ws_.hyphens.emplace(key, h).first->second;
    }

    // The glyph before a text position: its font, size and range decide the hyphen.
    Workspace::Impl::HyphenGlyph hyphen_at(std::uint32_t pos) {
        const std::uint32_t gi = glyph_at_[pos];
        const std::uint32_t range = range_before(pos);
        const Sp size = p_.source.ranges[range].style.size;
        FontId font = p_.source.ranges[range].style.fonts.fonts[0];
        if (gi > 0) font = p_.glyphs[gi - 1].font;
        return hyphen_for(font, size, range);
    }

    void push(const Item& item, const ItemText& text) {
        items_.push_back(item);
        item_text_.push_back(text);
    }

    void push_box(std::uint32_t a, std::uint32_t b) {
        if (b <= a) return;
        const Sp e = expandable_width(a, b);
        push(Item{ItemKind::box, width(a, b), e * expand_stretch_ / 1000, e * expand_shrink_ / 1000, 0, false},
             {a, b, Kind::box, range_index_at(a)});
    }

    Sp ragged_stretch(std::uint32_t pos) const {
        return static_cast<Sp>(opt_.ragged_stretch_em * static_cast<double>(style_at(pos).size));
    }

    int penalty_of(Kind k) const {
        switch (k) {
        case Kind::soft_hyphen:
        case Kind::auto_hyphen: return opt_.hyphen_penalty;
        case Kind::explicit_hyphen: return opt_.explicit_hyphen_penalty;
        case Kind::url: return opt_.url_penalty;
        case Kind::emergency: return opt_.emergency_penalty;
        default: return opt_.other_break_penalty;
        }
    }

    bool ragged() const { return opt_.align != Align::justify; }

    // The part of the glyph before `pos` that may hang past the right edge when a
    // justified line ends at pos.
    Sp protrusion_before(std::uint32_t pos) const {
        if (ragged() || !opt_.protrusion || pos == 0) return 0;
        const double f = right_protrusion(char_before(pos));
        if (f == 0) return 0;
        const std::uint32_t g = glyph_at_[pos];
        if (g == 0) return 0;
        const ShapedGlyph& glyph = p_.glyphs[g - 1];
        if (glyph.cluster != d_.starts[d_.index[pos] - 1]) return 0;  // part of a ligature
        return static_cast<Sp>(f * static_cast<double>(glyph.advance));
    }

    Sp hyphen_protrusion(Sp hyphen_advance) const {
        if (ragged() || !opt_.protrusion) return 0;
        return static_cast<Sp>(right_protrusion('-') * static_cast<double>(hyphen_advance));
    }

    void push_break_penalty(std::uint32_t pos, Kind kind, Sp w, int penalty, bool flagged, std::uint32_t space_begin,
                            std::uint32_t space_end, EdgeFix fix = {}) {
        const std::uint32_t range = range_before(pos);
        w += fix.before;
        if (!ragged()) {
            push(Item{ItemKind::penalty, w, 0, 0, penalty, flagged, fix.after}, {space_begin, space_end, kind, range});
            return;
        }
        // Knuth & Plass's ragged-right: a line ending here gets S of stretch, a line
        // running on gets +S−S = 0; the infinite penalty keeps the first glue from
        // being a breakpoint of its own.
        const Sp s = ragged_stretch(pos > 0 ? pos - 1 : 0);
        push(Item{ItemKind::penalty, 0, 0, 0, kInfinitePenalty, false}, {pos, pos, Kind::filler, range});
        push(Item{ItemKind::glue, 0, s, 0, 0, false}, {pos, pos, Kind::filler, range});
        push(Item{ItemKind::penalty, w, 0, 0, penalty, flagged, fix.after}, {space_begin, space_end, kind, range});
        push(Item{ItemKind::glue, 0, -s, 0, 0, false}, {pos, pos, Kind::filler, range});
    }

    void push_space(const SpaceRun& run, bool third_pass) {
        const Sp w = width(run.begin, run.end);
        const std::uint32_t range = range_index_at(run.begin);
        const Sp stretch = ragged() ? 0 : static_cast<Sp>(opt_.space_stretch * static_cast<double>(w));
        const Sp shrink = ragged() ? 0 : static_cast<Sp>(opt_.space_shrink * static_cast<double>(w));
        const bool breakable = run.breakable || (third_pass && (run.kept || run.overwide));
        if (!breakable) {
            push(Item{ItemKind::penalty, 0, 0, 0, kInfinitePenalty, false}, {run.begin, run.begin, Kind::filler, range});
            push(Item{ItemKind::glue, w, stretch, shrink, 0, false}, {run.begin, run.end, Kind::space, range});
            return;
        }
        if (run.kept || run.overwide) {
            // A kept-together range, or words joined by no-break spaces (or spaces
            // UAX #14 forbids a break at, as in "w0( w1(") into a stretch wider
            // than a line, may break in the third pass only, at a cost: the last
            // resort before text runs off the page.
            push_break_penalty(run.begin, Kind::emergency, -protrusion_before(run.begin), opt_.emergency_penalty, false,
                               run.begin, run.end);
            push(Item{ItemKind::glue, w, stretch, shrink, 0, false}, {run.begin, run.end, Kind::space, range});
            return;
        }
        if (!ragged()) {
            if (const Sp hang = protrusion_before(run.begin); hang > 0) {
                // Breaking here lets the punctuation hang: a penalty of negative
                // width is the break, the glue after it then cannot be one.
                push(Item{ItemKind::penalty, -hang, 0, 0, 0, false}, {run.begin, run.end, Kind::space, range});
            }
            push(Item{ItemKind::glue, w, stretch, shrink, 0, false}, {run.begin, run.end, Kind::space, range});
            return;
        }
        push_break_penalty(run.begin, Kind::space, 0, 0, false, run.begin, run.end);
        push(Item{ItemKind::glue, w, 0, 0, 0, false}, {run.begin, run.end, Kind::space, range});
    }

    void push_opportunity(const Opportunity& o) {
        switch (o.kind) {
        case Kind::hard: {
            const std::uint32_t range = range_before(o.pos);
            push(Item{ItemKind::glue, 0, kFilStretch, 0, 0, false}, {o.pos, o.pos, Kind::filler, range});
            push(Item{ItemKind::penalty, 0, 0, 0, -kInfinitePenalty, false}, {o.pos, o.pos, Kind::hard, range});
            return;
        }
        case Kind::soft_hyphen:
        case Kind::auto_hyphen: {
            const Sp advance = hyphen_at(o.pos).advance;
            push_break_penalty(o.pos, o.kind, advance - hyphen_protrusion(advance), penalty_of(o.kind), true, o.pos,
                               o.pos, edge_fix(o.pos));
            return;
        }
        case Kind::explicit_hyphen:
            push_break_penalty(o.pos, o.kind, -protrusion_before(o.pos), penalty_of(o.kind), true, o.pos, o.pos,
                               edge_fix(o.pos));
            return;
        default:
            push_break_penalty(o.pos, o.kind, -protrusion_before(o.pos), penalty_of(o.kind), false, o.pos, o.pos,
                               edge_fix(o.pos));
            return;
        }
    }

    // Boxes wider than the narrowest line, between the opportunities of `points`.
    std::vector<Opportunity> emergency_points(const std::vector<Opportunity>& points) const {
        std::vector<std::uint32_t> cuts{content_begin_};
        for (const auto& s : spaces_) {
            cuts.push_back(s.begin);
            cuts.push_back(s.end);
        }
        for (const auto& o : points) cuts.push_back(o.pos);
        cuts.push_back(content_end_);
        std::sort(cuts.begin(), cuts.end());
        std::vector<Opportunity> out;
        for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
            const std::uint32_t a = cuts[k], b = cuts[k + 1];
            if (b <= a || width(a, b) <= min_width_) continue;
            // Any cluster boundary inside the token will do.
            for (std::uint32_t g = glyph_at_[a] + 1; g < glyph_at_[b]; ++g) {
                const std::uint32_t c = p_.glyphs[g].cluster;
                if (c > a && c < b && c != p_.glyphs[g - 1].cluster) out.push_back({c, Kind::emergency});
            }
        }
        return out;
    }

    // Third pass: marks the spaces that lie inside a stretch wider than the
    // narrowest line between two real break opportunities (`points`, breakable
    // spaces, the text's ends). Such a space is the last resort's break.
    void mark_overwide_spaces(const std::vector<Opportunity>& points) {
        std::vector<std::uint32_t> cuts{content_begin_, content_end_};
        for (const auto& o : points) cuts.push_back(o.pos);
        for (const auto& sp : spaces_)
            if (sp.breakable) cuts.push_back(sp.end);
        std::sort(cuts.begin(), cuts.end());
        for (auto& sp : spaces_) {
            sp.overwide = false;
            if (sp.breakable || sp.kept) continue;
            const auto after = std::lower_bound(cuts.begin(), cuts.end(), sp.end);
            const auto before = std::upper_bound(cuts.begin(), cuts.end(), sp.begin);
            if (after == cuts.end() || before == cuts.begin()) continue;
            sp.overwide = width(*(before - 1), *after) > min_width_;
        }
    }

    bool has_overwide_box() const {
        for (std::size_t i = 0; i < items_.size(); ++i)
            if (items_[i].kind == ItemKind::box && items_[i].width > min_width_) return true;
        return false;
    }

    void build_items(bool hyphenation, bool third_pass) {
        items_.clear();
        item_text_.clear();
        std::vector<Opportunity>& points = sc_.points;
        points.assign(opportunities_.begin(), opportunities_.end());
        if (hyphenation) {
            find_hyphen_points();
            points.insert(points.end(), hyphen_points_.begin(), hyphen_points_.end());
        }
        if (third_pass) {
            points.insert(points.end(), kept_opportunities_.begin(), kept_opportunities_.end());
            auto extra = emergency_points(points);
            mark_overwide_spaces(points);
            points.insert(points.end(), extra.begin(), extra.end());
        }
        std::stable_sort(points.begin(), points.end(),
                         [](const Opportunity& a, const Opportunity& b) { return a.pos < b.pos; });
        // One opportunity per position: the first kind found wins (ICU's over ours).
        points.erase(std::unique(points.begin(), points.end(),
                                 [](const Opportunity& a, const Opportunity& b) { return a.pos == b.pos; }),
                     points.end());

        std::uint32_t box_start = content_begin_;
        std::size_t s = 0, o = 0;
        while (s < spaces_.size() || o < points.size()) {
            const bool take_space = o >= points.size() || (s < spaces_.size() && spaces_[s].begin < points[o].pos);
            if (take_space) {
                const SpaceRun& run = spaces_[s++];
                push_box(box_start, run.begin);
                push_space(run, third_pass);
                box_start = run.end;
                // Opportunities inside or at the end of a space run belong to it.
                while (o < points.size() && points[o].pos <= run.end) ++o;
            } else {
                const Opportunity& op = points[o++];
                if (op.pos <= box_start) continue;
                push_box(box_start, op.pos);
                push_opportunity(op);
                box_start = op.pos;
            }
        }
        push_box(box_start, content_end_);
        const std::uint32_t range = range_before(content_end_);
        // \parfillskip: the last line is set at its natural width, ending at least
        // last_line_room short of its measure.
        const Sp fill = opt_.justify_last_line && !ragged() ? 0 : kFilStretch;
        const Sp room = fill == 0 ? 0 : std::max<Sp>(0, opt_.last_line_room);
        push(Item{ItemKind::glue, room, fill, 0, 0, false}, {content_end_, content_end_, Kind::filler, range});
        push(Item{ItemKind::penalty, 0, 0, 0, -kInfinitePenalty, false}, {content_end_, content_end_, Kind::hard, range});
    }

    // ---------------------------------------------------------------- lines

    std::vector<Line> make_lines(const std::vector<Break>& breaks) {
        std::vector<Line> lines;
        lines.reserve(breaks.size());
        std::size_t first_item = 0;
        for (std::size_t k = 0; k < breaks.size(); ++k) {
            const std::size_t b = breaks[k].item;
            lines.push_back(make_line(first_item, b, lines.size()));
            first_item = b + 1;
            // Discardable items after a break do not start the next line.
            while (first_item < items_.size() && is_discardable(items_[first_item])) ++first_item;
        }
        return lines;
    }

    Line make_line(std::size_t first_item, std::size_t b, std::size_t line_index) {
        Line line;
        line.width = opt_.widths[std::min(line_index, opt_.widths.size() - 1)];
        const ItemText& at = item_text_[b];
        const Kind kind = at.kind;
        std::uint32_t start = first_item < item_text_.size() ? item_text_[first_item].begin : content_end_;
        if (first_item >= b) start = std::min(start, at.begin);
        std::uint32_t end = at.begin;
        line.hyphenated = items_[b].kind == ItemKind::penalty && (kind == Kind::soft_hyphen || kind == Kind::auto_hyphen);
        const bool forced = is_forced(items_[b]);
        // Trailing spaces and separators are not shown.
        while (end > start) {
            const char32_t c = char_before(end);
            if (!is_breakable_space(c) && !is_line_separator(c)) break;
            end = d_.starts[d_.index[end] - 1];
        }
        if (end < start) end = start;
        line.text_begin = start;
        line.text_end = end;

        // The glyphs: cut from the paragraph; where a cut is unsafe, the word piece
        // at that edge is reshaped, as edge_fix() measured it.
        std::vector<ShapedGlyph>& glyphs = sc_.line_glyphs;
        glyphs.clear();
        std::uint32_t left_end = start, right_begin = end;  // [start, left_end) and [right_begin, end) reshaped
        if (unsafe_at(start)) left_end = std::min(word_end_after(start), end);
        if (unsafe_at(end)) right_begin = std::max(word_start_before(end), left_end);
        if (left_end > start) {
            const auto piece = shape::reshape_range(fonts_, p_.source, start, left_end);
            glyphs.insert(glyphs.end(), piece.begin(), piece.end());
        }
        if (right_begin > left_end)
            glyphs.insert(glyphs.end(), p_.glyphs.begin() + glyph_at_[left_end], p_.glyphs.begin() + glyph_at_[right_begin]);
        if (end > right_begin) {
            const auto piece = shape::reshape_range(fonts_, p_.source, right_begin, end);
            glyphs.insert(glyphs.end(), piece.begin(), piece.end());
        }

        // The inserted hyphen.
        std::optional<Workspace::Impl::HyphenGlyph> hyphen;
        if (line.hyphenated) hyphen = hyphen_at(end);

        // Justification: the glue items of this line, and how far to stretch them.
        std::vector<GlueUse>& glue = sc_.glue;
        glue.clear();
        bool fil = false;
        for (std::size_t i = first_item; i < b; ++i) {
            const Item& it = items_[i];
            if (it.kind != ItemKind::glue) continue;
            if (it.stretch >= kFilStretch) {
                fil = true;
                continue;
            }
            if (item_text_[i].kind == Kind::space && item_text_[i].end <= end)
                glue.push_back({item_text_[i].begin, item_text_[i].end, it.stretch, it.shrink});
        }
        if (forced && b > 0 && items_[b - 1].kind == ItemKind::glue && items_[b - 1].stretch >= kFilStretch)
            fil = true;
        line.ends_paragraph_or_forced = forced;

        Sp natural = 0, expandable_natural = 0;
        std::vector<char>& scalable = sc_.line_expandable;
        scalable.assign(glyphs.size(), 0);
        const bool expanding = expand_stretch_ > 0 || expand_shrink_ > 0;
        for (std::size_t i = 0; i < glyphs.size(); ++i) {
            natural += glyphs[i].advance;
            if (expanding && expandable(glyphs[i])) {
                scalable[i] = 1;
                expandable_natural += glyphs[i].advance;
            }
        }
        const bool hyphen_scalable = hyphen && expanding && !fonts_.info(hyphen->font).color_bitmap;
        if (hyphen) natural += hyphen->advance;
        if (hyphen_scalable) expandable_natural += hyphen->advance;
        line.natural_width = natural;

        Sp total_stretch = 0, total_shrink = 0;
        for (const auto& u : glue) {
            total_stretch += u.stretch;
            total_shrink += u.shrink;
        }
        // A justified line fills its width plus what its last mark may hang out; the
        // paragraph's last line ends at least last_line_room short of its width.
        const bool last_line = b + 1 == items_.size();
        const Sp hang = fil ? 0 : (hyphen ? hyphen_protrusion(hyphen->advance) : protrusion_before(end));
        const Sp limit = line.width + hang;
        const Sp target = fil && last_line ? std::max<Sp>(0, line.width - items_[b - 1].width) : limit;

        // Font expansion: the glyphs take their share of the adjustment (in
        // proportion to their stretch or shrink against the glue's, never past the
        // limit), rounded to a step; the glue takes the rest.
        const Sp adjust = target - natural;  // > 0 stretch, < 0 shrink
        auto glyph_delta = [&](int e) {
            if (e == 0) return Sp{0};
            Sp d = 0;
            for (std::size_t i = 0; i < glyphs.size(); ++i)
                if (scalable[i]) d += expanded(glyphs[i].advance, e) - glyphs[i].advance;
            if (hyphen_scalable) d += expanded(hyphen->advance, e) - hyphen->advance;
            return d;
        };
        int e = 0;
        Sp font_room = 0;  // what the glyphs could give in the direction needed
        if (expandable_natural > 0 && !ragged() && adjust != 0 && (adjust < 0 || !fil)) {
            const int limit_e = adjust > 0 ? expand_stretch_ : expand_shrink_;
            font_room = expandable_natural * limit_e / 1000;
            const Sp glue_room = adjust > 0 ? total_stretch : total_shrink;
            if (font_room > 0) {
                const double need = std::fabs(static_cast<double>(adjust));
                const double share = std::min(static_cast<double>(font_room),
                                              need * static_cast<double>(font_room) /
                                                  static_cast<double>(font_room + glue_room));
                const double ideal = share / static_cast<double>(expandable_natural) * 1000;  // thousandths
                e = static_cast<int>(std::lround(ideal / expand_step_)) * expand_step_;
                e = std::min(e, limit_e);
                if (adjust < 0) e = -e;
                // Rounding to a step must not overshoot what the line needs, nor leave
                // the glue more shrinking than it has.
                if (adjust > 0)
                    while (e > 0 && adjust - glyph_delta(e) < 0) e -= expand_step_;
                else {
                    while (e < 0 && adjust - glyph_delta(e) > 0) e += expand_step_;
                    while (adjust - glyph_delta(e) < -total_shrink && e - expand_step_ >= -expand_shrink_)
                        e -= expand_step_;
                }
            }
        }
        const Sp font_part = glyph_delta(e);
        const Sp rest = adjust - font_part;
        Sp extra = 0;  // to distribute over the glue
        if (rest > 0 && !fil && total_stretch > 0 && !ragged())
            extra = rest;
        else if (rest < 0 && total_shrink > 0)
            extra = std::max(rest, -total_shrink);
        double ratio = 0;
        if (adjust > 0 && !fil && !ragged() && total_stretch + font_room > 0)
            ratio = static_cast<double>(adjust) / static_cast<double>(total_stretch + font_room);
        else if (adjust < 0 && total_shrink + font_room > 0)
            ratio = std::max(-1.0, static_cast<double>(adjust) / static_cast<double>(total_shrink + font_room));
        line.ratio = ratio;
        line.expansion = e;
        if (e != 0) {
            for (std::size_t i = 0; i < glyphs.size(); ++i)
                if (scalable[i]) {
                    glyphs[i].advance = expanded(glyphs[i].advance, e);
                    glyphs[i].x_offset = expanded(glyphs[i].x_offset, e);
                }
            if (hyphen_scalable) {
                hyphen->advance = expanded(hyphen->advance, e);
                hyphen->x_offset = expanded(hyphen->x_offset, e);
            }
        }
        if (extra != 0 && !glue.empty()) {
            // Spread in proportion to each glue's stretch (or shrink), rounding so
            // the sum is exact: the line ends precisely at its width.
            const Sp total = extra > 0 ? total_stretch : total_shrink;
            Sp given = 0, cumulative = 0;
            std::size_t gi = 0;  // glyphs are in logical order: one sweep finds every space
            for (const auto& u : glue) {
                cumulative += extra > 0 ? u.stretch : u.shrink;
                const Sp upto = scale_sp(extra, cumulative, total);
                const Sp add = upto - given;
                given = upto;
                // The last glyph of the spaces carries the extra width.
                while (gi < glyphs.size() && glyphs[gi].cluster < u.begin) ++gi;
                std::size_t last = glyphs.size();
                while (gi < glyphs.size() && glyphs[gi].cluster < u.end) last = gi++;
                if (last < glyphs.size()) glyphs[last].advance += add;
            }
        }

        // Alignment offset for ragged lines.
        Sp shown = 0;
        for (const auto& g : glyphs) shown += g.advance;
        if (hyphen) shown += hyphen->advance;
        Sp x = 0;
        if (shown > limit + 1) overfull_ = true;
        Align align = opt_.align;
        if (opt_.rtl && align == Align::left) align = Align::right;
        else if (opt_.rtl && align == Align::right) align = Align::left;
        // A justified line that is not stretched (the last, or one before a forced
        // break) starts at the right edge in a right-to-left paragraph.
        const bool at_start_only = align == Align::justify && line.ends_paragraph_or_forced && !opt_.justify_last_line;
        if (align == Align::right || (opt_.rtl && at_start_only)) x = std::max<Sp>(0, line.width - shown);
        if (align == Align::center) x = std::max<Sp>(0, (line.width - shown) / 2);

        make_runs(line, glyphs, start, end, hyphen, x, e);
        for (const auto& r : line.runs) {
            line.ascent = std::max(line.ascent, fonts_.ascent(r.font, r.size) + r.rise);
            line.descent = std::max(line.descent, fonts_.descent(r.font, r.size) - r.rise);
        }
        return line;
    }

    void make_runs(Line& line, const std::vector<ShapedGlyph>& glyphs, std::uint32_t start, std::uint32_t end,
                   const std::optional<Workspace::Impl::HyphenGlyph>& hyphen, Sp x, int expansion) {
        std::vector<Segment>& segments = sc_.segments;
        segments.clear();
        for (std::size_t g = 0; g < glyphs.size();) {
            std::size_t e = g + 1;
            while (e < glyphs.size() && glyphs[e].range == glyphs[g].range && glyphs[e].font == glyphs[g].font &&
                   glyphs[e].level == glyphs[g].level)
                ++e;
            segments.push_back({g, e, segments.empty() ? start : glyphs[g].cluster, 0, glyphs[g].level});
            g = e;
        }
        for (std::size_t k = 0; k < segments.size(); ++k)
            segments[k].t1 = k + 1 < segments.size() ? segments[k + 1].t0 : end;

        // Visual order (UAX #9 rule L2): reverse runs of level >= L, for L from the
        // highest level down to the lowest odd one.
        std::vector<std::size_t>& order = sc_.order;
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

        const std::size_t last_logical = segments.empty() ? 0 : segments.size() - 1;
        const std::uint32_t hyphen_range = range_before(end);
        bool hyphen_done = false;
        for (std::size_t k : order) {
            const Segment& s = segments[k];
            GlyphRun run = styled_run(glyphs[s.g0].range, glyphs[s.g0].font, x, expansion);
            run.text = text_.substr(s.t0, s.t1 - s.t0);
            const bool rtl = s.level & 1;
            for (std::size_t i = 0; i < s.g1 - s.g0; ++i) {
                const ShapedGlyph& g = glyphs[rtl ? s.g1 - 1 - i : s.g0 + i];
                run.glyphs.push_back({g.id, g.advance, g.x_offset, g.y_offset, g.cluster - s.t0});
                x += g.advance;
            }
            if (hyphen && k == last_logical && hyphen->font == run.font &&
                run.size == p_.source.ranges[hyphen_range].style.size) {
                append_hyphen(run, *hyphen);
                x += hyphen->advance;
                hyphen_done = true;
            }
            line.runs.push_back(std::move(run));
        }
        if (hyphen && !hyphen_done) {
            GlyphRun run = styled_run(hyphen_range, hyphen->font, x, expansion);
            append_hyphen(run, *hyphen);
            line.runs.push_back(std::move(run));
        }
    }

    // An empty run at x in the style of a source range; colour bitmaps are never expanded.
    GlyphRun styled_run(std::uint32_t range, FontId font, Sp x, int expansion) const {
        const TextStyle& style = p_.source.ranges[range].style;
        GlyphRun run;
        run.font = font;
        run.size = style.size;
        run.color = style.color;
        run.rise = style.rise;
        run.tag = style.tag;
        run.x = x;
        run.horizontal_scale = fonts_.info(font).color_bitmap ? 1000 : 1000 + expansion;
        return run;
    }

    static void append_hyphen(GlyphRun& run, const Workspace::Impl::HyphenGlyph& h) {
        // A taken soft hyphen shows as the hyphen itself.
        if (run.text.size() >= 2 && run.text.compare(run.text.size() - 2, 2, "\xC2\xAD") == 0)
            run.text.resize(run.text.size() - 2);
        const auto at = static_cast<std::uint32_t>(run.text.size());
        run.text += "-";
        run.glyphs.push_back({h.id, h.advance, h.x_offset, h.y_offset, at});
    }
};

}  // namespace

std::vector<Line> break_paragraph(shape::FontRegistry& fonts, const shape::ShapedParagraph& paragraph,
                                  const Options& options) {
    Workspace local;
    Workspace& ws = options.workspace ? *options.workspace : local;
    ws.impl().use_registry(fonts);
    ParagraphBreaker breaker(fonts, paragraph, options, ws.impl());
    return breaker.run();
}

}  // namespace booklet::linebreak

// Preparing a shaped paragraph for breaking: the text decoded, glyph positions and
// style ranges indexed by text position, break opportunities (UAX #14 through
// ICU, URL breaks, spaces) and, on demand, dictionary hyphenation points.
#include "prepared.hpp"

#include "booklet/ascii.hpp"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace booklet::linebreak {

using shape::ShapedGlyph;
using shape::TextStyle;

bool is_breakable_space(char32_t c) {
    return c == ' ' || c == '\t' || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) || (c >= 0x2008 && c <= 0x200A) ||
           c == 0x205F || c == 0x3000;
}

bool is_line_separator(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

namespace {

using Spans = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Ideographs, kana, bopomofo, CJK punctuation and full-width forms: characters set
// on a grid of em squares, which justification never scales.
bool is_cjk_square(char32_t c) {
    return (c >= 0x2E80 && c <= 0x2FFF) || (c >= 0x3001 && c <= 0x303F) || (c >= 0x3040 && c <= 0x31FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFF);
}

// Thai, Lao, Burmese and Khmer: written without spaces between words, which ICU
// finds with its dictionaries.
bool is_unspaced_script(char32_t c) {
    return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x1000 && c <= 0x109F) || (c >= 0x1780 && c <= 0x17FF) ||
           (c >= 0x19E0 && c <= 0x19FF) || (c >= 0xAA60 && c <= 0xAA7F) || (c >= 0xA9E0 && c <= 0xA9FF);
}

// A break between these two characters is one where a justified line may widen
// the gap: beside a CJK character (a break between it and a Latin word is a gap
// as well), or between two words of a script without spaces.
bool stretches_between(char32_t before, char32_t after) {
    if (before == 0 || after == 0 || is_breakable_space(before) || is_breakable_space(after)) return false;
    if (is_cjk_square(before) || is_cjk_square(after)) return true;
    return is_unspaced_script(before) && is_unspaced_script(after);
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

bool separates_words(char32_t c) { return is_breakable_space(c) || is_line_separator(c) || c == 0xA0; }

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
Spans spans_where(const shape::StyledText& source, bool TextStyle::*flag) {
    Spans spans;
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

bool strictly_inside(const Spans& spans, std::uint32_t pos) {
    auto it = std::upper_bound(spans.begin(), spans.end(), pos,
                               [](std::uint32_t p, const auto& s) { return p < s.second; });
    return it != spans.end() && it->first < pos && pos < it->second;
}

Sp advance_sum(const std::vector<ShapedGlyph>& glyphs) {
    Sp w = 0;
    for (const auto& g : glyphs) w += g.advance;
    return w;
}

// The language tag the line break rules are made for. Japanese is set with ICU's
// strict rules (lb=strict): ICU's "ja" data defaults to normal, which allows a break
// before small kana and the prolonged sound mark "ー" ("テクノロジ/ー"), something
// Japanese typesetting (kinsoku) avoids. A tag that names its own lb keeps it.
std::string line_break_tag(const std::string& lang) {
    std::string lower;
    for (char c : lang) lower += ascii_lower(c == '_' ? '-' : c);
    const bool japanese = lower == "ja" || lower.rfind("ja-", 0) == 0;
    if (!japanese || lower.find("-lb-") != std::string::npos) return lang;
    return lang + (lower.find("-u-") != std::string::npos ? "-lb-strict" : "-u-lb-strict");
}

}  // namespace

Workspace::Impl::Impl() = default;
Workspace::Impl::~Impl() = default;

icu::BreakIterator* Workspace::Impl::iterator(const std::string& lang) {
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

PreparedParagraph::PreparedParagraph(shape::FontRegistry& fonts, const shape::ShapedParagraph& paragraph,
                                     const Options& options, Workspace::Impl& ws)
    : fonts(fonts), paragraph(paragraph), text(paragraph.source.text), opt(options), ws(ws) {}

// ---------------------------------------------------------------- queries

const TextStyle& PreparedParagraph::style_at_char(std::size_t ci) const {
    return paragraph.source.ranges[sc.range_at[ci]].style;
}

const TextStyle& PreparedParagraph::style_at(std::uint32_t pos) const {
    return style_at_char(std::min<std::size_t>(sc.decoded.index[pos], sc.decoded.chars.size() - 1));
}

std::uint32_t PreparedParagraph::range_index_at(std::uint32_t pos) const {
    return sc.range_at[std::min<std::size_t>(sc.decoded.index[pos], sc.decoded.chars.size() - 1)];
}

char32_t PreparedParagraph::char_before(std::uint32_t pos) const {
    const std::uint32_t ci = sc.decoded.index[pos];
    return ci == 0 ? 0 : sc.decoded.chars[ci - 1];
}

char32_t PreparedParagraph::char_at(std::uint32_t pos) const {
    const std::uint32_t ci = sc.decoded.index[pos];
    return ci < sc.decoded.chars.size() ? sc.decoded.chars[ci] : 0;
}

Sp PreparedParagraph::width(std::uint32_t a, std::uint32_t b) const {
    return sc.glyph_x[sc.glyph_at[b]] - sc.glyph_x[sc.glyph_at[a]];
}

Sp PreparedParagraph::expandable_width(std::uint32_t a, std::uint32_t b) const {
    return sc.glyph_xe[sc.glyph_at[b]] - sc.glyph_xe[sc.glyph_at[a]];
}

bool PreparedParagraph::expandable(const ShapedGlyph& g) const {
    if (fonts.info(g.font).color_bitmap) return false;
    if (g.cluster >= text.size()) return true;
    const char32_t c = sc.decoded.chars[sc.decoded.index[g.cluster]];
    return !is_breakable_space(c) && c != 0xA0 && !is_cjk_square(c);
}

// The position is inside a cluster (a ligature) or HarfBuzz flags it unsafe to
// break (kerning or contextual forms across it).
bool PreparedParagraph::unsafe_at(std::uint32_t pos) const {
    if (pos <= content_begin || pos >= content_end) return false;
    const std::uint32_t g = sc.glyph_at[pos];
    if (g >= paragraph.glyphs.size()) return false;
    return paragraph.glyphs[g].cluster != pos || paragraph.glyphs[g].unsafe_to_break;
}

// The start of the word that contains the character before `pos`, and the end of
// the word that contains the character at `pos` (words end at spaces), but never
// more than kMaxReshapeChars away: no ligature or kerning context reaches that
// far, and reshaping whole words at every break inside a 600 KB "word" was
// quadratic.
constexpr std::uint32_t kMaxReshapeChars = 64;

std::uint32_t PreparedParagraph::word_start_before(std::uint32_t pos) const {
    const Decoded& d = sc.decoded;
    std::uint32_t ci = d.index[pos];
    const std::uint32_t floor = std::max(d.index[content_begin], ci > kMaxReshapeChars ? ci - kMaxReshapeChars : 0);
    while (ci > floor && !separates_words(d.chars[ci - 1])) --ci;
    return d.starts[ci];
}

std::uint32_t PreparedParagraph::word_end_after(std::uint32_t pos) const {
    const Decoded& d = sc.decoded;
    std::uint32_t ci = d.index[pos];
    const std::uint32_t ceiling = std::min(d.index[content_end], ci + kMaxReshapeChars);
    while (ci < ceiling && !separates_words(d.chars[ci])) ++ci;
    return d.starts[ci];
}

// At a break where the text must be reshaped, what the line ending there and the
// line starting there measure beyond the paragraph's own advances: the word pieces
// on either side, shaped as the committed line shapes them. (With a ligature
// across the break, the paragraph counts the whole ligature before it.) Every pass
// rebuilds its items, so the cache keeps each position to one reshape per paragraph.
EdgeFix PreparedParagraph::edge_fix(std::uint32_t pos) {
    if (!unsafe_at(pos)) return {};
    if (auto it = sc.edge_fixes.find(pos); it != sc.edge_fixes.end()) return it->second;
    const std::uint32_t from = word_start_before(pos), to = word_end_after(pos);
    EdgeFix fix;
    fix.before = advance_sum(shape::reshape_range(fonts, paragraph.source, from, pos)) - width(from, pos);
    fix.after = advance_sum(shape::reshape_range(fonts, paragraph.source, pos, to)) - width(pos, to);
    sc.edge_fixes.emplace(pos, fix);
    return fix;
}

HyphenGlyph PreparedParagraph::hyphen_for(FontId font, Sp size, std::uint32_t range) {
    const auto key = std::make_pair(font, size);
    auto it = ws.hyphens.find(key);
    if (it != ws.hyphens.end()) return it->second;
    shape::StyledText t;
    t.text.push_back('-');  // not `= "-"`: GCC 12 warns falsely (-Wrestrict) about that under ASan
    TextStyle style = paragraph.source.ranges[range].style;
    shape::FontChain::List chain{font};
    for (FontId f : style.fonts.fonts)
        if (f != font) chain.push_back(f);
    style.fonts.fonts = chain;
    style.size = size;
    style.color_emoji = false;
    t.ranges.push_back({0, 1, style});
    t.lang = paragraph.source.lang;
    const auto shaped = shape::shape_paragraph(fonts, t);
    HyphenGlyph h;
    if (!shaped.glyphs.empty()) {
        const auto& g = shaped.glyphs[0];
        h = {g.font, g.id, g.advance, g.x_offset, g.y_offset};
    }
    return ws.hyphens.emplace(key, h).first->second;
}

// The glyph before a text position: its font, size and range decide the hyphen.
HyphenGlyph PreparedParagraph::hyphen_at(std::uint32_t pos) {
    const std::uint32_t gi = sc.glyph_at[pos];
    const std::uint32_t range = range_before(pos);
    const Sp size = paragraph.source.ranges[range].style.size;
    FontId font = paragraph.source.ranges[range].style.fonts.fonts[0];
    if (gi > 0) font = paragraph.glyphs[gi - 1].font;
    return hyphen_for(font, size, range);
}

Sp PreparedParagraph::protrusion_before(std::uint32_t pos) const {
    if (ragged() || !opt.protrusion || pos == 0) return 0;
    const double f = right_protrusion(char_before(pos));
    if (f == 0) return 0;
    const std::uint32_t g = sc.glyph_at[pos];
    if (g == 0) return 0;
    const ShapedGlyph& glyph = paragraph.glyphs[g - 1];
    if (glyph.cluster != sc.decoded.starts[sc.decoded.index[pos] - 1]) return 0;  // part of a ligature
    return static_cast<Sp>(f * static_cast<double>(glyph.advance));
}

Sp PreparedParagraph::hyphen_protrusion(Sp hyphen_advance) const {
    if (ragged() || !opt.protrusion) return 0;
    return static_cast<Sp>(right_protrusion('-') * static_cast<double>(hyphen_advance));
}

// ---------------------------------------------------------------- preparation

bool PreparedParagraph::prepare() {
    if (text.empty() || opt.widths.empty() || paragraph.source.ranges.empty()) return false;
    decode(text, sc.decoded);
    for (auto* v : {&sc.opportunities, &sc.kept_opportunities, &sc.hyphen_points}) v->clear();
    sc.spaces.clear();
    sc.range_hyphenators.clear();
    sc.edge_fixes.clear();
    min_width = *std::min_element(opt.widths.begin(), opt.widths.end());
    index_glyphs();
    index_ranges();
    find_content_bounds();
    set_expansion_limits();
    find_opportunities();
    return content_begin < content_end;
}

// Glyph lookup by byte offset, and the prefix sums of the advances.
void PreparedParagraph::index_glyphs() {
    const auto& glyphs = paragraph.glyphs;
    sc.glyph_x.resize(glyphs.size() + 1);
    sc.glyph_x[0] = 0;
    for (std::size_t g = 0; g < glyphs.size(); ++g) sc.glyph_x[g + 1] = sc.glyph_x[g] + glyphs[g].advance;
    sc.glyph_at.resize(text.size() + 1);
    std::size_t g = 0;
    for (std::size_t b = 0; b <= text.size(); ++b) {
        while (g < glyphs.size() && glyphs[g].cluster < b) ++g;
        sc.glyph_at[b] = static_cast<std::uint32_t>(g);
    }
}

// Style range per character.
void PreparedParagraph::index_ranges() {
    const Decoded& d = sc.decoded;
    sc.range_at.resize(d.chars.size());
    std::uint32_t r = 0;
    const auto& ranges = paragraph.source.ranges;
    for (std::size_t ci = 0; ci < d.chars.size(); ++ci) {
        const std::uint32_t pos = d.starts[ci];
        while (r + 1 < ranges.size() && ranges[r].end <= pos) ++r;
        sc.range_at[ci] = r;
    }
}

// Leading and trailing spaces and separators are not set.
void PreparedParagraph::find_content_bounds() {
    const Decoded& d = sc.decoded;
    std::size_t first = 0, last = d.chars.size();
    auto blank = [](char32_t c) { return is_breakable_space(c) || is_line_separator(c); };
    while (first < last && blank(d.chars[first])) ++first;
    while (last > first && blank(d.chars[last - 1])) --last;
    content_begin = d.starts[first];
    content_end = d.starts[last];
}

// Font expansion: limits as whole steps, and the advances it may scale.
void PreparedParagraph::set_expansion_limits() {
    expand_stretch = expand_shrink = 0;
    const auto& pp = opt.params;
    if (!ragged() && pp.expansion_step > 0) {
        expand_step = std::max(1, static_cast<int>(std::lround(pp.expansion_step * 1000)));
        auto steps = [&](double limit) {
            const int l = static_cast<int>(std::lround(std::clamp(limit, 0.0, 0.5) * 1000));
            return l / expand_step * expand_step;
        };
        expand_stretch = steps(pp.expansion_stretch);
        expand_shrink = steps(pp.expansion_shrink);
    }
    const auto& glyphs = paragraph.glyphs;
    sc.glyph_xe.resize(glyphs.size() + 1);
    sc.glyph_xe[0] = 0;
    const bool scaling = expanding();
    for (std::size_t g = 0; g < glyphs.size(); ++g)
        sc.glyph_xe[g + 1] = sc.glyph_xe[g] + (scaling && expandable(glyphs[g]) ? glyphs[g].advance : 0);
}

// ---------------------------------------------------------------- opportunities

void PreparedParagraph::find_opportunities() {
    const auto urls = spans_where(paragraph.source, &TextStyle::url);
    const auto keeps = spans_where(paragraph.source, &TextStyle::keep_together);
    collect_icu_breaks();
    collect_spaces();
    sort_icu_breaks(urls, keeps);
    keep_spaced_dashes();
    add_url_breaks(urls);
    auto by_pos = [](const Opportunity& a, const Opportunity& b) { return a.pos < b.pos; };
    std::stable_sort(sc.opportunities.begin(), sc.opportunities.end(), by_pos);
}

// UAX #14 breaks into sc.icu: position p means "a line may start at p".
void PreparedParagraph::collect_icu_breaks() {
    icu::BreakIterator* bi = ws.iterator(paragraph.source.lang.empty() ? std::string("en") : paragraph.source.lang);
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) throw Error({}, "ICU cannot read the paragraph text", "linebreak");
    bi->setText(&ut, status);
    std::vector<Opportunity>& icu = sc.icu;
    icu.clear();
    for (int32_t pos = bi->next(); pos != icu::BreakIterator::DONE; pos = bi->next()) {
        const auto p = static_cast<std::uint32_t>(pos);
        if (p >= text.size()) break;
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
        else if (stretches_between(before, char_at(p)))
            kind = Kind::intercharacter;
        icu.push_back({p, kind});
    }
    bi->setText(icu::UnicodeString());  // drop the reference to our text
    utext_close(&ut);
}

// Runs of breakable spaces, and of no-break spaces that still stretch.
void PreparedParagraph::collect_spaces() {
    const Decoded& d = sc.decoded;
    for (std::size_t ci = 0; ci < d.chars.size();) {
        const char32_t c = d.chars[ci];
        const bool nbsp = c == 0xA0;
        if (!is_breakable_space(c) && !nbsp) {
            ++ci;
            continue;
        }
        std::size_t e = ci + 1;
        while (e < d.chars.size() && (nbsp ? d.chars[e] == 0xA0 : is_breakable_space(d.chars[e]))) ++e;
        SpaceRun run;
        run.begin = d.starts[ci];
        run.end = d.starts[e];
        run.nbsp = nbsp;
        if (run.begin >= content_begin && run.end <= content_end && run.begin < run.end) sc.spaces.push_back(run);
        ci = e;
    }
}

// The ICU breaks inside the content: a break after spaces marks its space run; the
// others become opportunities, or kept ones inside a keep_together range.
void PreparedParagraph::sort_icu_breaks(const Spans& urls, const Spans& keeps) {
    std::vector<SpaceRun>& spaces = sc.spaces;
    std::size_t s = 0;
    for (const auto& o : sc.icu) {
        if (o.pos <= content_begin || o.pos >= content_end) continue;
        // URL breaks are ours (add_url_breaks); spaces (code set as a URL) break as in text.
        if (o.kind != Kind::space && o.kind != Kind::hard && strictly_inside(urls, o.pos)) continue;
        const bool kept = strictly_inside(keeps, o.pos);
        if (o.kind == Kind::space) {
            while (s < spaces.size() && spaces[s].end < o.pos) ++s;
            if (s < spaces.size() && spaces[s].end == o.pos && !spaces[s].nbsp) {
                if (kept)
                    spaces[s].kept = true;
                else
                    spaces[s].breakable = true;
            }
            continue;
        }
        (kept ? sc.kept_opportunities : sc.opportunities).push_back(o);
    }
}

// A spaced dash (" — ", " – ") stays at the end of its line: UAX #14 allows a break
// before it, but a line that starts with a dash reads as dialogue or a list item.
void PreparedParagraph::keep_spaced_dashes() {
    const Decoded& d = sc.decoded;
    for (auto& run : sc.spaces) {
        if (!run.breakable || run.end >= text.size()) continue;
        const std::uint32_t ci = d.index[run.end];
        const char32_t next = d.chars[ci];
        if ((next == 0x2013 || next == 0x2014) && ci + 1 < d.chars.size() && is_breakable_space(d.chars[ci + 1]))
            run.breakable = false;
    }
}

// URL ranges: after / . - _ ? & = #, at the end of a run of such characters (so
// "https://" breaks after both slashes), never at the URL's last character.
void PreparedParagraph::add_url_breaks(const Spans& urls) {
    const Decoded& d = sc.decoded;
    for (const auto& [b, e] : urls) {
        const std::uint32_t first = d.index[b], last = d.index[e];
        for (std::uint32_t ci = first; ci + 1 < last; ++ci) {
            const char32_t c = d.chars[ci];
            if (!is_url_break_char(c)) continue;
            if (d.chars[ci + 1] == c || is_breakable_space(d.chars[ci + 1])) continue;
            const std::uint32_t pos = d.starts[ci + 1];
            if (pos <= content_begin || pos >= content_end) continue;
            sc.opportunities.push_back({pos, Kind::url});
        }
    }
}

// ---------------------------------------------------------------- hyphenation points

const std::vector<Opportunity>& PreparedParagraph::hyphen_points() {
    find_hyphen_points();
    return sc.hyphen_points;
}

const hyphenate::Hyphenator* PreparedParagraph::hyphenator_for_range(std::uint32_t range) {
    auto& hyphenators = sc.range_hyphenators;
    if (hyphenators.empty()) hyphenators.assign(paragraph.source.ranges.size(), {false, nullptr});
    auto& [known, h] = hyphenators[range];
    if (!known) {
        const TextStyle& style = paragraph.source.ranges[range].style;
        h = opt.dictionaries
                ? opt.dictionaries->for_language(style.lang.empty() ? paragraph.source.lang : style.lang)
                : nullptr;
        known = true;
    }
    return h;
}

// Whether the character at `ci`, next to a letter run (after it, or before it),
// makes the run part of something that is not a word: digits (GPT4), identifiers
// (snake_case, e@mail, a/b), domains (pauseai.info). A raised note call or
// superscript right after (or before) a word is no part of it: "capabilities¹⁰"
// still hyphenates.
bool PreparedParagraph::joins_word(std::size_t ci, bool after) const {
    const auto& chars = sc.decoded.chars;
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
}

// Every character of the word [first, end) is in a hyphenatable range.
bool PreparedParagraph::may_hyphenate(std::size_t first, std::size_t end) const {
    for (std::size_t k = first; k < end; ++k) {
        const TextStyle& st = style_at_char(k);
        if (!st.hyphenate || st.url || st.keep_together) return false;
    }
    return true;
}

// Dictionary hyphenation points for the clean words of hyphenatable ranges.
void PreparedParagraph::find_hyphen_points() {
    if (hyphen_points_ready_) return;
    hyphen_points_ready_ = true;
    if (!opt.hyphenate || !opt.dictionaries) return;
    const Decoded& d = sc.decoded;
    const auto& chars = d.chars;
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
        if (!may_hyphenate(word_first, e)) continue;
        const hyphenate::Hyphenator* h = hyphenator_for_range(sc.range_at[word_first]);
        if (!h) continue;
        const std::uint32_t b = d.starts[word_first], wend = d.starts[e];
        // Thai marks no break with a hyphen: its dictionary's points (between the
        // syllables of a compound, "ประ|ชาชน") break silently.
        const Kind kind = is_unspaced_script(chars[word_first]) ? Kind::silent_hyphen : Kind::auto_hyphen;
        for (std::size_t point : h->points(std::string_view(text).substr(b, wend - b)))
            sc.hyphen_points.push_back({b + static_cast<std::uint32_t>(point), kind});
    }
}

}  // namespace booklet::linebreak

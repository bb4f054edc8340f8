// Shaping a paragraph: itemise (style range, font per cluster, script, bidi level),
// shape each item with HarfBuzz against the whole paragraph as context, and keep the
// glyphs in logical order with byte clusters. The steps follow typst's inline
// layout (collect → prepare/shape), one paragraph at a time.
#include "booklet/diagnostics.hpp"
#include "booklet/shape.hpp"
#include "font_registry_impl.hpp"

#include <unicode/locid.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace booklet::shape {

namespace {

constexpr char32_t kZwj = 0x200D;
constexpr char32_t kVs15 = 0xFE0E;
constexpr char32_t kVs16 = 0xFE0F;
constexpr char32_t kKeycap = 0x20E3;
constexpr char32_t kWhiteSquare = 0x25A1;
constexpr char32_t kReplacement = 0xFFFD;
// The word cache is dropped when it grows past this many entries: memory stays
// bounded whatever the input.
constexpr std::size_t kMaxCachedWords = 100000;

bool is_regional_indicator(char32_t c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
bool is_emoji_modifier(char32_t c) { return c >= 0x1F3FB && c <= 0x1F3FF; }
bool is_tag(char32_t c) { return c >= 0xE0020 && c <= 0xE007F; }
bool is_variation_selector(char32_t c) {
    return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
}
bool is_mark(char32_t c) {
    const auto t = u_charType(static_cast<UChar32>(c));
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

// Line separators are kept in the text for the line breaker but get no glyph.
bool is_line_separator(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Characters a font need not have for a cluster to count as covered: HarfBuzz
// hides default ignorables, and control characters are never drawn.
bool needs_no_glyph(char32_t c) {
    if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return true;
    if (c < 0xA0) return false;
    return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// Does the next code point continue the grapheme cluster? A compact form of the
// UAX #29 extended-grapheme rules that matter for font choice: marks, joiners,
// variation selectors, emoji modifiers and tags, keycaps, and flag pairs. (ICU's
// character break iterator gives the same answer for these; it is not used because
// it costs several times more per character than the whole rest of itemisation.)
bool continues_cluster(const std::vector<CodePoint>& cps, std::size_t start, std::size_t i) {
    const char32_t c = cps[i].c;
    const char32_t prev = cps[i - 1].c;
    if (prev == '\r' && c == '\n') return true;
    if (is_line_separator(prev) || is_line_separator(c)) return false;
    if (c == kZwj || is_variation_selector(c) || is_emoji_modifier(c) || is_tag(c) || c == kKeycap) return true;
    if (prev == kZwj && i >= 2) return true;
    if (is_regional_indicator(c) && is_regional_indicator(prev)) {
        // Flags pair up from the start of a run of regional indicators.
        std::size_t run = 0;
        for (std::size_t k = i; k > start && is_regional_indicator(cps[k - 1].c); --k) ++run;
        return run % 2 == 1;
    }
    if (c < 0x300) return false;  // fast path: nothing below U+0300 extends
    return is_mark(c) || u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_GRAPHEME_EXTEND);
}

bool is_emoji_presentation(const std::vector<CodePoint>& cps, std::size_t b, std::size_t e) {
    const char32_t first = cps[b].c;
    if (first < 0x80 && !(first == '#' || first == '*' || (first >= '0' && first <= '9'))) return false;
    bool zwj = false;
    for (std::size_t i = b; i < e; ++i) {
        const char32_t c = cps[i].c;
        if (c == kVs15) return false;  // text presentation asked for
        if (c == kVs16 || c == kKeycap || is_emoji_modifier(c)) return true;
        if (c == kZwj) zwj = true;
        if (is_tag(c) && first == 0x1F3F4) return true;  // subdivision flags
    }
    if (is_regional_indicator(first)) return true;
    if (zwj && u_hasBinaryProperty(static_cast<UChar32>(first), UCHAR_EXTENDED_PICTOGRAPHIC)) return true;
    return u_hasBinaryProperty(static_cast<UChar32>(first), UCHAR_EMOJI_PRESENTATION);
}

void decode(const std::string& text, std::size_t begin, std::size_t end, std::vector<CodePoint>& cps) {
    cps.clear();
    cps.reserve(end - begin);
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(end);
    int32_t i = static_cast<int32_t>(begin);
    while (i < length) {
        const auto at = static_cast<std::uint32_t>(i);
        UChar32 c = s[i];
        if (c < 0x80) {
            ++i;
        } else {
            U8_NEXT(s, i, length, c);
            if (c < 0) c = static_cast<UChar32>(kReplacement);
        }
        cps.push_back({static_cast<char32_t>(c), at});
    }
}

bool has_right_to_left(const std::string& text) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        if (s[i] < 0xD6) {  // below U+0590 nothing is right-to-left
            ++i;
            continue;
        }
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) continue;
        switch (u_charDirection(c)) {
        case U_RIGHT_TO_LEFT:
        case U_RIGHT_TO_LEFT_ARABIC:
        case U_RIGHT_TO_LEFT_EMBEDDING:
        case U_RIGHT_TO_LEFT_OVERRIDE:
        case U_RIGHT_TO_LEFT_ISOLATE:
            return true;
        default:
            break;
        }
    }
    return false;
}

struct BidiDeleter {
    void operator()(UBiDi* b) const { ubidi_close(b); }
};

// Embedding level of every byte of the text (UAX #9 through ICU), the paragraph
// direction right to left when asked, else taken from its first strong character,
// left-to-right by default.
std::vector<std::uint8_t> bidi_levels(const std::string& text, bool right_to_left) {
    std::vector<std::uint8_t> by_byte(text.size(), 0);
    UErrorCode status = U_ZERO_ERROR;
    int32_t utf16_length = 0;
    u_strFromUTF8WithSub(nullptr, 0, &utf16_length, text.data(), static_cast<int32_t>(text.size()), 0xFFFD,
                         nullptr, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return by_byte;
    status = U_ZERO_ERROR;
    std::vector<UChar> utf16(static_cast<std::size_t>(utf16_length) + 1);
    u_strFromUTF8WithSub(utf16.data(), utf16_length + 1, nullptr, text.data(), static_cast<int32_t>(text.size()),
                         0xFFFD, nullptr, &status);
    if (U_FAILURE(status)) return by_byte;
    std::unique_ptr<UBiDi, BidiDeleter> bidi(ubidi_open());
    ubidi_setPara(bidi.get(), utf16.data(), utf16_length, right_to_left ? UBIDI_RTL : UBIDI_DEFAULT_LTR, nullptr,
                  &status);
    if (U_FAILURE(status)) return by_byte;
    const UBiDiLevel* levels = ubidi_getLevels(bidi.get(), &status);
    if (U_FAILURE(status) || !levels) return by_byte;
    // Walk both encodings in step.
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    int32_t i8 = 0, i16 = 0;
    const auto n8 = static_cast<int32_t>(text.size());
    while (i8 < n8 && i16 < utf16_length) {
        const int32_t start = i8;
        UChar32 c = 0;
        U8_NEXT(s, i8, n8, c);
        const UBiDiLevel level = levels[i16];
        for (int32_t k = start; k < i8; ++k) by_byte[static_cast<std::size_t>(k)] = level;
        i16 += (c < 0 || c <= 0xFFFF) ? 1 : 2;
    }
    return by_byte;
}

hb_script_t hb_script_of(UScriptCode code) {
    if (code == USCRIPT_COMMON || code == USCRIPT_INHERITED || code == USCRIPT_INVALID_CODE)
        return HB_SCRIPT_LATIN;
    const char* tag = uscript_getShortName(code);
    return tag ? hb_script_from_string(tag, -1) : HB_SCRIPT_LATIN;
}

struct Placeholder {
    FontId font = 0;
    std::uint32_t glyph = 0;
};

class Shaper {
public:
    Shaper(FontRegistry& fonts, const StyledText& source, Diagnostics* warnings)
        : fonts_(fonts), impl_(fonts.impl()), source_(source), warnings_(warnings) {}

    std::vector<ShapedGlyph> run(std::size_t begin, std::size_t end) {
        std::vector<ShapedGlyph> out;
        if (begin >= end) return out;
        check_ranges();
        // Scratch vectors live in the registry, so that paragraph after paragraph
        // reuses their memory (shaping is not reentrant for one registry).
        std::vector<CodePoint>& cps = impl_.scratch_code_points;
        decode(source_.text, begin, end, cps);
        std::vector<std::uint8_t> levels;
        if (has_right_to_left(source_.text)) levels = bidi_levels(source_.text, source_.right_to_left);

        // Items: runs of clusters with one style range, font, script and level.
        std::vector<Cluster>& items = impl_.scratch_clusters;
        make_items(cps, levels, items);

        out.reserve(cps.size() + 8);
        for (const Cluster& item : items) {
            const std::uint32_t item_begin = cps[item.first].begin;
            const std::uint32_t item_end = item.last < cps.size() ? cps[item.last].begin : static_cast<std::uint32_t>(end);
            if (item.kind == ClusterKind::placeholder)
                emit_placeholders(cps, item, out);
            else
                shape_item(item, item_begin, item_end, out);
        }
        return out;
    }

private:
    FontRegistry& fonts_;
    FontRegistry::Impl& impl_;
    const StyledText& source_;
    Diagnostics* warnings_;
    std::vector<std::pair<std::uint32_t, Placeholder>> placeholders_;  // by range

    void check_ranges() const {
        if (source_.ranges.empty()) throw Error({}, "styled text has no style ranges", "shape");
        for (const auto& r : source_.ranges) {
            if (r.style.fonts.fonts.empty()) throw Error({}, "text style has no fonts", "shape");
            for (FontId f : r.style.fonts.fonts)
                if (f >= fonts_.size()) throw Error({}, "text style names a font that is not loaded", "shape");
        }
    }

    std::uint32_t range_at(std::uint32_t byte, std::uint32_t hint) const {
        const auto& ranges = source_.ranges;
        std::uint32_t r = std::min<std::uint32_t>(hint, static_cast<std::uint32_t>(ranges.size() - 1));
        while (r + 1 < ranges.size() && ranges[r].end <= byte) ++r;
        while (r > 0 && ranges[r].begin > byte) --r;
        return r;
    }

    bool font_covers(FontId font, const std::vector<CodePoint>& cps, std::size_t b, std::size_t e) const {
        for (std::size_t i = b; i < e; ++i) {
            const char32_t c = cps[i].c;
            if (needs_no_glyph(c)) continue;
            if (!impl_.covers(font, c)) return false;
        }
        return true;
    }

    // Remembered in the registry and reported per script after layout
    // (report_missing_characters): one line per script, not per character.
    void note_missing(char32_t c) { impl_.missing.insert(c); }

    static UScriptCode script_of(char32_t c) {
        if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? USCRIPT_LATIN : USCRIPT_COMMON;
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &status);
        return U_FAILURE(status) || s == USCRIPT_INHERITED ? USCRIPT_COMMON : s;
    }

    // Clusters are found, given a font, and merged into items on the fly.
    // Common and inherited characters (spaces, punctuation, marks) take the script
    // of the text before them, or, at the start, of the text after them, so that a
    // space or a comma never splits a run.
    void make_items(const std::vector<CodePoint>& cps, const std::vector<std::uint8_t>& levels,
                    std::vector<Cluster>& items) {
        items.clear();
        std::uint32_t range_hint = 0;
        UScriptCode last_script = USCRIPT_COMMON;
        for (std::size_t i = 0; i < cps.size();) {
            std::size_t e = i + 1;
            while (e < cps.size() && continues_cluster(cps, i, e)) ++e;
            Cluster cl;
            cl.first = static_cast<std::uint32_t>(i);
            cl.last = static_cast<std::uint32_t>(e);
            cl.range = range_hint = range_at(cps[i].begin, range_hint);
            cl.level = levels.empty() ? 0 : levels[cps[i].begin];
            UScriptCode s = script_of(cps[i].c);
            if (s == USCRIPT_COMMON)
                s = last_script;
            else
                last_script = s;
            cl.script = s;
            choose_font(cps, cl);
            if (!items.empty()) {
                Cluster& back = items.back();
                const bool same = back.kind == cl.kind && back.font == cl.font && back.range == cl.range &&
                                  back.level == cl.level &&
                                  (cl.kind == ClusterKind::placeholder || back.script == s ||
                                   s == USCRIPT_COMMON || back.script == USCRIPT_COMMON);
                if (same) {
                    if (back.script == USCRIPT_COMMON) back.script = s;  // leading common text
                    back.last = cl.last;
                    i = e;
                    continue;
                }
            }
            items.push_back(cl);
            i = e;
        }
    }

    void choose_font(const std::vector<CodePoint>& cps, Cluster& cl) {
        const TextStyle& style = source_.ranges[cl.range].style;
        const auto& chain = style.fonts.fonts;
        const char32_t first = cps[cl.first].c;
        // Fast path: printable ASCII in the primary font.
        if (first >= 0x20 && first < 0x7F && cl.last == cl.first + 1 && impl_.covers(chain[0], first)) {
            cl.font = chain[0];
            return;
        }
        if (style.color_emoji && is_emoji_presentation(cps, cl.first, cl.last)) {
            if (auto emoji = fonts_.color_emoji()) {
                if (impl_.covers(*emoji, first)) {
                    cl.font = *emoji;
                    return;
                }
            } else if (!impl_.emoji_disabled && !impl_.warned_emoji_missing && warnings_) {
                impl_.warned_emoji_missing = true;
                ++impl_.generation;
                warnings_->warning({}, "emoji-font-missing",
                                   "the colour emoji font (Noto Color Emoji, Debian package "
                                   "fonts-noto-color-emoji) is not installed; emoji are drawn from the "
                                   "text fonts or as placeholders");
            }
        }
        for (FontId f : chain) {
            if (font_covers(f, cps, cl.first, cl.last)) {
                cl.font = f;
                return;
            }
        }
        if (impl_.system_fallback && !needs_no_glyph(first)) {
            std::u32string wanted;
            for (std::size_t i = cl.first; i < cl.last; ++i)
                if (!needs_no_glyph(cps[i].c)) wanted += cps[i].c;
            const std::string& lang = style.lang.empty() ? source_.lang : style.lang;
            const FontInfo& primary = impl_.font(chain[0]).info;
            // Punctuation and digits take the script of the text around them, so that
            // a Chinese comma comes from the font of the Chinese characters.
            if (auto f = impl_.find_system_fallback(fonts_, wanted, cl.script, lang, primary.bold,
                                                    primary.italic, fonts_.program(chain[0]).serif)) {
                cl.font = *f;
                return;
            }
        }
        // No font has the whole cluster: the first one with its base character
        // (a missing mark then becomes a placeholder after shaping), else a placeholder.
        for (FontId f : chain) {
            if (!needs_no_glyph(first) && impl_.covers(f, first)) {
                cl.font = f;
                return;
            }
        }
        if (needs_no_glyph(first)) {
            cl.font = chain[0];
            return;
        }
        for (std::size_t i = cl.first; i < cl.last; ++i)
            if (!needs_no_glyph(cps[i].c)) note_missing(cps[i].c);
        cl.kind = ClusterKind::placeholder;
        cl.font = placeholder(cl.range).font;
    }

    Placeholder placeholder(std::uint32_t range) {
        for (const auto& [r, p] : placeholders_)
            if (r == range) return p;
        const auto& chain = source_.ranges[range].style.fonts.fonts;
        Placeholder found{chain[0], 0};
        bool ok = false;
        for (char32_t want : {kWhiteSquare, kReplacement, char32_t('?')}) {
            for (FontId f : chain) {
                hb_codepoint_t g = 0;
                if (impl_.covers(f, want) && hb_font_get_nominal_glyph(impl_.hb_font(f, kSpPerPt), want, &g)) {
                    found = {f, g};
                    ok = true;
                    break;
                }
            }
            if (ok) break;
        }
        placeholders_.emplace_back(range, found);
        return found;
    }

    // One placeholder glyph per cluster of the item.
    void emit_placeholders(const std::vector<CodePoint>& cps, const Cluster& item, std::vector<ShapedGlyph>& out) {
        const TextStyle& style = source_.ranges[item.range].style;
        const Placeholder p = placeholder(item.range);
        for (std::size_t i = item.first; i < item.last;) {
            std::size_t e = i + 1;
            while (e < item.last && continues_cluster(cps, i, e)) ++e;
            ShapedGlyph g;
            g.id = p.glyph;
            g.font = p.font;
            g.advance = hb_font_get_glyph_h_advance(impl_.hb_font(p.font, style.size), p.glyph);
            g.cluster = cps[i].begin;
            g.range = item.range;
            g.level = item.level;
            out.push_back(g);
            i = e;
        }
    }

    // Turns one HarfBuzz glyph into ours: line separators and control characters
    // get no glyph (false), tabs become spaces, glyph 0 becomes the placeholder.
    bool finish_glyph(ShapedGlyph& g, hb_font_t* font, const TextStyle& style, std::uint32_t range) {
        const std::string& text = source_.text;
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
        const std::uint8_t lead = bytes[g.cluster];
        if (lead < 0x20 || lead == 0x7F || lead == 0xC2 || lead == 0xE2) {
            char32_t c = lead;
            if (lead >= 0x80) {
                UChar32 cc = 0;
                int32_t at = static_cast<int32_t>(g.cluster);
                U8_NEXT(bytes, at, static_cast<int32_t>(text.size()), cc);
                c = cc < 0 ? 0 : static_cast<char32_t>(cc);
            }
            if (is_line_separator(c)) return false;
            if (c == '\t') {
                hb_codepoint_t space = 0;
                if (hb_font_get_nominal_glyph(font, ' ', &space)) {
                    g.id = space;
                    g.advance = hb_font_get_glyph_h_advance(font, space);
                    g.x_offset = g.y_offset = 0;
                }
            } else if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
                return false;  // other control characters are not drawn
            }
        }
        if (g.id == 0) {
            // A character the font lacks after all (a mark HarfBuzz could not
            // compose): never glyph 0, which prints as an empty box or nothing.
            UChar32 cc = 0;
            int32_t at = static_cast<int32_t>(g.cluster);
            U8_NEXT(bytes, at, static_cast<int32_t>(text.size()), cc);
            note_missing(cc < 0 ? kReplacement : static_cast<char32_t>(cc));
            const Placeholder p = placeholder(range);
            g.id = p.glyph;
            g.font = p.font;
            g.advance = hb_font_get_glyph_h_advance(impl_.hb_font(p.font, style.size), p.glyph);
            g.x_offset = g.y_offset = 0;
        }
        return true;
    }

    void prepare_buffer(hb_buffer_t* buf, const Cluster& first, const TextStyle& style, unsigned flags) {
        hb_buffer_set_direction(buf, (first.level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_set_script(buf, hb_script_of(first.script));
        const std::string& lang = style.lang.empty() ? source_.lang : style.lang;
        hb_buffer_set_language(buf, impl_.language(lang));
        hb_buffer_set_flags(buf, static_cast<hb_buffer_flags_t>(flags | HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES));
    }

    // Word-by-word shaping with a cache, as browsers do: exact when the font uses
    // the space in no GSUB/GPOS lookup (then nothing reaches across a space) and the
    // script needs no context (Latin, Greek, Cyrillic, left to right).
    bool word_cacheable(const Cluster& first) const {
        if (first.level & 1) return false;
        switch (first.script) {
        case USCRIPT_LATIN:
        case USCRIPT_GREEK:
        case USCRIPT_CYRILLIC:
        case USCRIPT_COMMON:
            break;
        default:
            return false;
        }
        return impl_.space_independent(first.font);
    }

    void shape_item(const Cluster& first, std::uint32_t item_begin, std::uint32_t item_end,
                    std::vector<ShapedGlyph>& out) {
        const TextStyle& style = source_.ranges[first.range].style;
        hb_font_t* font = impl_.hb_font(first.font, style.size);
        if (word_cacheable(first)) {
            shape_words(first, style, font, item_begin, item_end, out);
            return;
        }
        hb_buffer_t* buf = impl_.buffer.get();
        hb_buffer_clear_contents(buf);
        const std::string& text = source_.text;
        hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), item_begin,
                           static_cast<int>(item_end - item_begin));
        unsigned flags = 0;
        if (item_begin == 0) flags |= HB_BUFFER_FLAG_BOT;
        if (item_end == text.size()) flags |= HB_BUFFER_FLAG_EOT;
        prepare_buffer(buf, first, style, flags);
        hb_shape(font, buf, nullptr, 0);

        unsigned count = 0;
        const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
        const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
        const std::size_t start = out.size();
        for (unsigned k = 0; k < count; ++k) {
            ShapedGlyph g;
            g.id = info[k].codepoint;
            g.font = first.font;
            g.advance = pos[k].x_advance;
            g.x_offset = pos[k].x_offset;
            g.y_offset = pos[k].y_offset;
            g.cluster = info[k].cluster;
            g.range = first.range;
            g.level = first.level;
            g.unsafe_to_break = (hb_glyph_info_get_glyph_flags(&info[k]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0;
            if (finish_glyph(g, font, style, first.range)) out.push_back(g);
        }
        if (first.level & 1) std::reverse(out.begin() + static_cast<std::ptrdiff_t>(start), out.end());
    }

    void shape_words(const Cluster& first, const TextStyle& style, hb_font_t* font, std::uint32_t item_begin,
                     std::uint32_t item_end, std::vector<ShapedGlyph>& out) {
        const std::string& text = source_.text;
        hb_codepoint_t space = 0;
        hb_font_get_nominal_glyph(font, ' ', &space);
        const Sp space_advance = hb_font_get_glyph_h_advance(font, space);
        const std::string& lang = style.lang.empty() ? source_.lang : style.lang;
        // The key: font, size, script and language, then the word's bytes.
        std::string& key = impl_.scratch_key;
        key.assign(reinterpret_cast<const char*>(&first.font), sizeof first.font);
        key.append(reinterpret_cast<const char*>(&style.size), sizeof style.size);
        key.append(reinterpret_cast<const char*>(&first.script), sizeof first.script);
        key += lang;
        key += '\0';
        const std::size_t prefix = key.size();

        for (std::uint32_t i = item_begin; i < item_end;) {
            if (text[i] == ' ') {
                ShapedGlyph g;
                g.id = space;
                g.font = first.font;
                g.advance = space_advance;
                g.cluster = i;
                g.range = first.range;
                g.level = first.level;
                out.push_back(g);
                ++i;
                continue;
            }
            std::uint32_t e = i + 1;
            while (e < item_end && text[e] != ' ') ++e;
            key.resize(prefix);
            key.append(text, i, e - i);
            const std::uint64_t hash = std::hash<std::string_view>{}(key);
            std::uint32_t count = 0;
            const CachedGlyph* cached = impl_.word_cache.find(key, hash, count);
            if (!cached) {
                hb_buffer_t* buf = impl_.buffer.get();
                hb_buffer_clear_contents(buf);
                hb_buffer_add_utf8(buf, text.data() + i, static_cast<int>(e - i), 0, static_cast<int>(e - i));
                prepare_buffer(buf, first, style, 0);
                hb_shape(font, buf, nullptr, 0);
                unsigned n = 0;
                const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
                const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
                std::vector<CachedGlyph>& glyphs = impl_.scratch_word_glyphs;
                glyphs.resize(n);
                for (unsigned k = 0; k < n; ++k)
                    glyphs[k] = {info[k].codepoint, pos[k].x_advance, pos[k].x_offset, pos[k].y_offset,
                                 info[k].cluster,
                                 (hb_glyph_info_get_glyph_flags(&info[k]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0};
                if (impl_.word_cache.size() >= kMaxCachedWords) impl_.word_cache.clear();
                impl_.word_cache.insert(key, hash, glyphs);
                cached = impl_.word_cache.find(key, hash, count);
            }
            for (const CachedGlyph* c = cached; c != cached + count; ++c) {
                ShapedGlyph g;
                g.id = c->id;
                g.font = first.font;
                g.advance = c->advance;
                g.x_offset = c->x_offset;
                g.y_offset = c->y_offset;
                g.cluster = i + c->cluster;
                g.range = first.range;
                g.level = first.level;
                g.unsafe_to_break = c->unsafe_to_break;
                if (finish_glyph(g, font, style, first.range)) out.push_back(g);
            }
            i = e;
        }
    }
};

}  // namespace

ShapedParagraph shape_paragraph(FontRegistry& fonts, StyledText text, Diagnostics* warnings) {
    ShapedParagraph p;
    p.source = std::move(text);
    Shaper shaper(fonts, p.source, warnings);
    p.glyphs = shaper.run(0, p.source.text.size());
    return p;
}

std::vector<ShapedGlyph> reshape_range(FontRegistry& fonts, const StyledText& source, std::size_t begin,
                                       std::size_t end) {
    Shaper shaper(fonts, source, nullptr);
    return shaper.run(begin, std::min(end, source.text.size()));
}

Sp measure(FontRegistry& fonts, const std::string& text, const TextStyle& style) {
    StyledText styled;
    styled.text = text;
    styled.ranges.push_back({0, text.size(), style});
    if (!style.lang.empty()) styled.lang = style.lang;
    Shaper shaper(fonts, styled, nullptr);
    Sp width = 0;
    for (const auto& g : shaper.run(0, text.size())) width += g.advance;
    return width;
}

std::optional<bool> first_strong_is_rtl(const std::string& utf8) {
    // ASCII has no right-to-left letter and no strong character but its letters:
    // the first ASCII letter before any other character decides (left to right),
    // and the digits, spaces and signs before a first non-ASCII character decide
    // nothing. Most paragraphs are decided here; converting every paragraph to
    // UTF-16 for ICU, in every layout pass, took a millisecond a pass.
    std::size_t from = 0;
    for (; from < utf8.size(); ++from) {
        const auto c = static_cast<unsigned char>(utf8[from]);
        if (c >= 0x80) break;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return false;
    }
    if (from == utf8.size()) return std::nullopt;
    const char* rest = utf8.data() + from;
    const auto rest_size = static_cast<int32_t>(utf8.size() - from);
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = 0;
    u_strFromUTF8WithSub(nullptr, 0, &length, rest, rest_size, 0xFFFD, nullptr, &status);
    if (length <= 0) return std::nullopt;
    std::vector<UChar> utf16(static_cast<std::size_t>(length));
    status = U_ZERO_ERROR;
    u_strFromUTF8WithSub(utf16.data(), length, nullptr, rest, rest_size, 0xFFFD, nullptr, &status);
    if (U_FAILURE(status)) return std::nullopt;
    switch (ubidi_getBaseDirection(utf16.data(), length)) {
    case UBIDI_RTL: return true;
    case UBIDI_LTR: return false;
    default: return std::nullopt;
    }
}

std::string upper_case(std::string_view utf8, const std::string& lang) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Locale locale = icu::Locale::forLanguageTag(lang, status);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    text.toUpper(U_FAILURE(status) ? icu::Locale::getRoot() : locale);
    std::string out;
    text.toUTF8String(out);
    return out;
}

}  // namespace booklet::shape

#include "glyph_text.hpp"

#include "pdf_syntax.hpp"

#include "booklet/payload.hpp"

#include <algorithm>
#include <limits>

namespace booklet::pdf {

namespace {

// A ToUnicode destination string may hold at most 512 bytes (PDF 1.7,
// 9.10.3); longer clusters are left to /ActualText.
constexpr std::size_t kMaxMappedCharacters = 100;

std::string code(std::uint32_t glyph) { return '<' + glyph_code(glyph) + '>'; }

bool single_bmp_unit(const std::u32string& t) {
    return t.size() == 1 && t[0] < 0x10000 && !(t[0] >= 0xD800 && t[0] <= 0xDFFF);
}

}  // namespace

std::span<const GlyphGroup> ClusterGrouper::group(const GlyphRun& run, const NominalGlyph& nominal) {
    // A cluster's text runs to the next cluster value of the run, so characters
    // that produced no glyph (a dropped default-ignorable, say) stay with the
    // cluster before them. In a run drawn in text order (nearly every run) that
    // is the next group's cluster; otherwise the run's cluster values are sorted
    // once and searched.
    const auto by_cluster = [](const Glyph& a, const Glyph& b) { return a.cluster < b.cluster; };
    const bool text_order = std::is_sorted(run.glyphs.begin(), run.glyphs.end(), by_cluster);
    std::vector<std::uint32_t>& starts = starts_;
    if (!text_order) {
        starts.clear();
        for (const auto& g : run.glyphs) starts.push_back(g.cluster);
        std::sort(starts.begin(), starts.end());
        starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
        // A cluster split into two groups keeps its text once (flags by index in
        // `starts`: a search through the clusters seen was quadratic in a long run).
        seen_.assign(starts.size(), 0);
    }
    const auto set_text = [&](std::u32string& text, std::uint32_t cluster, std::size_t next) {
        const std::size_t begin = std::min<std::size_t>(cluster, run.text.size());
        const std::size_t end = std::min<std::size_t>(next, run.text.size());
        // One ASCII letter, most clusters of a Latin book: no decoding needed.
        if (end == begin + 1 && static_cast<unsigned char>(run.text[begin]) < 0x80)
            text.assign(1, static_cast<char32_t>(run.text[begin]));
        else
            text = decode_utf8(std::string_view(run.text).substr(begin, end > begin ? end - begin : 0));
    };

    std::size_t made = 0;
    for (std::size_t i = 0; i < run.glyphs.size();) {
        std::size_t j = i + 1;
        while (j < run.glyphs.size() && run.glyphs[j].cluster == run.glyphs[i].cluster) ++j;
        if (made == groups_.size()) groups_.emplace_back();
        GlyphGroup& group = groups_[made++];
        group.first = i;
        group.count = j - i;
        group.text.clear();
        group.attribution = GlyphGroup::Attribution::none;
        const std::uint32_t cluster = run.glyphs[i].cluster;
        if (text_order) {
            set_text(group.text, cluster, j < run.glyphs.size() ? run.glyphs[j].cluster : run.text.size());
        } else {
            const auto at = std::lower_bound(starts.begin(), starts.end(), cluster);
            const auto index = static_cast<std::size_t>(at - starts.begin());
            if (!seen_[index]) {
                set_text(group.text, cluster, at + 1 == starts.end() ? run.text.size() : *(at + 1));
                seen_[index] = 1;
            }
        }
        if (!group.text.empty() && group.text.size() <= kMaxMappedCharacters) {
            if (group.count == 1) {
                group.attribution = GlyphGroup::Attribution::whole;
            } else if (group.count == group.text.size()) {
                bool in_order = true;
                for (std::size_t k = 0; k < group.count && in_order; ++k) {
                    const auto g = nominal(group.text[k]);
                    in_order = g && *g == run.glyphs[i + k].id;
                }
                if (in_order) group.attribution = GlyphGroup::Attribution::per_character;
            }
        }
        i = j;
    }
    return {groups_.data(), made};
}

std::vector<GlyphGroup> group_clusters(const GlyphRun& run, const NominalGlyph& nominal) {
    ClusterGrouper grouper;
    const auto groups = grouper.group(run, nominal);
    return {groups.begin(), groups.end()};
}

namespace {

// The guessed text of each glyph of a group that cannot be attributed: f(glyph,
// text) for each, or nothing when the cluster's text cannot be mapped at all. The
// first glyph stands for the cluster's first character, the next ones for the
// following characters, the last one for all that remain.
template <class F>
bool for_each_guess(const GlyphRun& run, const GlyphGroup& group, F&& f) {
    if (group.text.empty() || group.text.size() > kMaxMappedCharacters) return false;
    for (std::size_t k = 0; k < group.count; ++k) {
        const std::size_t from = std::min(k, group.text.size() - 1);
        const std::size_t length = k + 1 == group.count ? std::u32string::npos : 1;
        f(run.glyphs[group.first + k].id, std::u32string_view(group.text).substr(from, length));
    }
    return true;
}

}  // namespace

void PageTextCounter::count(FontId font, std::uint32_t glyph, GlyphText::Kind kind, std::u32string_view text) {
    if (font >= last_.size()) last_.resize(font + std::size_t{1});
    std::vector<std::uint32_t>& last = last_[font];
    if (glyph >= last.size()) last.resize(glyph + std::size_t{1}, 0);
    for (std::uint32_t at = last[glyph]; at != 0; at = entries_[at - 1].next) {
        GlyphText& entry = entries_[at - 1].text;
        if (entry.kind == kind && entry.text == text) {
            ++entry.count;
            return;
        }
    }
    entries_.push_back({{font, glyph, kind, std::u32string(text), 1}, last[glyph]});
    last[glyph] = static_cast<std::uint32_t>(entries_.size());
}

void PageTextCounter::add(FontId font, std::uint32_t glyph, std::u32string_view text) {
    count(font, glyph, GlyphText::Kind::exact, text);
}

void PageTextCounter::add_group(FontId font, const GlyphRun& run, const GlyphGroup& group) {
    if (group.attributed()) {
        for (std::size_t k = 0; k < group.count; ++k) add(font, run.glyphs[group.first + k].id, group.glyph_text(k));
        return;
    }
    const bool guessed = for_each_guess(run, group, [&](std::uint32_t glyph, std::u32string_view text) {
        count(font, glyph, GlyphText::Kind::fallback, text);
    });
    if (!guessed)
        for (std::size_t k = 0; k < group.count; ++k)
            count(font, run.glyphs[group.first + k].id, GlyphText::Kind::drawn, {});
}

std::vector<GlyphText> PageTextCounter::take() {
    std::vector<GlyphText> page;
    page.reserve(entries_.size());
    for (Entry& entry : entries_) {
        last_[entry.text.font][entry.text.glyph] = 0;
        page.push_back(std::move(entry.text));
    }
    entries_.clear();
    return page;
}

void PageTextCounter::clear() {
    for (const Entry& entry : entries_) last_[entry.text.font][entry.text.glyph] = 0;
    entries_.clear();
}

void ToUnicodeChoice::count(Counts& counts, std::uint32_t glyph, std::u32string_view text, std::size_t n) {
    if (glyph > 0xFFFF) return;
    if (glyph >= counts.size()) counts.resize(glyph + 1);
    for (Candidate& c : counts[glyph])
        if (c.text == text) {
            c.count += n;
            return;
        }
    counts[glyph].push_back({std::u32string(text), n});
}

void ToUnicodeChoice::add(std::uint32_t glyph, std::u32string_view text) { count(exact_, glyph, text); }

void ToUnicodeChoice::add(const GlyphText& counted) {
    if (counted.kind == GlyphText::Kind::drawn) return;
    count(counted.kind == GlyphText::Kind::exact ? exact_ : fallback_, counted.glyph, counted.text, counted.count);
}

void ToUnicodeChoice::add_fallback(const GlyphRun& run, const GlyphGroup& group) {
    for_each_guess(run, group, [&](std::uint32_t glyph, std::u32string_view text) { count(fallback_, glyph, text); });
}

std::map<std::uint32_t, std::u32string> ToUnicodeChoice::choose() const {
    // The most frequent text; of equally frequent ones the smallest.
    const auto best = [](const std::vector<Candidate>& candidates) {
        const Candidate* best = nullptr;
        for (const Candidate& c : candidates)
            if (!best || c.count > best->count || (c.count == best->count && c.text < best->text)) best = &c;
        return best;
    };
    std::map<std::uint32_t, std::u32string> chosen;
    for (std::size_t glyph = 0; glyph < std::max(exact_.size(), fallback_.size()); ++glyph) {
        const Candidate* pick = glyph < exact_.size() ? best(exact_[glyph]) : nullptr;
        if (!pick && glyph < fallback_.size()) pick = best(fallback_[glyph]);
        if (pick) chosen.emplace_hint(chosen.end(), static_cast<std::uint32_t>(glyph), pick->text);
    }
    return chosen;
}

ToUnicodeIndex::ToUnicodeIndex(const std::map<std::uint32_t, std::u32string>& chosen) {
    if (chosen.empty()) return;
    by_glyph_.assign(chosen.rbegin()->first + std::size_t{1}, nullptr);
    for (const auto& [glyph, text] : chosen) by_glyph_[glyph] = &text;
}

bool extracts_by_to_unicode(const GlyphRun& run, const GlyphGroup& group, const ToUnicodeIndex& to_unicode) {
    if (!group.attributed()) return false;
    for (std::size_t k = 0; k < group.count; ++k) {
        const std::u32string* text = to_unicode.find(run.glyphs[group.first + k].id);
        if (!text || *text != group.glyph_text(k)) return false;
    }
    return true;
}

std::string to_unicode_cmap(const std::map<std::uint32_t, std::u32string>& to_unicode) {
    struct Range {
        std::uint32_t first, last;
        char32_t first_char;  // only for ranges of more than one glyph
    };
    std::vector<Range> ranges;
    std::vector<std::pair<std::uint32_t, const std::u32string*>> singles;

    for (auto it = to_unicode.begin(); it != to_unicode.end();) {
        auto end = std::next(it);
        if (single_bmp_unit(it->second)) {
            // Extend while glyph ids and characters both step by one, staying
            // within one high byte of the code and without carrying out of the
            // character's low byte (the CMap rules for bfrange).
            while (end != to_unicode.end() && single_bmp_unit(end->second) && end->first == std::prev(end)->first + 1 &&
                   (end->first >> 8) == (it->first >> 8) && end->second[0] == std::prev(end)->second[0] + 1 &&
                   (end->second[0] >> 8) == (it->second[0] >> 8))
                ++end;
        }
        if (std::distance(it, end) > 1) {
            ranges.push_back({it->first, std::prev(end)->first, it->second[0]});
        } else {
            singles.emplace_back(it->first, &it->second);
        }
        it = end;
    }

    std::string s =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    for (std::size_t i = 0; i < singles.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, singles.size() - i);
        s += std::to_string(n) + " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k)
            s += code(singles[k].first) + " <" + hex(utf16be(*singles[k].second)) + ">\n";
        s += "endbfchar\n";
    }
    for (std::size_t i = 0; i < ranges.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
        s += std::to_string(n) + " beginbfrange\n";
        for (std::size_t k = i; k < i + n; ++k)
            s += code(ranges[k].first) + " " + code(ranges[k].last) + " <" +
                 hex(utf16be(std::u32string(1, ranges[k].first_char))) + ">\n";
        s += "endbfrange\n";
    }
    s += "endcmap\n"
         "CMapName currentdict /CMap defineresource pop\n"
         "end\n"
         "end\n";
    return s;
}

std::string page_texts_payload(const std::vector<GlyphText>& texts) {
    PayloadWriter out;
    out.u64(texts.size());
    for (const GlyphText& t : texts) {
        out.i32(static_cast<std::int32_t>(t.font));
        out.i32(static_cast<std::int32_t>(t.glyph));
        out.u8(static_cast<std::uint8_t>(t.kind));
        out.i32(static_cast<std::int32_t>(t.count));
        out.u64(t.text.size());
        for (const char32_t c : t.text) out.i32(static_cast<std::int32_t>(c));
    }
    return out.take();
}

std::optional<std::vector<GlyphText>> page_texts_from_payload(std::string_view payload) {
    PayloadReader in(payload);
    // An entry takes at least 21 bytes (four numbers, a kind, a length): a count
    // the bytes left cannot hold is refused before anything is made for it.
    constexpr std::size_t kSmallest = 4 + 4 + 1 + 4 + 8;
    const std::uint64_t count = in.u64();
    in.require(count <= in.left() / kSmallest);
    std::vector<GlyphText> texts;
    if (in.ok()) texts.reserve(static_cast<std::size_t>(count));
    for (std::uint64_t i = 0; i < count && in.ok(); ++i) {
        GlyphText t;
        const auto font = static_cast<std::uint32_t>(in.i32());
        in.require(font <= std::numeric_limits<FontId>::max());
        t.font = static_cast<FontId>(font);
        t.glyph = static_cast<std::uint32_t>(in.i32());
        const std::uint8_t kind = in.u8();
        in.require(kind <= static_cast<std::uint8_t>(GlyphText::Kind::fallback));
        t.kind = static_cast<GlyphText::Kind>(kind);
        t.count = static_cast<std::uint32_t>(in.i32());
        const std::uint64_t length = in.u64();
        in.require(length <= in.left() / 4);
        if (!in.ok()) break;
        t.text.resize(static_cast<std::size_t>(length));
        for (char32_t& c : t.text) {
            c = static_cast<char32_t>(static_cast<std::uint32_t>(in.i32()));
            in.require(c <= 0x10FFFF);
        }
        texts.push_back(std::move(t));
    }
    if (!in.finished()) return std::nullopt;
    return texts;
}

}  // namespace booklet::pdf

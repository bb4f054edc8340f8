#include "stats.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace booklet::bench {

namespace {

// Nearest-rank percentile, as pdf-typography computes it.
double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

bool is_space_at(const std::string& text, std::uint32_t at) {
    if (at >= text.size()) return false;
    if (text[at] == ' ') return true;
    return text.compare(at, 2, "\xC2\xA0") == 0;  // a no-break space extracts as a space too
}

// Is the character at byte `at` of `text` a letter or digit (any script)?
bool is_alnum_at(const std::string& text, std::uint32_t at) {
    if (at >= text.size()) return false;
    UChar32 c = 0;
    auto i = static_cast<int32_t>(at);
    U8_NEXT(text.data(), i, static_cast<int32_t>(text.size()), c);
    return c >= 0 && u_isalnum(c);
}

// part / whole in per cent, 0 for an empty whole.
double percent(std::size_t part, std::size_t whole) {
    return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0;
}

bool ends_with_hyphen_after_letter(const linebreak::Line& line) {
    // The visually last run with text.
    for (auto it = line.runs.rbegin(); it != line.runs.rend(); ++it) {
        const std::string& t = it->text;
        if (t.empty()) continue;
        std::size_t n = t.size();
        std::size_t hyphen_len = 0;
        if (t[n - 1] == '-')
            hyphen_len = 1;
        else if (n >= 3 && (t.compare(n - 3, 3, "\xE2\x80\x90") == 0 || t.compare(n - 3, 3, "\xE2\x80\x91") == 0))
            hyphen_len = 3;
        else if (n >= 2 && t.compare(n - 2, 2, "\xC2\xAD") == 0)
            hyphen_len = 2;
        if (hyphen_len == 0) return false;
        if (n == hyphen_len) {
            // The hyphen is a run of its own: look at the run before it.
            for (auto prev = std::next(it); prev != line.runs.rend(); ++prev)
                if (!prev->text.empty()) {
                    const unsigned char c = static_cast<unsigned char>(prev->text.back());
                    return c >= 0x80 || std::isalpha(c);
                }
            return false;
        }
        const unsigned char c = static_cast<unsigned char>(t[n - hyphen_len - 1]);
        return c >= 0x80 || std::isalpha(c);
    }
    return false;
}

}  // namespace

Sp ink_right(const linebreak::Line& line) {
    Sp right = 0;
    for (const auto& r : line.runs) {
        Sp x = r.x;
        for (const auto& g : r.glyphs) {
            x += g.advance;
            if (is_alnum_at(r.text, g.cluster)) right = std::max(right, x);
        }
    }
    return right;
}

void TypographyStats::add_paragraph(const std::vector<linebreak::Line>& lines) {
    ++paragraphs;
    this->lines += lines.size();
    Sp body = 0;  // the most common run size stands for the body size
    {
        std::vector<Sp> sizes;
        for (const auto& l : lines)
            for (const auto& r : l.runs) sizes.push_back(r.size);
        std::sort(sizes.begin(), sizes.end());
        std::size_t best = 0;
        for (std::size_t i = 0; i < sizes.size();) {
            std::size_t j = i;
            while (j < sizes.size() && sizes[j] == sizes[i]) ++j;
            if (j - i > best) {
                best = j - i;
                body = sizes[i];
            }
            i = j;
        }
    }
    std::size_t run = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        // As pdf-layout measures it: where the last letter or digit ends (a final
        // hyphen or punctuation mark may hang into the margin).
        if (ink_right(line) > line.width + kSpPerPt) ++overfull_lines;
        const bool last = i + 1 == lines.size();
        if (last) {
            if (lines.size() >= 2) {
                Sp right = 0;
                for (const auto& r : line.runs) right = std::max(right, r.x + r.width());
                if (right < line.width / 5) ++short_last_lines;
                bool space = false;
                for (const auto& r : line.runs)
                    for (const auto& g : r.glyphs) space |= is_space_at(r.text, g.cluster);
                if (!space) ++single_word_last;
            }
            break;
        }
        ++non_final_lines;
        if (line.expansion != 0) ++expanded_lines;
        expansion_abs_sum += std::abs(line.expansion);
        const bool hyphen = ends_with_hyphen_after_letter(line);
        if (hyphen) {
            ++hyphenated_ends;
            if (line.hyphenated) ++inserted_hyphens;
            ++run;
            longest_run = std::max(longest_run, run);
            if (run == 3) ++ladders;
        } else {
            run = 0;
        }
        if (line.ends_paragraph_or_forced) continue;  // set at natural width, like a last line
        std::vector<double> gaps;
        for (const auto& r : line.runs) {
            if (r.size != body || r.rise != 0) continue;
            for (const auto& g : r.glyphs)
                if (is_space_at(r.text, g.cluster))
                    gaps.push_back(static_cast<double>(g.advance) / static_cast<double>(r.size));
        }
        if (gaps.empty()) continue;
        const double m = median(gaps);
        ++justified_lines;
        if (m > 0.5) ++loose_lines;
        if (m < 0.17) ++tight_lines;
        spaces_.push_back(m);
    }
}

void TypographyStats::finish() {
    space_median_em = median(spaces_);
    space_p95_em = percentile(spaces_, 95);
    space_p5_em = percentile(spaces_, 5);
    space_max_em = spaces_.empty() ? 0 : *std::max_element(spaces_.begin(), spaces_.end());
}

std::string header_row() {
    return "| text | breaker | paragraphs | lines | justified | loose > 0.5 em | tight < 0.17 em | space p5 | "
           "space median | space p95 | space max | hyphenated ends (inserted) | ladders (>=3) | longest run | "
           "overfull | short last | one-word last | expanded lines (mean \\|e\\|) |\n"
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
}

std::string format_row(const std::string& label, const TypographyStats& s) {
    char buf[768];
    const double loose = percent(s.loose_lines, s.justified_lines);
    const double hyph = percent(s.hyphenated_ends, s.non_final_lines);
    const double tight = percent(s.tight_lines, s.justified_lines);
    const double expanded = percent(s.expanded_lines, s.non_final_lines);
    const double mean_e = s.non_final_lines ? s.expansion_abs_sum / static_cast<double>(s.non_final_lines) / 10 : 0;
    std::snprintf(buf, sizeof buf,
                  "| %s | %zu | %zu | %zu | %.2f %% (%zu) | %.2f %% (%zu) | %.3f em | %.3f em | %.3f em | %.3f em | "
                  "%.2f %% (%zu; %zu) | %zu | %zu | %zu | %zu | %zu | %.0f %% (%.2f %%) |",
                  label.c_str(), s.paragraphs, s.lines, s.justified_lines, loose, s.loose_lines, tight, s.tight_lines,
                  s.space_p5_em, s.space_median_em, s.space_p95_em, s.space_max_em, hyph, s.hyphenated_ends,
                  s.inserted_hyphens, s.ladders, s.longest_run, s.overfull_lines, s.short_last_lines,
                  s.single_word_last, expanded, mean_e);
    return buf;
}

}  // namespace booklet::bench

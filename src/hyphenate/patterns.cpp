#include "patterns.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace booklet::hyphenate {

namespace {

// One pattern: its letters and the digit in each gap between them.
struct Pattern {
    std::string letters;              // without the digits: "льк" for "2льк"
    std::vector<std::size_t> starts;  // byte offset of each letter, then letters.size()
    std::vector<std::uint8_t> digits; // per gap: before the first letter ... after the last
};

Pattern parse(std::string_view token, bool utf8) {
    Pattern p;
    p.digits.push_back(0);
    for (const char ch : token) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= '0' && c <= '9') {
            p.digits.back() = static_cast<std::uint8_t>(c - '0');
            continue;
        }
        // A letter is a byte, or in UTF-8 a lead byte with its continuation bytes.
        if (!utf8 || (c & 0xC0) != 0x80) {
            p.starts.push_back(p.letters.size());
            p.digits.push_back(0);
        }
        p.letters += ch;
    }
    p.starts.push_back(p.letters.size());
    return p;
}

void append(std::string& out, const Pattern& p) {
    for (std::size_t k = 0; k < p.digits.size(); ++k) {
        if (p.digits[k] != 0) out += static_cast<char>('0' + p.digits[k]);
        if (k + 1 < p.digits.size()) out.append(p.letters, p.starts[k], p.starts[k + 1] - p.starts[k]);
    }
    out += '\n';
}

struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// The patterns of a dictionary and the prefixes added to them, found by letters.
struct PatternSet {
    std::vector<Pattern> all;
    std::size_t originals = 0;  // all[0, originals) are the dictionary's own
    std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>> index;

    void add(Pattern p) {
        index.emplace(p.letters, all.size());
        all.push_back(std::move(p));
    }

    // For every prefix of pattern i that ends where one of the dictionary's
    // patterns ends, a pattern with the digits of all of them; true when that
    // added a pattern or a digit.
    bool complete(std::size_t i) {
        bool changed = false;
        const Pattern p = all[i];  // a copy: `all` grows
        const std::string_view letters = p.letters;
        for (std::size_t e = 1; e < p.starts.size(); ++e) {
            std::vector<std::uint8_t> merged(e + 1, 0);
            bool found = false;
            for (std::size_t a = 0; a < e; ++a) {
                const auto it = index.find(letters.substr(p.starts[a], p.starts[e] - p.starts[a]));
                if (it == index.end() || it->second >= originals) continue;
                found = true;
                const auto& digits = all[it->second].digits;
                for (std::size_t k = 0; k < digits.size(); ++k) merged[a + k] = std::max(merged[a + k], digits[k]);
            }
            if (!found) continue;
            const std::string_view prefix = letters.substr(0, p.starts[e]);
            if (const auto it = index.find(prefix); it != index.end()) {
                auto& digits = all[it->second].digits;
                for (std::size_t k = 0; k < digits.size(); ++k)
                    if (merged[k] > digits[k]) digits[k] = merged[k], changed = true;
                continue;
            }
            add({std::string(prefix), {p.starts.begin(), p.starts.begin() + static_cast<std::ptrdiff_t>(e) + 1},
                 std::move(merged)});
            changed = true;
        }
        return changed;
    }
};

bool is_keyword(std::string_view token) {
    for (const std::string_view k : {"LEFTHYPHENMIN", "RIGHTHYPHENMIN", "COMPOUNDLEFTHYPHENMIN",
                                     "COMPOUNDRIGHTHYPHENMIN", "NOHYPHEN"})
        if (token == k) return true;
    return false;
}

}  // namespace

std::optional<std::string> completed_patterns(std::string_view text, bool utf8) {
    std::size_t at = text.find('\n');
    if (at == std::string_view::npos) return std::nullopt;
    std::string head(text.substr(0, at + 1));  // the encoding line, then keyword lines
    PatternSet set;
    while (at < text.size()) {
        const std::size_t begin = at + 1;
        at = std::min(text.find('\n', begin), text.size());
        const std::string_view line = text.substr(begin, at - begin);
        // libhyphen reads a line up to its first space or control character.
        std::size_t end = 0;
        while (end < line.size() && static_cast<unsigned char>(line[end]) > ' ') ++end;
        const std::string_view token = line.substr(0, end);
        if (token.empty() || token.front() == '%' || token.front() == '#') continue;
        if (token == "NEXTLEVEL" || token.find('/') != std::string_view::npos) return std::nullopt;
        if (is_keyword(token)) {
            head.append(line).append("\n");
            continue;
        }
        // A pattern given twice: libhyphen keeps the last one.
        Pattern p = parse(token, utf8);
        if (const auto it = set.index.find(p.letters); it != set.index.end()) set.all[it->second] = std::move(p);
        else set.add(std::move(p));
    }
    set.originals = set.all.size();
    bool changed = false;
    for (std::size_t i = 0; i < set.originals; ++i) changed = set.complete(i) || changed;
    if (!changed) return std::nullopt;
    std::string out = std::move(head);
    for (const Pattern& p : set.all) append(out, p);
    return out;
}

}  // namespace booklet::hyphenate

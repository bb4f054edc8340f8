#include "patterns.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace booklet::hyphenate {

namespace {

// Completion looks up every substring of every pattern, O(letters²) lookups per
// pattern: a byte trie walked from each start makes each lookup one step, and the
// patterns live in flat arrays (offsets, not owned strings), so that a converted
// dictionary, where nothing is missing, costs a few milliseconds.

constexpr std::uint32_t kNone = 0xFFFFFFFF;

// A pattern: its letters (bytes of `Completion::letters`), the byte offset of each
// letter and the digit in each gap (before the first letter ... after the last).
// A pattern added for a prefix shares the letters and offsets of the pattern it is
// a prefix of.
struct Pattern {
    std::uint32_t letters = 0;  // offset in Completion::letters
    std::uint32_t count = 0;    // letters (UTF-8 sequences or bytes)
    std::uint32_t starts = 0;   // offset in Completion::starts: count + 1 byte offsets
    std::uint32_t digits = 0;   // offset in Completion::digits: count + 1 digits
};

// A byte trie of the patterns' letters: node 0 the root, child (node, byte) in an
// open-addressing table that doubles at half full, and per node the pattern whose
// letters end there.
class Trie {
public:
    Trie() : slots_(1024), ends_(1, kNone) {}

    std::uint32_t child(std::uint32_t node, unsigned char byte) const {
        const std::uint32_t key = key_of(node, byte);
        for (std::size_t s = slot_of(key);; s = (s + 1) & (slots_.size() - 1)) {
            if (slots_[s].key == key) return slots_[s].node;
            if (slots_[s].key == 0) return kNone;
        }
    }

    std::uint32_t add_child(std::uint32_t node, unsigned char byte) {
        const std::uint32_t found = child(node, byte);
        if (found != kNone) return found;
        if (2 * (ends_.size() + 1) > slots_.size()) grow();
        const auto added = static_cast<std::uint32_t>(ends_.size());
        put({key_of(node, byte), added});
        ends_.push_back(kNone);
        return added;
    }

    std::uint32_t& pattern_at(std::uint32_t node) { return ends_[node]; }

private:
    struct Slot {
        std::uint32_t key = 0;  // node × 256 + byte + 1; 0: empty
        std::uint32_t node = 0;
    };
    // Nodes are fewer than the dictionary's bytes (read_bounded caps those far
    // below 2^24), so a key fits 32 bits.
    static std::uint32_t key_of(std::uint32_t node, unsigned char byte) { return (node << 8 | byte) + 1; }
    std::size_t slot_of(std::uint32_t key) const {
        return static_cast<std::size_t>((static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ull) >> 32) &
               (slots_.size() - 1);
    }
    void put(Slot slot) {
        std::size_t s = slot_of(slot.key);
        while (slots_[s].key != 0) s = (s + 1) & (slots_.size() - 1);
        slots_[s] = slot;
    }
    void grow() {
        std::vector<Slot> old(2 * slots_.size());
        old.swap(slots_);
        for (const Slot& slot : old)
            if (slot.key != 0) put(slot);
    }
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> ends_;
};

struct Completion {
    std::string letters;
    std::vector<std::uint32_t> starts;
    std::vector<std::uint8_t> digits;
    std::vector<Pattern> all;
    std::size_t originals = 0;  // all[0, originals) are the dictionary's own
    Trie trie;
    // Per letter of the pattern being completed: the trie node reached from each
    // start, and the merged digits of the prefix ending at each letter.
    std::vector<std::uint32_t> walkers;
    std::vector<std::uint8_t> merged;

    explicit Completion(std::size_t bytes) { letters.reserve(bytes); }

    std::uint32_t start(const Pattern& p, std::size_t k) const { return starts[p.starts + k]; }

    // Reads one pattern token ("2льк") and enters it; a pattern given twice: libhyphen
    // keeps the last one.
    void add_original(std::string_view token, bool utf8) {
        Pattern p{static_cast<std::uint32_t>(letters.size()), 0, static_cast<std::uint32_t>(starts.size()),
                  static_cast<std::uint32_t>(digits.size())};
        digits.push_back(0);
        for (const char ch : token) {
            const auto c = static_cast<unsigned char>(ch);
            if (c >= '0' && c <= '9') {
                digits.back() = static_cast<std::uint8_t>(c - '0');
                continue;
            }
            // A letter is a byte, or in UTF-8 a lead byte with its continuation bytes.
            if (!utf8 || (c & 0xC0) != 0x80) {
                starts.push_back(static_cast<std::uint32_t>(letters.size() - p.letters));
                digits.push_back(0);
                ++p.count;
            }
            letters += ch;
        }
        starts.push_back(static_cast<std::uint32_t>(letters.size() - p.letters));
        std::uint32_t node = 0;
        for (std::size_t b = p.letters; b < letters.size(); ++b)
            node = trie.add_child(node, static_cast<unsigned char>(letters[b]));
        std::uint32_t& at = trie.pattern_at(node);
        if (at != kNone) all[at] = p;
        else {
            at = static_cast<std::uint32_t>(all.size());
            all.push_back(p);
        }
    }

    // For every prefix of pattern i that ends where one of the dictionary's
    // patterns ends, a pattern with the digits of all of them; true when that
    // added a pattern or a digit. Prefixes are done shortest first, each seeing
    // the digits the shorter ones merged (as the patterns are read in that order).
    bool complete(std::size_t i) {
        const Pattern p = all[i];  // a copy: `all` grows
        const std::size_t n = p.count;
        bool changed = false;
        walkers.assign(n, 0);
        for (std::size_t e = 1; e <= n; ++e) {
            // Walk every substring [a, e) one letter further; [e-1, e) starts at the root.
            merged.assign(e + 1, 0);
            bool found = false;
            for (std::size_t a = 0; a < e; ++a) {
                std::uint32_t& node = walkers[a];
                for (std::uint32_t b = start(p, e - 1); b < start(p, e) && node != kNone; ++b)
                    node = trie.child(node, static_cast<unsigned char>(letters[p.letters + b]));
                if (node == kNone) continue;
                const std::uint32_t q = trie.pattern_at(node);
                if (q == kNone || q >= originals) continue;
                found = true;
                const Pattern& sub = all[q];
                for (std::size_t k = 0; k <= sub.count; ++k)
                    merged[a + k] = std::max(merged[a + k], digits[sub.digits + k]);
            }
            if (!found) continue;
            // The prefix [0, e): walkers[0] is its node (every prefix of a pattern is one).
            std::uint32_t& prefix = trie.pattern_at(walkers[0]);
            if (prefix != kNone) {
                const Pattern& has = all[prefix];
                for (std::size_t k = 0; k <= e; ++k)
                    if (merged[k] > digits[has.digits + k]) digits[has.digits + k] = merged[k], changed = true;
                continue;
            }
            prefix = static_cast<std::uint32_t>(all.size());
            all.push_back({p.letters, static_cast<std::uint32_t>(e), p.starts, static_cast<std::uint32_t>(digits.size())});
            digits.insert(digits.end(), merged.begin(), merged.end());
            changed = true;
        }
        return changed;
    }

    void append(std::string& out, const Pattern& p) const {
        for (std::size_t k = 0; k <= p.count; ++k) {
            if (digits[p.digits + k] != 0) out += static_cast<char>('0' + digits[p.digits + k]);
            if (k < p.count) out.append(letters, p.letters + start(p, k), start(p, k + 1) - start(p, k));
        }
        out += '\n';
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
    // A second level is not read here: found before any work, as German's
    // NEXTLEVEL comes after 1.1 MB of patterns the loop below would enter.
    if (text.find("\nNEXTLEVEL") != std::string_view::npos) return std::nullopt;
    std::string head(text.substr(0, at + 1));  // the encoding line, then keyword lines
    Completion set(text.size());
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
        set.add_original(token, utf8);
    }
    set.originals = set.all.size();
    bool changed = false;
    for (std::size_t i = 0; i < set.originals; ++i) changed = set.complete(i) || changed;
    if (!changed) return std::nullopt;
    std::string out = std::move(head);
    for (const Pattern& p : set.all) set.append(out, p);
    return out;
}

}  // namespace booklet::hyphenate

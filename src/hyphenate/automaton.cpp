#include "automaton.hpp"

#include "booklet/payload.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace booklet::hyphenate {

namespace {

// libhyphen reads with fgets into buffers of MAX_CHARS (pattern lines) and
// MAX_NAME (the encoding line) bytes: at most one byte less each, up to and
// including a newline. A longer line is read as several.
class Lines {
public:
    explicit Lines(std::string_view text) : rest_(text) {}

    std::optional<std::string_view> next(std::size_t buffer) {
        if (rest_.empty()) return std::nullopt;
        std::size_t n = std::min(buffer - 1, rest_.size());
        if (const std::size_t newline = rest_.find('\n'); newline < n) n = newline + 1;
        std::string_view line = rest_.substr(0, n);
        rest_.remove_prefix(n);
        // What libhyphen then does with it, it does to a C string.
        if (const std::size_t nul = line.find('\0'); nul != std::string_view::npos) line = line.substr(0, nul);
        return line;
    }

private:
    std::string_view rest_;
};

// C's atoi on the text from `at` (white space, a sign, digits).
int c_atoi(std::string_view text, std::size_t at) {
    std::size_t i = std::min(at, text.size());
    while (i < text.size() && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r'))) ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    long value = 0;
    // Past a million the value is nonsense either way (C's atoi would overflow).
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && value < 1000000; ++i)
        value = value * 10 + (text[i] - '0');
    return static_cast<int>(negative ? -value : value);
}

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// A text kept in Level::texts_ (a match or a replacement); absent is libhyphen's NULL.
struct TextRef {
    std::uint32_t begin = 0, size = 0;
    bool present = false;
};

// A state of the prefix tree: its text, and its place among its parent's
// children (a list of siblings, newest first: the root's few dozen children are
// the longest list, and flat arrays beat a table of hundreds of thousands of
// entries on a large dictionary).
struct State {
    TextRef match, repl;
    signed char replindex = 0, replcut = 0;
    char ch = 0;              // the letter from the parent
    int first_child = -1, next_sibling = -1;
};

// One level of the machine (a dictionary has two: the word level and the
// compound level after NEXTLEVEL, or the default one libhyphen supplies).
class Level {
public:
    bool utf8 = false;
    char lhmin = 0, rhmin = 0, clhmin = 0, crhmin = 0;

    // One line as libhyphen reads it: a '%' comment skipped, then
    // hnj_hyphen_load_line's keyword or pattern.
    void read(std::string_view line) {
        if (!line.empty() && line.front() == '%') return;
        if (keyword(line)) return;
        pattern(line);
    }

    // The level as libhyphen's HyphenDict, each of its parts in one block: every
    // match and replacement in one string, each ended by a NUL, and every state's
    // transitions in one array (libhyphen's loader allocates them one by one: on
    // German, 292,000 states, that was a fifth of the time the machine took to make).
    std::unique_ptr<Machine::Level> release(const char (&cset)[MAX_NAME]) const {
        auto level = std::make_unique<Machine::Level>();
        HyphenDict& d = level->dict;
        d.lhmin = lhmin;
        d.rhmin = rhmin;
        d.clhmin = clhmin;
        d.crhmin = crhmin;
        std::memcpy(d.cset, cset, MAX_NAME);
        d.utf8 = utf8 ? 1 : 0;
        const std::vector<int> fallback = fallbacks();
        // Where each state's texts and transitions will be, as offsets: the blocks
        // are filled first and pointed into once they no longer grow.
        struct Parts {
            std::size_t match = kNone, repl = kNone, trans = 0;
        };
        std::vector<Parts> parts(states_.size());
        level->states.resize(states_.size());
        level->trans.reserve(states_.size());  // a tree: one transition into each state but the first
        for (std::size_t k = 0; k < states_.size(); ++k) {
            const State& s = states_[k];
            HyphenState& h = level->states[k];
            parts[k].match = append_text(level->texts, s.match);
            parts[k].repl = append_text(level->texts, s.repl);
            h.replindex = s.replindex;
            h.replcut = s.replcut;
            h.fallback_state = fallback[k];
            parts[k].trans = level->trans.size();
            for (int c = s.first_child; c >= 0; c = states_[static_cast<std::size_t>(c)].next_sibling)
                level->trans.push_back(HyphenTrans{states_[static_cast<std::size_t>(c)].ch, c});
            h.num_trans = static_cast<int>(level->trans.size() - parts[k].trans);
        }
        for (std::size_t k = 0; k < states_.size(); ++k) {
            HyphenState& h = level->states[k];
            h.match = parts[k].match == kNone ? nullptr : level->texts.data() + parts[k].match;
            h.repl = parts[k].repl == kNone ? nullptr : level->texts.data() + parts[k].repl;
            h.trans = h.num_trans > 0 ? level->trans.data() + parts[k].trans : nullptr;
        }
        d.states = level->states.data();
        d.num_states = static_cast<int>(level->states.size());
        if (nohyphen_) {
            // A comma-separated list with its commas made NULs, ended by one more.
            level->nohyphen = *nohyphen_;
            d.nohyphen = level->nohyphen.data();
            d.nohyphenl = nohyphenl_;
        }
        return level;
    }

private:
    std::vector<State> states_ = std::vector<State>(1);  // state 0: the empty string
    std::string texts_;
    std::optional<std::string> nohyphen_;
    int nohyphenl_ = 0;

    int child(int state, char ch) const {
        for (int c = states_[static_cast<std::size_t>(state)].first_child; c >= 0;
             c = states_[static_cast<std::size_t>(c)].next_sibling)
            if (states_[static_cast<std::size_t>(c)].ch == ch) return c;
        return -1;
    }

    // Each state's fallback: the longest proper suffix of its string that is a
    // state. Every prefix of a state is a state, so a breadth-first walk finds it
    // from the parent's fallback, one letter further (Aho–Corasick's failure links).
    std::vector<int> fallbacks() const {
        std::vector<int> fallback(states_.size(), -1);
        std::vector<int> queue{0};
        for (std::size_t q = 0; q < queue.size(); ++q) {
            const auto s = static_cast<std::size_t>(queue[q]);
            for (int c = states_[s].first_child; c >= 0; c = states_[static_cast<std::size_t>(c)].next_sibling) {
                const char ch = states_[static_cast<std::size_t>(c)].ch;
                int g = fallback[s];
                while (g >= 0 && child(g, ch) < 0) g = fallback[static_cast<std::size_t>(g)];
                fallback[static_cast<std::size_t>(c)] = g >= 0 ? child(g, ch) : 0;
                queue.push_back(c);
            }
        }
        return fallback;
    }

    TextRef keep(std::string_view text) {
        const TextRef ref{static_cast<std::uint32_t>(texts_.size()), static_cast<std::uint32_t>(text.size()), true};
        texts_.append(text);
        return ref;
    }

    // Appends a text and the NUL that ends it; its offset, or kNone for an absent text.
    std::size_t append_text(std::string& block, const TextRef& ref) const {
        if (!ref.present) return kNone;
        const std::size_t at = block.size();
        block.append(texts_, ref.begin, ref.size);
        block += '\0';
        return at;
    }

    // The state of `word`, made with the states of its prefixes where missing.
    int state_for(std::string_view word) {
        int s = 0;
        for (const char ch : word) {
            int next = child(s, ch);
            if (next < 0) {
                next = static_cast<int>(states_.size());
                State& added = states_.emplace_back();
                added.ch = ch;
                added.next_sibling = std::exchange(states_[static_cast<std::size_t>(s)].first_child, next);
            }
            s = next;
        }
        return s;
    }

    // The keyword lines, matched by their start as libhyphen matches them.
    bool keyword(std::string_view line) {
        if (line.starts_with("LEFTHYPHENMIN")) lhmin = static_cast<char>(c_atoi(line, 13));
        else if (line.starts_with("RIGHTHYPHENMIN")) rhmin = static_cast<char>(c_atoi(line, 14));
        else if (line.starts_with("COMPOUNDLEFTHYPHENMIN")) clhmin = static_cast<char>(c_atoi(line, 21));
        else if (line.starts_with("COMPOUNDRIGHTHYPHENMIN")) crhmin = static_cast<char>(c_atoi(line, 22));
        else if (line.starts_with("NOHYPHEN")) no_hyphen(line.substr(8));
        else return false;
        return true;
    }

    // NOHYPHEN: the rest of the line without its last byte (the newline), its
    // commas after the first byte turned into separators. libhyphen 2.8.8 keeps
    // counting separators over a second NOHYPHEN line; so does this.
    void no_hyphen(std::string_view rest) {
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
        std::string list(rest);
        if (!list.empty()) {
            list.back() = '\0';
            for (std::size_t k = list.size() - 1; k-- > 1;)
                if (list[k] == ',') {
                    list[k] = '\0';
                    ++nohyphenl_;
                }
            list.pop_back();  // the NUL that ends it again in release()
        }
        nohyphen_ = std::move(list);
    }

    // A pattern line: letters with digits between them ("1ba", ".ab3c"), or a
    // non-standard one with its replacement ("c1k/k=k,1,2").
    void pattern(std::string_view line) {
        std::optional<std::string> repl;
        signed char replindex = 0, replcut = 0;
        if (const std::size_t slash = line.find('/'); slash != std::string_view::npos) {
            std::string_view after = line.substr(slash + 1);
            line = line.substr(0, slash);
            if (const std::size_t comma = after.find(','); comma != std::string_view::npos) {
                const std::string_view numbers = after.substr(comma + 1);
                if (const std::size_t comma2 = numbers.find(','); comma2 != std::string_view::npos) {
                    replindex = static_cast<signed char>(c_atoi(numbers.substr(0, comma2), 0) - 1);
                    replcut = static_cast<signed char>(c_atoi(numbers, comma2 + 1));
                }
                repl = std::string(after.substr(0, comma));
            } else {
                // hnj_strchomp: a final CR or LF, and a CR before the last byte.
                std::string chomped(after);
                const std::size_t k = chomped.size();
                if (k > 0 && (chomped[k - 1] == '\r' || chomped[k - 1] == '\n')) chomped[k - 1] = '\0';
                if (k > 1 && chomped[k - 2] == '\r') chomped[k - 2] = '\0';
                chomped.resize(std::strlen(chomped.c_str()));
                replcut = static_cast<signed char>(line.size());
                repl = std::move(chomped);
            }
        }
        std::string word, digits = "0";
        for (const char c : line) {
            if (static_cast<unsigned char>(c) <= ' ') break;
            if (c >= '0' && c <= '9') digits.back() = c;
            else {
                word += c;
                digits += '0';
            }
        }
        std::size_t first = 0;
        if (!repl) {
            while (first < digits.size() && digits[first] == '0') ++first;  // leading zeros say nothing
        } else {
            if (!word.empty() && word.front() == '.') ++first;
            if (utf8) utf8_positions(word, replindex, replcut);
        }
        State& s = states_[static_cast<std::size_t>(state_for(word))];
        s.match = keep(std::string_view(digits).substr(std::min(first, digits.size())));
        s.repl = repl ? keep(*repl) : TextRef{};
        s.replindex = replindex;
        s.replcut = replcut ? replcut : static_cast<signed char>(word.size());
    }

    // A replacement's index and cut count characters; in a UTF-8 dictionary
    // libhyphen turns them into byte positions of the word (after a leading '.').
    static void utf8_positions(const std::string& word, signed char& replindex, signed char& replcut) {
        const bool dot = !word.empty() && word.front() == '.';
        int character = -1, start = -1;
        for (std::size_t byte = dot ? 1 : 0; byte < word.size() + 1; ++byte) {
            const auto c = byte < word.size() ? static_cast<unsigned char>(word[byte]) : 0u;
            if ((c >> 6) != 2) ++character;
            if (start < 0 && replindex == character) {
                start = replindex;
                replindex = static_cast<signed char>(byte);
            }
            if (start >= 0 && character - start == replcut) {
                replcut = static_cast<signed char>(static_cast<int>(byte) - replindex);
                break;
            }
        }
        if (dot) --replindex;
    }
};

}  // namespace

std::unique_ptr<Machine> build_dictionary(std::string_view text) {
    Lines lines(text);
    char cset[MAX_NAME] = {};
    if (const auto first = lines.next(MAX_NAME)) {
        const std::string_view name = first->substr(0, first->find_first_of("\r\n"));
        std::memcpy(cset, name.data(), name.size());
    }
    const bool utf8 = std::strcmp(cset, "UTF-8") == 0;

    Level words;
    words.utf8 = utf8;
    bool next_level = false;
    while (const auto line = lines.next(MAX_CHARS)) {
        if (line->starts_with("NEXTLEVEL")) {
            next_level = true;
            break;
        }
        words.read(*line);
    }
    Level compounds;
    compounds.utf8 = utf8;
    if (next_level) {
        while (const auto line = lines.next(MAX_CHARS)) compounds.read(*line);
    } else {
        // libhyphen's default compound level: break at hyphens and apostrophes.
        compounds.read(utf8 ? "NOHYPHEN ',\xe2\x80\x93,\xe2\x80\x99,-\n" : "NOHYPHEN ',-\n");
        compounds.read("1-1\n");
        compounds.read("1'1\n");
        if (utf8) {
            compounds.read("1\xe2\x80\x93" "1\n");
            compounds.read("1\xe2\x80\x99" "1\n");
        }
        compounds.lhmin = words.lhmin;
        compounds.rhmin = words.rhmin;
        compounds.clhmin = words.clhmin ? words.clhmin : words.lhmin ? words.lhmin : 3;
        compounds.crhmin = words.crhmin ? words.crhmin : words.rhmin ? words.rhmin : 3;
    }

    // With NEXTLEVEL the word level leads; without, libhyphen hands back its
    // default level with the word level behind it.
    std::vector<std::unique_ptr<Machine::Level>> levels;
    levels.push_back(words.release(cset));
    levels.push_back(compounds.release(cset));
    if (!next_level) std::swap(levels[0], levels[1]);
    return std::make_unique<Machine>(std::move(levels));
}

Machine::Machine(std::vector<std::unique_ptr<Level>> levels) : levels_(std::move(levels)) {
    for (std::size_t k = 0; k + 1 < levels_.size(); ++k) levels_[k]->dict.nextlevel = &levels_[k + 1]->dict;
}

namespace {

// A machine's states and transitions as blocks of fixed records (the payload's
// little-endian fields), so that a count that does not fit its block is refused
// before anything is made of it, and the records are read in place.
constexpr std::size_t kStateBytes = 4 + 4 + 1 + 1 + 4 + 4;  // match, repl, replindex, replcut, fallback, transitions
constexpr std::size_t kTransBytes = 1 + 4;                   // letter, new state
constexpr std::int32_t kAbsent = -1;                          // a state without a match or replacement
constexpr int kMaxLevels = 4;

std::int32_t offset_in(const std::string& block, const char* text) {
    return text ? static_cast<std::int32_t>(text - block.data()) : kAbsent;
}

void write_level(PayloadWriter& w, const Machine::Level& level) {
    const HyphenDict& d = level.dict;
    for (const char c : {d.lhmin, d.rhmin, d.clhmin, d.crhmin}) w.u8(static_cast<std::uint8_t>(c));
    w.bytes(std::string_view(d.cset, strnlen(d.cset, MAX_NAME)));
    w.u8(d.utf8 ? 1 : 0);
    w.u8(d.nohyphen ? 1 : 0);
    w.bytes(level.nohyphen);
    w.i32(d.nohyphenl);
    w.bytes(level.texts);
    PayloadWriter states, trans;
    for (const HyphenState& h : level.states) {
        states.i32(offset_in(level.texts, h.match));
        states.i32(offset_in(level.texts, h.repl));
        states.u8(static_cast<std::uint8_t>(h.replindex));
        states.u8(static_cast<std::uint8_t>(h.replcut));
        states.i32(h.fallback_state);
        states.i32(h.num_trans);
    }
    for (const HyphenTrans& t : level.trans) {
        trans.u8(static_cast<std::uint8_t>(t.ch));
        trans.i32(t.new_state);
    }
    w.bytes(states.take());
    w.bytes(trans.take());
}

// A text of `block` at `offset` (kAbsent: none); false when it does not start
// inside the block (which read_level checked ends with a NUL, so that every text
// found is ended).
bool text_at(const std::string& block, std::int32_t offset, char*& out) {
    if (offset == kAbsent) {
        out = nullptr;
        return true;
    }
    if (offset < 0 || static_cast<std::size_t>(offset) >= block.size()) return false;
    out = const_cast<char*>(block.data()) + offset;  // libhyphen's fields are not const; it writes none
    return true;
}

// The checks machine_from_bytes promises on a level whose parts are in place.
// libhyphen writes a match's digits from strlen(match) - 1 letters back from the
// letter its walk has reached, and a replacement's length at the match's start
// plus its index: a state's match may reach one place before its string (the
// digit before the first letter), never before the word's opening '.', and a
// replacement's index and cut stay inside its match.
bool walkable(const Machine::Level& level) {
    const std::size_t n = level.states.size();
    std::vector<int> depth(n, -1);
    std::vector<char> opens_word(n, 0);  // the state's string starts with the word's '.'
    depth[0] = 0;
    std::vector<std::size_t> queue{0};
    queue.reserve(n);
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const std::size_t from = queue[q];
        const HyphenState& h = level.states[from];
        for (int t = 0; t < h.num_trans; ++t) {
            const int to = h.trans[t].new_state;
            if (to <= 0 || static_cast<std::size_t>(to) >= n || depth[static_cast<std::size_t>(to)] >= 0) return false;
            const auto next = static_cast<std::size_t>(to);
            depth[next] = depth[from] + 1;
            opens_word[next] = from == 0 ? h.trans[t].ch == '.' : opens_word[from];
            queue.push_back(next);
        }
    }
    if (queue.size() != n || level.states[0].fallback_state != -1) return false;
    for (std::size_t k = 0; k < n; ++k) {
        const HyphenState& h = level.states[k];
        const int f = h.fallback_state;
        if (k > 0 && (f < 0 || static_cast<std::size_t>(f) >= n || depth[static_cast<std::size_t>(f)] >= depth[k]))
            return false;
        if (!h.match) {
            if (h.repl) return false;
            continue;
        }
        const std::size_t length = std::strlen(h.match);
        if (length > static_cast<std::size_t>(depth[k]) + (opens_word[k] ? 0 : 1)) return false;
        if (h.repl && (h.replindex < 0 || static_cast<std::size_t>(h.replindex) >= length || h.replcut < 1 ||
                       static_cast<std::size_t>(h.replcut) > length))
            return false;
    }
    return true;
}

std::unique_ptr<Machine::Level> read_level(PayloadReader& in) {
    auto level = std::make_unique<Machine::Level>();
    HyphenDict& d = level->dict;
    d.lhmin = static_cast<char>(in.u8());
    d.rhmin = static_cast<char>(in.u8());
    d.clhmin = static_cast<char>(in.u8());
    d.crhmin = static_cast<char>(in.u8());
    const std::string_view cset = in.bytes();
    in.require(cset.size() < MAX_NAME && cset.find('\0') == std::string_view::npos);
    if (!in.ok()) return nullptr;
    std::memcpy(d.cset, cset.data(), cset.size());
    d.utf8 = in.u8();
    const bool has_nohyphen = in.u8() == 1;
    level->nohyphen = std::string(in.bytes());
    d.nohyphenl = in.i32();
    level->texts = std::string(in.bytes());
    const std::string_view states = in.bytes();
    const std::string_view trans = in.bytes();
    in.require(d.utf8 <= 1 && d.nohyphenl >= 0 && states.size() % kStateBytes == 0 && !states.empty() &&
               trans.size() % kTransBytes == 0 && states.size() / kStateBytes <= std::size_t{INT32_MAX} &&
               (level->texts.empty() || level->texts.back() == '\0'));
    if (!in.ok()) return nullptr;
    if (has_nohyphen) {
        // As release() leaves it: entries separated by NULs, the string's own ending
        // the last; libhyphen reads nohyphenl + 1 of them, and an empty one would
        // match before every word.
        const std::string& list = level->nohyphen;
        if (std::count(list.begin(), list.end(), '\0') != d.nohyphenl || list.empty() || list.front() == '\0' ||
            list.back() == '\0' || list.find(std::string(2, '\0')) != std::string::npos)
            return nullptr;
        d.nohyphen = level->nohyphen.data();
    } else if (!level->nohyphen.empty() || d.nohyphenl != 0) {
        return nullptr;
    }
    // The blocks' sizes are whole records (checked above): read in place.
    level->trans.resize(trans.size() / kTransBytes);
    for (std::size_t t = 0; t < level->trans.size(); ++t) {
        level->trans[t].ch = trans[t * kTransBytes];
        level->trans[t].new_state = read_le32(trans.data() + t * kTransBytes + 1);
    }
    level->states.resize(states.size() / kStateBytes);
    std::size_t next_trans = 0;
    for (std::size_t k = 0; k < level->states.size(); ++k) {
        const char* at = states.data() + k * kStateBytes;
        HyphenState& h = level->states[k];
        if (!text_at(level->texts, read_le32(at), h.match) || !text_at(level->texts, read_le32(at + 4), h.repl))
            return nullptr;
        h.replindex = static_cast<signed char>(at[8]);
        h.replcut = static_cast<signed char>(at[9]);
        h.fallback_state = read_le32(at + 10);
        h.num_trans = read_le32(at + 14);
        if (h.num_trans < 0 || static_cast<std::size_t>(h.num_trans) > level->trans.size() - next_trans)
            return nullptr;
        h.trans = h.num_trans > 0 ? level->trans.data() + next_trans : nullptr;
        next_trans += static_cast<std::size_t>(h.num_trans);
    }
    if (next_trans != level->trans.size() || !walkable(*level)) return nullptr;
    d.states = level->states.data();
    d.num_states = static_cast<int>(level->states.size());
    return level;
}

}  // namespace

std::string machine_bytes(const Machine& machine) {
    PayloadWriter w;
    w.i32(static_cast<std::int32_t>(machine.levels().size()));
    for (const auto& level : machine.levels()) write_level(w, *level);
    return w.take();
}

std::unique_ptr<Machine> machine_from_bytes(std::string_view bytes) {
    PayloadReader in(bytes);
    const std::int32_t count = in.i32();
    if (!in.ok() || count < 1 || count > kMaxLevels) return nullptr;
    std::vector<std::unique_ptr<Machine::Level>> levels;
    for (std::int32_t k = 0; k < count; ++k) {
        auto level = read_level(in);
        if (!level) return nullptr;
        levels.push_back(std::move(level));
    }
    if (!in.finished()) return nullptr;
    return std::make_unique<Machine>(std::move(levels));
}

bool needs_no_completion(const HyphenDict& machine) {
    if (!machine.nextlevel) return false;
    const HyphenDict& level = *machine.nextlevel;
    const auto count = static_cast<std::size_t>(level.num_states);
    static const std::string kNone;
    // Per state: the digits of the patterns that are its suffixes (itself included),
    // merged and aligned at its end, and whether there is any such pattern.
    std::vector<std::string> merged(count);
    std::vector<char> any(count, 0);
    std::vector<int> queue{0};
    queue.reserve(count);
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const HyphenState& parent = level.states[queue[q]];
        for (int t = 0; t < parent.num_trans; ++t) {
            const int s = parent.trans[t].new_state;
            queue.push_back(s);
            const HyphenState& state = level.states[s];
            // The fallback is shorter, so it was reached first (state 0 is no pattern).
            const auto f = static_cast<std::size_t>(std::max(state.fallback_state, 0));
            const std::string& inherited = f == 0 ? kNone : merged[f];
            const bool suffix_pattern = f != 0 && any[f];
            const auto here = static_cast<std::size_t>(s);
            if (!state.match) {
                // A prefix of a pattern where a shorter pattern ends: completion adds it.
                if (suffix_pattern) return false;
                continue;
            }
            std::string digits = state.match;
            if (inherited.size() > digits.size()) digits.insert(0, inherited.size() - digits.size(), '0');
            const std::size_t offset = digits.size() - inherited.size();
            for (std::size_t k = 0; k < inherited.size(); ++k)
                if (inherited[k] > digits[offset + k]) return false;  // completion raises a digit
            merged[here] = std::move(digits);
            any[here] = 1;
        }
    }
    return true;
}

}  // namespace booklet::hyphenate

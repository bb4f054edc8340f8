// build_dictionary against libhyphen's own loader: the same machine, state by
// state, for every dictionary the setup installs and for lines that exercise
// libhyphen's reading (long lines, keywords, non-standard patterns, NEXTLEVEL).
#include "automaton.hpp"
#include "booklet/files.hpp"
#include "booklet/payload.hpp"
#include "patterns.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

using booklet::hyphenate::build_dictionary;
using booklet::hyphenate::completed_patterns;
using booklet::hyphenate::machine_bytes;
using booklet::hyphenate::machine_from_bytes;
using booklet::hyphenate::needs_no_completion;

namespace {

struct Free {
    void operator()(HyphenDict* d) const { hnj_hyphen_free(d); }
};
using Dict = std::unique_ptr<HyphenDict, Free>;

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

Dict libhyphen_load(const std::string& text) {
    std::unique_ptr<std::FILE, FileCloser> stream(fmemopen(const_cast<char*>(text.data()), text.size(), "r"));
    REQUIRE(stream);
    return Dict(hnj_hyphen_load_file(stream.get()));
}

std::string optional_text(const char* s) { return s ? "\"" + std::string(s) + "\"" : "NULL"; }

// The states reached from state 0 of both machines by the same letters must carry
// the same match, replacement and transitions, and fall back to states reached by
// the same letters. Returns the first difference, or "".
std::string compare_level(const HyphenDict& mine, const HyphenDict& theirs) {
    if (mine.lhmin != theirs.lhmin || mine.rhmin != theirs.rhmin || mine.clhmin != theirs.clhmin ||
        mine.crhmin != theirs.crhmin)
        return "hyphen minimums differ";
    if (mine.utf8 != theirs.utf8 || std::strcmp(mine.cset, theirs.cset) != 0) return "encoding differs";
    if (mine.nohyphenl != theirs.nohyphenl) return "NOHYPHEN counts differ";
    if ((mine.nohyphen == nullptr) != (theirs.nohyphen == nullptr)) return "NOHYPHEN presence differs";
    if (mine.nohyphen) {
        const char* a = mine.nohyphen;
        const char* b = theirs.nohyphen;
        for (int k = 0; k <= mine.nohyphenl; ++k, a += std::strlen(a) + 1, b += std::strlen(b) + 1)
            if (std::strcmp(a, b) != 0) return "NOHYPHEN entry " + std::to_string(k) + " differs";
    }
    if (mine.num_states != theirs.num_states) return "state counts differ";
    std::vector<int> to_theirs(static_cast<std::size_t>(mine.num_states), -1);
    std::vector<std::string> path(static_cast<std::size_t>(mine.num_states));
    std::vector<int> queue{0};
    to_theirs[0] = 0;
    for (std::size_t q = 0; q < queue.size(); ++q) {
        const int m = queue[q];
        const HyphenState& a = mine.states[m];
        const HyphenState& b = theirs.states[to_theirs[static_cast<std::size_t>(m)]];
        const std::string& at = path[static_cast<std::size_t>(m)];
        if (optional_text(a.match) != optional_text(b.match))
            return "state \"" + at + "\": match " + optional_text(a.match) + " vs " + optional_text(b.match);
        if (optional_text(a.repl) != optional_text(b.repl)) return "state \"" + at + "\": replacement differs";
        if (a.repl && (a.replindex != b.replindex || a.replcut != b.replcut))
            return "state \"" + at + "\": replacement index or cut differs";
        if (a.num_trans != b.num_trans) return "state \"" + at + "\": transition counts differ";
        std::map<char, int> theirs_by_letter;
        for (int t = 0; t < b.num_trans; ++t) theirs_by_letter[b.trans[t].ch] = b.trans[t].new_state;
        for (int t = 0; t < a.num_trans; ++t) {
            const auto it = theirs_by_letter.find(a.trans[t].ch);
            if (it == theirs_by_letter.end()) return "state \"" + at + "\": a transition libhyphen lacks";
            const auto next = static_cast<std::size_t>(a.trans[t].new_state);
            to_theirs[next] = it->second;
            path[next] = at + a.trans[t].ch;
            queue.push_back(a.trans[t].new_state);
        }
    }
    if (queue.size() != static_cast<std::size_t>(mine.num_states)) return "states unreachable from the start";
    for (int m = 0; m < mine.num_states; ++m) {
        const int fallback = mine.states[m].fallback_state;
        const int expected = theirs.states[to_theirs[static_cast<std::size_t>(m)]].fallback_state;
        if ((fallback < 0) != (expected < 0) ||
            (fallback >= 0 && to_theirs[static_cast<std::size_t>(fallback)] != expected))
            return "state \"" + path[static_cast<std::size_t>(m)] + "\": fallback differs";
    }
    return "";
}

std::string compare(const std::string& text) {
    const auto machine = build_dictionary(text);
    const Dict theirs = libhyphen_load(text);
    REQUIRE(machine);
    REQUIRE(theirs);
    const HyphenDict* mine = machine->dict();
    if ((mine->nextlevel == nullptr) != (theirs->nextlevel == nullptr)) return "levels differ";
    std::string first = compare_level(*mine, *theirs);
    if (!first.empty() || !mine->nextlevel) return first;
    const std::string second = compare_level(*mine->nextlevel, *theirs->nextlevel);
    return second.empty() ? "" : "second level: " + second;
}

// As the Hyphenator reads a dictionary (the largest installed is 1.1 MB).
std::string read(const std::filesystem::path& file) {
    return booklet::files::read_bounded(file, 16u << 20, "hyphenation dictionary", file.string(),
                                        "hyphenation-dictionary");
}

}  // namespace

TEST_CASE("the machine built for every installed dictionary is libhyphen's, state by state") {
    std::set<std::filesystem::path> files;  // symlinks share a file
    for (const auto& entry : std::filesystem::directory_iterator("/usr/share/hyphen"))
        if (entry.path().extension() == ".dic") files.insert(std::filesystem::canonical(entry.path()));
    // The setup installs these; a missing one would make the test prove less.
    for (const char* must : {"hyph_de_DE.dic", "hyph_hu_HU.dic", "hyph_en_US.dic", "hyph_nl_NL.dic", "hyph_fr.dic"})
        REQUIRE(std::filesystem::exists(std::filesystem::path("/usr/share/hyphen") / must));
    REQUIRE(files.size() >= 20);
    for (const auto& file : files) {
        INFO(file.string());
        CHECK(compare(read(file)).empty());
    }
}

TEST_CASE("libhyphen's reading of odd lines is kept") {
    const auto same = [](const std::string& text) {
        INFO(text);
        CHECK(compare(text) == "");
    };
    same("UTF-8\n1ba\n.ab3c\nab1cd\n");
    same("ISO8859-1\nLEFTHYPHENMIN 2\nRIGHTHYPHENMIN 3\nCOMPOUNDLEFTHYPHENMIN 4\nCOMPOUNDRIGHTHYPHENMIN 5\n1ab\n");
    same("UTF-8\nNOHYPHEN a,bc,d\n2xy1z\n");
    same("UTF-8\n% a comment\n\n1a\n1a\n2a\n");                      // blank lines; a pattern twice
    same("ISO8859-1\nc1k/k=k,1,2\n.ab1c/b=,2,1\nzz1y/q\nzz1x/q\r\n");  // non-standard patterns
    same("UTF-8\n.ó1ó/ő=,1,1\nä1b/x=y,1,2\n");                          // byte positions of UTF-8 letters
    same("ISO8859-1\n1a\nNEXTLEVEL\n1-1\n2b1c\nLEFTHYPHENMIN 1\n");     // two levels
    same("UTF-8 with a name longer than nineteen bytes\n1a\n");         // the name's rest is a line
    same(std::string("UTF-8\n") + std::string(150, 'a') + "1b\n2c\n");  // a line read in pieces
    same("UTF-8\n1a\n2b");                                              // no final newline
    same("UTF-8");
}

TEST_CASE("a dictionary the machine shows complete is one completed_patterns leaves as it is, and only such") {
    std::set<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/share/hyphen"))
        if (entry.path().extension() == ".dic") files.insert(std::filesystem::canonical(entry.path()));
    int complete = 0, completed = 0;
    for (const auto& file : files) {
        INFO(file.string());
        const std::string text = read(file);
        const bool utf8 = text.rfind("UTF-8", 0) == 0;
        // completed_patterns leaves these as they are without looking (what it does not read).
        const bool unread = text.find("\nNEXTLEVEL") != std::string::npos || text.find('/') != std::string::npos;
        const auto machine = build_dictionary(text);
        REQUIRE(machine);
        const bool as_is = needs_no_completion(*machine->dict());
        const bool changes = completed_patterns(text, utf8).has_value();
        if (as_is) CHECK_FALSE(changes);
        if (!unread) CHECK(as_is == !changes);
        (as_is ? complete : completed) += 1;
    }
    // Both kinds are among Debian's (English and Dutch complete, Russian and Czech not).
    CHECK(complete >= 5);
    CHECK(completed >= 5);
}

TEST_CASE("the machine shows a missing prefix pattern and a digit a suffix pattern would raise") {
    const auto as_is = [](const std::string& text) {
        const auto machine = build_dictionary(text);
        REQUIRE(machine);
        INFO(text);
        CHECK(needs_no_completion(*machine->dict()) == !completed_patterns(text, true).has_value());
        return needs_no_completion(*machine->dict());
    };
    CHECK(as_is("UTF-8\na1b\nc2d\n"));            // no pattern inside another
    CHECK_FALSE(as_is("UTF-8\nb1c\nab1cd\n"));     // "abc" ends where "bc" does, and is no pattern
    CHECK(as_is("UTF-8\nb1c\nab1c\nab1cd\n"));    // ... unless it is one with bc's digits
    CHECK_FALSE(as_is("UTF-8\nb3c\nab1c\nab1cd\n"));  // a lower digit than its suffix's
    CHECK_FALSE(as_is("UTF-8\n\xc3\xa4" "1b\nx\xc3\xa4" "1bc\n"));  // UTF-8 letters, the same rule
}

namespace {

// Both levels of two machines alike, state by state ("" when they are).
std::string compare_machines(const booklet::hyphenate::Machine& a, const HyphenDict& b) {
    const HyphenDict* mine = a.dict();
    if ((mine->nextlevel == nullptr) != (b.nextlevel == nullptr)) return "levels differ";
    std::string first = compare_level(*mine, b);
    if (!first.empty() || !mine->nextlevel) return first;
    return compare_level(*mine->nextlevel, *b.nextlevel);
}

// Where the first level's parts are in a machine's bytes (in the order
// machine_bytes writes them), to damage them on purpose.
struct Blocks {
    std::size_t nohyphenl = 0, texts = 0, states = 0, trans = 0;  // offsets of the count and of the blocks
    std::string_view text_block;
};
Blocks first_level_blocks(const std::string& bytes) {
    booklet::PayloadReader in(bytes);
    in.i32();
    for (int k = 0; k < 4; ++k) in.u8();
    in.bytes();  // cset
    in.u8();
    in.u8();
    const std::string_view nohyphen = in.bytes();
    in.i32();
    const std::string_view texts = in.bytes();
    const std::string_view states = in.bytes();
    const std::string_view trans = in.bytes();
    REQUIRE(in.ok());
    auto offset = [&](std::string_view part) { return static_cast<std::size_t>(part.data() - bytes.data()); };
    return {offset(nohyphen) + nohyphen.size(), offset(texts), offset(states), offset(trans), texts};
}

std::int32_t get32(const std::string& bytes, std::size_t at) { return booklet::read_le32(bytes.data() + at); }

void put32(std::string& bytes, std::size_t at, std::int32_t v) {
    for (int i = 0; i < 4; ++i) bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((static_cast<std::uint32_t>(v) >> (8 * i)) & 0xFF);
}

}  // namespace

TEST_CASE("a machine read back from its bytes is libhyphen's, state by state, for every installed dictionary") {
    std::set<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/share/hyphen"))
        if (entry.path().extension() == ".dic") files.insert(std::filesystem::canonical(entry.path()));
    REQUIRE(files.size() >= 20);
    for (const auto& file : files) {
        INFO(file.string());
        const std::string text = read(file);
        const auto back = machine_from_bytes(machine_bytes(*build_dictionary(text)));
        REQUIRE(back);
        CHECK(compare_machines(*back, *libhyphen_load(text)).empty());
    }
    // A completed machine too (made from other text than the file's).
    const std::string tex = "UTF-8\n1ba\nab1c\nb2c\n.x2y\nNOHYPHEN -,'\n";
    const auto completed = completed_patterns(tex, true);
    REQUIRE(completed);
    const auto made = build_dictionary(*completed);
    const auto back = machine_from_bytes(machine_bytes(*made));
    REQUIRE(back);
    CHECK(compare_machines(*back, *made->dict()).empty());
}

TEST_CASE("machine bytes that are cut, or whose walk would leave the machine or never end, are no machine") {
    const std::string text = "UTF-8\n1ba\nab1c\nb2c\n.x2y\nNOHYPHEN -,'\n";
    const std::string good = machine_bytes(*build_dictionary(text));
    REQUIRE(machine_from_bytes(good));
    for (std::size_t n = 0; n < good.size(); ++n) CHECK_FALSE(machine_from_bytes(good.substr(0, n)));
    CHECK_FALSE(machine_from_bytes(good + "x"));

    const Blocks at = first_level_blocks(good);
    constexpr std::size_t kState = 18, kFallback = 10, kTransitions = 14;
    auto damaged = [&](auto change) {
        std::string bytes = good;
        change(bytes);
        return machine_from_bytes(bytes) == nullptr;
    };
    // A harmless change is read (the checks tell damage from difference).
    CHECK_FALSE(damaged([&](std::string& b) { b[at.states + kState + 8] ^= 1; }));  // state 1's replacement index
    CHECK(damaged([&](std::string& b) { put32(b, at.states + kState + kFallback, 1); }));   // state 1 falls back to itself
    CHECK(damaged([&](std::string& b) { put32(b, at.states + kFallback, 0); }));            // state 0 falls back
    CHECK(damaged([&](std::string& b) { put32(b, at.states + kState + kFallback, 1000); }));  // to no state
    CHECK(damaged([&](std::string& b) { put32(b, at.trans + 1, 0); }));                       // a transition back to the start
    CHECK(damaged([&](std::string& b) { put32(b, at.trans + 1, 1000); }));                    // to no state
    CHECK(damaged([&](std::string& b) { put32(b, at.states + kTransitions, -1); }));          // a negative count
    CHECK(damaged([&](std::string& b) { put32(b, at.states + kTransitions, 1000); }));        // more than there are
    CHECK(damaged([&](std::string& b) { put32(b, at.states, 1 << 20); }));                    // a match past the texts
    CHECK(damaged([&](std::string& b) { put32(b, at.nohyphenl, 7); }));                       // NOHYPHEN's count
}

TEST_CASE("a match longer than its state's string and one is no machine") {
    // The first level is libhyphen's default compound level: "1\u20131" makes
    // a state three bytes deep with the match "1001".
    const std::string good = machine_bytes(*build_dictionary("UTF-8\n1ba\n"));
    REQUIRE(machine_from_bytes(good));
    const Blocks at = first_level_blocks(good);
    std::size_t longest = 0, longest_at = 0;
    for (std::size_t k = 0; k < at.text_block.size(); k += std::strlen(at.text_block.data() + k) + 1)
        if (const std::size_t n = std::strlen(at.text_block.data() + k); n > longest) {
            longest = n;
            longest_at = k;
        }
    REQUIRE(longest == 4);
    // A state one letter deep: the target of state 0's first transition.
    const std::int32_t shallow = get32(good, at.trans + 1);
    std::string bytes = good;
    put32(bytes, at.states + 18 * static_cast<std::size_t>(shallow), static_cast<std::int32_t>(longest_at));
    CHECK_FALSE(machine_from_bytes(bytes));
}

TEST_CASE("a replacement whose index or cut would leave its match is no machine") {
    const std::string text = "ISO8859-1\nNEXTLEVEL\nc1k/k=k,1,2\n1ba\n";
    const std::string good = machine_bytes(*build_dictionary(text));
    REQUIRE(machine_from_bytes(good));
    // The second level's states follow the first level's blocks: find the state
    // with a replacement by reading the records of both levels' state blocks.
    std::vector<std::size_t> with_replacement;
    const Blocks first = first_level_blocks(good);
    for (std::size_t rec = first.states; rec + 18 <= first.trans - 8; rec += 18)
        if (get32(good, rec + 4) >= 0) with_replacement.push_back(rec);
    std::size_t second_states = 0;
    {
        // After the first level's transitions: the second level, laid out alike.
        const std::size_t after_first = first.trans + static_cast<std::size_t>(get32(good, first.trans - 8));
        const Blocks second = first_level_blocks(good.substr(0, 4) + good.substr(after_first));
        second_states = after_first - 4 + second.states;
        for (std::size_t rec = second_states; rec + 18 <= after_first - 4 + second.trans - 8; rec += 18)
            if (get32(good, rec + 4) >= 0) with_replacement.push_back(rec);
    }
    REQUIRE(with_replacement.size() == 1);
    const std::size_t rec = with_replacement.front();
    auto with = [&](std::size_t field, char value) {
        std::string bytes = good;
        bytes[rec + field] = value;
        return machine_from_bytes(bytes) != nullptr;
    };
    CHECK(with(9, 1));        // a shorter cut: still inside
    CHECK_FALSE(with(9, 0));  // no cut: libhyphen would step on the spot
    CHECK_FALSE(with(9, 9));  // past the match
    CHECK_FALSE(with(8, -1)); // before it
    CHECK_FALSE(with(8, 3));  // past it
}

// build_dictionary against libhyphen's own loader: the same machine, state by
// state, for every dictionary the setup installs and for lines that exercise
// libhyphen's reading (long lines, keywords, non-standard patterns, NEXTLEVEL).
#include "automaton.hpp"
#include "booklet/files.hpp"
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

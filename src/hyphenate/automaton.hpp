// libhyphen's state machine, built here rather than by hnj_hyphen_load_file.
//
// libhyphen keeps its states in a hash table of a fixed 31,627 buckets while it
// reads a dictionary, and looks up every suffix of every state to find the state
// its matcher falls back to: with the hundreds of thousands of states of a large
// dictionary the chains grow long and loading becomes quadratic. On Debian 12,
// hyph_de_DE.dic (1.1 MB) took 3.2 s to load, hyph_hu_HU.dic 0.4 s, hyph_en_US.dic
// 25 ms, for every build of a book in that language.
//
// build_dictionary reads the same text as libhyphen 2.8.8 (Debian 12's) reads it:
// the encoding line, lines of at most 99 bytes as fgets gives them, the keyword
// lines, '%' comments, non-standard "/" patterns with their index and cut, the
// NEXTLEVEL split into two levels or the default compound level libhyphen adds
// without one. It makes the same states (every prefix of every pattern), the
// same matches, replacements and transitions, and each state's fallback, the
// longest proper suffix that is a state, by a breadth-first walk of the prefix
// tree (Aho–Corasick's failure links) instead of suffix lookups. The result is a
// HyphenDict that libhyphen's own hnj_hyphen_hyphenate3 walks; its memory is the
// Machine's (each level's states, transitions and texts in one block each, where
// libhyphen allocates every state's parts apart), so nothing may hand it to
// hnj_hyphen_free. Only the state numbers differ from libhyphen's (it numbers
// states in its own order; no result depends on them): tests/unit/hyphenate
// compares the two machines state by state for every dictionary the setup installs.
#pragma once

#include <hyphen.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::hyphenate {

// A state machine and the memory its HyphenDicts point into. Neither copied nor
// moved: the first level's nextlevel points at the second's.
class Machine {
public:
    struct Level {
        HyphenDict dict{};                  // points into the members below
        std::vector<HyphenState> states;
        std::vector<HyphenTrans> trans;     // every state's transitions, state by state
        std::string texts;                  // every match and replacement, each ended by a NUL
        std::string nohyphen;               // NOHYPHEN's list, its commas made NULs
    };

    // levels[0] is the level libhyphen starts from; each leads to the next.
    explicit Machine(std::vector<std::unique_ptr<Level>> levels);
    Machine(const Machine&) = delete;
    Machine& operator=(const Machine&) = delete;

    // For libhyphen's walk, which takes a pointer to a mutable dictionary and
    // changes nothing in it.
    HyphenDict* dict() const { return &levels_.front()->dict; }
    const std::vector<std::unique_ptr<Level>>& levels() const { return levels_; }

private:
    std::vector<std::unique_ptr<Level>> levels_;
};

// The state machine for dictionary `text`; throws std::bad_alloc when memory runs out.
std::unique_ptr<Machine> build_dictionary(std::string_view text);

// A machine as bytes, for the cache folder (German's takes 50–90 ms to build and
// a few to read back), and back again. machine_from_bytes gives nullptr unless the
// bytes are a whole machine as machine_bytes writes one and libhyphen's walk stays
// inside it whatever word it is given: every text ends inside its block; the
// transitions make a tree of the states from state 0; each fallback is a state
// nearer the root than its own (so that falling back ends); a match has at most
// one digit more than its state has letters (libhyphen writes it that far back
// from the letter it has reached), none more when the state opens the word; a
// replacement's index and cut stay inside its match; the NOHYPHEN list holds as
// many entries, none empty, as it says.
std::string machine_bytes(const Machine& machine);
std::unique_ptr<Machine> machine_from_bytes(std::string_view bytes);

// For the machine build_dictionary made of a text without NEXTLEVEL (whose word
// level is behind the default compound level): whether completed_patterns
// (patterns.hpp) would leave the text as it is — no prefix of a pattern ends
// where another pattern ends without being a pattern itself, and no pattern has
// lower digits than a pattern that is its suffix. Read off the machine in one
// walk (a state's suffixes that are patterns are the patterns on its fallback
// chain), where completed_patterns looks up every substring of every pattern:
// Debian's English and Dutch dictionaries, complete already, took 4 to 25 ms a
// build to be found so. (A text with NEXTLEVEL completed_patterns leaves as it
// is, whatever this says of its machine.)
bool needs_no_completion(const HyphenDict& machine);

}  // namespace booklet::hyphenate

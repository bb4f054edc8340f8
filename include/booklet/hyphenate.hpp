// Hyphenation with libhyphen and Debian's dictionaries (/usr/share/hyphen).
//
// Input:  one word (UTF-8) and a language.
// Output: byte offsets inside the word where it may be hyphenated.
// Invariants: only clean words reach libhyphen: letters (and combining marks) only,
//   no digits, punctuation or URLs, not all capitals, lower-cased, transcoded to the
//   dictionary's declared encoding (its first line); the language's minimum word
//   length and left/right minimums are applied here. Non-standard hyphenation
//   (German "Schiff-fahrt" style spelling changes) is not offered: a point that would
//   change the letters is dropped. The patterns follow Liang (1983) as libhyphen
//   implements them; dictionaries never converted for its matcher are completed
//   first (src/hyphenate/patterns.hpp).
// Must not: know about fonts or line breaking. libhyphen types stay in src/hyphenate.
// Not thread-safe: a Hyphenator caches results of earlier words.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/sha256.hpp"

#include <cstddef>
#include <cstdint>
#include <array>
#include <filesystem>
#include <future>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace booklet::hyphenate {

// Counted in characters (code points).
struct Minimums {
    int word = 6;   // shortest word that is hyphenated
    int left = 2;   // characters before the first hyphen
    int right = 3;  // characters after the last hyphen
};

// The minimums booklet uses for a language (BCP 47, primary subtag decides); the
// reasons are in hyphenate.cpp next to the table.
Minimums minimums_for_language(std::string_view bcp47);

// How libhyphen gets a dictionary's patterns: completed for its matcher where they
// are TeX patterns that were never converted for it (src/hyphenate/patterns.hpp),
// or as written.
enum class PatternUse { complete, as_written };
// The reasons are in hyphenate.cpp next to the table.
PatternUse pattern_use_for_language(std::string_view bcp47);

// Where dictionaries' state machines are kept between builds, as bytes under a key
// that names the dictionary's text, its pattern use and the code that builds and
// reads machines (a digest made at build time): the CLI keeps them in the cache
// folder (cli/session.cpp), since German's machine takes 50–90 ms to build and a
// few to read back. Both calls may come from a reading ahead's thread; a shelf
// that cannot keep or find one says nothing (the machine is built then).
class MachineShelf {
public:
    virtual ~MachineShelf() = default;
    virtual std::optional<std::string> get(const Sha256Digest& key) = 0;
    virtual void put(const Sha256Digest& key, std::string_view machine) = 0;
};

// One dictionary. Move-only: owns the libhyphen handle.
class Hyphenator {
public:
    // Throws booklet::Error naming the file when it is missing, declares an encoding
    // that cannot be used, or is not a dictionary libhyphen can load.
    // `shelf`: where its machine may be found built, and is kept when it is not.
    Hyphenator(const std::filesystem::path& dictionary, Minimums minimums, PatternUse use = PatternUse::complete,
               MachineShelf* shelf = nullptr);
    // A dictionary's text, `name` standing for its file in messages.
    Hyphenator(const std::string& name, const std::string& text, Minimums minimums,
               PatternUse use = PatternUse::complete, MachineShelf* shelf = nullptr);
    ~Hyphenator();
    Hyphenator(Hyphenator&&) noexcept;
    Hyphenator& operator=(Hyphenator&&) noexcept;

    // Byte offsets b into `word` (UTF-8), ascending, such that the word may be set as
    // word[0, b) + "-" at a line end and word[b, end) on the next line. Words that are
    // not clean (see above) get no points. The list is the Hyphenator's own (its
    // cache of words seen, read once per word of every paragraph: a copy each time
    // was an allocation per word), valid until the next call.
    const std::vector<std::size_t>& points(std::string_view word) const;

    const Minimums& minimums() const { return minimums_; }
    const std::string& encoding() const;  // as declared by the dictionary, e.g. "ISO8859-1"
    // A SHA-256 over the dictionary's text, the minimums and the pattern use: two
    // hyphenators with the same identity hyphenate every word alike (what layout's
    // set paragraphs kept between builds are keyed by, instead of a file name).
    const std::array<std::uint8_t, 32>& identity() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Minimums minimums_;
};

// Dictionaries by language, loaded on first use.
class Dictionaries {
public:
    explicit Dictionaries(std::filesystem::path folder = "/usr/share/hyphen");
    ~Dictionaries();
    Dictionaries(Dictionaries&&) noexcept;
    Dictionaries& operator=(Dictionaries&&) noexcept;

    // The dictionary for a BCP 47 tag ("nl", "en-GB", "de-AT"): hyph_<lang>_<REGION>.dic,
    // then hyph_<lang>.dic, then the language's usual region (en → en_US), then any
    // hyph_<lang>_*.dic, then booklet's own patterns from the language's syllable
    // rule (Turkish: src/hyphenate/syllable_rules.hpp); nullptr when there is none.
    // Throws booklet::Error when the file exists but cannot be loaded.
    const Hyphenator* for_language(std::string_view bcp47);
    // Dictionaries loaded from now on find their machines on `shelf`, and keep
    // those they build there (nullptr: built every time). The shelf outlives this
    // object, or at least its reading ahead.
    void keep_machines_on(MachineShelf* shelf);
    // Loads a language's dictionary now, as for_language would, but notes nothing
    // when there is none or it cannot be loaded: a book that never asks for it
    // (a style without hyphenation) must not be told it is missing, and one that
    // does is told when it asks. For reading dictionaries ahead, on another thread
    // while nothing else uses this object (or it waits for that thread: reading_ahead).
    void load_ahead(std::string_view bcp47);
    // Hyphenator::identity of the dictionary for_language would give, read from its
    // file (or made from the language's syllable rule) without building it and
    // without waiting for a reading ahead; a fixed identity for a language that is
    // not hyphenated in its writing (Chinese, Japanese, Arabic...: no warning either
    // way); nullopt for one that has no dictionary (the line breaker notes it when it
    // asks). Layout keys the paragraphs it keeps set by it. Only the thread that
    // uses this object calls it; the reading ahead never touches what it keeps.
    std::optional<std::array<std::uint8_t, 32>> identity_for(std::string_view bcp47);
    // Every language asked for so far, by for_language or identity_for (layout's
    // kept paragraphs are found by the identity alone), by its key, with the
    // identity of its dictionary (nullopt: none): what hyphenates the book's text.
    std::vector<std::pair<std::string, std::optional<std::array<std::uint8_t, 32>>>> consulted() const;
    // Hands over a reading ahead under way on another thread (load_ahead there):
    // from now on every use of this object but folder() and identity_for() first waits for it to end,
    // and rethrows what it threw; so does the destructor, and so does the next
    // reading handed over. Layout can then start while a large dictionary is still
    // being read (German's takes 50–90 ms to build; the seed book lays out 8–36 ms
    // before it first asks for its Dutch one, which had kept it waiting 0–8 ms at
    // the style stage). The object must not move while a reading is under way.
    void reading_ahead(std::future<void> reading);
    // Waits for the reading handed over, if one is under way (before another thread
    // may call load_ahead again).
    void wait_for_reading() const;

    // The tags ("tr", "pt_BR") asked for so far that found no dictionary.
    std::vector<std::string> languages_without() const;
    const std::filesystem::path& folder() const { return folder_; }

private:
    // for_language without waiting for a reading ahead (which calls it).
    const Hyphenator* find(std::string_view bcp47);

    mutable std::future<void> reading_;
    std::filesystem::path folder_;
    std::map<std::string, const Hyphenator*> by_tag_;  // null entries remember misses
    // By file (symlinked files share one) and the minimums and pattern use the
    // language asks for, so that a Hyphenator is the same whichever language loads
    // its file first (what identity_for relies on).
    std::map<std::tuple<std::filesystem::path, int, int, int, PatternUse>, std::unique_ptr<Hyphenator>> by_file_;
    std::map<std::string, std::optional<std::array<std::uint8_t, 32>>> identities_;  // identity_for, by tag
    std::map<std::string, std::unique_ptr<Hyphenator>> by_rule_;            // by language
    MachineShelf* shelf_ = nullptr;
};

// One warning (kind "hyphenation-dictionary") per language that was asked for and
// has no dictionary, naming the Debian package that has one; languages that are
// not hyphenated in their writing (Chinese, Japanese, Korean, Arabic, Hebrew,
// Vietnamese) are not reported.
void report_missing_dictionaries(const Dictionaries& dictionaries, Diagnostics& diags);

}  // namespace booklet::hyphenate

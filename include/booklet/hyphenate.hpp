// Hyphenation with libhyphen and Debian's dictionaries (/usr/share/hyphen).
//
// Input:  one word (UTF-8) and a language.
// Output: byte offsets inside the word where a hyphen may be inserted.
// Invariants: only clean words reach libhyphen: lower-cased letters, no digits,
//   punctuation or URLs, transcoded to the dictionary's declared encoding; the
//   language's minimum word length and left/right minimums are applied here.
// Must not: know about fonts or line breaking. libhyphen types stay in src/hyphenate.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::hyphenate {

struct Minimums {
    int word = 5;   // shortest word that is hyphenated, in characters
    int left = 2;   // characters before the first hyphen
    int right = 3;  // characters after the last hyphen
};

// One dictionary. Move-only: owns the libhyphen handle.
class Hyphenator {
public:
    // Throws booklet::Error when the file is not a readable dictionary.
    Hyphenator(const std::filesystem::path& dictionary, Minimums minimums);
    ~Hyphenator();
    Hyphenator(Hyphenator&&) noexcept;
    Hyphenator& operator=(Hyphenator&&) noexcept;

    // Byte offsets into `word` (UTF-8) after which a hyphen may be inserted, ascending.
    // Words that are not clean (see above) get no points.
    std::vector<std::size_t> points(std::string_view word) const;

    const Minimums& minimums() const { return minimums_; }

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

    // The dictionary for a BCP 47 tag ("nl", "en-GB", "de-AT"), falling back to the
    // primary language; nullptr when there is none.
    const Hyphenator* for_language(std::string_view bcp47);

private:
    std::filesystem::path folder_;
    std::map<std::string, std::unique_ptr<Hyphenator>> loaded_;  // null entries remember misses
};

}  // namespace booklet::hyphenate

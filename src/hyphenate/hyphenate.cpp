// libhyphen behind a narrow wall: the words it sees are checked and transcoded
// here, its handles and result arrays are owned here, and nothing else in booklet
// includes hyphen.h. libhyphen 2.8.8 (Debian 12) has out-of-bounds reads on odd
// input (digits at the word's edges, unterminated words, replacement patterns
// meeting the minimums); feeding it only short, NUL-terminated, letter-only words
// keeps it on its well-trodden path, and tests/fuzz/hyphenate_fuzz.cpp checks that.
#include "booklet/hyphenate.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/files.hpp"
#include "booklet/sha256.hpp"
#include "automaton.hpp"
#include "patterns.hpp"
#include "syllable_rules.hpp"

#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <unordered_map>

#if defined(__SANITIZE_ADDRESS__)
#define BOOKLET_HYPHEN_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOOKLET_HYPHEN_ASAN 1
#endif
#endif

#ifdef BOOKLET_HYPHEN_ASAN
// libhyphen 2.8.8's loader leaks about 1 KB on the German and French dictionaries
// (duplicate pattern keys overwrite earlier ones without freeing them; fixed
// upstream after 2.8.8). booklet builds the machine itself (automaton.hpp), but
// tests/unit/hyphenate loads every dictionary with libhyphen too to compare, so
// LeakSanitizer is told to ignore allocations made inside libhyphen. The fuzz
// replay (tests/fuzz/hyphenate) showed no growth after 20,000 words: nothing
// leaks per word.
extern "C" const char* __lsan_default_suppressions() { return "leak:libhyphen.so\n"; }
#endif

namespace booklet::hyphenate {

namespace {

// Longer "words" are not words (hashes, runs of letters in identifiers); they are
// never hyphenated, which also keeps libhyphen's buffers small.
constexpr std::size_t kMaxWordChars = 80;
// The cache of earlier results is dropped when it grows past this many words, so
// memory stays bounded on any input.
constexpr std::size_t kMaxCachedWords = 200000;

struct ConverterDeleter {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// The largest Debian dictionary (Hungarian) has 0.9 MB.
constexpr std::size_t kMaxDictionaryBytes = 16u << 20;

enum class Encoding { utf8, latin1, other };

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ' || s.back() == '\t'))
        s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return s.substr(i);
}

std::string upper_ascii(std::string s) {
    for (auto& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

std::string lower_ascii(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

Encoding classify(const std::string& declared) {
    std::string key;
    for (char c : upper_ascii(declared))
        if (c != '-' && c != '_' && c != ' ') key += c;
    if (key == "UTF8") return Encoding::utf8;
    if (key == "ISO88591" || key == "LATIN1") return Encoding::latin1;
    return Encoding::other;
}

// Frees the arrays libhyphen allocates for non-standard hyphenation.
struct ReplacementArrays {
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    int size = 0;
    ~ReplacementArrays() {
        if (rep) {
            for (int i = 0; i < size; ++i) std::free(rep[i]);
            std::free(rep);
        }
        std::free(pos);
        std::free(cut);
    }
};

}  // namespace

// Minimum word length, left and right minimums per language. The left/right values
// follow each language's typographic convention as the TeX/babel language setups
// encode it (and the dictionaries declare where they do); the word minimum is 6
// everywhere because splitting a 5-letter word saves too little in a 60–70
// character measure to be worth the interrupted reading.
Minimums minimums_for_language(std::string_view bcp47) {
    std::string primary;
    for (char c : bcp47) {
        if (c == '-' || c == '_') break;
        primary += c;
    }
    primary = lower_ascii(primary);
    // English: the dictionary's own LEFTHYPHENMIN 2 / RIGHTHYPHENMIN 3; a two-letter
    // tail ("-ly", "-ed") reads as a fragment.
    if (primary == "en") return {6, 2, 3};
    // Dutch: TeX allows 2/2, but two-letter tails such as "-en", "-te" are what
    // Dutch style guides tell typesetters to avoid; compounds still split well.
    if (primary == "nl") return {6, 2, 3};
    // French: babel-french's 2/3 (no two-letter "-ce", "-re" on the next line).
    if (primary == "fr") return {6, 2, 3};
    // German and Spanish: 2/2 is their TeX convention and what the patterns were
    // built for (German "-en" endings are routinely carried over).
    if (primary == "de" || primary == "es") return {6, 2, 2};
    // Russian and Ukrainian: babel's 2/2, the rule of their style books (never one
    // letter left or carried, two are fine: "убежда-ли"). The only Debian
    // dictionary for Russian (hyphen-ru, 2003) finds few points in a word; 2/3
    // took away most of the rest near a word's end.
    if (primary == "ru" || primary == "uk") return {6, 2, 2};
    // Turkish: a syllable may be a lone vowel or two letters and suffixes are long
    // ("ara-ba", "gel-di"); 2/2 is the convention of Turkish typesetting.
    if (primary == "tr") return {6, 2, 2};
    return {6, 2, 3};
}

// Debian's Ukrainian patterns (hyph_uk_UA) mark a break after every vowel and
// before every consonant, with few inhibitors: set complete (TeX's reading) they
// leave single consonants ("укра-ї-н-сь-ка", "про-г-ра-му-ва-н-ня"), so libhyphen
// gets them as written, as LibreOffice does. Every other dictionary is completed
// where it needs it (Debian 12: Russian, Czech, Slovak, Norwegian, Danish, Brazilian
// Portuguese; a few patterns of Spanish, Italian, Indonesian and Portuguese; Russian, Czech
// and Norwegian words checked to break as TeX's algorithm breaks them with the same
// patterns).
PatternUse pattern_use_for_language(std::string_view bcp47) {
    const std::string primary = lower_ascii(std::string(bcp47.substr(0, bcp47.find_first_of("-_"))));
    return primary == "uk" ? PatternUse::as_written : PatternUse::complete;
}

// Hyphenator::identity: what hyphenates a word alike.
std::array<std::uint8_t, 32> identity_of(std::string_view text, const Minimums& minimums, PatternUse use) {
    Sha256 identity;
    identity.update(text);
    identity.update("/" + std::to_string(minimums.word) + "/" + std::to_string(minimums.left) + "/" +
                    std::to_string(minimums.right) + "/" + std::to_string(static_cast<int>(use)));
    return identity.finish();
}

struct Hyphenator::Impl {
    std::string encoding_name;
    Encoding encoding = Encoding::utf8;
    std::unique_ptr<Machine> machine;
    std::array<std::uint8_t, 32> identity{};  // Hyphenator::identity
    std::unique_ptr<UConverter, ConverterDeleter> converter;  // Encoding::other only
    // Looked up by string_view without building a string (C++20 heterogeneous lookup).
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::vector<std::size_t>, Hash, std::equal_to<>> cache;

    // The lower-cased code points in the dictionary's encoding; false when a
    // character has no representation there.
    bool encode(const std::vector<UChar32>& lower, std::string& out) const {
        out.clear();
        switch (encoding) {
        case Encoding::utf8:
            for (UChar32 c : lower) {
                char buf[4];
                int n = 0;
                UBool error = false;
                U8_APPEND(buf, n, 4, c, error);
                if (error) return false;
                out.append(buf, static_cast<std::size_t>(n));
            }
            return true;
        case Encoding::latin1:
            for (UChar32 c : lower) {
                if (c > 0xFF) return false;
                out += static_cast<char>(static_cast<unsigned char>(c));
            }
            return true;
        case Encoding::other: {
            // One code point at a time, so that each character maps to exactly one
            // byte (8-bit dictionaries) and hyphen positions stay character positions.
            for (UChar32 c : lower) {
                UChar u[2];
                int32_t ulen = 0;
                U16_APPEND_UNSAFE(u, ulen, c);
                char buf[8];
                UErrorCode status = U_ZERO_ERROR;
                ucnv_reset(converter.get());
                const int32_t n = ucnv_fromUChars(converter.get(), buf, sizeof buf, u, ulen, &status);
                if (U_FAILURE(status) || n != 1) return false;
                out += buf[0];
            }
            return true;
        }
        }
        return false;
    }

    // Working buffers, reused from word to word.
    mutable std::vector<UChar32> lower_;
    mutable std::vector<std::size_t> starts_;
    mutable std::string encoded_;
    mutable std::vector<char> hyphens_;

    static bool is_mark_type(int8_t type) {
        return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
    }

    std::vector<std::size_t> compute(std::string_view word, const Minimums& mins) const {
        // A word of fewer bytes than the minimum has fewer characters too.
        if (static_cast<int>(word.size()) < mins.word) return {};
        std::vector<UChar32>& lower = lower_;
        std::vector<std::size_t>& starts = starts_;  // byte offset of each character in `word`
        lower.clear();
        starts.clear();
        int capitals = 0, small = 0;
        for (std::size_t i = 0; i < word.size();) {
            starts.push_back(i);
            const auto byte = static_cast<unsigned char>(word[i]);
            if (byte < 0x80) {  // ASCII needs no Unicode tables
                ++i;
                if (byte >= 'a' && byte <= 'z') {
                    ++small;
                    lower.push_back(byte);
                } else if (byte >= 'A' && byte <= 'Z') {
                    ++capitals;
                    lower.push_back(byte + ('a' - 'A'));
                } else {
                    return {};  // digits, punctuation, spaces: not a clean word
                }
                continue;
            }
            UChar32 c = 0;
            int32_t at = static_cast<int32_t>(i);
            U8_NEXT(word.data(), at, static_cast<int32_t>(word.size()), c);
            i = static_cast<std::size_t>(at);
            if (c < 0) return {};
            // Presentation forms (ﬁ, ﬂ, ...) are typographic ligatures, not letters of
            // a word; libhyphen also has special code paths for them.
            if (c >= 0xFB00 && c <= 0xFB4F) return {};
            if (is_mark_type(u_charType(c))) {
                if (lower.empty()) return {};
            } else if (u_isalpha(c)) {
                if (u_isupper(c)) ++capitals;
                if (u_islower(c)) ++small;
            } else {
                return {};  // digits, punctuation, symbols, spaces: not a clean word
            }
            lower.push_back(u_tolower(c));
        }
        const std::size_t n = lower.size();
        if (n > kMaxWordChars || static_cast<int>(n) < mins.word) return {};
        if (capitals >= 2 && small == 0) return {};  // acronyms and words set in capitals

        std::string& encoded = encoded_;
        if (!encode(lower, encoded)) return {};
        if (encoding != Encoding::utf8 && encoded.size() != n) return {};

        // libhyphen writes up to word_size + 5 entries and reads the word as a C string.
        std::vector<char>& hyphens = hyphens_;
        hyphens.assign(encoded.size() + 8, '0');
        ReplacementArrays repl;
        repl.size = static_cast<int>(encoded.size());
        const int failed = hnj_hyphen_hyphenate3(machine->dict(), encoded.c_str(), static_cast<int>(encoded.size()),
                                                 hyphens.data(), nullptr, &repl.rep, &repl.pos, &repl.cut,
                                                 mins.left, mins.right, 0, 0);
        if (failed) return {};

        // hyphens[k] odd: a hyphen may follow character k (libhyphen has already
        // turned UTF-8 byte positions into character positions).
        std::vector<std::size_t> points;
        for (std::size_t k = 0; k + 1 < n; ++k) {
            if ((hyphens[k] - '0') % 2 == 0) continue;
            if (repl.rep && repl.rep[k]) continue;  // would change the spelling
            const std::size_t before = k + 1;
            if (static_cast<int>(before) < mins.left || static_cast<int>(n - before) < mins.right) continue;
            // Never split a letter from the combining marks that follow it.
            if (lower[before] >= 0x300 && is_mark_type(u_charType(lower[before]))) continue;
            points.push_back(starts[before]);
        }
        return points;
    }
};

Hyphenator::Hyphenator(const std::filesystem::path& dictionary, Minimums minimums, PatternUse use)
    : Hyphenator(dictionary.string(),
                 files::read_bounded(dictionary, kMaxDictionaryBytes, "hyphenation dictionary", dictionary.string(),
                                     "hyphenation-dictionary"),
                 minimums, use) {}

Hyphenator::Hyphenator(const std::string& name, const std::string& text, Minimums minimums, PatternUse use)
    : impl_(std::make_unique<Impl>()), minimums_(minimums) {
    const std::filesystem::path dictionary(name);  // for the messages
    const std::string first = text.substr(0, text.find('\n'));
    if (first.empty())
        throw Error({dictionary.string(), 0, 0}, "cannot read hyphenation dictionary: it is empty",
                    "hyphenation-dictionary");
    impl_->encoding_name = trim(first);
    impl_->encoding = classify(impl_->encoding_name);
    if (impl_->encoding == Encoding::other) {
        UErrorCode status = U_ZERO_ERROR;
        impl_->converter.reset(ucnv_open(impl_->encoding_name.c_str(), &status));
        if (U_FAILURE(status) || !impl_->converter)
            throw Error({dictionary.string(), 1, 1},
                        "hyphenation dictionary declares an unknown encoding '" + impl_->encoding_name + "'",
                        "hyphenation-dictionary");
        ucnv_setFromUCallBack(impl_->converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr,
                              &status);
        if (ucnv_getMaxCharSize(impl_->converter.get()) != 1)
            throw Error({dictionary.string(), 1, 1},
                        "hyphenation dictionary encoding '" + impl_->encoding_name +
                            "' is not UTF-8 or an 8-bit encoding",
                        "hyphenation-dictionary");
    }
    impl_->identity = identity_of(text, minimums, use);
    // libhyphen's machine, built as libhyphen would build it but in linear time.
    impl_->machine = build_dictionary(text);
    // TeX patterns that were never converted for libhyphen are completed
    // (patterns.hpp) and the machine built again; a converted dictionary, which
    // the machine shows complete, is used as it is.
    if (use == PatternUse::complete && !needs_no_completion(*impl_->machine->dict()))
        if (const auto completed = completed_patterns(text, impl_->encoding == Encoding::utf8))
            impl_->machine = build_dictionary(*completed);
    // libhyphen decides UTF-8 mode from the same first line; if the two readings
    // disagreed, positions would be counted in the wrong unit.
    if ((impl_->machine->dict()->utf8 != 0) != (impl_->encoding == Encoding::utf8))
        throw Error({dictionary.string(), 1, 1},
                    "hyphenation dictionary encoding line '" + impl_->encoding_name + "' is ambiguous",
                    "hyphenation-dictionary");
}

Hyphenator::~Hyphenator() = default;
Hyphenator::Hyphenator(Hyphenator&&) noexcept = default;
Hyphenator& Hyphenator::operator=(Hyphenator&&) noexcept = default;

const std::string& Hyphenator::encoding() const { return impl_->encoding_name; }

const std::array<std::uint8_t, 32>& Hyphenator::identity() const { return impl_->identity; }

const std::vector<std::size_t>& Hyphenator::points(std::string_view word) const {
    static const std::vector<std::size_t> kNone;
    if (word.empty() || word.size() > kMaxWordChars * 4) return kNone;
    auto& cache = impl_->cache;
    if (auto it = cache.find(word); it != cache.end()) return it->second;
    auto result = impl_->compute(word, minimums_);
    if (cache.size() >= kMaxCachedWords) cache.clear();
    return cache.emplace(std::string(word), std::move(result)).first->second;
}

// ------------------------------------------------------------------ Dictionaries

Dictionaries::Dictionaries(std::filesystem::path folder) : folder_(std::move(folder)) {}
Dictionaries::~Dictionaries() {
    try {
        wait_for_reading();
    } catch (...) {
        // What the reading threw was for a use that never came.
    }
}
Dictionaries::Dictionaries(Dictionaries&&) noexcept = default;
Dictionaries& Dictionaries::operator=(Dictionaries&&) noexcept = default;

namespace {

struct Tag {
    std::string language;  // lower case
    std::string region;    // upper case, may be empty
};

Tag parse_tag(std::string_view bcp47) {
    Tag tag;
    std::vector<std::string> parts(1);
    for (char c : bcp47) {
        if (c == '-' || c == '_')
            parts.emplace_back();
        else
            parts.back() += c;
    }
    tag.language = lower_ascii(parts[0]);
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const auto& p = parts[i];
        const bool alpha2 = p.size() == 2 && std::isalpha(static_cast<unsigned char>(p[0])) &&
                            std::isalpha(static_cast<unsigned char>(p[1]));
        const bool digit3 = p.size() == 3 && std::all_of(p.begin(), p.end(), [](char c) {
                                return c >= '0' && c <= '9';
                            });
        if (alpha2 || digit3) {
            tag.region = upper_ascii(p);
            break;
        }
    }
    return tag;
}

// Where a bare language has several regional dictionaries, the one most texts in
// that language are written for.
std::string usual_region(const std::string& language) {
    static constexpr std::pair<const char*, const char*> table[] = {
        {"en", "US"}, {"de", "DE"}, {"fr", "FR"}, {"es", "ES"}, {"nl", "NL"}, {"pt", "PT"},
        {"it", "IT"}, {"sv", "SE"}, {"da", "DK"}, {"ru", "RU"}, {"uk", "UA"}, {"el", "GR"},
    };
    for (const auto& [lang, region] : table)
        if (language == lang) return region;
    return {};
}

// Languages whose writing is not hyphenated: Chinese, Japanese and Korean break
// between characters, Arabic and Hebrew script do not divide words with a hyphen,
// Vietnamese words are their syllables, set apart by spaces, and Lao, Khmer and
// Burmese break between the words ICU's dictionaries find. (Thai is divided by its
// dictionary, but without a hyphen: see linebreak's Kind::silent_hyphen.)
constexpr std::string_view kNotHyphenated[] = {"zh", "ja", "ko", "ar", "fa", "ur", "he",
                                               "yi", "vi", "lo", "km", "my"};

bool plausible_language(const std::string& language) {
    if (language.size() < 2 || language.size() > 8) return false;
    return std::all_of(language.begin(), language.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A tag's key among the dictionaries asked for: "en_GB", "nl".
std::string key_of(const Tag& tag) { return tag.language + (tag.region.empty() ? "" : "_" + tag.region); }

// Where a language's dictionary comes from: a file of the folder (its path as
// found, and canonical), booklet's syllable rule, or nowhere.
struct Source {
    enum class Kind { none, not_hyphenated, file, rule } kind = Kind::none;
    std::filesystem::path file, canonical;
    std::string rule;  // the rule's patterns
};

Source resolve(const std::filesystem::path& folder, const Tag& tag) {
    Source source;
    if (std::find(std::begin(kNotHyphenated), std::end(kNotHyphenated), tag.language) != std::end(kNotHyphenated)) {
        source.kind = Source::Kind::not_hyphenated;
        return source;
    }
    if (!plausible_language(tag.language)) return source;
    std::vector<std::filesystem::path> candidates;
    auto file = [&](const std::string& stem) { return folder / ("hyph_" + stem + ".dic"); };
    if (!tag.region.empty()) candidates.push_back(file(tag.language + "_" + tag.region));
    candidates.push_back(file(tag.language));
    if (auto region = usual_region(tag.language); !region.empty())
        candidates.push_back(file(tag.language + "_" + region));
    std::error_code ec;
    std::vector<std::filesystem::path> others;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const auto name = entry.path().filename().string();
        if (name.rfind("hyph_" + tag.language + "_", 0) == 0 && entry.path().extension() == ".dic")
            others.push_back(entry.path());
    }
    std::sort(others.begin(), others.end());  // directory order is not deterministic
    candidates.insert(candidates.end(), others.begin(), others.end());
    for (const auto& candidate : candidates) {
        std::error_code ec2;
        if (!std::filesystem::is_regular_file(candidate, ec2)) continue;
        const auto canonical = std::filesystem::weakly_canonical(candidate, ec2);
        source.kind = Source::Kind::file;
        source.file = candidate;
        source.canonical = ec2 ? candidate : canonical;
        return source;
    }
    if (auto text = syllable_rule_patterns(tag.language)) {
        source.kind = Source::Kind::rule;
        source.rule = std::move(*text);
    }
    return source;
}

}  // namespace

void Dictionaries::load_ahead(std::string_view bcp47) {
    const std::string key = key_of(parse_tag(bcp47));
    if (by_tag_.contains(key)) return;
    try {
        if (find(bcp47)) return;
    } catch (const Error&) {
        // for_language throws again when the book asks for it
    }
    by_tag_.erase(key);
}

void Dictionaries::reading_ahead(std::future<void> reading) {
    wait_for_reading();
    reading_ = std::move(reading);
}

void Dictionaries::wait_for_reading() const {
    if (!reading_.valid()) return;
    std::future<void> reading = std::move(reading_);  // invalid from now on, even if it threw
    reading.get();
}

const Hyphenator* Dictionaries::for_language(std::string_view bcp47) {
    wait_for_reading();
    return find(bcp47);
}

const Hyphenator* Dictionaries::find(std::string_view bcp47) {
    const Tag tag = parse_tag(bcp47);
    const std::string key = key_of(tag);
    if (auto it = by_tag_.find(key); it != by_tag_.end()) return it->second;
    Source source = resolve(folder_, tag);
    const Hyphenator* found = nullptr;
    const Minimums minimums = minimums_for_language(tag.language);
    if (source.kind == Source::Kind::file) {
        const PatternUse use = pattern_use_for_language(tag.language);
        const auto file_key = std::make_tuple(source.canonical, minimums.word, minimums.left, minimums.right, use);
        auto it = by_file_.find(file_key);
        if (it == by_file_.end())
            it = by_file_.emplace(file_key, std::make_unique<Hyphenator>(source.file, minimums, use)).first;
        found = it->second.get();
    } else if (source.kind == Source::Kind::rule) {
        auto it = by_rule_.find(tag.language);
        if (it == by_rule_.end()) {
            auto made = std::make_unique<Hyphenator>("booklet's " + tag.language + " syllable rule", source.rule,
                                                     minimums, PatternUse::as_written);
            it = by_rule_.emplace(tag.language, std::move(made)).first;
        }
        found = it->second.get();
    }
    by_tag_[key] = found;
    return found;
}

std::optional<std::array<std::uint8_t, 32>> Dictionaries::identity_for(std::string_view bcp47) {
    const Tag tag = parse_tag(bcp47);
    const std::string key = key_of(tag);
    if (auto it = identities_.find(key); it != identities_.end()) return it->second;
    const Source source = resolve(folder_, tag);
    const Minimums minimums = minimums_for_language(tag.language);
    std::optional<std::array<std::uint8_t, 32>> identity;
    switch (source.kind) {
    case Source::Kind::none: break;
    case Source::Kind::not_hyphenated: identity = identity_of("not hyphenated", minimums, PatternUse::as_written); break;
    case Source::Kind::rule: identity = identity_of(source.rule, minimums, PatternUse::as_written); break;
    case Source::Kind::file:
        try {
            identity = identity_of(files::read_bounded(source.file, kMaxDictionaryBytes, "hyphenation dictionary",
                                                       source.file.string(), "hyphenation-dictionary"),
                                   minimums, pattern_use_for_language(tag.language));
        } catch (const Error&) {
            // Unreadable: no identity, so nothing is kept; for_language says why.
        }
        break;
    }
    return identities_[key] = identity;
}

std::vector<std::string> Dictionaries::languages_without() const {
    wait_for_reading();
    std::vector<std::string> out;
    for (const auto& [key, found] : by_tag_)
        if (!found) out.push_back(key);
    return out;
}

namespace {

// Debian's hyphen-* packages (bookworm), by language: "hyphen-" + the name.
constexpr std::pair<std::string_view, std::string_view> kDebianPackages[] = {
    {"af", "af"}, {"as", "as"}, {"be", "be"}, {"bg", "bg"}, {"bn", "bn"}, {"ca", "ca"}, {"cs", "cs"},
    {"da", "da"}, {"de", "de"}, {"el", "el"}, {"en", "en-us"}, {"es", "es"}, {"fr", "fr"}, {"gl", "gl"},
    {"gu", "gu"}, {"hi", "hi"}, {"hr", "hr"}, {"hu", "hu"}, {"id", "id"}, {"is", "is"}, {"it", "it"},
    {"kn", "kn"}, {"lt", "lt"}, {"lv", "lv"}, {"ml", "ml"}, {"mn", "mn"}, {"mr", "mr"}, {"nb", "no"},
    {"nn", "no"}, {"no", "no"}, {"nl", "nl"}, {"or", "or"}, {"pa", "pa"}, {"pl", "pl"}, {"pt", "pt-pt"},
    {"ro", "ro"}, {"ru", "ru"}, {"sk", "sk"}, {"sl", "sl"}, {"sr", "sr"}, {"sv", "sv"}, {"ta", "ta"},
    {"te", "te"}, {"th", "th"}, {"uk", "uk"}, {"zu", "zu"},
};

}  // namespace

void report_missing_dictionaries(const Dictionaries& dictionaries, Diagnostics& diags) {
    std::set<std::string> reported;
    for (const std::string& key : dictionaries.languages_without()) {
        const std::string language = key.substr(0, key.find('_'));
        if (language.empty() || !reported.insert(language).second) continue;
        if (std::find(std::begin(kNotHyphenated), std::end(kNotHyphenated), language) != std::end(kNotHyphenated))
            continue;
        std::string message = "no hyphenation dictionary for language '" + language + "' in " + dictionaries.folder().string() +
                              ": its words are not hyphenated, so justified lines have wider word spaces";
        const auto package = std::find_if(std::begin(kDebianPackages), std::end(kDebianPackages),
                                          [&](const auto& p) { return p.first == language; });
        if (package != std::end(kDebianPackages))
            message += "; Debian's hyphen-" + std::string(package->second) + " has one";
        else
            message += "; Debian has no hyphen-* package for it";
        diags.warning({}, "hyphenation-dictionary", message);
    }
}

}  // namespace booklet::hyphenate

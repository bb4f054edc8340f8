#include "syllable_rules.hpp"

#include <array>

namespace booklet::hyphenate {

namespace {

// Turkish (the Turkish Language Association's spelling rule): a syllable holds one
// vowel, and a word divides before the consonant that precedes a vowel —
// ka-ran-lık, öğ-ret-men, Türk-çe — and between two vowels — sa-at, şi-ir. Loan
// words follow the same rule (kont-rol, elekt-rik, prog-ram), except that the
// consonants a word begins with stay together (stres, sprey, stra-te-ji).
std::string turkish() {
    constexpr std::array<std::string_view, 11> vowels = {"a", "e", "ı", "i", "o", "ö", "u", "ü", "â", "î", "û"};
    constexpr std::array<std::string_view, 21> consonants = {"b", "c", "ç", "d", "f", "g", "ğ", "h", "j", "k", "l",
                                                             "m", "n", "p", "r", "s", "ş", "t", "v", "y", "z"};
    std::string out = "UTF-8\n";  // the minimums are minimums_for_language's
    auto line = [&out](std::initializer_list<std::string_view> parts) {
        for (const auto p : parts) out += p;
        out += '\n';
    };
    for (const auto c : consonants)
        for (const auto v : vowels) line({"1", c, v});  // before the consonant of a consonant-vowel pair
    for (const auto a : vowels)
        for (const auto b : vowels) line({a, "1", b});  // between two vowels
    // No break after a word's first two consonants: the third's break before a
    // vowel would leave a part with no vowel (st-res).
    for (const auto a : consonants)
        for (const auto b : consonants) line({".", a, b, "2"});
    return out;
}

}  // namespace

std::optional<std::string> syllable_rule_patterns(std::string_view language) {
    if (language == "tr") return turkish();
    return std::nullopt;
}

}  // namespace booklet::hyphenate

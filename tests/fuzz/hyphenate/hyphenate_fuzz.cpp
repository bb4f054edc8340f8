// Fuzz target: hyphenate::Hyphenator::points on arbitrary bytes, in every language
// booklet ships dictionaries for. The first byte picks the language; the rest is
// tried as one word and then piece by piece, split where the line breaker would
// split running text. Every answer is checked against the wrapper's contract, so
// a wrong offset is a crash here, not a silent bad break later.
#include "booklet/hyphenate.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace {

using booklet::hyphenate::Hyphenator;

[[noreturn]] void fail(const char* what, std::string_view word) {
    std::fprintf(stderr, "hyphenate contract broken: %s for a word of %zu bytes\n", what, word.size());
    std::abort();
}

std::size_t characters(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

void check(const Hyphenator& h, std::string_view word) {
    const std::vector<std::size_t> points = h.points(word);
    std::size_t last = 0;
    for (std::size_t p : points) {
        if (p <= last) fail("points not ascending or at 0", word);
        if (p >= word.size()) fail("point at or past the end", word);
        if ((static_cast<unsigned char>(word[p]) & 0xC0) == 0x80) fail("point inside a UTF-8 sequence", word);
        if (static_cast<int>(characters(word.substr(0, p))) < h.minimums().left) fail("left minimum", word);
        if (static_cast<int>(characters(word.substr(p))) < h.minimums().right) fail("right minimum", word);
        last = p;
    }
    if (!points.empty() && static_cast<int>(characters(word)) < h.minimums().word) fail("word minimum", word);
    if (h.points(word) != points) fail("cached answer differs", word);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Loaded once for the whole run, as a build loads them once.
    static booklet::hyphenate::Dictionaries dictionaries;
    static const char* const languages[] = {"en", "en-GB", "nl", "de", "fr", "es"};
    if (size == 0) return 0;
    const Hyphenator* h = dictionaries.for_language(languages[data[0] % 6]);
    if (!h) return 0;  // that dictionary is not installed
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    check(*h, text);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool split = i == text.size() || text[i] == ' ' || text[i] == '\n' || text[i] == '-' ||
                           text[i] == ',' || text[i] == '.' || text[i] == '\'' || text[i] == '/';
        if (!split) continue;
        if (i > start) check(*h, text.substr(start, i - start));
        start = i + 1;
    }
    return 0;
}

// ASCII letter case, the one way booklet folds it: A-Z to a-z and every other byte
// as it is, UTF-8 sequences included (std::tolower depends on the locale, and
// language tags, URL schemes, file extensions and identifiers are ASCII by rule).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

namespace booklet {

constexpr char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

// Equal but for the case of ASCII letters; nothing is copied.
constexpr bool ascii_iequal(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

}  // namespace booklet

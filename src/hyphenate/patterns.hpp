// Hyphenation patterns made complete for libhyphen's matcher.
//
// libhyphen turns a dictionary's patterns into a state machine whose states are
// the patterns' prefixes; at each letter of a word it applies the digits of the
// one state it reaches, never those of the shorter patterns that end at the same
// letter (TeX's algorithm applies every pattern found in the word). So a dictionary
// must list, for every prefix of a pattern that ends where another pattern ends, a
// pattern holding all their digits: libhyphen's own "substrings" tool writes them
// when it converts TeX patterns. Several Debian dictionaries are TeX patterns that
// never went through it (hyph_ru_RU 2003, hyph_uk_UA, hyph_cs_CZ, hyph_sk_SK,
// hyph_nb_NO, …): libhyphen then finds only a fraction of their points (Russian
// "не-сколь-ких", "раз-го-во-ры", "по-сле-до-ва-тель-но" came out whole or nearly).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace booklet::hyphenate {

// The dictionary `text` (its first line the encoding, then patterns, one a line,
// optionally keyword lines such as LEFTHYPHENMIN) with the missing prefix patterns
// added and every pattern's digits merged with those of the patterns that are its
// suffixes; nullopt when nothing is missing (a converted dictionary) or when the
// dictionary uses what this does not read (NEXTLEVEL compound levels, non-standard
// "/" patterns), so that libhyphen reads the file as it is. `utf8`: the encoding
// line says UTF-8 (letters are then whole UTF-8 sequences, not bytes).
std::optional<std::string> completed_patterns(std::string_view text, bool utf8);

}  // namespace booklet::hyphenate

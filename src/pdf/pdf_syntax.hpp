// Small, locale-free pieces of PDF syntax: numbers, strings and text strings.
//
// Every number the writer puts into a content stream goes through here, so that
// output never depends on the C locale or on printf's rounding, and identical
// input always gives identical bytes.
#pragma once

#include "booklet/units.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::pdf {

// value / 10^decimals, printed with at most `decimals` fraction digits and no
// trailing zeros ("12", "-0.5", "3.125").
std::string decimal(std::int64_t value, int decimals);
// The same, appended to `out` (content streams write a number per glyph or two).
void append_decimal(std::string& out, std::int64_t value, int decimals);

// A length in points with at most 3 decimals (1/1000 pt is well below any
// device resolution).
std::string points(Sp v);
void append_points(std::string& out, Sp v);

// n / d rounded to the nearest integer, halves away from zero; d > 0.
std::int64_t div_round(std::int64_t n, std::int64_t d);

// A colour component 0..255 as a fraction 0..1 with 4 decimals.
std::string color_component(std::uint8_t c);

// UTF-8 decoded to code points; malformed sequences become U+FFFD, so bad bytes
// never reach a PDF string.
std::u32string decode_utf8(std::string_view s);

// Code points as UTF-16BE bytes (surrogate pairs above U+FFFF).
std::string utf16be(std::u32string_view text);

// Upper-case hex digits of the bytes, without delimiters.
std::string hex(std::string_view bytes);

// The four upper-case hex digits of a 2-byte Identity-H code (a glyph id),
// without delimiters: a ToUnicode CMap's.
std::string glyph_code(std::uint32_t glyph);
// The code's two bytes as a content stream's literal string holds them (escaped
// where PDF 1.7, 7.3.4.2 asks), half the bytes of hex digits: the text is most of
// a page's content, all of which is deflated.
void append_glyph_bytes(std::string& out, std::uint32_t glyph);
// One glyph's code as a literal string, with its parentheses.
std::string glyph_string(std::uint32_t glyph);

// A PDF text string for a content stream or a dictionary: <FEFF...> (UTF-16BE
// with byte order mark), which carries any Unicode text.
std::string text_string_hex(std::string_view utf8);
std::string text_string_hex(std::u32string_view text);

// The text in PDFDocEncoding (PDF 1.7, annex D), one byte a character, when every
// character has a byte there (ASCII, Latin-1, typographic quotes, dashes, the
// ellipsis, the bullet, the euro sign, ...) and the bytes cannot be mistaken for a
// UTF-16 or UTF-8 text string's byte order mark; else nullopt. Control characters
// other than tab, line feed and carriage return have none.
std::optional<std::string> pdfdoc_text(std::string_view utf8);

// Text strings are cut at this many characters, whoever writes them (libharu
// refuses strings of more than 65,535 bytes; titles, link texts and alternate
// texts never come near).
inline constexpr std::size_t kMaxTextCharacters = 16000;

// The bytes of a PDF text string for `utf8`: PDFDocEncoding where it can say the
// text (a byte a character, where UTF-16 takes two), else UTF-16BE with its byte
// order mark; cut at kMaxTextCharacters.
std::string text_string_bytes(std::string_view utf8);

// `bytes` appended as a literal string escaping only what must be escaped:
// backslash, both parentheses, and the carriage return (which a reader would
// turn into a line feed).
void append_literal(std::string& out, std::string_view bytes);

// A URI as the 7-bit ASCII a PDF URI action requires: bytes outside printable
// ASCII, and spaces, percent-encoded (RFC 3986 section 2.1).
std::string ascii_uri(std::string_view uri);

// A PDF name token's characters for a font name: letters, digits and '-' kept,
// anything else dropped; never empty (falls back to `fallback`).
std::string name_characters(std::string_view s, std::string_view fallback);

}  // namespace booklet::pdf

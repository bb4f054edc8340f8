#include "pdf_syntax.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <iterator>

namespace booklet::pdf {

std::int64_t div_round(std::int64_t n, std::int64_t d) {
    assert(d > 0);
    return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
}

void append_decimal(std::string& out, std::int64_t value, int decimals) {
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    const bool negative = value < 0;
    const std::uint64_t magnitude =
        negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::uint64_t whole = magnitude / static_cast<std::uint64_t>(scale);
    std::uint64_t fraction = magnitude % static_cast<std::uint64_t>(scale);

    if (negative && magnitude != 0) out += '-';
    char digits[24];  // the whole part backwards, then the fraction's
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + whole % 10);
        whole /= 10;
    } while (whole != 0);
    while (n > 0) out += digits[--n];
    if (fraction == 0) return;
    int kept = decimals;
    while (fraction % 10 == 0) fraction /= 10, --kept;  // no trailing zeros
    for (int i = kept - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + fraction % 10);
        fraction /= 10;
    }
    out += '.';
    out.append(digits, static_cast<std::size_t>(kept));
}

std::string decimal(std::int64_t value, int decimals) {
    std::string out;
    append_decimal(out, value, decimals);
    return out;
}

void append_points(std::string& out, Sp v) {
    // sp -> thousandths of a point, rounded once.
    append_decimal(out, div_round(v * 1000, kSpPerPt), 3);
}

std::string points(Sp v) {
    std::string out;
    append_points(out, v);
    return out;
}

std::string color_component(std::uint8_t c) { return decimal(div_round(static_cast<std::int64_t>(c) * 10000, 255), 4); }

std::u32string decode_utf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    while (i < s.size()) {
        const unsigned char b0 = byte(i);
        int extra = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (b0 < 0x80) {
            out += static_cast<char32_t>(b0);
            ++i;
            continue;
        } else if ((b0 & 0xE0) == 0xC0) {
            extra = 1, cp = b0 & 0x1F, min = 0x80;
        } else if ((b0 & 0xF0) == 0xE0) {
            extra = 2, cp = b0 & 0x0F, min = 0x800;
        } else if ((b0 & 0xF8) == 0xF0) {
            extra = 3, cp = b0 & 0x07, min = 0x10000;
        } else {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        std::size_t k = 1;
        for (; k <= static_cast<std::size_t>(extra); ++k) {
            if (i + k >= s.size() || (byte(i + k) & 0xC0) != 0x80) break;
            cp = (cp << 6) | (byte(i + k) & 0x3F);
        }
        if (k <= static_cast<std::size_t>(extra) || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            out += U'\uFFFD';
            i += k;  // skip the lead byte and the continuation bytes that belonged to it
            continue;
        }
        out += cp;
        i += k;
    }
    return out;
}

std::string utf16be(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 2);
    const auto unit = [&](std::uint32_t u) {
        out += static_cast<char>((u >> 8) & 0xFF);
        out += static_cast<char>(u & 0xFF);
    };
    for (char32_t c : text) {
        if (c >= 0x10000) {
            const std::uint32_t v = static_cast<std::uint32_t>(c) - 0x10000;
            unit(0xD800 + (v >> 10));
            unit(0xDC00 + (v & 0x3FF));
        } else {
            unit(static_cast<std::uint32_t>(c));
        }
    }
    return out;
}

std::string hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 0x0F];
    }
    return out;
}

std::string glyph_code(std::uint32_t glyph) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (int shift = 12; shift >= 0; shift -= 4) out += digits[(glyph >> shift) & 0x0F];
    return out;
}



std::string text_string_hex(std::string_view utf8) { return text_string_hex(decode_utf8(utf8)); }

std::string text_string_hex(std::u32string_view text) { return "<FEFF" + hex(utf16be(text)) + ">"; }

namespace {

// PDFDocEncoding's bytes 0x80-0xA0 (PDF 1.7, table D.2); 0x9F has no character.
constexpr char32_t kPdfDocHigh[] = {
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
    0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
    0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0,      0x20AC,
};

// The PDFDocEncoding byte of `c`, or -1. Latin-1's 0xA1-0xFF are the same bytes,
// except the soft hyphen (0xAD), which PDFDocEncoding leaves undefined.
int pdfdoc_byte(char32_t c) {
    if ((c >= 0x20 && c <= 0x7E) || c == '\t' || c == '\n' || c == '\r') return static_cast<int>(c);
    if (c >= 0xA1 && c <= 0xFF && c != 0xAD) return static_cast<int>(c);
    for (std::size_t i = 0; i < std::size(kPdfDocHigh); ++i)
        if (kPdfDocHigh[i] == c && c != 0) return static_cast<int>(0x80 + i);
    return -1;
}

}  // namespace

std::optional<std::string> pdfdoc_text(std::string_view utf8) {
    // An ASCII character that PDFDocEncoding has is its own byte there (most
    // titles, descriptions and addresses are all such), and no byte order mark.
    const auto own_byte = [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x80 && pdfdoc_byte(byte) >= 0;
    };
    if (std::all_of(utf8.begin(), utf8.end(), own_byte)) return std::string(utf8);
    std::string out;
    out.reserve(utf8.size());
    for (const char32_t c : decode_utf8(utf8)) {
        const int byte = pdfdoc_byte(c);
        if (byte < 0) return std::nullopt;
        out += static_cast<char>(byte);
    }
    // "þÿ" and "ï»¿" would read as the byte order marks of UTF-16BE and UTF-8.
    if (out.starts_with("\xFE\xFF") || out.starts_with("\xEF\xBB\xBF")) return std::nullopt;
    return out;
}

std::string text_string_bytes(std::string_view utf8) {
    if (auto bytes = pdfdoc_text(utf8); bytes && bytes->size() <= kMaxTextCharacters) return std::move(*bytes);
    std::u32string text = decode_utf8(utf8);
    if (text.size() > kMaxTextCharacters) text.resize(kMaxTextCharacters);
    return "\xFE\xFF" + utf16be(text);
}

namespace {

// Appends `bytes` to `out`: each byte `special` picks as `escape` writes it, the
// runs of bytes between them as they are.
template <class Special, class Escape>
void append_escaping(std::string& out, std::string_view bytes, Special special, Escape escape) {
    std::size_t run = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (!special(c)) continue;
        out.append(bytes, run, i - run);
        escape(out, c);
        run = i + 1;
    }
    out.append(bytes, run);
}

// What a literal string escapes: backslash, both parentheses, and the carriage
// return (a reader would turn a bare one into a line feed, and a CR LF into one byte).
bool escaped_in_literal(unsigned char c) { return c == '\\' || c == '(' || c == ')' || c == '\r'; }
void escape_in_literal(std::string& to, unsigned char c) {
    to += '\\';
    to += c == '\r' ? 'r' : static_cast<char>(c);
}

// A glyph id's two-byte Identity-H code.
std::array<char, 2> code_bytes(std::uint32_t glyph) {
    return {static_cast<char>((glyph >> 8) & 0xFF), static_cast<char>(glyph & 0xFF)};
}

}  // namespace

void append_literal(std::string& out, std::string_view bytes) {
    out.reserve(out.size() + bytes.size() + 2);
    out += '(';
    append_escaping(out, bytes, escaped_in_literal, escape_in_literal);
    out += ')';
}

void append_glyph_bytes(std::string& out, std::uint32_t glyph) {
    const auto code = code_bytes(glyph);
    append_escaping(out, {code.data(), code.size()}, escaped_in_literal, escape_in_literal);
}

std::string glyph_string(std::uint32_t glyph) {
    std::string out;
    const auto code = code_bytes(glyph);
    append_literal(out, {code.data(), code.size()});
    return out;
}

std::string ascii_uri(std::string_view uri) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(uri.size());
    // Printable ASCII as it is; every other byte as %XX.
    append_escaping(
        out, uri, [](unsigned char c) { return c <= 0x20 || c >= 0x7F; },
        [](std::string& to, unsigned char c) {
            to += '%';
            to += digits[c >> 4];
            to += digits[c & 0x0F];
        });
    return out;
}

std::string name_characters(std::string_view s, std::string_view fallback) {
    std::string out;
    for (char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') out += c;
    }
    if (out.empty()) out = std::string(fallback);
    // PDF names are limited to 127 bytes; leave room for the subset tag.
    if (out.size() > 100) out.resize(100);
    return out;
}

}  // namespace booklet::pdf

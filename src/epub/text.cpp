#include "text.hpp"

#include "booklet/xml_text.hpp"

#include <cstdio>

namespace booklet::epub::detail {

namespace {

bool allowed_in_xml(std::uint32_t cp) {
    if (cp == 0x9 || cp == 0xA || cp == 0xD) return true;
    if (cp < 0x20) return false;
    if (cp >= 0x7F && cp <= 0x9F) return false;      // DEL and C1 controls: HTML parse errors
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // surrogates
    if (cp >= 0xFDD0 && cp <= 0xFDEF) return false;  // noncharacters
    if ((cp & 0xFFFE) == 0xFFFE) return false;       // U+xFFFE, U+xFFFF in every plane
    return cp <= 0x10FFFF;
}

// Length of the UTF-8 sequence at s[i] and its code point; 0 when invalid.
std::size_t decode_utf8(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    std::size_t len;
    std::uint32_t min;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2, min = 0x80, cp = b0 & 0x1Fu;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, min = 0x800, cp = b0 & 0x0Fu;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, min = 0x10000, cp = b0 & 0x07u;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

void percent_encode(std::string& out, unsigned char b) {
    static const char* hex = "0123456789ABCDEF";
    out += '%';
    out += hex[b >> 4];
    out += hex[b & 15];
}

}  // namespace

std::string clean_text(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::uint32_t cp = 0;
        const std::size_t len = decode_utf8(s, i, cp);
        if (len == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD for a byte that starts no valid sequence
            ++i;
            continue;
        }
        if (allowed_in_xml(cp)) out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

namespace {

// XML's escaping of text that is first made valid XML (clean_text).
std::string escape_xml(std::string_view s, bool attribute) {
    std::string out;
    append_xml_escaped(out, clean_text(s), attribute);
    return out;
}

}  // namespace

std::string xml_text(std::string_view s) { return escape_xml(s, false); }

std::string xml_attr(std::string_view s) { return escape_xml(s, true); }

bool is_language_tag(std::string_view tag) {
    std::size_t i = 0;
    bool first = true;
    while (true) {
        std::size_t n = 0;
        while (i + n < tag.size() && (is_alpha(tag[i + n]) || (!first && is_digit(tag[i + n])))) ++n;
        if (n < 1 || n > 8) return false;
        i += n;
        if (i == tag.size()) return true;
        if (tag[i] != '-') return false;
        ++i;
        first = false;
    }
}

std::string href_of(std::string_view url) {
    while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) url.remove_prefix(1);
    while (!url.empty() && static_cast<unsigned char>(url.back()) <= 0x20) url.remove_suffix(1);
    // The scheme in lower case, and "//authority" as it is: the markdown stage
    // accepted both.
    std::string out;
    const std::size_t colon = url.find(':');
    std::string_view rest = url;
    if (colon != std::string_view::npos) {
        for (char c : url.substr(0, colon)) out += ascii_lower(c);
        out += ':';
        rest = url.substr(colon + 1);
    }
    std::size_t authority_end = 0;  // bytes of `rest` that are "//authority"
    if (rest.substr(0, 2) == "//") {
        authority_end = rest.find_first_of("/?#", 2);
        if (authority_end == std::string_view::npos) authority_end = rest.size();
    }
    out.append(rest.substr(0, authority_end));
    bool in_fragment = false;
    for (std::size_t i = authority_end; i < rest.size(); ++i) {
        const auto b = static_cast<unsigned char>(rest[i]);
        const char c = rest[i];
        if (c == '%') {
            if (i + 2 < rest.size() && is_hex(rest[i + 1]) && is_hex(rest[i + 2]))
                out += c;
            else
                percent_encode(out, b);
        } else if (c == '#') {
            if (in_fragment) percent_encode(out, b);
            else out += c;
            in_fragment = true;
        } else if (b <= 0x20 || b >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
                   c == '{' || c == '|' || c == '}' || c == '[' || c == ']') {
            percent_encode(out, b);
        } else {
            out += c;
        }
    }
    return out;
}

std::string sanitize_id(std::string_view wanted) {
    std::string id;
    for (char c : wanted) {
        const bool keep = is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.';
        if (keep) id += c;
        else if (!id.empty() && id.back() != '-') id += '-';
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    if (id.empty()) return "id";
    if (!is_alpha(id[0]) && id[0] != '_') id = "id-" + id;
    return id;
}

std::string IdRegistry::claim(std::string_view wanted) {
    const std::string base = sanitize_id(wanted);
    std::string id = base;
    for (int n = 2; used_.count(id); ++n) id = base + "-" + std::to_string(n);
    used_.insert(id);
    return id;
}

// FIPS 180-4, section 6.1: 512-bit blocks, 80 rounds, big-endian words.
std::array<std::uint8_t, 20> sha1(std::string_view data) {
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    auto rotl = [](std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
    std::string message(data);
    const std::uint64_t bit_length = static_cast<std::uint64_t>(data.size()) * 8;
    message += '\x80';
    while (message.size() % 64 != 56) message += '\0';
    for (int shift = 56; shift >= 0; shift -= 8) message += static_cast<char>((bit_length >> shift) & 0xFF);

    for (std::size_t block = 0; block < message.size(); block += 64) {
        std::uint32_t w[80];
        for (int t = 0; t < 16; ++t) {
            const auto* p = reinterpret_cast<const unsigned char*>(message.data() + block + 4 * static_cast<std::size_t>(t));
            w[t] = (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
        }
        for (int t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int t = 0; t < 80; ++t) {
            std::uint32_t f, k;
            if (t < 20) f = (b & c) | (~b & d), k = 0x5A827999;
            else if (t < 40) f = b ^ c ^ d, k = 0x6ED9EBA1;
            else if (t < 60) f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
            else f = b ^ c ^ d, k = 0xCA62C1D6;
            const std::uint32_t temp = rotl(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = temp;
        }
        h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    }
    std::array<std::uint8_t, 20> digest{};
    for (std::size_t i = 0; i < 20; ++i) digest[i] = static_cast<std::uint8_t>(h[i / 4] >> (24 - 8 * (i % 4)));
    return digest;
}

std::string uuid_v5(const std::array<std::uint8_t, 16>& name_space, std::string_view name) {
    std::string input(reinterpret_cast<const char*>(name_space.data()), name_space.size());
    input.append(name);
    std::array<std::uint8_t, 20> hash = sha1(input);
    hash[6] = static_cast<std::uint8_t>((hash[6] & 0x0F) | 0x50);  // version 5
    hash[8] = static_cast<std::uint8_t>((hash[8] & 0x3F) | 0x80);  // RFC 4122 variant
    std::string out;
    char buf[3];
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
        std::snprintf(buf, sizeof buf, "%02x", hash[i]);
        out += buf;
    }
    return out;
}

std::string iso8601_utc(std::int64_t seconds) {
    const CivilTime t = civil_from_epoch(seconds);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(t.year), t.month, t.day, t.hour, t.minute, t.second);
    return buf;
}

}  // namespace booklet::epub::detail

#include "booklet/url_text.hpp"

#include "booklet/ascii.hpp"

#include <algorithm>

namespace booklet {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool unreserved(int byte) {
    return (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
           byte == '-' || byte == '.' || byte == '_' || byte == '~';
}

// Decodes the escapes for which `keep(byte)` holds; a malformed escape stays as written.
template <typename Keep>
std::string decode(std::string_view text, Keep keep) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int hi = hex_digit(text[i + 1]), lo = hex_digit(text[i + 2]);
            const int byte = hi * 16 + lo;
            if (hi >= 0 && lo >= 0 && keep(byte)) {
                out += static_cast<char>(byte);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace

std::string percent_decode(std::string_view text) {
    return decode(text, [](int) { return true; });
}

std::string address_identity(std::string_view url) {
    // Escapes of letters, digits, "-._~" and of non-ASCII bytes name the same
    // characters as the characters themselves (a browser escapes "café" to
    // "caf%C3%A9" before it asks); reserved characters keep their escapes, where
    // they mean something else than the bare character.
    std::string out = decode(url, [](int byte) { return byte >= 0x80 || unreserved(byte); });
    const std::size_t scheme_end = out.find("://");
    const std::size_t host_end = scheme_end == std::string::npos ? 0 : out.find_first_of("/?#", scheme_end + 3);
    const std::size_t lower_to = scheme_end == std::string::npos ? 0 : std::min(host_end, out.size());
    for (std::size_t i = 0; i < lower_to; ++i)
        out[i] = ascii_lower(out[i]);
    return out;
}

}  // namespace booklet

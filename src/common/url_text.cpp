#include "booklet/url_text.hpp"

namespace booklet {
namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view text, bool printable_only) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int hi = hex_digit(text[i + 1]), lo = hex_digit(text[i + 2]);
            const int byte = hi * 16 + lo;
            if (hi >= 0 && lo >= 0 && (!printable_only || (byte >= 0x20 && byte < 0x7F))) {
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

std::string percent_decode(std::string_view text) { return decode(text, false); }

std::string percent_decode_printable(std::string_view text) { return decode(text, true); }

}  // namespace booklet

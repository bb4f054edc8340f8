#include "compact_object.hpp"

#include "pdf_syntax.hpp"

namespace booklet::pdf {
namespace {

bool is_white(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }

bool is_delimiter(char c) {
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
           c == '/' || c == '%';
}

bool is_regular(char c) { return !is_white(c) && !is_delimiter(c); }

bool is_octal(char c) { return c >= '0' && c <= '7'; }

// One escape of a literal string after its backslash (7.3.4.2, table 3): the
// byte it stands for, or none (a line continuation). An unknown escape is its
// character alone.
std::optional<char> read_escape(std::string_view s, std::size_t& at) {
    const char e = s[at++];
    switch (e) {
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'b': return '\b';
        case 'f': return '\f';
        case '\r':
            if (at < s.size() && s[at] == '\n') ++at;
            return std::nullopt;
        case '\n': return std::nullopt;
        default: break;
    }
    if (!is_octal(e)) return e;
    unsigned value = static_cast<unsigned>(e - '0');
    for (int k = 0; k < 2 && at < s.size() && is_octal(s[at]); ++k)
        value = value * 8 + static_cast<unsigned>(s[at++] - '0');
    return static_cast<char>(value & 0xFF);  // high-order overflow is ignored (7.3.4.2)
}

// The bytes of the literal string opening at s[at] == '('; `at` ends past its ')'.
std::optional<std::string> read_literal(std::string_view s, std::size_t& at) {
    std::string bytes;
    int depth = 1;
    ++at;
    while (at < s.size()) {
        const char c = s[at++];
        if (c == '\\') {
            if (at >= s.size()) return std::nullopt;
            if (const auto b = read_escape(s, at)) bytes += *b;
        } else if (c == '\r') {  // any end of line in a string reads as a line feed
            if (at < s.size() && s[at] == '\n') ++at;
            bytes += '\n';
        } else {
            if (c == '(') ++depth;
            if (c == ')' && --depth == 0) return bytes;
            bytes += c;
        }
    }
    return std::nullopt;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// The bytes of the hex string opening at s[at] == '<'; `at` ends past its '>'.
std::optional<std::string> read_hex(std::string_view s, std::size_t& at) {
    std::string bytes;
    int high = -1;
    for (++at; at < s.size(); ++at) {
        const char c = s[at];
        if (c == '>') {
            ++at;
            if (high >= 0) bytes += static_cast<char>(high << 4);  // an odd last digit is followed by 0
            return bytes;
        }
        if (is_white(c)) continue;
        const int v = hex_value(c);
        if (v < 0) return std::nullopt;
        if (high < 0) {
            high = v;
        } else {
            bytes += static_cast<char>((high << 4) | v);
            high = -1;
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> compact_object(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    bool after_regular = false;  // the last token ends in a regular character
    std::size_t at = 0;
    while (at < value.size()) {
        const char c = value[at];
        if (is_white(c)) {
            ++at;
            continue;
        }
        const bool pair = at + 1 < value.size() && value[at + 1] == c;
        if ((c == '<' || c == '>') && pair) {
            out.append(2, c);
            at += 2;
        } else if (c == '(' || c == '<') {
            const auto bytes = c == '(' ? read_literal(value, at) : read_hex(value, at);
            if (!bytes) return std::nullopt;
            append_literal(out, *bytes);
        } else if (c == '[' || c == ']' || c == '{' || c == '}') {
            out += c;
            ++at;
        } else if (c == '/' || is_regular(c)) {  // a name, or a number or keyword
            const std::size_t start = at++;
            while (at < value.size() && is_regular(value[at])) ++at;
            if (c != '/' && after_regular) out += ' ';
            out.append(value.substr(start, at - start));
            after_regular = true;
            continue;
        } else {
            return std::nullopt;  // a comment, a lone '>' or ')'
        }
        after_regular = false;
    }
    return out;
}

}  // namespace booklet::pdf

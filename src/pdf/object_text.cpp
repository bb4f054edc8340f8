#include "object_text.hpp"

#include "pdf_syntax.hpp"

#include <algorithm>
#include <charconv>

namespace booklet::pdf {
namespace {

// A byte a name holds as it is: printable ASCII but for the delimiters and '#'.
bool bare_in_name(unsigned char c) {
    if (c < 0x21 || c > 0x7E) return false;
    constexpr std::string_view kDelimiters = "()<>[]{}/%#";
    return kDelimiters.find(static_cast<char>(c)) == std::string_view::npos;
}

}  // namespace

ObjectText& ObjectText::delimiter(std::string_view token) {
    out_ += token;
    after_regular_ = false;
    return *this;
}

void ObjectText::regular(std::string_view token) {
    if (after_regular_) out_ += ' ';
    out_ += token;
    after_regular_ = true;
}

ObjectText& ObjectText::name(std::string_view name) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    out_ += '/';
    // Nearly every name is a key or a type, written as it is: appended whole.
    if (std::all_of(name.begin(), name.end(), [](char ch) { return bare_in_name(static_cast<unsigned char>(ch)); })) {
        out_ += name;
    } else {
        for (const char ch : name) {
            const auto c = static_cast<unsigned char>(ch);
            if (bare_in_name(c)) {
                out_ += ch;
            } else {
                out_ += '#';
                out_ += kDigits[c >> 4];
                out_ += kDigits[c & 0x0F];
            }
        }
    }
    // A number after a name needs a space; a name never does (its '/' delimits it).
    after_regular_ = true;
    return *this;
}

ObjectText& ObjectText::integer(std::int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    regular(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    return *this;
}

ObjectText& ObjectText::reference(std::uint32_t number) {
    integer(number);
    out_ += " 0 R";
    return *this;
}

ObjectText& ObjectText::bytes(std::string_view bytes) {
    append_literal(out_, bytes);
    after_regular_ = false;
    return *this;
}

ObjectText& ObjectText::text(std::string_view utf8) { return bytes(text_string_bytes(utf8)); }

}  // namespace booklet::pdf

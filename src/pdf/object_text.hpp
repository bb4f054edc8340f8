// PDF values written straight into the compact form the packer gives every
// dictionary (compact_object.hpp): white space only between two tokens that would
// otherwise run together, strings as literals with the fewest escapes.
//
// The structure tree and the link annotations are thousands of small
// dictionaries. Built as libharu objects they cost some twenty allocations a
// dictionary to make, write, read back and free (the English corpus's PDF stage
// went from 0.22-0.34 s to 0.17-0.25 s without them); written here each is one
// string, which libharu only numbers (HpdfDocument::new_own_object).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace booklet::pdf {

class ObjectText {
public:
    ObjectText& open_dict() { return delimiter("<<"); }
    ObjectText& close_dict() { return delimiter(">>"); }
    ObjectText& open_array() { return delimiter("["); }
    ObjectText& close_array() { return delimiter("]"); }
    // A name token; `name` without its '/', any byte (those a name cannot hold
    // bare are written as #XX, 7.3.5).
    ObjectText& name(std::string_view name);
    ObjectText& integer(std::int64_t value);
    // A number as pdf_syntax.hpp formats it ("12.5"), or a keyword ("null").
    ObjectText& number(std::string_view formatted) { return keyword(formatted); }
    ObjectText& keyword(std::string_view word) {
        regular(word);
        return *this;
    }
    // "N 0 R": every object here is generation 0.
    ObjectText& reference(std::uint32_t number);
    // A string of these bytes.
    ObjectText& bytes(std::string_view bytes);
    // A text string (text_string_bytes).
    ObjectText& text(std::string_view utf8);

    const std::string& str() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    ObjectText& delimiter(std::string_view token);
    // A number or keyword: a space before it when the last token also ends in a
    // regular character.
    void regular(std::string_view token);

    std::string out_;
    bool after_regular_ = false;
};

}  // namespace booklet::pdf

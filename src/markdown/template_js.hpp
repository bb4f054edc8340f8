// Reading the JavaScript literals that Svelte components take as props (internal
// to src/markdown): `tabs={[ { title: 'Start', content: `...` }, ... ]}`. Only
// literals are understood — strings, template strings, arrays, objects; anything
// else (a variable, a call, an arrow function) is Kind::other and is never
// evaluated. Nothing here runs code.
//
// Bounds: nesting deeper than kMaxJsDepth reads as other; every byte is looked at
// a bounded number of times.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace booklet::markdown::js {

inline constexpr int kMaxJsDepth = 32;

struct Value {
    enum class Kind { other, string, array, object };
    Kind kind = Kind::other;
    std::string text;            // string: the characters of the literal, escapes resolved
    std::size_t offset = 0;      // where the value starts in the input (a string: after its quote)
    int interpolations = 0;      // template string: ${...} parts left out of `text`
    std::vector<Value> items;    // array
    std::vector<std::pair<std::string, Value>> fields;  // object, in order

    // The field with one of these names that holds a string, or nullptr.
    const Value* string_field(std::span<const std::string_view> names) const;
};

// Reads the value of an expression `{...}`'s inside, `input` being the text
// between the braces and `base` its offset in the page (added to every offset).
Value read_expression(std::string_view input, std::size_t base);

// A JavaScript string literal's inside ('it\'s' -> it's): \n, \t, \uXXXX,
// \u{...}, \xXX and escaped characters.
std::string unescape(std::string_view literal);

}  // namespace booklet::markdown::js

// Finding the end of a Svelte/JSX expression `{...}` (internal to src/markdown):
// shared by the HTML tokenizer (attribute values) and the template reader (blocks,
// props, interpolations), which must agree on where an expression ends.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace booklet::markdown {

// The index of the '}' that closes the '{' at `open` (quotes and template strings
// honoured, a backslash escaping the next character inside them), or npos when it
// does not close within `max_bytes` — a bound, so that many unclosed braces stay
// cheap.
inline std::size_t brace_end(std::string_view in, std::size_t open, std::size_t max_bytes) {
    int depth = 0;
    char quote = 0;
    const std::size_t limit = std::min(in.size(), open + max_bytes);
    for (std::size_t i = open; i < limit; ++i) {
        const char c = in[i];
        if (quote) {
            if (c == '\\') ++i;
            else if (c == quote) quote = 0;
            continue;
        }
        if (c == '\'' || c == '"' || c == '`') quote = c;
        else if (c == '{') ++depth;
        else if (c == '}' && --depth == 0) return i;
    }
    return std::string_view::npos;
}

}  // namespace booklet::markdown

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

// The look-ahead one text may spend on openers that may not close. An unclosed
// '{' or '<Tag' is read up to a bound before it is given up, so a text of many
// of them would cost its size times that bound (minutes for a page of braces).
// Every such read draws on one budget, a few times the text's size; once it is
// spent no opener closes any more and the rest reads as the text it is.
class Lookahead {
public:
    static constexpr std::size_t kPerByte = 16;

    Lookahead(std::size_t text_size, std::size_t max_bytes)
        : max_bytes_(max_bytes), left_(kPerByte * text_size + max_bytes) {}

    // The end of the {...} at `open`, as brace_end, within what is left.
    std::size_t brace_end(std::string_view in, std::size_t open) {
        const std::size_t max = allowance();
        const std::size_t close = markdown::brace_end(in, open, max);
        spend(close == std::string_view::npos ? std::min(max, in.size() - open) : close + 1 - open);
        return close;
    }
    // How far the next read may go; 0 once the budget is spent.
    std::size_t allowance() const { return std::min(max_bytes_, left_); }
    void spend(std::size_t bytes) {
        left_ -= std::min(left_, bytes);
        if (left_ == 0) ran_out_ = true;
    }
    bool ran_out() const { return ran_out_; }

private:
    std::size_t max_bytes_;
    std::size_t left_;
    bool ran_out_ = false;
};

}  // namespace booklet::markdown

#include "booklet/suggest.hpp"

#include "booklet/ascii.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>

namespace booklet {
namespace {


// Optimal string alignment distance: insertions, deletions, substitutions and
// swaps of two neighbours ("lenght" -> "length") each cost 1.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
    for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = ascii_lower(a[i - 1]) == ascii_lower(b[j - 1]) ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && ascii_lower(a[i - 1]) == ascii_lower(b[j - 2]) && ascii_lower(a[i - 2]) == ascii_lower(b[j - 1]))
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[m];
}

bool starts_with_folded(std::string_view text, std::string_view prefix) {
    if (prefix.size() > text.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (ascii_lower(text[i]) != ascii_lower(prefix[i])) return false;
    return true;
}

}  // namespace

std::string closest_match(std::string_view typed, const std::vector<std::string>& candidates) {
    if (typed.empty()) return {};
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const auto& candidate : candidates) {
        const std::size_t d = edit_distance(typed, candidate);
        if (d < best_distance) {
            best_distance = d;
            best = candidate;
        }
    }
    // A third of the word may be wrong ("justified" -> "justify" is 3 of 9); short words
    // get one or two edits so that "x" does not suggest everything.
    const std::size_t allowed = std::max<std::size_t>(typed.size() <= 4 ? 1 : 2, typed.size() / 3);
    if (best_distance <= allowed) return best;
    // A cut-off word ("head" for "header") is a typo too.
    if (typed.size() >= 3)
        for (const auto& candidate : candidates)
            if (starts_with_folded(candidate, typed)) return candidate;
    return {};
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates) {
    const std::string match = closest_match(typed, candidates);
    return match.empty() ? std::string() : "; did you mean '" + match + "'?";
}

}  // namespace booklet

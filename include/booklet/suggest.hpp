// "Did you mean" for misspelt keys and values: one suggester for the manifest,
// front matter, styles and command-line words, so they all suggest alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace booklet {

// The candidate closest to `typed` by edit distance (optimal string alignment:
// Levenshtein 1966 with Damerau's transpositions, computed as Wagner & Fischer 1974),
// compared case-insensitively; empty when nothing is close enough to be a typo.
std::string closest_match(std::string_view typed, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "" — ready to append to a message.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace booklet

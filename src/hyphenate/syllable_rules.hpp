// Hyphenation patterns written from a language's syllable rule, for languages whose
// words divide by a rule simple enough to state (Debian has no hyphen-* package
// for them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace booklet::hyphenate {

// A libhyphen dictionary (UTF-8, one pattern a line) for the language's primary
// subtag ("tr"), or nullopt when booklet has no rule for it.
std::optional<std::string> syllable_rule_patterns(std::string_view language);

}  // namespace booklet::hyphenate

// Text helpers of the markdown stage (internal): Unicode normalisation through
// ICU, slugs, plain text of inlines, HTML whitespace.
#pragma once

#include "booklet/model.hpp"

#include "booklet/url_text.hpp"  // percent_decode, used with these helpers

#include <string>
#include <string_view>

namespace booklet::markdown {

// NFC (Unicode Standard Annex #15); ASCII and already-normalised text is returned
// unchanged without a trip through UTF-16. Broken UTF-8 becomes U+FFFD.
std::string to_nfc(std::string_view utf8);
// The same in place; ASCII, which NFC leaves as it is, is not copied.
void make_nfc(std::string& utf8);


// Runs of HTML whitespace (space, tab, newline, CR, form feed) become one space.
std::string collapse_whitespace(std::string_view text);

bool is_blank(std::string_view text);  // only HTML whitespace (or nothing)

}  // namespace booklet::markdown

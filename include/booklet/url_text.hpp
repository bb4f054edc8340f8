// Percent-escapes in addresses, shared by the stage that resolves links (markdown)
// and the one that decides how an address prints (cite).
#pragma once

#include <string>
#include <string_view>

namespace booklet {

// "a%20b" -> "a b"; a malformed escape stays as written.
std::string percent_decode(std::string_view text);

// The same for escapes of printable ASCII (space to '~') only: the result is valid
// UTF-8 with no control characters whenever the input is, so it can be printed.
std::string percent_decode_printable(std::string_view text);

}  // namespace booklet

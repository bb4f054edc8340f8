// Percent-escapes in addresses, shared by the stage that resolves links (markdown)
// and the one that decides how an address prints (cite).
#pragma once

#include <string>
#include <string_view>

namespace booklet {

// "a%20b" -> "a b"; a malformed escape stays as written.
std::string percent_decode(std::string_view text);

// What two addresses share when they name the same resource however they are
// escaped or cased: "HTTPS://Example.org/caf%C3%A9" and "https://example.org/café"
// give the same text. Only for comparing: it is not always printable.
std::string address_identity(std::string_view url);

}  // namespace booklet

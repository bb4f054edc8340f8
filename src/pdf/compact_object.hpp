// The shortest writing of a PDF object's value (PDF 1.7, 7.2-7.3).
//
// libharu writes a dictionary one entry a line with spaces around every token,
// escapes every '/' of a literal string as \057 and every byte above 0x7E as three
// octal digits, and writes binary strings in hex. Inside an object stream none of
// that is needed: a tagged book is tens of thousands of small dictionaries, and
// their link texts and addresses, so the packer (object_streams.cpp) rewrites each
// value token by token, keeping every token's meaning.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace booklet::pdf {

// `value` (no "obj"/"endobj", no stream) with white space only where two tokens
// would otherwise run together, and every string, literal or hex, as a literal
// string escaping only what must be escaped: backslash, both parentheses and the
// carriage return (which a reader would turn into a line feed). nullopt when
// `value` holds what a libharu value never does (a comment, a lone '>', an
// unterminated string, a bad hex digit): refused rather than guessed at.
std::optional<std::string> compact_object(std::string_view value);

}  // namespace booklet::pdf

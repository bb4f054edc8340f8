// Object streams: the last step of writing a PDF.
//
// libharu writes every dictionary and array as plain text, one numbered object
// after another, and a cross-reference table after them. A tagged book's
// structure tree is tens of thousands of small dictionaries (an element per
// paragraph, list item, link and note), and the link annotations one more each:
// on the English corpus they made the PDF 58 % bigger than the untagged one.
// PDF 1.5 lets such objects live, compressed, inside object streams (ISO
// 32000-1, 7.5.7), with a cross-reference stream (7.5.8) in place of the table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace booklet::pdf {

// The values of the objects booklet wrote itself (HpdfDocument::new_own_object),
// already compact, by object number in ascending order; libharu wrote `null` for each.
using OwnValues = std::vector<std::pair<std::uint32_t, std::string>>;

// `pdf` rewritten with its non-stream objects compacted (compact_object.hpp) and packed, `per_stream` to an object
// stream (each stream is deflated on its own: on the English corpus 1,000 a
// stream made the tagged PDF 10.4 KB and the untagged 8.2 KB smaller than 200
// did; a reader inflates some 120 KB to reach any one object), and a cross-reference stream (rows under the PNG Up predictor) holding
// what the trailer held (/Root, /Info, /ID). Object numbers, and so every reference, stay as they were; stream
// objects are copied unchanged; an own object's value (`own`) takes the place of its `null`. nullopt when `pdf` is not a file with one
// classic cross-reference table and trailer, as libharu writes, or an own object
// is not a `null` there or has no value.
// The object streams are deflated on up to `threads` threads (the bytes are the
// same for any number).
std::optional<std::string> pack_object_streams(std::string_view pdf, const OwnValues& own = {},
                                               std::size_t per_stream = 1000, int threads = 1);

}  // namespace booklet::pdf

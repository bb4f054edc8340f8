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

#include "booklet/kept_bytes.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace booklet::pdf {

// The values of the objects booklet wrote itself (HpdfDocument::new_own_object),
// already compact, by object number in ascending order, every number after those
// of libharu's objects.
using OwnValues = std::vector<std::pair<std::uint32_t, std::string>>;

// Streams libharu wrote empty whose data booklet holds, as the file is to hold it
// (deflated where the stream's dictionary says so): the pages' content streams and
// the pictures' samples.
// pack_object_streams puts the data where libharu's empty stream stands and its
// length into the number object the stream's /Length refers to, where libharu
// wrote 0; the file is the one libharu would have written with the data given to
// it, packed, and the data is not copied into libharu, out of it and read back.
struct HeldStream {
    std::uint32_t number = 0;         // the stream object's
    std::uint32_t length_number = 0;  // its /Length's indirect number object
    std::string_view data;

    bool operator==(const HeldStream&) const = default;
};
using HeldStreams = std::vector<HeldStream>;  // by number, ascending

// The file `save` returns (libharu's) rewritten with its non-stream objects
// compacted (compact_object.hpp) and packed, `per_stream` to an object stream
// (each stream is deflated on its own, so fewer to a stream compress less: the
// writer's 250 make the English corpus's tagged PDF 16.5 KB (0.7 %) bigger than
// 1,000 did, and have an edit in a session deflate 0.3 MB again, not 0.56 MB, 6 ms
// less of a rebuild; a reader inflates some 30 KB to reach any one object), then
// the own objects (`own`)
// packed by their numbers: those between two multiples of `per_stream` share a
// stream, so that an own object's stream depends only on the objects numbered
// near it (the streams an edit does not reach are the same bytes, and a session
// keeps them deflated), and a cross-reference stream (rows under the PNG Up
// predictor) holding what the trailer held (/Root, /Info, /ID). Object numbers,
// and so every reference, stay as they were; stream objects are copied unchanged;
// a number that is neither libharu's nor an own object's is free, and the object
// streams and the cross-reference stream are numbered after the last own object.
// nullopt when the file is not one with one classic cross-reference table and
// trailer, as libharu writes, or an own object has no value, or the own numbers do
// not ascend or are not all after libharu's, or a held stream is not an empty
// stream there or its length not a 0.
// The work is shared by up to `threads` threads (the bytes are the same for any
// number): `save` runs on one while the others deflate the own objects' streams,
// most of a tagged book's bytes, and its exceptions pass through. A stream `kept`
// holds from the build before (the own objects', libharu's objects gathered) is
// taken from there (a watch session's).
std::optional<std::string> pack_object_streams(const std::function<std::string()>& save, const OwnValues& own,
                                               const HeldStreams& held, std::size_t per_stream = 250,
                                               int threads = 1, KeptBytes* kept = nullptr);
// The same for a file already written.
std::optional<std::string> pack_object_streams(std::string_view pdf, const OwnValues& own = {},
                                               std::size_t per_stream = 250, int threads = 1,
                                               const HeldStreams& held = {});

}  // namespace booklet::pdf

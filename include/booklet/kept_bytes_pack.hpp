// What a writer made, kept between builds: the KeptBytes a build that is not a
// `watch` session's looked up and made, stored as one pack in the cache folder
// (picture_cache.hpp), so that the next build of the same book makes again only
// what changed. The EPUB keeps its deflated entries there; the PDF its deflated
// streams and, per page, what its stream and the analysis of its text are. On a
// build run again, deflating the English corpus's 343 streams (4.2 MB) took 50–70
// ms of processor time, and writing and analysing its pages 20 ms more.
//
// Input:  the cache folder and the pack's key (the writer names its book: the
//         title, the language, which file, and the code whose output it keeps).
// Output: a KeptBytes holding the pack's entries, for the writer's lookups
//         (kept_key: the SHA-256 of how the bytes were made and of what they were
//         made from); after the build, the pack of the entries it used.
// Invariants:
//   - An entry is found only under the SHA-256 of what it was made from: a deflated
//     stream under its bytes, a page's under what the page draws (pdf/
//     drawing_key.hpp). The pack's key holds the picture cache's fixed part (the
//     code of src/image, this file among it, and of the deflate function, and
//     libdeflate's version) and the writer's own code digest where an entry is made
//     by it, so what is found is what making it would make, and the file is the
//     same byte for byte with or without the pack.
//   - A damaged or foreign pack is no pack: the picture cache checks the entry, and
//     read_pack refuses bytes that are not a whole pack (a count past the end, a
//     key twice, a byte left over).
//   - save() writes the entries this build used and made, nothing else, and only
//     when they differ from the pack read; never throws.
// Must not: decide what a stream holds, or keep anything but bytes made from what
//   its key names.
#pragma once

#include "booklet/kept_bytes.hpp"
#include "booklet/picture_cache.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace booklet::image {

class KeptBytesPack {
public:
    // Reads the pack kept under `key`, if there is a whole one.
    KeptBytesPack(PictureCache& cache, const CacheKey& key);
    KeptBytesPack(const KeptBytesPack&) = delete;
    KeptBytesPack& operator=(const KeptBytesPack&) = delete;

    KeptBytes& bytes() { return bytes_; }

    struct Counts {
        std::size_t found = 0, made = 0;  // entries the build found in the pack, entries it added
        friend bool operator==(const Counts&, const Counts&) = default;
    };
    Counts counts() const;
    // Writes the pack for the next build when this one used fewer entries than it
    // read or made new ones; returns counts().
    Counts save();

    // A pack's entries in its order, or nullopt when `payload` is not a whole pack;
    // and the payload of `entries` (sorted by key: the same entries, the same bytes).
    using Entry = std::pair<Sha256Digest, std::string_view>;
    static std::optional<std::vector<Entry>> read_pack(std::string_view payload);
    static std::string write_pack(std::vector<Entry> entries);

private:
    PictureCache& cache_;
    CacheKey key_;
    KeptBytes bytes_;
    std::size_t read_ = 0;  // entries the pack held
};

}  // namespace booklet::image

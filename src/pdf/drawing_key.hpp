// What a page draws, as the bytes the PDF writer keys the page's content stream and
// the analysis of its text by, in a `watch` session and in the cache folder's pack
// (image::KeptBytesPack): a build after an edit takes the content of every page
// that draws what a page drew before instead of writing and deflating it again.
//
// The page's size and items are written field by field as the compiler finds them
// (booklet/fields.hpp), so a field added to an item is part of the key without
// anyone listing it; a run's glyphs by their list's digest (GlyphList::digest, made
// once per list: a rebuild draws again most lists the build before drew). Two
// fields are written as the content stream sees them:
//   - an item's structure element: nothing when the book is untagged; else an
//     artifact, or the element's structure type and its ordinal among the page's
//     elements in the order they are met. The content stream marks runs of items
//     of one element and names each run's type; element ids themselves shift after
//     every added paragraph, and the marks are numbered per page.
//   - a picture: the name of its image XObject (the stream draws "/Im<N> Do");
//     its pixels are written in the XObject, not here.
// What the fonts make of the glyphs (widths, ToUnicode choices) is not a page's:
// the writer keys it once per build beside the page's digest.
//
// The digest is a SHA-256, as every key of what is kept on disk: a page crafted to
// collide with another would otherwise show another page's drawing. The glyphs are
// in it by their lists' SHA-256 (GlyphList::digest), made once per list and shared
// by every copy: the corpus's 316 pages hold 11 MB of glyphs.
#pragma once

#include "booklet/pages.hpp"
#include "booklet/sha256.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

namespace booklet::pdf {

class DrawingKey {
public:
    // `image_name`: the XObject name of a raster the book draws.
    using ImageName = std::function<const std::string&(const pages::Raster*)>;
    DrawingKey(const pages::Structure& structure, ImageName image_name)
        : structure_(structure), image_name_(std::move(image_name)) {}

    using Digest = Sha256Digest;
    Digest page(const pages::Page& page);

private:
    template <class T>
    void put(const T& value);
    // Inline: a page is thousands of small fields.
    void append(const void* bytes, std::size_t size) {
        if (filled_ + size > block_.size()) flush();
        if (size > block_.size()) return stream_.update(std::string_view(static_cast<const char*>(bytes), size));
        std::memcpy(block_.data() + filled_, bytes, size);
        filled_ += size;
    }
    void flush();
    template <class Item>
    void put_item(const Item& item);
    void put_element(pages::ElementId element);

    const pages::Structure& structure_;
    ImageName image_name_;
    // The bytes go to the digest in blocks: small fields gathered here, a run's
    // glyphs straight from their list (copying them was most of the time).
    Sha256 stream_;
    std::array<char, 4096> block_{};
    std::size_t filled_ = 0;
    std::unordered_map<pages::ElementId, std::uint32_t> ordinals_;  // the page's elements, as met
};

}  // namespace booklet::pdf

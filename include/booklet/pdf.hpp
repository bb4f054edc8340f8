// The PDF writer: the only user of libharu.
//
// Input:  pages::Book (display lists, font programs, decoded rasters).
// Output: a PDF 1.7 file, written atomically; byte-identical for identical input.
//
// What the file holds:
//   - Text as glyph ids exactly as HarfBuzz produced them (ligatures, marks,
//     alternates), in TJ arrays whose numbers carry kerning, justification and
//     x offsets; glyphs with y offsets get their own text matrix; GlyphRun::rise
//     is the text rise (Ts); GlyphRun::color the fill colour.
//   - Per font used: Type0 /Identity-H -> CIDFontType2 with /CIDToGIDMap
//     /Identity, /W from the font's hmtx for the used glyphs, a FontDescriptor
//     and a TrueType subset (hb-subset, glyph ids kept; a name-keyed CFF font
//     becomes CIDFontType0 with an OpenType /FontFile3) named with a tag derived
//     from the glyph set; a ToUnicode CMap maps each glyph to its cluster's text.
//     Clusters that ToUnicode cannot describe (a glyph with different texts in
//     different places, glyphs that are not one-to-one with characters) and
//     TextItem::actual_text are written as /ActualText spans.
//   - Images as their Raster::encoded samples (layout encodes them, see
//     image::prepare_for_print; a raster with plain pixels is encoded here with
//     image::encode_samples): deflated samples (Flate), or a baseline JPEG
//     (/DCTDecode) when Raster::compression is jpeg; the alpha channel, unless
//     every pixel is opaque, as a Flate /SMask; one XObject per distinct Raster
//     (same shared_ptr). ImageItem::actual_text (emoji) becomes
//     an /ActualText span holding the image and an invisible glyph, so text
//     extraction yields the character; ImageItem::alt an /Alt span.
//   - Rules and rectangles as paths; LinkArea as borderless URI or GoTo (XYZ)
//     link annotations; the outline with its levels; /PageLabels from
//     Page::label; DocumentInfo as the info dictionary (Producer "booklet",
//     CreationDate = ModDate = DocumentInfo::date in UTC, none when it is 0) and
//     the catalog's /Lang; a trailer /ID that is a digest of the file's bytes (the
//     first half of their SHA-256).
//   - When Book::structure is not empty, a tagged PDF (PDF/UA-1): each item in
//     marked content of its element (an MCID) or an /Artifact, the structure
//     tree with a ParentTree, link annotations with /StructParent, /Contents
//     and an OBJR in their Link element, /Tabs /S, /MarkInfo; a TextItem with
//     space_after ends with the font's space glyph at 1 % width (explicit word
//     breaks). Always an XMP metadata stream (uncompressed), with pdfuaid:part 1
//     when tagged.
//   - Every other stream Flate-compressed. A stream whose bytes a build before
//     deflated, and a page that draws what a page of a build before drew, are
//     taken from where they were kept (a session's KeptStreams, or the cache
//     folder's image::KeptBytesPack): the same bytes either way.
//
// Invariants: no clock, locale or randomness reaches the file; object order
// follows the Book (fonts by FontId, then pages in order).
// Must not: shape text, decide layout, decode image files or read the model.
#pragma once

#include "booklet/kept_bytes.hpp"
#include "booklet/kept_bytes_pack.hpp"
#include "booklet/pages.hpp"
#include "booklet/release_later.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

namespace booklet::pdf {

struct GlyphText;  // src/pdf/glyph_text.hpp

// What a `booklet watch` session keeps of the PDFs it writes for its next build
// (booklet/kept_bytes.hpp), each under a SHA-256 of what it was made from:
//   - bytes: each page's deflated content stream (under its text) and font subset
//     (pictures come encoded from layout, and from the picture cache between
//     builds); and for each page, under what it draws and what the fonts make of
//     it, its stream's key and its marked-content sequences;
//   - page_texts: what each page's text gives each glyph (the ToUnicode choice
//     counts them over the book), under what the page draws and the fonts' identities.
class KeptStreams {
public:
    KeptStreams();
    ~KeptStreams();
    KeptStreams(const KeptStreams&) = delete;
    KeptStreams& operator=(const KeptStreams&) = delete;

    KeptBytes bytes;
    using PageTexts = KeptValues<std::vector<GlyphText>>;
    PageTexts& page_texts() { return *page_texts_; }

    // Called as a build starts (KeptValues::next_build).
    void next_build();
    std::size_t size() const;  // entries of both kinds

private:
    std::unique_ptr<PageTexts> page_texts_;
};

// Throws booklet::Error naming `target` (a glyph id not in its font, a font with
// neither TrueType nor name-keyed CFF outlines, a malformed raster, a link or bookmark to a missing page, a
// page size outside PDF's limits, a write failure); the target is then
// untouched. `threads`: how many threads deflate the pages' content streams (the
// file is the same for any number). `kept`: the
// session's streams, taken from and left for the next build (may be null).
// `later`: a watch session's, handed the writer's libharu document once the file is
// written (null: the document is freed then). `cache`: the cache folder, where
// fonts' subsets are kept between builds (null: each subset is made), and, in a
// build that is not a session's, the book's deflated streams and what each page's
// stream and text are, under what the page draws (image::KeptBytesPack). Returns what that pack gave and took (nullopt in a
// session's build or without a cache folder).
std::optional<image::KeptBytesPack::Counts> write_pdf(const pages::Book& book, const std::filesystem::path& target,
                                                      int threads = 1, KeptStreams* kept = nullptr,
                                                      ReleaseLater* later = nullptr,
                                                      image::PictureCache* cache = nullptr);

}  // namespace booklet::pdf

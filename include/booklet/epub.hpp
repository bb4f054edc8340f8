// The EPUB 3 writer: the only user of libzip. Written from the document model and
// the style, never from the PDF layout.
//
// Input:  model::Document, style::Style, Settings (the timestamp, the page map,
//         the picture cache).
// Output: an .epub file, written atomically (temp file, then rename):
//   mimetype (first, stored, no extra field), META-INF/container.xml,
//   EPUB/package.opf (title, subtitle, languages, creators, a urn:uuid identifier
//   that is the manifest's UUID or a version-5 UUID of its identifier or title,
//   dcterms:modified, EPUB Accessibility 1.1 metadata), EPUB/nav.xhtml (toc of
//   chapters and their sections, landmarks) and EPUB/toc.ncx, EPUB/css/book.css
//   generated from the style, an optional cover page (Metadata::cover) and title
//   page, one XHTML5 document per chapter with its GFM footnotes as EPUB 3
//   footnotes at its end (headings re-levelled so that none jumps a level under
//   the chapter's h1), closing Sources documents (the cite stage's list: same
//   entries, numbers and order as the PDF's, split between entries into files of
//   at most about 200 KB) with links back to each citation, the images (prepared
//   by image::prepare_picture at style.epub.image_max_side, the PDF's rules:
//   photographs as JPEG, drawings and transparent pictures as PNG, WebP as either,
//   never more bytes than the file; GIF as it is; SVG cleaned by image::clean_svg,
//   with a warning "svg-cleaned" naming what was left out) with their pixel
//   width and height, and, when style.epub.embed_fonts, the fonts. With a page map
//   (Settings::page_map): an empty page-break marker (epub:type pagebreak, role
//   doc-pagebreak, the folio as aria-label) where each printed page begins, a
//   hidden page-list navigation, and the pages' source as dc:source refined as
//   source-of pagination.
// Invariants:
//   - Every content document is well-formed XHTML whatever the input: all text is
//     escaped, control characters and noncharacters are dropped, ids are NCNames
//     unique per document, and no script or event attribute is ever written.
//   - Byte-identical output for identical input in any time zone: entries in a
//     fixed order with fixed compression, ZIP times are the UTC fields of
//     Settings::modified.
//   - Bad input gives a valid EPUB plus warnings in `diags`: links the cite stage
//     left plain (missing pages, refused schemes) are plain text, images that cannot be used
//     become their alt text, unknown languages fall back to the book's.
//   - The same bytes with or without a picture cache (Settings::picture_cache):
//     an entry is keyed by the picture file's bytes and every setting used.
// Throws booklet::Error only when the file cannot be written.
// Must not: depend on layout or pages.
#pragma once

#include "booklet/cite.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/kept_bytes.hpp"
#include "booklet/kept_bytes_pack.hpp"
#include "booklet/model.hpp"
#include "booklet/page_map.hpp"
#include "booklet/style.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>

namespace booklet::epub {

namespace detail {
struct PictureSet;
struct KeptPictureFiles;
struct KeptChapterDocuments;
}

class KeptPictures;

// The document's pictures made ready for the book (read, decoded, reduced and
// encoded as write_epub would), prepared ahead so that the work can run on a
// second core while the PDF is laid out. Only a head start: write_epub prepares
// any picture it does not find here itself, with the same result, so the EPUB is
// the same byte for byte with or without it.
class Pictures {
public:
    Pictures();
    ~Pictures();
    Pictures(Pictures&&) noexcept;
    Pictures& operator=(Pictures&&) noexcept;
    const detail::PictureSet& set() const { return *set_; }

private:
    friend Pictures prepare_pictures(const model::Document&, const style::Style&, image::PictureCache*,
                                     KeptPictures*);
    std::unique_ptr<detail::PictureSet> set_;
};

// The pictures a `booklet watch` session prepared in its last build, each with the
// XXH3-128 of the file's bytes it was made from and the settings that shaped it:
// the next build reads every file again and takes the picture when both are the
// same, without the SHA-256 of its bytes and the cache folder's entry (6 ms of
// each rebuild of the English corpus). The EPUB is the same byte for byte.
class KeptPictures {
public:
    KeptPictures();
    ~KeptPictures();
    KeptPictures(const KeptPictures&) = delete;
    KeptPictures& operator=(const KeptPictures&) = delete;
    detail::KeptPictureFiles& files() { return *impl_; }

private:
    std::unique_ptr<detail::KeptPictureFiles> impl_;
};

// Every picture of `document` (and its cover) as `style` shows it. Reads files;
// touches nothing shared but the picture cache (made for two threads), so it may
// run beside layout and the PDF writer. With a cache, pictures prepared by an
// earlier build are read from it and new ones stored in it. With `kept`, those
// the session's last build prepared are taken from there, and `kept` then holds
// this build's.
Pictures prepare_pictures(const model::Document& document, const style::Style& style,
                          image::PictureCache* cache = nullptr, KeptPictures* kept = nullptr);

// The chapter documents a `booklet watch` session rendered in its last build, each
// with what rendering it read beyond its own model, page marks and cite decisions
// (the pictures and the links to other chapters it asked for, and their answers):
// the next build takes a chapter's document again when all of it reads the same,
// and renders the others. The EPUB is the same byte for byte.
class KeptDocuments {
public:
    KeptDocuments();
    ~KeptDocuments();
    KeptDocuments(const KeptDocuments&) = delete;
    KeptDocuments& operator=(const KeptDocuments&) = delete;
    detail::KeptChapterDocuments& chapters() { return *impl_; }

private:
    std::unique_ptr<detail::KeptChapterDocuments> impl_;
};

struct Settings {
    std::int64_t modified = 0;        // seconds since the epoch, UTC: dcterms:modified and ZIP times
    // The printed edition's pages (layout's pages::Book::page_map), or empty for no
    // page list. The writer puts a marker where each page begins as the map says and
    // makes no choice of its own: where the EPUB has no such place (no title page,
    // contents outside the spine, no Sources list) the marker goes where the next
    // one it has begins, and a marker with no place at all closes the book.
    page_map::PageMap page_map{};
    const Pictures* pictures = nullptr;  // prepared ahead, for the same style; nullptr: none
    // Pictures prepared by an earlier build (image::PictureCache), read and filled
    // by the writer; nullptr: every picture is prepared here. Output is the same.
    image::PictureCache* picture_cache = nullptr;
    int threads = 1;                  // that deflate the entries; the file is the same for any number
    // The entries a `booklet watch` session deflated in its last build, taken from
    // and left for the next (booklet/kept_bytes.hpp); nullptr: none (then the
    // picture cache, if any, keeps them: write_epub).
    KeptBytes* kept_entries = nullptr;
    KeptDocuments* kept_documents = nullptr;  // likewise its chapter documents; nullptr: none
};

// `citations` are the cite stage's decisions for `document`'s links: the writer
// links, cites and lists exactly what they say. Without a session's kept entries,
// a picture cache keeps the book's deflated entries between builds
// (image::KeptBytesPack); returns what that pack gave and took (nullopt: no pack).
std::optional<image::KeptBytesPack::Counts> write_epub(const model::Document& document,
                                                       const cite::Citations& citations, const style::Style& style,
                                                       const Settings& settings, const std::filesystem::path& target,
                                                       Diagnostics& diags);

}  // namespace booklet::epub

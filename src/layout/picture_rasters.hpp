// The picture files of a layout, and their rasters made ready for print: no finer
// than the style's images.max_ppi where they are drawn, photographs marked for
// JPEG, and encoded as the PDF stores them (image::prepare_for_print), so that
// the book carries no picture's samples to the writer.
//
// PictureFiles lives for one layout_book call: each file is read, probed and
// checked once however many layouts the call tries (fit.save_sheets, max_pages);
// a `watch` session's KeptPictures carries that work to its next build.
// Layout measures stand-ins, rasters of the decoded size without pixels: a file is
// decoded while pages are laid out only to find one that does not decode (whose
// description layout then shows), and its pixels are not kept. With a picture
// cache (Settings::picture_cache) it also keeps work between builds: a file whose
// decoded size the cache knows is not decoded at all while pages are laid out,
// and the prepared raster for a file, scale, quality and alpha target comes from
// the cache when an earlier build made it, as does that of a raster of no file
// (a colour emoji's bitmap), known by its samples; that bitmap itself, as the
// font renders it, comes from the cache too, known by the font and the glyph.
// Every stand-in is replaced by
// prepare(), which decodes the file again when the cache has not got it: none
// reaches a writer.
//
// prepare() runs once on the final Book (after every pass and the max_pages
// fitting), so a picture is reduced and encoded once however often layout ran.
// Every distinct raster (the same shared_ptr) is prepared once, for the largest
// size it is drawn at, and all its uses then share the new raster: the writer
// still embeds it once. One picture's samples are held at a time.
#pragma once

#include "booklet/digest128.hpp"
#include "booklet/image.hpp"
#include "booklet/model.hpp"
#include "booklet/pages.hpp"
#include "booklet/sha256.hpp"
#include "booklet/shape.hpp"
#include "booklet/picture_cache.hpp"
#include "booklet/style.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace booklet::layout {

// A picture file as layout sees it: its size, and the raster the pages draw.
struct ImageEntry {
    bool ok = false;
    image::Size size;
    std::shared_ptr<const pages::Raster> raster;
    std::string error;
    Sha256Digest digest{};  // of the file's bytes, when read
};

// What a `watch` session keeps of its pictures from one build to the next
// (KeptText holds one). Each file's entry is kept with a digest of the bytes it
// was made from (booklet/digest128.hpp: fast, and held in memory only), and each
// prepared raster with the cache key it was made for (a digest of its source and
// every setting it was made with). A rebuild reads each file again and knows it
// by its bytes, never by its time stamp; only when they are the ones read before
// is the rest skipped: the SHA-256 of the file, its probe, its stand-in and
// prepared raster read from the cache folder and checked there (6 ms of a rebuild
// of the English corpus, on the way from layout to the writers).
struct KeptPictures {
    struct File {
        Digest128 bytes{};  // of the file as read
        ImageEntry entry;
        std::uint64_t build = 0;  // the last build that read it
    };
    struct Prepared {
        std::shared_ptr<const pages::Raster> raster;
        std::uint64_t build = 0;
    };
    // A raster of no file (a colour emoji's bitmap) by the digest of its payload,
    // which names its prepared raster in the cache; the pointer is held, so no
    // other raster takes its address while it is kept.
    struct Samples {
        std::shared_ptr<const pages::Raster> raster;
        Sha256Digest digest{};
        std::uint64_t build = 0;
    };
    std::map<std::string, File> files;
    std::map<Sha256Digest, Prepared> prepared;  // by image::CacheKey::digest
    std::map<const pages::Raster*, Samples> samples;
    std::uint64_t build = 1;

    // Before each build: forgets what the last one did not use.
    void next_build();
};

class PictureFiles {
public:
    explicit PictureFiles(image::PictureCache* cache = nullptr, KeptPictures* kept = nullptr)
        : cache_(cache), kept_(kept) {}
    ~PictureFiles();
    PictureFiles(const PictureFiles&) = delete;
    PictureFiles& operator=(const PictureFiles&) = delete;

    // The file's entry, read the first time it is asked for. A file that cannot be
    // drawn has ok false and says why in `error`.
    const ImageEntry& entry(const std::filesystem::path& file);
    // Every file asked for so far, by name, as entry() gave it.
    const std::map<std::string, ImageEntry>& files() const { return entries_; }

    // Sniffs, reads, probes and digests `files` (the book's pictures, in the order
    // layout asks for them) on a thread of its own, while layout composes on this
    // one: that was 5 ms of the English corpus's layout, on a second core layout
    // otherwise leaves idle; entry() then asks the cache for the stand-in. Once,
    // before the first entry(); only with a cache, and not with a session's kept
    // pictures. entry() gives the same either way, and the cache is asked the same.
    void read_ahead(std::vector<std::filesystem::path> files);
    // The same for the pictures of `document` (model::each_image's files).
    void read_ahead(const model::Document& document);

    // Glyph `glyph`'s colour bitmap as `fonts` renders it (shape::FontRegistry::
    // color_glyph), taken from the cache when an earlier build rendered that glyph
    // of the same font file: rendering the 30 emoji of the English corpus took 5 ms
    // of each build.
    std::optional<shape::FontRegistry::ColorGlyph> color_glyph(const shape::FontRegistry& fonts, FontId font,
                                                               std::uint32_t glyph) const;

    // Replaces every ImageItem::raster (stand-ins too) by its prepared, encoded
    // raster. Deterministic, and the same with or without a cache.
    void prepare(pages::Book& book, const style::ImageStyle& images) const;

private:
    // Where a file's raster came from, for the cache's key and a late decoding.
    // Its raster is a stand-in: the file is read again, and decoded, only if the
    // prepared raster is not in the cache (keeping its bytes or pixels through
    // layout held every picture of the book: 5 MB of files, 40 MB decoded).
    struct Source {
        Sha256Digest digest;                   // of the file's bytes
        std::string name;                      // the file, for messages and to read it again
    };
    struct Placement;
    // What reading a file finds: its entry, and for one that can be drawn, where
    // its raster came from.
    struct Read {
        ImageEntry entry;
        Source source;
    };
    // What the read-ahead thread finds of a file: everything reading it finds but
    // what the cache holds. The cache counts and marks what it is asked for, so only
    // the composer asks it, for the files the book draws as a build without the
    // thread would (a picture inside a line of text is read ahead, never drawn).
    struct Scan {
        bool ok = false;
        std::string error;  // when not ok
        image::Size size;
        Sha256Digest digest{};
    };
    // A file read ahead (read_ahead()). Its state says who reads it: the thread
    // claims an unread one (reading, then read, with `scan`), entry() one the
    // thread has not reached (taken: read by entry() itself) and waits for one
    // being read.
    struct Ahead {
        enum State : std::uint8_t { unread, reading, read, taken };
        std::filesystem::path file;
        std::atomic<std::uint8_t> state{unread};
        std::optional<Scan> scan;  // written before the state is `read`; none when reading threw
    };

    // Whether read_ahead() reads anything: without a cache every picture is decoded
    // from bytes the thread does not keep (the composer would read each file
    // twice); a session's kept pictures are known by bytes the composer reads.
    bool may_read_ahead() const { return cache_ && !kept_ && !reader_.joinable() && entries_.empty(); }
    // The file read here, start to end (not read ahead, or read anew).
    Read read_file(const std::filesystem::path& file, const std::string& name) const;
    Read read_bytes(const std::vector<std::uint8_t>& bytes, const std::string& name) const;
    // The file's sniff, bytes, probe and digest, without the cache; throws only
    // what is no Error.
    static Scan scan_file(const std::filesystem::path& file);
    // The read-ahead thread's scan of the file, when it was asked to read it.
    std::optional<Scan> take_scan(const std::string& name);
    // The entry of a file scanned ahead: its stand-in from the cache, or decoded
    // from the file read again (read anew when it changed since).
    Read read_scanned(const Scan& scan, const std::filesystem::path& file, const std::string& name) const;
    // A file's stand-in as the cache has it, by its digest.
    std::shared_ptr<const pages::Raster> cached_stand_in(const Source& source) const;
    // Decoded from the file's bytes, and given to the cache.
    std::shared_ptr<const pages::Raster> decoded_stand_in(const std::vector<std::uint8_t>& bytes,
                                                          const std::string& name, const Source& source) const;
    std::shared_ptr<const pages::Raster> prepared(const Placement& p, const style::ImageStyle& images) const;
    // The digest of a raster's payload (kept by the session for a raster it keeps).
    Sha256Digest samples_digest(const std::shared_ptr<const pages::Raster>& raster) const;
    // The prepared raster the session or the cache keeps under `key`, or make()'s,
    // then kept by both.
    std::shared_ptr<const pages::Raster> cached(const image::CacheKey& key,
                                                const std::function<std::shared_ptr<const pages::Raster>()>& make) const;

    image::PictureCache* cache_;
    KeptPictures* kept_;
    std::map<std::string, ImageEntry> entries_;
    std::map<const pages::Raster*, Source> sources_;  // every file's raster (a stand-in)
    std::vector<Ahead> ahead_;                          // the files read ahead, in their order
    std::unordered_map<std::string, std::size_t> ahead_index_;  // a file's name -> its place in ahead_
    std::jthread reader_;  // last: stopped and joined before what it reads and writes goes
};

// prepare() without a cache (tests).
void prepare_rasters(pages::Book& book, const style::ImageStyle& images);

}  // namespace booklet::layout

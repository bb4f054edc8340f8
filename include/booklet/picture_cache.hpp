// The picture cache: prepared pictures (the EPUB's encoded files, the PDF's reduced
// rasters) kept in a folder between builds, so that a second build of the same
// pictures with the same settings — `booklet watch`, a build run again — reads them
// instead of decoding, reducing and encoding them again. Layout keeps each book's
// set paragraphs there too, as one entry (layout/text_store.hpp).
//
// Input:  a folder (created when first written; --cache-dir, by default
//         $XDG_CACHE_HOME/booklet); keys made by CacheKeyBuilder; payloads (bytes).
// Output: the payload stored under a key, or nothing.
// Invariants:
//   - A key is a SHA-256 over everything the payload depends on: the entry format
//     (kCacheFormat), a digest of the source code that prepares pictures and of the
//     compiler that built it (made at build time), the versions of the image
//     libraries (libpng, zlib, libwebp as they run; libjpeg as built against, it
//     has no run-time version), what the entry is for, the SHA-256 of the source
//     file's bytes and every setting that changes the result. A change to any of
//     them makes another key; an entry is never revalidated, only not found.
//   - An entry is DIR/ab/abcdef….bin (the key's hex digits; the first two name the
//     subfolder), written to a temporary file in that subfolder and renamed into
//     place: a reader sees a whole entry or none. Its header holds a magic, the
//     format, the key, the payload's length and the payload's XXH3-128 (a checksum
//     against damage: the key is what names the content); get() checks all of
//     them and treats an entry that fails any as missing (the caller makes the
//     picture again and put() replaces it). A damaged cache never changes the
//     output and is never an error.
//   - Unusable folder (cannot be created or written): the build goes on without
//     writing; the first such problem is kept for one warning (take_problem) and
//     the cache writes nothing more. A read-only cache is still read.
//   - Bounded: prune(), after a build that wrote entries, removes the least
//     recently used (by modification time, which get() renews) until the entries
//     take at most 90 % of the limit (kDefaultLimit: 1 GiB). A payload larger than
//     kMaxPayload is not stored.
//   - get() and put() may run on several threads at once and in several processes
//     sharing the folder: no state is shared but atomic counters and the problem
//     (behind a mutex); two writers of one key write the same bytes, the last
//     rename wins.
// Must not: decide anything about pictures (the callers' keys say what an entry
//   means), or touch files outside its folder.
#pragma once

#include "booklet/pages.hpp"
#include "booklet/payload.hpp"
#include "booklet/sha256.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace booklet::image {

// The layout of an entry file and of the payloads below; raised when either changes.
inline constexpr std::uint32_t kCacheFormat = 3;  // 2: prepared print pictures encoded; 3: XXH3 checksums

struct CacheKey {
    Sha256Digest digest{};
    friend bool operator==(const CacheKey&, const CacheKey&) = default;
};

// Builds a key: the fixed part (kCacheFormat, code digest, library versions), then
// the purpose and the source's digest, then named settings. Every field goes in
// with its type and length, so no two different sequences hash the same bytes.
class CacheKeyBuilder {
public:
    CacheKeyBuilder(std::string_view purpose, const Sha256Digest& source);
    CacheKeyBuilder& integer(std::string_view name, std::int64_t value);
    CacheKeyBuilder& real(std::string_view name, double value);  // by its bits: 0.5 and 0.50000001 differ
    CacheKeyBuilder& flag(std::string_view name, bool value);
    CacheKeyBuilder& text(std::string_view name, std::string_view value);
    CacheKey finish();

private:
    void field(char type, std::string_view name, std::span<const std::uint8_t> value);
    Sha256 hash_;
};

// What the key's fixed part says about the program (for tests and messages).
std::string cache_code_identity();

// A raster as a payload, every field of it, the encoded samples too; back again only
// when the payload is a whole raster (is_well_formed), else nothing.
std::string raster_payload(const pages::Raster& raster);
std::optional<pages::Raster> raster_from_payload(std::string_view payload);
// The fields every raster payload starts with (width, height, channels, dpi,
// lossy source), shared by the prepared rasters and layout's stand-ins; the
// reader says whether the lossy flag was 0 or 1.
void write_raster_header(PayloadWriter& w, const pages::Raster& r);
bool read_raster_header(PayloadReader& in, pages::Raster& r);

// A cache entry's payload read in place: the file mapped into memory, not copied.
// For the largest entry, layout's set paragraphs (8 MB for the English corpus),
// reading into a string took 5 ms of each build: fresh memory zeroed, then the
// bytes copied into it. The mapping stays whole while this lives, whatever
// happens to the folder: booklet replaces entries by renaming and removes them by
// unlinking, and neither changes a file already mapped.
class MappedPayload {
public:
    MappedPayload(MappedPayload&& other) noexcept;
    MappedPayload& operator=(MappedPayload&& other) noexcept;
    MappedPayload(const MappedPayload&) = delete;
    MappedPayload& operator=(const MappedPayload&) = delete;
    ~MappedPayload();
    std::string_view view() const { return payload_; }

private:
    friend class PictureCache;
    MappedPayload(void* mapping, std::size_t length, std::string_view payload)
        : mapping_(mapping), length_(length), payload_(payload) {}
    void* mapping_ = nullptr;
    std::size_t length_ = 0;
    std::string_view payload_;
};

class PictureCache {
public:
    static constexpr std::uintmax_t kDefaultLimit = std::uintmax_t{1} << 30;      // 1 GiB
    static constexpr std::size_t kMaxPayload = std::size_t{64} << 20;            // 64 MiB

    explicit PictureCache(std::filesystem::path folder, std::uintmax_t limit = kDefaultLimit);
    PictureCache(const PictureCache&) = delete;
    PictureCache& operator=(const PictureCache&) = delete;

    // Whether counts() counts an entry: layout's set paragraphs (one entry per book,
    // layout/text_store.hpp) are reported apart from the pictures.
    enum class Counted { yes, no };
    // The payload stored under `key`, checked; nothing when there is none or it is
    // damaged. Marks the entry used (its modification time).
    std::optional<std::string> get(const CacheKey& key, Counted counted = Counted::yes) const;
    // The same, read in place (MappedPayload).
    std::optional<MappedPayload> get_mapped(const CacheKey& key, Counted counted = Counted::yes) const;
    // Stores `payload` under `key`, replacing what is there; whether it is there now.
    // Never throws: a failure is kept for take_problem() and stops further writing.
    bool put(const CacheKey& key, std::string_view payload, Counted counted = Counted::yes);
    // The same for a payload too large to assemble first: `write` hands its pieces,
    // in order, to the function it is given (a payload past kMaxPayload is not stored).
    using PayloadPieces = std::function<void(const std::function<void(std::string_view)>& piece)>;
    bool put(const CacheKey& key, const PayloadPieces& write, Counted counted = Counted::yes);

    struct PruneResult {
        std::size_t entries = 0, removed = 0;    // entries found, entries removed
        std::uintmax_t bytes = 0;                // what the entries left take
    };
    // Keeps the folder under the limit (see above); does nothing when this cache
    // wrote nothing since the last prune. Never throws.
    PruneResult prune();

    // The first problem met writing ("cannot create …: Permission denied"), once.
    std::optional<std::string> take_problem();

    struct Counts {
        std::size_t hits = 0, misses = 0, writes = 0;
    };
    Counts counts() const;
    const std::filesystem::path& folder() const { return folder_; }
    std::filesystem::path entry_path(const CacheKey& key) const;

private:
    void fail(std::string problem);

    std::filesystem::path folder_;
    std::uintmax_t limit_;
    mutable std::atomic<std::size_t> hits_{0}, misses_{0};
    std::atomic<std::size_t> writes_{0}, writes_since_prune_{0};
    std::atomic<bool> writable_{true};
    std::mutex problem_mutex_;
    std::optional<std::string> problem_;
    bool problem_taken_ = false;
};

}  // namespace booklet::image

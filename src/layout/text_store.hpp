// Set paragraphs kept between builds: the lines of every paragraph a build shaped
// and broke, stored as one pack in the picture cache's folder, so that the next
// build of the same book sets again only the paragraphs that changed. Shaping and
// line breaking were two thirds of a warm build's layout.
//
// Input:  a paragraph as layout asks for it (its styled text and line-breaking
//         options), the FontRegistry and the dictionaries it is set with.
// Output: its lines as an earlier build set them, with their shaping notes; or its
//         key, for keeping it once set.
// Invariants:
//   - A key is the paragraph's whole text, every field of its ranges' styles and of
//     the options, written field by field as the compiler finds them (booklet/
//     fields.hpp), with fonts by FontRegistry::Identity (file, face, table directory)
//     rather than by FontId, which is only the order of loading, and with the
//     identity of the dictionary of each of its languages rather than a pointer.
//     The pack itself is keyed by a digest of the code that sets text (cmake/
//     CodeDigest.cmake over src/shape, src/linebreak, src/hyphenate, fields.hpp and
//     this file),
//     so entries made by other code are never found.
//   - The Book is the same byte for byte with or without the pack. A paragraph is
//     kept only when setting it changed nothing in the FontRegistry another
//     paragraph could see (FontRegistry::generation: no font loaded, no system
//     fallback found or missed, no emoji lookup), when its glyphs come from its own
//     chains or the colour emoji font, and when each of its languages has a
//     dictionary (one without is noted by the line breaker, which a kept paragraph
//     skips). A kept paragraph is used only when every font its lines name is
//     loaded already: the fonts are then loaded in the same order as without it.
//   - A damaged or foreign pack is no pack (the picture cache checks its SHA-256;
//     this reader never reads past its bytes and checks every count).
//   - The pack written holds the paragraphs this build used, nothing else; it is
//     written only when the build set new paragraphs or left some unused, and not at
//     all past PictureCache::kMaxPayload.
// Must not: change what a paragraph looks like, or keep anything that is not a
//   function of its key.
#pragma once

#include "context.hpp"

#include "booklet/digest128.hpp"
#include "booklet/picture_cache.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace booklet::layout {

// The key of a book's pack: the text code's digest, the text libraries' versions,
// and the book as its edits leave it (title, language, chapter ids, style name), so
// that two books sharing a cache folder keep a pack each.
image::CacheKey text_pack_key(const model::Document& document, const style::Style& style);

class TextStore {
public:
    // Reads the pack kept under `key`, if there is a whole one. `read_ahead`: its
    // entries' lines are read on a thread of their own, in the pack's order (the
    // order the last build asked for them), while layout composes on this one:
    // reading them was a sixth of the English corpus's layout with every paragraph
    // found, on a second core the layout otherwise leaves idle. find() gives the
    // same lines either way.
    TextStore(image::PictureCache& cache, const image::CacheKey& key, bool read_ahead = false);
    ~TextStore();
    TextStore(const TextStore&) = delete;
    TextStore& operator=(const TextStore&) = delete;

    struct Lookup {
        std::optional<CachedLines> lines;  // as kept, in this registry's FontIds
        std::string key;                   // for keep(); empty when the paragraph cannot be kept
    };
    Lookup find(const ParagraphRef& paragraph, const shape::FontRegistry& fonts);
    // A paragraph this build set, under the key find() gave (see the invariants for
    // when it is kept).
    void keep(std::string key, const ParagraphRef& paragraph, const CachedLines& lines,
              const shape::FontRegistry& fonts);
    // What a build that used fewer paragraphs than the pack holds does with the rest.
    enum class Unused { drop, keep_unless_added };
    // Writes the pack for the next build when this one changed it: with the
    // paragraphs it used and those it set. `keep_unless_added`: a layout that sets
    // only part of the book's text (layout_page_map draws no pages, whose folios and
    // running heads are paragraphs too) leaves the pack as it is when it set nothing
    // new. Never throws.
    void save(Unused unused = Unused::drop);

    const StoredParagraphs& counts() const { return counts_; }

    // The pack's parts, for the tests and the fuzzer: `payload` read as a pack, or
    // nullopt when it is not a whole one.
    struct Pack {
        std::vector<shape::FontRegistry::Identity> fonts;
        std::vector<std::pair<std::string_view, std::string_view>> entries;  // key, lines
    };
    static std::optional<Pack> read_pack(std::string_view payload);
    // A pack entry's lines, with `font` giving the FontId of a font ordinal (nullopt:
    // not loaded, and the entry is not used); nullopt when the bytes are not lines.
    static std::optional<CachedLines> read_lines(std::string_view bytes,
                                                 const std::function<std::optional<FontId>(std::uint64_t)>& font);

private:
    // A pack entry. Its state says who reads its lines: the read-ahead thread claims
    // an unread entry (reading, then read, with the lines in `read_ahead`), find()
    // one the thread has not reached (taken: read by find itself); find() never
    // waits: one being read it reads too, and leaves the thread's copy unused.
    struct Entry {
        enum State : std::uint8_t { unread, reading, read, taken };
        std::string_view key, lines;
        std::atomic<std::uint8_t> state{unread};
        std::optional<CachedLines> read_ahead;  // FontIds as the pack's ordinals; written before `read`
        bool used = false;                      // found (find()'s thread only)
    };
    void read_ahead(std::stop_token stop);
    // The entry's lines in this registry's FontIds; nullopt when a font they name is
    // not loaded yet (a later find may use them) or the bytes are not lines.
    std::optional<CachedLines> take_lines(Entry& entry, const shape::FontRegistry& fonts);
    // The ordinal of a font in fonts_, added when new.
    std::uint32_t ordinal(FontId id, const shape::FontRegistry& fonts);
    std::optional<std::string> encode_key(const ParagraphRef& paragraph, const shape::FontRegistry& fonts);

    image::PictureCache& cache_;
    image::CacheKey key_;
    std::optional<image::MappedPayload> payload_;       // the pack read; entries_ and used_ view into it
    std::vector<shape::FontRegistry::Identity> fonts_;  // the pack's fonts, then those this build added
    std::vector<std::int64_t> ordinals_;                // by FontId: its ordinal, -1 not known yet
    std::vector<std::int32_t> ids_;                     // by ordinal: its FontId, -1 not loaded (yet)
    std::size_t pack_fonts_ = 0;                        // the fonts the pack's entries may name
    std::vector<Entry> pack_;                           // the pack's entries, in its order
    // Keys are kilobytes long (a paragraph's text and styles), each hashed once here
    // and once by the find() that asks for it.
    struct KeyHash {
        std::size_t operator()(std::string_view key) const { return hash64(key.data(), key.size()); }
    };
    std::unordered_map<std::string_view, std::size_t, KeyHash> entries_;  // key -> its entry in pack_
    std::vector<std::pair<std::string_view, std::string_view>> used_;  // found in the pack
    std::vector<std::pair<std::string, std::string>> added_;           // set by this build
    std::size_t bytes_ = 0;                                            // of used_ and added_
    StoredParagraphs counts_;
    std::jthread reader_;  // last: stopped and joined before the entries it reads go
};

}  // namespace booklet::layout

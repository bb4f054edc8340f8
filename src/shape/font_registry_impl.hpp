// Inside src/shape only: the FreeType and HarfBuzz handles behind FontRegistry.
#pragma once

#include "booklet/files.hpp"
#include "booklet/shape.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <unicode/uscript.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace booklet::shape {

struct FtLibraryDeleter {
    void operator()(FT_Library lib) const { FT_Done_FreeType(lib); }
};
struct FtFaceDeleter {
    void operator()(FT_Face face) const { FT_Done_Face(face); }
};
struct HbFaceDeleter {
    void operator()(hb_face_t* face) const { hb_face_destroy(face); }
};
struct HbFontDeleter {
    void operator()(hb_font_t* font) const { hb_font_destroy(font); }
};
struct HbSetDeleter {
    void operator()(hb_set_t* set) const { hb_set_destroy(set); }
};
struct HbBufferDeleter {
    void operator()(hb_buffer_t* buffer) const { hb_buffer_destroy(buffer); }
};

using FtLibraryPtr = std::unique_ptr<std::remove_pointer_t<FT_Library>, FtLibraryDeleter>;
using FtFacePtr = std::unique_ptr<std::remove_pointer_t<FT_Face>, FtFaceDeleter>;
using HbFacePtr = std::unique_ptr<hb_face_t, HbFaceDeleter>;
using HbFontPtr = std::unique_ptr<hb_font_t, HbFontDeleter>;
using HbSetPtr = std::unique_ptr<hb_set_t, HbSetDeleter>;
using HbBufferPtr = std::unique_ptr<hb_buffer_t, HbBufferDeleter>;

// Shaping's working data (shaper.cpp).
struct CodePoint {
    char32_t c = 0;
    std::uint32_t begin = 0;  // byte offset in the paragraph text
};

enum class ClusterKind : std::uint8_t { font, placeholder };

struct Cluster {
    std::uint32_t first = 0, last = 0;  // code point indices [first, last)
    std::uint32_t range = 0;            // style range
    UScriptCode script = USCRIPT_COMMON;
    FontId font = 0;
    ClusterKind kind = ClusterKind::font;
    std::uint8_t level = 0;             // bidi level
};

struct CachedGlyph {
    std::uint32_t id = 0;
    std::int32_t advance = 0, x_offset = 0, y_offset = 0;
    std::uint32_t cluster = 0;  // byte offset in the word
    bool unsafe_to_break = false;
};

// Shaped words by key (font, size, script, language, then the word's bytes): an
// open-addressing table over flat arrays, because a node-based map spends most of
// its time in cache misses at this rate of lookups (one per word of every
// paragraph).
class WordCache {
public:
    // The glyphs stored for `key`, or nullptr; `count` receives their number.
    const CachedGlyph* find(std::string_view key, std::uint64_t hash, std::uint32_t& count) const {
        if (slots_.empty()) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot& slot = slots_[i];
            if (slot.entry == 0) return nullptr;
            if (slot.hash != hash) continue;
            const Entry& e = entries_[slot.entry - 1];
            if (std::string_view(keys_).substr(e.key_begin, e.key_size) != key) continue;
            count = e.glyph_count;
            return glyphs_.data() + e.glyph_begin;
        }
    }

    void insert(std::string_view key, std::uint64_t hash, const std::vector<CachedGlyph>& glyphs) {
        if ((entries_.size() + 1) * 2 > slots_.size()) grow();
        Entry e{static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(key.size()),
                static_cast<std::uint32_t>(glyphs_.size()), static_cast<std::uint32_t>(glyphs.size())};
        keys_.append(key);
        glyphs_.insert(glyphs_.end(), glyphs.begin(), glyphs.end());
        entries_.push_back(e);
        place(hash, static_cast<std::uint32_t>(entries_.size()));
        hashes_.push_back(hash);
    }

    std::size_t size() const { return entries_.size(); }
    void clear() {
        slots_.clear();
        entries_.clear();
        hashes_.clear();
        keys_.clear();
        glyphs_.clear();
    }

private:
    struct Slot {
        std::uint64_t hash = 0;
        std::uint32_t entry = 0;  // index + 1; 0 = empty
    };
    struct Entry {
        std::uint32_t key_begin, key_size, glyph_begin, glyph_count;
    };
    std::vector<Slot> slots_;  // a power of two, at most half full
    std::vector<Entry> entries_;
    std::vector<std::uint64_t> hashes_;
    std::string keys_;
    std::vector<CachedGlyph> glyphs_;

    void place(std::uint64_t hash, std::uint32_t entry) {
        const std::size_t mask = slots_.size() - 1;
        std::size_t i = hash & mask;
        while (slots_[i].entry != 0) i = (i + 1) & mask;
        slots_[i] = {hash, entry};
    }
    void grow() {
        slots_.assign(slots_.empty() ? 1024 : slots_.size() * 2, Slot{});
        for (std::size_t k = 0; k < entries_.size(); ++k) place(hashes_[k], static_cast<std::uint32_t>(k + 1));
    }
};

// A font file FreeType reads in pieces through this stream (a colour bitmap
// font: see FontRegistry::load); it outlives the face that reads it.
struct PiecewiseFont {
    explicit PiecewiseFont(const std::filesystem::path& file);
    files::BoundedFile file;
    FT_StreamRec stream{};
};

struct LoadedFont {
    FontInfo info;
    std::shared_ptr<const std::vector<std::uint8_t>> bytes;  // FreeType and HarfBuzz read these, or
    std::unique_ptr<PiecewiseFont> piecewise;                // they read the file in pieces (no bytes)
    FtFacePtr ft_face;
    HbFacePtr hb_face;
    HbSetPtr unicodes;                          // the cmap's characters
    std::array<std::uint64_t, 4> latin1{};      // fast coverage bits for U+0000..U+00FF
    std::map<Sp, HbFontPtr> fonts_by_size;      // hb_font with scale = size in sp
    unsigned face_index = 0;                    // the face of a collection (.ttc)
    std::filesystem::path key_file;             // the file as Impl::by_file keys it
    mutable std::optional<FontRegistry::Identity> identity;  // read on first use
    int cap_height = 0;
    int space_independent = -1;                 // -1 unknown; 1: the space glyph is in no lookup
};

// The Noto families made for a script, the serif or sans one first as asked, with
// the regional CJK family for the language (missing.cpp's table); empty when
// booklet knows none.
std::vector<std::string> families_made_for(UScriptCode script, const std::string& lang, bool serif);

struct FontRegistry::Impl {
    FtLibraryPtr library;
    std::vector<std::unique_ptr<LoadedFont>> fonts;  // index = FontId
    std::map<std::pair<std::filesystem::path, unsigned>, FontId> by_file;  // (file, face index)
    // Fonts found through fontconfig for characters no font of a chain has.
    bool system_fallback = false;
    std::unique_ptr<void, void (*)(void*)> fc_config{nullptr, nullptr};   // FcConfig*, loaded on first use
    std::map<std::string, std::vector<FontId>, std::less<>> fallbacks_by_request;  // "lang/bold/italic" -> found so far
    std::set<char32_t> fallback_misses;              // characters fontconfig had no font for
    // A system font with every character of `chars` (of `script`) for a text in
    // `lang`, near the weight and slant asked for and serif when `serif`, or nullopt:
    // first the Noto family made for the script, else fontconfig's choice.
    std::optional<FontId> find_system_fallback(FontRegistry& registry, const std::u32string& chars,
                                               UScriptCode script, const std::string& lang, bool bold, bool italic,
                                               bool serif);
    std::uint64_t generation = 0;                    // FontRegistry::generation
    bool emoji_looked_up = false;
    bool emoji_disabled = false;
    std::optional<FontId> emoji;
    HbBufferPtr buffer;                              // reused by every shaping call
    std::set<char32_t> missing;                      // characters no font of their chain had
    bool warned_emoji_missing = false;
    std::map<std::string, hb_language_t, std::less<>> languages;  // hb_language_from_string is a locked search
    // Reused by every shaping call, so that paragraph after paragraph shares memory.
    std::vector<CodePoint> scratch_code_points;
    std::vector<Cluster> scratch_clusters;
    std::string scratch_key;
    WordCache word_cache;
    std::vector<CachedGlyph> scratch_word_glyphs;

    // Does the font leave the space glyph out of every GSUB and GPOS lookup? Then no
    // substitution or positioning can reach across a space, and words may be
    // shaped one at a time. Checked once per font.
    bool space_independent(FontId id);

    hb_language_t language(const std::string& tag) {
        auto it = languages.find(tag);
        if (it == languages.end())
            it = languages.emplace(tag, hb_language_from_string(tag.c_str(), static_cast<int>(tag.size()))).first;
        return it->second;
    }

    LoadedFont& font(FontId id) const;
    bool covers(FontId id, char32_t c) const {
        const LoadedFont& f = font(id);
        if (c < 256) return (f.latin1[c >> 6] >> (c & 63)) & 1;
        return hb_set_has(f.unicodes.get(), c);
    }
    // The HarfBuzz font at a size (scale = size in sp), created once.
    hb_font_t* hb_font(FontId id, Sp size);
};

}  // namespace booklet::shape

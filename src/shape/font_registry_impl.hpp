// Inside src/shape only: the FreeType and HarfBuzz handles behind FontRegistry.
#pragma once

#include "booklet/shape.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
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

struct LoadedFont {
    FontInfo info;
    std::shared_ptr<const std::vector<std::uint8_t>> bytes;  // FreeType and HarfBuzz read these
    FtFacePtr ft_face;
    HbFacePtr hb_face;
    HbSetPtr unicodes;                          // the cmap's characters
    std::array<std::uint64_t, 4> latin1{};      // fast coverage bits for U+0000..U+00FF
    std::map<Sp, HbFontPtr> fonts_by_size;      // hb_font with scale = size in sp
    int cap_height = 0;
};

struct FontRegistry::Impl {
    FtLibraryPtr library;
    std::vector<std::unique_ptr<LoadedFont>> fonts;  // index = FontId
    std::map<std::filesystem::path, FontId> by_file;
    bool emoji_looked_up = false;
    bool emoji_disabled = false;
    std::optional<FontId> emoji;
    HbBufferPtr buffer;                              // reused by every shaping call
    std::set<char32_t> warned_missing;               // characters already reported
    bool warned_emoji_missing = false;

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

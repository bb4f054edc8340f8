// A font program opened with HarfBuzz for what the PDF needs from it: glyph
// widths, the cmap (to attribute glyphs to characters), descriptor metrics, and a
// subset made with hb-subset.
#pragma once

#include "booklet/glyphs.hpp"
#include "booklet/pages.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace booklet::pdf {

// FontDescriptor values in 1/1000 em (PDF glyph space).
struct DescriptorMetrics {
    std::int64_t ascent = 0, descent = 0, cap_height = 0;
    std::int64_t x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    double italic_angle = 0;
    std::int64_t stem_v = 0;
    std::int64_t flags = 0;
};

class FontFile {
public:
    // Throws booklet::Error (naming `target` and the font) when the data is not a
    // font HarfBuzz can read.
    FontFile(const pages::FontProgram& program, FontId id, const std::string& target);
    ~FontFile();
    FontFile(const FontFile&) = delete;
    FontFile& operator=(const FontFile&) = delete;

    unsigned glyph_count() const { return glyph_count_; }
    // Advance width from hmtx in 1/1000 em, rounded: the value written in W.
    std::int64_t width(std::uint32_t glyph) const;
    std::optional<std::uint32_t> nominal(char32_t c) const;
    // The kind of outlines, which decides how the font is embedded.
    enum class Outlines {
        truetype,       // glyf: CIDFontType2 + FontFile2
        cff,            // name-keyed 'CFF ': CIDFontType0 + FontFile3 /OpenType
        cid_keyed_cff,  // CID-keyed 'CFF ' (Noto CJK, Source Han): CIDFontType0 +
                        // FontFile3 /OpenType when its charset gives each used glyph
                        // its own id as CID (Adobe-Identity-0 fonts do)
        other,          // CFF2, bitmaps only: not embedded
    };
    Outlines outlines() const { return outlines_; }

    // FontProgram's values where it has them, the font's own tables otherwise.
    DescriptorMetrics metrics() const;

    // A font with only the given glyphs (and .notdef), keeping glyph ids so that
    // CID = GID still holds; hinting and layout tables dropped.
    std::vector<std::uint8_t> subset(const std::set<std::uint32_t>& glyphs) const;

    const pages::FontProgram& program() const { return program_; }
    std::string describe() const;  // for messages: the PostScript name or font number

private:
    struct Hb;
    const pages::FontProgram& program_;
    FontId id_;
    std::string target_;
    std::unique_ptr<Hb> hb_;
    unsigned glyph_count_ = 0;
    int upem_ = 1000;
    Outlines outlines_ = Outlines::other;
    // -1 = not yet looked up; atomic, as the pages' content streams are made on
    // several threads (each stores the same value).
    std::unique_ptr<std::atomic<std::int32_t>[]> widths_;
};

// The CID of each glyph of a CID-keyed 'CFF ' table (index = glyph id), read from
// its charset; empty when the font has no such table or it cannot be read.
std::vector<std::uint32_t> cff_glyph_cids(const std::vector<std::uint8_t>& font, unsigned face_index);

}  // namespace booklet::pdf

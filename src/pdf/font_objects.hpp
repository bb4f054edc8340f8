// A font used on the pages, as the PDF objects that embed it (PDF 1.7, 9.7):
//
//   Type0 /Encoding /Identity-H  --DescendantFonts-->  CIDFontType2
//     /ToUnicode CMap stream                              /CIDToGIDMap /Identity
//                                                         /W widths of the used glyphs
//                                                         /FontDescriptor --> /FontFile2 subset
//
// Two-byte codes in the content stream are CIDs, CIDs are glyph ids, and the
// subset keeps glyph ids, so HarfBuzz's glyph ids are drawn as they are.
#pragma once

#include "font_file.hpp"
#include "hpdf_document.hpp"

#include "booklet/kept_bytes.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace booklet::image {
class PictureCache;
}  // namespace booklet::image

namespace booklet::pdf {

// Six capital letters that name a subset (PDF 1.7, 9.6.4), derived from the
// glyph set and the font name so that the same input gives the same tag.
std::string subset_tag(const std::set<std::uint32_t>& glyphs, std::string_view font_name);

// Returns the Type0 font dictionary. Throws booklet::Error when the font has
// neither TrueType nor CFF outlines, is CID-keyed with CIDs other than its glyph
// ids, or cannot be subset. `kept`: where the deflated subset of the same font
// data (FontProgram::identity) and glyphs is taken from, and left for later builds.
struct KeptSubsets {
    KeptBytes* session = nullptr;             // a watch session's streams (may be null)
    image::PictureCache* folder = nullptr;    // the cache folder (may be null)
};
HPDF_Dict embed_font(HpdfDocument& doc, const FontFile& font, const std::set<std::uint32_t>& glyphs,
                     const std::map<std::uint32_t, std::u32string>& to_unicode, const std::string& target,
                     KeptSubsets kept = {});

}  // namespace booklet::pdf

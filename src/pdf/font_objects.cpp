#include "font_objects.hpp"

#include "booklet/deflate.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/payload.hpp"
#include "glyph_text.hpp"
#include "pdf_syntax.hpp"

#include <algorithm>

namespace booklet::pdf {

namespace {

// FNV-1a, 64 bit: a stable hash, so the tag never changes between runs or
// machines.
struct Fnv1a {
    std::uint64_t h = 0xcbf29ce484222325ull;
    void byte(std::uint8_t b) { h = (h ^ b) * 0x100000001b3ull; }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
    }
};

// A font's subset as the file holds it: deflated, and the length of its bytes
// (FontFile2's /Length1).
struct SubsetStream {
    std::string deflated;
    std::uint64_t length = 0;
};

// hb-subset and deflating took 4 ms of a `watch` rebuild of the corpus, for the
// same fonts and glyphs as the build before.
SubsetStream subset_stream(const FontFile& font, const std::set<std::uint32_t>& glyphs, const std::string& target,
                           KeptBytes* kept) {
    const auto& identity = font.program().identity;
    // A font of unknown identity (all zero: one made by hand, not loaded by the
    // registry) is never kept: another such font would find its subset.
    const bool keyed = kept && std::any_of(identity.begin(), identity.end(), [](std::uint8_t b) { return b != 0; });
    Sha256Digest key{};
    if (keyed) {
        PayloadWriter input;
        input.bytes(std::string_view(reinterpret_cast<const char*>(identity.data()), identity.size()));
        for (const std::uint32_t g : glyphs) input.i32(static_cast<std::int32_t>(g));
        key = KeptBytes::key_for("font subset", input.take());
        if (const std::string* found = kept->find(key)) {
            PayloadReader in(*found);
            SubsetStream made;
            made.length = in.u64();
            made.deflated = std::string(in.bytes());
            if (in.finished()) return made;
        }
    }
    const std::vector<std::uint8_t> subset = font.subset(glyphs);
    if (font.outlines() == FontFile::Outlines::cid_keyed_cff) {
        // The content stream's codes are glyph ids; a CID-keyed CFF font finds its
        // glyphs by CID through the charset, so every used glyph must have its own
        // id as CID. hb-subset keeps ids and CIDs; the check is on what is embedded
        // (and what is kept passed it).
        const std::vector<std::uint32_t> cids = cff_glyph_cids(subset, 0);
        for (std::uint32_t g : glyphs)
            if (g >= cids.size() || cids[g] != g)
                throw Error({target},
                            "font " + font.describe() +
                                " is a CID-keyed CFF font whose CIDs are not its glyph ids (glyph " +
                                std::to_string(g) + "); booklet cannot embed it: choose a TrueType font or a "
                                "CFF font with the Adobe-Identity-0 ordering (Noto CJK, Source Han)",
                            "pdf-font");
    }
    SubsetStream made;
    made.length = subset.size();
    made.deflated = flate(std::string_view(reinterpret_cast<const char*>(subset.data()), subset.size()));
    if (keyed) {
        PayloadWriter entry;
        entry.u64(made.length);
        entry.bytes(made.deflated);
        kept->keep(key, entry.take());
    }
    return made;
}

}  // namespace

std::string subset_tag(const std::set<std::uint32_t>& glyphs, std::string_view font_name) {
    Fnv1a hash;
    for (char c : font_name) hash.byte(static_cast<std::uint8_t>(c));
    for (std::uint32_t g : glyphs) hash.u32(g);
    std::string tag(6, 'A');
    std::uint64_t v = hash.h;
    for (char& c : tag) {
        c = static_cast<char>('A' + v % 26);
        v /= 26;
    }
    return tag;
}

HPDF_Dict embed_font(HpdfDocument& doc, const FontFile& font, const std::set<std::uint32_t>& glyphs,
                     const std::map<std::uint32_t, std::u32string>& to_unicode, const std::string& target,
                     KeptBytes* kept) {
    using Outlines = FontFile::Outlines;
    if (font.outlines() == Outlines::other)
        throw Error({target},
                    "font " + font.describe() +
                        " has neither TrueType (glyf) nor CFF outlines (a bitmap or CFF2 font); colour emoji are "
                        "drawn as images by layout",
                    "pdf-font");
    const bool truetype = font.outlines() == Outlines::truetype;
    const std::string name = name_characters(font.program().postscript_name, "Font");
    const std::string base_font = subset_tag(glyphs, name) + "+" + name;
    const SubsetStream subset = subset_stream(font, glyphs, target, kept);
    const DescriptorMetrics m = font.metrics();

    HPDF_Dict type0 = doc.new_indirect_dict("font");
    doc.add_name(type0, "Type", "Font");
    doc.add_name(type0, "Subtype", "Type0");
    doc.add_name(type0, "BaseFont", base_font.c_str());
    doc.add_name(type0, "Encoding", "Identity-H");

    HPDF_Dict cid_font = doc.new_indirect_dict("CID font");
    doc.add(doc.add_array(type0, "DescendantFonts"), cid_font, "CID font");
    doc.add_name(cid_font, "Type", "Font");
    // For a CFF font that is not CID-keyed, CIDFontType0 takes CIDs as glyph
    // indices (PDF 1.7, 9.7.4.2), as /CIDToGIDMap /Identity does for TrueType; a
    // CID-keyed one maps them through its charset, checked above to be identity.
    doc.add_name(cid_font, "Subtype", truetype ? "CIDFontType2" : "CIDFontType0");
    doc.add_name(cid_font, "BaseFont", base_font.c_str());
    HPDF_Dict system_info = doc.add_dict(cid_font, "CIDSystemInfo");
    doc.add_ascii(system_info, "Registry", "Adobe");
    doc.add_ascii(system_info, "Ordering", "Identity");
    doc.add_number(system_info, "Supplement", 0);

    HPDF_Dict descriptor = doc.new_indirect_dict("font descriptor");
    doc.add(cid_font, "FontDescriptor", descriptor, "font descriptor");
    if (truetype) doc.add_name(cid_font, "CIDToGIDMap", "Identity");

    // W is written through libharu's array API, one number at a time.
    HPDF_Array widths = doc.add_array(cid_font, "W");
    {
        HPDF_Array run = nullptr;
        std::uint32_t previous = 0;
        for (std::uint32_t g : glyphs) {
            if (!run || g != previous + 1) {
                doc.add_number(widths, g);
                run = doc.check(HPDF_Array_New(doc.mmgr()), "W");
                doc.add(widths, run, "W");
            }
            doc.add_number(run, font.width(g));
            previous = g;
        }
    }

    doc.add_name(descriptor, "Type", "FontDescriptor");
    doc.add_name(descriptor, "FontName", base_font.c_str());
    doc.add_number(descriptor, "Flags", m.flags);
    HPDF_Array bbox = doc.add_array(descriptor, "FontBBox");
    for (std::int64_t v : {m.x_min, m.y_min, m.x_max, m.y_max}) doc.add_number(bbox, v);
    doc.check(HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(m.italic_angle)), "ItalicAngle");
    doc.add_number(descriptor, "Ascent", m.ascent);
    doc.add_number(descriptor, "Descent", m.descent);
    doc.add_number(descriptor, "CapHeight", m.cap_height);
    doc.add_number(descriptor, "StemV", m.stem_v);

    HPDF_Dict font_file = doc.new_flate_stream("embedding a font");
    doc.write(font_file->stream, subset.deflated, "embedding a font");
    if (truetype) {
        doc.add_number(font_file, "Length1", static_cast<std::int64_t>(subset.length));
        doc.add(descriptor, "FontFile2", font_file, "FontFile2");
    } else {
        doc.add_name(font_file, "Subtype", "OpenType");  // PDF 1.6
        doc.add(descriptor, "FontFile3", font_file, "FontFile3");
    }

    HPDF_Dict cmap = doc.new_stream(to_unicode_cmap(to_unicode), true, "ToUnicode");
    doc.add(type0, "ToUnicode", cmap, "ToUnicode");
    return type0;
}

}  // namespace booklet::pdf

#include "font_file.hpp"

#include "booklet/diagnostics.hpp"
#include "pdf_syntax.hpp"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include <cmath>

namespace booklet::pdf {

namespace {

struct BlobFree {
    void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
};
struct FaceFree {
    void operator()(hb_face_t* f) const { hb_face_destroy(f); }
};
struct FontFree {
    void operator()(hb_font_t* f) const { hb_font_destroy(f); }
};
struct SubsetInputFree {
    void operator()(hb_subset_input_t* i) const { hb_subset_input_destroy(i); }
};
using BlobPtr = std::unique_ptr<hb_blob_t, BlobFree>;
using FacePtr = std::unique_ptr<hb_face_t, FaceFree>;
using FontPtr = std::unique_ptr<hb_font_t, FontFree>;

std::int64_t to_thousandths(std::int64_t font_units, int upem) { return div_round(font_units * 1000, upem); }

std::int16_t read_int16(const char* p) {
    return static_cast<std::int16_t>((static_cast<unsigned char>(p[0]) << 8) | static_cast<unsigned char>(p[1]));
}

// Whether a 'CFF ' table is CID-keyed: its Top DICT has the ROS operator
// (12 30). Layout per Adobe Technical Note #5176 (The Compact Font Format
// Specification): header, Name INDEX, Top DICT INDEX; the first Top DICT is
// walked operand by operand. Anything malformed counts as CID-keyed, which only
// makes the writer refuse the font.
bool cff_is_cid_keyed(const unsigned char* data, std::size_t length) {
    std::size_t pos = 0;
    const auto byte = [&](std::size_t at) -> int { return at < length ? data[at] : -1; };
    const auto offset = [&](std::size_t at, int size) -> std::int64_t {
        std::int64_t v = 0;
        for (int i = 0; i < size; ++i) {
            const int b = byte(at + static_cast<std::size_t>(i));
            if (b < 0) return -1;
            v = v << 8 | b;
        }
        return v;
    };
    // An INDEX: count, offSize, offsets, data. Returns the range of item 0 and
    // moves pos past the INDEX.
    const auto read_index = [&](std::size_t& first_begin, std::size_t& first_end) -> bool {
        const std::int64_t count = offset(pos, 2);
        if (count < 0) return false;
        pos += 2;
        if (count == 0) return first_begin = first_end = pos, true;
        const int off_size = byte(pos);
        if (off_size < 1 || off_size > 4) return false;
        pos += 1;
        const std::size_t offsets = pos;
        const std::size_t data_start = offsets + static_cast<std::size_t>((count + 1) * off_size) - 1;
        const std::int64_t o0 = offset(offsets, off_size),
                           o1 = offset(offsets + static_cast<std::size_t>(off_size), off_size);
        const std::int64_t last = offset(offsets + static_cast<std::size_t>(count * off_size), off_size);
        if (o0 < 1 || o1 < o0 || last < o1) return false;
        first_begin = data_start + static_cast<std::size_t>(o0);
        first_end = data_start + static_cast<std::size_t>(o1);
        pos = data_start + static_cast<std::size_t>(last);
        return first_end <= length && pos <= length;
    };
    if (length < 4) return true;
    pos = data[2];  // hdrSize
    std::size_t begin = 0, end = 0;
    if (!read_index(begin, end)) return true;  // Name INDEX
    if (!read_index(begin, end)) return true;  // Top DICT INDEX: item 0 is the Top DICT
    for (std::size_t i = begin; i < end;) {
        const int b = data[i];
        if (b == 12) {
            if (i + 1 < end && data[i + 1] == 30) return true;  // ROS
            i += 2;
        } else if (b <= 21) {
            i += 1;  // a one-byte operator
        } else if (b == 28) {
            i += 3;
        } else if (b == 29) {
            i += 5;
        } else if (b == 30) {  // real: nibbles up to an 0xF nibble
            ++i;
            while (i < end && (data[i] & 0x0F) != 0x0F && (data[i] & 0xF0) != 0xF0) ++i;
            ++i;
        } else if (b >= 32 && b <= 246) {
            i += 1;
        } else if (b >= 247 && b <= 254) {
            i += 2;
        } else {
            return true;
        }
    }
    return false;
}

}  // namespace

struct FontFile::Hb {
    std::shared_ptr<const std::vector<std::uint8_t>> data;  // kept alive for the blob
    BlobPtr blob;
    FacePtr face;
    FontPtr font;
};

FontFile::FontFile(const pages::FontProgram& program, FontId id, const std::string& target)
    : program_(program), id_(id), target_(target), hb_(std::make_unique<Hb>()) {
    if (!program.data || program.data->empty())
        throw Error({target_}, "font " + describe() + " has no font data", "pdf-font");
    hb_->data = program.data;
    hb_->blob.reset(hb_blob_create(reinterpret_cast<const char*>(program.data->data()),
                                   static_cast<unsigned>(program.data->size()), HB_MEMORY_MODE_READONLY, nullptr,
                                   nullptr));
    if (program.face_index >= hb_face_count(hb_->blob.get()))
        throw Error({target_},
                    "font " + describe() + " is not a font file HarfBuzz can read (or has no face " +
                        std::to_string(program.face_index) + ")",
                    "pdf-font");
    hb_->face.reset(hb_face_create(hb_->blob.get(), program.face_index));
    glyph_count_ = hb_face_get_glyph_count(hb_->face.get());
    upem_ = static_cast<int>(hb_face_get_upem(hb_->face.get()));
    if (glyph_count_ == 0 || upem_ <= 0) throw Error({target_}, "font " + describe() + " has no glyphs", "pdf-font");
    hb_->font.reset(hb_font_create(hb_->face.get()));  // scale = upem: positions in font units

    BlobPtr glyf(hb_face_reference_table(hb_->face.get(), HB_TAG('g', 'l', 'y', 'f')));
    BlobPtr cff(hb_face_reference_table(hb_->face.get(), HB_TAG('C', 'F', 'F', ' ')));
    unsigned cff_length = 0;
    const char* cff_data = hb_blob_get_data(cff.get(), &cff_length);
    if (hb_blob_get_length(glyf.get()) > 0)
        outlines_ = Outlines::truetype;
    else if (cff_length > 0)
        outlines_ = cff_is_cid_keyed(reinterpret_cast<const unsigned char*>(cff_data), cff_length)
                        ? Outlines::cid_keyed_cff
                        : Outlines::cff;
    widths_.assign(glyph_count_, -1);
}

FontFile::~FontFile() = default;

std::string FontFile::describe() const {
    if (!program_.postscript_name.empty()) return program_.postscript_name;
    return "#" + std::to_string(id_);
}

std::int64_t FontFile::width(std::uint32_t glyph) const {
    if (glyph >= glyph_count_) return 0;
    std::int32_t& w = widths_[glyph];
    if (w < 0)
        w = static_cast<std::int32_t>(to_thousandths(hb_font_get_glyph_h_advance(hb_->font.get(), glyph), upem_));
    return w;
}

std::optional<std::uint32_t> FontFile::nominal(char32_t c) const {
    hb_codepoint_t glyph = 0;
    if (hb_font_get_nominal_glyph(hb_->font.get(), static_cast<hb_codepoint_t>(c), &glyph)) return glyph;
    return std::nullopt;
}

DescriptorMetrics FontFile::metrics() const {
    hb_font_t* font = hb_->font.get();
    const auto metric = [&](int given, hb_ot_metrics_tag_t tag) -> std::int64_t {
        if (given != 0) return given;
        hb_position_t v = 0;
        hb_ot_metrics_get_position(font, tag, &v);
        return v;
    };
    DescriptorMetrics m;
    m.ascent = to_thousandths(metric(program_.ascender, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER), upem_);
    m.descent = to_thousandths(metric(program_.descender, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER), upem_);
    m.cap_height = to_thousandths(metric(program_.cap_height, HB_OT_METRICS_TAG_CAP_HEIGHT), upem_);
    if (m.cap_height == 0) m.cap_height = m.ascent;

    std::int64_t x_min = program_.x_min, y_min = program_.y_min, x_max = program_.x_max, y_max = program_.y_max;
    if (x_min == 0 && y_min == 0 && x_max == 0 && y_max == 0) {
        // The font bounding box lives in 'head' (xMin..yMax at offsets 36..43).
        BlobPtr head(hb_face_reference_table(hb_->face.get(), HB_TAG('h', 'e', 'a', 'd')));
        unsigned length = 0;
        const char* p = hb_blob_get_data(head.get(), &length);
        if (p && length >= 44) {
            x_min = read_int16(p + 36), y_min = read_int16(p + 38);
            x_max = read_int16(p + 40), y_max = read_int16(p + 42);
        }
    }
    m.x_min = to_thousandths(x_min, upem_), m.y_min = to_thousandths(y_min, upem_);
    m.x_max = to_thousandths(x_max, upem_), m.y_max = to_thousandths(y_max, upem_);

    m.italic_angle = program_.italic_angle != 0
                         ? program_.italic_angle
                         : static_cast<double>(hb_style_get_value(font, HB_STYLE_TAG_SLANT_ANGLE));
    // StemV matters only to a viewer that must fake a font it does not have,
    // which never happens with an embedded font; a width proportional to the
    // OS/2 weight class (400 -> 80, 700 -> 140) is close enough for that.
    const float weight = hb_style_get_value(font, HB_STYLE_TAG_WEIGHT);
    m.stem_v = std::lround(std::max(100.0f, weight) / 5.0f);

    // Flags (PDF 1.7, table 123): FixedPitch 1, Serif 2, Symbolic 4, Italic 64.
    // Glyphs are addressed by id, not through a standard Latin encoding, so the
    // font is symbolic in the PDF sense.
    m.flags = 4;
    if (program_.fixed_pitch) m.flags |= 1;
    if (program_.serif) m.flags |= 2;
    if (program_.italic || m.italic_angle != 0) m.flags |= 64;
    return m;
}

std::vector<std::uint8_t> FontFile::subset(const std::set<std::uint32_t>& glyphs) const {
    std::unique_ptr<hb_subset_input_t, SubsetInputFree> input(hb_subset_input_create_or_fail());
    if (!input) throw Error({target_}, "cannot subset font " + describe() + ": out of memory", "pdf-font");
    hb_set_t* glyph_set = hb_subset_input_glyph_set(input.get());
    hb_set_add(glyph_set, 0);
    for (std::uint32_t g : glyphs) hb_set_add(glyph_set, g);
    // Keeping glyph ids lets the content stream use HarfBuzz's ids as CIDs with
    // /CIDToGIDMap /Identity. PDF viewers do not run TrueType hinting programs
    // or OpenType layout, so those tables are dead weight in a PDF.
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (hb_tag_t tag : {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
                         HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('M', 'A', 'T', 'H'),
                         HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('k', 'e', 'r', 'x'),
                         HB_TAG('D', 'S', 'I', 'G'), HB_TAG('S', 'T', 'A', 'T'), HB_TAG('m', 'e', 't', 'a')})
        hb_set_add(drop, tag);

    FacePtr result(hb_subset_or_fail(hb_->face.get(), input.get()));
    if (!result) throw Error({target_}, "cannot subset font " + describe() + " (hb-subset failed)", "pdf-font");
    BlobPtr blob(hb_face_reference_blob(result.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob.get(), &length);
    if (!data || length == 0)
        throw Error({target_}, "cannot subset font " + describe() + " (empty result)", "pdf-font");
    return std::vector<std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data),
                                     reinterpret_cast<const std::uint8_t*>(data) + length);
}

}  // namespace booklet::pdf

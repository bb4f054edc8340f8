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

// The parts of a 'CFF ' table the writer needs, read per Adobe Technical Note
// #5176 (The Compact Font Format Specification): header, Name INDEX, Top DICT
// INDEX, whose first DICT is walked operand by operand for ROS (12 30), charset
// (15) and CharStrings (17). Anything malformed leaves `valid` false.
struct CffTop {
    bool valid = false;
    bool cid_keyed = false;
    std::int64_t charset = 0;      // offset from the table start; 0..2 are predefined
    std::int64_t charstrings = 0;  // offset of the CharStrings INDEX
};

struct CffReader {
    const unsigned char* data;
    std::size_t length;

    int byte(std::size_t at) const { return at < length ? data[at] : -1; }
    std::int64_t number(std::size_t at, int size) const {
        std::int64_t v = 0;
        for (int i = 0; i < size; ++i) {
            const int b = byte(at + static_cast<std::size_t>(i));
            if (b < 0) return -1;
            v = v << 8 | b;
        }
        return v;
    }
    // An INDEX at `pos`: its count and the range of item 0; pos moves past it.
    bool index(std::size_t& pos, std::int64_t& count, std::size_t& first_begin, std::size_t& first_end) const {
        count = number(pos, 2);
        if (count < 0) return false;
        pos += 2;
        if (count == 0) return first_begin = first_end = pos, true;
        const int off_size = byte(pos);
        if (off_size < 1 || off_size > 4) return false;
        pos += 1;
        const std::size_t offsets = pos;
        const std::size_t data_start = offsets + static_cast<std::size_t>((count + 1) * off_size) - 1;
        const std::int64_t o0 = number(offsets, off_size), o1 = number(offsets + static_cast<std::size_t>(off_size), off_size);
        const std::int64_t last = number(offsets + static_cast<std::size_t>(count * off_size), off_size);
        if (o0 < 1 || o1 < o0 || last < o1) return false;
        first_begin = data_start + static_cast<std::size_t>(o0);
        first_end = data_start + static_cast<std::size_t>(o1);
        pos = data_start + static_cast<std::size_t>(last);
        return first_end <= length && pos <= length;
    }

    CffTop top() const {
        CffTop top;
        if (length < 4) return top;
        std::size_t pos = data[2];  // hdrSize
        std::int64_t count = 0;
        std::size_t begin = 0, end = 0;
        if (!index(pos, count, begin, end)) return top;  // Name INDEX
        if (!index(pos, count, begin, end) || count < 1) return top;  // Top DICT INDEX
        std::vector<std::int64_t> operands;
        for (std::size_t i = begin; i < end;) {
            const int b = data[i];
            if (b == 12) {
                if (i + 1 >= end) return top;
                if (data[i + 1] == 30) top.cid_keyed = true;
                operands.clear();
                i += 2;
            } else if (b <= 21) {
                if (b == 15 && !operands.empty()) top.charset = operands.back();
                if (b == 17 && !operands.empty()) top.charstrings = operands.back();
                operands.clear();
                i += 1;
            } else if (b == 28) {
                if (i + 2 >= end) return top;
                operands.push_back(static_cast<std::int16_t>(data[i + 1] << 8 | data[i + 2]));
                i += 3;
            } else if (b == 29) {
                if (i + 4 >= end) return top;
                operands.push_back(static_cast<std::int32_t>(static_cast<std::uint32_t>(data[i + 1]) << 24 |
                                                             static_cast<std::uint32_t>(data[i + 2]) << 16 |
                                                             static_cast<std::uint32_t>(data[i + 3]) << 8 | data[i + 4]));
                i += 5;
            } else if (b == 30) {  // real: nibbles up to an 0xF nibble; not an offset
                ++i;
                while (i < end && (data[i] & 0x0F) != 0x0F && (data[i] & 0xF0) != 0xF0) ++i;
                ++i;
                operands.push_back(0);
            } else if (b >= 32 && b <= 246) {
                operands.push_back(b - 139);
                i += 1;
            } else if (b >= 247 && b <= 250) {
                if (i + 1 >= end) return top;
                operands.push_back((b - 247) * 256 + data[i + 1] + 108);
                i += 2;
            } else if (b >= 251 && b <= 254) {
                if (i + 1 >= end) return top;
                operands.push_back(-(b - 251) * 256 - data[i + 1] - 108);
                i += 2;
            } else {
                return top;
            }
        }
        top.valid = true;
        return top;
    }

    // The CID (or SID) of every glyph, from the charset (formats 0, 1 and 2);
    // empty when the table cannot be read.
    std::vector<std::uint32_t> charset(const CffTop& top) const {
        if (!top.valid || top.charstrings <= 0 || top.charset <= 2) return {};
        std::size_t pos = static_cast<std::size_t>(top.charstrings);
        std::int64_t glyphs = 0;
        std::size_t b = 0, e = 0;
        if (!index(pos, glyphs, b, e) || glyphs < 1) return {};
        std::vector<std::uint32_t> ids(static_cast<std::size_t>(glyphs), 0);  // glyph 0 is .notdef, CID 0
        std::size_t at = static_cast<std::size_t>(top.charset);
        const int format = byte(at++);
        std::size_t gid = 1;
        if (format == 0) {
            for (; gid < ids.size(); ++gid, at += 2) {
                const std::int64_t id = number(at, 2);
                if (id < 0) return {};
                ids[gid] = static_cast<std::uint32_t>(id);
            }
        } else if (format == 1 || format == 2) {
            const int left_size = format == 1 ? 1 : 2;
            while (gid < ids.size()) {
                const std::int64_t first = number(at, 2), left = number(at + 2, left_size);
                if (first < 0 || left < 0) return {};
                at += 2 + static_cast<std::size_t>(left_size);
                for (std::int64_t k = 0; k <= left && gid < ids.size(); ++k) ids[gid++] = static_cast<std::uint32_t>(first + k);
            }
        } else {
            return {};
        }
        return ids;
    }
};

CffReader cff_of(hb_blob_t* table) {
    unsigned length = 0;
    const char* data = hb_blob_get_data(table, &length);
    return CffReader{reinterpret_cast<const unsigned char*>(data), data ? length : 0};
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
    if (hb_blob_get_length(glyf.get()) > 0) {
        outlines_ = Outlines::truetype;
    } else if (cff_length > 0) {
        const CffTop top = CffReader{reinterpret_cast<const unsigned char*>(cff_data), cff_length}.top();
        // Anything unreadable counts as CID-keyed, whose glyph-to-CID map is
        // checked after subsetting, so a broken font is refused, not drawn wrong.
        outlines_ = top.valid && !top.cid_keyed ? Outlines::cff : Outlines::cid_keyed_cff;
    }
    widths_ = std::make_unique<std::atomic<std::int32_t>[]>(glyph_count_);
    for (std::size_t g = 0; g < glyph_count_; ++g) widths_[g].store(-1, std::memory_order_relaxed);
}

FontFile::~FontFile() = default;

std::string FontFile::describe() const {
    if (!program_.postscript_name.empty()) return program_.postscript_name;
    return "#" + std::to_string(id_);
}

std::int64_t FontFile::width(std::uint32_t glyph) const {
    if (glyph >= glyph_count_) return 0;
    std::int32_t w = widths_[glyph].load(std::memory_order_relaxed);
    if (w < 0) {
        w = static_cast<std::int32_t>(to_thousandths(hb_font_get_glyph_h_advance(hb_->font.get(), glyph), upem_));
        widths_[glyph].store(w, std::memory_order_relaxed);
    }
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

namespace booklet::pdf {

std::vector<std::uint32_t> cff_glyph_cids(const std::vector<std::uint8_t>& font, unsigned face_index) {
    BlobPtr blob(hb_blob_create(reinterpret_cast<const char*>(font.data()), static_cast<unsigned>(font.size()),
                                HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    FacePtr face(hb_face_create(blob.get(), face_index));
    BlobPtr table(hb_face_reference_table(face.get(), HB_TAG('C', 'F', 'F', ' ')));
    const CffReader cff = cff_of(table.get());
    const CffTop top = cff.top();
    if (!top.cid_keyed) return {};
    return cff.charset(top);
}

}  // namespace booklet::pdf

#include "booklet/source_dir.hpp"
#include "hand_book.hpp"

#include <hb-ot.h>
#include <hb.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

namespace booklet::pdf_test {

namespace {
struct Blob {
    hb_blob_t* p;
    ~Blob() { hb_blob_destroy(p); }
};
struct Face {
    hb_face_t* p;
    ~Face() { hb_face_destroy(p); }
};
struct Font {
    hb_font_t* p;
    ~Font() { hb_font_destroy(p); }
};
struct Buffer {
    hb_buffer_t* p;
    ~Buffer() { hb_buffer_destroy(p); }
};

struct Opened {
    Blob blob;
    Face face;
    Font font;
    explicit Opened(const pages::FontProgram& program)
        : blob{hb_blob_create(reinterpret_cast<const char*>(program.data->data()),
                              static_cast<unsigned>(program.data->size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr)},
          face{hb_face_create(blob.p, program.face_index)},
          font{hb_font_create(face.p)} {}
};
}  // namespace

std::filesystem::path font_path(const std::string& file) {
    return std::filesystem::path(BOOKLET_SOURCE_DIR) / "fonts" / "noto" / file;
}

pages::FontProgram load_font(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + file.string());
    auto data = std::make_shared<std::vector<std::uint8_t>>(std::istreambuf_iterator<char>(in),
                                                            std::istreambuf_iterator<char>());
    pages::FontProgram p;
    p.data = data;
    Opened o(p);
    char name[128] = {};
    unsigned size = sizeof name;
    hb_ot_name_get_utf8(o.face.p, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, name);
    p.postscript_name = name;
    p.units_per_em = static_cast<int>(hb_face_get_upem(o.face.p));
    hb_position_t v = 0;
    hb_ot_metrics_get_position(o.font.p, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &v), p.ascender = v;
    hb_ot_metrics_get_position(o.font.p, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v), p.descender = v;
    hb_ot_metrics_get_position(o.font.p, HB_OT_METRICS_TAG_CAP_HEIGHT, &v), p.cap_height = v;
    p.italic_angle = hb_style_get_value(o.font.p, HB_STYLE_TAG_SLANT_ANGLE);
    p.italic = p.italic_angle != 0;
    p.bold = hb_style_get_value(o.font.p, HB_STYLE_TAG_WEIGHT) >= 600;
    p.serif = file.filename().string().find("Serif") != std::string::npos;
    return p;  // the bounding box is left to the writer, which reads 'head'
}

GlyphRun shape(const pages::FontProgram& program, FontId id, const std::string& text, Sp size) {
    Opened o(program);
    hb_font_set_scale(o.font.p, static_cast<int>(size), static_cast<int>(size));
    Buffer buffer{hb_buffer_create()};
    hb_buffer_add_utf8(buffer.p, text.data(), static_cast<int>(text.size()), 0, static_cast<int>(text.size()));
    hb_buffer_guess_segment_properties(buffer.p);
    hb_shape(o.font.p, buffer.p, nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer.p, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer.p, &n);
    GlyphRun run;
    run.font = id;
    run.size = size;
    run.text = text;
    for (unsigned i = 0; i < n; ++i)
        run.glyphs.edit().push_back({.id = info[i].codepoint,
                              .cluster = info[i].cluster,
                              .advance = pos[i].x_advance,
                              .x_offset = pos[i].x_offset,
                              .y_offset = pos[i].y_offset});
    return run;
}

}  // namespace booklet::pdf_test

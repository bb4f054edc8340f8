// JPEG through libjpeg(-turbo): decoding baseline and progressive; gray, RGB,
// CMYK/YCCK (Adobe's inverted CMYK included); EXIF orientation applied to the
// pixels. Encoding baseline JPEG for the PDF's photographs.
//
// libjpeg reports errors through error_exit, which must not return: it longjmps to
// the setjmp in jpeg_guarded(). The guarded work creates no object with a
// non-trivial destructor (C++ [csetjmp.syn]); buffers are allocated outside it.
#include "codecs.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstring>

#include <jpeglib.h>
#include <jerror.h>

namespace booklet::image {
namespace {

using detail::fail;

// Hostile progressive files can carry thousands of tiny scans, each of which makes
// libjpeg revisit the whole coefficient buffer; real files have about ten.
constexpr int kMaxScans = 500;

struct JpegErrors {
    jpeg_error_mgr pub;  // first member: libjpeg hands back &pub as cinfo->err
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    bool truncated;
};

[[noreturn]] void on_jpeg_error(j_common_ptr cinfo) {
    auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, errors->message);
    std::longjmp(errors->jump, 1);
}

// Warnings are collected, not printed; a premature end of data means the file was
// cut off, which libjpeg would otherwise paper over with grey rows.
void on_jpeg_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;
    auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
    if (cinfo->err->msg_code == JWRN_JPEG_EOF) errors->truncated = true;
    ++cinfo->err->num_warnings;
}

void on_jpeg_output(j_common_ptr) {}

// libjpeg's standard error manager with the handlers above; for cinfo.err.
jpeg_error_mgr* error_manager(JpegErrors& errors) {
    jpeg_error_mgr* err = jpeg_std_error(&errors.pub);
    err->error_exit = on_jpeg_error;
    err->emit_message = on_jpeg_message;
    err->output_message = on_jpeg_output;
    return err;
}

void on_jpeg_progress(j_common_ptr cinfo) {
    if (!cinfo->is_decompressor) return;
    if (reinterpret_cast<j_decompress_ptr>(cinfo)->input_scan_number > kMaxScans) {
        auto* errors = reinterpret_cast<JpegErrors*>(cinfo->err);
        std::snprintf(errors->message, sizeof errors->message, "more than %d scans", kMaxScans);
        std::longjmp(errors->jump, 1);
    }
}

template <class Work>
bool jpeg_guarded(JpegErrors& errors, Work&& work) {
    if (setjmp(errors.jump)) return false;
    work();
    return true;
}

// Owns the decompressor; a member of its own so that it is destroyed even when
// JpegReader's constructor throws (a class's destructor does not run then).
struct Decompressor {
    jpeg_decompress_struct cinfo{};
    Decompressor() = default;
    ~Decompressor() {
        if (cinfo.mem) jpeg_destroy_decompress(&cinfo);
    }
    Decompressor(const Decompressor&) = delete;
    Decompressor& operator=(const Decompressor&) = delete;
};

struct JpegReader {
    JpegErrors errors{};
    Decompressor decompressor;
    jpeg_decompress_struct& cinfo = decompressor.cinfo;
    jpeg_progress_mgr progress{};
    int orientation = 1;

    JpegReader(std::span<const std::uint8_t> data, const std::string& name) {
        cinfo.err = error_manager(errors);
        progress.progress_monitor = on_jpeg_progress;
        const bool ok = jpeg_guarded(errors, [&] {
            jpeg_create_decompress(&cinfo);
            cinfo.progress = &progress;
            cinfo.mem->max_memory_to_use = 1024L * 1024L * 1024L;
            jpeg_mem_src(&cinfo, data.data(), static_cast<unsigned long>(data.size()));
            jpeg_save_markers(&cinfo, JPEG_APP0 + 1, 0xFFFF);
            jpeg_read_header(&cinfo, TRUE);
        });
        if (!ok) raise(name);
        for (jpeg_saved_marker_ptr m = cinfo.marker_list; m; m = m->next) {
            if (m->marker != JPEG_APP0 + 1) continue;
            const int o = detail::exif_orientation({m->data, m->data_length});
            if (o != 1) {
                orientation = o;
                break;
            }
        }
    }
    JpegReader(const JpegReader&) = delete;
    JpegReader& operator=(const JpegReader&) = delete;

    [[noreturn]] void raise(const std::string& name) const {
        fail(name, std::string("JPEG: ") + (errors.message[0] ? errors.message : "cannot decode"));
    }

    void dpi(double& x, double& y) const {
        double scale = 0;
        if (cinfo.density_unit == 1) scale = 1;          // dots per inch
        else if (cinfo.density_unit == 2) scale = 2.54;  // dots per cm
        x = cinfo.X_density * scale;
        y = cinfo.Y_density * scale;
        if (detail::orientation_swaps_axes(orientation)) std::swap(x, y);
    }
};

// Naive CMYK to RGB (no colour management): R = (1 - C)(1 - K). Adobe writes
// CMYK inverted (255 means no ink), which turns the formula into a product.
void cmyk_to_rgb(const std::uint8_t* cmyk, std::uint8_t* rgb, std::size_t count, bool inverted) {
    for (std::size_t i = 0; i < count; ++i) {
        unsigned c = cmyk[4 * i], m = cmyk[4 * i + 1], y = cmyk[4 * i + 2], k = cmyk[4 * i + 3];
        if (!inverted) {
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        rgb[3 * i] = static_cast<std::uint8_t>((c * k + 127) / 255);
        rgb[3 * i + 1] = static_cast<std::uint8_t>((m * k + 127) / 255);
        rgb[3 * i + 2] = static_cast<std::uint8_t>((y * k + 127) / 255);
    }
}

}  // namespace

namespace detail {

Size probe_jpeg(std::span<const std::uint8_t> data, const std::string& name) {
    JpegReader r(data, name);
    check_dimensions(r.cinfo.image_width, r.cinfo.image_height, name);
    Size s;
    s.width = static_cast<int>(r.cinfo.image_width);
    s.height = static_cast<int>(r.cinfo.image_height);
    if (orientation_swaps_axes(r.orientation)) std::swap(s.width, s.height);
    r.dpi(s.dpi_x, s.dpi_y);
    s.orientation = r.orientation;
    return s;
}

pages::Raster decode_jpeg(std::span<const std::uint8_t> data, const std::string& name) {
    JpegReader r(data, name);
    check_dimensions(r.cinfo.image_width, r.cinfo.image_height, name);
    const J_COLOR_SPACE in = r.cinfo.jpeg_color_space;
    const bool cmyk = in == JCS_CMYK || in == JCS_YCCK;
    r.cinfo.out_color_space = in == JCS_GRAYSCALE ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_RGB;
    if (!jpeg_guarded(r.errors, [&] { jpeg_start_decompress(&r.cinfo); })) r.raise(name);

    const int width = static_cast<int>(r.cinfo.output_width);
    const int height = static_cast<int>(r.cinfo.output_height);
    const int components = r.cinfo.output_components;
    check_dimensions(width, height, name);
    if (components != (cmyk ? 4 : in == JCS_GRAYSCALE ? 1 : 3)) fail(name, "JPEG: unexpected number of components");

    const std::size_t stride = static_cast<std::size_t>(width) * static_cast<std::size_t>(components);
    std::vector<std::uint8_t> samples(stride * static_cast<std::size_t>(height));
    const bool ok = jpeg_guarded(r.errors, [&] {
        while (r.cinfo.output_scanline < r.cinfo.output_height) {
            JSAMPROW row = samples.data() + static_cast<std::size_t>(r.cinfo.output_scanline) * stride;
            if (jpeg_read_scanlines(&r.cinfo, &row, 1) != 1) break;
        }
    });
    if (!ok) r.raise(name);
    if (r.errors.truncated || r.cinfo.output_scanline < r.cinfo.output_height) fail(name, "JPEG: file is truncated");

    pages::Raster stored;
    stored.width = width;
    stored.height = height;
    if (cmyk) {
        const std::size_t count = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
        stored.channels = 3;
        stored.pixels.resize(count * 3);
        cmyk_to_rgb(samples.data(), stored.pixels.data(), count, r.cinfo.saw_Adobe_marker);
    } else {
        stored.channels = components;
        stored.pixels = std::move(samples);
    }
    pages::Raster shown = r.orientation == 1 ? std::move(stored) : apply_orientation(stored, r.orientation);
    r.dpi(shown.dpi_x, shown.dpi_y);
    shown.lossy_source = true;
    return shown;
}

}  // namespace detail

namespace {

// Compressed bytes go to a chunk the size of libjpeg's usual buffer and from there
// to the caller's vector. A vector that cannot grow is reported as libjpeg's own
// out-of-memory error: no C++ exception may cross libjpeg's C frames.
struct JpegSink {
    jpeg_destination_mgr pub;  // first member: libjpeg hands back &pub as cinfo->dest
    std::vector<std::uint8_t>* out;
    JOCTET* chunk;
    std::size_t chunk_size;
};

bool append_chunk(JpegSink& sink, std::size_t length) {
    bool ok = true;
    try {
        sink.out->insert(sink.out->end(), sink.chunk, sink.chunk + length);
    } catch (...) {
        ok = false;
    }
    sink.pub.next_output_byte = sink.chunk;
    sink.pub.free_in_buffer = sink.chunk_size;
    return ok;
}

void on_sink_init(j_compress_ptr cinfo) {
    auto* sink = reinterpret_cast<JpegSink*>(cinfo->dest);
    sink->pub.next_output_byte = sink->chunk;
    sink->pub.free_in_buffer = sink->chunk_size;
}

boolean on_sink_full(j_compress_ptr cinfo) {
    // libjpeg calls this with the whole chunk filled, whatever free_in_buffer says.
    if (!append_chunk(*reinterpret_cast<JpegSink*>(cinfo->dest), reinterpret_cast<JpegSink*>(cinfo->dest)->chunk_size))
        ERREXIT(cinfo, JERR_OUT_OF_MEMORY);
    return TRUE;
}

void on_sink_term(j_compress_ptr cinfo) {
    auto* sink = reinterpret_cast<JpegSink*>(cinfo->dest);
    if (!append_chunk(*sink, sink->chunk_size - sink->pub.free_in_buffer)) ERREXIT(cinfo, JERR_OUT_OF_MEMORY);
}

struct Compressor {
    jpeg_compress_struct cinfo{};
    Compressor() = default;
    ~Compressor() {
        if (cinfo.mem) jpeg_destroy_compress(&cinfo);
    }
    Compressor(const Compressor&) = delete;
    Compressor& operator=(const Compressor&) = delete;
};

}  // namespace

std::vector<std::uint8_t> encode_jpeg(const pages::Raster& raster, int quality) {
    const std::string name = "<raster>";
    detail::check_raster(raster, "JPEG encoder");
    if (raster.width > 65500 || raster.height > 65500) fail(name, "JPEG encoder: image too large for JPEG");
    const std::size_t stride = static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.channels);
    if (quality < 1 || quality > 100)
        fail(name, "JPEG encoder: quality " + std::to_string(quality) + " is outside 1..100");

    std::vector<std::uint8_t> out;
    std::vector<JOCTET> chunk(64 * 1024);
    JpegSink sink{};
    sink.out = &out;
    sink.chunk = chunk.data();
    sink.chunk_size = chunk.size();
    sink.pub.init_destination = on_sink_init;
    sink.pub.empty_output_buffer = on_sink_full;
    sink.pub.term_destination = on_sink_term;

    // The resolution goes into the JFIF header when known, so that a viewer of
    // the extracted image sees its print size.
    const bool dpi_known = raster.dpi_x >= 1 && raster.dpi_y >= 1 && raster.dpi_x < 65535 && raster.dpi_y < 65535;
    JpegErrors errors{};
    Compressor compressor;
    jpeg_compress_struct& cinfo = compressor.cinfo;
    cinfo.err = error_manager(errors);
    const bool ok = jpeg_guarded(errors, [&] {
        jpeg_create_compress(&cinfo);
        cinfo.dest = &sink.pub;
        cinfo.image_width = static_cast<JDIMENSION>(raster.width);
        cinfo.image_height = static_cast<JDIMENSION>(raster.height);
        cinfo.input_components = raster.channels;
        cinfo.in_color_space = raster.channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
        // Defaults: baseline sequential, 4:2:0 chroma for colour, the accurate
        // integer DCT (bit-exact across libjpeg-turbo's code paths), no
        // timestamps anywhere: the same raster always gives the same bytes.
        jpeg_set_defaults(&cinfo);
        jpeg_set_quality(&cinfo, quality, TRUE);
        cinfo.dct_method = JDCT_ISLOW;
        cinfo.optimize_coding = TRUE;  // Huffman tables fitted to the image: smaller, still baseline
        if (dpi_known) {
            cinfo.density_unit = 1;
            cinfo.X_density = static_cast<UINT16>(raster.dpi_x + 0.5);
            cinfo.Y_density = static_cast<UINT16>(raster.dpi_y + 0.5);
        }
        jpeg_start_compress(&cinfo, TRUE);
        while (cinfo.next_scanline < cinfo.image_height) {
            // libjpeg's row type is not const, but it only reads input rows.
            JSAMPROW row = const_cast<JSAMPROW>(raster.pixels.data() + cinfo.next_scanline * stride);
            jpeg_write_scanlines(&cinfo, &row, 1);
        }
        jpeg_finish_compress(&cinfo);
    });
    if (!ok) fail(name, std::string("JPEG encoder: ") + (errors.message[0] ? errors.message : "cannot encode"));
    return out;
}

}  // namespace booklet::image

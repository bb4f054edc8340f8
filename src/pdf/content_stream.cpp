#include "content_stream.hpp"

#include "pdf_syntax.hpp"

#include <vector>

namespace booklet::pdf {

namespace {

// TJ numbers are written in tenths of a text space unit (1/10000 em, 0.001 pt
// at 10 pt): finer steps would only record the sub-sp rounding of HarfBuzz's
// advances. Under a horizontal scale Tz of h thousandths (font expansion) the
// PDF scales glyph widths and TJ numbers alike (PDF 1.7, 9.4.4), so pen
// positions inside a run are kept in sp * 10^7, where both move the pen by exact
// integers: a number n moves it n/10000 em * size sp * h/1000 = n * size * h
// units, a glyph of W width w (1/1000 em) w * size * h * 10 units.
constexpr std::int64_t kPenScale = 10'000'000;

// A TJ array being written: runs of glyph codes merged into one hex string,
// numbers between them.
class TjArray {
public:
    explicit TjArray(std::string& out) : out_(out) {}

    void glyph(std::uint32_t id) {
        static constexpr char digits[] = "0123456789ABCDEF";
        open();
        if (!in_hex_) body_ += '<', in_hex_ = true;
        for (int shift = 12; shift >= 0; shift -= 4) body_ += digits[(id >> shift) & 0xF];
        has_glyph_ = true;
    }
    void adjust(std::int64_t tenths) {
        open();
        if (in_hex_) body_ += '>', in_hex_ = false;
        body_ += decimal(tenths, 1);
    }
    void close() {
        if (!open_) return;
        if (in_hex_) body_ += '>';
        if (has_glyph_) out_ += '[' + body_ + "] TJ\n";
        body_.clear();
        open_ = in_hex_ = has_glyph_ = false;
    }

private:
    void open() { open_ = true; }
    std::string& out_;
    std::string body_;
    bool open_ = false, in_hex_ = false, has_glyph_ = false;
};

// A marked-content span with a property list (PDF 1.7, 14.6.2 and 14.9.3-4);
// arguments are PDF strings or empty to leave the key out.
std::string span(std::string_view actual_text, std::string_view alt) {
    std::string s = "/Span <<";
    if (!actual_text.empty()) s += "/ActualText " + std::string(actual_text);
    if (!alt.empty()) s += "/Alt " + std::string(alt);
    return s + ">> BDC\n";
}

}  // namespace

std::string ContentStream::x(Sp v) const { return points(v); }
std::string ContentStream::y(Sp v) const { return points(page_height_ - v); }

void ContentStream::fill_color(Color c) {
    if (fill_ && *fill_ == c) return;
    out_ += color_component(c.r) + ' ' + color_component(c.g) + ' ' + color_component(c.b) + " rg\n";
    fill_ = c;
}

void ContentStream::stroke_color(Color c) {
    if (stroke_ && *stroke_ == c) return;
    out_ += color_component(c.r) + ' ' + color_component(c.g) + ' ' + color_component(c.b) + " RG\n";
    stroke_ = c;
}

void ContentStream::text(const pages::TextItem& item, const TextFont& font) {
    const GlyphRun& run = item.run;
    if (run.glyphs.empty() || run.size <= 0) return;

    const bool whole_run_span = !item.actual_text.empty();
    if (whole_run_span) out_ += span(text_string_hex(item.actual_text), {});
    out_ += "BT\n";
    if (invisible_) out_ += "0 Tr\n", invisible_ = false;
    const std::int64_t scale = run.horizontal_scale > 0 ? run.horizontal_scale : 1000;
    if (horizontal_scale_ != scale) {
        out_ += decimal(scale, 1) + " Tz\n";
        horizontal_scale_ = scale;
    }
    const std::int64_t unit = run.size * scale;  // pen units per TJ number
    if (font_resource_ != font.resource || font_size_ != run.size) {
        out_ += '/' + font.resource + ' ' + points(run.size) + " Tf\n";
        font_resource_ = font.resource;
        font_size_ = run.size;
    }
    fill_color(run.color);
    if (rise_ != run.rise) {
        out_ += points(run.rise) + " Ts\n";
        rise_ = run.rise;
    }

    // Which glyphs open and close an /ActualText span.
    std::vector<const GlyphGroup*> span_at(run.glyphs.size(), nullptr);
    std::vector<bool> span_ends(run.glyphs.size(), false);
    std::vector<GlyphGroup> groups;
    if (!whole_run_span) {
        groups = group_clusters(run, font.nominal);
        for (const auto& g : groups) {
            if (font.to_unicode && extracts_by_to_unicode(run, g, *font.to_unicode)) continue;
            span_at[g.first] = &g;
            span_ends[g.first + g.count - 1] = true;
        }
    }

    const Sp baseline = item.y;
    Sp pen = 0;                // where the layout put the pen, relative to item.x
    std::int64_t pdf_pen = 0;  // where the PDF pen is, kPenScale units relative to item.x
    Sp segment_y = 0;          // y offset of the glyphs since the last Tm
    out_ += "1 0 0 1 " + x(item.x) + ' ' + y(baseline) + " Tm\n";

    TjArray tj(out_);
    for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
        const Glyph& g = run.glyphs[i];
        if (span_at[i]) {
            tj.close();
            out_ += span(text_string_hex(std::u32string_view(span_at[i]->text)), {});
        }
        if (g.y_offset != segment_y) {
            tj.close();
            segment_y = g.y_offset;
            out_ += "1 0 0 1 " + x(item.x + pen + g.x_offset) + ' ' + y(baseline - segment_y) + " Tm\n";
            pdf_pen = (pen + g.x_offset) * kPenScale;
        }
        const std::int64_t wanted = (pen + g.x_offset) * kPenScale;
        const std::int64_t shift = div_round(pdf_pen - wanted, unit);
        if (shift != 0) {
            tj.adjust(shift);
            pdf_pen -= shift * unit;
        }
        tj.glyph(g.id);
        pdf_pen += font.width(g.id) * unit * 10;
        pen += g.advance;
        if (span_ends[i]) {
            tj.close();
            out_ += "EMC\n";
        }
    }
    tj.close();
    out_ += "ET\n";
    if (whole_run_span) out_ += "EMC\n";
}

void ContentStream::rule(const pages::RuleItem& rule) {
    if (rule.thickness <= 0) return;
    stroke_color(rule.color);
    if (line_width_ != rule.thickness) {
        out_ += points(rule.thickness) + " w\n";
        line_width_ = rule.thickness;
    }
    out_ += x(rule.x0) + ' ' + y(rule.y0) + " m " + x(rule.x1) + ' ' + y(rule.y1) + " l S\n";
}

void ContentStream::rect(const pages::RectItem& item) {
    const Rect& r = item.rect;
    if (r.width <= 0 || r.height <= 0) return;
    fill_color(item.fill);
    out_ += x(r.x) + ' ' + y(r.y + r.height) + ' ' + points(r.width) + ' ' + points(r.height) + " re f\n";
}

void ContentStream::image(const pages::ImageItem& image, std::string_view resource, const TextCarrier* carrier) {
    const Rect& r = image.rect;
    if (r.width <= 0 || r.height <= 0) return;
    const bool marked = !image.actual_text.empty() || !image.alt.empty();
    if (marked)
        out_ += span(image.actual_text.empty() ? std::string() : text_string_hex(image.actual_text),
                     image.alt.empty() ? std::string() : text_string_hex(image.alt));
    out_ += "q " + points(r.width) + " 0 0 " + points(r.height) + ' ' + x(r.x) + ' ' + y(r.y + r.height) + " cm /" +
            std::string(resource) + " Do Q\n";
    if (carrier && !image.actual_text.empty()) {
        // Set at the image's height with the baseline a fifth up from its
        // bottom, and stretched (Tz) to the image's width, so that the glyph's
        // box roughly covers the image.
        out_ += "BT\n";
        if (!invisible_) out_ += "3 Tr\n", invisible_ = true;
        if (font_resource_ != carrier->resource || font_size_ != r.height) {
            out_ += '/' + carrier->resource + ' ' + points(r.height) + " Tf\n";
            font_resource_ = carrier->resource;
            font_size_ = r.height;
        }
        if (rise_ != 0) out_ += "0 Ts\n", rise_ = 0;
        const std::int64_t scale = carrier->width > 0 ? div_round(r.width * 100000, r.height * carrier->width) : 100;
        if (scale * 10 != horizontal_scale_) {
            out_ += std::to_string(scale) + " Tz\n";
            horizontal_scale_ = scale * 10;
        }
        static constexpr char digits[] = "0123456789ABCDEF";
        std::string code = "<0000>";
        for (int i = 0; i < 4; ++i) code[static_cast<std::size_t>(4 - i)] = digits[(carrier->glyph >> (4 * i)) & 0xF];
        out_ += "1 0 0 1 " + x(r.x) + ' ' + y(r.y + r.height - r.height / 5) + " Tm " + code + " Tj\nET\n";
    }
    if (marked) out_ += "EMC\n";
}

}  // namespace booklet::pdf

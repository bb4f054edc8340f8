#include "content_stream.hpp"

#include "pdf_syntax.hpp"


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
        if (!in_hex_) body_ += '<', in_hex_ = true;
        body_ += glyph_code(id);
        has_glyph_ = true;
    }
    void adjust(std::int64_t tenths) {
        if (in_hex_) body_ += '>', in_hex_ = false;
        body_ += decimal(tenths, 1);
    }
    // Writes the array if it holds a glyph (numbers alone move nothing visible).
    void close() {
        if (in_hex_) body_ += '>';
        if (has_glyph_) out_ += '[' + body_ + "] TJ\n";
        body_.clear();
        in_hex_ = has_glyph_ = false;
    }

private:
    std::string& out_;
    std::string body_;
    bool in_hex_ = false, has_glyph_ = false;
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

void ContentStream::set_font(const std::string& resource, Sp size) {
    if (font_resource_ == resource && font_size_ == size) return;
    out_ += '/' + resource + ' ' + points(size) + " Tf\n";
    font_resource_ = resource;
    font_size_ = size;
}

void ContentStream::set_horizontal_scale(std::int64_t thousandths) {
    if (horizontal_scale_ == thousandths) return;
    out_ += decimal(thousandths, 1) + " Tz\n";
    horizontal_scale_ = thousandths;
}

void ContentStream::set_rise(Sp rise) {
    if (rise_ == rise) return;
    out_ += points(rise) + " Ts\n";
    rise_ = rise;
}

void ContentStream::set_invisible(bool invisible) {
    if (invisible_ == invisible) return;
    out_ += invisible ? "3 Tr\n" : "0 Tr\n";
    invisible_ = invisible;
}

void ContentStream::text(const pages::TextItem& item, const TextFont& font) {
    const GlyphRun& run = item.run;
    if (run.glyphs.empty() || run.size <= 0) return;

    const bool whole_run_span = !item.actual_text.empty();
    if (whole_run_span) out_ += span(text_string_hex(item.actual_text), {});
    out_ += "BT\n";
    set_invisible(false);
    const std::int64_t scale = run.horizontal_scale > 0 ? run.horizontal_scale : 1000;
    set_horizontal_scale(scale);
    const std::int64_t unit = run.size * scale;  // pen units per TJ number
    set_font(font.resource, run.size);
    fill_color(run.color);
    set_rise(run.rise);

    const Sp baseline = item.y;
    Sp pen = 0;                // where the layout put the pen, relative to item.x
    std::int64_t pdf_pen = 0;  // where the PDF pen is, kPenScale units relative to item.x
    Sp segment_y = 0;          // y offset of the glyphs since the last Tm
    out_ += "1 0 0 1 " + x(item.x) + ' ' + y(baseline) + " Tm\n";

    TjArray tj(out_);
    const auto draw = [&](const Glyph& g) {
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
    };
    if (whole_run_span) {
        for (const Glyph& g : run.glyphs) draw(g);
    } else {
        // Clusters that ToUnicode cannot describe get an /ActualText span each.
        for (const GlyphGroup& group : group_clusters(run, font.nominal)) {
            const bool spanned = !font.to_unicode || !extracts_by_to_unicode(run, group, *font.to_unicode);
            if (spanned) {
                tj.close();
                out_ += span(text_string_hex(std::u32string_view(group.text)), {});
            }
            for (std::size_t k = 0; k < group.count; ++k) draw(run.glyphs[group.first + k]);
            if (spanned) {
                tj.close();
                out_ += "EMC\n";
            }
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
        set_invisible(true);
        set_font(carrier->resource, r.height);
        set_rise(0);
        // Percent of the glyph's width, Tz's own unit.
        const std::int64_t percent = carrier->width > 0 ? div_round(r.width * 100000, r.height * carrier->width) : 100;
        set_horizontal_scale(percent * 10);
        out_ += "1 0 0 1 " + x(r.x) + ' ' + y(r.y + r.height - r.height / 5) + " Tm <" + glyph_code(carrier->glyph) +
                "> Tj\nET\n";
    }
    if (marked) out_ += "EMC\n";
}

}  // namespace booklet::pdf

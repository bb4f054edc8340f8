#include "content_stream.hpp"

#include "pdf_syntax.hpp"

#include <algorithm>


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

// A TJ array being written straight into the stream: runs of glyph codes merged
// into one literal string, numbers between them; taken back out if it holds no glyph
// (numbers alone move nothing visible). Nothing else is written to the stream
// while an array is open.
class TjArray {
public:
    explicit TjArray(std::string& out) : out_(out) {}

    void glyph(std::uint32_t id) {
        open();
        if (!in_string_) out_ += '(', in_string_ = true;
        append_glyph_bytes(out_, id);
        has_glyph_ = true;
    }
    void adjust(std::int64_t tenths) {
        open();
        if (in_string_) out_ += ')', in_string_ = false;
        append_decimal(out_, tenths, 1);
    }
    void close() {
        if (!open_) return;
        if (in_string_) out_ += ')';
        if (has_glyph_) out_ += "] TJ\n";
        else out_.resize(start_);
        open_ = in_string_ = has_glyph_ = false;
    }

private:
    void open() {
        if (open_) return;
        start_ = out_.size();
        out_ += '[';
        open_ = true;
    }

    std::string& out_;
    std::size_t start_ = 0;
    bool open_ = false, in_string_ = false, has_glyph_ = false;
};

}  // namespace

// Inside a structure element the span is a marked-content sequence of the element
// with an MCID of its own rather than a /Span nested in one: a nested sequence
// without an MCID ends the element's text for poppler (22.x) at its EMC. Its tag
// stays /Span whatever the element's: poppler reads /ActualText only from a
// sequence tagged /Span (the MCID, not the tag, names the element it belongs to).
std::string ContentStream::span(std::string_view actual_text, std::string_view alt) {
    std::string s = element_ ? "/Span <</MCID " + std::to_string(element_->next_mcid()) : "/Span <<";
    if (!actual_text.empty()) s += "/ActualText " + std::string(actual_text);
    if (!alt.empty()) s += "/Alt " + std::string(alt);
    return s + ">> BDC\n";
}

void ContentStream::open_sequence() {
    if (!element_ || sequence_open_) return;
    out_ += '/' + element_->tag + " <</MCID " + std::to_string(element_->next_mcid()) + ">> BDC\n";
    sequence_open_ = true;
}

void ContentStream::close_sequence() {
    if (!sequence_open_) return;
    out_ += "EMC\n";
    sequence_open_ = false;
}

void ContentStream::begin_element(std::string tag, std::function<int()> next_mcid) {
    end_marking();
    element_ = Element{std::move(tag), std::move(next_mcid)};
}

void ContentStream::begin_artifact() {
    end_marking();
    out_ += "/Artifact BMC\n";
    artifact_ = true;
}

void ContentStream::end_marking() {
    close_sequence();
    element_.reset();
    if (artifact_) out_ += "EMC\n";
    artifact_ = false;
}

std::string ContentStream::x(Sp v) const { return points(v); }

void ContentStream::move_text_to(Sp x, Sp y) {
    out_ += "1 0 0 1 ";
    append_points(out_, x);
    out_ += ' ';
    append_points(out_, page_height_ - y);
    out_ += " Tm\n";
}
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

    // Clusters that ToUnicode cannot describe get an /ActualText span each.
    const bool whole_run_span = !item.actual_text.empty();
    const std::span<const GlyphGroup> groups =
        whole_run_span ? std::span<const GlyphGroup>() : grouper_.group(run, font.nominal);
    std::vector<bool>& spanned = spanned_;
    spanned.clear();
    for (const GlyphGroup& group : groups)
        spanned.push_back(!font.to_unicode || !extracts_by_to_unicode(run, group, *font.to_unicode));
    // Spans split the element's marked content inside this text object, where
    // each piece must also end.
    const bool inner_spans = std::find(spanned.begin(), spanned.end(), true) != spanned.end();
    if (whole_run_span) {
        close_sequence();
        out_ += span(text_string_hex(item.actual_text), {});
    } else if (inner_spans) {
        close_sequence();
    } else {
        open_sequence();
    }
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
    move_text_to(item.x, baseline);

    TjArray tj(out_);
    const auto draw = [&](const Glyph& g) {
        if (g.y_offset != segment_y) {
            tj.close();
            segment_y = g.y_offset;
            move_text_to(item.x + pen + g.x_offset, baseline - segment_y);
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
        for (std::size_t k = 0; k < groups.size(); ++k) {
            const GlyphGroup& group = groups[k];
            if (spanned[k]) {
                tj.close();
                close_sequence();
                out_ += span(text_string_hex(std::u32string_view(group.text)), {});
            } else if (inner_spans && !sequence_open_) {
                tj.close();
                open_sequence();
            }
            for (std::size_t g = 0; g < group.count; ++g) draw(run.glyphs[group.first + g]);
            if (spanned[k]) {
                tj.close();
                out_ += "EMC\n";
            }
        }
    }
    tj.close();
    // The space the line broke at, drawn as the font's space glyph at 1 % of its
    // width: it extracts as a word break and leaves the line's extent as it is.
    if (item.space_after && font.nominal) {
        if (const auto space = font.nominal(U' '); space && *space != 0) {
            if (inner_spans) open_sequence();
            set_horizontal_scale(10);
            out_ += glyph_string(*space) + " Tj\n";
        }
    }
    if (inner_spans) close_sequence();
    out_ += "ET\n";
    if (whole_run_span) out_ += "EMC\n";
}

void ContentStream::rule(const pages::RuleItem& rule) {
    if (rule.thickness <= 0) return;
    open_sequence();
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
    open_sequence();
    fill_color(item.fill);
    out_ += x(r.x) + ' ' + y(r.y + r.height) + ' ' + points(r.width) + ' ' + points(r.height) + " re f\n";
}

void ContentStream::image(const pages::ImageItem& image, std::string_view resource, const TextCarrier* carrier) {
    const Rect& r = image.rect;
    if (r.width <= 0 || r.height <= 0) return;
    const bool marked = !image.actual_text.empty() || !image.alt.empty();
    if (marked) close_sequence();
    else open_sequence();
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
        out_ += "1 0 0 1 " + x(r.x) + ' ' + y(r.y + r.height - r.height / 5) + " Tm " + glyph_string(carrier->glyph) +
                " Tj\nET\n";
    }
    if (marked) out_ += "EMC\n";
}

}  // namespace booklet::pdf

// One page's content stream, built as text from the page's display list.
//
// Coordinates arrive in sp from the top-left corner, y down, and leave in PDF
// points from the bottom-left, y up. Text is drawn by glyph id (2-byte
// Identity-H codes) in TJ arrays whose numbers carry the difference between the
// advances as set (kerning, justification, HarfBuzz x offsets) and the widths in
// the font's W array; the pen is tracked exactly so that rounding never
// accumulates along a line. A run's horizontal scale (font expansion) is set
// with Tz, and the TJ arithmetic follows it. Glyphs with a y offset (marks) are
// placed with their own text matrix. Clusters that ToUnicode cannot describe are
// wrapped in /ActualText spans (PDF 1.7, 14.9.4).
#pragma once

#include "booklet/pages.hpp"
#include "glyph_text.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace booklet::pdf {

// What the content stream needs to know about a font.
struct TextFont {
    std::string resource;                                                 // name in the page's /Font resources
    std::function<std::int64_t(std::uint32_t)> width;                     // glyph width as written in W, 1/1000 em
    NominalGlyph nominal;                                                 // the font's cmap
    const ToUnicodeIndex* to_unicode = nullptr;                           // chosen entries
};

// A glyph drawn invisibly (text render mode 3) over an image that stands for
// text, such as a colour emoji. Text extractors (poppler, MuPDF) replace the
// glyphs inside an /ActualText span by its text, but a span holding only an
// image has no glyphs and its text is dropped; the invisible glyph gives the
// span a place in the text layer.
struct TextCarrier {
    std::string resource;  // font resource name
    std::uint32_t glyph = 0;
    std::int64_t width = 0;  // 1/1000 em, as in the font's W array
};

class ContentStream {
public:
    explicit ContentStream(Sp page_height) : page_height_(page_height) {}

    void text(const pages::TextItem& item, const TextFont& font);
    void rule(const pages::RuleItem& rule);
    void rect(const pages::RectItem& rect);
    // carrier: where the image has actual text, how to anchor it in the text
    // layer; null to mark the image only.
    void image(const pages::ImageItem& image, std::string_view resource, const TextCarrier* carrier);

    // Marked content (PDF 1.7, 14.6). What is drawn from begin_element() on
    // belongs to a structure element of type `tag`: it goes into marked-content
    // sequences numbered by `next_mcid` (one per call), as many as /ActualText
    // spans and text objects require. From begin_artifact() on, it is an
    // artifact. end_marking() ends either; without them nothing is marked.
    void begin_element(std::string tag, std::function<int()> next_mcid);
    void begin_artifact();
    void end_marking();

    const std::string& bytes() const { return out_; }
    std::string take_bytes() { return std::move(out_); }

private:
    std::string span(std::string_view actual_text, std::string_view alt);
    void open_sequence();   // the element's marked content, if not open already
    void close_sequence();
    // "1 0 0 1 x y Tm": the text matrix to the point (x, y) of the layout.
    void move_text_to(Sp x, Sp y);
    std::string x(Sp v) const;  // page x in points
    std::string y(Sp v) const;  // page y (from the top) flipped to PDF space
    void fill_color(Color c);
    void stroke_color(Color c);
    // Text state operators, written only when the value changes.
    void set_font(const std::string& resource, Sp size);
    void set_horizontal_scale(std::int64_t thousandths);
    void set_rise(Sp rise);
    void set_invisible(bool invisible);  // Tr 3 (true) or Tr 0

    Sp page_height_;
    std::string out_;
    // Graphics state as last set, so unchanged values are not repeated. Text
    // state (font, size, rise) belongs to the graphics state too and survives
    // BT/ET; images are drawn inside q/Q and leave it untouched.
    std::optional<Color> fill_;
    std::optional<Color> stroke_;
    std::optional<Sp> line_width_;
    std::string font_resource_;
    Sp font_size_ = -1;
    Sp rise_ = 0;
    std::int64_t horizontal_scale_ = 1000;  // Tz, thousandths (the operator takes percent)
    bool invisible_ = false;               // Tr 3
    struct Element {
        std::string tag;
        std::function<int()> next_mcid;
    };
    std::optional<Element> element_;
    bool sequence_open_ = false;
    // Working memory of text(), kept from run to run of the page.
    ClusterGrouper grouper_;
    std::vector<bool> spanned_;
    bool artifact_ = false;
};

}  // namespace booklet::pdf

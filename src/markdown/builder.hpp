// Builders that turn a stream of Markdown blocks and HTML tokens into model values
// (internal to src/markdown).
//
// Raw HTML in Markdown is not well nested with respect to the Markdown around it:
// a <div> opened in one HTML block is closed in another, with Markdown paragraphs
// in between. So HTML elements are frames on a stack that lives as long as the
// Markdown container (document, quote, list item, footnote) they appear in, and
// Markdown blocks are delivered into whatever frame is open. Unclosed frames are
// closed at the end of the container; stray end tags are ignored.
#pragma once

#include "context.hpp"
#include "html.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace booklet::markdown {

// An embed that cannot be printed (iframe, video, audio, object, embed): the
// address printed in its place, and what to call it (its title, else the book's
// word for such a thing). YouTube and Vimeo players become their watch pages.
struct EmbedAddress {
    std::string url;
    std::string label;
};
std::optional<EmbedAddress> embed_address(const html::Token& token, const words::Words& words);
std::string embed_label(const html::Token& token, const words::Words& words);
model::Inline embed_link(PageContext& ctx, const EmbedAddress& address, const SourcePos& pos);

// Inline content: Markdown inlines and inline HTML (a, em, strong, span, br, img, ...).
class InlineBuilder {
public:
    InlineBuilder(PageContext& ctx, int depth);

    void text(std::string_view text, const SourcePos& pos, bool from_html);
    void add(model::Inline node);
    void html(const html::Token& token, const SourcePos& pos);

    bool has_content() const;   // anything visible so far
    bool dropping() const { return drop_depth_ > 0; }
    bool is_open(std::string_view tag) const;
    int depth() const { return depth_ + static_cast<int>(stack_.size()) - 1; }

    // Closes what is still open and returns the content with edge spaces trimmed.
    model::Inlines finish();

private:
    enum class Kind { root, emphasis, strong, strike, sup, sub, code, link, span, transparent };
    struct Frame {
        Kind kind = Kind::root;
        std::string tag;
        model::Inlines content;
        SourcePos pos;
        model::LinkTarget target;
        std::string title;
        std::string lang;
    };
    void start(const html::Token& token, const SourcePos& pos);
    void end(const std::string& name);
    void close_top();

    PageContext* ctx_;
    int depth_;
    std::vector<Frame> stack_;
    std::map<std::string, int> overflow_;  // start tags not pushed because of the depth limit
    std::string drop_tag_;
    int drop_depth_ = 0;
};

// Block content of one Markdown container.
class BlockBuilder {
public:
    BlockBuilder(PageContext& ctx, int depth);

    void add_block(model::Block block);
    void add_paragraph(model::Inlines inlines, const SourcePos& pos);
    void html(const html::Token& token, const SourcePos& pos);
    bool dropping() const;
    int depth() const { return depth_ + static_cast<int>(frames_.size()) - 1; }

    model::Blocks finish();

private:
    enum class Kind { root, transparent, blockquote, details, figure, list, item, table, row, pre, drop, text };
    enum class Role { paragraph, heading, summary, figcaption, cell };
    struct Frame {
        Kind kind = Kind::root;
        std::string tag;
        SourcePos pos;
        std::string lang;
        model::Blocks blocks;
        std::optional<InlineBuilder> inl;  // loose inline run, or the content of a text frame
        bool captionable_last = false;     // blocks.back() is a Figure captioned from title/alt
        // text frames
        Role role = Role::paragraph;
        int level = 0;
        std::string id;
        bool caption_class = false;
        bool header_cell = false;
        model::Align align = model::Align::none;
        // details
        model::Inlines summary;
        bool has_summary = false;
        // lists
        bool ordered = false;
        int start = 1;
        std::vector<model::ListItem> items;
        // tables and rows
        std::vector<std::vector<model::TableCell>> rows;
        std::vector<std::vector<model::Align>> row_aligns;
        std::vector<bool> header_rows;
        bool in_thead = false;
        std::vector<model::TableCell> cells;
        std::vector<model::Align> aligns;
        bool all_header_cells = true;
        // pre
        std::string code;
        std::string code_lang;
        // figure
        model::Inlines figcaption;
        // components: name as written, to warn when nothing printable came out
        std::string component;
        int drop_nesting = 0;
        std::optional<EmbedAddress> embed;  // a dropped embed's address, printed when it closes
    };

    Frame& top() { return frames_.back(); }
    InlineBuilder& loose(Frame& f);
    void flush_loose(Frame& f);
    void push(Frame frame);
    void push(Kind kind, std::string tag, const SourcePos& pos);  // a frame with nothing else set
    void append(Frame& f, model::Blocks blocks, bool captionable_last);
    void close_top();
    void close_to(std::size_t index);
    void deliver(model::Blocks blocks, bool captionable_last);
    void start_tag(const html::Token& token, const SourcePos& pos);
    void end_tag(const html::Token& token, const SourcePos& pos);
    void apply_lang(model::Blocks& blocks, const std::string& lang) const;
    std::optional<std::size_t> find_frame(std::string_view tag) const;

    PageContext* ctx_;
    int depth_;
    std::vector<Frame> frames_;
    std::map<std::string, int> overflow_;
};

// Classes of elements.
bool is_dropped_element(std::string_view name);   // script, style, iframe, svg, template, ...
bool is_component(const html::Token& token);      // <WidgetConsent>, <my-widget>
bool is_hidden(const html::Token& token);         // hidden attribute or style display:none

}  // namespace booklet::markdown

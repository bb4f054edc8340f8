// Inline collection: model inlines → one StyledText per paragraph.
//
// Text is whitespace-collapsed (code keeps its spaces), emphasis picks the font
// face, links become tagged ranges. What a link shows besides its text is the
// cite stage's decision, rendered here: a superscript note number after it (an
// Occurrence), its address in parentheses, or nothing; an internal link also
// gets its page reference ("→ p. 12") from the previous pass.
// Tags index StyledParagraph::infos so that runs coming back from the line
// breaker can be traced to links, note calls and strike-through.
#pragma once

#include "context.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::layout {

struct RangeInfo {
    int link = -1;         // StyledParagraph::links index
    int occurrence = -1;   // Pass::occurrences index: this range is the note's marker
    bool strike = false;
    friend bool operator==(const RangeInfo&, const RangeInfo&) = default;
    friend auto operator<=>(const RangeInfo&, const RangeInfo&) = default;
};

struct LinkInfo {
    std::string uri;       // external
    std::string anchor;    // internal
    int citation = -1;     // cite::Citations::links index, -1 for a link made by layout
    int occurrence = -1;   // Pass::occurrences index of the note the link calls, or -1
};

// A word of model text in a paragraph (InlineCollector::trace): where it is in the
// paragraph's text and in the model, so that a line can say where it begins.
struct TracedWord {
    std::size_t begin = 0, end = 0;          // bytes of StyledParagraph::text
    std::uint32_t part = 0;                  // StyledParagraph::traced_parts index
    std::size_t offset = 0;                  // bytes of the part's model text before the word
    std::size_t bytes = 0;                   // the word's bytes in the model
};

struct StyledParagraph {
    shape::StyledText text;
    std::vector<RangeInfo> infos;            // by tag
    std::vector<LinkInfo> links;
    std::vector<std::size_t> hard_breaks;    // byte offsets where a line must end
    std::vector<page_map::Position> traced_parts;  // the model parts its words come from
    std::vector<TracedWord> traced;          // in text order
    bool empty() const { return text.text.empty(); }
    // Where a line beginning at `byte` of the text begins in the model: at the word
    // it begins in (a line after a hyphen begins where its word does, so that no
    // page break marker splits a word), else at the next model word (what layout
    // added, a note number or an address in parentheses, has no place in the
    // model), else after the last one. Nothing when no model text was traced.
    std::optional<page_map::Position> position_at(std::size_t byte) const;
};

enum class LinkMode {
    notes,        // body text: URL notes and GFM footnotes at the page foot
    inline_urls,  // inside a note: "text (URL)" where a note was decided
    plain,        // contents, running heads: text only
};

class InlineCollector {
public:
    InlineCollector(LayoutContext& ctx, Pass* pass, const style::TextStyle& block, std::string lang, int chapter,
                    LinkMode mode);

    void add(const model::Inlines& inlines, bool bold = false);
    void add_text(std::string_view text, bool bold = false, bool italic = false);
    // Text that must show exactly (code): spaces kept, no hyphenation, URL breaks.
    void add_verbatim(std::string_view text);
    // Appends an external or internal link area over `text` without a note.
    void add_link_text(std::string_view text, const LinkInfo& link, bool url_style);
    // `shown` (a picture's description) as its cited address when the cite stage
    // cited the picture; false (and nothing added) when it did not.
    bool add_picture(const model::ImageRef& image, std::string_view shown);
    void hard_break();
    // The model inlines added from here on (add) are the part `at` of the model:
    // their words are traced back to it (StyledParagraph::traced) for the page map.
    void trace(page_map::Position at);

    StyledParagraph take();

private:
    struct State {
        bool bold = false, italic = false, code = false, strike = false, url = false;
        int script = 0;     // 1 superscript, -1 subscript
        std::string lang;
        int link = -1;
    };

    void node(const model::Inline& in, const State& st);
    void children(const model::Inlines& list, const State& st);
    const cite::Link* cited(std::ptrdiff_t index) const;
    void link(const model::Link& l, const State& st);
    bool picture(const model::ImageRef& image, std::string_view shown, const State& st);
    State open_link(const cite::Link& c, int citation, const model::LinkTarget* target, const State& st);
    void close_link(const cite::Link& c, const model::LinkTarget* target, const State& s, const State& st);
    void address_note(const cite::Link& c, int link, const State& st);
    void in_parentheses(const std::string& address, const State& link_state, const State& st);
    void page_reference(const model::LinkTarget& target, const State& st);
    void footnote_ref(const model::FootnoteRef& ref, const State& st);
    void footnote_in_parentheses(const model::Footnote& footnote, const State& st);
    void marker(int occurrence, const State& st);
    void emit(std::string_view text, const State& st, int occurrence = -1);
    void emit_styled(std::string_view text, shape::TextStyle style);
    // `traced`: the text is a model Text node's, whose words the trace follows.
    void collapse(std::string_view text, const State& st, bool traced = false);
    void flush_space(const State& st);
    shape::TextStyle style_for(const State& st, bool marker);
    std::int32_t tag_for(const RangeInfo& info);
    int add_occurrence(Occurrence occ, int decided);

    LayoutContext& ctx_;
    Pass* pass_;
    const style::TextStyle& block_;
    int chapter_;
    LinkMode mode_;
    StyledParagraph out_;
    std::map<RangeInfo, std::int32_t> tags_;  // out_.infos by value: a paragraph may have 100,000 ranges
    bool pending_space_ = false;
    State pending_state_;
    std::string collapsed_;  // collapse's words, kept for its memory
    std::optional<std::uint32_t> trace_part_;  // traced_parts index of the model text being added
    std::size_t trace_offset_ = 0;             // its bytes added so far (model::text_bytes)
    std::vector<const model::Footnote*> in_parentheses_;  // footnotes being printed, one inside the other
};


}  // namespace booklet::layout

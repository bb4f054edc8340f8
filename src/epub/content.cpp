// XHTML content documents: one per chapter, plus the generated Sources, cover and
// title pages. Everything from the model passes through xml_text/xml_attr; no
// script or event attribute is ever written.
#include "book.hpp"

#include "booklet/dates.hpp"

#include <algorithm>
#include <optional>

namespace booklet::epub::detail {

namespace {

// width and height let a reader reserve the box before the picture loads and keep
// its proportions under the style sheet's max-width and max-height.
std::string size_attributes(const Resource& r) {
    if (r.width <= 0 || r.height <= 0) return "";
    return " width=\"" + std::to_string(r.width) + "\" height=\"" + std::to_string(r.height) + "\"";
}

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// lang and xml:lang, and dir when the language's direction (words::right_to_left)
// differs from the surrounding one's ("" for the document itself: left to right).
std::string lang_attributes(const std::string& lang, const std::string& surrounding = "") {
    if (lang.empty()) return "";
    const std::string v = xml_attr(lang);
    std::string out = " lang=\"" + v + "\" xml:lang=\"" + v + "\"";
    const bool rtl = words::right_to_left(lang);
    if (rtl != words::right_to_left(surrounding)) out += rtl ? " dir=\"rtl\"" : " dir=\"ltr\"";
    return out;
}

const char* align_class(model::Align a) {
    switch (a) {
    case model::Align::left: return " class=\"align-left\"";
    case model::Align::center: return " class=\"align-center\"";
    case model::Align::right: return " class=\"align-right\"";
    case model::Align::none: break;
    }
    return "";
}

bool is_dash_start(const std::string& s) {
    return s.rfind("\xE2\x80\x94", 0) == 0 || s.rfind("\xE2\x80\x93", 0) == 0 || s.rfind("-", 0) == 0 ||
           s.rfind("\xE2\x80\x95", 0) == 0;
}

void append_block_text(const model::Block& b, std::string& out, int depth);

class ChapterWriter {
public:
    ChapterWriter(Book& book, std::size_t index, ChapterRender& record)
        : book_(book), index_(index), plan_(book.chapters[index]), labels_(book.words), record_(record),
          diags_(record.warnings) {
        if (index < book.pages.chapters.size()) marks_ = &book.pages.chapters[index];
    }

    std::string render() {
        const model::Chapter& ch = *plan_.chapter;
        out_ += "<section epub:type=\"chapter\" role=\"doc-chapter\" aria-labelledby=\"" + plan_.title_id + "\">\n";
        write_marks(page_map::part::whole);  // the chapter's start
        out_ += "<h1 class=\"chapter-title\" id=\"" + plan_.title_id + "\">" + xml_text(plan_.title) + "</h1>\n";
        blocks(ch.blocks, 0);
        write_left_marks();
        out_ += "</section>\n";
        marking_ = false;  // footnotes are no printed page's beginning (their blocks have paths of their own)
        footnotes();
        return xhtml_document(plan_.lang, plan_.title, "../" + std::string(kCssFile), "", out_);
    }

private:
    Book& book_;
    std::size_t index_;
    ChapterPlan& plan_;
    const words::Words& labels_;
    ChapterRender& record_;  // what the book gets from this chapter, and what it read
    Diagnostics& diags_;     // the record's
    std::string out_;
    bool in_link_ = false;
    std::map<int, std::string> first_ref_;  // footnote number -> id of its first reference

    std::string current_lang_;  // the language in force where we are writing

    std::string surrounding_lang() const { return current_lang_.empty() ? plan_.lang : current_lang_; }

    // Makes `lang` the language in force until the guard ends.
    struct LangScope {
        ChapterWriter& w;
        std::string saved;
        LangScope(ChapterWriter& writer, const std::string& lang) : w(writer), saved(writer.current_lang_) {
            if (!lang.empty()) w.current_lang_ = lang;
        }
        ~LangScope() { w.current_lang_ = saved; }
    };

    // ---- page-break markers (PagePlan): where the page map puts them.
    std::map<BlockPath, std::vector<PageMark>>* marks_ = nullptr;  // this chapter's, taken as written
    BlockPath path_;            // the block being written
    bool marking_ = true;
    std::vector<PageMark> inline_marks_;  // of the inline text being written, by offset
    std::size_t next_inline_mark_ = 0;
    std::size_t text_pos_ = 0;            // bytes of model text written (model::text_bytes)

    std::string marker(const PageMark& m) {
        const std::string id = plan_.ids.claim(page_marker_id(m.page));
        record_.page_hrefs.emplace_back(m.page, kTextDir + plan_.file + "#" + id);
        return page_marker_span(book_, m.page, id);
    }

    // The marks for `part` of the block at path_ (every part: nullopt), taken from the plan.
    std::vector<PageMark> take_marks(std::optional<int> part) {
        std::vector<PageMark> taken;
        if (!marks_ || !marking_) return taken;
        const auto it = marks_->find(path_);
        if (it == marks_->end()) return taken;
        std::vector<PageMark> left;
        for (const PageMark& m : it->second) (!part || m.part == *part ? taken : left).push_back(m);
        if (left.empty()) marks_->erase(it);
        else it->second = std::move(left);
        return taken;
    }

    void write_marks(int part) {
        for (const PageMark& m : take_marks(part)) out_ += marker(m);
    }

    // What the block at path_ did not place (a heading or paragraph not written, a
    // table row that is not there): right after the block.
    void write_block_leftovers() {
        for (const PageMark& m : take_marks(std::nullopt)) out_ += marker(m);
    }

    // Marks of blocks that were never written (nesting too deep): at the chapter's end, in page order.
    void write_left_marks() {
        if (!marks_) return;
        std::vector<PageMark> left;
        for (auto& [path, marks] : *marks_) left.insert(left.end(), marks.begin(), marks.end());
        marks_->clear();
        std::sort(left.begin(), left.end(), [](const PageMark& a, const PageMark& b) { return a.page < b.page; });
        for (const PageMark& m : left) out_ += marker(m);
    }

    void begin_traced(int part) {
        inline_marks_ = take_marks(part);
        std::stable_sort(inline_marks_.begin(), inline_marks_.end(),
                         [](const PageMark& a, const PageMark& b) { return a.offset < b.offset; });
        next_inline_mark_ = 0;
        text_pos_ = 0;
    }

    void end_traced() {
        marks_up_to(SIZE_MAX);
        inline_marks_.clear();
    }

    void marks_up_to(std::size_t pos) {
        while (next_inline_mark_ < inline_marks_.size() && inline_marks_[next_inline_mark_].offset <= pos)
            out_ += marker(inline_marks_[next_inline_mark_++]);
    }

    // Model text, escaped, with the marks that fall inside it (at word starts).
    void traced_text(const std::string& text) {
        std::size_t done = 0;
        while (next_inline_mark_ < inline_marks_.size() &&
               inline_marks_[next_inline_mark_].offset < text_pos_ + text.size()) {
            const std::size_t cut = std::max(inline_marks_[next_inline_mark_].offset, text_pos_) - text_pos_;
            out_ += xml_text(text.substr(done, cut - done));
            done = cut;
            out_ += marker(inline_marks_[next_inline_mark_++]);
        }
        out_ += xml_text(text.substr(done));
        text_pos_ += text.size();
    }

    // The inlines of `part` of the block at path_, with their page marks.
    void traced_inlines(int part, const model::Inlines& list) {
        begin_traced(part);
        inlines(list);
        end_traced();
    }

    void blocks(const model::Blocks& list, int depth) {
        for (std::size_t i = 0; i < list.size(); ++i) block_at(list, i, depth);
    }

    void block_at(const model::Blocks& list, std::size_t i, int depth) {
        path_.push_back(static_cast<int>(i));
        block(list[i], depth);
        path_.pop_back();
    }

    // Paragraphs, headings and code take their marks inside their text; any other
    // block takes those of its start before it.
    static bool marks_inside(const model::Block& b) {
        return std::holds_alternative<model::Paragraph>(b.node) || std::holds_alternative<model::Heading>(b.node) ||
               std::holds_alternative<model::CodeBlock>(b.node);
    }

    void block(const model::Block& b, int depth) {
        if (depth <= kMaxNesting && !marks_inside(b)) write_marks(page_map::part::whole);
        block_of_kind(b, depth);
        write_block_leftovers();
    }

    void block_of_kind(const model::Block& b, int depth) {
        const std::string passage = passage_lang(b.lang, surrounding_lang());
        const std::string lang = lang_attributes(passage, surrounding_lang());
        const LangScope scope(*this, passage);
        if (depth > kMaxNesting) {
            std::string text;
            append_block_text(b, text, 0);
            out_ += "<p" + lang + ">" + xml_text(text) + "</p>\n";
            return;
        }
        std::visit(Overloaded{
                       [&](const model::Heading& h) {
                           if (!has_visible_content(h.content)) return;  // an empty heading helps nobody
                           const auto outline = plan_.outline_level.find(&h);
                           const int level = outline != plan_.outline_level.end() ? outline->second : std::clamp(h.level, 2, 6);
                           const auto it = plan_.id_of_heading.find(&h);
                           const std::string tag = "h" + std::to_string(level);
                           out_ += "<" + tag + lang;
                           if (it != plan_.id_of_heading.end()) out_ += " id=\"" + it->second + "\"";
                           out_ += ">";
                           traced_inlines(page_map::part::whole, h.content);
                           out_ += "</" + tag + ">\n";
                       },
                       [&](const model::Paragraph& p) {
                           if (p.content.empty()) return;
                           out_ += "<p" + lang + (model::introduces_next(p) ? " class=\"lead-in\"" : "") + ">";
                           traced_inlines(page_map::part::whole, p.content);
                           out_ += "</p>\n";
                       },
                       [&](const model::List& l) { list(l, lang, depth); },
                       [&](const model::BlockQuote& q) {
                           const bool attributed = !q.attribution.empty();
                           if (attributed) out_ += "<figure class=\"quote\"" + lang + ">\n<blockquote>\n";
                           else out_ += "<blockquote" + lang + ">\n";
                           blocks(q.blocks, depth + 1);
                           out_ += "</blockquote>\n";
                           if (attributed) {
                               out_ += "<figcaption class=\"attribution\">";
                               if (!is_dash_start(display_text(q.attribution))) out_ += "\xE2\x80\x94 ";
                               traced_inlines(page_map::part::caption, q.attribution);
                               out_ += "</figcaption>\n</figure>\n";
                           }
                       },
                       [&](const model::CodeBlock& c) {
                           std::string cls;
                           for (char ch : c.language)
                               if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                                   ch == '-' || ch == '_' || ch == '+')
                                   cls += ch;
                           out_ += "<pre" + lang + "><code";
                           if (!cls.empty()) out_ += " class=\"language-" + cls + "\"";
                           out_ += ">";
                           begin_traced(page_map::part::whole);
                           traced_text(c.text);
                           end_traced();
                           out_ += "</code></pre>\n";
                       },
                       [&](const model::Table& t) { table(t, lang); },
                       [&](const model::Figure& f) {
                           out_ += "<figure" + lang + ">\n";
                           const bool shown = image(f.image, b.pos, true);
                           if (!f.caption.empty() &&
                               (shown || !cite::caption_repeats_description(f.image, f.caption, labels_))) {
                               out_ += "\n<figcaption>";
                               traced_inlines(page_map::part::caption, f.caption);
                               out_ += "</figcaption>";
                           }
                           out_ += "\n</figure>\n";
                       },
                       [&](const model::ThematicBreak&) { out_ += "<hr" + lang + "/>\n"; },
                       [&](const model::Details& d) {
                           out_ += "<div class=\"details\"" + lang + ">\n";
                           if (!d.summary.empty()) {
                               out_ += "<p class=\"summary\">";
                               traced_inlines(page_map::part::caption, d.summary);
                               out_ += "</p>\n";
                           }
                           blocks(d.blocks, depth + 1);
                           out_ += "</div>\n";
                       },
                   },
                   b.node);
    }

    void list(const model::List& l, const std::string& lang, int depth) {
        const bool tasks = std::any_of(l.items.begin(), l.items.end(), [](const model::ListItem& i) { return i.task.has_value(); });
        const char* tag = l.ordered ? "ol" : "ul";
        out_ += std::string("<") + tag + lang;
        if (tasks) out_ += " class=\"tasks\"";
        if (l.ordered && l.start != 1) out_ += " start=\"" + std::to_string(l.start) + "\"";
        out_ += ">\n";
        for (const model::ListItem& item : l.items) {
            out_ += "<li>";
            if (item.task) {
                // Text glyphs, not <input>: e-readers draw form controls unreliably,
                // and role="img" gives screen readers a word for the box.
                out_ += std::string("<span class=\"task\" role=\"img\" aria-label=\"") +
                        (*item.task ? labels_.task_done : labels_.task_open) + "\">" +
                        (*item.task ? "\xE2\x98\x91" : "\xE2\x98\x90") + "</span> ";
            }
            path_.push_back(static_cast<int>(&item - l.items.data()));
            std::size_t first = 0;
            if (l.tight && !item.blocks.empty()) {
                if (const auto* p = std::get_if<model::Paragraph>(&item.blocks.front().node)) {
                    path_.push_back(0);
                    traced_inlines(page_map::part::whole, p->content);
                    write_block_leftovers();
                    path_.pop_back();
                    first = 1;
                }
            }
            if (first < item.blocks.size()) {
                out_ += "\n";
                for (std::size_t i = first; i < item.blocks.size(); ++i) block_at(item.blocks, i, depth + 1);
            }
            path_.pop_back();
            out_ += "</li>\n";
        }
        out_ += std::string("</") + tag + ">\n";
    }

    void table(const model::Table& t, const std::string& lang) {
        const std::size_t columns =
            std::max({t.columns.size(), t.header.size(),
                      t.rows.empty() ? std::size_t{0}
                                     : std::max_element(t.rows.begin(), t.rows.end(), [](const auto& a, const auto& b) {
                                           return a.size() < b.size();
                                       })->size()});
        if (columns == 0) return;
        auto align = [&](std::size_t c) { return c < t.columns.size() ? align_class(t.columns[c]) : ""; };
        out_ += "<div class=\"table\"" + lang + ">\n<table>\n";
        if (!t.header.empty()) {
            out_ += "<thead>\n<tr>";
            for (std::size_t c = 0; c < columns; ++c) {
                out_ += std::string("<th scope=\"col\"") + align(c) + ">";
                if (c < t.header.size()) inlines(t.header[c].content);
                out_ += "</th>";
            }
            out_ += "</tr>\n</thead>\n";
        }
        if (!t.rows.empty()) {
            out_ += "<tbody>\n";
            for (const auto& row : t.rows) {
                out_ += "<tr>";
                for (std::size_t c = 0; c < columns; ++c) {
                    out_ += std::string("<td") + align(c) + ">";
                    if (c == 0) write_marks(page_map::part::table_row(static_cast<std::size_t>(&row - t.rows.data())));
                    if (c < row.size()) inlines(row[c].content);
                    out_ += "</td>";
                }
                out_ += "</tr>\n";
            }
            out_ += "</tbody>\n";
        }
        out_ += "</table>\n</div>\n";
    }

    int inline_depth_ = 0;

    void inlines(const model::Inlines& list) {
        if (inline_depth_ > kMaxNesting) {  // hostile nesting: keep the words, drop the markup
            std::string text;
            model::append_plain_text(list, text);
            out_ += xml_text(text);
            text_pos_ += model::text_bytes(list);
            return;
        }
        ++inline_depth_;
        for (const model::Inline& i : list) inline_node(i);
        --inline_depth_;
    }

    void wrap(const char* tag, const model::Inlines& children) {
        out_ += std::string("<") + tag + ">";
        inlines(children);
        out_ += std::string("</") + tag + ">";
    }

    void inline_node(const model::Inline& node) {
        marks_up_to(text_pos_);
        std::visit(Overloaded{
                       [&](const model::Text& t) { traced_text(t.text); },
                       [&](const model::Emphasis& e) { wrap("em", e.children); },
                       [&](const model::Strong& s) { wrap("strong", s.children); },
                       [&](const model::Strikethrough& s) { wrap("del", s.children); },
                       [&](const model::Superscript& s) { wrap("sup", s.children); },
                       [&](const model::Subscript& s) { wrap("sub", s.children); },
                       [&](const model::Code& c) {
                           out_ += "<code>";
                           traced_text(c.text);
                           out_ += "</code>";
                       },
                       [&](const model::Link& l) { link(l, node.pos); },
                       [&](const model::Image& i) { image(i.image, node.pos, false); },
                       [&](const model::LineBreak&) { out_ += "<br/>"; },
                       [&](const model::SoftBreak&) { out_ += "\n"; },
                       [&](const model::FootnoteRef& r) { footnote_ref(r, node.pos); },
                       [&](const model::Span& s) {
                           const std::string passage = passage_lang(s.lang, surrounding_lang());
                           const std::string attributes = lang_attributes(passage, surrounding_lang());
                           const LangScope scope(*this, passage);
                           out_ += "<span" + attributes + ">";
                           inlines(s.children);
                           out_ += "</span>";
                       },
                   },
                   node.node);
    }

    bool has_visible_content(const model::Inlines& children) const { return detail::has_visible_content(children); }

    void open_link(const std::string& href, const std::string& id, const model::Link& l) {
        out_ += "<a href=\"" + xml_attr(href) + "\"";
        if (!id.empty()) out_ += " id=\"" + id + "\"";
        if (!l.title.empty()) out_ += " title=\"" + xml_attr(l.title) + "\"";
        out_ += ">";
    }

    // The id of a cited link that the Sources list lists (and links back to), or
    // "" for one it does not list.
    std::string cite_anchor(std::ptrdiff_t index) {
        const cite::Link& c = book_.cites.links[static_cast<std::size_t>(index)];
        if (c.source < 0) return "";
        const std::string id = plan_.ids.claim("cite-" + std::to_string(index + 1));
        record_.placed[static_cast<std::size_t>(index)].back_href = plan_.file + "#" + id;
        return id;
    }

    // Renders the cite stage's decision: plain text, or a link whose id the
    // Sources list links back to when the link is listed there.
    void link(const model::Link& l, const SourcePos& pos) {
        const std::ptrdiff_t index = book_.cites.index_of(l);
        const cite::Link* c = index >= 0 ? &book_.cites.links[static_cast<std::size_t>(index)] : nullptr;
        if (in_link_ || !c || !c->live) {  // <a> cannot nest: an inner link keeps only its text
            inlines(l.children);
            return;
        }
        std::string href = href_of(c->url);
        if (c->kind == cite::Kind::internal) {
            InternalHref in_book = book_.internal_href(index_, l.target, pos);
            if (in_book.warning) diags_.add(*in_book.warning);
            record_.internal.push_back({l.target, pos, in_book});
            if (!in_book.href) {
                inlines(l.children);
                return;
            }
            href = record_.placed[static_cast<std::size_t>(index)].internal_href = *in_book.href;
        }
        const std::string id = cite_anchor(index);
        open_link(href, id, l);
        in_link_ = true;
        if (c->text_stand_in.empty()) {
            inlines(l.children);
        } else {
            out_ += xml_text(c->text_stand_in);
            text_pos_ += model::text_bytes(l.children);  // the model's text it stands in for
        }
        in_link_ = false;
        out_ += "</a>";
    }

    // Whether the picture itself is shown (else its description stands in for it).
    bool image(const model::ImageRef& ref, const SourcePos& pos, bool in_figure) {
        Diagnostics given;
        const std::optional<std::string> href = book_.image_href(ref, pos, given);
        diags_.merge(given);
        ChapterRender::PictureUse& use = record_.pictures.emplace_back(ref, pos, href, 0, 0, given.all());
        if (href) {
            const Resource& picture = book_.image_at(*href);
            use.width = picture.width;
            use.height = picture.height;
            ++record_.images_shown;
            if (ref.alt.empty()) ++record_.images_without_alt;
            out_ += "<img src=\"../" + xml_attr(*href) + "\" alt=\"" + xml_attr(ref.alt) + "\"" + size_attributes(picture);
            if (!ref.title.empty() && !in_figure) out_ += " title=\"" + xml_attr(ref.title) + "\"";
            out_ += "/>";
            return true;
        }
        // Its description stands in for it (the cite stage's rule, as on paper); its
        // address, when it has one, is a link on the description: cited as the cite
        // stage decided (a picture no format shows), else simply live (one only the
        // EPUB cannot use).
        const std::ptrdiff_t index = book_.cites.index_of(ref);
        const cite::Link* c = index >= 0 ? &book_.cites.links[static_cast<std::size_t>(index)] : nullptr;
        const std::string what = "[" + (c ? c->cited : cite::picture_description(ref, labels_)) + "]";
        out_ += in_figure ? "<p class=\"image-missing\">" : "<span class=\"image-missing\">";
        if (!in_link_ && (c ? c->live : !ref.url.empty())) {
            const std::string id = c ? cite_anchor(index) : "";
            out_ += "<a href=\"" + xml_attr(href_of(ref.url)) + "\"" + (id.empty() ? "" : " id=\"" + id + "\"") + ">" +
                    xml_text(what) + "</a>";
        } else {
            out_ += xml_text(what);
        }
        out_ += in_figure ? "</p>" : "</span>";
        return false;
    }

    void footnote_ref(const model::FootnoteRef& r, const SourcePos& pos) {
        const auto note = plan_.note_ids.find(r.number);
        if (note == plan_.note_ids.end()) {
            diags_.warning(pos, "footnote-missing", "footnote [^" + clean_text(r.label) + "] has no text; shown as plain text");
            out_ += xml_text("[^" + r.label + "]");
            return;
        }
        const std::string number = std::to_string(r.number);
        if (in_link_) {
            out_ += "<sup>" + number + "</sup>";
            return;
        }
        const std::string id = plan_.ids.claim("fnref-" + number);
        first_ref_.emplace(r.number, id);
        // The <sup> wraps the link: a <sup> inside it breaks Apple Books' pop-ups.
        out_ += "<sup class=\"noteref\"><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#" + note->second + "\" id=\"" +
                id + "\">" + number + "</a></sup>";
    }

    void footnotes() {
        const model::Chapter& ch = *plan_.chapter;
        for (std::size_t i = 0; i < ch.footnotes.size(); ++i) {
            const model::Footnote& fn = ch.footnotes[i];
            const std::string number = std::to_string(fn.number);
            out_ += "<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\" id=\"" + plan_.note_sequence[i] + "\">\n";
            const auto ref = first_ref_.find(fn.number);
            const std::string back = ref != first_ref_.end() && plan_.note_ids.at(fn.number) == plan_.note_sequence[i]
                                         ? "<a class=\"backlink\" role=\"doc-backlink\" href=\"#" + ref->second + "\">" + number + "</a> "
                                         : "<span class=\"note-number\">" + number + "</span> ";
            std::size_t first = 0;
            if (!fn.blocks.empty()) {
                if (const auto* p = std::get_if<model::Paragraph>(&fn.blocks.front().node)) {
                    out_ += "<p>" + back;
                    inlines(p->content);
                    out_ += "</p>\n";
                    first = 1;
                }
            }
            if (first == 0) out_ += "<p>" + back + "</p>\n";
            for (std::size_t b = first; b < fn.blocks.size(); ++b) block(fn.blocks[b], 1);
            out_ += "</aside>\n";
        }
    }
};


void append_blocks_text(const model::Blocks& blocks, std::string& out, int depth) {
    for (const model::Block& b : blocks) append_block_text(b, out, depth);
}

void append_block_text(const model::Block& b, std::string& out, int depth) {
    if (depth > 256) return;
    if (!out.empty()) out += ' ';
    std::visit(Overloaded{
                   [&](const model::Heading& h) { model::append_plain_text(h.content, out); },
                   [&](const model::Paragraph& p) { model::append_plain_text(p.content, out); },
                   [&](const model::List& l) {
                       for (const auto& item : l.items) append_blocks_text(item.blocks, out, depth + 1);
                   },
                   [&](const model::BlockQuote& q) {
                       append_blocks_text(q.blocks, out, depth + 1);
                       model::append_plain_text(q.attribution, out);
                   },
                   [&](const model::CodeBlock& c) { out += c.text; },
                   [&](const model::Table& t) {
                       for (const auto& cell : t.header) model::append_plain_text(cell.content, out), out += ' ';
                       for (const auto& row : t.rows)
                           for (const auto& cell : row) model::append_plain_text(cell.content, out), out += ' ';
                   },
                   [&](const model::Figure& f) { model::append_plain_text(f.caption, out); },
                   [&](const model::ThematicBreak&) {},
                   [&](const model::Details& d) {
                       model::append_plain_text(d.summary, out);
                       append_blocks_text(d.blocks, out, depth + 1);
                   },
               },
               b.node);
}

}  // namespace

std::string display_text(const model::Inlines& inlines) {
    std::string out;
    model::append_plain_text(inlines, out);
    return model::collapse_spaces(clean_text(out));
}

bool has_visible_content(const model::Inlines& children) {
    if (!display_text(children).empty()) return true;
    return std::any_of(children.begin(), children.end(),
                       [](const model::Inline& i) { return std::holds_alternative<model::Image>(i.node); });
}

std::string passage_lang(const std::string& lang, const std::string& surrounding) {
    if (lang.empty() || !is_language_tag(lang) || same_language(lang, surrounding)) return "";
    return lang;
}

std::string xhtml_document(const std::string& lang, const std::string& title, const std::string& css_href,
                           const std::string& body_attributes, const std::string& body) {
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n";
    out += "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"" + lang_attributes(lang) + ">\n";
    out += "<head>\n<title>" + xml_text(title) + "</title>\n";
    out += "<link rel=\"stylesheet\" type=\"text/css\" href=\"" + xml_attr(css_href) + "\"/>\n</head>\n";
    out += "<body" + body_attributes + ">\n" + body + "</body>\n</html>\n";
    return out;
}

ChapterRender render_chapter(Book& book, std::size_t index) {
    ChapterRender record;
    record.document = ChapterWriter(book, index, record).render();
    return record;
}

std::string page_marker_id(std::size_t page) { return "page-" + std::to_string(page + 1); }

std::string page_marker(Book& book, std::size_t page, const std::string& file, const std::string& id) {
    book.pages.hrefs[page] = file + "#" + id;
    return page_marker_span(book, page, id);
}

std::string page_marker_span(const Book& book, std::size_t page, const std::string& id) {
    // Empty, so that it adds nothing to the text; its name is the printed folio.
    return "<span epub:type=\"pagebreak\" role=\"doc-pagebreak\" id=\"" + id + "\" aria-label=\"" +
           xml_attr(book.settings.page_map.pages[page].label) + "\"/>";
}

namespace {

// One Sources entry as the cite stage filed it: the address (and where a page of
// this book is in it), its title, the texts it was cited for with a way back to
// each citation, and the access date. The PDF prints the same, with page numbers
// where this has back-links.
// `marks`: page-break markers that open it.
std::string source_entry(const Book& book, const cite::Source& source, const std::string& marks = "") {
    const words::Words& labels = book.words;
    const std::string href = xml_attr(href_of(source.url));
    std::string out = "<li id=\"source-" + std::to_string(source.number) + "\">" + marks + "<a class=\"url\" href=\"" +
                      href + "\">" + xml_text(source.printed) + "</a>";
    std::string in_book;
    for (const cite::CitedText& cited : source.cited)
        for (const std::size_t link : cited.links)
            if (in_book.empty()) in_book = book.placed[link].internal_href;
    if (!in_book.empty())
        out += " (<a href=\"" + xml_attr(in_book) + "\">" + xml_text(labels.in_this_book) + "</a>)";
    out += "<br/>";
    if (!source.title.empty()) out += "<cite>" + xml_text(source.title) + "</cite>. ";
    // An unquoted entry (its address was its own text) gives only the ways back to it.
    std::vector<std::string> items;
    for (const cite::CitedText& cited : source.cited) {
        std::string item;
        if (cited.quoted) {
            if (items.empty()) item = "<span class=\"cited-for\">" + xml_text(labels.cited_for) + "</span> ";
            item += xml_text(labels.quotes.open + labels.quotes.inside) + "<a href=\"" + href + "\">" + xml_text(cited.text) +
                    "</a>" + xml_text(labels.quotes.inside + labels.quotes.close);
        }
        for (const std::size_t link : cited.links) {
            const std::string& back = book.placed[link].back_href;
            if (back.empty()) continue;
            item += std::string(item.empty() ? "" : "\xC2\xA0") + "<a role=\"doc-backlink\" class=\"backlink\" href=\"" +
                    xml_attr(back) + "\" aria-label=\"" + xml_attr(labels.back_to_text) + "\">\xE2\x86\xA9</a>";
        }
        if (!item.empty()) items.push_back(std::move(item));
    }
    for (std::size_t i = 0; i < items.size(); ++i) out += items[i] + (i + 1 < items.size() ? "; " : ".");
    if (!book.cites.accessed.empty())
        out += (items.empty() ? "" : " ") + xml_text(labels.accessed) + " " + xml_text(book.cites.accessed) + ".";
    return out + "</li>\n";
}

}  // namespace

std::string sources_file(std::size_t part) {
    return part == 0 ? std::string(kSourcesFile) : "sources-" + std::to_string(part + 1) + ".xhtml";
}

namespace {

// The markers of pages that begin at Sources entry `source` (-1: the list's start)
// or, `part` group_heading, at the heading of the group it opens; written into
// the part `file_part` of the list.
std::string source_marks(Book& book, int source, int part, std::size_t file_part) {
    std::string html;
    const auto it = book.pages.sources.find(source);
    if (it == book.pages.sources.end()) return html;
    std::vector<PageMark> left;
    for (const PageMark& m : it->second) {
        if (m.part == part) html += page_marker(book, m.page, kTextDir + sources_file(file_part), page_marker_id(m.page));
        else left.push_back(m);
    }
    if (left.empty()) book.pages.sources.erase(it);
    else it->second = std::move(left);
    return html;
}

}  // namespace

std::vector<SourcesPart> render_sources(Book& book) {
    const words::Words& labels = book.words;
    std::vector<SourcesPart> parts;
    std::string first_title;
    std::string out;
    const auto marks_at = [&](int source, int part) { return source_marks(book, source, part, parts.size()); };
    out += "<section epub:type=\"bibliography\" role=\"doc-bibliography\" aria-labelledby=\"sources-title\">\n";
    out += marks_at(-1, page_map::part::whole);
    out += std::string("<h1 class=\"chapter-title\" id=\"sources-title\">") + xml_text(labels.sources) + "</h1>\n";
    out += std::string("<p class=\"sources-intro\">") + xml_text(labels.sources_intro) + "</p>\n";
    auto finish = [&] {
        out += "</section>\n";
        parts.push_back({xhtml_document(book.lang, labels.sources, "../" + std::string(kCssFile), "", out), first_title});
        first_title.clear();
        // A part after the first continues the list under the same title.
        out = "<section epub:type=\"bibliography\" role=\"doc-bibliography\" aria-label=\"" + xml_attr(labels.sources) + "\">\n";
    };
    for (const cite::SourceGroup& group : book.cites.groups) {
        const ChapterPlan& plan = book.chapters[static_cast<std::size_t>(group.chapter)];
        auto open_group = [&](int start, bool first) {
            if (first_title.empty()) first_title = plan.title;
            if (first) out += marks_at(static_cast<int>(group.entries.front()), page_map::part::group_heading);
            out += "<section class=\"sources-chapter\"" + lang_attributes(passage_lang(plan.lang, book.lang), book.lang) + ">\n";
            out += "<h2" + (first ? " id=\"sources-" + std::to_string(group.chapter + 1) + "\"" : std::string()) + ">" +
                   xml_text(plan.title) + "</h2>\n";
            out += "<ol class=\"sources\" start=\"" + std::to_string(start) + "\">\n";
        };
        open_group(book.cites.sources[group.entries.front()].number, true);
        std::size_t in_list = 0;
        for (const std::size_t k : group.entries) {
            std::string entry = source_entry(book, book.cites.sources[k]);
            // Adobe-engine readers refuse documents much over 300 KB: a part ends
            // before it would pass kMaxSourcesPart, between entries.
            if (in_list > 0 && out.size() + entry.size() > kMaxSourcesPart) {
                out += "</ol>\n</section>\n";
                finish();
                open_group(book.cites.sources[k].number, false);
                in_list = 0;
            }
            if (const std::string marks = marks_at(static_cast<int>(k), page_map::part::whole); !marks.empty())
                entry = source_entry(book, book.cites.sources[k], marks);
            out += entry;
            ++in_list;
        }
        out += "</ol>\n</section>\n";
    }
    finish();
    return parts;
}

std::string render_cover(const Book& book) {
    const Resource& image = book.images.at(*book.cover_image);
    std::string out = "<section epub:type=\"cover\" class=\"cover\">\n<img src=\"../" + xml_attr(image.href) + "\" alt=\"" +
                      xml_attr(book.title) + "\"" + size_attributes(image) + "/>\n</section>\n";
    return xhtml_document(book.lang, book.words.cover, "../" + std::string(kCssFile), "", out);
}

std::string render_title_page(Book& book) {
    const model::Metadata& meta = book.document.meta;
    std::string out = "<section epub:type=\"titlepage\" class=\"title-page\">\n";
    for (const std::size_t page : book.pages.title)
        out += page_marker(book, page, std::string(kTextDir) + kTitleFile, page_marker_id(page)) + "\n";
    out += "<h1 class=\"title\">" + xml_text(book.title) + "</h1>\n";
    if (!meta.subtitle.empty()) out += "<p class=\"subtitle\">" + xml_text(meta.subtitle) + "</p>\n";
    if (!meta.authors.empty()) {
        std::string names;
        for (const std::string& a : meta.authors) names += (names.empty() ? "" : ", ") + a;
        out += "<p class=\"authors\">" + xml_text(names) + "</p>\n";
    }
    // Dates as the PDF's title page writes them: the manifest's date, or the build
    // date where the style asks for it (the same date unless SOURCE_DATE_EPOCH differs).
    if (const std::optional<std::int64_t> t = parse_iso_date(meta.date); t && !book.style.build_date)
        out += "<p class=\"date\">" + xml_text(words::format_date(*t, book.words)) + "</p>\n";
    if (book.style.build_date)
        out += "<p class=\"date\">" + xml_text(book.words.built_on + " " + words::format_date(book.settings.modified, book.words)) +
               "</p>\n";
    out += "</section>\n";
    return xhtml_document(book.lang, book.title, "../" + std::string(kCssFile), "", out);
}

}  // namespace booklet::epub::detail

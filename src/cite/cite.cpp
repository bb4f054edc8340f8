// cite_document: one walk over the book in reading order that decides every link
// and footnote call (see booklet/cite.hpp) and files the Sources list as it goes.
#include "booklet/cite.hpp"

#include "booklet/ascii.hpp"
#include "booklet/dates.hpp"
#include "booklet/model_walk.hpp"
#include "booklet/url_text.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string_view>

namespace booklet::cite {
namespace {

// Deeper inline nesting than the markdown stage ever makes: a hand-made document
// is read no further (its links there stay plain text in every format).
constexpr int kMaxDepth = 256;
// Footnotes printed inside notes inside notes (FootnoteCall::in_parentheses): a
// chain of them is read and printed by recursion, so it is cut here.
constexpr int kMaxNotesInNotes = 8;

std::string_view without_end_slashes(std::string_view s) {
    while (!s.empty() && s.back() == '/') s.remove_suffix(1);
    return s;
}

// "mailto:info@example.org" -> "info@example.org" (the scheme in any case).
std::string without_scheme(const std::string& url, std::string_view scheme) {
    if (!ascii_iequal(std::string_view(url).substr(0, scheme.size()), scheme)) return url;
    return url.substr(scheme.size());
}

// A mail address or phone number without its scheme, otherwise as written: the
// query and escapes stay, so the note holds the whole address the page links to
// (a reader can type it back; the corpus checker looks for it whole).
std::string printed_address(const std::string& url, Kind kind) {
    return without_scheme(url, kind == Kind::phone ? "tel:" : "mailto:");
}

// `text` without one pair of quotation marks around all of it ("…", “…”, „…“, «…»,
// '…', ‘…’, ‹…›, 「…」) and the spaces inside them: the Sources list adds its own.
std::string without_outer_quotes(const std::string& text) {
    static constexpr std::string_view opening[] = {"\"", "\u201C", "\u201E", "\u00AB", "'", "\u2018", "\u201A", "\u2039", "\u300C"};
    static constexpr std::string_view closing[] = {"\"", "\u201D", "\u201C", "\u00BB", "'", "\u2019", "\u2018", "\u203A", "\u300D"};
    const std::string_view t = text;
    for (const std::string_view open : opening) {
        if (!t.starts_with(open)) continue;
        for (const std::string_view close : closing) {
            if (t.size() <= open.size() + close.size() || !t.ends_with(close)) continue;
            std::string_view inner = t.substr(open.size(), t.size() - open.size() - close.size());
            for (const std::string_view space : {std::string_view(" "), std::string_view("\u00A0"), std::string_view("\u202F")}) {
                while (inner.starts_with(space)) inner.remove_prefix(space.size());
                while (inner.ends_with(space)) inner.remove_suffix(space.size());
            }
            if (!inner.empty()) return std::string(inner);
        }
    }
    return text;
}

bool has_image(const model::Inlines& inlines, int depth = 0) {
    if (depth > kMaxDepth) return false;
    for (const auto& in : inlines) {
        if (std::holds_alternative<model::Image>(in.node)) return true;
        const bool inside = std::visit(
            [&](const auto& n) {
                if constexpr (requires { n.children; }) return has_image(n.children, depth + 1);
                else return false;
            },
            in.node);
        if (inside) return true;
    }
    return false;
}

Kind kind_of(model::LinkKind k) {
    switch (k) {
    case model::LinkKind::external: return Kind::external;
    case model::LinkKind::internal: return Kind::internal;
    case model::LinkKind::email: return Kind::mail;
    case model::LinkKind::phone: return Kind::phone;
    case model::LinkKind::refused: return Kind::refused;
    case model::LinkKind::unresolved: break;
    }
    return Kind::unresolved;
}

class Citer {
public:
    Citer(const model::Document& doc, const style::LinkPolicy& policy, const words::Words& words, Citations& out)
        : doc_(doc), policy_(policy), words_(words), out_(out) {}

    void chapter(std::size_t index) {
        chapter_ = static_cast<int>(index);
        if (policy_.numbering == style::NoteNumbering::per_chapter) counter_ = 0;
        entry_by_url_.clear();
        const model::Chapter& ch = doc_.chapters[index];
        // By label, the first of a label: a call looked each up through the list.
        footnotes_.clear();
        for (const model::Footnote& fn : ch.footnotes) footnotes_.emplace(fn.label, &fn);
        called_by_text_.clear();
        // The footnotes the text calls, as deep as inlines() reads.
        model::walk_blocks(ch.blocks, [](const model::Block&) {}, [&](const model::Inlines& in) {
            model::walk_inlines(in, [&](const model::Inline& i) {
                if (const auto* r = std::get_if<model::FootnoteRef>(&i.node))
                    if (const model::Footnote* fn = footnote_for(*r)) called_by_text_.insert(fn);
            }, kMaxDepth);
        });
        model::walk_blocks(ch.blocks, [&](const model::Block& b) { figure(b); }, [&](const model::Inlines& in) { inlines(in, 0); });
        // Footnotes nobody calls are not read at any call: their links list nothing.
        listing_ = false;
        for (const model::Footnote& fn : ch.footnotes)
            if (!read_.count(&fn)) footnote_text(fn);
        listing_ = true;
    }

private:
    const model::Document& doc_;
    const style::LinkPolicy& policy_;
    const words::Words& words_;
    Citations& out_;
    int chapter_ = 0;
    int counter_ = 0;
    int link_depth_ = 0;      // links around the current inline
    bool in_note_ = false;
    bool listing_ = true;     // links read now may be listed in Sources
    std::set<const model::Footnote*> read_;
    std::map<std::string_view, const model::Footnote*> footnotes_;  // this chapter's, by label
    std::set<const model::Footnote*> called_by_text_;  // this chapter's, outside its notes
    int note_depth_ = 0;      // footnote texts being read, one inside the other
    std::map<std::string, std::size_t> entry_by_url_;  // this chapter's Sources entries, by address_identity

    void inlines(const model::Inlines& list, int depth) {
        if (depth > kMaxDepth) return;
        for (const model::Inline& in : list) {
            if (const auto* l = std::get_if<model::Link>(&in.node)) {
                link(*l);
                ++link_depth_;
                inlines(l->children, depth + 1);
                --link_depth_;
            } else if (const auto* r = std::get_if<model::FootnoteRef>(&in.node)) {
                footnote_ref(*r);
            } else if (const auto* im = std::get_if<model::Image>(&in.node)) {
                picture(im->image);
            } else {
                std::visit(
                    [&](const auto& n) {
                        if constexpr (requires { n.children; }) inlines(n.children, depth + 1);
                    },
                    in.node);
            }
        }
    }

    int next_note() { return policy_.numbering == style::NoteNumbering::per_page ? 0 : ++counter_; }

    const model::Footnote* footnote_for(const model::FootnoteRef& ref) const {
        const auto it = footnotes_.find(ref.label);
        return it == footnotes_.end() ? nullptr : it->second;
    }

    void footnote_ref(const model::FootnoteRef& ref) {
        FootnoteCall call;
        call.chapter = chapter_;
        call.footnote = footnote_for(ref);
        // A call inside a note has no note of its own on paper: a footnote that the
        // text never calls is printed there, in parentheses, or nowhere.
        const bool called = !in_note_ && call.footnote;
        if (called) call.note = next_note();
        call.in_parentheses = in_note_ && call.footnote && !called_by_text_.count(call.footnote) &&
                              note_depth_ < kMaxNotesInNotes;
        out_.call_index.emplace(&ref, out_.calls.size());
        out_.calls.push_back(call);
        if ((called || call.in_parentheses) && !read_.count(call.footnote)) footnote_text(*call.footnote);
    }

    // A footnote's text, read where it is first called: inside a note, and not
    // inside the link that may hold the call.
    void footnote_text(const model::Footnote& fn) {
        read_.insert(&fn);
        const bool outer_note = in_note_;
        const int outer_links = link_depth_;
        in_note_ = true;
        link_depth_ = 0;
        ++note_depth_;
        model::walk_blocks(fn.blocks, [&](const model::Block& b) { figure(b); }, [&](const model::Inlines& in) { inlines(in, 0); });
        --note_depth_;
        in_note_ = outer_note;
        link_depth_ = outer_links;
    }

    void link(const model::Link& l) { add(&l, decide(l)); }

    void figure(const model::Block& b) {
        if (const auto* f = std::get_if<model::Figure>(&b.node)) picture(f->image);
    }

    // A picture neither format shows, whose address stands in for it: cited like
    // a link whose text is the picture's description.
    void picture(const model::ImageRef& image) {
        if (!image.file.empty() || image.url.empty()) return;
        Link c;
        c.picture = true;
        c.live = link_depth_ == 0;
        c.url = c.printed = image.url;
        c.cited = picture_description(image, words_);
        c.print = !c.live || !policy_.footnote_urls ? Print::none : in_note_ ? Print::in_parentheses : Print::note;
        add(&image, std::move(c));
    }

    void add(const void* source, Link c) {
        c.chapter = chapter_;
        c.in_note = in_note_;
        const std::size_t index = out_.links.size();
        if (c.print == Print::note) c.note = next_note();
        const bool listed = listing_ && c.live && link_depth_ == 0 && !c.url.empty() &&
                            (c.kind == Kind::external || c.kind == Kind::internal);
        out_.link_index.emplace(source, index);
        out_.links.push_back(std::move(c));
        if (listed) list(index);
    }

    // Everything about a link that does not depend on where it stands in the book.
    Link decide(const model::Link& l) const {
        const model::LinkTarget& t = l.target;
        Link c;
        c.kind = kind_of(t.kind);
        c.title = l.title;
        if (c.kind == Kind::refused || c.kind == Kind::unresolved || link_depth_ > 0) {
            c.cited = model::plain_text(l.children);
            return c;
        }
        c.live = true;
        if (c.kind == Kind::internal) {
            c.url = t.web_url;
            c.printed = t.web_url;
        } else {
            c.url = t.url;
            c.printed = c.kind == Kind::mail || c.kind == Kind::phone ? printed_address(t.url, c.kind) : t.url;
        }
        c.cited = model::plain_text(l.children);
        if (c.cited.empty() && !has_image(l.children)) {
            const model::Chapter* target = c.kind == Kind::internal ? doc_.find_chapter(t.chapter) : nullptr;
            c.text_stand_in = target ? target->title : c.printed;
            c.cited = c.text_stand_in;
        }
        if (c.printed.empty()) return c;  // an internal page without web address: its page reference will do
        const bool shown = c.kind != Kind::internal &&
                           (text_shows_url(c.cited, t.url) || text_shows_url(c.cited, c.printed));
        if (shown) c.print = Print::in_text;
        else if (!policy_.footnote_urls) c.print = Print::none;
        else if (in_note_) c.print = c.kind == Kind::internal ? Print::none : Print::in_parentheses;
        else c.print = Print::note;
        return c;
    }

    void list(std::size_t index) {
        Link& c = out_.links[index];
        auto [it, fresh] = entry_by_url_.emplace(address_identity(c.url), out_.sources.size());
        if (fresh) {
            Source s;
            s.number = static_cast<int>(out_.sources.size()) + 1;
            s.chapter = chapter_;
            s.kind = c.kind;
            s.url = c.url;
            s.printed = c.printed;
            out_.sources.push_back(std::move(s));
            if (out_.groups.empty() || out_.groups.back().chapter != chapter_) out_.groups.push_back({chapter_, {}});
            out_.groups.back().entries.push_back(it->second);
        }
        Source& s = out_.sources[it->second];
        if (s.title.empty()) s.title = c.title;
        c.source = static_cast<int>(it->second);
        const std::string text = without_outer_quotes(c.cited);
        for (CitedText& t : s.cited)
            if (t.text == text) return t.links.push_back(index);
        s.cited.push_back({text, {index}});
    }
};

}  // namespace

bool text_shows_url(std::string_view text, std::string_view url) {
    return !url.empty() && ascii_iequal(without_end_slashes(text), without_end_slashes(url));
}

const Link* Citations::find(const model::Link& link) const {
    const auto it = link_index.find(&link);
    return it == link_index.end() ? nullptr : &links[it->second];
}

const FootnoteCall* Citations::find(const model::FootnoteRef& call) const {
    const auto it = call_index.find(&call);
    return it == call_index.end() ? nullptr : &calls[it->second];
}

std::ptrdiff_t Citations::index_of(const model::Link& link) const { return index_at(&link); }

std::ptrdiff_t Citations::index_of(const model::ImageRef& picture) const { return index_at(&picture); }

std::ptrdiff_t Citations::index_at(const void* source) const {
    const auto it = link_index.find(source);
    return it == link_index.end() ? -1 : static_cast<std::ptrdiff_t>(it->second);
}

std::vector<ChapterLinks> links_by_chapter(const Citations& cites, std::size_t chapters) {
    std::vector<ChapterLinks> out(chapters);
    int last = -1;
    for (std::size_t i = 0; i < cites.links.size(); ++i) {
        const Link& link = cites.links[i];
        if (link.chapter < 0 || static_cast<std::size_t>(link.chapter) >= chapters) continue;
        ChapterLinks& own = out[static_cast<std::size_t>(link.chapter)];
        if (own.links.empty()) own.first = i;
        else if (link.chapter != last) own.contiguous = false;
        last = link.chapter;
        own.links.push_back(link);
    }
    return out;
}

std::string picture_description(const model::ImageRef& image, const words::Words& words) {
    // A file name is no description (the markdown stage drops alt texts that are one).
    return !image.alt.empty() ? image.alt : !image.title.empty() ? image.title : words.image;
}

bool caption_repeats_description(const model::ImageRef& image, const model::Inlines& caption,
                                 const words::Words& words) {
    return model::plain_text(caption) == picture_description(image, words);
}

Citations cite_document(const model::Document& document, const style::LinkPolicy& policy, std::int64_t build_time) {
    return cite_document(document, policy, build_time,
                         words::for_language(document.meta.language, {&document.meta.labels}));
}

Citations cite_document(const model::Document& document, const style::LinkPolicy& policy, std::int64_t build_time,
                        const words::Words& words) {
    Citations out;
    out.numbering = policy.numbering;
    // Written as the book writes every date (the title page's build date too).
    if (policy.sources_accessed) out.accessed = words::format_date(build_time, words);
    Citer citer(document, policy, words, out);
    for (std::size_t i = 0; i < document.chapters.size(); ++i) citer.chapter(i);
    for (Source& source : out.sources) {
        const bool only_address = std::all_of(source.cited.begin(), source.cited.end(), [&](const CitedText& t) {
            return text_shows_url(t.text, source.url) || text_shows_url(t.text, source.printed);
        });
        if (only_address)
            for (CitedText& t : source.cited) t.quoted = false;
    }
    return out;
}

}  // namespace booklet::cite

// The cite stage's decisions as text: every link and footnote call in reading
// order, then the Sources list by chapter.
#include "booklet/dump.hpp"

namespace booklet::dump {
namespace {

const char* kind_name(cite::Kind k) {
    switch (k) {
    case cite::Kind::external: return "external";
    case cite::Kind::internal: return "internal";
    case cite::Kind::mail: return "mail";
    case cite::Kind::phone: return "phone";
    case cite::Kind::refused: return "refused";
    case cite::Kind::unresolved: return "unresolved";
    }
    return "external";
}

const char* print_name(cite::Print p) {
    switch (p) {
    case cite::Print::none: return "none";
    case cite::Print::in_text: return "in-text";
    case cite::Print::note: return "note";
    case cite::Print::in_parentheses: return "in-parentheses";
    }
    return "none";
}

const char* numbering_name(style::NoteNumbering n) {
    switch (n) {
    case style::NoteNumbering::per_chapter: return "per_chapter";
    case style::NoteNumbering::per_page: return "per_page";
    case style::NoteNumbering::per_book: return "per_book";
    }
    return "per_chapter";
}

std::string chapter_id(const model::Document& doc, int chapter) {
    return chapter >= 0 && static_cast<std::size_t>(chapter) < doc.chapters.size()
               ? doc.chapters[static_cast<std::size_t>(chapter)].id
               : "?";
}

std::string link_line(const model::Document& doc, const cite::Link& l, std::size_t index) {
    std::string out = "link " + std::to_string(index + 1) + " " + chapter_id(doc, l.chapter) + " " +
                      kind_name(l.kind) + (l.picture ? " picture" : "") + (l.in_note ? " in-note" : "") +
                      (l.live ? "" : " plain") +
                      " print=" + print_name(l.print);
    if (l.print == cite::Print::note) out += " note=" + (l.note > 0 ? std::to_string(l.note) : std::string("page"));
    if (l.source >= 0) out += " source=" + std::to_string(l.source + 1);
    out += " cited=" + json_string(l.cited);
    if (!l.printed.empty()) out += " printed=" + json_string(l.printed);
    if (!l.url.empty() && l.url != l.printed) out += " url=" + json_string(l.url);
    if (!l.title.empty()) out += " title=" + json_string(l.title);
    return out + "\n";
}

}  // namespace

std::string citations(const model::Document& document, const cite::Citations& cites) {
    std::string out = "numbering " + std::string(numbering_name(cites.numbering)) + "\n";
    if (!cites.accessed.empty()) out += "accessed " + cites.accessed + "\n";
    for (std::size_t i = 0; i < cites.links.size(); ++i) out += link_line(document, cites.links[i], i);
    for (const cite::FootnoteCall& call : cites.calls) {
        out += "footnote " + chapter_id(document, call.chapter) + " " +
               (call.footnote ? json_string(call.footnote->label) : std::string("missing"));
        if (call.footnote) out += call.note > 0 ? " note=" + std::to_string(call.note) : std::string(" note=page");
        out += "\n";
    }
    for (const cite::SourceGroup& group : cites.groups) {
        out += "sources " + chapter_id(document, group.chapter) + "\n";
        for (const std::size_t k : group.entries) {
            const cite::Source& s = cites.sources[k];
            out += "  " + std::to_string(s.number) + ". " + json_string(s.printed);
            if (s.kind == cite::Kind::internal) out += " in-this-book";
            if (!s.title.empty()) out += " title=" + json_string(s.title);
            out += "\n";
            for (const cite::CitedText& c : s.cited) {
                out += "     cited " + json_string(c.text) + " by link";
                for (const std::size_t link : c.links) out += " " + std::to_string(link + 1);
                out += "\n";
            }
        }
    }
    return out;
}

}  // namespace booklet::dump

// The whole booklet: pages in manifest order become chapters; then what needs all
// chapters at once (internal links, anchors) is settled.
#include "booklet/markdown.hpp"

#include "context.hpp"
#include "convert.hpp"
#include "kept_pages.hpp"
#include "template.hpp"
#include "text.hpp"
#include "booklet/model_walk.hpp"
#include "booklet/parallel.hpp"
#include "typography.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <set>

namespace booklet::markdown {
namespace fs = std::filesystem;

// Chapter ids and site paths. A page "name.md" is chapter "name" at /name. A page
// "name.LANG.md" (LANG a language tag such as nl or pt-BR) is a translation: its
// chapter id is still "name" (slugified), its language is LANG unless the front
// matter says otherwise, and it answers to /name and /LANG/name, which is how
// multilingual sites such as pauseai.info address translations. A front matter
// `slug:` adds /slug. Ids that collide get "-2", "-3", ... in manifest order.
PageName page_name(const fs::path& page) {
    PageName out;
    fs::path stem = page.filename();
    const std::string ext = stem.extension().string();
    if (ext == ".md" || ext == ".markdown" || ext == ".MD") stem = stem.stem();
    const std::string inner = stem.extension().string();
    if (inner.size() >= 3 && inner.size() <= 9) {
        const std::string tag = inner.substr(1);
        const bool short_primary = tag.find('-') == std::string::npos ? tag.size() <= 3 : tag.find('-') <= 3;
        if (short_primary && source::is_language_tag(tag)) {
            out.lang = tag;
            stem = stem.stem();
        }
    }
    out.base = stem.string();
    out.id = slugify(out.base);
    return out;
}

namespace {

struct Page {
    source::SourcePage source;
    PageName name;
    std::string id;
    std::string slug;
};

std::string scalar_or_yaml(const config::ConfigNode& n) {
    if (n.is_scalar()) return n.scalar;
    if (n.kind == config::ConfigNode::Kind::null) return "";
    return config::to_yaml(n);
}

// Numbers footnotes 1..n in order of first reference: body first, then the
// footnotes themselves in their new order (a note may cite another note). Notes
// nobody refers to are dropped.
void renumber_footnotes(model::Chapter& ch) {
    std::map<std::string, int> number;
    std::vector<std::string> order;
    std::set<std::string> defined;
    for (const auto& fn : ch.footnotes) defined.insert(fn.label);
    const auto visit = [&](model::Inline& in) {
        auto* ref = std::get_if<model::FootnoteRef>(&in.node);
        if (!ref) return;
        if (!defined.count(ref->label)) return;
        auto [it, fresh] = number.emplace(ref->label, static_cast<int>(order.size()) + 1);
        if (fresh) order.push_back(ref->label);
        ref->number = it->second;
    };
    const auto each = [&](model::Inlines& inlines) { walk_inlines(inlines, visit); };
    walk_blocks(ch.blocks, [](auto&) {}, each);
    std::vector<model::Footnote> sorted;
    for (std::size_t i = 0; i < order.size(); ++i) {
        auto it = std::find_if(ch.footnotes.begin(), ch.footnotes.end(),
                               [&](const model::Footnote& f) { return f.label == order[i]; });
        if (it == ch.footnotes.end()) continue;
        model::Footnote fn = std::move(*it);
        it->label.clear();  // taken; a second definition with the same label is not reused
        fn.number = static_cast<int>(i) + 1;
        walk_blocks(fn.blocks, [](auto&) {}, each);  // may append to `order`
        sorted.push_back(std::move(fn));
    }
    // References without a kept definition read as written.
    const auto unlinked = [&](model::Inlines& inlines) {
        for (auto& in : inlines)
            if (auto* ref = std::get_if<model::FootnoteRef>(&in.node); ref && ref->number == 0)
                in.node = model::Text{"[^" + ref->label + "]"};
    };
    walk_blocks(ch.blocks, [](auto&) {}, unlinked);
    ch.footnotes = std::move(sorted);
}

// Heading ids: explicit ones ({#id}, id="") first, so that a slug never takes an
// id a page asked for; then slugs of the heading text. Duplicates get -1, -2, ...
void assign_heading_ids(model::Chapter& ch, PageContext& ctx) {
    std::vector<model::Block*> headings;
    const auto collect = [&](model::Block& b) {
        if (std::holds_alternative<model::Heading>(b.node)) headings.push_back(&b);
    };
    walk_blocks(ch.blocks, collect, [](auto&) {});
    for (auto& fn : ch.footnotes) walk_blocks(fn.blocks, collect, [](auto&) {});

    std::set<std::string> used;
    std::map<std::string, int> first_line;
    const auto unique = [&](const std::string& wanted) {
        std::string id = wanted;
        for (int n = 1; used.count(id); ++n) id = wanted + "-" + std::to_string(n);
        used.insert(id);
        return id;
    };
    for (model::Block* b : headings) {
        auto& h = std::get<model::Heading>(b->node);
        if (h.explicit_id.empty()) continue;
        if (used.count(h.explicit_id)) {
            ctx.warn(b->pos, "heading-id-duplicate",
                     "heading id '" + h.explicit_id + "' is given twice (first on line " +
                         std::to_string(first_line[h.explicit_id]) + ")");
        } else {
            first_line[h.explicit_id] = b->pos.line;
        }
        h.id = unique(h.explicit_id);
    }
    for (model::Block* b : headings) {
        auto& h = std::get<model::Heading>(b->node);
        if (!h.explicit_id.empty()) continue;
        std::string slug = slugify(model::plain_text(h.content));
        if (slug.empty()) slug = "section";
        h.id = unique(slug);
    }
}

// A heading over nothing is not printed: the reader would be told that something
// follows and nothing does. A heading's section is empty when the next block is a
// heading of its level or above, or the chapter ends. It goes when the chapter ends
// there, when a higher heading follows, or when something was left out of the
// section (an embed, a component, template code); two headings of one level in a
// row that the author wrote that way stay (the first acts as a title over the next).
void drop_empty_sections(model::Chapter& ch, const PageContext& ctx) {
    model::Blocks& blocks = ch.blocks;
    for (std::size_t i = blocks.size(); i-- > 0;) {
        const auto* h = std::get_if<model::Heading>(&blocks[i].node);
        if (!h) continue;
        const model::Block* next = i + 1 < blocks.size() ? &blocks[i + 1] : nullptr;
        const auto* next_heading = next ? std::get_if<model::Heading>(&next->node) : nullptr;
        if (next && (!next_heading || next_heading->level > h->level)) continue;  // it has content
        const int from = blocks[i].pos.line;
        const int to = next ? next->pos.line : std::numeric_limits<int>::max();
        const bool lost = std::any_of(ctx.dropped_lines.begin(), ctx.dropped_lines.end(),
                                      [&](int line) { return line >= from && line <= to; });
        if (next_heading && next_heading->level == h->level && !lost) continue;
        const std::string why = !next ? "the chapter ends" : lost ? "what stood under it was left out" : "a higher heading follows";
        ctx.warn(blocks[i].pos, "heading-empty",
                 "heading '" + model::plain_text(h->content) + "' has nothing under it (" + why + "); it is not printed");
        blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i));
    }
}

// Every string of the chapter in NFC and valid UTF-8 (model.hpp's promise); done
// as the page is converted, so a watch session's unchanged pages are not walked
// again (1-2 ms of a rebuild of the corpus). What resolving links later writes is
// normalised where it is written.
void normalise_text(model::Chapter& ch) {
    const auto fix = [](std::string& s) { make_nfc(s); };
    const auto fix_image = [&](model::ImageRef& img) {
        fix(img.src);
        fix(img.url);
        fix(img.alt);
        fix(img.title);
    };
    fix(ch.title);
    fix(ch.description);
    fix(ch.date);
    for (auto& [key, value] : ch.front_matter) fix(value);
    const auto inl = [&](model::Inline& in) {
        std::visit(
            [&](auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Text> || std::is_same_v<T, model::Code>) fix(n.text);
                else if constexpr (std::is_same_v<T, model::Link>) {
                    fix(n.title);
                    fix(n.target.url);
                    fix(n.target.anchor);
                } else if constexpr (std::is_same_v<T, model::Image>) fix_image(n.image);
                else if constexpr (std::is_same_v<T, model::FootnoteRef>) fix(n.label);
                else if constexpr (std::is_same_v<T, model::Span>) fix(n.lang);
            },
            in.node);
    };
    const auto blk = [&](model::Block& b) {
        fix(b.lang);
        if (auto* h = std::get_if<model::Heading>(&b.node)) fix(h->explicit_id);
        if (auto* c = std::get_if<model::CodeBlock>(&b.node)) {
            fix(c->text);
            fix(c->language);
        }
        if (auto* f = std::get_if<model::Figure>(&b.node)) fix_image(f->image);
    };
    const auto each = [&](model::Inlines& inlines) { walk_inlines(inlines, inl); };
    walk_blocks(ch.blocks, blk, each);
    for (auto& fn : ch.footnotes) {
        fix(fn.label);
        walk_blocks(fn.blocks, blk, each);
    }
}

std::string hex64(std::uint64_t v) {
    static const char* digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 0xF];
    return s;
}

// FNV-1a, 64 bit (Fowler, Noll, Vo): a stable fingerprint, not a security hash.
std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 0xcbf29ce484222325ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

// One page on its own, up to what needs every chapter: front matter, template
// syntax, Markdown, title, footnotes, empty sections, typography, heading ids.
ConvertedChapter convert_page(const Page& page, const source::Manifest& manifest, const PageIndex& index,
                              const WordsFor& words_for) {
    const auto& src = page.source;
    ConvertedChapter out;
    Diagnostics& diags = out.diags;
    source::check_front_matter(src, diags);
    model::Chapter& ch = out.chapter;
    ch.id = page.id;
    ch.source = src.file;
    ch.lang = !page.name.lang.empty() ? page.name.lang : manifest.language;

    PageContext ctx;
    ctx.manifest = &manifest;
    ctx.index = &index;
    ctx.diags = &diags;
    ctx.chapter_id = page.id;
    ctx.display = src.display_name;
    ctx.page_dir = src.file.lexically_normal().parent_path();
    ctx.first_line = src.body_first_line;
    ctx.looked_up = &out.looked_up;

    bool has_title = false;
    if (src.front_matter.is_map()) {
        const auto& fm = src.front_matter;
        for (std::size_t i = 0; i < fm.entries.size(); ++i) {
            // Named references, not a structured binding: lambdas below capture them.
            const std::string& key = fm.entries[i].first;
            const config::ConfigNode& value = fm.entries[i].second;
            // Wrong values were reported by source::check_front_matter; they are left out.
            const auto text = [&](std::string& into) {
                if (value.is_scalar()) into = value.scalar;
            };
            if (key == "title") {
                text(ch.title);
                has_title = !ch.title.empty();
            } else if (key == "description") {
                text(ch.description);
            } else if (key == "date") {
                std::string date;
                text(date);
                if (!source::front_matter_date(date).empty()) ch.date = date;
            } else if (key == "lang") {
                std::string lang;
                text(lang);
                if (source::is_language_tag(lang)) ch.lang = lang;
            } else {
                ch.front_matter[key] = scalar_or_yaml(value);
            }
        }
    }
    ctx.lang = ch.lang;
    ctx.words = &words_for(ch.lang);

    const TemplateBody body = read_template_syntax(src.body, ctx);
    ctx.source_line = body.source_line;
    ConvertedPage converted = convert_markdown(ctx, body.body);
    ch.blocks = std::move(converted.blocks);
    ch.footnotes = std::move(converted.footnotes);

    // Title: front matter, else a first heading that is an H1 (taken out of the
    // text so it is not printed twice), else the file name. A page that opens with
    // an H1 repeating its front matter's title would print the title twice too.
    if (has_title && !ch.blocks.empty()) {
        const auto* h = std::get_if<model::Heading>(&ch.blocks.front().node);
        if (h && h->level == 1 && model::plain_text(h->content) == model::collapse_spaces(ch.title))
            ch.blocks.erase(ch.blocks.begin());
    }
    if (!has_title) {
        for (std::size_t i = 0; i < ch.blocks.size(); ++i) {
            const auto* h = std::get_if<model::Heading>(&ch.blocks[i].node);
            if (!h) continue;
            if (h->level == 1) {
                ch.title = model::plain_text(h->content);
                ch.blocks.erase(ch.blocks.begin() + static_cast<std::ptrdiff_t>(i));
            }
            break;
        }
        if (ch.title.empty()) ch.title = page.name.base;
    }
    renumber_footnotes(ch);
    template_text(ch, body.is_template, ctx);
    drop_empty_sections(ch, ctx);
    typeset_chapter(ch, words_for);
    // Before the ids: an explicit id is compared with links' anchors, both in NFC.
    normalise_text(ch);
    assign_heading_ids(ch, ctx);

    if (!ctx.dropped.empty()) {
        int total = 0;
        std::string list;
        for (const auto& [element, count] : ctx.dropped) {
            total += count;
            list += (list.empty() ? "" : ", ") + std::to_string(count) + " <" + element + ">";
        }
        diags.warning({src.display_name, 0, 0}, "html-summary",
                      std::to_string(total) + " HTML construct" + (total == 1 ? "" : "s") +
                          " dropped on this page (" + list + ")");
    }
    out.lost_content = !ctx.dropped_lines.empty();
    return out;
}

// Resolves the internal links of `ch` against the book's chapters and their
// headings (`anchors`); those that cannot be followed are reported and printed
// as plain text, those to a page left out go to its web address.
void resolve_links(model::Chapter& ch, const std::map<std::string, std::set<std::string>>& anchors,
                   const std::string& display, Diagnostics& diags) {
    walk_chapter_inlines(ch, [&](model::Inline& in) {
        auto* link = std::get_if<model::Link>(&in.node);
        if (!link || link->target.kind != model::LinkKind::internal) return;
        auto& t = link->target;
        const auto unresolve = [&](const std::string& why) {
            diags.warning(in.pos.known() ? in.pos : SourcePos{display, 0, 0}, "link-unresolved",
                          "link '" + t.url + "' " + why + "; it is printed as plain text");
            t = model::LinkTarget{model::LinkKind::unresolved, t.url, {}, {}, {}};
        };
        const auto it = anchors.find(t.chapter);
        if (it == anchors.end() && !t.web_url.empty()) {
            // A page left out of the booklet is still on the web.
            t = model::LinkTarget{model::LinkKind::external, t.web_url, {}, {}, {}};
            make_nfc(t.url);
            return;
        }
        if (it == anchors.end()) return unresolve("names a page that is not part of the booklet");
        if (t.anchor.empty() || it->second.count(t.anchor)) return;
        const std::string slug = slugify(t.anchor);
        if (it->second.count(slug)) {
            t.anchor = slug;  // ASCII: in NFC already
            return;
        }
        unresolve("points to '#" + t.anchor + "', which is no heading of chapter '" + t.chapter + "'");
    });
}

// A new stamp for a session's chapter (model::ContentStamp): counted per process,
// so two sessions' never meet.
model::ContentStamp new_stamp() {
    static std::atomic<std::uint64_t> last{0};
    return model::ContentStamp{++last};
}

// The document of pages read; with `kept`, holding exactly these pages (by file),
// unchanged pages are converted no more; without, the pages are converted on up
// to `threads` threads.
model::Document assemble_document(const source::Manifest& manifest, const std::vector<source::SourcePage>& sources,
                                  Diagnostics& diags, KeptPages::Impl* kept, int threads = 1) {
    model::Document doc;
    doc.meta = manifest;  // the metadata part of the manifest (source::Manifest derives from it)

    // The book's words per language, each table read once. The manifest's labels
    // belong to the book's own language; the first lookup warns when it has no table.
    // Pages converted side by side ask for them at once: a table once made stays
    // where it is (a map's nodes do not move).
    std::map<std::string, words::Words> words_by_lang;
    std::mutex words_lock;
    words_by_lang.emplace(manifest.language, words::for_language(manifest.language, {&manifest.labels}, &diags));
    const WordsFor words_for = [&](const std::string& lang) -> const words::Words& {
        const std::lock_guard<std::mutex> hold(words_lock);
        auto it = words_by_lang.find(lang);
        if (it == words_by_lang.end()) it = words_by_lang.emplace(lang, words::for_language(lang)).first;
        return it->second;
    };

    std::vector<bool> lost_content;  // per chapter: something on the page was left out

    // Names first: links between pages need every page's id before any converts.
    std::vector<Page> pages;
    std::set<std::string> ids;
    PageIndex index;
    for (const auto& src : sources) {
        Page p;
        p.source = src;
        p.name = page_name(src.file);
        std::string id = p.name.id.empty() ? "chapter-" + std::to_string(pages.size() + 1) : p.name.id;
        const std::string wanted = id;
        for (int n = 2; ids.count(id); ++n) id = wanted + "-" + std::to_string(n);
        ids.insert(id);
        p.id = id;
        if (src.front_matter.is_map())
            if (const auto* slug = src.front_matter.find("slug"); slug && slug->is_scalar() &&
                                                                 slug->scalar.find_first_of(" \t/") == std::string::npos)
                p.slug = slug->scalar;
        // The first page to claim a name keeps it.
        const auto claim = [&](std::map<std::string, std::string>& map, const std::string& key) {
            if (!key.empty()) map.emplace(key, id);
        };
        claim(index.site_paths, "/" + id);
        claim(index.site_paths, "/" + p.name.base);
        if (!p.slug.empty()) claim(index.site_paths, "/" + p.slug);
        if (!p.name.lang.empty()) {
            claim(index.site_paths, "/" + p.name.lang + "/" + p.name.base);
            if (!p.slug.empty()) claim(index.site_paths, "/" + p.name.lang + "/" + p.slug);
        }
        const fs::path file = src.file.lexically_normal();
        const fs::path dir = file.parent_path();
        claim(index.files, file.generic_string());
        claim(index.files, (dir / p.name.base).generic_string());
        claim(index.files, (dir / (p.name.base + ".md")).generic_string());
        if (!p.name.lang.empty()) claim(index.files, (dir / (p.name.base + "." + p.name.lang)).generic_string());
        pages.push_back(std::move(p));
    }
    // A conversion resolved links against the manifest and the index it was made
    // with: when either changed, every page is converted again.
    if (kept && !(kept->manifest == manifest && kept->index == index)) {
        for (auto& [file, page] : kept->pages) page.converted.reset();
        kept->manifest = manifest;
        kept->index = index;
    }

    // Each page's chapter as converted: this build's own (moved into the document),
    // or a kept conversion's (copied: the next build may reuse it).
    std::vector<ConvertedChapter> made;
    std::vector<model::Chapter*> converted;
    if (!kept) {
        // Each page converted on its own, then added in order (cmark-gfm's parser
        // is not for two threads at once: convert.cpp parses one page at a time).
        made.resize(pages.size());
        for_each_index(pages.size(), threads,
                       [&](std::size_t i) { made[i] = convert_page(pages[i], manifest, index, words_for); });
        for (ConvertedChapter& c : made) {
            diags.merge(c.diags);
            converted.push_back(&c.chapter);
            lost_content.push_back(c.lost_content);
        }
    } else {
        for (const auto& page : pages) {
            auto& slot = kept->pages.at(page.source.file);
            if (!slot.converted || slot.id != page.id || !still_found(slot.converted->looked_up)) {
                slot.converted = convert_page(page, manifest, index, words_for);
                slot.id = page.id;
                // A chapter converted is known to be no earlier one; one reused keeps
                // the stamp it had, unless its links now resolve differently (below).
                slot.converted->chapter.stamp = new_stamp();
            }
            diags.merge(slot.converted->diags);
            converted.push_back(&slot.converted->chapter);
            lost_content.push_back(slot.converted->lost_content);
        }
    }

    // A page with nothing left to print once its widgets and template code were
    // left out is no chapter: its title would stand over nothing. Links to it go to
    // its web address instead. (A page its author left empty stays: a part title.)
    std::vector<std::string> displays;
    for (const Page& p : pages) displays.push_back(p.source.display_name);
    for (std::size_t c = converted.size(); c-- > 0;) {
        if (!converted[c]->blocks.empty() || !lost_content[c]) continue;
        diags.warning({displays[c], 0, 0}, "chapter-empty",
                      "nothing on this page can be printed (what it holds was left out); it is not a chapter of the booklet");
        converted.erase(converted.begin() + static_cast<std::ptrdiff_t>(c));
        displays.erase(displays.begin() + static_cast<std::ptrdiff_t>(c));
        lost_content.erase(lost_content.begin() + static_cast<std::ptrdiff_t>(c));
    }

    // Anchors: an internal link's #anchor must be a heading id of its chapter. An
    // anchor written for another slug style ("#Why-We-Protest") is matched through
    // its slug; anything else cannot be followed.
    std::map<std::string, std::set<std::string>> anchors;
    for (const model::Chapter* ch : converted) {
        auto& set = anchors[ch->id];
        const auto collect = [&](const model::Block& b) {
            if (const auto* h = std::get_if<model::Heading>(&b.node)) set.insert(h->id);
        };
        walk_blocks(std::as_const(ch->blocks), collect, [](const auto&) {});
    }
    // Each chapter taken into the document and its links resolved on its own, up
    // to `threads` at once (a kept chapter's copy is a third of a rebuild's reading
    // of 111 pages); their warnings join in chapter order.
    doc.chapters.resize(converted.size());
    std::vector<Diagnostics> link_diags(converted.size());
    for_each_index(converted.size(), threads, [&](std::size_t c) {
        model::Chapter& ch = doc.chapters[c];
        if (kept) ch = *converted[c];
        else ch = std::move(*converted[c]);
        resolve_links(ch, anchors, displays[c], link_diags[c]);
    });
    for (const Diagnostics& d : link_diags) diags.merge(d);

    if (kept) {
        // Links resolved against other headings than the last build's: no chapter
        // is known to be that build's (each kept conversion takes the new stamp).
        if (anchors != kept->anchors)
            for (model::Chapter& ch : doc.chapters)
                ch.stamp = kept->pages.at(ch.source).converted->chapter.stamp = new_stamp();
        kept->anchors = std::move(anchors);
    }

    const words::Words& book_words = words_for(manifest.language);
    doc.meta.title = to_nfc(typeset_text(doc.meta.title, book_words));
    doc.meta.subtitle = to_nfc(typeset_text(doc.meta.subtitle, book_words));
    for (auto& a : doc.meta.authors) a = to_nfc(typeset_text(a, book_words));
    if (doc.meta.title.empty() && !doc.chapters.empty()) doc.meta.title = doc.chapters.front().title;
    if (doc.meta.identifier.empty()) {
        // Derived from what identifies the booklet, so rebuilding keeps it.
        std::uint64_t h = fnv1a(doc.meta.title);
        h = fnv1a("\n" + doc.meta.language, h);
        for (const auto& ch : doc.chapters) h = fnv1a("\n" + ch.id, h);
        const std::string slug = slugify(doc.meta.title);
        doc.meta.identifier = "urn:booklet:" + (slug.empty() ? std::string("untitled") : slug) + ":" + hex64(h);
    }
    return doc;
}

// Every page of the manifest read and parsed, on up to `threads` threads, and
// taken in order; one that cannot be read is reported and left out.
std::vector<source::SourcePage> read_pages(const source::Manifest& manifest, Diagnostics& diags, int threads) {
    std::vector<std::optional<source::SourcePage>> read(manifest.pages.size());
    std::vector<std::optional<Diagnostic>> unreadable(manifest.pages.size());
    for_each_index(manifest.pages.size(), threads, [&](std::size_t i) {
        const fs::path& file = manifest.pages[i];
        try {
            read[i] = source::read_page(file, file.string());
        } catch (const Error& e) {
            unreadable[i] = e.diagnostic();
        }
    });
    std::vector<source::SourcePage> pages;
    for (std::size_t i = 0; i < read.size(); ++i) {
        if (unreadable[i]) diags.add(*unreadable[i]);
        else pages.push_back(std::move(*read[i]));
    }
    return pages;
}

}  // namespace

KeptPages::KeptPages() : impl_(std::make_unique<Impl>()) {}
KeptPages::~KeptPages() = default;

model::Document build_document(const source::Manifest& manifest, Diagnostics& diags, KeptPages* kept, int threads) {
    if (!kept) return assemble_document(manifest, read_pages(manifest, diags, threads), diags, nullptr, threads);
    std::vector<source::SourcePage> pages;
    std::map<fs::path, KeptPages::Impl::Page> read;  // this build's pages, for `kept`
    for (const auto& file : manifest.pages) {
        try {
            std::string bytes = source::read_page_text(file, file.string());
            auto& before = kept->impl().pages;
            auto same = before.find(file);
            if (same != before.end() && same->second.bytes == bytes) {
                pages.push_back(same->second.source);
                read.emplace(file, std::move(same->second));
                continue;
            }
            source::SourcePage page = source::parse_page(bytes, file, file.string());
            pages.push_back(page);
            read.emplace(file, KeptPages::Impl::Page{std::move(bytes), std::move(page), std::nullopt, {}});
        } catch (const Error& e) {
            diags.add(e.diagnostic());
        }
    }
    kept->impl().pages = std::move(read);
    return assemble_document(manifest, pages, diags, &kept->impl(), threads);
}

model::Document build_document_from_pages(const source::Manifest& manifest,
                                          const std::vector<source::SourcePage>& sources, Diagnostics& diags) {
    return assemble_document(manifest, sources, diags, nullptr);
}

}  // namespace booklet::markdown

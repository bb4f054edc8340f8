// write_epub: plans the book (files, ids, resources), renders every document, and
// packs them in a fixed order into a reproducible ZIP container.
#include "book.hpp"
#include "pictures.hpp"

#include "booklet/atomic_file.hpp"
#include "booklet/image.hpp"
#include "booklet/kept_bytes_pack.hpp"

#include <algorithm>
#include <cstdio>

namespace booklet::epub {

namespace detail {

namespace {

std::string three_digits(std::size_t n) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%03zu", n);
    return buf;
}

// A readable, safe file-name part: lower-case ASCII letters, digits and '-'.
std::string file_slug(const std::string& s, std::size_t max = 40) {
    std::string out;
    for (char c : s) {
        c = ascii_lower(c);
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
        else if (!out.empty() && out.back() != '-') out += '-';
        if (out.size() >= max) break;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

// Nothing but white space: a title that shows nothing.
bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool is_uuid(const std::string& s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-') return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
            return false;
        }
    }
    return true;
}

const char* font_media_type(const std::vector<std::uint8_t>& b) {
    auto magic = [&](const char* m) { return b.size() >= 4 && std::equal(m, m + 4, b.begin()); };
    if (magic("\x00\x01\x00\x00") || magic("true")) return "font/ttf";
    if (magic("OTTO")) return "font/otf";
    if (magic("wOFF")) return "font/woff";
    if (magic("wOF2")) return "font/woff2";
    return nullptr;
}

// The open headings above the next one, for outline levels: each with its level in
// the page and the level it is written at.
using OpenHeadings = std::vector<std::pair<int, int>>;

// The level a heading is written at: one below the nearest open heading of a
// higher level in the page, h2 for the first under the chapter's own h1. Pages
// skip levels (h1 then h3) and open with h1; the book's outline must not jump,
// or screen readers announce sections that are not there.
int outline_level(OpenHeadings& open, int level) {
    while (!open.empty() && open.back().first >= level) open.pop_back();
    const int outline = std::min(open.empty() ? 2 : open.back().second + 1, 6);
    open.emplace_back(level, outline);
    return outline;
}

void collect_headings(ChapterPlan& plan, const model::Blocks& blocks, int depth, std::vector<const model::Heading*>* top,
                      OpenHeadings& open) {
    if (depth > kMaxNesting) return;  // written as plain text: no heading ids there
    for (const model::Block& b : blocks) {
        if (const auto* h = std::get_if<model::Heading>(&b.node)) {
            if (has_visible_content(h->content)) plan.outline_level[h] = outline_level(open, h->level);
            const std::string wanted = !h->id.empty() ? h->id : "section-" + file_slug(display_text(h->content));
            const std::string id = plan.ids.claim(wanted);
            plan.id_of_heading[h] = id;
            if (!h->id.empty()) plan.heading_ids.emplace(h->id, id);
            if (top) top->push_back(h);
        } else if (const auto* l = std::get_if<model::List>(&b.node)) {
            for (const auto& item : l->items) collect_headings(plan, item.blocks, depth + 1, nullptr, open);
        } else if (const auto* q = std::get_if<model::BlockQuote>(&b.node)) {
            collect_headings(plan, q->blocks, depth + 1, nullptr, open);
        } else if (const auto* d = std::get_if<model::Details>(&b.node)) {
            collect_headings(plan, d->blocks, depth + 1, nullptr, open);
        }
    }
}

// Sections for the table of contents: the chapter's two highest heading levels.
std::vector<TocNode> sections_of(const ChapterPlan& plan, const std::vector<const model::Heading*>& headings) {
    std::vector<TocNode> out;
    int top = 7;
    for (const auto* h : headings)
        if (!display_text(h->content).empty()) top = std::min(top, h->level);
    for (const auto* h : headings) {
        const std::string label = display_text(h->content);
        if (label.empty() || h->level > top + 1) continue;
        TocNode node{label, kTextDir + plan.file + "#" + plan.id_of_heading.at(h), {}};
        if (h->level == top || out.empty()) out.push_back(std::move(node));
        else out.back().children.push_back(std::move(node));
    }
    return out;
}

void plan_chapters(Book& book) {
    const auto& chapters = book.document.chapters;
    book.chapters.resize(chapters.size());
    for (std::size_t i = 0; i < chapters.size(); ++i) {
        const model::Chapter& ch = chapters[i];
        ChapterPlan& plan = book.chapters[i];
        plan.chapter = &ch;
        const std::string slug = file_slug(ch.id);
        plan.file = three_digits(i + 1) + (slug.empty() ? "" : "-" + slug) + ".xhtml";
        plan.item_id = "chapter-" + three_digits(i + 1);
        if (!ch.lang.empty() && !is_language_tag(ch.lang))
            book.diags.warning(SourcePos{ch.source.string()}, "epub-language",
                               "language '" + clean_text(ch.lang) + "' is not a BCP 47 tag; using '" + book.lang + "'");
        plan.lang = !ch.lang.empty() && is_language_tag(ch.lang) ? ch.lang : book.lang;
        plan.title = clean_text(ch.title);
        if (is_blank(plan.title)) plan.title = clean_text(ch.id);
        if (is_blank(plan.title)) plan.title = words::fill(book.words.chapter, "number", std::to_string(i + 1));
        plan.title_id = plan.ids.claim("chapter-title");
        std::vector<const model::Heading*> top;
        OpenHeadings open;
        collect_headings(plan, ch.blocks, 0, &top, open);
        for (const model::Footnote& fn : ch.footnotes) {
            OpenHeadings in_note;  // a note's headings stand under the chapter, not the section it ends
            collect_headings(plan, fn.blocks, 1, nullptr, in_note);
        }
        for (const model::Footnote& fn : ch.footnotes) {
            const std::string id = plan.ids.claim("fn-" + std::to_string(fn.number));
            plan.note_sequence.push_back(id);
            plan.note_ids.emplace(fn.number, id);
        }
        plan.sections = sections_of(plan, top);
    }
}

void plan_fonts(Book& book) {
    const style::Fonts& f = book.style.fonts;
    std::map<std::string, std::size_t> by_path;
    auto add_file = [&](const style::FontFile& font) -> std::optional<std::size_t> {
        const std::filesystem::path& file = font.path;
        const std::string key = file.lexically_normal().string();
        if (const auto it = by_path.find(key); it != by_path.end()) return it->second;
        try {
            std::vector<std::uint8_t> bytes = image::read_file_bytes(file);
            if (bytes.size() >= 4 && std::equal(bytes.begin(), bytes.begin() + 4, "ttcf")) {
                // EPUB 3's core media types are single fonts; a reading system
                // would not know which face of a collection to use.
                book.diags.warning(SourcePos{file.string()}, "epub-font",
                                   "a font collection (.ttc) cannot go into an EPUB, which takes single TrueType, "
                                   "OpenType or WOFF fonts; not embedded");
                return std::nullopt;
            }
            const char* type = font_media_type(bytes);
            if (!type) {
                book.diags.warning(SourcePos{file.string()}, "epub-font", "not a TrueType, OpenType or WOFF font; not embedded");
                return std::nullopt;
            }
            Resource r;
            const std::size_t n = book.fonts.size() + 1;
            r.id = "font-" + three_digits(n);
            const std::string ext = file.extension().string();
            r.href = "fonts/" + three_digits(n) + "-" + file_slug(file.stem().string()) + (ext.size() <= 6 ? ascii_lower(ext) : "");
            r.media_type = type;
            r.data.assign(bytes.begin(), bytes.end());
            book.fonts.push_back(std::move(r));
            by_path[key] = book.fonts.size() - 1;
            return book.fonts.size() - 1;
        } catch (const Error& e) {
            book.diags.warning(SourcePos{file.string()}, "epub-font", "font cannot be read (" + e.message() + "); not embedded");
            return std::nullopt;
        }
    };
    for (const style::FontFamily* family : {&f.body, &f.heading, &f.mono}) {
        if (family->name.empty()) continue;
        const std::pair<const style::FontFile*, std::pair<bool, bool>> faces[] = {
            {&family->regular, {false, false}}, {&family->italic, {false, true}},
            {&family->bold, {true, false}}, {&family->bold_italic, {true, true}}};
        for (const auto& [path, style] : faces) {
            if (path->empty()) continue;
            if (const auto index = add_file(*path))
                book.font_faces.push_back({family->name, book.fonts[*index].href, style.first, style.second});
        }
    }
    for (const style::FontFile& fallback : f.fallbacks) {
        if (const auto index = add_file(fallback)) {
            const std::string family = "booklet fallback " + std::to_string(book.fallback_families.size() + 1);
            book.fallback_families.push_back(family);
            book.font_faces.push_back({family, book.fonts[*index].href, false, false});
        }
    }
}

// Where each page of the map (Settings::page_map) gets its marker here. A place
// this EPUB lacks hands its pages on to the next it has: no title page, to the
// contents; contents outside the spine, to the first chapter's start; no Sources
// list (or not that entry), to the book's end.
void plan_pages(Book& book) {
    const auto& map = book.settings.page_map.pages;
    PagePlan& plan = book.pages;
    plan.hrefs.assign(map.size(), "");
    plan.chapters.resize(book.chapters.size());
    for (std::size_t i = 0; i < map.size(); ++i) {
        page_map::Position at = map[i].at;
        if (at.place == page_map::Place::title_page && !book.has_title_page()) at.place = page_map::Place::contents;
        if (at.place == page_map::Place::contents && !book.style.table_of_contents) {
            at = page_map::start_of(page_map::Place::text);
            at.chapter = 0;
        }
        const bool chapter_known = at.chapter >= 0 && static_cast<std::size_t>(at.chapter) < book.chapters.size();
        const bool source_known = book.has_sources() && at.source < static_cast<int>(book.cites.sources.size());
        switch (at.place) {
        case page_map::Place::title_page: plan.title.push_back(i); break;
        case page_map::Place::contents: plan.contents.push_back(i); break;
        case page_map::Place::text:
            if (chapter_known)
                plan.chapters[static_cast<std::size_t>(at.chapter)][at.path].push_back({i, at.part, at.offset});
            break;
        case page_map::Place::sources:
            if (source_known) plan.sources[at.source].push_back({i, at.part, 0});
            break;
        case page_map::Place::end: break;  // written when the last document is known
        }
    }
}

// The markers of pages no document placed (the book's end): at the end of the
// last document in reading order. `ids`: that document's, when it has other ids
// a marker's could meet (a chapter's headings).
void close_pages(Book& book, std::string& last_document, const std::string& file, IdRegistry* ids = nullptr) {
    std::string marks;
    const std::vector<std::size_t>& contents = book.pages.contents;
    for (std::size_t i = 0; i < book.pages.hrefs.size(); ++i)
        if (book.pages.hrefs[i].empty() && std::find(contents.begin(), contents.end(), i) == contents.end())
            marks += page_marker(book, i, file, ids ? ids->claim(page_marker_id(i)) : page_marker_id(i)) + "\n";
    const std::size_t body_end = last_document.rfind("</body>");
    if (!marks.empty() && body_end != std::string::npos) last_document.insert(body_end, marks);
}

// The spine's last document closes the book (close_pages).
void close_book(Book& book, std::string& title_doc, std::vector<std::string>& chapter_docs,
                std::vector<SourcesPart>& sources_docs) {
    if (!sources_docs.empty())
        close_pages(book, sources_docs.back().document, kTextDir + sources_file(sources_docs.size() - 1));
    else if (!chapter_docs.empty())
        close_pages(book, chapter_docs.back(), kTextDir + book.chapters.back().file, &book.chapters.back().ids);
    else if (book.has_title_page())
        close_pages(book, title_doc, std::string(kTextDir) + kTitleFile);
}

const char* kContainerXml =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "  <rootfiles>\n"
    "    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
    "  </rootfiles>\n"
    "</container>\n";

}  // namespace

std::optional<std::string> Book::image_href(const model::ImageRef& ref, const SourcePos& pos, Diagnostics& warnings) {
    // No file: missing or remote. The markdown stage has reported it already (kinds
    // image-missing, image-remote); a second warning for the same image is noise.
    if (ref.file.empty()) return std::nullopt;
    const std::string key = picture_key(ref.file);
    if (const auto it = image_by_file_.find(key); it != image_by_file_.end()) {
        if (!it->second) return std::nullopt;
        return images[*it->second].href;
    }
    // Prepared ahead when the session did (Settings::pictures), else here.
    const PictureSet* ahead = settings.pictures ? &settings.pictures->set() : nullptr;
    const auto prepared = ahead ? ahead->by_file.find(key) : std::map<std::string, PictureResult>::const_iterator{};
    PictureResult result = ahead && prepared != ahead->by_file.end() ? prepared->second : store_picture_file(ref.file, style, settings.picture_cache);
    picture_order_.push_back(key);
    if (const Error* e = std::get_if<Error>(&result)) {
        warnings.warning(pos, "epub-image-unusable",
                         "image '" + clean_text(ref.src) + "' cannot be used (" + e->message() + "); its alt text is shown");
        image_by_file_[key] = std::nullopt;
        return std::nullopt;
    }
    StoredPicture& picture = std::get<StoredPicture>(result);
    if (!picture.svg_removed.empty()) {
        std::string list;
        for (const auto& what : picture.svg_removed) list += (list.empty() ? "" : ", ") + what;
        warnings.warning(pos, "svg-cleaned", "SVG image '" + clean_text(excerpt(ref.src, 200)) + "': left out " + excerpt(list, 300));
    }
    Resource r;
    r.data = std::move(picture.data);
    r.compress = picture.compress;
    r.width = picture.width;
    r.height = picture.height;
    const image::Format format = picture.format;
    const std::size_t n = images.size() + 1;
    r.id = "image-" + three_digits(n);
    const std::string slug = file_slug(ref.file.stem().string());
    r.href = "images/" + three_digits(n) + (slug.empty() ? "" : "-" + slug) + "." + image::extension(format);
    r.media_type = image::media_type(format);
    images.push_back(std::move(r));
    image_by_file_[key] = images.size() - 1;
    return images.back().href;
}

void Book::forget_pictures_after(std::size_t asked) {
    // Images are added in the order their files were first asked for.
    while (picture_order_.size() > asked) {
        const auto it = image_by_file_.find(picture_order_.back());
        if (it->second) images.resize(*it->second);
        image_by_file_.erase(it);
        picture_order_.pop_back();
    }
}

const Resource& Book::image_at(const std::string& href) const {
    for (const Resource& r : images)
        if (r.href == href) return r;
    static const Resource none;  // image_href made every href it gave: not reached
    return none;
}

const ChapterPlan* Book::find_chapter(const std::string& id) const {
    for (const ChapterPlan& c : chapters)
        if (c.chapter->id == id) return &c;
    return nullptr;
}

InternalHref Book::internal_href(std::size_t from, const model::LinkTarget& target, const SourcePos& pos) const {
    const ChapterPlan* plan = find_chapter(target.chapter);
    if (!plan) {
        return {std::nullopt, warning_at(pos, "link-unresolved",
                                         "link to chapter '" + clean_text(target.chapter) +
                                             "', which is not in the booklet; shown as plain text")};
    }
    const bool same = plan == &chapters[from];
    const std::string file = same ? "" : plan->file;
    std::optional<Diagnostic> warning;
    if (!target.anchor.empty()) {
        if (const auto a = plan->heading_ids.find(target.anchor); a != plan->heading_ids.end())
            return {file + "#" + a->second, std::nullopt};
        warning = warning_at(pos, "link-anchor-missing",
                             "link to '#" + clean_text(target.anchor) + "' in '" + plan->title +
                                 "', which has no such heading; linked to the chapter's start");
    }
    return {same ? "#" + plan->title_id : file, std::move(warning)};
}

}  // namespace detail

std::optional<image::KeptBytesPack::Counts> write_epub(const model::Document& document,
                                                       const cite::Citations& citations, const style::Style& style,
                                                       const Settings& settings, const std::filesystem::path& target,
                                                       Diagnostics& diags) {
    using namespace detail;
    Book book{document, citations, style, settings, diags};
    const model::Metadata& meta = document.meta;

    book.lang = meta.language;
    if (!is_language_tag(book.lang)) {
        diags.warning(SourcePos{}, "epub-language",
                      "book language '" + clean_text(meta.language) + "' is not a BCP 47 tag; using 'und' (undetermined)");
        book.lang = "und";
    }
    book.words = words::for_language(meta.language, {&style.labels, &meta.labels});
    book.title = clean_text(meta.title);
    if (is_blank(book.title) && !document.chapters.empty()) book.title = clean_text(document.chapters.front().title);
    if (is_blank(book.title)) book.title = book.words.untitled;
    // A stable identifier: the manifest's own when it is a UUID, else a name-based
    // UUID of it (or of the title), so rebuilds keep the reader's bookmarks.
    std::string id = ascii_lower(meta.identifier);
    if (id.rfind("urn:uuid:", 0) == 0) id = id.substr(9);
    book.identifier = "urn:uuid:" + (is_uuid(id) ? id : uuid_v5(kUrlNamespace, meta.identifier.empty() ? book.title : meta.identifier));

    plan_chapters(book);
    if (!meta.cover.empty()) {
        model::ImageRef cover;
        cover.src = meta.cover.string();
        cover.file = meta.cover;
        cover.alt = book.title;
        if (book.image_href(cover, SourcePos{meta.cover.string()}, book.diags)) {
            book.cover_image = book.images.size() - 1;
            book.images.back().properties = "cover-image";
        }
    }
    if (style.epub.embed_fonts) plan_fonts(book);
    plan_pages(book);

    std::string title_doc;
    if (book.has_title_page()) title_doc = render_title_page(book);
    KeptChapterDocuments* kept = settings.kept_documents ? &settings.kept_documents->chapters() : nullptr;
    if (kept) begin_chapters(book, *kept);
    std::vector<std::string> chapter_docs;
    for (std::size_t i = 0; i < book.chapters.size(); ++i) chapter_docs.push_back(chapter_document(book, i, kept));
    std::vector<SourcesPart> sources_docs;
    if (book.has_sources()) sources_docs = render_sources(book);
    book.sources_parts = sources_docs.size();
    for (const SourcesPart& part : sources_docs) book.sources_part_titles.push_back(part.first_title);
    close_book(book, title_doc, chapter_docs, sources_docs);
    const std::vector<TocNode> toc = table_of_contents(book);

    std::vector<ZipEntry> entries;
    entries.push_back({"mimetype", "application/epub+zip", false});
    entries.push_back({"META-INF/container.xml", kContainerXml, true});
    entries.push_back({"EPUB/package.opf", render_package(book), true});
    entries.push_back({std::string("EPUB/") + kNavFile, render_nav(book, toc), true});
    entries.push_back({"EPUB/toc.ncx", render_ncx(book, toc), true});
    entries.push_back({std::string("EPUB/") + kCssFile, render_css(book), true});
    const std::string text = std::string("EPUB/") + kTextDir;
    if (book.has_cover_page()) entries.push_back({text + kCoverFile, render_cover(book), true});
    if (book.has_title_page()) entries.push_back({text + kTitleFile, std::move(title_doc), true});
    for (std::size_t i = 0; i < book.chapters.size(); ++i)
        entries.push_back({text + book.chapters[i].file, std::move(chapter_docs[i]), true});
    for (std::size_t i = 0; i < sources_docs.size(); ++i) entries.push_back({text + sources_file(i), std::move(sources_docs[i].document), true});
    for (Resource& r : book.images) entries.push_back({"EPUB/" + r.href, std::move(r.data), r.compress});
    for (Resource& r : book.fonts) entries.push_back({"EPUB/" + r.href, std::move(r.data), true});

    // A session keeps its entries deflated in memory; another build with a cache
    // folder keeps them there, in a pack for this book (named by its title and
    // language).
    std::optional<image::KeptBytesPack> pack;
    KeptBytes* deflated = settings.kept_entries;
    if (!deflated && settings.picture_cache) {
        pack.emplace(*settings.picture_cache, image::CacheKeyBuilder("epub deflated entries", Sha256Digest{})
                                                  .text("title", meta.title)
                                                  .text("language", meta.language)
                                                  .finish());
        deflated = &pack->bytes();
    }
    const std::string bytes = build_zip(entries, settings.modified, settings.threads, deflated);
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
    write_bytes_atomically(target, bytes);
    if (!pack) return std::nullopt;
    return pack->save();
}

}  // namespace booklet::epub

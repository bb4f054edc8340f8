// The package document (metadata, manifest, spine), the EPUB 3 navigation
// document and the NCX for EPUB 2 readers.
#include "book.hpp"

#include <algorithm>

namespace booklet::epub::detail {

std::vector<TocNode> table_of_contents(const Book& book) {
    std::vector<TocNode> toc;
    for (const ChapterPlan& plan : book.chapters) {
        TocNode node{plan.title, kTextDir + plan.file, plan.sections};
        toc.push_back(std::move(node));
    }
    if (book.has_sources()) {
        // Every part of the Sources list is reachable from the contents: a part
        // after the first is listed under it by the chapter its entries start with.
        TocNode sources{book.words.sources, std::string(kTextDir) + kSourcesFile, {}};
        for (std::size_t i = 1; i < book.sources_part_titles.size(); ++i)
            sources.children.push_back({book.sources_part_titles[i], kTextDir + sources_file(i), {}});
        toc.push_back(std::move(sources));
    }
    if (toc.empty()) toc.push_back({book.title, std::string(kTextDir) + kTitleFile, {}});
    return toc;
}

namespace {

void nav_list(const std::vector<TocNode>& nodes, std::string& out) {
    out += "<ol>\n";
    for (const TocNode& n : nodes) {
        out += "<li><a href=\"" + xml_attr(n.href) + "\">" + xml_text(n.label) + "</a>";
        if (!n.children.empty()) {
            out += "\n";
            nav_list(n.children, out);
        }
        out += "</li>\n";
    }
    out += "</ol>\n";
}

int depth_of(const std::vector<TocNode>& nodes) {
    int d = 0;
    for (const TocNode& n : nodes) d = std::max(d, 1 + depth_of(n.children));
    return d;
}

void ncx_points(const std::vector<TocNode>& nodes, int& order, std::string& out, int indent) {
    const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
    for (const TocNode& n : nodes) {
        ++order;
        out += pad + "<navPoint id=\"nav-" + std::to_string(order) + "\" playOrder=\"" + std::to_string(order) + "\">\n";
        out += pad + "  <navLabel><text>" + xml_text(n.label) + "</text></navLabel>\n";
        out += pad + "  <content src=\"" + xml_attr(n.href) + "\"/>\n";
        ncx_points(n.children, order, out, indent + 1);
        out += pad + "</navPoint>\n";
    }
}

std::string meta(const std::string& property, const std::string& value) {
    return "    <meta property=\"" + property + "\">" + xml_text(value) + "</meta>\n";
}

bool is_iso_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9') return false;
    return true;
}

}  // namespace

std::string render_nav(Book& book, const std::vector<TocNode>& toc) {
    const words::Words& labels = book.words;
    std::string out;
    // The printed contents' pages begin here: a marker cannot stand inside the toc nav.
    for (const std::size_t page : book.pages.contents) out += page_marker(book, page, kNavFile, page_marker_id(page)) + "\n";
    out += std::string("<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\" aria-labelledby=\"toc-title\">\n<h1 id=\"toc-title\">") +
           xml_text(labels.contents) + "</h1>\n";
    nav_list(toc, out);
    out += "</nav>\n";
    out += std::string("<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>") + xml_text(labels.landmarks) +
           "</h2>\n<ol>\n";
    auto landmark = [&](const char* type, const std::string& href, const std::string& label) {
        out += std::string("<li><a epub:type=\"") + type + "\" href=\"" + xml_attr(href) + "\">" + xml_text(label) + "</a></li>\n";
    };
    if (book.has_cover_page()) landmark("cover", std::string(kTextDir) + kCoverFile, labels.cover);
    if (book.has_title_page()) landmark("titlepage", std::string(kTextDir) + kTitleFile, labels.title_page);
    // A link to a document outside the spine is an error (RSC-011).
    if (book.style.table_of_contents) landmark("toc", std::string(kNavFile) + "#toc", labels.contents);
    if (!book.chapters.empty()) landmark("bodymatter", kTextDir + book.chapters.front().file, labels.start);
    if (book.has_sources()) landmark("bibliography", std::string(kTextDir) + kSourcesFile, labels.sources);
    out += "</ol>\n</nav>\n";
    // Every printed page, by its folio, in page order (EPUB 3.3, 7.4.2.3).
    if (!book.pages.hrefs.empty()) {
        out += "<nav epub:type=\"page-list\" role=\"doc-pagelist\" id=\"page-list\" hidden=\"hidden\">\n<ol>\n";
        const auto& map = book.settings.page_map.pages;
        for (std::size_t i = 0; i < book.pages.hrefs.size(); ++i)
            out += "<li><a href=\"" + xml_attr(book.pages.hrefs[i]) + "\">" + xml_text(map[i].label) + "</a></li>\n";
        out += "</ol>\n</nav>\n";
    }
    return xhtml_document(book.lang, labels.contents, kCssFile, "", out);
}

std::string render_ncx(const Book& book, const std::vector<TocNode>& toc) {
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"" + xml_attr(book.lang) + "\">\n";
    out += "<head>\n";
    out += "  <meta name=\"dtb:uid\" content=\"" + xml_attr(book.identifier) + "\"/>\n";
    out += "  <meta name=\"dtb:depth\" content=\"" + std::to_string(std::max(1, depth_of(toc))) + "\"/>\n";
    out += "  <meta name=\"dtb:totalPageCount\" content=\"0\"/>\n  <meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n";
    out += "</head>\n<docTitle><text>" + xml_text(book.title) + "</text></docTitle>\n<navMap>\n";
    int order = 0;
    ncx_points(toc, order, out, 1);
    out += "</navMap>\n</ncx>\n";
    return out;
}

std::string render_package(const Book& book) {
    const model::Metadata& m = book.document.meta;
    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"" +
           xml_attr(book.lang) + "\">\n";
    out += "  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    out += "    <dc:identifier id=\"book-id\">" + xml_text(book.identifier) + "</dc:identifier>\n";
    out += "    <dc:title id=\"title\">" + xml_text(book.title) + "</dc:title>\n";
    out += "    <meta refines=\"#title\" property=\"title-type\">main</meta>\n";
    if (!clean_text(m.subtitle).empty()) {
        out += "    <dc:title id=\"subtitle\">" + xml_text(m.subtitle) + "</dc:title>\n";
        out += "    <meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n";
    }
    // The book's language first, then every other chapter language.
    std::vector<std::string> languages{book.lang};
    for (const ChapterPlan& c : book.chapters)
        if (std::none_of(languages.begin(), languages.end(), [&](const std::string& l) { return same_language(l, c.lang); }))
            languages.push_back(c.lang);
    for (const std::string& l : languages) out += "    <dc:language>" + xml_text(l) + "</dc:language>\n";
    int creator = 0;
    for (const std::string& author : m.authors) {
        if (clean_text(author).empty()) continue;
        const std::string id = "creator-" + std::to_string(++creator);
        out += "    <dc:creator id=\"" + id + "\">" + xml_text(author) + "</dc:creator>\n";
        out += "    <meta refines=\"#" + id + "\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n";
    }
    if (is_iso_date(m.date)) out += "    <dc:date>" + m.date + "</dc:date>\n";
    if (!clean_text(m.license).empty()) out += "    <dc:rights>" + xml_text(m.license) + "</dc:rights>\n";
    // The source of the page breaks: dc:source refined as source-of pagination (EPUB
    // 3.2, which EPUBCheck 4.2 validates; it refuses the newer pageBreakSource).
    if (!book.pages.hrefs.empty() && !clean_text(book.settings.page_map.source).empty()) {
        out += "    <dc:source id=\"pagination-source\">" + xml_text(book.settings.page_map.source) + "</dc:source>\n";
        out += "    <meta refines=\"#pagination-source\" property=\"source-of\">pagination</meta>\n";
    }
    out += meta("dcterms:modified", iso8601_utc(book.settings.modified));

    // EPUB Accessibility 1.1 discovery metadata (schema.org terms). Claims are made
    // only where they hold: textual access is sufficient only when every shown
    // image has alternative text, and WCAG conformance is claimed only then.
    const bool images = book.images_shown > 0;
    const bool all_alt = book.images_without_alt == 0;
    out += meta("schema:accessMode", "textual");
    if (images) out += meta("schema:accessMode", "visual");
    if (!images || all_alt) out += meta("schema:accessModeSufficient", "textual");
    if (images) out += meta("schema:accessModeSufficient", "textual,visual");
    out += meta("schema:accessibilityFeature", "structuralNavigation");
    out += meta("schema:accessibilityFeature", "tableOfContents");
    out += meta("schema:accessibilityFeature", "readingOrder");
    if (images && all_alt) out += meta("schema:accessibilityFeature", "alternativeText");
    out += meta("schema:accessibilityHazard", "none");
    const words::Words& w = book.words;
    out += meta("schema:accessibilitySummary", !images ? w.accessibility_summary
                                               : all_alt ? w.accessibility_summary_all_alt
                                                         : w.accessibility_summary_some_alt);
    if (!book.pages.hrefs.empty()) {
        out += meta("schema:accessibilityFeature", "pageBreakMarkers");
        out += meta("schema:accessibilityFeature", "pageNavigation");
    }
    if (all_alt) out += meta("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA");
    if (book.cover_image) out += "    <meta name=\"cover\" content=\"" + book.images[*book.cover_image].id + "\"/>\n";
    out += "  </metadata>\n  <manifest>\n";

    auto item = [&](const std::string& id, const std::string& href, const std::string& type, const std::string& props) {
        out += "    <item id=\"" + id + "\" href=\"" + xml_attr(href) + "\" media-type=\"" + type + "\"";
        if (!props.empty()) out += " properties=\"" + props + "\"";
        out += "/>\n";
    };
    item("nav", kNavFile, "application/xhtml+xml", "nav");
    item("ncx", "toc.ncx", "application/x-dtbncx+xml", "");
    item("css", kCssFile, "text/css", "");
    if (book.has_cover_page()) item("cover", std::string(kTextDir) + kCoverFile, "application/xhtml+xml", "");
    if (book.has_title_page()) item("titlepage", std::string(kTextDir) + kTitleFile, "application/xhtml+xml", "");
    for (const ChapterPlan& c : book.chapters) item(c.item_id, kTextDir + c.file, "application/xhtml+xml", "");
    for (std::size_t i = 0; i < book.sources_parts; ++i)
        item(i == 0 ? "sources" : "sources-" + std::to_string(i + 1), kTextDir + sources_file(i), "application/xhtml+xml", "");
    for (const Resource& r : book.images) item(r.id, r.href, r.media_type, r.properties);
    for (const Resource& r : book.fonts) item(r.id, r.href, r.media_type, "");
    // A right-to-left book turns its pages the other way (words::right_to_left).
    out += std::string("  </manifest>\n  <spine toc=\"ncx\"") +
           (words::right_to_left(book.lang) ? " page-progression-direction=\"rtl\"" : "") + ">\n";
    auto itemref = [&](const std::string& id) { out += "    <itemref idref=\"" + id + "\"/>\n"; };
    if (book.has_cover_page()) itemref("cover");
    if (book.has_title_page()) itemref("titlepage");
    if (book.style.table_of_contents) itemref("nav");
    for (const ChapterPlan& c : book.chapters) itemref(c.item_id);
    for (std::size_t i = 0; i < book.sources_parts; ++i) itemref(i == 0 ? "sources" : "sources-" + std::to_string(i + 1));
    out += "  </spine>\n</package>\n";
    return out;
}

}  // namespace booklet::epub::detail

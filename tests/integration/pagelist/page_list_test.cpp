// The EPUB's page list against the PDF of the same build, read back with real
// tools: as many page-list entries as the PDF has pages (pdfinfo), every entry a
// marker in the EPUB, the markers in page order through the spine, and the words
// right after marker N those that open the text block of PDF page N (pdftotext,
// cropped to the style's text block so that running heads and folios are not read).
#include "booklet/source_dir.hpp"
#include "booklet/style.hpp"

#include <catch2/catch.hpp>

#include "epub_reader.hpp"
#include "shell.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

using namespace booklet;
namespace fs = std::filesystem;

namespace {

std::string quote(const fs::path& p) { return test::shell_quote(p.string()); }

// Words as both formats print them: lower-cased runs of letters and digits (two-byte
// UTF-8 letters included). Digits that end a word are note numbers the PDF raises
// after it and the EPUB links; a word of digits alone (a note number, a list number,
// a folio in the contents) is left out on both sides.
std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    const auto flush = [&] {
        while (!cur.empty() && cur.back() >= '0' && cur.back() <= '9') cur.pop_back();
        if (!cur.empty()) out.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80 && std::isalnum(c)) {
            cur += static_cast<char>(std::tolower(c));
        } else if (c >= 0xC2 && c < 0xE0 && i + 1 < s.size()) {
            cur += s.substr(i, 2);  // Latin, Greek, Cyrillic letters
            ++i;
        } else {
            flush();
        }
    }
    flush();
    return out;
}

// The EPUB in reading order: its text, pictures, the ends of its blocks and its
// page-break markers.
struct Token {
    enum Kind { text, marker, picture, block_end } kind = text;
    std::string value;                  // text: the text; marker: "file#id"
    std::vector<std::string> header;    // marker in a table: the words of its header row
};

std::string attribute(xmlNode* node, const char* name, const char* ns = nullptr) {
    xmlChar* v = ns ? xmlGetNsProp(node, BAD_CAST name, BAD_CAST ns) : xmlGetProp(node, BAD_CAST name);
    if (!v) return {};
    std::string s(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return s;
}

// The text of an element with a space between its elements' texts (cells apart).
std::string spaced_text(xmlNode* node) {
    std::string s;
    for (xmlNode* n = node->children; n; n = n->next) {
        if (n->type == XML_TEXT_NODE) s += reinterpret_cast<const char*>(n->content);
        else if (n->type == XML_ELEMENT_NODE) s += " " + spaced_text(n) + " ";
    }
    return s;
}

constexpr const char* kOps = "http://www.idpf.org/2007/ops";

bool is_block(const std::string& name) {
    static const char* const kBlocks[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "pre",
                                          "figcaption", "blockquote", "section", "nav", "div", "figure"};
    return std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks);
}

// Hidden navigation (landmarks, the page list itself) is not read; footnotes are
// read at the page foot in the PDF, never where a page begins. `header`: the
// header row of the table around.
void walk(xmlNode* node, const std::string& file, const std::vector<std::string>& header, std::vector<Token>& out) {
    for (xmlNode* n = node; n; n = n->next) {
        if (n->type == XML_TEXT_NODE) {
            out.push_back({Token::text, reinterpret_cast<const char*>(n->content), {}});
            continue;
        }
        if (n->type != XML_ELEMENT_NODE) continue;
        const std::string name = reinterpret_cast<const char*>(n->name);
        const std::string type = attribute(n, "type", kOps);
        if (xmlHasProp(n, BAD_CAST "hidden") || type == "footnote") continue;
        if (type == "pagebreak") {
            out.push_back({Token::marker, file + "#" + attribute(n, "id"), header});
        } else if (name == "img") {
            out.push_back({Token::picture, "", {}});
        } else if (name == "table") {
            std::vector<std::string> head;
            for (xmlNode* c = n->children; c; c = c->next)
                if (c->type == XML_ELEMENT_NODE && std::string(reinterpret_cast<const char*>(c->name)) == "thead")
                    head = words_of(spaced_text(c));
            walk(n->children, file, head, out);
        } else {
            walk(n->children, file, header, out);
            if (is_block(name)) out.push_back({Token::block_end, "", {}});
        }
    }
}

std::vector<Token> reading_order(const test::EpubFile& epub) {
    const test::Xml opf(epub.at("EPUB/package.opf"), "package.opf");
    const std::vector<std::string> ids = opf.all("//opf:manifest/opf:item/@id");
    const std::vector<std::string> hrefs = opf.all("//opf:manifest/opf:item/@href");
    REQUIRE(ids.size() == hrefs.size());
    std::map<std::string, std::string> href_of;
    for (std::size_t i = 0; i < ids.size(); ++i) href_of[ids[i]] = hrefs[i];
    std::vector<Token> tokens;
    for (const std::string& idref : opf.all("//opf:spine/opf:itemref/@idref")) {
        const std::string href = href_of.at(idref);
        const std::string& doc = epub.at("EPUB/" + href);
        std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> parsed(
            xmlReadMemory(doc.data(), static_cast<int>(doc.size()), href.c_str(), nullptr, XML_PARSE_NONET), xmlFreeDoc);
        REQUIRE(parsed);
        walk(xmlDocGetRootElement(parsed.get()), href, {}, tokens);
    }
    return tokens;
}

// The page list's targets, in page order: "text/003-x.xhtml#page-12".
std::vector<std::string> page_list(const test::EpubFile& epub) {
    return test::Xml(epub.at("EPUB/nav.xhtml"), "nav.xhtml").all("//x:nav[@epub:type='page-list']//x:a/@href");
}

struct Built {
    fs::path pdf, epub;
};

// content/ built with `style`; `options` after it (--format pdf,epub unless they say).
Built build(const std::string& style, const fs::path& out, const std::string& options = "--format pdf,epub") {
    fs::remove_all(out);
    const auto r = test::run_shell(quote(BOOKLET_BINARY) + " build " + quote(fs::path(BOOKLET_SOURCE_DIR) / "content") +
                                   " --style " + style + " " + options + " -q -o " + quote(out) + " 2>&1");
    INFO(r.out);
    REQUIRE(r.status == 0);
    Built b;
    for (const auto& e : fs::directory_iterator(out)) {
        if (e.path().extension() == ".pdf") b.pdf = e.path();
        if (e.path().extension() == ".epub") b.epub = e.path();
    }
    REQUIRE(!b.epub.empty());
    return b;
}

// The words in the text block of page `n` (1-based): the page less the style's
// top and bottom margins, where running heads and folios stand.
std::vector<std::string> text_block_words(const fs::path& pdf, int n, const style::Style& st) {
    const auto pt = [](Sp v) { return std::to_string(static_cast<long>(v / kSpPerPt)); };
    const std::string crop = " -r 72 -x 0 -y " + pt(st.page.margin_top) + " -W " + pt(st.page.width) + " -H " +
                             pt(st.page.height - st.page.margin_top - st.page.margin_bottom);
    const auto r = test::run_shell("pdftotext -f " + std::to_string(n) + " -l " + std::to_string(n) + crop + " " +
                                   quote(pdf) + " -");
    REQUIRE(r.status == 0);
    // A page reference ("→ p. 12") is the PDF's own: the EPUB links instead.
    std::string text = r.out;
    for (std::size_t at; (at = text.find("\u2192")) != std::string::npos;) {
        std::size_t end = at + 3;
        while (end < text.size() && !std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        text.erase(at, end - at);
    }
    return words_of(text);
}

// What the EPUB has right after a marker: the words of the block it stands in
// (four at most), whether a picture comes first, and whether another page's marker
// comes before any of it (a page with nothing of the EPUB's).
struct After {
    std::vector<std::string> words;        // the first four
    std::vector<std::string> block_words;  // all of the block's
    bool picture_first = false;
    bool shared = false;
};

After after_marker(const std::vector<Token>& tokens, std::size_t marker) {
    After a;
    for (std::size_t i = marker + 1; i < tokens.size(); ++i) {
        const Token& t = tokens[i];
        if (t.kind == Token::marker) {
            if (a.block_words.empty() && !a.picture_first) {
                a.shared = true;
                return a;
            }
            continue;  // a page that begins inside the block: its words still follow
        }
        if (t.kind == Token::picture && a.block_words.empty()) a.picture_first = true;
        if (t.kind == Token::block_end && !a.block_words.empty()) break;
        if (t.kind != Token::text) continue;
        for (auto& w : words_of(t.value)) a.block_words.push_back(w);
    }
    a.words.assign(a.block_words.begin(), a.block_words.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(4, a.block_words.size())));
    if (a.block_words.empty() && !a.picture_first) a.shared = true;  // the book's end
    return a;
}

bool has_picture(const fs::path& pdf, int n) {
    const auto r = test::run_shell("pdfimages -list -f " + std::to_string(n) + " -l " + std::to_string(n) + " " + quote(pdf));
    REQUIRE(r.status == 0);
    return std::count(r.out.begin(), r.out.end(), '\n') > 2;  // two header lines, then one per image
}

struct Checked {
    int compared = 0;    // pages whose first words were compared
    int pictures = 0;    // pages that begin with a picture
    int contents = 0;    // pages of the contents
    int in_entries = 0;  // pages that begin inside a Sources entry
    int shared = 0;      // pages of no text of the EPUB's (blank, imprint, back cover)
};

// The check itself, for one build.
Checked check_pages(const Built& built, const style::Style& st) {
    const test::EpubFile epub = test::read_epub(built.epub);
    const std::vector<std::string> targets = page_list(epub);
    REQUIRE(!built.pdf.empty());
    const int pages = test::pdf_page_count(built.pdf.string());
    REQUIRE(static_cast<int>(targets.size()) == pages);

    const std::vector<Token> tokens = reading_order(epub);
    std::map<std::string, std::size_t> where;  // marker -> token index
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i].kind == Token::marker) REQUIRE(where.emplace(tokens[i].value, i).second);
    REQUIRE(where.size() == targets.size());

    std::vector<std::string> contents;  // the words of the EPUB's table of contents
    for (const std::string& t : test::Xml(epub.at("EPUB/nav.xhtml")).all("//x:nav[@epub:type='toc']//text()"))
        for (auto& w : words_of(t)) contents.push_back(w);

    Checked checked;
    std::size_t previous = 0;
    for (int n = 1; n <= pages; ++n) {
        const std::string& target = targets[static_cast<std::size_t>(n - 1)];
        INFO("page " << n << ": " << target);
        const auto at = where.find(target);
        REQUIRE(at != where.end());
        CHECK(at->second >= previous);  // markers stand in page order
        previous = at->second;
        const After after = after_marker(tokens, at->second);
        std::vector<std::string> printed = text_block_words(built.pdf, n, st);
        // A table's header row repeated at the top of the page is the page's own
        // (pdftotext may read a wrapped header cell after the first row's start).
        const auto& header = tokens[at->second].header;
        while (!printed.empty() && std::find(header.begin(), header.end(), printed.front()) != header.end())
            printed.erase(printed.begin());
        if (after.shared) {
            // A blank page, the imprint's, the back cover: it does not begin with
            // the text the next page begins with.
            ++checked.shared;
            const After next = after_marker(tokens, at->second + 1);
            if (!next.words.empty() && !printed.empty()) CHECK(printed.front() != next.words.front());
            continue;
        }
        if (after.picture_first) {
            // The page begins with a picture (a figure that floated there heads its
            // page, the text that it let by after it): the PDF page has one.
            CHECK(has_picture(built.pdf, n));
            ++checked.pictures;
            continue;
        }
        REQUIRE(!printed.empty());
        if (target.rfind("nav.xhtml#", 0) == 0 && after.words.size() == 1) {
            // A page of the contents after its first: the EPUB's contents is one
            // list where no marker may stand between entries, so all its pages
            // begin at its start. The page's first entry is in that list.
            ++checked.contents;
            const std::size_t k = std::min<std::size_t>(printed.size(), 4);
            CHECK(std::search(contents.begin(), contents.end(), printed.begin(),
                              printed.begin() + static_cast<std::ptrdiff_t>(k)) != contents.end());
            continue;
        }
        const std::size_t k = std::min(printed.size(), after.words.size());
        REQUIRE(k > 0);
        std::vector<std::string> want(printed.begin(), printed.begin() + static_cast<std::ptrdiff_t>(k));
        std::vector<std::string> got(after.words.begin(), after.words.begin() + static_cast<std::ptrdiff_t>(k));
        // A page that begins with the end of a hyphenated word: its marker stands
        // before the whole word.
        if (want.front() != got.front() && got.front().size() > want.front().size() &&
            got.front().compare(got.front().size() - want.front().size(), want.front().size(), want.front()) == 0)
            got.front() = want.front();
        if (got != want && target.find("/sources") != std::string::npos) {
            // A page that begins inside a Sources entry: its marker opens the entry
            // (whose EPUB form links back where the PDF prints page numbers).
            CHECK(std::search(after.block_words.begin(), after.block_words.end(), want.begin(), want.end()) !=
                  after.block_words.end());
            ++checked.in_entries;
            continue;
        }
        CHECK(got == want);
        ++checked.compared;
    }
    return checked;
}

// How the pages of one build were checked, for the test's log.
std::string summary(const Checked& c) {
    return std::to_string(c.compared) + " pages compared word by word, " + std::to_string(c.pictures) +
           " beginning with a picture, " + std::to_string(c.contents) + " of the contents, " +
           std::to_string(c.in_entries) + " inside a Sources entry, " + std::to_string(c.shared) +
           " without text of their own";
}

}  // namespace

TEST_CASE("the EPUB's page list follows the PDF of the same build, page by page", "[pagelist]") {
    const fs::path out = fs::path(BOOKLET_INTEGRATION_OUT) / "booklet";
    const Built built = build("booklet", out);
    const Checked checked = check_pages(built, style::load_style("booklet", BOOKLET_SOURCE_DIR "/styles"));
    WARN("booklet style: " << summary(checked));
    CHECK(checked.compared >= 10);

    SECTION("the same build twice gives the same EPUB") {
        const Built again = build("booklet", fs::path(BOOKLET_INTEGRATION_OUT) / "booklet-again");
        CHECK(test::slurp(again.epub) == test::slurp(built.epub));
    }
    SECTION("the EPUB alone lays the PDF out for its pages: the same EPUB") {
        const Built alone = build("booklet", fs::path(BOOKLET_INTEGRATION_OUT) / "epub-alone", "--format epub");
        CHECK(alone.pdf.empty());
        CHECK(test::slurp(alone.epub) == test::slurp(built.epub));
    }
    SECTION("epub.page_list: false leaves the page list out") {
        const Built without =
            build("booklet", fs::path(BOOKLET_INTEGRATION_OUT) / "no-page-list", "--format epub --set epub.page_list=false");
        const test::EpubFile epub = test::read_epub(without.epub);
        CHECK(page_list(epub).empty());
        for (const auto& name : epub.names) CHECK(epub.at(name).find("doc-pagebreak") == std::string::npos);
    }
}

TEST_CASE("the page list of the press-kit style, whose PDF lists the sources", "[pagelist]") {
    const Built built = build("press-kit", fs::path(BOOKLET_INTEGRATION_OUT) / "press-kit");
    const Checked checked = check_pages(built, style::load_style("press-kit", BOOKLET_SOURCE_DIR "/styles"));
    WARN("press-kit style: " << summary(checked));
    CHECK(checked.compared >= 5);
}

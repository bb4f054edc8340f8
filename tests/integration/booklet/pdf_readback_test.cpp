// End to end: the booklet binary renders real pages to PDF, and the file is read
// back with poppler and qpdf — every word of the source in order, every cited URL
// printed on the page that links it, a clean qpdf check, every font embedded.
#include "booklet/source_dir.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/markdown.hpp"
#include "booklet/model.hpp"
#include "booklet/source.hpp"

#include <catch2/catch.hpp>

#include "shell.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace booklet;
namespace fs = std::filesystem;

namespace {

using test::run_shell;

std::string quote(const fs::path& p) { return test::shell_quote(p.string()); }

bool word_byte(unsigned char c, unsigned char lead) {
    if (c < 0x80) return std::isalnum(c) != 0;
    // Letters of two-byte UTF-8 (Latin, Greek, Cyrillic); arrows, quotes, emoji
    // (three and four bytes) separate words.
    return lead >= 0xC2 && lead < 0xE0;
}

// Lower-cased words: runs of letters and digits.
std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    unsigned char lead = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xC0) lead = c;
        else if (c < 0x80) lead = 0;
        if (word_byte(c, c >= 0x80 ? lead : 0)) {
            cur += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

bool looks_like_url(const std::string& w) {
    return w.find("://") != std::string::npos || w.rfind("www.", 0) == 0 || w.rfind("mailto:", 0) == 0 ||
           w.find('@') != std::string::npos;
}

// The visible text of inlines, URL-like chunks dropped (they are checked apart).
void inline_text(const model::Inlines& list, std::string& out) {
    for (const auto& in : list)
        std::visit(
            [&](const auto& n) {
                using T = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<T, model::Text> || std::is_same_v<T, model::Code>) {
                    std::istringstream chunks(n.text);
                    std::string chunk;
                    while (chunks >> chunk)
                        if (!looks_like_url(chunk)) out += chunk + " ";
                } else if constexpr (std::is_same_v<T, model::LineBreak> || std::is_same_v<T, model::SoftBreak>) {
                    out += ' ';
                } else if constexpr (std::is_same_v<T, model::Image> || std::is_same_v<T, model::FootnoteRef>) {
                } else {
                    inline_text(n.children, out);
                }
            },
            in.node);
}

void block_text(const model::Blocks& blocks, std::string& out);

void block_text(const model::Block& b, std::string& out) {
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, model::Heading> || std::is_same_v<T, model::Paragraph>) {
                inline_text(n.content, out);
            } else if constexpr (std::is_same_v<T, model::List>) {
                for (const auto& item : n.items) block_text(item.blocks, out);
            } else if constexpr (std::is_same_v<T, model::BlockQuote>) {
                block_text(n.blocks, out);
                inline_text(n.attribution, out);
            } else if constexpr (std::is_same_v<T, model::CodeBlock>) {
                std::istringstream chunks(n.text);
                std::string chunk;
                while (chunks >> chunk)
                    if (!looks_like_url(chunk)) out += chunk + " ";
            } else if constexpr (std::is_same_v<T, model::Table>) {
                for (const auto& c : n.header) inline_text(c.content, out);
                for (const auto& row : n.rows)
                    for (const auto& c : row) inline_text(c.content, out);
            } else if constexpr (std::is_same_v<T, model::Figure>) {
                if (n.image.file.empty()) out += n.image.alt + " ";
                inline_text(n.caption, out);
            } else if constexpr (std::is_same_v<T, model::Details>) {
                inline_text(n.summary, out);
                block_text(n.blocks, out);
            }
        },
        b.node);
    out += ' ';
}

void block_text(const model::Blocks& blocks, std::string& out) {
    for (const auto& b : blocks) block_text(b, out);
}

struct Rendered {
    fs::path pdf;
    model::Document doc;
};

Rendered render(const std::string& name, const fs::path& manifest) {
    Rendered r;
    const fs::path out = fs::path(BOOKLET_INTEGRATION_OUT) / name;
    fs::remove_all(out);
    const auto build = run_shell(std::string(BOOKLET_BINARY) + " build " + quote(manifest) + " --format pdf -q -o " +
                          quote(out) + " 2>&1");
    INFO(build.out);
    REQUIRE(build.status == 0);
    r.pdf = out / (manifest.stem().string() + ".pdf");
    REQUIRE(fs::exists(r.pdf));
    Diagnostics diags;
    r.doc = markdown::build_document(source::load_manifest(manifest, diags), diags);
    return r;
}

void check_words_in_order(const Rendered& r) {
    std::string source;
    for (const auto& ch : r.doc.chapters) {
        source += ch.title + " ";
        block_text(ch.blocks, source);
    }
    const std::vector<std::string> expected = words_of(source);
    const std::set<std::string> vocabulary(expected.begin(), expected.end());

    // The PDF's text; a hyphen at a line end joins the halves when that makes a
    // word of the source (the line breaker's hyphens are not in the text).
    const auto text = run_shell("pdftotext -enc UTF-8 " + quote(r.pdf) + " - 2>&1");
    REQUIRE(text.status == 0);
    std::string joined;
    std::istringstream lines(text.out);
    std::string line, carry;
    while (std::getline(lines, line)) {
        if (!carry.empty()) {
            std::string head = line.substr(0, line.find_first_of(" .,;:!?)"));
            const auto whole = words_of(carry + head);
            if (whole.size() == 1 && vocabulary.count(whole[0])) {
                joined.pop_back();  // the hyphen
            } else {
                joined += ' ';
            }
            carry.clear();
        }
        joined += line;
        if (!line.empty() && line.back() == '-') {
            const auto pos = line.find_last_of(' ');
            carry = line.substr(pos == std::string::npos ? 0 : pos + 1);
            carry.pop_back();
        } else {
            joined += '\n';
        }
    }
    const std::vector<std::string> found = words_of(joined);

    // Greedy earliest matching decides whether `expected` is a subsequence. A note
    // number glued to a word ("source12") still counts as the word.
    // pdftotext may read a table's right-aligned column as a block of its own, after
    // the next row's first cell: a word not found ahead may stand a few words back.
    constexpr std::size_t kReorderWindow = 4;
    const auto same = [](const std::string& f, const std::string& w) {
        return f == w || (f.size() > w.size() && f.compare(0, w.size(), w) == 0 &&
                          f.find_first_not_of("0123456789", w.size()) == std::string::npos);
    };
    std::size_t j = 0, matched = 0;
    std::vector<std::string> missing;
    for (const auto& w : expected) {
        std::size_t k = j;
        while (k < found.size() && !same(found[k], w)) ++k;
        if (k < found.size()) {
            ++matched;
            j = k + 1;
            continue;
        }
        bool near = false;
        for (std::size_t b = j > kReorderWindow ? j - kReorderWindow : 0; b < j && !near; ++b) near = same(found[b], w);
        if (near) ++matched;
        else if (missing.size() < 10) missing.push_back(w);
    }
    INFO("missing (first 10): " << [&] {
        std::string s;
        for (const auto& m : missing) s += m + " ";
        return s;
    }());
    CHECK(expected.size() > 100);
    CHECK(matched == expected.size());
}

void check_urls_on_their_pages(const Rendered& r) {
    const auto urls = run_shell("pdfinfo -url " + quote(r.pdf) + " 2>&1");
    REQUIRE(urls.status == 0);
    std::map<int, std::set<std::string>> per_page;
    std::istringstream in(urls.out);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        int page = 0;
        std::string type, uri;
        if (fields >> page >> type >> uri) per_page[page].insert(uri);
    }
    REQUIRE(!per_page.empty());
    std::set<std::string> annotated;
    for (const auto& [page, uris] : per_page) {
        const auto text = run_shell("pdftotext -raw -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) +
                             " " + quote(r.pdf) + " - 2>&1");
        std::string glued;
        for (char c : text.out)
            if (c != '\n' && c != ' ' && c != '\f') glued += c;
        for (const auto& uri : uris) {
            annotated.insert(uri);
            std::string shown = uri;
            if (shown.rfind("mailto:", 0) == 0) shown = shown.substr(7);
            INFO("page " << page << ": " << uri);
            CHECK(glued.find(shown) != std::string::npos);
        }
    }
    // Every external link of the source has an annotation somewhere.
    std::function<void(const model::Inlines&)> visit = [&](const model::Inlines& list) {
        for (const auto& in : list)
            std::visit(
                [&](const auto& n) {
                    using T = std::decay_t<decltype(n)>;
                    if constexpr (std::is_same_v<T, model::Link>) {
                        if (n.target.kind == model::LinkKind::external) {
                            INFO(n.target.url);
                            CHECK(annotated.count(n.target.url) == 1);
                        }
                    }
                    if constexpr (requires { n.children; }) visit(n.children);
                },
                in.node);
    };
    std::function<void(const model::Blocks&)> blocks = [&](const model::Blocks& list) {
        for (const auto& b : list)
            std::visit(
                [&](const auto& n) {
                    using T = std::decay_t<decltype(n)>;
                    if constexpr (std::is_same_v<T, model::Paragraph> || std::is_same_v<T, model::Heading>)
                        visit(n.content);
                    else if constexpr (std::is_same_v<T, model::List>)
                        for (const auto& item : n.items) blocks(item.blocks);
                    else if constexpr (std::is_same_v<T, model::BlockQuote>) blocks(n.blocks);
                    else if constexpr (std::is_same_v<T, model::Table>) {
                        for (const auto& row : n.rows)
                            for (const auto& c : row) visit(c.content);
                    }
                },
                b.node);
    };
    for (const auto& ch : r.doc.chapters) blocks(ch.blocks);
}

void check_file(const Rendered& r) {
    const auto qpdf = run_shell("qpdf --check " + quote(r.pdf) + " 2>&1");
    INFO(qpdf.out);
    CHECK(qpdf.status == 0);
    const auto fonts = run_shell("pdffonts " + quote(r.pdf) + " 2>&1");
    REQUIRE(fonts.status == 0);
    std::istringstream in(fonts.out);
    std::string line;
    int rows = 0;
    while (std::getline(in, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0) continue;
        ++rows;
        // Columns: name type encoding emb sub uni object-number generation.
        std::istringstream fields(line);
        std::vector<std::string> f;
        std::string field;
        while (fields >> field) f.push_back(field);
        INFO(line);
        REQUIRE(f.size() >= 6);
        CHECK(f[f.size() - 5] == "yes");  // embedded
        CHECK(f[f.size() - 3] == "yes");  // ToUnicode
    }
    CHECK(rows >= 3);
}

}  // namespace

TEST_CASE("the layout test booklet reads back whole, with its URLs on their pages", "[integration][pdf]") {
    const Rendered r = render("notes", fs::path(BOOKLET_SOURCE_DIR) / "tests/data/layout/booklet/booklet.yaml");
    check_file(r);
    check_words_in_order(r);
    check_urls_on_their_pages(r);
}

TEST_CASE("the manifest's QR code scans from the rendered back page", "[integration][qr]") {
    const Rendered r = render("qr", fs::path(BOOKLET_SOURCE_DIR) / "tests/data/layout/booklet/booklet.yaml");
    const int pages = booklet::test::pdf_page_count(r.pdf.string());
    const fs::path png = r.pdf.parent_path() / "back";
    const auto raster = run_shell("pdftoppm -r 150 -png -singlefile -f " + std::to_string(pages) + " -l " +
                           std::to_string(pages) + " " + quote(r.pdf) + " " + quote(png) + " 2>&1");
    REQUIRE(raster.status == 0);
    const auto scan = run_shell("zbarimg -q --raw " + quote(png.string() + ".png") + " 2>/dev/null");
    CHECK(scan.out.find("https://example.org/notes-on-every-page") != std::string::npos);
}

TEST_CASE("the default booklet reads back whole, with its URLs on their pages", "[integration][pdf]") {
    const Rendered r = render("default", fs::path(BOOKLET_SOURCE_DIR) / "content/booklet.yaml");
    check_file(r);
    check_words_in_order(r);
    check_urls_on_their_pages(r);
}

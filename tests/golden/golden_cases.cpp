#include "booklet/source_dir.hpp"
#include "golden_cases.hpp"

#include "booklet/cite.hpp"
#include "booklet/dates.hpp"
#include "booklet/dump.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/layout.hpp"
#include "booklet/markdown.hpp"
#include "booklet/shape.hpp"
#include "booklet/source.hpp"
#include "booklet/style.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace golden {
namespace fs = std::filesystem;

namespace {

const fs::path kDir = BOOKLET_GOLDEN_DIR;
const char* const kFence = "~~~~";

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

[[noreturn]] void fail(const fs::path& file, std::size_t line, const std::string& what) {
    throw std::runtime_error(file.string() + ":" + std::to_string(line + 1) + ": " + what);
}

// "key: value" lines of a case, outside fences.
bool read_setting(Case& c, const std::string& line) {
    const auto colon = line.find(": ");
    if (colon == std::string::npos) return false;
    const std::string key = line.substr(0, colon), value = line.substr(colon + 2);
    if (key == "style") c.style = value;
    else if (key == "set") c.overrides.push_back(value);
    else if (key == "dump") c.dump = value;
    else if (key == "manifest") {
        const auto eq = value.find('=');
        if (eq == std::string::npos) return false;
        c.manifest.emplace_back(value.substr(0, eq), value.substr(eq + 1));
    } else return false;
    return true;
}

// The fenced block starting at line i (its opening fence); returns the line after
// its closing fence and its text.
std::size_t read_fence(const File& f, std::size_t i, std::string& text) {
    std::size_t j = i + 1;
    for (; j < f.lines.size() && f.lines[j] != kFence; ++j) text += f.lines[j] + "\n";
    if (j == f.lines.size()) fail(f.path, i, "fence not closed");
    return j + 1;
}

std::string manifest_value(const Case& c, const std::string& key, const std::string& fallback) {
    for (const auto& [k, v] : c.manifest)
        if (k == key) return v;
    return fallback;
}

std::string warnings_of(const booklet::Diagnostics& diags) {
    std::string out;
    for (const auto& d : diags.all()) out += booklet::format(d) + "\n";
    return out.empty() ? "" : "-- warnings\n" + out;
}

std::string dump_of(const Case& c);

}  // namespace

File read_file(const fs::path& path) {
    File f;
    f.path = path;
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path.string() + ": cannot read");
    for (std::string line; std::getline(in, line);) f.lines.push_back(line);
    for (std::size_t i = 0; i < f.lines.size();) {
        const std::string& line = f.lines[i];
        if (starts_with(line, "## ")) {
            f.cases.emplace_back();
            f.cases.back().name = line.substr(3);
            f.cases.back().file = path;
            f.cases.back().line = static_cast<int>(i + 1);
            ++i;
            continue;
        }
        if (f.cases.empty()) {  // the file's introduction
            ++i;
            continue;
        }
        Case& c = f.cases.back();
        if (starts_with(line, std::string(kFence) + " markdown")) {
            Page page;
            const auto name = line.find_first_not_of(' ', std::string(kFence).size() + 9);
            page.name = name != std::string::npos ? line.substr(name) : "page" + std::to_string(c.pages.size() + 1) + ".md";
            i = read_fence(f, i, page.text);
            c.pages.push_back(std::move(page));
        } else if (line == std::string(kFence) + " expect") {
            c.has_expected = true;
            c.expect_begin = i + 1;
            i = read_fence(f, i, c.expected);
            c.expect_end = i - 1;
        } else if (starts_with(line, kFence)) {
            fail(path, i, "a fence is '~~~~ markdown [name]' or '~~~~ expect'");
        } else {
            read_setting(c, line);  // any other line is prose
            ++i;
        }
    }
    for (const Case& c : f.cases)
        if (c.pages.empty()) fail(path, static_cast<std::size_t>(c.line - 1), "case '" + c.name + "' has no page");
    return f;
}

// The dump of a case, its warnings after it, with the golden folder's path left
// out so that the text is the same in every checkout.
std::string run(const Case& c) {
    std::string out = dump_of(c);
    const std::string dir = kDir.string() + "/";
    for (std::size_t at; (at = out.find(dir)) != std::string::npos;) out.erase(at, dir.size());
    return out;
}

namespace {

std::string dump_of(const Case& c) {
    using namespace booklet;
    source::Manifest manifest;
    manifest.file = kDir / "booklet.yaml";
    manifest.root = kDir;
    manifest.title = manifest_value(c, "title", "Golden");
    manifest.language = manifest_value(c, "language", "en");
    manifest.base_url = manifest_value(c, "base_url", "https://example.org");
    manifest.date = manifest_value(c, "date", "2025-06-01");
    manifest.assets = {kDir / "images"};
    std::vector<source::SourcePage> pages;
    for (const Page& p : c.pages) {
        manifest.pages.push_back(kDir / p.name);
        pages.push_back(source::parse_page(p.text, kDir / p.name, p.name));
    }
    Diagnostics diags;
    const model::Document doc = markdown::build_document_from_pages(manifest, pages, diags);
    if (c.dump == "tree") return dump::model_tree(doc) + warnings_of(diags);

    const fs::path own = kDir / "styles" / (c.style + ".yaml");
    const style::Style style =
        style::load_style(fs::exists(own) ? own.string() : c.style, fs::path(BOOKLET_SOURCE_DIR) / "styles", c.overrides);
    const std::int64_t when = parse_iso_date(manifest.date).value_or(0);
    const cite::Citations cites = cite::cite_document(doc, style.links, when);
    if (c.dump == "citations") return dump::citations(doc, cites) + warnings_of(diags);

    shape::FontRegistry fonts;
    hyphenate::Dictionaries dictionaries;
    const pages::Book book = layout::layout_book(doc, cites, style, fonts, dictionaries, {when}, diags);
    if (c.dump == "items") return dump::page_items(book) + warnings_of(diags);
    if (c.dump == "lines") return dump::page_lines(book) + warnings_of(diags);
    throw std::runtime_error(c.file.string() + ":" + std::to_string(c.line) + ": unknown dump '" + c.dump + "'");
}

}  // namespace

std::string rewrite(const File& file, const std::vector<std::string>& actual) {
    // Replacements from the end, so earlier line numbers stay valid.
    std::vector<std::string> lines = file.lines;
    for (std::size_t k = file.cases.size(); k-- > 0;) {
        const Case& c = file.cases[k];
        std::vector<std::string> body;
        std::istringstream in(actual[k]);
        for (std::string line; std::getline(in, line);) body.push_back(line);
        if (c.has_expected) {
            lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(c.expect_begin),
                        lines.begin() + static_cast<std::ptrdiff_t>(c.expect_end));
            lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(c.expect_begin), body.begin(), body.end());
            continue;
        }
        // After the case's last fence: find it from the next case's heading back.
        std::size_t end = k + 1 < file.cases.size() ? static_cast<std::size_t>(file.cases[k + 1].line - 1) : lines.size();
        while (end > 0 && lines[end - 1] != kFence) --end;
        std::vector<std::string> block = {"", std::string(kFence) + " expect"};
        block.insert(block.end(), body.begin(), body.end());
        block.push_back(kFence);
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(end), block.begin(), block.end());
    }
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

std::vector<fs::path> case_files() {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(kDir))
        if (e.path().extension() == ".md" && e.path().filename() != "README.md") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace golden

// Booklets without a manifest: pages named on the command line or found in a
// folder get the manifest a user would most likely have written, and `booklet
// init` writes that manifest out for editing.
#include "booklet/source.hpp"

#include "glob.hpp"

namespace booklet::source {
namespace fs = std::filesystem;

namespace {

// A front matter value booklet takes as text, or "".
std::string front_matter_text(const SourcePage& page, std::string_view key) {
    if (!page.front_matter.is_map()) return {};
    const config::ConfigNode* node = page.front_matter.find(key);
    return node && node->is_scalar() ? node->scalar : std::string();
}

// The language a page says it is in: front matter 'lang', else "name.LANG.md".
std::string page_language(const SourcePage& page) {
    if (const std::string lang = front_matter_text(page, "lang"); is_language_tag(lang)) return lang;
    const Manifest by_name = manifest_for_page(page.file);
    return by_name.language;
}

// A YAML double-quoted scalar: any text (quotes, colons, '#', leading dashes)
// stays one string.
std::string yaml_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7F) {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 0xF];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

std::vector<fs::path> pages_in_folder(const fs::path& folder) { return expand_glob(folder, "*.md"); }

Manifest manifest_for_pages(const std::vector<SourcePage>& pages, const fs::path& file) {
    Manifest m;
    m.file = file;
    if (pages.empty()) return m;
    const SourcePage& first = pages.front();
    m.root = first.file.has_parent_path() ? first.file.parent_path() : fs::path(".");
    m.title = front_matter_text(first, "title");
    m.language = page_language(first);
    for (const SourcePage& page : pages) {
        m.pages.push_back(page.file.lexically_normal());
        m.page_origins.push_back({});
    }
    return m;
}

std::string manifest_template(const std::vector<std::string>& page_names, const std::vector<SourcePage>& pages) {
    std::string title, language = "en";
    if (!pages.empty()) {
        title = front_matter_text(pages.front(), "title");
        language = page_language(pages.front());
    }
    std::string out;
    out += "# booklet.yaml: which pages make the booklet, in which order, and what it is called.\n";
    out += "# `booklet build` in this folder reads it; `booklet check` lists its problems.\n";
    out += "# A line starting with # is a comment: remove the # to use a key.\n\n";
    if (title.empty()) out += "# title: \"The booklet's title\"      # default: the first page's title\n";
    else out += "title: " + yaml_quoted(title) + "   # from the first page's front matter\n";
    out += "# subtitle: \"A line under the title\"\n";
    out += "# authors: [\"A. Writer\"]\n";
    out += "language: " + yaml_quoted(language) + "   # BCP 47 tag: hyphenation, quotes and the EPUB's language\n";
    out += "# base_url: https://example.org   # the site: links such as /about resolve against it\n";
    out += "# date: 2024-05-01                # fixes the printed date and every timestamp in the files\n";
    out += "# identifier: \"urn:isbn:...\"      # the EPUB's stable id (default: derived from the title)\n";
    out += "style: \"booklet\"   # a name from `booklet styles`, or a style file\n";
    out += "# cover: images/cover.png\n";
    out += "# qr: https://example.org         # printed as a QR code\n";
    out += "# assets: [images]                # folders searched for site-relative images (/logo.png)\n";
    out += "pages:   # in booklet order; a pattern such as \"posts/*.md\" takes every match in name order\n";
    for (const auto& name : page_names) out += "  - " + yaml_quoted(name) + "\n";
    return out;
}

}  // namespace booklet::source

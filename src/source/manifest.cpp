// booklet.yaml: validated settings and the ordered list of page files.
#include "booklet/source.hpp"

#include "glob.hpp"

#include "booklet/words.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace booklet::source {
namespace fs = std::filesystem;

const std::vector<std::string>& manifest_keys() {
    static const std::vector<std::string> keys = {"title",      "subtitle", "authors", "language",
                                                  "base_url",   "date",     "identifier", "style",
                                                  "cover",      "qr",       "pages",   "assets",
                                                  "labels"};
    return keys;
}

namespace {

std::string describe(const config::ConfigNode& n) {
    switch (n.kind) {
        case config::ConfigNode::Kind::null: return "nothing";
        case config::ConfigNode::Kind::scalar: return "'" + n.scalar + "'";
        case config::ConfigNode::Kind::sequence: return "a list";
        case config::ConfigNode::Kind::map: return "a mapping";
    }
    return "?";
}

// Type checks report at the key's line: that is where a user looks for "title:".
std::string text_value(const config::ConfigNode& value, const std::string& key, const SourcePos& key_pos) {
    if (!value.is_scalar())
        throw Error(key_pos, "'" + key + "' must be text, not " + describe(value), "manifest-type");
    return value.scalar;
}

std::vector<std::string> text_list(const config::ConfigNode& value, const std::string& key,
                                   const SourcePos& key_pos) {
    if (value.is_scalar()) return {value.scalar};
    if (!value.is_sequence())
        throw Error(key_pos, "'" + key + "' must be text or a list of texts, not " + describe(value),
                    "manifest-type");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value.items.size(); ++i) {
        const auto& item = value.items[i];
        if (!item.is_scalar())
            throw Error(item.pos.line > 0 ? item.pos : key_pos,
                        "'" + key + "' item " + std::to_string(i + 1) + " must be text, not " + describe(item),
                        "manifest-type");
        out.push_back(item.scalar);
    }
    return out;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    const int y = std::stoi(std::string(s.substr(0, 4)));
    const int m = std::stoi(std::string(s.substr(5, 2)));
    const int d = std::stoi(std::string(s.substr(8, 2)));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    return d <= days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
}

bool is_web_url(std::string_view s) {
    const auto after = [&](std::string_view scheme) { return s.substr(0, scheme.size()) == scheme && s.size() > scheme.size(); };
    if (!after("https://") && !after("http://")) return false;
    return s.find_first_of(" \t\n<>\"") == std::string_view::npos;
}

fs::path resolve(const fs::path& root, const std::string& p) {
    const fs::path path(p);
    return (path.is_absolute() ? path : root / path).lexically_normal();
}

}  // namespace

Manifest parse_manifest(std::string_view text, const fs::path& file, Diagnostics& diags) {
    const std::string name = file.string();
    const config::ConfigNode doc = config::parse_yaml(text, name, 1);
    if (doc.kind == config::ConfigNode::Kind::null)
        throw Error({name, 1, 0}, "the manifest is empty: it needs at least 'pages'", "manifest-empty");
    if (!doc.is_map())
        throw Error(doc.pos, "the manifest must be a list of 'key: value' lines, not " + describe(doc),
                    "manifest-type");

    Manifest m;
    m.file = file;
    m.root = file.has_parent_path() ? file.parent_path() : fs::path(".");

    const auto& known = manifest_keys();
    bool have_pages = false;
    for (std::size_t i = 0; i < doc.entries.size(); ++i) {
        const std::string& key = doc.entries[i].first;
        const config::ConfigNode& value = doc.entries[i].second;
        const SourcePos& at = doc.key_pos[i];
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw Error(at, "unknown key '" + key + "' (known keys: " + list + ")", "manifest-key");
        }
        if (key == "title") {
            m.title = text_value(value, key, at);
        } else if (key == "subtitle") {
            m.subtitle = text_value(value, key, at);
        } else if (key == "authors") {
            m.authors = text_list(value, key, at);
        } else if (key == "language") {
            m.language = text_value(value, key, at);
            if (!is_language_tag(m.language))
                throw Error(at, "'language' must be a BCP 47 language tag such as 'nl' or 'en-GB', not '" +
                                    m.language + "'", "manifest-value");
        } else if (key == "base_url") {
            m.base_url = text_value(value, key, at);
            if (!is_web_url(m.base_url))
                throw Error(at, "'base_url' must be an absolute http(s) URL such as 'https://example.org', not '" +
                                    m.base_url + "'", "manifest-value");
            while (!m.base_url.empty() && m.base_url.back() == '/') m.base_url.pop_back();
        } else if (key == "date") {
            m.date = text_value(value, key, at);
            if (!is_iso_date(m.date))
                throw Error(at, "'date' must be a date written YYYY-MM-DD, not '" + m.date + "'", "manifest-value");
        } else if (key == "labels") {
            m.labels = words::read_labels(value, words::LabelsOf::manifest);
        } else if (key == "identifier") {
            m.identifier = text_value(value, key, at);
        } else if (key == "style") {
            m.style = text_value(value, key, at);
        } else if (key == "cover") {
            const std::string cover = text_value(value, key, at);
            const fs::path p = resolve(m.root, cover);
            std::error_code ec;
            if (fs::is_regular_file(p, ec)) m.cover = p;
            else diags.error(at, "cover-missing", "cover image '" + cover + "' not found");
        } else if (key == "qr") {
            m.qr = text_value(value, key, at);
            if (m.qr.empty() || m.qr.find_first_of(" \t\n") != std::string::npos)
                throw Error(at, "'qr' must be the URL to encode, without spaces", "manifest-value");
        } else if (key == "assets") {
            for (const auto& a : text_list(value, key, at)) {
                const fs::path p = resolve(m.root, a);
                std::error_code ec;
                if (fs::is_directory(p, ec)) m.assets.push_back(p);
                else diags.error(at, "asset-folder-missing", "asset folder '" + a + "' not found");
            }
        } else if (key == "pages") {
            have_pages = true;
            const std::vector<std::string> entries = text_list(value, key, at);
            if (entries.empty()) throw Error(at, "'pages' must list at least one page", "manifest-value");
            std::set<fs::path> seen;
            for (std::size_t k = 0; k < entries.size(); ++k) {
                const std::string& entry = entries[k];
                const SourcePos item_at =
                    value.is_sequence() && value.items[k].pos.line > 0 ? value.items[k].pos : at;
                if (entry.empty()) {
                    diags.error(item_at, "page-missing", "empty page name");
                    continue;
                }
                std::vector<fs::path> files;
                if (has_wildcard(entry)) {
                    files = expand_glob(m.root, entry);
                    if (files.empty()) {
                        diags.error(item_at, "page-missing", "'" + entry + "' matches no file");
                        continue;
                    }
                } else {
                    const fs::path p = resolve(m.root, entry);
                    std::error_code ec;
                    if (!fs::is_regular_file(p, ec)) {
                        diags.error(item_at, "page-missing", "page '" + entry + "' not found");
                        continue;
                    }
                    files.push_back(p);
                }
                for (auto& f : files) {
                    f = f.lexically_normal();
                    // A page named twice would become two chapters with the same id;
                    // a glob that also matches an explicitly listed page just skips it.
                    if (!seen.insert(f).second) {
                        if (!has_wildcard(entry))
                            diags.warning(item_at, "page-duplicate", "page '" + entry + "' is listed twice");
                        continue;
                    }
                    m.pages.push_back(f);
                    m.page_origins.push_back(item_at);
                }
            }
        }
    }
    if (!have_pages) throw Error({name, 1, 0}, "the manifest has no 'pages' list", "manifest-key");
    return m;
}

Manifest load_manifest(const fs::path& file, Diagnostics& diags) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error({file.string(), 0, 0}, "cannot read the manifest (missing or not readable)", "manifest-unreadable");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    std::string text = bytes.str();
    if (const SourcePos bad = first_invalid_utf8(text, file.string()); bad.line > 0)
        throw Error(bad, "the manifest is not valid UTF-8", "encoding");
    return parse_manifest(text, file, diags);
}

Manifest manifest_for_page(const fs::path& page) {
    Manifest m;
    m.file = page;
    m.root = page.has_parent_path() ? page.parent_path() : fs::path(".");
    m.pages.push_back(page.lexically_normal());
    m.page_origins.push_back({});
    // "name.nl.md": the page says which language it is in.
    const fs::path inner = page.stem();
    if (inner.has_extension()) {
        const std::string lang = inner.extension().string().substr(1);
        if (is_language_tag(lang) && lang.size() <= 3) m.language = lang;
    }
    return m;
}

}  // namespace booklet::source

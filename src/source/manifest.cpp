// booklet.yaml: validated settings and the ordered list of page files.
#include "booklet/source.hpp"

#include "glob.hpp"

#include "booklet/files.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace booklet::source {
namespace fs = std::filesystem;

const std::vector<std::string>& manifest_keys() {
    static const std::vector<std::string> keys = {"title",      "subtitle", "authors", "language",
                                                  "base_url",   "date",     "identifier", "license",
                                                  "style",      "cover",    "qr",      "pages",
                                                  "assets"};
    return keys;
}

namespace {

std::string describe(const config::ConfigNode& n) {
    switch (n.kind) {
        case config::ConfigNode::Kind::null: return "nothing";
        case config::ConfigNode::Kind::scalar: return "'" + excerpt(n.scalar) + "'";
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

// Whether `path` lies in `folder` by its text alone (both made absolute first).
bool lexically_within(const fs::path& path, const fs::path& folder) {
    const fs::path rel = fs::absolute(path).lexically_normal().lexically_relative(fs::absolute(folder).lexically_normal());
    return !rel.empty() && rel.begin()->string() != "..";
}

// The folder part of a pages entry before its first wildcard: "posts/*.md" ->
// "posts", "a/b.md" -> "a".
std::string fixed_folder(const std::string& entry) {
    const std::size_t wild = entry.find_first_of("*?[");
    const std::string head = entry.substr(0, wild == std::string::npos ? entry.size() : wild);
    const std::size_t slash = head.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : head.substr(0, slash);
}

// A value as written and where: pages, assets and cover are resolved after the
// whole manifest is read, when the content roots are known.
struct Listed {
    std::string text;
    SourcePos at;
};

// The content roots (docs/ARCHITECTURE.md, "Containment"): the manifest's folder,
// and each folder the manifest names that lies outside it (an absolute or "../"
// page folder, asset folder or cover folder). A named folder inside the manifest's
// folder adds nothing: a symbolic link there must not widen the roots.
std::vector<fs::path> content_roots(const fs::path& root, const std::vector<fs::path>& named_folders) {
    std::vector<fs::path> roots;
    if (fs::path r = files::real_path(root); !r.empty()) roots.push_back(std::move(r));
    for (const auto& folder : named_folders) {
        if (lexically_within(folder, root)) continue;
        fs::path r = files::real_path(folder);
        if (!r.empty() && std::find(roots.begin(), roots.end(), r) == roots.end()) roots.push_back(std::move(r));
    }
    return roots;
}

std::string outside_message(const std::string& what, const std::string& written, const fs::path& real) {
    return what + " '" + excerpt(written, 200) + "' leads to '" + excerpt(real.string(), 200) +
           "', outside the booklet's folders (the manifest's folder and the folders it names); refused";
}

void add_pages(Manifest& m, const std::vector<Listed>& entries, Diagnostics& diags) {
    std::set<fs::path> seen;  // real paths: a file reached twice (links, globs) is one page
    for (const auto& [entry, item_at] : entries) {
        if (entry.empty()) {
            diags.error(item_at, "page-missing", "empty page name");
            continue;
        }
        std::vector<fs::path> found;
        if (has_wildcard(entry)) {
            found = expand_glob(m.root, entry);
            if (found.empty()) {
                diags.error(item_at, "page-missing", "'" + excerpt(entry, 200) + "' matches no file");
                continue;
            }
        } else {
            const fs::path p = resolve(m.root, entry);
            std::error_code ec;
            if (!fs::is_regular_file(p, ec)) {
                diags.error(item_at, "page-missing", "page '" + excerpt(entry, 200) + "' not found");
                continue;
            }
            found.push_back(p);
        }
        for (auto& f : found) {
            f = f.lexically_normal();
            const fs::path real = files::real_path(f);
            if (real.empty()) {
                diags.error(item_at, "page-missing", "page '" + f.string() + "' cannot be resolved");
                continue;
            }
            if (!files::is_within_any(real, m.roots)) {
                diags.error(item_at, "path-outside", outside_message("page", f.string(), real));
                continue;
            }
            // A page named twice would become two chapters with the same id;
            // a glob that also matches an explicitly listed page just skips it.
            if (!seen.insert(real).second) {
                if (!has_wildcard(entry))
                    diags.warning(item_at, "page-duplicate", "page '" + excerpt(entry, 200) + "' is listed twice");
                continue;
            }
            m.pages.push_back(f);
            m.page_origins.push_back(item_at);
        }
    }
}

void add_assets(Manifest& m, const std::vector<Listed>& entries, Diagnostics& diags) {
    for (const auto& [a, at] : entries) {
        const fs::path p = resolve(m.root, a);
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
            diags.error(at, "asset-folder-missing", "asset folder '" + excerpt(a, 200) + "' not found");
            continue;
        }
        const fs::path real = files::real_path(p);
        if (!files::is_within_any(real, m.roots)) {
            diags.error(at, "path-outside", outside_message("asset folder", a, real));
            continue;
        }
        m.assets.push_back(p);
    }
}

void add_cover(Manifest& m, const Listed& cover, Diagnostics& diags) {
    const fs::path p = resolve(m.root, cover.text);
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
        diags.error(cover.at, "cover-missing", "cover image '" + excerpt(cover.text, 200) + "' not found");
        return;
    }
    const fs::path real = files::real_path(p);
    if (!files::is_within_any(real, m.roots)) {
        diags.error(cover.at, "path-outside", outside_message("cover image", cover.text, real));
        return;
    }
    m.cover = p;
}

// A style named by a file (it has a '/' or ends in .yaml/.yml, the rule of
// style::load_style) is relative to the manifest's folder, like every other path
// in the manifest; a bare name is a style of the installation.
std::string resolve_style(const fs::path& root, const std::string& style) {
    const auto ends = [&](std::string_view s) { return style.size() >= s.size() && style.compare(style.size() - s.size(), s.size(), s) == 0; };
    const bool is_file = style.find('/') != std::string::npos || ends(".yaml") || ends(".yml");
    return is_file ? resolve(root, style).string() : style;
}

}  // namespace

Manifest parse_manifest(std::string_view text, const fs::path& file, Diagnostics& diags) {
    const std::string name = file.string();
    const config::ConfigNode doc = config::parse_yaml(text, name, 1);
    if (doc.kind == config::ConfigNode::Kind::null)
        throw Error({name, 1, 0}, "the manifest is empty: it needs at least 'pages'", "manifest-empty");
    if (!doc.is_map())
        // Never quote the text here: a file given as the manifest by mistake
        // (/etc/passwd) must not be repeated on the terminal.
        throw Error(doc.pos, std::string("the manifest must be a list of 'key: value' lines, not ") +
                                 (doc.is_scalar() ? "plain text (is this file a manifest?)" : describe(doc).c_str()),
                    "manifest-type");

    Manifest m;
    m.file = file;
    m.root = file.has_parent_path() ? file.parent_path() : fs::path(".");

    const auto& known = manifest_keys();
    bool have_pages = false;
    std::vector<Listed> pages, assets;
    std::optional<Listed> cover;
    std::vector<std::string> path_keys;  // pages, cover, assets as they come
    for (std::size_t i = 0; i < doc.entries.size(); ++i) {
        const std::string& key = doc.entries[i].first;
        const config::ConfigNode& value = doc.entries[i].second;
        const SourcePos& at = doc.key_pos[i];
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw Error(at, "unknown key '" + excerpt(key) + "' (known keys: " + list + ")", "manifest-key");
        }
        if (key == "pages" || key == "cover" || key == "assets") path_keys.push_back(key);
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
                                    excerpt(m.language) + "'", "manifest-value");
        } else if (key == "base_url") {
            m.base_url = text_value(value, key, at);
            if (!is_web_url(m.base_url))
                throw Error(at, "'base_url' must be an absolute http(s) URL such as 'https://example.org', not '" +
                                    excerpt(m.base_url) + "'", "manifest-value");
            while (!m.base_url.empty() && m.base_url.back() == '/') m.base_url.pop_back();
        } else if (key == "date") {
            m.date = text_value(value, key, at);
            if (!is_iso_date(m.date))
                throw Error(at, "'date' must be a date written YYYY-MM-DD, not '" + excerpt(m.date) + "'", "manifest-value");
        } else if (key == "identifier") {
            m.identifier = text_value(value, key, at);
        } else if (key == "license") {
            m.license = text_value(value, key, at);
        } else if (key == "style") {
            m.style = resolve_style(m.root, text_value(value, key, at));
        } else if (key == "cover") {
            cover = Listed{text_value(value, key, at), at};
        } else if (key == "qr") {
            m.qr = text_value(value, key, at);
            if (m.qr.empty() || m.qr.find_first_of(" \t\n") != std::string::npos)
                throw Error(at, "'qr' must be the URL to encode, without spaces", "manifest-value");
        } else if (key == "assets") {
            for (const auto& a : text_list(value, key, at)) assets.push_back({a, at});
        } else if (key == "pages") {
            have_pages = true;
            const std::vector<std::string> entries = text_list(value, key, at);
            if (entries.empty()) throw Error(at, "'pages' must list at least one page", "manifest-value");
            for (std::size_t k = 0; k < entries.size(); ++k)
                pages.push_back({entries[k], value.is_sequence() && value.items[k].pos.line > 0 ? value.items[k].pos : at});
        }
    }
    if (!have_pages) throw Error({name, 1, 0}, "the manifest has no 'pages' list", "manifest-key");

    std::vector<fs::path> named;
    for (const auto& p : pages) named.push_back(resolve(m.root, fixed_folder(p.text)));
    for (const auto& a : assets) named.push_back(resolve(m.root, a.text));
    if (cover) named.push_back(resolve(m.root, cover->text).parent_path());
    m.roots = content_roots(m.root, named);
    // Reported in the manifest's own order.
    for (const std::string& key : path_keys) {
        if (key == "pages") add_pages(m, pages, diags);
        else if (key == "cover") add_cover(m, *cover, diags);
        else add_assets(m, assets, diags);
    }
    return m;
}

Manifest load_manifest(const fs::path& file, Diagnostics& diags) {
    const std::string text =
        files::read_bounded(file, files::kMaxManifestBytes, "the manifest", file.string(), "manifest-unreadable");
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
    if (fs::path r = files::real_path(m.root); !r.empty()) m.roots.push_back(std::move(r));
    // "name.nl.md": the page says which language it is in.
    const fs::path inner = page.stem();
    if (inner.has_extension()) {
        const std::string lang = inner.extension().string().substr(1);
        if (is_language_tag(lang) && lang.size() <= 3) m.language = lang;
    }
    return m;
}

}  // namespace booklet::source

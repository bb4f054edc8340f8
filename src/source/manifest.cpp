// booklet.yaml: validated settings and the ordered list of page files.
#include "booklet/source.hpp"

#include "glob.hpp"

#include "booklet/files.hpp"
#include "booklet/suggest.hpp"
#include "booklet/words.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace booklet::source {
namespace fs = std::filesystem;

const std::vector<std::string>& manifest_keys() {
    static const std::vector<std::string> keys = {"title",      "subtitle", "authors", "language",
                                                  "base_url",   "date",     "identifier", "license",
                                                  "style",      "cover",    "qr",      "pages",
                                                  "assets",     "labels"};
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

// Reads one manifest. Every problem goes to the sink and the reader goes on with
// the next key, so a single run lists all of them (a key with a wrong value keeps
// its default). Type checks report at the key's line: that is where a user looks
// for "title:".
class ManifestReader {
public:
    ManifestReader(Manifest& m, Diagnostics& diags) : m_(m), diags_(diags) {}

    bool have_pages() const { return have_pages_; }

    // Pages, assets and cover as written and where, in the manifest's order: they
    // are resolved once the whole manifest is read and the content roots are known.
    const std::vector<Listed>& pages() const { return pages_; }
    const std::vector<Listed>& assets() const { return assets_; }
    const std::optional<Listed>& cover() const { return cover_; }
    const std::vector<std::string>& path_keys() const { return path_keys_; }

    void read(const std::string& key, const config::ConfigNode& value, const SourcePos& at) {
        const bool path_key = key == "pages" || key == "cover" || key == "assets";
        if (path_key && std::find(path_keys_.begin(), path_keys_.end(), key) == path_keys_.end()) path_keys_.push_back(key);
        if (key == "title") text(value, key, at, m_.title);
        else if (key == "subtitle") text(value, key, at, m_.subtitle);
        else if (key == "authors") text_list(value, key, at, m_.authors);
        else if (key == "language") language(value, at);
        else if (key == "base_url") base_url(value, at);
        else if (key == "date") date(value, at);
        else if (key == "identifier") text(value, key, at, m_.identifier);
        else if (key == "license") text(value, key, at, m_.license);
        else if (key == "style") style(value, at);
        else if (key == "cover") cover(value, at);
        else if (key == "qr") qr(value, at);
        else if (key == "labels") labels(value);
        else if (key == "assets") assets(value, at);
        else if (key == "pages") pages(value, at);
        else unknown(key, at);
    }

private:
    void error(const SourcePos& at, KindName kind, const std::string& message) {
        diags_.error(at, kind, message);
    }

    bool text(const config::ConfigNode& value, const std::string& key, const SourcePos& at, std::string& into) {
        if (!value.is_scalar()) {
            error(at, "manifest-type", "'" + key + "' must be text, not " + describe(value));
            return false;
        }
        into = value.scalar;
        return true;
    }

    bool text_list(const config::ConfigNode& value, const std::string& key, const SourcePos& at,
                   std::vector<std::string>& into) {
        if (value.is_scalar()) {
            into = {value.scalar};
            return true;
        }
        if (!value.is_sequence()) {
            error(at, "manifest-type", "'" + key + "' must be text or a list of texts, not " + describe(value));
            return false;
        }
        std::vector<std::string> out;
        bool ok = true;
        for (std::size_t i = 0; i < value.items.size(); ++i) {
            const auto& item = value.items[i];
            if (item.is_scalar()) {
                out.push_back(item.scalar);
                continue;
            }
            error(item.pos.line > 0 ? item.pos : at, "manifest-type",
                  "'" + key + "' item " + std::to_string(i + 1) + " must be text, not " + describe(item));
            ok = false;
        }
        into = std::move(out);
        return ok;
    }

    void unknown(const std::string& key, const SourcePos& at) {
        std::string message = "unknown key '" + excerpt(key) + "'";
        if (const std::string near = closest_match(key, manifest_keys()); !near.empty()) {
            message += "; did you mean '" + near + "'?";
        } else {
            std::string list;
            for (const auto& k : manifest_keys()) list += (list.empty() ? "" : ", ") + k;
            message += " (known keys: " + list + ")";
        }
        error(at, "manifest-key", message);
    }

    void language(const config::ConfigNode& value, const SourcePos& at) {
        std::string tag;
        if (!text(value, "language", at, tag)) return;
        if (is_language_tag(tag)) m_.language = tag;
        else error(at, "manifest-value", "'language' must be a BCP 47 language tag such as 'nl' or 'en-GB', not '" + excerpt(tag) + "'");
    }

    void base_url(const config::ConfigNode& value, const SourcePos& at) {
        std::string url;
        if (!text(value, "base_url", at, url)) return;
        if (const auto base = site_base_url(url)) m_.base_url = *base;
        else error(at, "manifest-value", "'base_url' must be an absolute http(s) URL such as 'https://example.org', not '" + excerpt(url) + "'");
    }

    void date(const config::ConfigNode& value, const SourcePos& at) {
        std::string text_value;
        if (!text(value, "date", at, text_value)) return;
        if (is_iso_date(text_value)) m_.date = text_value;
        else error(at, "manifest-value", "'date' must be a date written YYYY-MM-DD, not '" + excerpt(text_value) + "'");
    }

    void labels(const config::ConfigNode& value) {
        try {
            m_.labels = words::read_labels(value, words::LabelsOf::manifest);
        } catch (const Error& e) {
            diags_.add(e.diagnostic());
        }
    }

    void qr(const config::ConfigNode& value, const SourcePos& at) {
        std::string url;
        if (!text(value, "qr", at, url)) return;
        if (url.empty() || url.find_first_of(" \t\n") != std::string::npos)
            error(at, "manifest-value", "'qr' must be the URL to encode, without spaces");
        else m_.qr = url;
    }

    void style(const config::ConfigNode& value, const SourcePos& at) {
        std::string style;
        if (text(value, "style", at, style)) m_.style = resolve_style(m_.root, style);
    }

    void cover(const config::ConfigNode& value, const SourcePos& at) {
        std::string cover;
        if (text(value, "cover", at, cover)) cover_ = Listed{cover, at};
    }

    void assets(const config::ConfigNode& value, const SourcePos& at) {
        std::vector<std::string> folders;
        text_list(value, "assets", at, folders);
        for (const auto& a : folders) assets_.push_back({a, at});
    }

    void pages(const config::ConfigNode& value, const SourcePos& at) {
        have_pages_ = true;
        std::vector<std::string> entries;
        if (!text_list(value, "pages", at, entries)) return;
        if (entries.empty()) {
            error(at, "manifest-value", "'pages' must list at least one page");
            return;
        }
        for (std::size_t k = 0; k < entries.size(); ++k)
            pages_.push_back({entries[k], value.is_sequence() && value.items[k].pos.line > 0 ? value.items[k].pos : at});
    }

    Manifest& m_;
    Diagnostics& diags_;
    bool have_pages_ = false;
    std::vector<Listed> pages_, assets_;
    std::optional<Listed> cover_;
    std::vector<std::string> path_keys_;
};

}  // namespace

bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    const auto number = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

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
    ManifestReader reader(m, diags);
    for (std::size_t i = 0; i < doc.entries.size(); ++i) reader.read(doc.entries[i].first, doc.entries[i].second, doc.key_pos[i]);
    if (!reader.have_pages()) diags.error({name, 1, 0}, "manifest-key", "the manifest has no 'pages' list");

    std::vector<fs::path> named;
    for (const auto& p : reader.pages()) named.push_back(resolve(m.root, fixed_folder(p.text)));
    for (const auto& a : reader.assets()) named.push_back(resolve(m.root, a.text));
    if (reader.cover()) named.push_back(resolve(m.root, reader.cover()->text).parent_path());
    m.roots = content_roots(m.root, named);
    // Reported in the manifest's own order.
    for (const std::string& key : reader.path_keys()) {
        if (key == "pages") add_pages(m, reader.pages(), diags);
        else if (key == "cover") {
            if (reader.cover()) add_cover(m, *reader.cover(), diags);
        }
        else add_assets(m, reader.assets(), diags);
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

std::optional<std::string> site_base_url(std::string_view url) {
    if (!is_web_url(url)) return std::nullopt;
    while (!url.empty() && url.back() == '/') url.remove_suffix(1);
    return std::string(url);
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

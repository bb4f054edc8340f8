// booklet.yaml: validated settings and the ordered list of page files.
#include "booklet/source.hpp"

#include "glob.hpp"

#include "booklet/suggest.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace booklet::source {
namespace fs = std::filesystem;

const std::vector<std::string>& manifest_keys() {
    static const std::vector<std::string> keys = {"title",      "subtitle", "authors", "language",
                                                  "base_url",   "date",     "identifier", "style",
                                                  "cover",      "qr",       "pages",   "assets"};
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

bool is_web_url(std::string_view s) {
    const auto after = [&](std::string_view scheme) { return s.substr(0, scheme.size()) == scheme && s.size() > scheme.size(); };
    if (!after("https://") && !after("http://")) return false;
    return s.find_first_of(" \t\n<>\"") == std::string_view::npos;
}

fs::path resolve(const fs::path& root, const std::string& p) {
    const fs::path path(p);
    return (path.is_absolute() ? path : root / path).lexically_normal();
}

// Reads one manifest. Every problem goes to the sink and the reader goes on with
// the next key, so a single run lists all of them (a key with a wrong value keeps
// its default). Type checks report at the key's line: that is where a user looks
// for "title:".
class ManifestReader {
public:
    ManifestReader(Manifest& m, Diagnostics& diags) : m_(m), diags_(diags) {}

    bool have_pages() const { return have_pages_; }

    void read(const std::string& key, const config::ConfigNode& value, const SourcePos& at) {
        if (key == "title") text(value, key, at, m_.title);
        else if (key == "subtitle") text(value, key, at, m_.subtitle);
        else if (key == "authors") text_list(value, key, at, m_.authors);
        else if (key == "language") language(value, at);
        else if (key == "base_url") base_url(value, at);
        else if (key == "date") date(value, at);
        else if (key == "identifier") text(value, key, at, m_.identifier);
        else if (key == "style") text(value, key, at, m_.style);
        else if (key == "cover") cover(value, at);
        else if (key == "qr") qr(value, at);
        else if (key == "assets") assets(value, at);
        else if (key == "pages") pages(value, at);
        else unknown(key, at);
    }

private:
    void error(const SourcePos& at, const std::string& kind, const std::string& message) {
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
        std::string message = "unknown key '" + key + "'";
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
        else error(at, "manifest-value", "'language' must be a BCP 47 language tag such as 'nl' or 'en-GB', not '" + tag + "'");
    }

    void base_url(const config::ConfigNode& value, const SourcePos& at) {
        std::string url;
        if (!text(value, "base_url", at, url)) return;
        if (!is_web_url(url)) {
            error(at, "manifest-value", "'base_url' must be an absolute http(s) URL such as 'https://example.org', not '" + url + "'");
            return;
        }
        while (!url.empty() && url.back() == '/') url.pop_back();
        m_.base_url = url;
    }

    void date(const config::ConfigNode& value, const SourcePos& at) {
        std::string text_value;
        if (!text(value, "date", at, text_value)) return;
        if (is_iso_date(text_value)) m_.date = text_value;
        else error(at, "manifest-value", "'date' must be a date written YYYY-MM-DD, not '" + text_value + "'");
    }

    void qr(const config::ConfigNode& value, const SourcePos& at) {
        std::string url;
        if (!text(value, "qr", at, url)) return;
        if (url.empty() || url.find_first_of(" \t\n") != std::string::npos)
            error(at, "manifest-value", "'qr' must be the URL to encode, without spaces");
        else m_.qr = url;
    }

    void cover(const config::ConfigNode& value, const SourcePos& at) {
        std::string cover;
        if (!text(value, "cover", at, cover)) return;
        const fs::path p = resolve(m_.root, cover);
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) m_.cover = p;
        else error(at, "cover-missing", "cover image '" + cover + "' not found");
    }

    void assets(const config::ConfigNode& value, const SourcePos& at) {
        std::vector<std::string> folders;
        text_list(value, "assets", at, folders);
        for (const auto& a : folders) {
            const fs::path p = resolve(m_.root, a);
            std::error_code ec;
            if (fs::is_directory(p, ec)) m_.assets.push_back(p);
            else error(at, "asset-folder-missing", "asset folder '" + a + "' not found");
        }
    }

    void pages(const config::ConfigNode& value, const SourcePos& at) {
        have_pages_ = true;
        std::vector<std::string> entries;
        if (!text_list(value, "pages", at, entries)) return;
        if (entries.empty()) {
            error(at, "manifest-value", "'pages' must list at least one page");
            return;
        }
        std::set<fs::path> seen;
        for (std::size_t k = 0; k < entries.size(); ++k) {
            const SourcePos item_at = value.is_sequence() && value.items[k].pos.line > 0 ? value.items[k].pos : at;
            page_entry(entries[k], item_at, seen);
        }
    }

    void page_entry(const std::string& entry, const SourcePos& item_at, std::set<fs::path>& seen) {
        if (entry.empty()) {
            error(item_at, "page-missing", "empty page name");
            return;
        }
        std::vector<fs::path> files;
        if (has_wildcard(entry)) {
            files = expand_glob(m_.root, entry);
            if (files.empty()) {
                error(item_at, "page-missing", "'" + entry + "' matches no file");
                return;
            }
        } else {
            const fs::path p = resolve(m_.root, entry);
            std::error_code ec;
            if (!fs::is_regular_file(p, ec)) {
                error(item_at, "page-missing", "page '" + entry + "' not found");
                return;
            }
            files.push_back(p);
        }
        for (auto& f : files) {
            f = f.lexically_normal();
            // A page named twice would become two chapters with the same id;
            // a glob that also matches an explicitly listed page just skips it.
            if (!seen.insert(f).second) {
                if (!has_wildcard(entry))
                    diags_.warning(item_at, "page-duplicate", "page '" + entry + "' is listed twice");
                continue;
            }
            m_.pages.push_back(f);
            m_.page_origins.push_back(item_at);
        }
    }

    Manifest& m_;
    Diagnostics& diags_;
    bool have_pages_ = false;
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
        throw Error(doc.pos, "the manifest must be a list of 'key: value' lines, not " + describe(doc),
                    "manifest-type");

    Manifest m;
    m.file = file;
    m.root = file.has_parent_path() ? file.parent_path() : fs::path(".");
    ManifestReader reader(m, diags);
    for (std::size_t i = 0; i < doc.entries.size(); ++i) reader.read(doc.entries[i].first, doc.entries[i].second, doc.key_pos[i]);
    if (!reader.have_pages()) diags.error({name, 1, 0}, "manifest-key", "the manifest has no 'pages' list");
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

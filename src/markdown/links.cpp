// The URL policy. cmark's own unsafe-URL check lives in its HTML renderer, which
// this program does not use, so it is decided here what a link may be:
//   http(s)/ftp and other schemes     external, kept as written
//   mailto: / tel:                    email / phone
//   javascript:, vbscript:, data:, file:   refused (unresolved, warning "link-unsafe")
//   //host/path                       external, https
//   #anchor                           this chapter (anchor checked later)
//   /path                             a page of the booklet -> internal, else base_url + path
//   x.md, ./x, ../dir/x.md            a page of the booklet -> internal; another .md
//                                     file -> unresolved; else resolved like a browser
//                                     would against the page's own site address
//   /{lang}/x, https://h/{lang}/x     a template placeholder for the language, as a
//                                     whole path segment: filled with the manifest's
//                                     language; any other {placeholder} -> unresolved
//                                     (warning "link-placeholder"): a printed address
//                                     that cannot work is worse than none
#include "context.hpp"
#include "text.hpp"

#include <algorithm>

namespace booklet::markdown {
namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The scheme of an absolute URL ("https"), or "" for a relative reference.
std::string scheme_of(std::string_view href) {
    if (href.empty() || !std::isalpha(static_cast<unsigned char>(href[0]))) return {};
    for (std::size_t i = 1; i < href.size() && i < 32; ++i) {
        const char c = href[i];
        if (c == ':') return lower_ascii(href.substr(0, i));
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
    }
    return {};
}

struct Parts {
    std::string path;
    std::string query;     // with '?'
    std::string fragment;  // without '#'
};

Parts split_url(std::string_view href) {
    Parts p;
    std::size_t hash = href.find('#');
    if (hash != std::string_view::npos) {
        p.fragment = std::string(href.substr(hash + 1));
        href = href.substr(0, hash);
    }
    std::size_t q = href.find('?');
    if (q != std::string_view::npos) {
        p.query = std::string(href.substr(q));
        href = href.substr(0, q);
    }
    p.path = std::string(href);
    return p;
}

// "/a/b/../c/" -> "/a/c": dot segments removed (RFC 3986 section 5.2.4), a
// trailing slash dropped; never climbs above the root.
std::string normalise_site_path(std::string_view path) {
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view seg = path.substr(start, end - start);
        if (seg == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!seg.empty() && seg != ".") {
            segments.emplace_back(seg);
        }
        if (end == path.size()) break;
        start = end + 1;
    }
    std::string out;
    for (const auto& s : segments) out += "/" + s;
    return out.empty() ? "/" : out;
}

model::LinkTarget unresolved(PageContext& ctx, std::string_view href, const SourcePos& pos, std::string kind,
                             const std::string& why) {
    ctx.warn(pos, std::move(kind), "link '" + excerpt(href, 200) + "' " + why + "; it is printed as plain text");
    return model::LinkTarget{model::LinkKind::unresolved, std::string(href), {}, {}, {}};
}

model::LinkTarget internal(const std::string& chapter, const std::string& fragment, std::string_view href,
                           std::string web_url = {}) {
    return model::LinkTarget{model::LinkKind::internal, std::string(href), chapter, percent_decode(fragment),
                             std::move(web_url)};
}

// Fills the language placeholders of `href` ({lang}, {locale}, {language}, also
// percent-encoded) where each is a whole path segment. False when `href` holds a
// placeholder that cannot be filled that way.
bool fill_placeholders(std::string_view href, const std::string& language, std::string& out) {
    std::string text(href);
    for (const auto& [encoded, plain] : {std::pair{"%7B", "{"}, {"%7D", "}"}, {"%7b", "{"}, {"%7d", "}"}})
        for (std::size_t at; (at = text.find(encoded)) != std::string::npos;) text.replace(at, 3, plain);
    const std::string lang = lower_ascii(language);
    out.clear();
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find('{', i);
        if (open == std::string::npos) break;
        const std::size_t close = text.find('}', open);
        if (close == std::string::npos) return false;
        const std::string name = lower_ascii(std::string_view(text).substr(open + 1, close - open - 1));
        const bool language_name = name == "lang" || name == "locale" || name == "language";
        const bool segment = open > 0 && text[open - 1] == '/' &&
                             (close + 1 == text.size() || text[close + 1] == '/' || text[close + 1] == '?' || text[close + 1] == '#');
        if (!language_name || !segment) return false;
        out.append(text, i, open - i);
        out += lang;
        i = close + 1;
    }
    out.append(text, std::min(i, text.size()), std::string::npos);
    return true;
}

}  // namespace

model::LinkTarget resolve_link(PageContext& ctx, std::string_view raw, const SourcePos& pos) {
    std::string filled;
    if (raw.find('{') != std::string_view::npos || raw.find("%7B") != std::string_view::npos ||
        raw.find("%7b") != std::string_view::npos) {
        if (!fill_placeholders(raw, ctx.manifest->language, filled))
            return unresolved(ctx, raw, pos, "link-placeholder",
                              "holds a template placeholder that only the web site fills in");
        raw = filled;
    }
    std::string_view href = raw;
    while (!href.empty() && (href.front() == ' ' || href.front() == '\t' || href.front() == '\n')) href.remove_prefix(1);
    while (!href.empty() && (href.back() == ' ' || href.back() == '\t' || href.back() == '\n')) href.remove_suffix(1);
    if (href.empty()) return unresolved(ctx, raw, pos, "link-unresolved", "has no target");
    // Budget: each link becomes a note call on paper; past kMaxLinksPerPage they
    // are text (one warning), so that 100,000 links cannot cost minutes of layout.
    if (++ctx.links_seen > kMaxLinksPerPage) {
        if (ctx.links_seen == kMaxLinksPerPage + 1)
            ctx.warn(pos, "link-budget",
                     "more than " + std::to_string(kMaxLinksPerPage) +
                         " links on this page: this one and those after it are printed as plain text");
        return model::LinkTarget{model::LinkKind::unresolved, std::string(excerpt(href, kMaxUrlBytes)), {}, {}, {}};
    }
    if (href.size() > kMaxUrlBytes)
        return unresolved(ctx, href, pos, "link-too-long",
                          "is " + std::to_string(href.size()) + " bytes long (at most " + std::to_string(kMaxUrlBytes) +
                              ": no reader could type it from paper)");

    const std::string scheme = scheme_of(href);
    if (scheme == "mailto") return {model::LinkKind::email, std::string(href), {}, {}, {}};
    if (scheme == "tel") return {model::LinkKind::phone, std::string(href), {}, {}, {}};
    if (scheme == "javascript" || scheme == "vbscript" || scheme == "data" || scheme == "file")
        return unresolved(ctx, href, pos, "link-unsafe", "uses the unsafe '" + scheme + ":' scheme");
    if (!scheme.empty()) return {model::LinkKind::external, std::string(href), {}, {}, {}};
    if (href.substr(0, 2) == "//") return {model::LinkKind::external, "https:" + std::string(href), {}, {}, {}};

    const PageIndex& index = *ctx.index;
    const std::string& base = ctx.manifest->base_url;
    const Parts parts = split_url(href);

    if (href.front() == '#') return internal(ctx.chapter_id, parts.fragment, href);

    if (href.front() == '/') {
        const std::string site = normalise_site_path(percent_decode(parts.path));
        if (const auto it = index.site_paths.find(site); it != index.site_paths.end())
            return internal(it->second, parts.fragment, href, base.empty() ? std::string() : base + std::string(href));
        if (base.empty())
            return unresolved(ctx, href, pos, "link-unresolved",
                              "is site-relative, but the manifest has no base_url to resolve it against");
        return {model::LinkKind::external, base + std::string(href), {}, {}, {}};
    }

    // Relative: first as a file next to the page.
    const std::string decoded = percent_decode(parts.path);
    if (!decoded.empty()) {
        const std::string file = (ctx.page_dir / decoded).lexically_normal().generic_string();
        // A page of the booklet is at /<chapter id> on the site (see document.cpp).
        if (const auto it = index.files.find(file); it != index.files.end())
            return internal(it->second, parts.fragment, href, base.empty() ? std::string() : base + "/" + it->second);
    }
    std::string ext = lower_ascii(decoded.size() >= 3 ? decoded.substr(decoded.size() - 3) : "");
    if (ext == ".md" || (decoded.size() >= 9 && lower_ascii(decoded.substr(decoded.size() - 9)) == ".markdown"))
        return unresolved(ctx, href, pos, "link-unresolved", "names a page that is not part of the booklet");
    // Then as a browser would read it on the page's own site address, /<chapter id>.
    const std::string site = normalise_site_path("/" + decoded);
    std::string url;
    if (!base.empty()) {
        url = base + (site == "/" ? std::string("/") : site) + parts.query;
        if (!parts.fragment.empty()) url += "#" + parts.fragment;
    }
    if (const auto it = index.site_paths.find(site); it != index.site_paths.end())
        return internal(it->second, parts.fragment, href, url);
    if (base.empty())
        return unresolved(ctx, href, pos, "link-unresolved", "is relative, and the manifest has no base_url");
    return {model::LinkKind::external, url, {}, {}, {}};
}

}  // namespace booklet::markdown

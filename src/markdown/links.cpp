// The URL policy, the one place that decides what a link may be. cmark's own
// unsafe-URL check lives in its HTML renderer, which this program does not use.
// The schemes accepted are the ones a reader can follow from a printed page or
// an e-reader; both writers link exactly these:
//   http(s)://host, ftp(s)://host     external (a host name or [IPv6] is required)
//   mailto: / tel:                    email / phone (an address is required)
//   javascript:, vbscript:, data:, file:   refused, warning "link-unsafe"
//   any other scheme (ms-settings:, irc:, ...)  refused, warning "link-scheme"
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
// A refused link keeps its text and loses its target in every format.
#include "context.hpp"

#include "booklet/ascii.hpp"
#include "text.hpp"

#include <algorithm>

namespace booklet::markdown {
namespace {

// The scheme of an absolute URL ("https"), or "" for a relative reference.
std::string scheme_of(std::string_view href) {
    if (href.empty() || !std::isalpha(static_cast<unsigned char>(href[0]))) return {};
    for (std::size_t i = 1; i < href.size() && i < 32; ++i) {
        const char c = href[i];
        if (c == ':') return ascii_lower(href.substr(0, i));
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

model::LinkTarget unresolved(PageContext& ctx, std::string_view href, const SourcePos& pos, KindName kind,
                             const std::string& why, model::LinkKind as = model::LinkKind::unresolved) {
    ctx.warn(pos, kind, "link '" + excerpt(href, 200) + "' " + why + "; it is printed as plain text");
    return model::LinkTarget{as, std::string(href), {}, {}, {}};
}

model::LinkTarget refused(PageContext& ctx, std::string_view href, const SourcePos& pos, KindName kind,
                          const std::string& why) {
    return unresolved(ctx, href, pos, kind, why, model::LinkKind::refused);
}

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// host[:port], optionally after userinfo@; a host name of letters (any script:
// browsers take an internationalised name as written), digits, '-', '.', '_', or
// a bracketed IPv6 address.
bool valid_authority(std::string_view authority) {
    const std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos) authority.remove_prefix(at + 1);
    if (authority.empty()) return false;
    std::string_view host = authority, port;
    if (authority.front() == '[') {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos || close < 3) return false;
        for (char c : authority.substr(1, close - 1))
            if (!is_hex(c) && c != ':' && c != '.') return false;
        host = authority.substr(0, close + 1);
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') return false;
            port = authority.substr(close + 2);
        }
    } else {
        const std::size_t colon = authority.find(':');
        if (colon != std::string_view::npos) {
            host = authority.substr(0, colon);
            port = authority.substr(colon + 1);
        }
        if (host.empty() || host.front() == '.' || host.front() == '-') return false;
        for (char c : host)
            if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '.' && c != '_' &&
                static_cast<unsigned char>(c) < 0x80)
                return false;
    }
    for (char c : port)
        if (!is_digit(c)) return false;
    return true;
}

// A web address ("https://host/..."): its host is one a browser can open.
bool has_valid_host(std::string_view url) {
    const std::size_t colon = url.find(':');
    std::string_view rest = url.substr(colon + 1);
    if (rest.substr(0, 2) != "//") return false;
    rest.remove_prefix(2);
    return valid_authority(rest.substr(0, rest.find_first_of("/?#")));
}

model::LinkTarget internal(const std::string& chapter, const std::string& fragment, std::string_view href,
                           std::string web_url = {}) {
    return model::LinkTarget{model::LinkKind::internal, std::string(href), chapter, percent_decode(fragment),
                             std::move(web_url)};
}

// A link with a scheme: one of the accepted ones, or refused.
model::LinkTarget absolute_link(PageContext& ctx, std::string_view href, const std::string& scheme,
                                const SourcePos& pos) {
    const std::string_view rest = href.substr(scheme.size() + 1);
    if (scheme == "mailto" || scheme == "tel") {
        if (rest.find_first_not_of(" /") == std::string_view::npos)
            return refused(ctx, href, pos, "link-host", "names no " + std::string(scheme == "tel" ? "number" : "address"));
        return {scheme == "tel" ? model::LinkKind::phone : model::LinkKind::email, std::string(href), {}, {}, {}};
    }
    if (scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "ftps") {
        if (!has_valid_host(href)) return refused(ctx, href, pos, "link-host", "has no valid host name");
        return {model::LinkKind::external, std::string(href), {}, {}, {}};
    }
    if (scheme == "javascript" || scheme == "vbscript" || scheme == "data" || scheme == "file")
        return refused(ctx, href, pos, "link-unsafe", "uses the unsafe '" + scheme + ":' scheme");
    return refused(ctx, href, pos, "link-scheme",
                   "uses the '" + scheme + ":' scheme, which a reader cannot follow from a book");
}

// Fills the language placeholders of `href` ({lang}, {locale}, {language}, also
// percent-encoded) where each is a whole path segment. False when `href` holds a
// placeholder that cannot be filled that way.
bool fill_placeholders(std::string_view href, const std::string& language, std::string& out) {
    std::string text(href);
    for (const auto& [encoded, plain] : {std::pair{"%7B", "{"}, {"%7D", "}"}, {"%7b", "{"}, {"%7d", "}"}})
        for (std::size_t at; (at = text.find(encoded)) != std::string::npos;) text.replace(at, 3, plain);
    const std::string lang = ascii_lower(language);
    out.clear();
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find('{', i);
        if (open == std::string::npos) break;
        const std::size_t close = text.find('}', open);
        if (close == std::string::npos) return false;
        const std::string name = ascii_lower(std::string_view(text).substr(open + 1, close - open - 1));
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
    if (!scheme.empty()) return absolute_link(ctx, href, scheme, pos);
    if (href.substr(0, 2) == "//") {
        const std::string url = "https:" + std::string(href);
        if (!has_valid_host(url)) return refused(ctx, href, pos, "link-host", "has no valid host name");
        return {model::LinkKind::external, url, {}, {}, {}};
    }

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
    std::string ext = ascii_lower(decoded.size() >= 3 ? decoded.substr(decoded.size() - 3) : "");
    if (ext == ".md" || (decoded.size() >= 9 && ascii_lower(decoded.substr(decoded.size() - 9)) == ".markdown"))
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

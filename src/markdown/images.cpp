// Image references: where the file is, and what to cite when it is not local.
//   http(s)://, //host   remote: never fetched, warning "image-remote"
//   /x.png               site-relative: looked up in the asset folders, then the
//                        manifest's folder; cited as base_url + /x.png
//   x.png, ../img/x.png  next to the page, then in the asset folders
// A local file is accepted only when its real path (symbolic links resolved) lies
// in one of the manifest's content roots, so that a page cannot pull arbitrary
// files into a booklet, neither by "../" nor through a link.
#include "context.hpp"
#include "text.hpp"

#include "booklet/ascii.hpp"
#include "booklet/files.hpp"

#include <system_error>

namespace booklet::markdown {
namespace fs = std::filesystem;

namespace {

// The manifest's content roots; a manifest made by hand (tests, fuzzing) that has
// none gets its folder and asset folders.
std::vector<fs::path> roots_of(const source::Manifest& m) {
    if (!m.roots.empty()) return m.roots;
    std::vector<fs::path> roots;
    for (const auto& folder : {m.root}) roots.push_back(files::real_path(folder));
    for (const auto& a : m.assets) roots.push_back(files::real_path(a));
    return roots;
}

bool is_file(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

// The first bytes of a URL lower-cased, enough to compare its scheme.
std::string lower_prefix(std::string_view src) { return ascii_lower(src.substr(0, 8)); }

}  // namespace

bool still_found(const std::vector<LookedUp>& looked_up) {
    for (const auto& l : looked_up) {
        const bool found = is_file(l.file);
        if (found != l.real.has_value() || (found && files::real_path(l.file) != *l.real)) return false;
    }
    return true;
}

bool alt_is_file_name(std::string_view alt, std::string_view src) {
    const std::size_t first = alt.find_first_not_of(" \t");
    if (first == std::string_view::npos) return false;
    alt = alt.substr(first, alt.find_last_not_of(" \t") - first + 1);
    const std::size_t dot = alt.rfind('.');
    if (dot != std::string_view::npos && alt.find(' ') == std::string_view::npos) {
        const std::string ext = ascii_lower(alt.substr(dot + 1));
        for (std::string_view image : {"png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp", "tif", "tiff", "heic", "ico"})
            if (ext == image) return true;
    }
    std::string path(src.substr(0, src.find_first_of("?#")));
    const fs::path file = fs::path(percent_decode(path)).filename();
    return !file.empty() && (alt == file.string() || alt == file.stem().string());
}

bool is_remote_image(std::string_view src) {
    const std::string lower = lower_prefix(src);
    return lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0 || src.substr(0, 2) == "//";
}

model::ImageRef resolve_image(PageContext& ctx, std::string_view src_view, std::string alt, std::string title,
                              const SourcePos& pos) {
    model::ImageRef ref;
    ref.src = std::string(src_view);
    ref.alt = std::move(alt);
    ref.title = std::move(title);
    const std::string& src = ref.src;
    const std::string& base = ctx.manifest->base_url;

    if (alt_is_file_name(ref.alt, src)) {
        ctx.warn(pos, "image-alt-filename",
                 "alt text '" + ref.alt + "' is a file name, not a description; the image counts as having no alt text");
        ref.alt.clear();
    }
    if (src.empty()) {
        ctx.warn(pos, "image-missing", "image without a source; its alt text is printed instead");
        return ref;
    }
    if (src.find('{') != std::string::npos) {
        ctx.warn(pos, "image-template",
                 "image source '" + src + "' is computed by the web page; its alt text is printed instead");
        ref.src.clear();
        return ref;
    }
    if (is_remote_image(src)) {
        ref.url = src.rfind("//", 0) == 0 ? "https:" + src : src;
        ctx.warn(pos, "image-remote", "remote image '" + src + "' is not downloaded; its alt text and URL are printed");
        return ref;
    }
    if (lower_prefix(src).rfind("data:", 0) == 0) {
        ctx.warn(pos, "image-missing", "embedded data: images are not supported; the alt text is printed");
        return ref;
    }

    std::string path = src;
    if (const std::size_t cut = path.find_first_of("?#"); cut != std::string::npos) path.erase(cut);
    path = percent_decode(path);
    std::vector<fs::path> candidates;
    if (!path.empty() && path[0] == '/') {
        const std::string rel = path.substr(path.find_first_not_of('/') == std::string::npos ? path.size()
                                                                                              : path.find_first_not_of('/'));
        for (const auto& a : ctx.manifest->assets) candidates.push_back(a / rel);
        candidates.push_back(ctx.manifest->root / rel);
        if (!base.empty()) ref.url = base + src;
    } else {
        candidates.push_back(ctx.page_dir / path);
        std::string rel = path;
        while (rel.rfind("./", 0) == 0) rel.erase(0, 2);
        for (const auto& a : ctx.manifest->assets) candidates.push_back(a / rel);
    }
    const std::vector<fs::path> roots = roots_of(*ctx.manifest);
    for (const auto& c : candidates) {
        const fs::path file = c.lexically_normal();
        if (!is_file(file)) {
            if (ctx.looked_up) ctx.looked_up->push_back({file, std::nullopt});
            continue;
        }
        const fs::path real = files::real_path(file);
        if (ctx.looked_up) ctx.looked_up->push_back({file, real});
        if (!files::is_within_any(real, roots)) {
            ctx.diags->error(pos, "path-outside",
                             "image '" + excerpt(src, 200) + "' leads to '" + excerpt(real.string(), 200) +
                                 "', outside the booklet's folders (the manifest's folder and the folders it names); refused");
            return ref;
        }
        ref.file = file;
        return ref;
    }
    ctx.warn(pos, "image-missing", "image '" + src + "' not found next to the page or in the asset folders");
    return ref;
}

}  // namespace booklet::markdown

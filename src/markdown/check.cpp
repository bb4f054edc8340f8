// booklet check: what would make a booklet wrong, found without rendering it.
#include "booklet/markdown.hpp"

#include "context.hpp"
#include "booklet/model_walk.hpp"

#include <map>
#include <set>
#include <system_error>

namespace booklet::markdown {
namespace {

bool file_exists(const std::filesystem::path& p) {
    std::error_code ec;
    return std::filesystem::is_regular_file(p, ec);
}

// What is already reported, by kind and place: build_document may have met the
// same problem. An index, as a scan of every diagnostic per finding was quadratic
// on a page of 100,000 links.
class Reported {
public:
    explicit Reported(const Diagnostics& diags) {
        for (const auto& d : diags.all()) places_.insert(place(d));
    }
    // Whether `d` is new here (and now counted as reported).
    bool first(const Diagnostic& d) { return places_.insert(place(d)).second; }

private:
    static std::string place(const Diagnostic& d) {
        return d.kind + '\n' + d.pos.file + ':' + std::to_string(d.pos.line) + ':' + std::to_string(d.pos.column);
    }
    std::set<std::string> places_;
};

}  // namespace

void check_document(const source::Manifest& manifest, const model::Document& document, Diagnostics& diags) {
    // A finding has the severity `booklet build` gives the same problem: a page that
    // is gone stops a build (as in the manifest), a chapter id used twice breaks the
    // model; what a build warns about and prints around (a missing image, a link
    // that cannot be followed, a heading id given twice) is a warning here too.
    Reported reported(diags);
    const auto report = [&](SourcePos pos, KindName kind, std::string message) {
        const Severity severity =
            kind.kind() == DiagnosticKind::page_missing || kind.kind() == DiagnosticKind::chapter_id_duplicate
                ? Severity::error
                : Severity::warning;
        Diagnostic d{severity, std::move(pos), std::string(kind.name()), std::move(message)};
        if (reported.first(d)) diags.add(std::move(d));
    };

    for (std::size_t i = 0; i < manifest.pages.size(); ++i) {
        if (file_exists(manifest.pages[i])) continue;
        const SourcePos at = i < manifest.page_origins.size() && manifest.page_origins[i].known()
                                 ? manifest.page_origins[i]
                                 : SourcePos{manifest.file.string(), 0, 0};
        report(at, "page-missing", "page '" + manifest.pages[i].string() + "' not found");
    }

    std::map<std::string, std::set<std::string>> heading_ids;
    std::set<std::string> chapter_ids;
    for (const auto& ch : document.chapters) {
        if (!chapter_ids.insert(ch.id).second)
            report({ch.source.string(), 0, 0}, "chapter-id-duplicate", "chapter id '" + ch.id + "' is used twice");
        auto& ids = heading_ids[ch.id];  // every chapter has an entry, headings or not
        const auto collect = [&](const model::Block& b) {
            if (const auto* h = std::get_if<model::Heading>(&b.node)) ids.insert(h->id);
        };
        walk_blocks(ch.blocks, collect, [](const auto&) {});
    }

    for (const auto& ch : document.chapters) {
        const std::string file = ch.source.string();
        const auto where = [&](const SourcePos& p) { return p.known() ? p : SourcePos{file, 0, 0}; };
        const auto image = [&](const model::ImageRef& ref, const SourcePos& pos) {
            if (is_remote_image(ref.src)) return;
            if (ref.file.empty()) {
                if (ref.src.empty())
                    report(where(pos), "image-missing", "image without a source; its alt text is printed instead");
                else if (ref.src.rfind("data:", 0) == 0)
                    report(where(pos), "image-missing", "embedded data: images are not supported; the alt text is printed");
                else
                    report(where(pos), "image-missing",
                          "image '" + ref.src + "' not found next to the page or in the asset folders");
            } else if (!file_exists(ref.file)) {
                report(where(pos), "image-missing", "image '" + ref.file.string() + "' is gone");
            }
        };
        const auto on_inline = [&](const model::Inline& in) {
            if (const auto* img = std::get_if<model::Image>(&in.node)) image(img->image, in.pos);
            const auto* link = std::get_if<model::Link>(&in.node);
            if (!link) return;
            const auto& t = link->target;
            if (t.kind == model::LinkKind::unresolved || t.kind == model::LinkKind::refused) {
                report(where(in.pos), "link-unresolved", "link '" + t.url + "' cannot be followed in the booklet");
            } else if (t.kind == model::LinkKind::internal) {
                const auto it = heading_ids.find(t.chapter);
                if (it == heading_ids.end())
                    report(where(in.pos), "link-unresolved", "link '" + t.url + "' names chapter '" + t.chapter + "', which is not in the booklet");
                else if (!t.anchor.empty() && !it->second.count(t.anchor))
                    report(where(in.pos), "link-unresolved", "link '" + t.url + "' points to '#" + t.anchor + "', which is no heading of chapter '" + t.chapter + "'");
            }
        };
        std::map<std::string, int> explicit_first;
        const auto on_block = [&](const model::Block& b) {
            if (const auto* f = std::get_if<model::Figure>(&b.node)) image(f->image, b.pos);
            if (const auto* h = std::get_if<model::Heading>(&b.node); h && !h->explicit_id.empty()) {
                const auto [it, fresh] = explicit_first.emplace(h->explicit_id, b.pos.line);
                if (!fresh)
                    report(where(b.pos), "heading-id-duplicate",
                          "heading id '" + h->explicit_id + "' is given twice (first on line " +
                              std::to_string(it->second) + ")");
            }
        };
        const auto each = [&](const model::Inlines& inlines) { walk_inlines(inlines, on_inline); };
        walk_blocks(ch.blocks, on_block, each);
        for (const auto& fn : ch.footnotes) walk_blocks(fn.blocks, on_block, each);
    }
}

}  // namespace booklet::markdown

#include "inputs.hpp"

#include "booklet/ascii.hpp"
#include "booklet/image.hpp"
#include "booklet/markdown.hpp"
#include "booklet/model_images.hpp"

#include <cctype>
#include <iostream>
#include <iterator>
#include <map>
#include <system_error>

namespace booklet::cli {
namespace fs = std::filesystem;

namespace {

// Standard input is read whole; a page larger than this is no page.
constexpr std::size_t kMaxStandardInput = 64u << 20;

bool is_page_name(const std::string& word) {
    const fs::path p(word);
    return word == "-" || p.extension() == ".md" || p.extension() == ".markdown";
}

source::SourcePage read_standard_input() {
    std::string text;
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
        if (text.size() > kMaxStandardInput)
            throw Error({"<stdin>"}, "standard input holds more than 64 MB: that is no page", "page-unreadable");
    }
    // Relative images and links resolve against the working folder.
    return source::parse_page(text, "stdin.md", "<stdin>");
}

BookInputs from_manifest(const fs::path& file, Diagnostics& diags) {
    BookInputs in;
    in.manifest = source::load_manifest(file, diags);
    in.manifest_file = file;
    in.name = file.stem().string();
    return in;
}

BookInputs from_pages(const std::vector<fs::path>& files, const fs::path& named, Diagnostics& diags) {
    BookInputs in;
    for (const auto& file : files) {
        try {
            in.pages.push_back(file == "-" ? read_standard_input() : source::read_page(file, file.string()));
        } catch (const Error& e) {
            diags.add(e.diagnostic());
        }
    }
    in.pages_read = true;
    in.manifest = source::manifest_for_pages(in.pages, named);
    in.name = named.stem().string();
    if (in.name.empty() || in.name == "-" || in.name == ".") in.name = "booklet";
    return in;
}

BookInputs from_folder(const fs::path& folder, Diagnostics& diags) {
    if (const fs::path manifest = folder / "booklet.yaml"; fs::exists(manifest)) return from_manifest(manifest, diags);
    const std::vector<fs::path> pages = source::pages_in_folder(folder);
    if (pages.empty())
        throw Error({folder.string()}, "no booklet.yaml and no *.md pages in this folder", "page-missing");
    // The folder names the booklet: content/ gives content.pdf.
    const fs::path absolute = fs::absolute(folder).lexically_normal();
    fs::path name = absolute.filename().empty() ? absolute.parent_path().filename() : absolute.filename();
    return from_pages(pages, name.string() + ".md", diags);
}

// Every image of the model with where it is used: figures, and images inside any
// inlines (paragraphs, headings, captions, lists, quotes, tables, details).
// Works on a const or a mutable model.
// An image written relative to its page ("images/a.png"): when it is missing, its
// folder is where it may appear. Site-relative ones (/a.png) live in the assets.
bool is_page_relative(const std::string& src) {
    return !src.empty() && src.front() != '/' && src.find(':') == std::string::npos;
}

}  // namespace

void drop_unreadable_images(model::Document& document, Diagnostics& diags) {
    std::map<fs::path, bool> readable;  // one look at each file
    for (model::Chapter& chapter : document.chapters) {
        model::each_chapter_image(chapter, [&](model::ImageRef& ref, const SourcePos& pos) {
            if (ref.file.empty()) return;
            auto [it, fresh] = readable.emplace(ref.file, true);
            if (fresh) {
                try {
                    it->second = image::sniff(ref.file) != image::Format::unknown;
                } catch (const Error&) {
                    it->second = false;
                }
            }
            if (it->second) return;
            diags.warning(pos, "image-unreadable",
                          "image '" + ref.src + "' is no PNG, JPEG, GIF, WebP or SVG file; its description is printed instead");
            ref.file.clear();  // from here on the writers see a missing image, which they print as text
            // No longer the chapter its stamp says: a file's readability is no part of it.
            chapter.stamp = model::ContentStamp{};
        });
    }
}

BookInputs read_inputs(const std::vector<std::string>& words, Diagnostics& diags) {
    if (words.empty()) {
        for (const char* candidate : {"booklet.yaml", "content/booklet.yaml"})
            if (fs::exists(candidate)) return from_manifest(candidate, diags);
        throw Error({}, "no booklet.yaml here (nor content/booklet.yaml): name a manifest, a folder or pages",
                    "manifest-unreadable");
    }
    bool all_pages = true;
    for (const auto& w : words) all_pages = all_pages && is_page_name(w);
    if (all_pages) {
        std::vector<fs::path> files(words.begin(), words.end());
        return from_pages(files, files.front(), diags);
    }
    if (words.size() > 1)
        throw Error({words[1]}, "give one manifest or folder, or Markdown pages (*.md) only", "manifest-unreadable");
    std::error_code ec;
    if (fs::is_directory(words.front(), ec)) return from_folder(words.front(), diags);
    return from_manifest(words.front(), diags);
}

model::Document build_model(const BookInputs& inputs, Diagnostics& diags, markdown::KeptPages* kept, int threads) {
    if (inputs.pages_read) return markdown::build_document_from_pages(inputs.manifest, inputs.pages, diags);
    return markdown::build_document(inputs.manifest, diags, kept, threads);
}

WatchList watch_list(const BookInputs& inputs, const model::Document& document,
                     const std::vector<fs::path>& style_files) {
    WatchList w;
    const auto absolute = [](const fs::path& p) { return fs::absolute(p).lexically_normal(); };
    if (inputs.manifest_file) {
        w.files.insert(absolute(*inputs.manifest_file));
        w.page_folders.insert(absolute(inputs.manifest.root));  // a new page a pattern picks up
    }
    for (const auto& page : inputs.manifest.pages) {
        if (page == "stdin.md" && inputs.pages_read) continue;
        w.files.insert(absolute(page));
        w.page_folders.insert(absolute(page).parent_path());
    }
    if (!inputs.manifest.cover.empty()) w.files.insert(absolute(inputs.manifest.cover));
    for (const auto& a : inputs.manifest.assets) w.image_folders.insert(absolute(a));
    model::each_image(document, [&](const model::ImageRef& ref, const SourcePos& pos) {
        if (!ref.file.empty()) w.files.insert(absolute(ref.file));
        else if (is_page_relative(ref.src) && pos.known())
            w.image_folders.insert((absolute(pos.file).parent_path() / fs::path(ref.src).parent_path()).lexically_normal());
    });
    for (const auto& style : style_files) {
        w.files.insert(absolute(style));
        w.style_folders.insert(absolute(style).parent_path());  // the styles it extends
    }
    return w;
}

namespace {

bool has_extension(const fs::path& name, std::initializer_list<const char*> extensions) {
    const std::string ext = ascii_lower(name.extension().string());
    for (const char* known : extensions)
        if (ext == known) return true;
    return false;
}

}  // namespace

bool WatchList::counts(const fs::path& path) const {
    const std::string name = path.filename().string();
    if (name.empty() || name.front() == '.' || name.back() == '~') return false;  // hidden, editor backups
    if (files.count(path)) return true;
    const fs::path folder = path.parent_path();
    if (page_folders.count(folder) && has_extension(path, {".md", ".markdown"})) return true;
    if (image_folders.count(folder) && has_extension(path, {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}))
        return true;
    return style_folders.count(folder) && has_extension(path, {".yaml", ".yml"});
}

std::set<fs::path> WatchList::folders() const {
    std::set<fs::path> all = page_folders;
    all.insert(image_folders.begin(), image_folders.end());
    all.insert(style_folders.begin(), style_folders.end());
    for (const auto& f : files) all.insert(f.parent_path());
    return all;
}

}  // namespace booklet::cli

// What a build reads: the command line's INPUT words turned into a manifest, the
// pages already read (pages named directly, standard input) and the files and
// folders a watch must keep an eye on.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/markdown.hpp"
#include "booklet/model.hpp"
#include "booklet/source.hpp"

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace booklet::cli {

struct BookInputs {
    source::Manifest manifest;
    std::optional<std::filesystem::path> manifest_file;  // when the booklet has a booklet.yaml
    std::vector<source::SourcePage> pages;               // read here (no manifest file); else
    bool pages_read = false;                             //   the model reads manifest.pages
    std::string name;                                    // output files are NAME.pdf, NAME.epub
};

// Turns INPUT words into the booklet's inputs (see BuildOptions::inputs):
//   (none)            booklet.yaml here, else content/booklet.yaml
//   DIR               DIR/booklet.yaml, else DIR's *.md pages in name order
//   A.md [B.md ...]   those pages with source::manifest_for_pages
//   -                 a page read from standard input (one of the pages)
//   FILE              a manifest
// Manifest problems go to `diags`; a page that cannot be read is an error there
// too. Throws booklet::Error when there is nothing to build at all.
BookInputs read_inputs(const std::vector<std::string>& words, Diagnostics& diags);

// The document model of the inputs (reads the manifest's pages unless they were
// read already), with a watch session's kept pages when there are any.
model::Document build_model(const BookInputs& inputs, Diagnostics& diags, markdown::KeptPages* kept = nullptr,
                            int threads = 1);

// A picture file that is no image at all (an HTML page saved as .png, a wrong
// extension) can be used by neither format: it is reported here once per use
// (kind image-unreadable) and taken out of the model, so that neither writer meets
// it and reports it again; both then print its description, as for a missing
// image. What one format can use and the other cannot (SVG in the PDF) stays the
// writers' to report.
void drop_unreadable_images(model::Document& document, Diagnostics& diags);

// The files whose change changes the booklet, and folders where a new or changed
// file of a kind the booklet uses may change it: a page a pattern picks up, an
// image that was missing, a style that another extends.
struct WatchList {
    std::set<std::filesystem::path> files;          // absolute; any change counts
    std::set<std::filesystem::path> page_folders;   // *.md, *.markdown, the manifest
    std::set<std::filesystem::path> image_folders;  // *.png, *.jpg, *.jpeg, *.gif, *.webp, *.svg
    std::set<std::filesystem::path> style_folders;  // *.yaml, *.yml

    // Whether a change to `path` (absolute) may change the booklet. Hidden files
    // and editor backups (name~) never do.
    bool counts(const std::filesystem::path& path) const;
    // Every folder to watch: the three kinds and the folders of the files.
    std::set<std::filesystem::path> folders() const;
    bool empty() const { return files.empty(); }

    friend bool operator==(const WatchList&, const WatchList&) = default;
};

// Manifest, pages, the images the model found (and the folders where missing ones
// may appear), the cover, the asset folders and the style files' folders.
WatchList watch_list(const BookInputs& inputs, const model::Document& document,
                     const std::vector<std::filesystem::path>& style_files);

}  // namespace booklet::cli

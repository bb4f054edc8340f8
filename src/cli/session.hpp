// One build, start to finish, as a value-returning call on a long-lived session:
// `booklet build` and `check` make one session and run it once, `booklet watch`
// keeps it and runs it again on every change. What a session keeps between runs is
// only what cannot go stale while it watches: the system's hyphenation
// dictionaries; the picture cache, which is keyed by content and settings (it lives
// in a folder and outlives the session; it is pruned after each run that wrote to
// it); and, in watch, the fonts and the paragraphs shaped and set in them
// (layout::KeptText), keyed by their text, style and line-breaking options and
// dropped when the style's fonts change, so that a rebuild sets again only the
// paragraphs that changed; the pages read and converted (markdown::KeptPages),
// converted again when their bytes, the manifest or the set of pages changed; and
// the PDF's compressed streams, each page's stream and text analysis under what
// the page draws (pdf::KeptStreams), and the EPUB's deflated entries (KeptBytes)
// and chapter documents with what each read (epub::KeptDocuments). A rebuild
// still paginates the whole book (taking the unchanged chapters' composition from
// the last build's layout passes) and the writers still write every object.
//
// Diagnostic kinds the command line adds to those of the stages:
//   image-unreadable  a picture file that is no image at all (see drop_unreadable_images)
//   data-dir          no usable styles/ and fonts/ (BOOKLET_DATA_DIR, install, source tree)
//   output            an output folder or file that cannot be created or put in place
//   watch             inotify cannot be used
//   init              init's folder is missing, has no pages, or has a manifest already
//   picture-cache     the picture cache's folder cannot be written (once per session)
#pragma once

#include "data_dir.hpp"
#include "inputs.hpp"
#include "options.hpp"
#include "report.hpp"

#include "booklet/cite.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/epub.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/layout.hpp"
#include "booklet/markdown.hpp"
#include "booklet/model.hpp"
#include "booklet/pdf.hpp"
#include "booklet/picture_cache.hpp"
#include "booklet/release_later.hpp"
#include "booklet/style.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace booklet::cli {

// The cite stage's decisions for `doc` in `style`, with the book's words as both
// writers read them (build and inspect --dump use the same).
cite::Citations cite_book(const model::Document& doc, const style::Style& style, std::int64_t when);

enum class Purpose {
    build,  // write the files
    check,  // do all the same work, write to a throwaway folder, keep nothing
};

struct BuildOutcome {
    Diagnostics diags;                  // as reported: --strict already applied
    std::vector<std::string> written;   // "out/booklet.pdf (12 pages, 80 KB)", once committed
    StageTimes times;
    std::optional<PictureCacheUse> picture_cache;  // none: the run had no cache
    std::optional<layout::StoredParagraphs> paragraphs;  // what set paragraphs kept there did for the layout
    // What the writers' packs kept there (deflated streams, the PDF's pages) gave
    // and took, over the files written (none: no file had one, as in a session,
    // which keeps its own).
    std::optional<image::KeptBytesPack::Counts> streams;
    WatchList inputs;                   // what this run read (empty when it read nothing)
    bool ok() const { return diags.error_count() == 0; }
};

// Whether a session keeps the fonts and the paragraphs shaped and set from one run
// to the next (layout::KeptText), and the PDF's deflated and encoded streams
// (pdf::KeptStreams): `watch` does, so that a rebuild sets and compresses again
// only what changed; a single build frees them before its writers run.
enum class KeepText { no, yes };

class BuildSession {
public:
    explicit BuildSession(BuildOptions options, KeepText keep = KeepText::no);

    // Runs the whole build. Never throws for bad input: every booklet::Error
    // becomes an error diagnostic. Files are written only when the run has no
    // errors (after --strict), all formats together at the end.
    BuildOutcome run(Purpose purpose, const Reporter& reporter);

    const BuildOptions& options() const { return options_; }

    // Frees what the last run was done with but left for later (a session that
    // keeps text: watch calls this once a rebuild is reported, while it waits).
    void release_leftovers() {
        if (leftovers_) leftovers_->release();
    }

private:
    BuildOptions options_;
    std::optional<DataDir> data_;  // found on the first run, where a failure is a diagnostic
    std::unique_ptr<image::PictureCache> picture_cache_;  // none with --no-cache or no folder
    std::unique_ptr<hyphenate::MachineShelf> machines_;   // on picture_cache_, when there is one
    // After the two above: its reading ahead may be using them until it is destroyed.
    hyphenate::Dictionaries dictionaries_;
    bool keep_text_ = false;
    std::unique_ptr<layout::KeptText> kept_text_;          // the last run's, when kept
    std::unique_ptr<markdown::KeptPages> kept_pages_;      // the last run's pages, when text is kept
    std::unique_ptr<pdf::KeptStreams> kept_streams_;       // the last run's PDF streams, likewise
    std::unique_ptr<KeptBytes> kept_entries_;              // the last run's deflated EPUB entries, likewise
    std::unique_ptr<epub::KeptDocuments> kept_documents_;  // the last run's EPUB chapter documents, likewise
    std::unique_ptr<epub::KeptPictures> kept_epub_pictures_;  // the last run's EPUB pictures, likewise
    std::unique_ptr<ReleaseLater> leftovers_;              // what the last run is done with, when text is kept
};

}  // namespace booklet::cli

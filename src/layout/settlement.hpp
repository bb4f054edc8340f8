// What a layout's passes settled on, kept in the cache folder for the next build
// of the same inputs.
//
// Layout runs passes until the page numbers it prints stop changing (layout_book.cpp,
// Settled::settle): the corpus as a booklet takes two, and its second composes 54 of
// 73 chapters again. A pass is a function of the layout's inputs and of where it
// starts from (PassStart: the page references and note numbers the pass before
// found, and the parts given shorter settings). So a build whose inputs are those of
// the last build can start from the pass the last build ended with, and that pass
// settles at once — what LaTeX's .aux file does, but only where the result is the
// clean build's byte for byte: the entry is keyed by everything the passes are
// composed from (the code that composes them and the shaping libraries it runs
// with, the document, the cite decisions, the style, the printed date), and what
// the files a layout reads held (fonts, hyphenation dictionaries, pictures) is
// compared after the pass. A pass that does not settle there, or read other files,
// is thrown away and layout starts again from nothing.
#pragma once

#include "context.hpp"

#include <optional>
#include <set>

namespace booklet::layout {

// Where a pass starts from besides the layout's inputs.
struct PassStart {
    References refs;           // what the pass before found (none in a first pass)
    std::set<int> tightened;   // Pass::tightened_parts
    friend bool operator==(const PassStart&, const PassStart&) = default;
};

// What the settlements of one layout_book call's layouts did: found in the cache,
// and settled at once (the rest were laid out again from nothing).
struct SettledCounts {
    std::size_t found = 0, taken = 0;
};

// The settlement kept for one layout: a Settled's, by its inputs.
class Settlement {
public:
    // `cache` null: nothing is found or kept. `book`: book_inputs(ctx);
    // `imprint_beside_contents`: the variant of the layout (LayoutInputs).
    Settlement(image::PictureCache* cache, const Sha256Digest& book, const LayoutContext& ctx,
               bool imprint_beside_contents);

    // The start of the pass the last build of these inputs settled with, if the
    // cache keeps one; null otherwise.
    const PassStart* found() const { return found_ ? &found_->start : nullptr; }
    // After a pass from found(): whether the files this layout has read hold what
    // they held for the build that kept it (else the pass is not taken).
    bool files_unchanged(const LayoutContext& ctx) const;
    // After passes from nothing that settled with a pass from `start`: kept for the
    // next build. Never throws (the cache keeps its problems).
    void keep(const PassStart& start, const LayoutContext& ctx);

    // The payload as written, and read back (nullopt unless it is a whole one): for
    // the tests and the fuzzer.
    struct Kept {
        PassStart start;
        Sha256Digest files{};
        friend bool operator==(const Kept&, const Kept&) = default;
    };
    static std::string payload(const Kept& kept);
    static std::optional<Kept> read_payload(std::string_view payload);

private:
    image::PictureCache* cache_;
    image::CacheKey key_{};
    std::optional<Kept> found_;  // what the build that kept it read, with it
};

// A digest of what every layout of a book is composed from besides its style: the
// code that composes it and the shaping libraries it runs with, the document and
// the cite decisions (a few milliseconds
// for the English corpus: made once for the layouts a build tries).
Sha256Digest book_inputs(const LayoutContext& ctx);

// A digest of what the files this layout has read so far held: every font loaded,
// every hyphenation dictionary asked for, every picture file read.
Sha256Digest files_read(const LayoutContext& ctx);

}  // namespace booklet::layout

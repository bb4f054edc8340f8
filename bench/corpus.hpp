// Paragraphs of a corpus of Markdown pages as the text engine sees them, for the
// benchmark and the typography statistics: each page goes through the real
// Markdown → model stage (markdown::build_document), and every paragraph block
// (also inside lists, quotes, details and footnotes) becomes a StyledText with the
// body font (Noto Serif, italic and bold faces, Noto Sans Mono for code, the symbol
// and DejaVu fallbacks) in the page's language.
#pragma once

#include "booklet/linebreak.hpp"
#include "booklet/shape.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace booklet::bench {

struct BodyFonts {
    shape::FontRegistry registry;
    shape::FontChain regular, italic, bold, bold_italic, mono;
    explicit BodyFonts(const std::filesystem::path& fonts_dir);
};

struct CorpusParagraph {
    std::string page;          // file name of the page
    shape::StyledText text;
    std::size_t words = 0;     // whitespace-separated words
};

// "seed": the Dutch page; "en": the 74 English pages; "all": both. Sorted by name.
std::vector<std::filesystem::path> corpus_pages(const std::filesystem::path& corpus, const std::string& which);

// Throws booklet::Error when a page cannot be read; warnings of the Markdown stage
// are counted into `warnings`.
std::vector<CorpusParagraph> load_paragraphs(const std::vector<std::filesystem::path>& pages, BodyFonts& fonts,
                                             Sp size, std::size_t* warnings = nullptr);

// The column of the default A5 style (styles/booklet.yaml): 148 mm less the 15 mm
// inner and 18 mm outer margins.
inline constexpr Sp kColumnWidth = sp_from_mm(115);

}  // namespace booklet::bench

// The EPUB 3 writer: the only user of libzip. Written from the document model and
// the style, never from the PDF layout.
//
// Input:  model::Document, style::Style.
// Output: an .epub file, written atomically; byte-identical for identical input
//         in any time zone.
// Must not: depend on layout or pages.
#pragma once

#include "booklet/diagnostics.hpp"
#include "booklet/model.hpp"
#include "booklet/style.hpp"

#include <cstdint>
#include <filesystem>

namespace booklet::epub {

struct Settings {
    std::int64_t modified = 0;        // seconds since the epoch, UTC: dcterms:modified and ZIP times
};

void write_epub(const model::Document& document, const style::Style& style, const Settings& settings,
                const std::filesystem::path& target, Diagnostics& diags);

}  // namespace booklet::epub

// The page map: where each printed page begins, in terms of the model, so that the
// EPUB can carry the printed edition's page breaks (an EPUB 3 page list).
//
// Input:  made by layout (pages::Book::page_map), one entry per page of the laid-out
//         book in reading order (never sheet sides: imposition does not touch it).
// Output: read by the EPUB writer, which writes a page-break marker for every entry
//         where the entry says and lists them in its page-list navigation.
// Invariants:
//   - One entry per page, in page order; `label` is the folio as printed.
//   - A text position names a model place by value: the chapter's index, the path of
//     block indices down to the block (List: item index, then block index in the
//     item; BlockQuote and Details: block index), the part of the block and a byte
//     offset into that part's model text (model::text_bytes counts it: the bytes of
//     its Text and Code nodes in document order, nothing else).
//   - Pages that carry no text of their own (blank pages, the imprint page, padding,
//     the back cover) are given the position of the next page that does, or the
//     book's end when none follows: layout decides this, the writer only renders it.
// Must not: hold pointers into the model, or know about fonts, styles or output formats.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace booklet::page_map {

enum class Place : std::uint8_t {
    title_page,  // the title page
    contents,    // the table of contents
    text,        // a chapter's text: chapter, path, part, offset
    sources,     // the Sources list: source (index in cite::Citations::sources), part
    end,         // after the last text of the book
};

// The parts of a block that a page can begin in (Position::part).
namespace part {
inline constexpr int whole = 0;      // the block's start; a paragraph's, heading's or code block's text
inline constexpr int caption = 1;    // Figure: the caption; BlockQuote: the attribution;
                                     // Details: the summary
// Table: the row, 0 for the header row and 1 + i for body row i.
inline constexpr int table_row(std::size_t body_row) { return 1 + static_cast<int>(body_row); }
// Sources: the entry itself (whole), or the heading of the chapter group it opens.
inline constexpr int group_heading = 1;
}  // namespace part

struct Position {
    Place place = Place::end;
    int chapter = -1;            // text: index in model::Document::chapters
    std::vector<int> path;       // text: block indices; empty: the chapter's start (its title)
    int part = part::whole;      // text, sources: see namespace part
    std::size_t offset = 0;      // text: bytes of the part's model text before the page begins
    int source = -1;             // sources: index of the entry; -1 for the list's start

    friend bool operator==(const Position&, const Position&) = default;
    friend auto operator<=>(const Position&, const Position&) = default;
};

// The start of a place that has no parts (the title page, the contents, the end).
inline Position start_of(Place place) {
    Position at;
    at.place = place;
    return at;
}

struct PageStart {
    std::string label;           // the folio as printed ("12")
    Position at;

    friend bool operator==(const PageStart&, const PageStart&) = default;
};

struct PageMap {
    std::vector<PageStart> pages;  // in page order; empty: no page list
    std::string source;            // what the pages are of, for the EPUB's dc:source

    bool empty() const { return pages.empty(); }
    friend bool operator==(const PageMap&, const PageMap&) = default;
};

}  // namespace booklet::page_map

// A three-page Book made by hand that uses every kind of display-list item the
// PDF writer draws: ligatures, kerning, justification, combining marks, a
// non-BMP character from a fallback font, a superscript, an emoji image with
// actual text, rules, rectangles, an RGBA picture, URI and internal links,
// outline entries and page labels.
#pragma once

#include "booklet/pages.hpp"

#include <string>
#include <vector>

namespace booklet::pdf_test {

pages::Book sample_book();

// What pdftotext must give back for each page of sample_book(), line by line.
std::vector<std::vector<std::string>> sample_book_lines();

inline constexpr const char* kSampleUri = "https://example.org/a?b=c&d=%C3%A9";

}  // namespace booklet::pdf_test

// Stable text forms of the pipeline's values (booklet inspect --dump, golden tests).
//
// Input:  a model::Document, its cite::Citations, or laid-out pages::Book.
// Output: text. The same document always gives the same bytes: fixed key order,
//   no addresses, no locale, no clock.
// Must not: change the document or read files.
#pragma once

#include "booklet/cite.hpp"
#include "booklet/model.hpp"
#include "booklet/pages.hpp"

#include <string>

namespace booklet::dump {

// An indented tree, one node per line: the node type, its attributes, the line it
// came from as "@N", and texts in double quotes with \n, \t, \" and \\ escaped.
std::string model_tree(const model::Document& document);

// The same as JSON (UTF-8, keys in a fixed order, two-space indentation). Every
// node is an object whose first key is "type"; strings are escaped per RFC 8259
// (control characters as \uXXXX, plus U+2028/U+2029 for JavaScript readers).
std::string model_json(const model::Document& document);

// The cite stage's decisions: one line per link in reading order ("link N chapter
// kind print=... note=... source=... cited=... printed=..."), one per footnote
// call, then the Sources list by chapter with the texts each entry was cited for.
std::string citations(const model::Document& document, const cite::Citations& cites);

// Laid-out pages, line by line as composition set them: per page its label, then
// each line with its column (1-based, "-" outside the text block), role, baseline
// and left edge in points (two decimals) and its text (note numbers as "^1").
std::string page_lines(const pages::Book& book);

// Laid-out pages, item by item: per page its size and label, then every item in
// drawing order with positions in points (two decimals): text runs with font id,
// size and text; rules; rectangles; images; link areas; then the outline.
std::string page_items(const pages::Book& book);

// JSON string literal of UTF-8 text, with the quotes.
std::string json_string(std::string_view text);

}  // namespace booklet::dump

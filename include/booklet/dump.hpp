// Stable text forms of the model (booklet inspect, golden tests).
//
// Input:  a model::Document.
// Output: text. The same document always gives the same bytes: fixed key order,
//   no addresses, no locale, no clock.
// Must not: change the document or read files.
#pragma once

#include "booklet/model.hpp"

#include <string>

namespace booklet::dump {

// An indented tree, one node per line: the node type, its attributes, the line it
// came from as "@N", and texts in double quotes with \n, \t, \" and \\ escaped.
std::string model_tree(const model::Document& document);

// The same as JSON (UTF-8, keys in a fixed order, two-space indentation). Every
// node is an object whose first key is "type"; strings are escaped per RFC 8259
// (control characters as \uXXXX, plus U+2028/U+2029 for JavaScript readers).
std::string model_json(const model::Document& document);

// JSON string literal of UTF-8 text, with the quotes.
std::string json_string(std::string_view text);

}  // namespace booklet::dump

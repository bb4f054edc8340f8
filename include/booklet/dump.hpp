// Stable text forms of the model (booklet inspect, golden tests).
#pragma once

#include "booklet/model.hpp"

#include <string>

namespace booklet::dump {

// An indented tree, one node per line.
std::string model_tree(const model::Document& document);

// The same as JSON (UTF-8, keys in a fixed order).
std::string model_json(const model::Document& document);

}  // namespace booklet::dump

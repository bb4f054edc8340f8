// YAML as plain values with positions: the one wrapper around yaml-cpp.
//
// Input:  YAML text (a manifest, a style file, a page's front matter).
// Output: a ConfigNode tree that remembers file:line:col of every node.
// Invariants: no yaml-cpp type leaves src/config; parse errors become
//   booklet::Error at the real line of the file (front matter starts after "---").
#pragma once

#include "booklet/diagnostics.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace booklet::config {

struct ConfigNode {
    enum class Kind { null, scalar, sequence, map };
    Kind kind = Kind::null;
    std::string scalar;                                    // scalar: its text
    bool quoted = false;                                   // scalar was quoted: always a string
    std::vector<ConfigNode> items;                         // sequence
    std::vector<std::pair<std::string, ConfigNode>> entries;  // map, in file order
    SourcePos pos;                                         // where the node starts
    std::vector<SourcePos> key_pos;                        // map: where each key starts

    bool is_map() const { return kind == Kind::map; }
    bool is_sequence() const { return kind == Kind::sequence; }
    bool is_scalar() const { return kind == Kind::scalar; }
    const ConfigNode* find(std::string_view key) const;

    // Declared here and defaulted after the class: clang 14 in C++20 mode rejects
    // the implicit ones (a vector of pairs holding the still incomplete type).
    ConfigNode();
    ConfigNode(const ConfigNode&);
    ConfigNode(ConfigNode&&) noexcept;
    ConfigNode& operator=(const ConfigNode&);
    ConfigNode& operator=(ConfigNode&&) noexcept;
    ~ConfigNode();

    // Typed reads that throw booklet::Error naming the key's position and what was expected.
    std::string as_string(std::string_view what) const;
    bool as_bool(std::string_view what) const;
    long long as_int(std::string_view what) const;
    double as_number(std::string_view what) const;
};

inline ConfigNode::ConfigNode() = default;
inline ConfigNode::ConfigNode(const ConfigNode&) = default;
inline ConfigNode::ConfigNode(ConfigNode&&) noexcept = default;
inline ConfigNode& ConfigNode::operator=(const ConfigNode&) = default;
inline ConfigNode& ConfigNode::operator=(ConfigNode&&) noexcept = default;
inline ConfigNode::~ConfigNode() = default;

// Parses YAML text. `file` names it in diagnostics; `first_line` is the file line of
// the text's first line (front matter: the line after the opening ---).
ConfigNode parse_yaml(std::string_view text, const std::string& file, int first_line = 1);

// The node as YAML text again (for keeping unknown front matter keys).
std::string to_yaml(const ConfigNode& node);

}  // namespace booklet::config

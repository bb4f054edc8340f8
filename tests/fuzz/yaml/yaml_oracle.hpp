// The YAML reading booklet had before it built its tree from the parser's events:
// yaml-cpp's own tree (YAML::Load), converted node by node. Kept here as the
// oracle the fuzz target compares config::parse_yaml with: the same values, kinds,
// quoting and positions for every text both accept.
#pragma once

#include "booklet/config.hpp"
#include "booklet/diagnostics.hpp"

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

namespace booklet::fuzz {

inline SourcePos oracle_pos(const YAML::Mark& m, const std::string& file) {
    if (m.is_null() || m.line < 0) return {file, 1, 0};
    return {file, 1 + m.line, m.column + 1};
}

inline config::ConfigNode oracle_convert(const YAML::Node& node, const std::string& file, int depth) {
    using config::ConfigNode;
    if (depth > 64) throw Error(oracle_pos(node.Mark(), file), "too deep");
    ConfigNode out;
    out.pos = oracle_pos(node.Mark(), file);
    switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null: out.kind = ConfigNode::Kind::null; break;
        case YAML::NodeType::Scalar:
            out.kind = ConfigNode::Kind::scalar;
            out.scalar = node.Scalar();
            out.quoted = node.Tag() == "!";
            break;
        case YAML::NodeType::Sequence:
            out.kind = ConfigNode::Kind::sequence;
            for (const auto& item : node) out.items.push_back(oracle_convert(item, file, depth + 1));
            break;
        case YAML::NodeType::Map: {
            out.kind = ConfigNode::Kind::map;
            std::set<std::string> seen;
            for (const auto& kv : node) {
                if (!kv.first.IsScalar()) throw Error(oracle_pos(kv.first.Mark(), file), "not a plain key");
                if (!seen.insert(kv.first.Scalar()).second) throw Error(oracle_pos(kv.first.Mark(), file), "twice");
                out.entries.emplace_back(kv.first.Scalar(), oracle_convert(kv.second, file, depth + 1));
                out.key_pos.push_back(oracle_pos(kv.first.Mark(), file));
            }
            break;
        }
    }
    return out;
}

// Whether two trees are alike: kinds, texts, quoting, order and positions.
inline bool same_tree(const config::ConfigNode& a, const config::ConfigNode& b) {
    if (a.kind != b.kind || a.scalar != b.scalar || a.quoted != b.quoted || !(a.pos == b.pos) ||
        a.items.size() != b.items.size() || a.entries.size() != b.entries.size() || !(a.key_pos == b.key_pos))
        return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!same_tree(a.items[i], b.items[i])) return false;
    for (std::size_t i = 0; i < a.entries.size(); ++i)
        if (a.entries[i].first != b.entries[i].first || !same_tree(a.entries[i].second, b.entries[i].second))
            return false;
    return true;
}

}  // namespace booklet::fuzz

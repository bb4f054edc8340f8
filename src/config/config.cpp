#include "booklet/config.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>

namespace booklet::config {
namespace {

struct Origin {
    const std::string& file;
    int first_line;

    // yaml-cpp marks are 0-based and relative to the parsed string.
    SourcePos at(const YAML::Mark& m) const {
        if (m.is_null() || m.line < 0) return {file, first_line, 0};
        return {file, first_line + m.line, m.column + 1};
    }
};

ConfigNode convert(const YAML::Node& node, const Origin& origin, int depth) {
    if (depth > 64) throw Error(origin.at(node.Mark()), "YAML nested more than 64 levels deep");
    ConfigNode out;
    out.pos = origin.at(node.Mark());
    switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            out.kind = ConfigNode::Kind::null;
            break;
        case YAML::NodeType::Scalar:
            out.kind = ConfigNode::Kind::scalar;
            out.scalar = node.Scalar();
            out.quoted = node.Tag() == "!";
            break;
        case YAML::NodeType::Sequence:
            out.kind = ConfigNode::Kind::sequence;
            for (const auto& item : node) out.items.push_back(convert(item, origin, depth + 1));
            break;
        case YAML::NodeType::Map: {
            out.kind = ConfigNode::Kind::map;
            std::set<std::string> seen;
            for (const auto& kv : node) {
                const SourcePos key_pos = origin.at(kv.first.Mark());
                if (!kv.first.IsScalar()) throw Error(key_pos, "a key must be a plain name");
                const std::string key = kv.first.Scalar();
                if (!seen.insert(key).second) throw Error(key_pos, "duplicate key '" + key + "'");
                out.entries.emplace_back(key, convert(kv.second, origin, depth + 1));
                out.key_pos.push_back(key_pos);
            }
            break;
        }
    }
    return out;
}

std::string describe(const ConfigNode& n) {
    switch (n.kind) {
        case ConfigNode::Kind::null: return "nothing";
        case ConfigNode::Kind::scalar: return "'" + n.scalar + "'";
        case ConfigNode::Kind::sequence: return "a list";
        case ConfigNode::Kind::map: return "a mapping";
    }
    return "?";
}

[[noreturn]] void expected(const ConfigNode& n, std::string_view what, std::string_view type) {
    throw Error(n.pos, std::string(what) + " must be " + std::string(type) + ", not " + describe(n),
                "config-type");
}

void emit(const ConfigNode& n, YAML::Emitter& e) {
    switch (n.kind) {
        case ConfigNode::Kind::null: e << YAML::Null; break;
        case ConfigNode::Kind::scalar:
            if (n.quoted) e << YAML::DoubleQuoted;
            e << n.scalar;
            break;
        case ConfigNode::Kind::sequence:
            e << YAML::Flow << YAML::BeginSeq;
            for (const auto& i : n.items) emit(i, e);
            e << YAML::EndSeq;
            break;
        case ConfigNode::Kind::map:
            e << YAML::Flow << YAML::BeginMap;
            for (const auto& [k, v] : n.entries) {
                e << YAML::Key << k << YAML::Value;
                emit(v, e);
            }
            e << YAML::EndMap;
            break;
    }
}

}  // namespace

const ConfigNode* ConfigNode::find(std::string_view key) const {
    for (const auto& [k, v] : entries)
        if (k == key) return &v;
    return nullptr;
}

std::string ConfigNode::as_string(std::string_view what) const {
    if (kind != Kind::scalar) expected(*this, what, "text");
    return scalar;
}

bool ConfigNode::as_bool(std::string_view what) const {
    if (kind == Kind::scalar && !quoted) {
        if (scalar == "true" || scalar == "yes" || scalar == "on") return true;
        if (scalar == "false" || scalar == "no" || scalar == "off") return false;
    }
    expected(*this, what, "true or false");
}

long long ConfigNode::as_int(std::string_view what) const {
    if (kind == Kind::scalar && !quoted) {
        long long v = 0;
        const char* end = scalar.data() + scalar.size();
        const auto r = std::from_chars(scalar.data(), end, v);
        if (r.ec == std::errc() && r.ptr == end) return v;
    }
    expected(*this, what, "a whole number");
}

double ConfigNode::as_number(std::string_view what) const {
    if (kind == Kind::scalar && !quoted && !scalar.empty()) {
        // strtod is locale-dependent, from_chars<double> is not: output stays the same everywhere.
        double v = 0;
        const char* end = scalar.data() + scalar.size();
        const auto r = std::from_chars(scalar.data(), end, v);
        if (r.ec == std::errc() && r.ptr == end && std::isfinite(v)) return v;
    }
    expected(*this, what, "a number");
}

ConfigNode parse_yaml(std::string_view text, const std::string& file, int first_line) {
    const Origin origin{file, first_line};
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        throw Error(origin.at(e.mark), "invalid YAML: " + e.msg, "yaml-syntax");
    }
    try {
        return convert(root, origin, 0);
    } catch (const YAML::Exception& e) {
        throw Error(origin.at(e.mark), "invalid YAML: " + e.msg, "yaml-syntax");
    }
}

std::string to_yaml(const ConfigNode& node) {
    YAML::Emitter e;
    emit(node, e);
    return e.c_str();
}

}  // namespace booklet::config

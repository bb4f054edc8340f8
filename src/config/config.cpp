#include "booklet/config.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

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

// The budget of one YAML text once every alias is expanded (docs/ARCHITECTURE.md,
// "Budgets"). A billion-laughs text of a few hundred bytes names 10^9 values; the
// expansion is counted from the parser's events, before any tree is built, so such
// a text is refused in milliseconds. Real manifests, styles and front matter have
// a few hundred values.
constexpr std::size_t kMaxExpandedValues = 100000;
constexpr std::size_t kMaxExpandedBytes = 16u << 20;

struct Cost {
    std::size_t values = 0;
    std::size_t bytes = 0;
    Cost& operator+=(const Cost& o) {
        values += o.values;
        bytes += o.bytes;
        return *this;
    }
};

// Counts values and scalar bytes as they would be after alias expansion: each
// anchored node remembers its expanded cost, each alias adds it again.
class ExpansionCounter : public YAML::EventHandler {
public:
    explicit ExpansionCounter(const Origin& origin) : origin_(origin) {}

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, {1, 0}); }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
        leaf(mark, anchor, {1, value.size()});
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto it = anchored_.find(anchor);
        add(mark, it == anchored_.end() ? Cost{1, 0} : it->second);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(mark, anchor);
    }
    void OnMapEnd() override { close(); }

private:
    struct Open {
        Cost cost;
        YAML::anchor_t anchor;
    };

    // `c` joins the total now and the enclosing collection's cost (which passes it
    // on to its own parent when it closes).
    void add(const YAML::Mark& mark, const Cost& c, bool to_parent = true) {
        total_ += c;
        if (to_parent && !stack_.empty()) stack_.back().cost += c;
        if (total_.values > kMaxExpandedValues || total_.bytes > kMaxExpandedBytes)
            throw Error(origin_.at(mark),
                        "YAML too large once its aliases are expanded (more than " + std::to_string(kMaxExpandedValues) +
                            " values or " + std::to_string(kMaxExpandedBytes >> 20) +
                            " MiB of text; an alias bomb?); refused",
                        "yaml-budget");
    }
    void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, const Cost& c) {
        add(mark, c);
        if (anchor) anchored_[anchor] = c;
    }
    void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
        add(mark, {1, 0}, false);  // the parent gains it with the whole collection at close()
        stack_.push_back({{1, 0}, anchor});
    }
    void close() {
        if (stack_.empty()) return;
        const Open done = stack_.back();
        stack_.pop_back();
        if (done.anchor) anchored_[done.anchor] = done.cost;
        // The total already has every part of it; the parent's subtree gains it.
        if (!stack_.empty()) stack_.back().cost += done.cost;
    }

    const Origin& origin_;
    std::vector<Open> stack_;
    std::map<YAML::anchor_t, Cost> anchored_;
    Cost total_;
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
        // The budget first: the node tree yaml-cpp builds shares aliased nodes, but
        // the conversion below would expand them.
        std::istringstream in{std::string(text)};
        YAML::Parser parser(in);
        ExpansionCounter counter(origin);
        parser.HandleNextDocument(counter);
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

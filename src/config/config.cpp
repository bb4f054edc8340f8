#include "booklet/config.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
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

// Builds the tree from the parser's events, beside the budget's count: yaml-cpp's
// own tree (YAML::Load), walked afterwards, had the text parsed twice and was half
// of reading a style file. Keys must be plain text and appear once; a value nested
// more than kMaxDepth deep is refused; an alias stands for a copy of its anchor's
// value (the budget has counted it by then).
class TreeBuilder : public YAML::EventHandler {
public:
    explicit TreeBuilder(const Origin& origin) : origin_(origin) {}

    ConfigNode take() {
        if (!root_) {
            ConfigNode empty;
            empty.pos = origin_.at(YAML::Mark::null_mark());
            return empty;
        }
        return std::move(*root_);
    }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { done(start(mark), anchor, 0); }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        ConfigNode node = start(mark);
        node.kind = ConfigNode::Kind::scalar;
        node.scalar = value;
        node.quoted = tag == "!";  // yaml-cpp's tag of a quoted scalar; a plain one's is "?"
        done(std::move(node), anchor, 0);
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        const auto it = anchored_.find(anchor);
        // An alias inside its own anchor's value: yaml-cpp's tree was a cycle. A
        // copy whose deepest value would be nested too deep, as the value itself.
        if (it == anchored_.end() || open_.size() + it->second.height > kMaxDepth)
            throw Error(origin_.at(mark), kTooDeep);
        done(ConfigNode(it->second.node), 0, it->second.height);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, anchor, ConfigNode::Kind::sequence);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, anchor, ConfigNode::Kind::map);
    }
    void OnMapEnd() override { close(); }

private:
    static constexpr std::size_t kMaxDepth = 64;
    static constexpr const char* kTooDeep = "YAML nested more than 64 levels deep";

    struct Open {
        ConfigNode node;
        YAML::anchor_t anchor = 0;
        std::optional<std::string> key;  // a map's key waiting for its value
        std::set<std::string> keys;      // a map's keys so far
        std::size_t height = 0;          // levels below it so far
    };
    struct Anchored {
        ConfigNode node;
        std::size_t height = 0;  // levels below it
    };

    // A node starting at `mark`: refused as a map's key unless it is plain text
    // (checked in done), or when nested too deep.
    ConfigNode start(const YAML::Mark& mark) const {
        if (open_.size() > kMaxDepth) throw Error(origin_.at(mark), kTooDeep);
        ConfigNode node;
        node.pos = origin_.at(mark);
        return node;
    }
    bool awaits_key() const {
        return !open_.empty() && open_.back().node.kind == ConfigNode::Kind::map && !open_.back().key;
    }
    void open(const YAML::Mark& mark, YAML::anchor_t anchor, ConfigNode::Kind kind) {
        if (awaits_key()) throw Error(origin_.at(mark), "a key must be a plain name");
        Open o{start(mark), anchor, std::nullopt, {}, 0};
        o.node.kind = kind;
        open_.push_back(std::move(o));
    }
    void close() {
        Open o = std::move(open_.back());
        open_.pop_back();
        done(std::move(o.node), o.anchor, o.height);
    }
    void done(ConfigNode node, YAML::anchor_t anchor, std::size_t height) {
        if (anchor) anchored_.insert_or_assign(anchor, Anchored{node, height});
        if (open_.empty()) {
            root_ = std::move(node);
            return;
        }
        Open& parent = open_.back();
        parent.height = std::max(parent.height, height + 1);
        if (parent.node.kind == ConfigNode::Kind::sequence) {
            parent.node.items.push_back(std::move(node));
        } else if (!parent.key) {
            if (node.kind != ConfigNode::Kind::scalar) throw Error(node.pos, "a key must be a plain name");
            if (!parent.keys.insert(node.scalar).second) throw Error(node.pos, "duplicate key '" + node.scalar + "'");
            parent.node.key_pos.push_back(node.pos);
            parent.key = std::move(node.scalar);
        } else {
            parent.node.entries.emplace_back(std::move(*parent.key), std::move(node));
            parent.key.reset();
        }
    }

    const Origin& origin_;
    std::vector<Open> open_;
    std::map<YAML::anchor_t, Anchored> anchored_;
    std::optional<ConfigNode> root_;
};

// The counter first, so that an alias is copied only once its cost is within the
// budget.
class BudgetedTree : public YAML::EventHandler {
public:
    BudgetedTree(ExpansionCounter& counter, TreeBuilder& builder) : counter_(counter), builder_(builder) {}
    void OnDocumentStart(const YAML::Mark& m) override { both([&](auto& h) { h.OnDocumentStart(m); }); }
    void OnDocumentEnd() override { both([](auto& h) { h.OnDocumentEnd(); }); }
    void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { both([&](auto& h) { h.OnNull(m, a); }); }
    void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override { both([&](auto& h) { h.OnAlias(m, a); }); }
    void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a, const std::string& value) override {
        both([&](auto& h) { h.OnScalar(m, tag, a, value); });
    }
    void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                         YAML::EmitterStyle::value style) override {
        both([&](auto& h) { h.OnSequenceStart(m, tag, a, style); });
    }
    void OnSequenceEnd() override { both([](auto& h) { h.OnSequenceEnd(); }); }
    void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                    YAML::EmitterStyle::value style) override {
        both([&](auto& h) { h.OnMapStart(m, tag, a, style); });
    }
    void OnMapEnd() override { both([](auto& h) { h.OnMapEnd(); }); }

private:
    template <class Event>
    void both(const Event& event) {
        event(counter_);
        event(builder_);
    }
    ExpansionCounter& counter_;
    TreeBuilder& builder_;
};

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
    ExpansionCounter counter(origin);
    TreeBuilder builder(origin);
    try {
        std::istringstream in{std::string(text)};
        YAML::Parser parser(in);
        BudgetedTree both(counter, builder);
        parser.HandleNextDocument(both);
    } catch (const YAML::Exception& e) {
        throw Error(origin.at(e.mark), "invalid YAML: " + e.msg, "yaml-syntax");
    }
    return builder.take();
}

std::string to_yaml(const ConfigNode& node) {
    YAML::Emitter e;
    emit(node, e);
    return e.c_str();
}

}  // namespace booklet::config

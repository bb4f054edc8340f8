#include "style_tree.hpp"

#include "booklet/files.hpp"
#include "booklet/suggest.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <mutex>
#include <string>
#include <system_error>

namespace booklet::style {
namespace {

using config::ConfigNode;

// Deep enough for any sensible family of styles, and a bound on hostile input.
constexpr std::size_t kMaxExtendsDepth = 16;

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool looks_like_file(const std::string& name_or_file) {
    return name_or_file.find('/') != std::string::npos || ends_with(name_or_file, ".yaml") ||
           ends_with(name_or_file, ".yml");
}

std::filesystem::path identity_of(const std::filesystem::path& file) {
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(file, ec);
    return ec ? file.lexically_normal() : canonical;
}

void set_positions(ConfigNode& node, const SourcePos& pos) {
    node.pos = pos;
    for (auto& p : node.key_pos) p = pos;
    for (auto& item : node.items) set_positions(item, pos);
    for (auto& [key, value] : node.entries) set_positions(value, pos);
}

}  // namespace

std::vector<std::string> style_names(const std::filesystem::path& styles_dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(styles_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto& p = it->path();
        if (p.extension() == ".yaml" && it->is_regular_file(ec)) names.push_back(p.stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::filesystem::path find_style_file(const std::string& name_or_file, const std::filesystem::path& styles_dir,
                                      const std::filesystem::path& relative_to, const SourcePos& where) {
    std::error_code ec;
    if (looks_like_file(name_or_file)) {
        std::filesystem::path file(name_or_file);
        if (file.is_relative() && !relative_to.empty()) file = relative_to / file;
        file = file.lexically_normal();
        if (!std::filesystem::is_regular_file(file, ec))
            throw Error(where, "style file not found: " + file.string(), "style-missing");
        return file;
    }
    const auto file = styles_dir / (name_or_file + ".yaml");
    if (std::filesystem::is_regular_file(file, ec)) return file;
    const auto names = style_names(styles_dir);
    std::string message = "no style named '" + name_or_file + "' in " + styles_dir.string() +
                          did_you_mean(name_or_file, names);
    if (!names.empty()) {
        message += " (styles there:";
        for (const auto& n : names) message += " " + n;
        message += ")";
    }
    throw Error(where, message, "style-missing");
}

namespace {

// The last text read of each style file and what it parsed to. A build reads
// booklet.yaml for the PDF and again under ereader.yaml for the EPUB, and `watch`
// reads every style file on every rebuild: YAML is parsed again only when a file's
// bytes changed (parsing was two thirds of loading a style). One entry per file.
class ParsedStyleFiles {
public:
    ConfigNode parse(const std::filesystem::path& file, std::string text) {
        const std::string name = file.string();
        {
            const std::lock_guard<std::mutex> lock(mutex_);
            const auto it = parsed_.find(name);
            if (it != parsed_.end() && it->second.text == text) return it->second.root;
        }
        ConfigNode root = config::parse_yaml(text, name);  // throws on bad YAML: nothing kept
        const std::lock_guard<std::mutex> lock(mutex_);
        parsed_.insert_or_assign(name, Parsed{std::move(text), root});
        return root;
    }

private:
    struct Parsed {
        std::string text;
        ConfigNode root;
    };
    std::mutex mutex_;
    std::map<std::string, Parsed> parsed_;
};

}  // namespace

ConfigNode read_style_file(const std::filesystem::path& file) {
    static ParsedStyleFiles parsed;
    std::string text = files::read_bounded(file, files::kMaxStyleBytes, "the style file", file.string(), "style-missing");
    ConfigNode root = parsed.parse(file, std::move(text));
    if (root.kind == ConfigNode::Kind::null) {
        root.kind = ConfigNode::Kind::map;
        root.pos = {file.string(), 1, 1};
    }
    if (!root.is_map())
        throw Error(root.pos, "a style file must be a mapping of keys (page:, fonts:, body: ...)", "style-key");
    return root;
}

void merge_into(ConfigNode& base, const ConfigNode& overlay) {
    if (!base.is_map() || !overlay.is_map()) {
        base = overlay;
        return;
    }
    for (std::size_t i = 0; i < overlay.entries.size(); ++i) {
        const auto& [key, value] = overlay.entries[i];
        auto it = std::find_if(base.entries.begin(), base.entries.end(),
                               [&](const auto& entry) { return entry.first == key; });
        if (it == base.entries.end()) {
            base.entries.emplace_back(key, value);
            base.key_pos.push_back(overlay.key_pos[i]);
        } else {
            merge_into(it->second, value);
            // The key now reads from the overlay's file when the overlay replaced it.
            if (!value.is_map() || !it->second.is_map())
                base.key_pos[static_cast<std::size_t>(it - base.entries.begin())] = overlay.key_pos[i];
        }
    }
}

StyleTree load_style_tree(const std::string& name_or_file, const std::filesystem::path& styles_dir) {
    StyleTree tree;
    tree.file = find_style_file(name_or_file, styles_dir, {}, {});
    tree.name = tree.file.stem().string();

    // Walk up the chain first, merge from the root style down.
    std::vector<ConfigNode> files;
    std::vector<std::filesystem::path> identities;
    std::filesystem::path file = tree.file;
    for (;;) {
        identities.push_back(identity_of(file));
        tree.chain.push_back(file);
        ConfigNode root = read_style_file(file);
        std::string parent;
        SourcePos parent_pos;
        for (std::size_t i = 0; i < root.entries.size(); ++i) {
            if (root.entries[i].first != "extends") continue;
            parent = root.entries[i].second.as_string("extends");
            parent_pos = root.entries[i].second.pos;
            root.entries.erase(root.entries.begin() + static_cast<std::ptrdiff_t>(i));
            root.key_pos.erase(root.key_pos.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
        files.push_back(std::move(root));
        if (parent.empty()) break;
        const auto next = find_style_file(parent, styles_dir, file.parent_path(), parent_pos);
        const auto id = identity_of(next);
        if (std::find(identities.begin(), identities.end(), id) != identities.end()) {
            std::string cycle;
            for (const auto& f : tree.chain) cycle += f.filename().string() + " -> ";
            cycle += next.filename().string();
            throw Error(parent_pos, "extends: '" + parent + "' makes a cycle: " + cycle, "style-extends");
        }
        if (tree.chain.size() >= kMaxExtendsDepth)
            throw Error(parent_pos, "extends: more than " + std::to_string(kMaxExtendsDepth) + " styles deep",
                        "style-extends");
        file = next;
    }
    tree.root = std::move(files.back());
    for (std::size_t i = files.size() - 1; i-- > 0;) merge_into(tree.root, files[i]);
    return tree;
}

void apply_override(ConfigNode& root, const std::string& assignment) {
    const SourcePos where{"--set " + assignment, 0, 0};
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0)
        throw Error(where, "expected KEY=VALUE, such as page.size=Letter", "style-override");
    const std::string key = assignment.substr(0, eq);
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
        const auto dot = key.find('.', start);
        parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    for (const auto& part : parts)
        if (part.empty()) throw Error(where, "'" + key + "' is not a dotted key such as page.size", "style-override");
    if (parts.front() == "extends")
        throw Error(where, "extends cannot be set from the command line; pick the style with --style",
                    "style-override");

    ConfigNode value = config::parse_yaml(assignment.substr(eq + 1), where.file);
    if (value.kind == ConfigNode::Kind::null) throw Error(where, "no value after '='", "style-override");
    set_positions(value, where);

    ConfigNode* node = &root;
    std::string walked;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        walked += (i ? "." : "") + parts[i];
        const bool last = i + 1 == parts.size();
        auto it = std::find_if(node->entries.begin(), node->entries.end(),
                               [&](const auto& entry) { return entry.first == parts[i]; });
        if (it == node->entries.end()) {
            ConfigNode fresh;
            if (last) fresh = value;
            else {
                fresh.kind = ConfigNode::Kind::map;
                fresh.pos = where;
            }
            node->entries.emplace_back(parts[i], std::move(fresh));
            node->key_pos.push_back(where);
            node = &node->entries.back().second;
            continue;
        }
        node->key_pos[static_cast<std::size_t>(it - node->entries.begin())] = where;
        if (last) {
            it->second = value;
        } else {
            if (!it->second.is_map())
                throw Error(where, "'" + walked + "' holds a value, not a section with keys", "style-override");
            node = &it->second;
        }
    }
}

}  // namespace booklet::style

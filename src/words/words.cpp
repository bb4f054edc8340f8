#include "booklet/words.hpp"

#include "booklet/ascii.hpp"
#include "booklet/config.hpp"
#include "booklet/dates.hpp"

#include "embedded.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <mutex>

namespace booklet::words {
namespace {

// Entries that are one piece of text, in the order of the data files.
struct TextEntry {
    const char* name;
    std::string Words::*field;
    bool required = true;
};

const TextEntry kTextEntries[] = {
    {"name", &Words::name},
    {"contents", &Words::contents},
    {"sources", &Words::sources},
    {"sources_intro", &Words::sources_intro},
    {"page_ref", &Words::page_ref},
    {"built_on", &Words::built_on},
    {"license", &Words::license},
    {"made_with", &Words::made_with},
    {"set_in", &Words::set_in},
    {"and", &Words::and_word},
    {"cover", &Words::cover},
    {"title_page", &Words::title_page},
    {"start", &Words::start},
    {"landmarks", &Words::landmarks},
    {"task_done", &Words::task_done},
    {"task_open", &Words::task_open},
    {"image", &Words::image},
    {"cited_for", &Words::cited_for},
    {"in_this_book", &Words::in_this_book},
    {"accessed", &Words::accessed},
    {"back_to_text", &Words::back_to_text},
    {"chapter", &Words::chapter},
    {"untitled", &Words::untitled},
    {"embedded_page", &Words::embedded_page},
    {"video", &Words::video},
    {"audio", &Words::audio},
    {"form", &Words::form},
    {"accessibility_summary", &Words::accessibility_summary},
    {"accessibility_summary_all_alt", &Words::accessibility_summary_all_alt},
    {"accessibility_summary_some_alt", &Words::accessibility_summary_some_alt},
    {"apostrophe", &Words::apostrophe},
    {"date", &Words::date_pattern},
    {"first_day", &Words::first_day, false},
};

// Entries with a shape of their own.
constexpr const char* kQuotes = "quotes";          // 4 marks, or 5 with the space set inside them
constexpr const char* kMonths = "months";          // 12 names
constexpr const char* kPunctuation = "space_before_punctuation";  // yes / no
constexpr const char* kAliases = "aliases";        // other tags that use this table (data files only)

const detail::EmbeddedTable* find_file(std::string_view tag) {
    for (std::size_t i = 0; i < detail::kTableCount; ++i)
        if (detail::kTables[i].language == tag) return &detail::kTables[i];
    return nullptr;
}

std::string file_name(const detail::EmbeddedTable& t) { return "words/" + std::string(t.language) + ".yaml"; }

config::ConfigNode parse(const detail::EmbeddedTable& t) { return config::parse_yaml(t.yaml, file_name(t)); }

// The table for a tag: the whole tag ("pt-br"), its primary language ("pt"),
// then a table that lists either as an alias.
const detail::EmbeddedTable* table_for(std::string_view bcp47) {
    std::string tag = ascii_lower(bcp47);
    std::replace(tag.begin(), tag.end(), '_', '-');
    const std::string primary = tag.substr(0, tag.find('-'));
    if (const auto* t = find_file(tag)) return t;
    if (const auto* t = find_file(primary)) return t;
    if (primary.empty()) return nullptr;
    for (std::size_t i = 0; i < detail::kTableCount; ++i) {
        const config::ConfigNode root = parse(detail::kTables[i]);
        if (const config::ConfigNode* aliases = root.find(kAliases); aliases && aliases->is_sequence())
            for (const auto& a : aliases->items)
                if (a.is_scalar() && (ascii_lower(a.scalar) == tag || ascii_lower(a.scalar) == primary))
                    return &detail::kTables[i];
    }
    return nullptr;
}

std::vector<std::string> values_of(const config::ConfigNode& node, const std::string& key) {
    if (node.is_scalar()) return {node.scalar};
    if (!node.is_sequence()) throw Error(node.pos, "'" + key + "' must be text or a list of texts");
    std::vector<std::string> out;
    for (const auto& item : node.items) out.push_back(item.as_string(key));
    return out;
}

void apply(Words& w, const std::string& key, const std::vector<std::string>& v) {
    for (const TextEntry& e : kTextEntries)
        if (key == e.name) {
            w.*e.field = v.front();
            return;
        }
    if (key == kQuotes) {
        w.quotes = Quotes{v[0], v[1], v[2], v[3], v.size() > 4 ? v[4] : std::string()};
    } else if (key == kMonths) {
        std::copy(v.begin(), v.end(), w.months.begin());
    } else if (key == kPunctuation) {
        w.space_before_punctuation = v.front() == "yes" || v.front() == "true";
    }
}

// Reads one data file completely; every entry but the optional ones must be there.
Words load(const detail::EmbeddedTable& table) {
    const config::ConfigNode root = parse(table);
    if (!root.is_map()) throw Error({file_name(table), 1, 1}, "a words file must be a map of entries");
    Words w;
    w.language = std::string(table.language);
    for (std::size_t i = 0; i < root.entries.size(); ++i) {
        const auto& [key, node] = root.entries[i];
        if (key == kAliases) continue;
        const std::vector<std::string> v = values_of(node, key);
        if (const std::string why = check_entry(key, v); !why.empty()) throw Error(root.key_pos[i], why);
        apply(w, key, v);
    }
    for (const TextEntry& e : kTextEntries)
        if (e.required && !root.find(e.name)) throw Error({file_name(table), 1, 1}, std::string("entry '") + e.name + "' is missing");
    for (const char* key : {kQuotes, kMonths})
        if (!root.find(key)) throw Error({file_name(table), 1, 1}, std::string("entry '") + key + "' is missing");
    return w;
}

// A table's words as its file gives them, parsed once per process: the table is
// compiled in and never changes, and a build asks for a language's words five
// times (the model, cite twice, layout, the EPUB), each a YAML parse (2 ms of the
// seed's 30). Entries are never removed, so a reference stays good.
const Words& parsed(const detail::EmbeddedTable& table) {
    static std::mutex mutex;
    static std::map<const detail::EmbeddedTable*, Words> by_table;
    const std::lock_guard lock(mutex);
    auto it = by_table.find(&table);
    if (it == by_table.end()) it = by_table.emplace(&table, load(table)).first;
    return it->second;
}

}  // namespace

const std::vector<std::string>& entry_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const TextEntry& e : kTextEntries) n.emplace_back(e.name);
        n.emplace_back(kQuotes);
        n.emplace_back(kPunctuation);
        n.emplace_back(kMonths);
        return n;
    }();
    return names;
}

std::string check_entry(const std::string& key, const std::vector<std::string>& values) {
    const auto& names = entry_names();
    if (std::find(names.begin(), names.end(), key) == names.end()) return "unknown entry '" + key + "'";
    if (key == kQuotes) {
        if (values.size() != 4 && values.size() != 5)
            return "'quotes' needs 4 marks (open, close, inner open, inner close), and optionally the space set inside them";
        return {};
    }
    if (key == kMonths) return values.size() == 12 ? std::string() : "'months' needs 12 names";
    if (values.size() != 1) return "'" + key + "' must be one text";
    if (key == kPunctuation && values.front() != "yes" && values.front() != "no" && values.front() != "true" &&
        values.front() != "false")
        return "'" + key + "' must be yes or no";
    const auto needs = [&](const char* entry, const char* placeholder) {
        return key == entry && values.front().find(placeholder) == std::string::npos;
    };
    if (needs("date", "{day}") || needs("date", "{month}") || needs("date", "{year}"))
        return "'date' must contain {day}, {month} and {year}";
    if (needs("page_ref", "{page}")) return "'page_ref' must contain {page}";
    if (needs("chapter", "{number}")) return "'chapter' must contain {number}";
    if (key != "first_day" && values.front().empty()) return "'" + key + "' must not be empty";
    return {};
}

bool is_text_entry(std::string_view key) {
    for (const char* k : {"quotes", "apostrophe", "space_before_punctuation", "embedded_page", "video", "audio", "form"})
        if (key == k) return true;
    return false;
}

Entries read_labels(const config::ConfigNode& map, LabelsOf owner) {
    if (!map.is_map()) throw Error(map.pos, "'labels' must be a map of entry: text lines", "labels");
    Entries out;
    for (std::size_t i = 0; i < map.entries.size(); ++i) {
        const auto& [key, node] = map.entries[i];
        const std::vector<std::string> v = values_of(node, key);
        if (std::string why = check_entry(key, v); !why.empty()) {
            if (why.rfind("unknown entry", 0) == 0) {
                std::string list;
                for (const std::string& n : entry_names()) list += (list.empty() ? "" : ", ") + n;
                why += " (entries: " + list + ")";
            }
            throw Error(map.key_pos[i], why, "labels");
        }
        if (owner == LabelsOf::style && is_text_entry(key))
            throw Error(map.key_pos[i], "'" + key + "' shapes the text itself and is set in the manifest's labels, not a style's",
                        "labels");
        out[key] = v;
    }
    return out;
}

bool has_table(std::string_view bcp47) { return table_for(bcp47) != nullptr; }

std::vector<std::string> languages() {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < detail::kTableCount; ++i) out.emplace_back(detail::kTables[i].language);
    std::sort(out.begin(), out.end());
    return out;
}

Words for_language(std::string_view bcp47, const std::vector<const Entries*>& overrides, Diagnostics* diags) {
    const detail::EmbeddedTable* table = table_for(bcp47);
    if (!table) {
        if (diags)
            diags->warning({}, "words-language",
                           "no words for language '" + std::string(bcp47) +
                               "' (words/ has " + std::to_string(detail::kTableCount) +
                               " languages); the book's own words are English");
        table = find_file("en");
    }
    Words w = parsed(*table);
    for (const Entries* entries : overrides) {
        if (!entries) continue;
        for (const auto& [key, values] : *entries)
            if (check_entry(key, values).empty()) apply(w, key, values);
    }
    return w;
}

std::string fill(std::string_view pattern, std::string_view name, std::string_view value) {
    const std::string placeholder = "{" + std::string(name) + "}";
    std::string out;
    std::size_t at = 0;
    while (at < pattern.size()) {
        const std::size_t hit = pattern.find(placeholder, at);
        if (hit == std::string_view::npos) break;
        out.append(pattern.substr(at, hit - at));
        out.append(value);
        at = hit + placeholder.size();
    }
    out.append(pattern.substr(std::min(at, pattern.size())));
    return out;
}

std::string format_date(std::int64_t seconds, const Words& words) {
    const CivilTime c = civil_from_epoch(seconds);
    const std::string day = c.day == 1 && !words.first_day.empty() ? words.first_day : std::to_string(c.day);
    // Month names never contain "{", so filling one placeholder cannot create another.
    std::string out = fill(words.date_pattern, "day", day);
    out = fill(out, "month", words.months[static_cast<std::size_t>(c.month - 1)]);
    return fill(out, "year", std::to_string(c.year));
}

bool right_to_left(std::string_view bcp47) {
    std::vector<std::string> parts;
    std::string part;
    for (char c : bcp47) {
        if (c == '-' || c == '_') {
            parts.push_back(part);
            part.clear();
        } else {
            part += ascii_lower(c);
        }
    }
    parts.push_back(part);
    for (std::size_t i = 1; i < parts.size() && parts[i].size() != 1; ++i)  // up to an extension
        if (parts[i].size() == 4)
            return parts[i] == "arab" || parts[i] == "hebr" || parts[i] == "syrc" || parts[i] == "thaa" ||
                   parts[i] == "nkoo" || parts[i] == "adlm" || parts[i] == "rohg";
    static const char* const kRightToLeft[] = {"ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr"};
    return std::any_of(std::begin(kRightToLeft), std::end(kRightToLeft), [&](const char* l) { return parts[0] == l; });
}

bool justified_only_at_spaces(std::string_view bcp47) {
    const std::string primary = ascii_lower(bcp47.substr(0, bcp47.find_first_of("-_")));
    static const char* const kUnspaced[] = {"th", "lo", "km", "my"};
    return std::any_of(std::begin(kUnspaced), std::end(kUnspaced), [&](const char* l) { return primary == l; });
}

}  // namespace booklet::words

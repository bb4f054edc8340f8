// The style schema: the merged YAML tree (style_tree.cpp) read into a Style.
// docs/STYLES.md documents every key read here; keep the two in step.

#include "booklet/style.hpp"
#include "booklet/words.hpp"

#include "booklet/ascii.hpp"
#include "booklet/files.hpp"

#include "font_lookup.hpp"
#include "style_tree.hpp"
#include "booklet/suggest.hpp"
#include "values.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <system_error>
#include <utility>

namespace booklet::style {
namespace {

constexpr int kMaxEpubImageSide = 20000;  // image::kMaxDimension

using config::ConfigNode;

std::string join_key(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string mm_text(Sp v) { return number_text(mm_from_sp(v), 1) + "mm"; }
std::string pt_text(Sp v) { return number_text(pt_from_sp(v), 2) + "pt"; }

// One mapping of the schema: checks its keys against the ones it knows and reads
// typed values, each error naming the dotted key and the file:line:col it came from.
class Section {
public:
    Section(const ConfigNode* node, std::string path, std::vector<std::string> keys)
        : node_(node), path_(std::move(path)), keys_(std::move(keys)) {
        if (!node_) return;
        if (!node_->is_map())
            throw Error(node_->pos,
                        (path_.empty() ? std::string("a style") : path_) + " must be a mapping of keys, not " +
                            (node_->is_scalar() ? "'" + node_->scalar + "'"
                             : node_->is_sequence() ? std::string("a list")
                                                   : std::string("nothing")),
                        "config-type");
        for (std::size_t i = 0; i < node_->entries.size(); ++i) {
            const std::string& key = node_->entries[i].first;
            if (std::find(keys_.begin(), keys_.end(), key) != keys_.end()) continue;
            throw Error(node_->key_pos[i],
                        "unknown key '" + key + "'" + (path_.empty() ? "" : " in " + path_) +
                            did_you_mean(key, keys_),
                        "style-key");
        }
    }

    const ConfigNode* get(std::string_view key) const { return node_ ? node_->find(key) : nullptr; }
    std::string key(std::string_view key) const { return join_key(path_, key); }
    const ConfigNode* node() const { return node_; }
    // Where the key itself is written: the place to point at when its value is empty.
    SourcePos key_pos_of(std::string_view key) const {
        if (node_)
            for (std::size_t i = 0; i < node_->entries.size(); ++i)
                if (node_->entries[i].first == key) return node_->key_pos[i];
        return pos_of(key);
    }
    SourcePos pos_of(std::string_view key) const {
        if (const auto* n = get(key)) return n->pos;
        return node_ ? node_->pos : SourcePos{};
    }

    Section sub(std::string_view name, std::vector<std::string> keys) const {
        return Section(get(name), key(name), std::move(keys));
    }

    bool read_bool(std::string_view name, bool& out) const {
        const auto* n = get(name);
        if (n) out = n->as_bool(key(name));
        return n != nullptr;
    }

    bool read_string(std::string_view name, std::string& out) const {
        const auto* n = get(name);
        if (n) out = n->as_string(key(name));
        return n != nullptr;
    }

    template <typename Int>
    bool read_int(std::string_view name, Int& out, long long lo, long long hi) const {
        const auto* n = get(name);
        if (!n) return false;
        const long long v = n->as_int(key(name));
        if (v < lo || v > hi)
            throw Error(n->pos,
                        key(name) + ": " + std::to_string(v) + " is out of range (" + std::to_string(lo) + " to " +
                            std::to_string(hi) + ")",
                        "style-value");
        out = static_cast<Int>(v);
        return true;
    }

    bool read_ratio(std::string_view name, double& out, double lo, double hi) const {
        const auto* n = get(name);
        if (!n) return false;
        const double v = n->as_number(key(name));
        if (v < lo || v > hi)
            throw Error(n->pos, key(name) + ": " + n->scalar + " is out of range (" + number_text(lo, 3) + " to " +
                                    number_text(hi, 3) + ")",
                        "style-value");
        out = v;
        return true;
    }

    // A length; em is relative to `em`. Negative lengths are refused.
    bool read_length(std::string_view name, Sp& out, Sp em) const {
        const auto* n = get(name);
        if (!n) return false;
        const Length length = style::read_length(*n, key(name));
        if (length.value < 0) throw Error(n->pos, key(name) + ": must not be negative", "style-value");
        out = length_to_sp(length, em);
        return true;
    }

    bool read_color(std::string_view name, Color& out) const {
        const auto* n = get(name);
        if (!n) return false;
        // `color: #123456` is a comment to YAML: the value is empty and its position
        // is past the line, so the error points at the key instead.
        ConfigNode at_key;
        const ConfigNode* value = n;
        if (n->kind == ConfigNode::Kind::null) {
            at_key.pos = key_pos_of(name);
            value = &at_key;
        }
        out = style::read_color(*value, key(name));
        return true;
    }

    template <typename Enum>
    bool read_enum(std::string_view name, Enum& out,
                   const std::vector<std::pair<std::string, Enum>>& choices) const {
        const auto* n = get(name);
        if (!n) return false;
        const std::string text = n->as_string(key(name));
        std::vector<std::string> names;
        for (const auto& [choice, value] : choices) {
            if (choice == text) {
                out = value;
                return true;
            }
            names.push_back(choice);
        }
        std::string list;
        for (const auto& c : names) list += (list.empty() ? "" : ", ") + c;
        throw Error(n->pos,
                    key(name) + ": '" + text + "' is not one of " + list + did_you_mean(text, names),
                    "style-value");
    }

private:
    const ConfigNode* node_;
    std::string path_;
    std::vector<std::string> keys_;
};

const std::vector<std::string> kTextStyleKeys = {"font",   "bold",        "italic", "size",   "leading",
                                                 "indent", "space_before", "space_after", "align",
                                                 "hyphenate", "color",    "uppercase"};

std::vector<std::string> with(std::vector<std::string> keys, std::initializer_list<const char*> more) {
    for (const char* k : more) keys.emplace_back(k);
    return keys;
}

std::vector<std::string> without(std::vector<std::string> keys, std::initializer_list<const char*> less) {
    for (const char* k : less) keys.erase(std::remove(keys.begin(), keys.end(), k), keys.end());
    return keys;
}

const std::vector<std::pair<std::string, Align>> kAligns = {
    {"justify", Align::justify}, {"left", Align::left}, {"center", Align::center}, {"right", Align::right}};
const std::vector<std::pair<std::string, FontRole>> kRoles = {
    {"body", FontRole::body}, {"heading", FontRole::heading}, {"mono", FontRole::mono}};

// Reads the keys of a TextStyle present in `s` over `ts`. `size` in em is relative
// to `body_size` (0: em not allowed, for the body itself); every other em is
// relative to the block's own size. A block that sets its size but not its leading
// keeps the leading-to-size ratio it had, so proportions survive.
void read_text_style(const Section& s, TextStyle& ts, Sp body_size) {
    s.read_enum("font", ts.font, kRoles);
    s.read_bool("bold", ts.bold);
    s.read_bool("italic", ts.italic);
    s.read_bool("uppercase", ts.uppercase);
    s.read_bool("hyphenate", ts.hyphenate);
    s.read_enum("align", ts.align, kAligns);
    s.read_color("color", ts.color);

    const Sp old_size = ts.size;
    const Sp old_leading = ts.leading;
    if (const auto* n = s.get("size")) {
        const Length length = read_length(*n, s.key("size"));
        if (length.unit == LengthUnit::em && body_size == 0)
            throw Error(n->pos, s.key("size") + ": em is relative to the body size, so the body size itself "
                                                "needs an absolute unit such as 10pt",
                        "style-value");
        ts.size = length_to_sp(length, body_size);
        if (ts.size <= 0)
            throw Error(n->pos, s.key("size") + ": a font size must be positive, not '" + excerpt(n->scalar) + "'",
                        "style-value");
        // Below this no print or screen shows letters: text would be there and unreadable.
        if (ts.size < kMinFontSize)
            throw Error(n->pos, s.key("size") + ": " + pt_text(ts.size) + " is below the smallest readable size, " +
                                    pt_text(kMinFontSize), "style-value");
        if (ts.size > sp_from_pt(400))
            throw Error(n->pos, s.key("size") + ": " + pt_text(ts.size) + " is larger than any page can hold",
                        "style-value");
        if (!s.get("leading") && old_size > 0) ts.leading = scale_sp(old_leading, ts.size, old_size);
    }
    s.read_length("leading", ts.leading, ts.size);
    s.read_length("space_before", ts.space_before, ts.size);
    s.read_length("space_after", ts.space_after, ts.size);
    s.read_length("indent", ts.first_indent, ts.size);

    if (ts.leading * 2 < ts.size) {
        const SourcePos pos = s.get("leading") ? s.get("leading")->pos : s.pos_of("size");
        throw Error(pos,
                    (s.get("leading") ? s.key("leading") : s.key("size")) + ": leading " + pt_text(ts.leading) +
                        " is less than half the font size " + pt_text(ts.size) + "; lines would overprint",
                    "style-value");
    }
}

// A QR code's printed width: below 8mm a phone cannot scan it.
void read_qr_size(const Section& s, std::string_view name, Sp& out, Sp em) {
    if (s.read_length(name, out, em) && out < sp_from_mm(8))
        throw Error(s.pos_of(name), s.key(name) + ": " + mm_text(out) + " is too small for a phone to scan (at least 8mm)",
                    "style-value");
}

bool looks_like_font_file(const std::string& text) {
    if (text.find('/') != std::string::npos || text.find('\\') != std::string::npos) return true;
    const std::string lower = ascii_lower(text);
    for (const char* ext : {".ttf", ".ttc", ".otf"})
        if (lower.size() > 4 && lower.compare(lower.size() - 4, 4, ext) == 0) return true;
    return false;
}

class FontResolver {
public:
    explicit FontResolver(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}

    // A font file named in a style: absolute, or relative to the folder of the
    // file that names it, then to the data folder. Of a collection, its first face
    // (a family name picks another).
    FontFile file(const ConfigNode& node, const std::string& key) {
        const std::filesystem::path given(node.as_string(key));
        std::vector<std::filesystem::path> tried;
        if (given.is_absolute()) {
            tried.push_back(given);
        } else {
            tried.push_back(declaring_folder(node) / given);
            tried.push_back(data_dir_ / given);
        }
        std::error_code ec;
        for (const auto& candidate : tried) {
            if (!std::filesystem::exists(candidate, ec)) continue;
            if (auto problem = font_file_problem(candidate))
                throw Error(node.pos, key + ": " + candidate.string() + " is " + *problem, "style-font");
            // Contained by real path: the style's folder, the data folder, or the
            // system's font folders; a link elsewhere is refused by name.
            const std::filesystem::path real = files::real_path(candidate);
            if (!files::is_within_any(real, roots_for(declaring_folder(node))))
                throw Error(node.pos, key + ": font file '" + given.string() + "' leads to '" + real.string() +
                                          "', outside the style's folder, the data folder and the system's fonts; refused",
                            "path-outside");
            return {candidate.lexically_normal(), 0};
        }
        std::string message = key + ": font file not found: " + given.string() + " (looked in";
        for (std::size_t i = 0; i < tried.size(); ++i)
            message += (i ? " and " : " ") + tried[i].parent_path().lexically_normal().string();
        message += ")";
        // Suggest a near name among the fonts that are there.
        std::vector<std::string> near;
        for (const auto& candidate : tried)
            for (std::filesystem::directory_iterator it(candidate.parent_path(), ec), end; !ec && it != end;
                 it.increment(ec))
                near.push_back(it->path().filename().string());
        if (const auto m = closest_match(given.filename().string(), near); !m.empty())
            message += "; did you mean '" + (given.parent_path() / m).string() + "'?";
        throw Error(node.pos, message, "style-font");
    }

    FontFile system(const ConfigNode& node, const std::string& key, bool bold, bool italic) {
        const std::string family = node.as_string(key);
        const auto match = system_fonts_.find(family, bold, italic);
        if (match.file.empty()) throw Error(node.pos, key + ": " + match.problem, "style-font");
        return {match.file, match.face};
    }

private:
    // The real folders a font file named in a style declared in `folder` may lie
    // in, resolved once per folder: a style names some twenty font files, and each
    // real path asks the system once per component.
    const std::vector<std::filesystem::path>& roots_for(const std::filesystem::path& folder) {
        auto it = roots_.find(folder);
        if (it != roots_.end()) return it->second;
        std::vector<std::filesystem::path> roots{files::real_path(folder.empty() ? "." : folder),
                                                 files::real_path(data_dir_)};
        for (const char* system : {"/usr/share/fonts", "/usr/local/share/fonts"}) roots.push_back(files::real_path(system));
        return roots_.emplace(folder, std::move(roots)).first->second;
    }

    static std::filesystem::path declaring_folder(const ConfigNode& node) {
        // --set values have no file: they are relative to the working folder.
        if (node.pos.file.rfind("--set", 0) == 0) return {};
        return std::filesystem::path(node.pos.file).parent_path();
    }

    std::filesystem::path data_dir_;
    std::map<std::filesystem::path, std::vector<std::filesystem::path>> roots_;  // roots_for's
    SystemFonts system_fonts_;
};

// A role is either a system family name ("DejaVu Serif", found with fontconfig)
// or a mapping of bundled files {family, regular, italic, bold, bold_italic}.
bool read_font_family(const Section& fonts, std::string_view role, FontFamily& out, FontResolver& resolver) {
    const auto* node = fonts.get(role);
    if (!node) return false;
    const std::string key = fonts.key(role);
    if (node->is_scalar()) {
        out.name = node->scalar;
        out.regular = resolver.system(*node, key, false, false);
        out.italic = resolver.system(*node, key, false, true);
        out.bold = resolver.system(*node, key, true, false);
        out.bold_italic = resolver.system(*node, key, true, true);
        return true;
    }
    const Section s(node, key, {"family", "regular", "italic", "bold", "bold_italic"});
    if (!s.read_string("family", out.name) || out.name.empty())
        throw Error(node->pos, key + ": 'family' is missing (the name used in the EPUB's CSS and in messages)",
                    "style-font");
    const auto* regular = s.get("regular");
    if (!regular)
        throw Error(node->pos, key + ": 'regular' is missing: the font file of the upright face", "style-font");
    // A face left out repeats the nearest one given.
    auto face = [&](std::string_view name, const FontFile& otherwise) {
        const auto* n = s.get(name);
        return n ? resolver.file(*n, s.key(name)) : otherwise;
    };
    out.regular = resolver.file(*regular, s.key("regular"));
    out.italic = face("italic", out.regular);
    out.bold = face("bold", out.regular);
    out.bold_italic = face("bold_italic", out.bold);
    return true;
}

void read_fonts(const Section& root, Style& style, FontResolver& resolver) {
    const Section fonts = root.sub("fonts", {"body", "heading", "mono", "fallbacks", "color_emoji", "system_fallback",
                                                   "missing_glyphs"});
    if (!read_font_family(fonts, "body", style.fonts.body, resolver))
        throw Error(fonts.node() ? fonts.node()->pos : root.node()->pos,
                    "fonts.body: no body font; name a system family or font files (docs/STYLES.md), or start "
                    "the style with 'extends: booklet'",
                    "style-font");
    if (!read_font_family(fonts, "heading", style.fonts.heading, resolver)) style.fonts.heading = style.fonts.body;
    if (!read_font_family(fonts, "mono", style.fonts.mono, resolver)) style.fonts.mono = style.fonts.body;
    fonts.read_bool("color_emoji", style.fonts.color_emoji);
    fonts.read_bool("system_fallback", style.fonts.system_fallback);
    fonts.read_enum("missing_glyphs", style.fonts.missing_glyphs,
                    {{"warn", MissingGlyphs::warn}, {"error", MissingGlyphs::error}});
    if (const auto* list = fonts.get("fallbacks")) {
        const std::string key = fonts.key("fallbacks");
        if (!list->is_sequence())
            throw Error(list->pos, key + ": expected a list of font files or family names", "config-type");
        if (list->items.size() > Fonts::kMaxFallbacks)
            throw Error(list->pos,
                        key + ": " + std::to_string(list->items.size()) + " fonts; at most " +
                            std::to_string(Fonts::kMaxFallbacks) + " fallbacks are tried after a face",
                        "style-font");
        for (std::size_t i = 0; i < list->items.size(); ++i) {
            const auto& item = list->items[i];
            const std::string item_key = key + "[" + std::to_string(i) + "]";
            const std::string text = item.as_string(item_key);
            style.fonts.fallbacks.push_back(looks_like_font_file(text) ? resolver.file(item, item_key)
                                                                       : resolver.system(item, item_key, false, false));
        }
    }
}

// Where the page's geometry was written, for errors found when checking it.
struct PagePositions {
    SourcePos inner, outer, top, bottom, columns;
};

PagePositions read_page(const Section& root, Style& style, Sp em) {
    PageStyle& page = style.page;
    const Section s = root.sub("page", {"size", "margins", "two_sided", "columns", "column_gap"});
    if (const auto* n = s.get("size")) {
        const PageSize size = read_page_size(*n, s.key("size"));
        page.size_name = size.name;
        page.width = size.width;
        page.height = size.height;
    }
    s.read_bool("two_sided", page.two_sided);
    s.read_int("columns", page.columns, 1, 6);
    s.read_length("column_gap", page.column_gap, em);

    PagePositions where;
    where.inner = where.outer = where.top = where.bottom = s.pos_of("size");
    where.columns = s.get("columns") ? s.pos_of("columns") : where.inner;
    if (const auto* n = s.get("margins")) {
        if (n->is_scalar()) {  // one length for all four sides
            Sp all = 0;
            s.read_length("margins", all, em);
            page.margin_inner = page.margin_outer = page.margin_top = page.margin_bottom = all;
            where.inner = where.outer = where.top = where.bottom = n->pos;
        } else {
            const Section m = s.sub("margins", {"inner", "outer", "top", "bottom"});
            if (m.read_length("inner", page.margin_inner, em)) where.inner = m.pos_of("inner");
            if (m.read_length("outer", page.margin_outer, em)) where.outer = m.pos_of("outer");
            if (m.read_length("top", page.margin_top, em)) where.top = m.pos_of("top");
            if (m.read_length("bottom", page.margin_bottom, em)) where.bottom = m.pos_of("bottom");
        }
    }
    return where;
}

// Impossible geometry is caught here, where file and line are still known, rather
// than as an overfull page much later.
void check_page(const Style& style, const PagePositions& where) {
    const PageStyle& page = style.page;
    const std::string page_name = "the " + page.size_name + " page";
    // Two margins that leave nothing of the page between them, blamed on the larger.
    struct Margin {
        const char* name;
        Sp size;
        const SourcePos& pos;
    };
    const auto check_room = [&](Sp extent, const char* dimension, const Margin& a, const Margin& b) {
        if (extent - a.size - b.size > 0) return;
        throw Error(a.size >= b.size ? a.pos : b.pos,
                    std::string("page.margins: ") + a.name + " " + mm_text(a.size) + " + " + b.name + " " +
                        mm_text(b.size) + " are " + dimension + " than " + page_name + " (" + mm_text(extent) + ")",
                    "style-value");
    };
    check_room(page.width, "wider", {"inner", page.margin_inner, where.inner}, {"outer", page.margin_outer, where.outer});
    check_room(page.height, "taller", {"top", page.margin_top, where.top}, {"bottom", page.margin_bottom, where.bottom});
    const Sp text_width = page.width - page.margin_inner - page.margin_outer;
    const Sp text_height = page.height - page.margin_top - page.margin_bottom;
    // Fewer than three lines per page, or columns under 8 em (about 16 characters),
    // cannot be set; both are typing mistakes rather than designs.
    if (text_height < 3 * style.body.leading)
        throw Error(where.top,
                    "page.margins: the text area of " + page_name + " is " + mm_text(text_height) +
                        " high, room for fewer than 3 lines of " + pt_text(style.body.leading),
                    "style-value");
    const int columns = page.columns;
    const Sp column_width = (text_width - (columns - 1) * page.column_gap) / columns;
    if (column_width < 8 * style.body.size) {
        throw Error(columns > 1 ? where.columns : where.inner,
                    (columns > 1 ? "page.columns: " + std::to_string(columns) + " columns of "
                                 : std::string("page.margins: a text column of ")) +
                        mm_text(column_width) + " are too narrow for " + pt_text(style.body.size) +
                        " text (at least 8em = " + mm_text(8 * style.body.size) + ")",
                    "style-value");
    }
}

void read_running_line(const Section& root, std::string_view name, RunningLine& line, Sp em) {
    const Section s = root.sub(name, {"left", "center", "right", "on_chapter_openings", "gap"});
    s.read_bool("on_chapter_openings", line.on_chapter_openings);
    s.read_length("gap", line.gap, em);
    const std::vector<std::string> placeholders = {"title", "chapter", "page", "date"};
    using Field = std::pair<const char*, std::string*>;
    for (auto [key, field] : std::initializer_list<Field>{{"left", &line.left}, {"center", &line.center},
                                                          {"right", &line.right}}) {
        if (!s.read_string(key, *field)) continue;
        const std::string& text = *field;
        for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
            const auto close = text.find('}', open);
            const std::string placeholder =
                text.substr(open + 1, close == std::string::npos ? std::string::npos : close - open - 1);
            if (close == std::string::npos ||
                std::find(placeholders.begin(), placeholders.end(), placeholder) == placeholders.end())
                throw Error(s.pos_of(key),
                            s.key(key) + ": unknown placeholder '{" + placeholder +
                                (close == std::string::npos ? "" : "}") +
                                "' (use {title}, {chapter}, {page} or {date})" +
                                did_you_mean(placeholder, placeholders),
                            "style-value");
        }
    }
}

// The smallest common sheet that holds two pages side by side; an exact custom
// sheet when no standard one does.
void read_imposition(const Section& root, Style& style, Sp em) {
    Imposition& imp = style.imposition;
    const Section s = root.sub("imposition", {"sheet", "crop_marks", "bleed", "scheme", "max_sheets",
                                              "signature_sheets", "paper_thickness"});
    s.read_bool("crop_marks", imp.crop_marks);
    s.read_length("bleed", imp.bleed, em);
    s.read_enum("scheme", imp.scheme,
                {{"booklet", ImposeScheme::booklet}, {"cut_stack", ImposeScheme::cut_stack},
                 {"trifold", ImposeScheme::trifold}});
    // A stapler reaches through about 25 sheets of office paper; beyond that no
    // booklet folds flat, so the limits stop there.
    s.read_int("max_sheets", imp.max_sheets, 1, 25);
    s.read_int("signature_sheets", imp.signature_sheets, 1, 25);
    if (s.read_length("paper_thickness", imp.paper_thickness, em) && imp.paper_thickness > sp_from_mm(1))
        throw Error(s.pos_of("paper_thickness"),
                    s.key("paper_thickness") + ": " + mm_text(imp.paper_thickness) +
                        " is thicker than any paper that folds (at most 1mm; office paper is about 0.1mm)",
                    "style-value");
    // A trifold leaflet puts three pages side by side, the other schemes two.
    const int across = imp.scheme == ImposeScheme::trifold ? 3 : 2;
    const Sp need_w = across * style.page.width, need_h = style.page.height;
    const auto* n = s.get("sheet");
    const bool automatic = !n || (n->is_scalar() && n->scalar == "auto");
    if (automatic) {
        struct Sheet {
            const char* name;
            double w_mm, h_mm;  // landscape
        };
        // Copy-shop sheets, smallest first.
        constexpr Sheet kSheets[] = {{"A5", 210, 148},      {"Letter", 279.4, 215.9}, {"A4", 297, 210},
                                     {"Tabloid", 431.8, 279.4}, {"A3", 420, 297},     {"A2", 594, 420}};
        const Sheet* best = nullptr;
        for (const auto& sheet : kSheets) {
            // Three 99mm panels are an A4 sheet, whatever the rounding of each.
            const Sp slack = sp_from_mm(0.05);
            if (sp_from_mm(sheet.w_mm) + slack < need_w || sp_from_mm(sheet.h_mm) + slack < need_h) continue;
            if (!best || sheet.w_mm * sheet.h_mm < best->w_mm * best->h_mm) best = &sheet;
        }
        if (best) {
            imp.sheet = best->name;
            imp.sheet_width = sp_from_mm(best->w_mm);
            imp.sheet_height = sp_from_mm(best->h_mm);
        } else {
            imp.sheet = mm_text(need_w) + " x " + mm_text(need_h);
            imp.sheet_width = need_w;
            imp.sheet_height = need_h;
        }
        return;
    }
    const PageSize sheet = read_page_size(*n, s.key("sheet"));
    imp.sheet = sheet.name;
    imp.sheet_width = std::max(sheet.width, sheet.height);  // always landscape
    imp.sheet_height = std::min(sheet.width, sheet.height);
    if (imp.sheet_width < need_w || imp.sheet_height < need_h)
        throw Error(n->pos,
                    s.key("sheet") + ": " + (across == 3 ? "three " : "two ") + style.page.size_name +
                        " pages side by side (" + mm_text(need_w) +
                        " x " + mm_text(need_h) + ") do not fit on " + sheet.name + " (" +
                        mm_text(imp.sheet_width) + " x " + mm_text(imp.sheet_height) +
                        " landscape); use a larger sheet or 'auto'",
                    "style-value");
}

Style read_style(const ConfigNode& tree, const std::filesystem::path& data_dir) {
    Style style;
    const Section root(&tree, "",
                       {"description", "page", "fonts", "body", "headings", "chapters", "code", "quote",
                        "attribution", "caption", "table", "footnotes", "running", "header", "footer", "lists",
                        "title_page", "contents", "back_cover", "colors", "links", "home_qr", "build_date",
                        "imposition", "fit", "images", "epub", "pdf", "labels"});
    root.read_string("description", style.description);

    FontResolver resolver(data_dir);
    read_fonts(root, style, resolver);

    // Body first: its size is the em of page lengths and the base of relative sizes.
    {
        TextStyle& body = style.body;
        const Section s = root.sub("body", with(without(kTextStyleKeys, {"space_before", "space_after"}),
                                                {"paragraph_spacing", "indent_after_heading", "widows", "orphans",
                                                 "font_expansion"}));
        read_text_style(s, body, 0);
        s.read_length("paragraph_spacing", style.paragraph_spacing, body.size);
        s.read_bool("indent_after_heading", style.indent_after_heading);
        s.read_int("widows", style.widows, 1, 5);
        s.read_int("orphans", style.orphans, 1, 5);
        s.read_ratio("font_expansion", style.font_expansion, 0, 0.05);
        body.space_before = body.space_after = 0;
    }
    const Sp em = style.body.size;
    const TextStyle& body = style.body;

    // Blocks a style does not mention look like the body, without its first-line indent.
    TextStyle plain = body;
    plain.first_indent = 0;
    TextStyle heading_base = plain;
    heading_base.font = FontRole::heading;
    heading_base.bold = true;
    heading_base.align = Align::left;
    heading_base.hyphenate = false;
    TextStyle code_base = plain;
    code_base.font = FontRole::mono;
    code_base.align = Align::left;
    code_base.hyphenate = false;

    {
        const Section headings = root.sub("headings", {"h1", "h2", "h3", "h4", "h5", "h6"});
        for (int level = 1; level <= 6; ++level) {
            auto& h = style.headings[static_cast<std::size_t>(level - 1)];
            h = heading_base;
            read_text_style(headings.sub("h" + std::to_string(level), kTextStyleKeys), h, em);
        }
    }
    {
        // Styles written before chapters.opening used two booleans.
        if (const auto* chapters = root.get("chapters"); chapters && chapters->is_map())
            for (std::size_t i = 0; i < chapters->entries.size(); ++i)
                if (chapters->entries[i].first == "new_page" || chapters->entries[i].first == "recto")
                    throw Error(chapters->key_pos[i],
                                "chapters." + chapters->entries[i].first +
                                    ": chapters open as chapters.opening says: new_page, recto or run_on",
                                "style-key");
        const Section s =
            root.sub("chapters", {"opening", "recto_min_pages", "spill_lines", "space_shrink", "run_on_fill", "sink",
                                  "title"});
        ChapterRules& rules = style.chapters;
        s.read_enum("opening", rules.opening,
                    {{"new_page", ChapterOpening::new_page}, {"recto", ChapterOpening::recto},
                     {"run_on", ChapterOpening::run_on}});
        s.read_int("recto_min_pages", rules.recto_min_pages, 0, 999);
        s.read_int("spill_lines", rules.spill_lines, 0, 10);
        // Beyond a half the gaps around headings and figures no longer read as gaps.
        s.read_ratio("space_shrink", rules.space_shrink, 0, 0.5);
        s.read_ratio("run_on_fill", rules.run_on_fill, 0, 1);
        s.read_length("sink", rules.sink, em);
        style.chapter_title = style.headings[0];
        read_text_style(s.sub("title", kTextStyleKeys), style.chapter_title, em);
    }
    style.code = code_base;
    read_text_style(root.sub("code", kTextStyleKeys), style.code, em);
    style.quote = plain;
    {
        const Section s = root.sub("quote", with(kTextStyleKeys, {"inset"}));
        read_text_style(s, style.quote, em);
        s.read_length("inset", style.quote_indent, style.quote.size);
    }
    using Block = std::pair<const char*, TextStyle*>;
    for (auto [name, block] : std::initializer_list<Block>{{"attribution", &style.attribution},
                                                           {"caption", &style.caption},
                                                           {"table", &style.table},
                                                           {"running", &style.running}}) {
        *block = plain;
        read_text_style(root.sub(name, kTextStyleKeys), *block, em);
    }
    style.footnote = plain;
    {
        const Section s = root.sub("footnotes", with(kTextStyleKeys, {"rule_length", "rule_thickness", "gap"}));
        read_text_style(s, style.footnote, em);
        s.read_length("rule_length", style.footnote_area.rule_length, style.footnote.size);
        s.read_length("rule_thickness", style.footnote_area.rule_thickness, style.footnote.size);
        s.read_length("gap", style.footnote_area.gap, style.footnote.size);
    }
    root.sub("lists", {"indent"}).read_length("indent", style.list_indent, em);

    read_running_line(root, "header", style.header, style.running.size);
    read_running_line(root, "footer", style.footer, style.running.size);

    {
        const Section s = root.sub("title_page", {"enabled", "imprint", "title", "subtitle", "meta"});
        s.read_bool("enabled", style.title_page);
        s.read_bool("imprint", style.imprint);
        style.title_page_title = style.title_page_subtitle = heading_base;
        style.title_page_meta = plain;
        read_text_style(s.sub("title", kTextStyleKeys), style.title_page_title, em);
        read_text_style(s.sub("subtitle", kTextStyleKeys), style.title_page_subtitle, em);
        read_text_style(s.sub("meta", kTextStyleKeys), style.title_page_meta, em);
    }
    {
        const Section s = root.sub("contents", {"enabled", "depth", "numbers", "entry"});
        s.read_bool("enabled", style.table_of_contents);
        if (const auto* depth = s.get("depth"); depth && depth->is_scalar() && depth->scalar == "auto")
            style.toc_depth = 0;
        else
            s.read_int("depth", style.toc_depth, 1, 6);
        s.read_enum("numbers", style.toc_numbers,
                    {{"leaders", TocNumbers::leaders}, {"tab", TocNumbers::tab}, {"after", TocNumbers::after}});
        style.toc_entry = plain;
        read_text_style(s.sub("entry", kTextStyleKeys), style.toc_entry, em);
    }
    {
        const Section s = root.sub("back_cover", {"enabled", "colophon", "pad_to"});
        s.read_bool("enabled", style.back_cover.enabled);
        s.read_bool("colophon", style.back_cover.colophon);
        s.read_int("pad_to", style.back_cover.pad_to, 1, 64);
    }
    {
        const Section s = root.sub("colors", {"link", "rule"});
        s.read_color("link", style.link_color);
        s.read_color("rule", style.rule_color);
    }
    {
        LinkPolicy& links = style.links;
        const Section s = root.sub("links", {"footnote_urls", "numbering", "sources_list", "sources_accessed",
                                             "page_references", "qr_codes", "qr_min_length", "qr_only", "qr_size"});
        s.read_bool("footnote_urls", links.footnote_urls);
        s.read_enum("numbering", links.numbering,
                    {{"per_chapter", NoteNumbering::per_chapter}, {"per_page", NoteNumbering::per_page},
                     {"per_book", NoteNumbering::per_book}});
        s.read_bool("sources_list", links.sources_list);
        s.read_bool("sources_accessed", links.sources_accessed);
        s.read_bool("page_references", links.page_references);
        s.read_bool("qr_codes", links.qr_codes);
        s.read_int("qr_min_length", links.qr_min_length, 0, 4096);
        if (const auto* list = s.get("qr_only")) {
            if (!list->is_sequence())
                throw Error(list->pos, s.key("qr_only") + ": expected a list of URL beginnings", "config-type");
            links.qr_only.clear();
            for (std::size_t i = 0; i < list->items.size(); ++i)
                links.qr_only.push_back(list->items[i].as_string(s.key("qr_only") + "[" + std::to_string(i) + "]"));
        }
        read_qr_size(s, "qr_size", links.qr_size, em);
    }
    {
        const Section s = root.sub("home_qr", {"place", "size"});
        s.read_enum("place", style.home_qr.place,
                    {{"back_page", HomeQrPlace::back_page}, {"cover", HomeQrPlace::cover},
                     {"none", HomeQrPlace::none}});
        read_qr_size(s, "size", style.home_qr.size, em);
    }
    root.read_bool("build_date", style.build_date);
    {
        const Section s = root.sub("fit", {"max_pages", "min_size_ratio", "min_leading_ratio", "save_sheets"});
        s.read_int("max_pages", style.fit.max_pages, 0, 9999);
        s.read_bool("save_sheets", style.fit.save_sheets);
        // Below 0.5 the text is no longer the style's text; above 1 fitting would grow it.
        s.read_ratio("min_size_ratio", style.fit.min_size_ratio, 0.5, 1.0);
        s.read_ratio("min_leading_ratio", style.fit.min_leading_ratio, 0.5, 1.0);
    }
    {
        // Below 72 ppi a picture is visibly blocky even on screen; above 2400 no
        // printer can tell the difference.
        const Section s = root.sub("images", {"max_ppi", "jpeg_quality", "min_shrink"});
        if (s.read_int("max_ppi", style.images.max_ppi, 0, 2400) && style.images.max_ppi != 0 &&
            style.images.max_ppi < 72)
            throw Error(s.pos_of("max_ppi"),
                        s.key("max_ppi") + ": " + std::to_string(style.images.max_ppi) +
                            " ppi would print pictures as visible blocks (at least 72, or 0 for no limit)",
                        "style-value");
        s.read_int("jpeg_quality", style.images.jpeg_quality, 0, 100);
        // Below one half a figure is a thumbnail of itself; floating it reads better.
        s.read_ratio("min_shrink", style.images.min_shrink, 0.5, 1.0);
    }
    {
        const Section s = root.sub("epub", {"embed_fonts", "image_max_side", "page_list"});
        s.read_bool("embed_fonts", style.epub.embed_fonts);
        s.read_bool("page_list", style.epub.page_list);
        // Below 320 pixels a picture is a thumbnail even on a phone.
        if (s.read_int("image_max_side", style.epub.image_max_side, 0, kMaxEpubImageSide) &&
            style.epub.image_max_side != 0 && style.epub.image_max_side < 320)
            throw Error(s.pos_of("image_max_side"),
                        s.key("image_max_side") + ": " + std::to_string(style.epub.image_max_side) +
                            " pixels would show pictures as thumbnails (at least 320, or 0 for no limit)",
                        "style-value");
    }
    root.sub("pdf", {"tagged"}).read_bool("tagged", style.pdf_tagged);
    if (const ConfigNode* labels = root.get("labels")) style.labels = words::read_labels(*labels, words::LabelsOf::style);

    check_page(style, read_page(root, style, em));
    read_imposition(root, style, em);
    return style;
}

// styles/ lives in the data folder, next to fonts/.
std::filesystem::path data_dir_of(const std::filesystem::path& styles_dir) {
    std::filesystem::path dir = styles_dir.lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();  // "styles/" -> "styles"
    // "." or ".." name no folder whose parent can be taken by spelling alone.
    if (dir.empty() || dir.filename() == "." || dir.filename() == "..")
        dir = std::filesystem::absolute(dir).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();
    return dir.parent_path();
}

}  // namespace

bool wants_qr_code(const LinkPolicy& links, std::string_view url) {
    if (!links.qr_codes || url.size() < links.qr_min_length) return false;
    if (links.qr_only.empty()) return true;
    return std::any_of(links.qr_only.begin(), links.qr_only.end(),
                       [&](const std::string& prefix) { return url.substr(0, prefix.size()) == prefix; });
}

Style load_style(const std::string& name_or_file, const std::filesystem::path& styles_dir,
                 const std::vector<std::string>& overrides) {
    StyleTree tree = load_style_tree(name_or_file, styles_dir);
    for (const auto& assignment : overrides) apply_override(tree.root, assignment);
    Style style = read_style(tree.root, data_dir_of(styles_dir));
    style.name = tree.name;
    style.file = tree.file;
    return style;
}

std::vector<std::pair<std::string, std::string>> list_styles(const std::filesystem::path& styles_dir) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& name : style_names(styles_dir)) {
        std::string description;
        try {
            const ConfigNode root = read_style_file(styles_dir / (name + ".yaml"));
            if (const auto* d = root.find("description")) description = d->as_string("description");
            if (description.empty()) description = "(no description)";
        } catch (const Error& e) {
            description = std::string("cannot be read: ") + e.what();
        }
        out.emplace_back(name, description);
    }
    return out;
}

}  // namespace booklet::style

#include "template.hpp"

#include "braces.hpp"
#include "template_js.hpp"
#include "booklet/ascii.hpp"
#include "booklet/model_walk.hpp"

#include <algorithm>
#include <optional>

namespace booklet::markdown {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f'; }
bool is_blank_text(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return is_space(c) || c == '\n'; });
}
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_name_char(char c) {
    return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.';
}
bool starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
    return at <= s.size() && ascii_iequal(s.substr(at, prefix.size()), prefix);
}

// How many `c` open `s`.
std::size_t run_of(std::string_view s, char c) {
    std::size_t n = 0;
    while (n < s.size() && s[n] == c) ++n;
    return n;
}

std::string shorten(std::string_view s, std::size_t max = 60) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == '\n' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
        if (out.size() >= max) return out + "…";
    }
    return out;
}

// Output lines with the page line each comes from.
class Emitter {
public:
    // `text` from page line `line`; with `follow`, each newline in it moves to the
    // next page line (copied text), else all of it belongs to `line` (made text).
    void put(std::string_view text, int line, bool follow) {
        while (!text.empty()) {
            if (!open_) {
                origin_ = line;
                open_ = true;
            }
            const std::size_t nl = text.find('\n');
            if (nl == std::string_view::npos) {
                out_.body.append(text);
                return;
            }
            out_.body.append(text.substr(0, nl + 1));
            out_.source_line.push_back(origin_);
            open_ = false;
            if (follow) ++line;
            text.remove_prefix(nl + 1);
        }
    }
    void put(char c, int line) { put(std::string_view(&c, 1), line, true); }
    bool at_line_start() const { return !open_; }
    TemplateBody finish(bool is_template) {
        if (open_) out_.source_line.push_back(origin_);
        out_.is_template = is_template;
        return std::move(out_);
    }

private:
    TemplateBody out_;
    int origin_ = 1;
    bool open_ = false;
};

// ---------------------------------------------------------------- components

struct Attribute {
    std::string name;
    enum class Kind { flag, string, expression } kind = Kind::flag;
    std::string value;       // string: as written (entities left); expression: the inside of {...}
    std::size_t offset = 0;  // expression: where its inside starts in the page
};

struct ComponentTag {
    std::string name;
    std::vector<Attribute> attributes;
    bool self_closing = false;
    std::size_t end = 0;     // just after '>'
};

// A component's start tag at in[lt] == '<' (it may span lines) that ends before
// `limit`, or nothing when it is not one; `stopped` is where reading stopped.
std::optional<ComponentTag> read_component_tag_before(std::string_view in, std::size_t lt, std::size_t limit,
                                                      std::size_t& stopped) {
    ComponentTag tag;
    std::size_t i = lt + 1;
    // `read_to`: how far the failed attempt looked (a '{' or quote that does not
    // close has been read to the limit).
    const auto not_a_tag = [&](std::size_t read_to) -> std::optional<ComponentTag> {
        stopped = std::min(read_to, limit);
        return std::nullopt;
    };
    while (i < limit && is_name_char(in[i])) ++i;
    tag.name = std::string(in.substr(lt + 1, i - lt - 1));
    while (i < limit) {
        while (i < limit && (is_space(in[i]) || in[i] == '\n')) ++i;
        if (i >= limit) return not_a_tag(limit);
        const char c = in[i];
        if (c == '>') {
            tag.end = stopped = i + 1;
            return tag;
        }
        if (c == '/' && i + 1 < limit && in[i + 1] == '>') {
            tag.self_closing = true;
            tag.end = stopped = i + 2;
            return tag;
        }
        if (c == '<') return not_a_tag(i);
        Attribute a;
        if (c == '{') {  // {...spread} or {shorthand}
            const std::size_t close = brace_end(in, i, limit - i);
            if (close == std::string_view::npos) return not_a_tag(limit);
            a.kind = Attribute::Kind::expression;
            a.value = std::string(in.substr(i + 1, close - i - 1));
            a.offset = i + 1;
            tag.attributes.push_back(std::move(a));
            i = close + 1;
            continue;
        }
        const std::size_t name_start = i;
        while (i < limit && !is_space(in[i]) && in[i] != '\n' && in[i] != '=' && in[i] != '>' && in[i] != '{' &&
               !(in[i] == '/' && i + 1 < limit && in[i + 1] == '>'))
            ++i;
        a.name = std::string(in.substr(name_start, i - name_start));
        if (a.name.empty()) ++i;  // a stray character: never stuck
        std::size_t j = i;
        while (j < limit && (is_space(in[j]) || in[j] == '\n')) ++j;
        if (j < limit && in[j] == '=') {
            ++j;
            while (j < limit && (is_space(in[j]) || in[j] == '\n')) ++j;
            if (j >= limit) return not_a_tag(limit);
            if (in[j] == '"' || in[j] == '\'') {
                const std::size_t close = in.substr(0, limit).find(in[j], j + 1);
                if (close == std::string_view::npos) return not_a_tag(limit);
                a.kind = Attribute::Kind::string;
                a.value = std::string(in.substr(j + 1, close - j - 1));
                i = close + 1;
            } else if (in[j] == '{') {
                const std::size_t close = brace_end(in, j, limit - j);
                if (close == std::string_view::npos) return not_a_tag(limit);
                a.kind = Attribute::Kind::expression;
                a.value = std::string(in.substr(j + 1, close - j - 1));
                a.offset = j + 1;
                i = close + 1;
            } else {
                const std::size_t start = j;
                while (j < limit && !is_space(in[j]) && in[j] != '\n' && in[j] != '>') ++j;
                a.kind = Attribute::Kind::string;
                a.value = std::string(in.substr(start, j - start));
                i = j;
            }
        }
        if (!a.name.empty()) tag.attributes.push_back(std::move(a));
    }
    return not_a_tag(limit);
}

// The same, reading no further than the page's look-ahead allows, and paying for
// what it read.
std::optional<ComponentTag> read_component_tag(std::string_view in, std::size_t lt, Lookahead& lookahead) {
    std::size_t stopped = lt;
    std::optional<ComponentTag> tag =
        read_component_tag_before(in, lt, std::min(in.size(), lt + lookahead.allowance()), stopped);
    lookahead.spend(stopped - lt);
    return tag;
}

// Prop names whose strings are what the reader should see, and those that name
// where the thing lives; any other prop (ids, classes, icons, sizes) is not content.
constexpr std::string_view kTitleNames[] = {"title", "heading", "label", "name", "question", "summary", "caption"};
constexpr std::string_view kContentNames[] = {"content", "body", "text", "description", "answer", "html", "markdown", "message"};
constexpr std::string_view kUrlNames[] = {"href", "src", "url", "link", "action"};

bool is_one_of(std::string_view name, std::span<const std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

struct Section {
    std::string title;
    std::size_t title_at = 0;    // where the title's text starts in the page (0: the tag's line)
    std::string content;       // Markdown or HTML, as the component's author wrote it
    std::size_t content_at = 0;  // where the content's text starts in the page
    int interpolations = 0;
};

// What a component's props say, in order.
struct ComponentContent {
    std::vector<Section> sections;
    std::vector<std::string> items;  // strings of a list prop without content
    std::string url;
    bool empty() const { return sections.empty() && items.empty(); }
};

void collect_value(const js::Value& v, ComponentContent& out, int depth) {
    if (depth > js::kMaxJsDepth) return;
    using K = js::Value::Kind;
    switch (v.kind) {
        case K::object: {
            const js::Value* title = v.string_field(kTitleNames);
            const js::Value* content = v.string_field(kContentNames);
            if (content) {
                out.sections.push_back({title ? title->text : std::string(), title ? title->offset : 0, content->text,
                                        content->offset, content->interpolations});
            } else if (title) {
                out.items.push_back(title->text);
            }
            return;
        }
        case K::array:
            for (const js::Value& item : v.items) {
                if (item.kind == K::string) out.items.push_back(item.text);
                else if (item.kind == K::array) {
                    // A tuple ([Icon, 'text']): its strings make one item.
                    std::string joined;
                    for (const js::Value& part : item.items)
                        if (part.kind == K::string) joined += (joined.empty() ? "" : " ") + part.text;
                    if (!joined.empty()) out.items.push_back(joined);
                } else {
                    collect_value(item, out, depth + 1);
                }
            }
            return;
        case K::string:
        case K::other: return;
    }
}

ComponentContent component_content(const ComponentTag& tag) {
    ComponentContent out;
    std::string title;
    for (const Attribute& a : tag.attributes) {
        if (a.kind == Attribute::Kind::string) {
            const std::string value = a.value;
            if (std::find(std::begin(kUrlNames), std::end(kUrlNames), a.name) != std::end(kUrlNames) && out.url.empty() &&
                !value.empty() && value.find_first_of(" \t\n<>{}") == std::string::npos)
                out.url = value;
            else if (is_one_of(a.name, kTitleNames) && title.empty()) title = value;
            else if (is_one_of(a.name, kContentNames)) out.sections.push_back({title, 0, value, 0, 0}), title.clear();
            continue;
        }
        if (a.kind != Attribute::Kind::expression || a.name.empty()) continue;
        const js::Value v = js::read_expression(a.value, a.offset);
        if (v.kind == js::Value::Kind::string) {
            if (is_one_of(a.name, kTitleNames) && title.empty()) title = v.text;
            else if (is_one_of(a.name, kContentNames))
                out.sections.push_back({title, 0, v.text, v.offset, v.interpolations}), title.clear();
        } else {
            collect_value(v, out, 0);
        }
    }
    // A title prop with nothing else: a heading over whatever the component wraps.
    if (!title.empty()) out.sections.insert(out.sections.begin(), Section{title, 0, {}, 0, 0});
    return out;
}

// Lines of `text` with their common indentation removed, so that a content string
// indented inside its JavaScript does not read as a Markdown code block.
std::vector<std::string> dedented_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        lines.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    std::size_t common = std::string::npos;
    for (const std::string& l : lines) {
        if (is_blank_text(l)) continue;
        const std::size_t indent = l.find_first_not_of(" \t");
        common = std::min(common, indent);
    }
    if (common == std::string::npos) common = 0;
    for (std::string& l : lines) l = is_blank_text(l) ? std::string() : l.substr(std::min(common, l.size()));
    return lines;
}

// The level of a heading line ("## x", "<h3 ...>"), or 0.
int heading_level_of(std::string_view line) {
    const std::size_t at = line.find_first_not_of(' ');
    if (at == std::string_view::npos || at > 3) return 0;
    line.remove_prefix(at);
    if (line.size() >= 3 && line[0] == '<' && (line[1] == 'h' || line[1] == 'H') && line[2] >= '1' && line[2] <= '6' &&
        (line.size() == 3 || line[3] == '>' || line[3] == ' '))
        return line[2] - '0';
    int n = 0;
    while (n < static_cast<int>(line.size()) && line[static_cast<std::size_t>(n)] == '#') ++n;
    if (n < 1 || n > 6) return 0;
    return static_cast<std::size_t>(n) == line.size() || line[static_cast<std::size_t>(n)] == ' ' ? n : 0;
}

// At l[at] == '<': the index of the level digit of an <hN> or </hN> tag, or npos.
std::size_t html_heading_digit(std::string_view l, std::size_t at) {
    std::size_t h = at + 1;
    if (h < l.size() && l[h] == '/') ++h;
    if (h + 1 >= l.size() || (l[h] != 'h' && l[h] != 'H')) return std::string_view::npos;
    const std::size_t digit = h + 1;
    if (l[digit] < '1' || l[digit] > '6') return std::string_view::npos;
    if (digit + 1 < l.size() && l[digit + 1] != '>' && !is_space(l[digit + 1])) return std::string_view::npos;
    return digit;
}

// Moves every heading of `lines` down by `shift` levels (at most to 6): a content
// string's own headings belong below the title it was given.
void demote_headings(std::vector<std::string>& lines, int shift) {
    if (shift <= 0) return;
    for (std::string& l : lines) {
        if (l.rfind('#', 0) == 0) {
            const int level = heading_level_of(l);
            if (level > 0) l.insert(0, std::string(static_cast<std::size_t>(std::min(6, level + shift) - level), '#'));
        }
        for (std::size_t at = 0; (at = l.find('<', at)) != std::string::npos; ++at) {
            if (const std::size_t digit = html_heading_digit(l, at); digit != std::string::npos)
                l[digit] = static_cast<char>('0' + std::min(6, l[digit] - '0' + shift));
        }
    }
}

int lowest_heading(const std::vector<std::string>& lines) {
    int best = 7;
    for (const std::string& l : lines) {
        if (const int level = heading_level_of(l); level > 0) best = std::min(best, level);
        for (std::size_t at = 0; (at = l.find('<', at)) != std::string::npos; ++at)
            if (const std::size_t digit = html_heading_digit(l, at); digit != std::string::npos)
                best = std::min(best, l[digit] - '0');
    }
    return best;
}

// ---------------------------------------------------------------- the page

// Svelte's block and special tags: {#if}, {:else}, {/if}, {@html}, ...
bool is_svelte_tag(char sigil, std::string_view keyword) {
    static constexpr std::string_view kBlocks[] = {"if", "each", "await", "key", "snippet"};
    static constexpr std::string_view kBranches[] = {"else", "then", "catch"};
    static constexpr std::string_view kSpecial[] = {"html", "const", "debug", "render"};
    const auto in = [&](const auto& list) { return std::find(std::begin(list), std::end(list), keyword) != std::end(list); };
    switch (sigil) {
        case '#': case '/': return in(kBlocks);
        case ':': return in(kBranches);
        case '@': return in(kSpecial);
        default: return false;
    }
}

struct OpenBlock {
    std::string keyword;   // if, each, await, key, snippet
    std::string opening;   // the tag as written, shortened
    int line = 0;
    std::vector<std::string> kept;  // branches kept, as written
    std::vector<std::string> left_out;
    bool dropping = false;  // inside a branch that is left out
};

class Scanner {
public:
    Scanner(std::string_view in, PageContext& ctx) : in_(in), ctx_(ctx), lookahead_(in.size(), kMaxTagBytes) {
        for (std::size_t i = 0; i < in.size(); ++i)
            if (in[i] == '\n') line_starts_.push_back(i + 1);
    }

    TemplateBody run() {
        while (pos_ < in_.size()) {
            if (at_line_start()) {
                if (line_construct()) continue;
            }
            character();
        }
        for (const OpenBlock& b : blocks_)
            warn(b.line, "template-block",
                 "template block " + b.opening + " is never closed with {/" + b.keyword + "}; its content is kept");
        if (lookahead_.ran_out())
            warn(1, "template-budget", "too many '{' or '<' that do not close for the page's size: template syntax "
                                       "after them is read as plain text");
        return out_.finish(is_template_);
    }

private:
    int line_of(std::size_t offset) const {
        return static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
    }
    int column_of(std::size_t offset) const {
        const int line = line_of(offset);
        return static_cast<int>(offset - line_starts_[static_cast<std::size_t>(line - 1)]) + 1;
    }
    void warn(int line, KindName kind, std::string message, int column = 1) {
        ctx_.warn(ctx_.at(line, column), kind, std::move(message));
    }
    bool at_line_start() const { return pos_ == 0 || in_[pos_ - 1] == '\n'; }
    bool only_space_before(std::size_t at) const {
        for (; at > 0 && in_[at - 1] != '\n'; --at)
            if (!is_space(in_[at - 1])) return false;
        return true;
    }
    bool dropping() const { return !blocks_.empty() && blocks_.back().dropping; }

    // Copies in_[from, to) (or only its newlines while a branch is left out).
    void copy(std::size_t from, std::size_t to) {
        to = std::min(to, in_.size());
        if (from >= to) return;
        if (dropping()) {
            for (std::size_t i = from; i < to; ++i)
                if (in_[i] == '\n') out_.put('\n', line_of(i));
        } else {
            out_.put(in_.substr(from, to - from), line_of(from), true);
        }
    }

    std::string_view current_line() const {
        const std::size_t nl = in_.find('\n', pos_);
        return in_.substr(pos_, (nl == std::string_view::npos ? in_.size() : nl) - pos_);
    }
    std::size_t line_end() const {
        const std::size_t nl = in_.find('\n', pos_);
        return nl == std::string_view::npos ? in_.size() : nl + 1;
    }

    // Constructs that own whole lines: fences, MDX imports, headings (for the
    // level of component titles), components at the start of a line.
    bool line_construct() {
        const std::string_view line = current_line();
        const std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string_view::npos) return false;
        const std::string_view rest = line.substr(indent);
        // Fenced code (CommonMark 4.5): copied as it is, to a closing fence of the
        // same character at least as long, with nothing after it.
        if (fence_) {
            const std::size_t run = run_of(rest, fence_char_);
            if (indent <= 3 && run >= fence_size_ && is_blank_text(rest.substr(run))) fence_ = false;
            copy(pos_, line_end());
            pos_ = line_end();
            return true;
        }
        if (const std::size_t ticks = run_of(rest, '`'), tildes = run_of(rest, '~'); indent <= 3 && (ticks >= 3 || tildes >= 3)) {
            fence_ = true;
            fence_char_ = ticks >= 3 ? '`' : '~';
            fence_size_ = std::max(ticks, tildes);
            copy(pos_, line_end());
            pos_ = line_end();
            return true;
        }
        if (indent == 0 && esm_line(rest)) return true;
        if (const int level = heading_level_of(line); level > 0) section_level_ = level;
        if (starts_with_ci(rest, 0, "<svelte:head")) return false;  // character() drops it
        if (indent <= 3 && rest.size() > 1 && rest[0] == '<' && (is_upper(rest[1]) || starts_with_ci(rest, 0, "<svelte:")))
            return component(pos_ + indent);
        return false;
    }

    // `import x from '...'` and `export const ...` of MDX/Astro pages.
    bool esm_line(std::string_view line) {
        const bool import = line.rfind("import ", 0) == 0 &&
                            (line.find(" from '") != std::string_view::npos || line.find(" from \"") != std::string_view::npos ||
                             line.rfind("import '", 0) == 0 || line.rfind("import \"", 0) == 0);
        bool exported = false;
        for (std::string_view kw : {"export const ", "export let ", "export var ", "export function ", "export default ",
                                    "export {"})
            if (line.rfind(kw, 0) == 0) exported = true;
        if (!import && !exported) return false;
        is_template_ = true;
        std::size_t end = line_end();
        if (exported) {
            // An export may run over several lines: to the end of its brackets, and
            // never past a blank line (MDX sets its ESM blocks apart with one).
            int depth = 0;
            std::size_t i = pos_;
            const std::size_t limit = std::min(in_.size(), pos_ + kMaxTagBytes);
            for (; i < limit; ++i) {
                const char c = in_[i];
                if (c == '{' || c == '[' || c == '(') ++depth;
                else if (c == '}' || c == ']' || c == ')') --depth;
                else if (c == '\n' && (depth <= 0 || (i + 1 < in_.size() && in_[i + 1] == '\n'))) break;
            }
            end = i < in_.size() ? i + 1 : in_.size();
        }
        for (std::size_t i = pos_; i < end; ++i)
            if (in_[i] == '\n') out_.put('\n', line_of(i));
        pos_ = end;
        return true;
    }

    void character() {
        // Plain text up to the next character that may start something: one copy.
        if (const std::size_t next = in_.find_first_of("`<{\n", pos_); next != pos_) {
            const std::size_t end = next == std::string_view::npos ? in_.size() : next;
            copy(pos_, end);
            pos_ = end;
            return;
        }
        const char c = in_[pos_];
        if (c == '`') return code_span();
        if (c == '<') {
            if (in_.substr(pos_, 4) == "<!--") return skip_to("-->", pos_ + 4);
            if (starts_with_ci(in_, pos_, "<script") || starts_with_ci(in_, pos_, "<style")) return raw_element();
            if (starts_with_ci(in_, pos_, "<svelte:head")) return svelte_head();
        }
        if (c == '{' && pos_ + 1 < in_.size()) {
            const char n = in_[pos_ + 1];
            if ((n == '#' || n == ':' || n == '/' || n == '@') && pos_ + 2 < in_.size() && is_lower(in_[pos_ + 2]))
                if (template_tag()) return;
            if (in_.substr(pos_, 3) == "{/*") {
                const std::size_t end = in_.find("*/}", pos_ + 3);
                if (end != std::string_view::npos) {
                    is_template_ = true;
                    copy_newlines(pos_, end + 3);
                    pos_ = end + 3;
                    return;
                }
            }
        }
        copy(pos_, pos_ + 1);
        ++pos_;
    }

    void copy_newlines(std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i)
            if (in_[i] == '\n') out_.put('\n', line_of(i));
    }

    void code_span() {
        std::size_t run = pos_;
        while (run < in_.size() && in_[run] == '`') ++run;
        const std::size_t n = run - pos_;
        const std::string ticks(n, '`');
        std::size_t close = run;
        while ((close = in_.find(ticks, close)) != std::string_view::npos) {
            std::size_t after = close + n;
            if (after < in_.size() && in_[after] == '`') {  // a longer run is no match
                while (after < in_.size() && in_[after] == '`') ++after;
                close = after;
                continue;
            }
            break;
        }
        const std::size_t end = close == std::string_view::npos ? run : close + n;
        copy(pos_, end);
        pos_ = end;
    }

    void skip_to(std::string_view terminator, std::size_t from) {
        const std::size_t at = in_.find(terminator, from);
        const std::size_t end = at == std::string_view::npos ? in_.size() : at + terminator.size();
        copy(pos_, end);
        pos_ = end;
    }

    // <script> and <style> are copied as they are: their code is the HTML
    // builder's to drop, and nothing in it is template syntax of the page.
    void raw_element() {
        const bool script = starts_with_ci(in_, pos_, "<script");
        const std::size_t name_end = pos_ + (script ? 7 : 6);
        if (name_end < in_.size() && !is_space(in_[name_end]) && in_[name_end] != '>' && in_[name_end] != '\n') {
            copy(pos_, pos_ + 1);
            ++pos_;
            return;
        }
        if (script) is_template_ = true;
        std::size_t at = name_end;
        while ((at = in_.find("</", at)) != std::string_view::npos && !starts_with_ci(in_, at + 2, script ? "script" : "style"))
            at += 2;
        const std::size_t close = at == std::string_view::npos ? std::string_view::npos : in_.find('>', at);
        const std::size_t end = close == std::string_view::npos ? in_.size() : close + 1;
        copy(pos_, end);
        pos_ = end;
    }

    void svelte_head() {
        is_template_ = true;
        std::size_t at = pos_;
        while ((at = in_.find("</", at)) != std::string_view::npos && !starts_with_ci(in_, at + 2, "svelte:head")) at += 2;
        const std::size_t close = at == std::string_view::npos ? std::string_view::npos : in_.find('>', at);
        const std::size_t end = close == std::string_view::npos ? in_.size() : close + 1;
        ctx_.drop("svelte:head", ctx_.at(line_of(pos_), column_of(pos_)));
        copy_newlines(pos_, end);
        pos_ = end;
    }

    // {#...}, {:...}, {/...}, {@...} at pos_. False when it is no tag after all.
    bool template_tag() {
        const std::size_t close = lookahead_.brace_end(in_, pos_);
        if (close == std::string_view::npos) return false;
        const std::string_view tag = in_.substr(pos_ + 1, close - pos_ - 1);
        const char sigil = tag[0];
        std::size_t k = 1;
        while (k < tag.size() && is_lower(tag[k])) ++k;
        const std::string keyword(tag.substr(1, k - 1));
        const std::string_view argument = tag.substr(std::min(tag.size(), k + 1));
        const int line = line_of(pos_);
        const int column = column_of(pos_);
        const std::string written = "{" + shorten(tag) + "}";
        // "{#my-id}" after a heading is no tag, nor is "{#iffy}".
        if (!is_svelte_tag(sigil, keyword) || (k < tag.size() && !is_space(tag[k]) && tag[k] != '\n')) return false;
        is_template_ = true;
        const bool own_line = only_space_before(pos_);
        copy_newlines(pos_, close + 1);
        pos_ = close + 1;
        if (sigil == '#') {
            OpenBlock b{keyword, written, line, {written}, {}, dropping()};
            // {#await p} shows a waiting text first; {#await p then v} starts with the result.
            if (keyword == "await" && argument.find(" then") == std::string_view::npos && !b.dropping) {
                b.kept.clear();
                b.left_out.push_back(written + " (the text shown while waiting)");
                b.dropping = true;
            }
            blocks_.push_back(std::move(b));
        } else if (sigil == ':') {
            if (blocks_.empty()) {
                warn(line, "template-block", "template branch " + written + " outside any block; left out", column);
                return true;
            }
            OpenBlock& b = blocks_.back();
            const bool outer_dropping = blocks_.size() > 1 && blocks_[blocks_.size() - 2].dropping;
            if (b.keyword == "await" && keyword == "catch") {
                b.left_out.push_back(written);
                b.dropping = true;
            } else {
                b.kept.push_back(written);
                b.dropping = outer_dropping;
                if (!own_line && !dropping()) out_.put(" ", line, false);  // inline branches stay apart
            }
        } else if (sigil == '/') {
            close_block(keyword, written, line, column);
        } else {  // '@'
            at_tag(keyword, argument, written, line, column);
        }
        return true;
    }

    void close_block(const std::string& keyword, const std::string& written, int line, int column) {
        const auto open = std::find_if(blocks_.rbegin(), blocks_.rend(), [&](const OpenBlock& b) { return b.keyword == keyword; });
        if (open == blocks_.rend()) {
            warn(line, "template-block", "template tag " + written + " closes no open block; left out", column);
            return;
        }
        while (!blocks_.empty()) {
            OpenBlock b = std::move(blocks_.back());
            blocks_.pop_back();
            if (b.keyword != keyword) continue;
            std::string message;
            const auto list = [](const std::vector<std::string>& v) {
                std::string s;
                for (std::size_t i = 0; i < v.size(); ++i) s += (i == 0 ? "" : i + 1 == v.size() ? " and " : ", ") + v[i];
                return s;
            };
            if (keyword == "each")
                message = "template loop " + b.opening + " … {/each} (to line " + std::to_string(ctx_.at(line, 1).line) +
                          "): its body is printed once, as written, since its items are only known on the web page";
            else
                message = "template block " + b.opening + " … {/" + keyword + "} (to line " + std::to_string(ctx_.at(line, 1).line) +
                          ") only decides on the web page what is shown; printed: " +
                          (b.kept.empty() ? std::string("nothing") : list(b.kept)) +
                          (b.left_out.empty() ? std::string() : "; left out: " + list(b.left_out));
            warn(b.line, "template-block", message);
            return;
        }
    }

    void at_tag(const std::string& keyword, std::string_view argument, const std::string& written, int line, int column) {
        if (keyword == "const" || keyword == "debug") return;  // they print nothing on the web page either
        if (keyword == "html") {
            const js::Value v = js::read_expression(argument, 0);
            if (v.kind == js::Value::Kind::string && v.interpolations == 0) {
                if (!dropping()) out_.put(v.text, line, false);
                return;
            }
        }
        if (dropping()) return;
        warn(line, "template-expression",
             written + " inserts what only the web page computes; left out", column);
        ctx_.dropped_lines.push_back(ctx_.at(line, column).line);
    }

    // A component at the start of a line (pos_ is at its '<').
    bool component(std::size_t lt) {
        const std::optional<ComponentTag> tag = read_component_tag(in_, lt, lookahead_);
        if (!tag) return false;
        const std::size_t after = tag->end;
        const std::size_t nl = in_.find('\n', after);
        const std::size_t eol = nl == std::string_view::npos ? in_.size() : nl;
        const bool alone = is_blank_text(in_.substr(after, eol - after));
        const bool has_expression = std::any_of(tag->attributes.begin(), tag->attributes.end(),
                                                [](const Attribute& a) { return a.kind == Attribute::Kind::expression; });
        if (has_expression) is_template_ = true;
        const bool special = starts_with_ci(tag->name, 0, "svelte:");
        if (special && tag->name != "svelte:component" && tag->name != "svelte:element" && tag->name != "svelte:fragment") {
            // <svelte:window>, <svelte:options>, <svelte:body>: behaviour, not content.
            copy_newlines(pos_, after);
            pos_ = after;
            return true;
        }
        const int line = line_of(lt);
        if (dropping()) {
            copy_newlines(pos_, after);
            pos_ = after;
            return true;
        }
        const ComponentContent content = component_content(*tag);
        copy(pos_, lt);  // the indentation before it
        if (alone && !content.empty()) {
            emit_content(*tag, content, line);
            if (!tag->self_closing) out_.put(plain_tag(*tag) + "\n", line, false);
        } else if (alone && tag->self_closing && !content.url.empty()) {
            out_.put("\n[" + tag->name + "](<" + content.url + ">)\n", line, false);
            warn(line, "html-component",
                 "component <" + tag->name + "> has no printable content; a line with its address is printed instead");
            ctx_.dropped_lines.push_back(ctx_.at(line, 1).line);
            ++ctx_.dropped[tag->name];
        } else {
            // Left to the HTML builder, without the props it cannot use.
            out_.put(plain_tag(*tag), line, false);
        }
        copy_newlines(lt, after);
        pos_ = after;
        return true;
    }

    // The tag again on one line, with its plain string attributes only.
    static std::string plain_tag(const ComponentTag& tag) {
        std::string s = "<" + tag.name;
        for (const Attribute& a : tag.attributes) {
            if (a.name.empty() || a.kind == Attribute::Kind::expression) continue;
            if (a.kind == Attribute::Kind::flag) s += " " + a.name;
            else if (a.value.find('"') == std::string::npos) s += " " + a.name + "=\"" + a.value + "\"";
        }
        return s + (tag.self_closing ? " />" : ">");
    }

    void emit_content(const ComponentTag& tag, const ComponentContent& content, int line) {
        const int level = std::min(6, section_level_ + 1);
        int interpolations = 0;
        out_.put("\n", line, false);
        for (const Section& s : content.sections) {
            const int title_line = s.title_at ? line_of(s.title_at) : s.content_at ? line_of(s.content_at) : line;
            if (!s.title.empty()) out_.put("\n" + std::string(static_cast<std::size_t>(level), '#') + " " + s.title + "\n", title_line, false);
            if (s.content.empty()) continue;
            std::vector<std::string> lines = dedented_lines(s.content);
            demote_headings(lines, s.title.empty() ? 0 : level + 1 - lowest_heading(lines));
            out_.put("\n", title_line, false);
            int at = s.content_at ? line_of(s.content_at) : line;
            for (const std::string& l : lines) out_.put(l + "\n", at++, false);
            interpolations += s.interpolations;
        }
        if (!content.items.empty()) {
            out_.put("\n", line, false);
            for (const std::string& item : content.items) out_.put("- " + shorten(item, 4096) + "\n", line, false);
        }
        out_.put("\n", line, false);
        std::size_t titled = 0;
        for (const Section& s : content.sections) titled += !s.title.empty();
        std::string what;
        if (!content.sections.empty())
            what = std::to_string(content.sections.size()) + " part" + (content.sections.size() == 1 ? "" : "s") +
                   (titled ? ", each title a heading" : "");
        if (!content.items.empty())
            what += (what.empty() ? "" : " and ") + std::to_string(content.items.size()) + " list item" +
                    (content.items.size() == 1 ? "" : "s");
        warn(line, "component-content", "component <" + tag.name + "> is printed as the content of its props: " + what);
        if (interpolations > 0)
            warn(line, "template-expression",
                 "component <" + tag.name + ">: " + std::to_string(interpolations) +
                     " ${...} part(s) of its text are only known on the web page; left out");
    }

    std::string_view in_;
    PageContext& ctx_;
    Lookahead lookahead_;  // for tags and expressions that may not close
    std::vector<std::size_t> line_starts_{0};
    std::size_t pos_ = 0;
    Emitter out_;
    std::vector<OpenBlock> blocks_;
    bool fence_ = false;
    char fence_char_ = '`';
    std::size_t fence_size_ = 3;
    int section_level_ = 1;  // the chapter title
    bool is_template_ = false;
};

}  // namespace

TemplateBody read_template_syntax(std::string_view body, PageContext& ctx) { return Scanner(body, ctx).run(); }

namespace {

bool is_identifier_path(std::string_view s) {
    if (s.empty()) return false;
    bool start = true;
    for (char c : s) {
        if (c == '.') {
            if (start) return false;
            start = true;
            continue;
        }
        const bool letter = is_upper(c) || is_lower(c) || c == '_' || c == '$';
        if (!letter && (start || !(c >= '0' && c <= '9'))) return false;
        start = false;
    }
    return !start;
}

// Takes the template syntax out of one text: tags always, expressions as the page
// allows. Double spaces left behind become one.
void clean_text(std::string& text, const SourcePos& pos, bool is_template, PageContext& ctx) {
    if (text.find('{') == std::string::npos) return;
    Lookahead lookahead(text.size(), kMaxTagBytes);
    std::string out;
    std::size_t i = 0;
    bool removed = false;
    while (i < text.size()) {
        const std::size_t open = text.find('{', i);
        if (open == std::string::npos) break;
        out.append(text, i, open - i);
        const std::size_t close = lookahead.brace_end(text, open);
        if (close == std::string::npos) {
            out += '{';
            i = open + 1;
            continue;
        }
        const std::string_view inside = std::string_view(text).substr(open + 1, close - open - 1);
        std::size_t k = 1;
        while (k < inside.size() && is_lower(inside[k])) ++k;
        const bool tag = !inside.empty() && is_svelte_tag(inside[0], inside.substr(1, k - 1));
        const bool dollar = !out.empty() && out.back() == '$';
        std::string trimmed(inside);
        trimmed.erase(0, trimmed.find_first_not_of(" \t"));
        trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
        const bool placeholder = is_identifier_path(trimmed);
        if (!tag && !dollar && !is_template && !placeholder) {
            out.append(text, open, close + 1 - open);
            i = close + 1;
            continue;
        }
        const js::Value v = js::read_expression(inside, 0);
        if (!tag && !dollar && v.kind == js::Value::Kind::string && v.interpolations == 0) {
            out += v.text;  // {'a literal'} is text
        } else {
            if (dollar) out.pop_back();
            ctx.warn(pos, tag || dollar ? KindName("template-leftover") : KindName("template-expression"),
                     "{" + shorten(inside) + "} " +
                         (tag ? std::string("is template syntax") : "is only known on the web page") + "; left out");
            ctx.dropped_lines.push_back(pos.line);
            removed = true;
        }
        i = close + 1;
    }
    out.append(text, std::min(i, text.size()), std::string::npos);
    if (lookahead.ran_out())
        ctx.warn(pos, "template-budget",
                 "too many '{' that do not close for the text's size: template syntax after them is printed as written");
    if (removed) {
        std::string tidy;
        for (char c : out)
            if (!(c == ' ' && !tidy.empty() && tidy.back() == ' ')) tidy += c;
        out = std::move(tidy);
    }
    text = std::move(out);
}

void warn_leftovers(const std::string& text, const SourcePos& pos, PageContext& ctx) {
    for (std::string_view code : {"={[", "${", "{#", "{/", "{:", "{@"}) {
        const std::size_t at = text.find(code);
        if (at == std::string::npos) continue;
        ctx.warn(pos, "template-leftover",
                 "text still looks like template code ('" + shorten(std::string_view(text).substr(at), 40) +
                     "'); printed as written");
        return;
    }
}

}  // namespace

void template_text(model::Chapter& chapter, bool is_template, PageContext& ctx) {
    const SourcePos page{ctx.display, 0, 0};
    clean_text(chapter.title, page, is_template, ctx);
    walk_chapter_inlines(chapter, [&](model::Inline& in) {
        auto* t = std::get_if<model::Text>(&in.node);
        if (!t) return;
        const SourcePos& pos = in.pos.known() ? in.pos : page;
        clean_text(t->text, pos, is_template, ctx);
        warn_leftovers(t->text, pos, ctx);
    });
}

}  // namespace booklet::markdown

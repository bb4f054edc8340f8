#include "builder.hpp"

#include "booklet/ascii.hpp"

#include "text.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <filesystem>

namespace booklet::markdown {

namespace {

constexpr std::string_view kDropped[] = {"script", "style",  "iframe", "svg",   "template", "noscript", "object",
                                         "embed",  "video",  "audio",  "canvas", "math",    "select",   "textarea",
                                         "form"};

// Elements that start a block of their own; inside text they only separate words.
constexpr std::string_view kBlockElements[] = {
    "address", "article", "aside",  "blockquote", "center", "details", "dialog", "dd",      "div",
    "dl",      "dt",      "fieldset", "figcaption", "figure", "footer", "form",  "h1",      "h2",
    "h3",      "h4",      "h5",     "h6",         "header", "hgroup", "hr",      "li",      "main",
    "menu",    "nav",     "ol",     "p",          "pre",    "section", "summary", "table",  "tbody",
    "td",      "tfoot",   "th",     "thead",      "tr",     "ul",      "caption"};

bool in(std::string_view name, const auto& list) {
    return std::find(std::begin(list), std::end(list), name) != std::end(list);
}

bool is_block_element(std::string_view name) { return in(name, kBlockElements); }

int heading_level(std::string_view name) {
    if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return name[1] - '0';
    return 0;
}

bool has_class(const html::Token& t, std::string_view cls) {
    const std::string* c = t.attribute("class");
    if (!c) return false;
    std::size_t start = 0;
    while (start < c->size()) {
        std::size_t end = c->find_first_of(" \t\n", start);
        if (end == std::string::npos) end = c->size();
        if (std::string_view(*c).substr(start, end - start) == cls) return true;
        start = end + 1;
    }
    return false;
}

// "language-python" or "lang-python" in a class attribute.
std::string code_language(const html::Token& t) {
    const std::string* c = t.attribute("class");
    if (!c) return {};
    for (std::string_view prefix : {"language-", "lang-"}) {
        const std::size_t at = c->find(prefix);
        if (at != std::string::npos) {
            const std::size_t start = at + prefix.size();
            const std::size_t end = c->find_first_of(" \t\n", start);
            return c->substr(start, end == std::string::npos ? std::string::npos : end - start);
        }
    }
    return {};
}

model::Align cell_align(const html::Token& t) {
    std::string value;
    if (const std::string* a = t.attribute("align")) value = *a;
    if (const std::string* s = t.attribute("style")) {
        const std::size_t at = s->find("text-align");
        if (at != std::string::npos) {
            const std::size_t colon = s->find(':', at);
            if (colon != std::string::npos) {
                std::size_t b = colon + 1;
                while (b < s->size() && (*s)[b] == ' ') ++b;
                std::size_t e = b;
                while (e < s->size() && std::isalpha(static_cast<unsigned char>((*s)[e]))) ++e;
                value = s->substr(b, e - b);
            }
        }
    }
    value = ascii_lower(value);
    if (value == "left") return model::Align::left;
    if (value == "center") return model::Align::center;
    if (value == "right") return model::Align::right;
    return model::Align::none;
}

int parse_int(const std::string* s, int fallback) {
    if (!s) return fallback;
    int v = 0;
    const auto r = std::from_chars(s->data(), s->data() + s->size(), v);
    if (r.ec != std::errc() || v < 0 || v > 1'000'000'000) return fallback;
    return v;
}

bool is_text_inline(const model::Inline& in) {
    return std::holds_alternative<model::Text>(in.node);
}

model::Inlines* children_of(model::Inline& in) {
    return std::visit(
        [](auto& n) -> model::Inlines* {
            if constexpr (requires { n.children; }) return &n.children;
            else return nullptr;
        },
        in.node);
}

// HTML whitespace at the very start or end of a paragraph is not content, even
// inside an element there ("<b>bold\n</b></p>").
void trim_inner_edge(model::Inlines& in, bool front, int depth = 0) {
    if (in.empty() || depth > 64) return;
    model::Inline& edge = front ? in.front() : in.back();
    if (auto* t = std::get_if<model::Text>(&edge.node)) {
        std::string& s = t->text;
        if (front) s.erase(0, std::min(s.size(), s.find_first_not_of(" \t\n")));
        else s.erase(s.find_last_not_of(" \t\n") == std::string::npos ? 0 : s.find_last_not_of(" \t\n") + 1);
        return;
    }
    if (model::Inlines* kids = children_of(edge)) trim_inner_edge(*kids, front, depth + 1);
}

// Trims spaces at the edges of inline content and around hard breaks, merges
// neighbouring texts, and removes breaks at the edges.
model::Inlines tidy(model::Inlines in) {
    model::Inlines out;
    out.reserve(in.size());
    for (auto& node : in) {
        if (auto* t = std::get_if<model::Text>(&node.node)) {
            if (t->text.empty()) continue;
            if (!out.empty() && is_text_inline(out.back())) {
                std::get<model::Text>(out.back().node).text += t->text;
                continue;
            }
        }
        out.push_back(std::move(node));
    }
    const auto is_break = [](const model::Inline& n) {
        return std::holds_alternative<model::SoftBreak>(n.node) || std::holds_alternative<model::LineBreak>(n.node);
    };
    // Leading and trailing whitespace and breaks.
    while (!out.empty()) {
        if (is_break(out.front())) { out.erase(out.begin()); continue; }
        if (auto* t = std::get_if<model::Text>(&out.front().node)) {
            const std::size_t k = t->text.find_first_not_of(" \t\n");
            if (k == std::string::npos) { out.erase(out.begin()); continue; }
            t->text.erase(0, k);
        }
        break;
    }
    while (!out.empty()) {
        if (is_break(out.back())) { out.pop_back(); continue; }
        if (auto* t = std::get_if<model::Text>(&out.back().node)) {
            const std::size_t k = t->text.find_last_not_of(" \t\n");
            if (k == std::string::npos) { out.pop_back(); continue; }
            t->text.erase(k + 1);
        }
        break;
    }
    // Spaces next to hard breaks carry no meaning.
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!std::holds_alternative<model::LineBreak>(out[i].node)) continue;
        if (i > 0)
            if (auto* t = std::get_if<model::Text>(&out[i - 1].node)) {
                while (!t->text.empty() && t->text.back() == ' ') t->text.pop_back();
            }
        if (i + 1 < out.size())
            if (auto* t = std::get_if<model::Text>(&out[i + 1].node)) {
                const std::size_t k = t->text.find_first_not_of(' ');
                t->text.erase(0, k == std::string::npos ? t->text.size() : k);
            }
    }
    trim_inner_edge(out, true);
    trim_inner_edge(out, false);
    std::erase_if(out, [](const model::Inline& n) {
        const auto* t = std::get_if<model::Text>(&n.node);
        return t && t->text.empty();
    });
    return out;
}

bool starts_with_space(const model::Inlines& in) {
    const auto* t = in.empty() ? nullptr : std::get_if<model::Text>(&in.front().node);
    return t && !t->text.empty() && (t->text.front() == ' ' || t->text.front() == '\n' || t->text.front() == '\t');
}

bool ends_with_space(const model::Inlines& in) {
    const auto* t = in.empty() ? nullptr : std::get_if<model::Text>(&in.back().node);
    return t && !t->text.empty() && (t->text.back() == ' ' || t->text.back() == '\n' || t->text.back() == '\t');
}

bool has_visible(const model::Inlines& inlines) {
    for (const auto& n : inlines) {
        if (const auto* t = std::get_if<model::Text>(&n.node)) {
            if (!is_blank(t->text)) return true;
        } else if (!std::holds_alternative<model::SoftBreak>(n.node) &&
                   !std::holds_alternative<model::LineBreak>(n.node)) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool is_dropped_element(std::string_view name) { return in(name, kDropped); }

bool is_hidden(const html::Token& token) {
    if (token.attribute("hidden")) return true;
    const std::string* style = token.attribute("style");
    if (!style) return false;
    std::string compact;
    for (char c : *style)
        if (c != ' ' && c != '\t' && c != '\n') compact += ascii_lower(c);
    return compact.find("display:none") != std::string::npos;
}

bool is_component(const html::Token& token) {
    if (token.raw_name.empty()) return false;
    const char c = token.raw_name[0];
    return (c >= 'A' && c <= 'Z') || token.name.find('-') != std::string::npos ||
           token.name.find(':') != std::string::npos;
}

std::string embed_label(const html::Token& t, const words::Words& words) {
    for (const char* name : {"title", "aria-label"})
        if (const std::string* v = t.attribute(name); v && !is_blank(*v)) return collapse_whitespace(*v);
    if (t.name == "video") return words.video;
    if (t.name == "audio") return words.audio;
    if (t.name == "form") return words.form;
    return words.embedded_page;
}

// The page a player shows, rather than the player: a reader can open
// youtube.com/watch?v=ID, not the bare embed frame.
std::string embed_page_url(std::string url) {
    for (std::string_view host : {"youtube.com/embed/", "youtube-nocookie.com/embed/"}) {
        const std::size_t at = url.find(host);
        if (at == std::string::npos || at > 16) continue;
        const std::size_t id = at + host.size();
        const std::size_t end = url.find_first_of("?#&/", id);
        const std::string video = url.substr(id, end == std::string::npos ? std::string::npos : end - id);
        if (!video.empty()) return "https://www.youtube.com/watch?v=" + video;
    }
    if (const std::size_t at = url.find("player.vimeo.com/video/"); at != std::string::npos && at <= 8) {
        const std::size_t id = at + 23;
        const std::size_t end = url.find_first_of("?#&/", id);
        const std::string video = url.substr(id, end == std::string::npos ? std::string::npos : end - id);
        if (!video.empty()) return "https://vimeo.com/" + video;
    }
    return url;
}

std::optional<EmbedAddress> embed_address(const html::Token& t, const words::Words& words) {
    const char* attribute = t.name == "object" ? "data" : t.name == "form" ? "action" : "src";
    if (t.name != "iframe" && t.name != "embed" && t.name != "object" && t.name != "video" && t.name != "audio" &&
        t.name != "form")
        return std::nullopt;
    const std::string* src = t.attribute(attribute);
    if (!src || is_blank(*src) || src->find('{') != std::string::npos) return std::nullopt;
    return EmbedAddress{embed_page_url(*src), embed_label(t, words)};
}

model::Inline embed_link(PageContext& ctx, const EmbedAddress& address, const SourcePos& pos) {
    model::Link link;
    link.target = resolve_link(ctx, address.url, pos);
    link.children.push_back(model::Inline{model::Text{address.label}, pos});
    return model::Inline{std::move(link), pos};
}

void PageContext::drop(std::string_view element, const SourcePos& pos, bool address_printed) {
    std::string why;
    if (element == "script") why = "scripts do not run on paper";
    else if (element == "style") why = "page styles do not apply to the booklet";
    else if (element == "iframe") why = "an embedded page cannot be printed";
    else if (element == "svg" || element == "canvas" || element == "math") why = "inline drawings are not supported";
    else if (element == "video" || element == "audio") why = "media cannot be printed";
    else if (element == "form") why = "a form cannot be filled in on paper";
    else why = "it has no printable content";
    if (address_printed)
        why += element == "video" || element == "audio" ? "; a line with its address (its first source) is printed instead"
                                                        : "; a line with its address is printed instead";
    warn(pos, "html-dropped", "dropped <" + std::string(element) + ">: " + why);
    ++dropped[std::string(element)];
    dropped_lines.push_back(pos.line);
}

bool make_paragraph_blocks(model::Inlines inlines, const SourcePos& pos, model::Blocks& out) {
    inlines = tidy(std::move(inlines));
    if (inlines.empty()) return false;
    bool only_images = true;
    bool any_image = false;
    for (const auto& n : inlines) {
        if (std::holds_alternative<model::Image>(n.node)) any_image = true;
        else if (const auto* t = std::get_if<model::Text>(&n.node)) { if (!is_blank(t->text)) only_images = false; }
        else if (!std::holds_alternative<model::SoftBreak>(n.node) && !std::holds_alternative<model::LineBreak>(n.node))
            only_images = false;
    }
    if (!(only_images && any_image)) {
        out.push_back(model::Block{model::Paragraph{std::move(inlines)}, pos, {}});
        return false;
    }
    for (auto& n : inlines) {
        auto* img = std::get_if<model::Image>(&n.node);
        if (!img) continue;
        model::Figure fig;
        fig.image = std::move(img->image);
        // An alt text that is only the file name ("IMG_2041.jpg") says nothing a
        // reader needs under the picture.
        const std::filesystem::path file_name = std::filesystem::path(fig.image.src).filename();
        const bool alt_is_name = fig.image.alt == file_name.string() || fig.image.alt == file_name.stem().string();
        const std::string caption = !fig.image.title.empty() ? fig.image.title : alt_is_name ? "" : fig.image.alt;
        if (!caption.empty()) fig.caption.push_back(model::Inline{model::Text{caption}, n.pos});
        out.push_back(model::Block{std::move(fig), n.pos.known() ? n.pos : pos, {}});
    }
    return true;
}

// ---------------------------------------------------------------- InlineBuilder

InlineBuilder::InlineBuilder(PageContext& ctx, int depth) : ctx_(&ctx), depth_(depth) {
    stack_.push_back(Frame{});
}

bool InlineBuilder::is_open(std::string_view tag) const {
    for (std::size_t i = stack_.size(); i-- > 1;)
        if (stack_[i].tag == tag) return true;
    const auto it = overflow_.find(std::string(tag));
    return it != overflow_.end() && it->second > 0;
}

bool InlineBuilder::has_content() const {
    for (const auto& f : stack_)
        if (has_visible(f.content)) return true;
    return false;
}

void InlineBuilder::text(std::string_view s, const SourcePos& pos, bool from_html) {
    if (dropping() || s.empty()) return;
    std::string t = from_html ? collapse_whitespace(s) : std::string(s);
    auto& content = stack_.back().content;
    if (!content.empty()) {
        if (auto* prev = std::get_if<model::Text>(&content.back().node)) {
            if (from_html && !prev->text.empty() && prev->text.back() == ' ' && !t.empty() && t[0] == ' ')
                t.erase(0, 1);
            prev->text += t;
            return;
        }
    }
    if (t.empty()) return;
    content.push_back(model::Inline{model::Text{std::move(t)}, pos});
}

void InlineBuilder::add(model::Inline node) {
    if (dropping()) return;
    stack_.back().content.push_back(std::move(node));
}

void InlineBuilder::html(const html::Token& t, const SourcePos& pos) {
    if (dropping()) {
        if (t.kind == html::Token::Kind::start_tag && t.name == drop_tag_ && !t.self_closing) ++drop_depth_;
        if (t.kind == html::Token::Kind::end_tag && t.name == drop_tag_) --drop_depth_;
        return;
    }
    switch (t.kind) {
        case html::Token::Kind::text: text(t.text, pos, !t.raw_text); break;
        case html::Token::Kind::start_tag: start(t, pos); break;
        case html::Token::Kind::end_tag: end(t.name); break;
        case html::Token::Kind::comment:
        case html::Token::Kind::other: break;
    }
}

void InlineBuilder::start(const html::Token& t, const SourcePos& pos) {
    // A component is never an HTML element, even when its name is one (<Link>).
    const bool component = is_component(t);
    const std::string& name = component ? t.raw_name : t.name;
    if (!component && is_dropped_element(name)) {
        const std::optional<EmbedAddress> address = embed_address(t, *ctx_->words);
        ctx_->drop(name, pos, address.has_value());
        if (address) add(embed_link(*ctx_, *address, pos));
        if (!t.self_closing && !html::is_void_element(name)) {
            drop_tag_ = name;
            drop_depth_ = 1;
        }
        return;
    }
    // Hidden on the web page, so not printed either (and nothing to warn about).
    if (is_hidden(t)) {
        if (!t.self_closing && (component || !html::is_void_element(name))) {
            drop_tag_ = t.name;
            drop_depth_ = 1;
        }
        return;
    }
    if (!component && name == "br") {
        add(model::Inline{model::LineBreak{}, pos});
        return;
    }
    if (!component && name == "img") {
        const std::string* src = t.attribute("src");
        const std::string* alt = t.attribute("alt");
        const std::string* title = t.attribute("title");
        model::ImageRef ref = resolve_image(*ctx_, src ? *src : std::string(), alt ? collapse_whitespace(*alt) : "",
                                            title ? collapse_whitespace(*title) : "", pos);
        ref.width_hint = parse_int(t.attribute("width"), 0);
        add(model::Inline{model::Image{std::move(ref)}, pos});
        return;
    }
    if (!component && html::is_void_element(name)) return;
    if (!component && is_block_element(name)) {
        // Block structure inside running text: keep the words apart.
        if (has_content()) add(model::Inline{model::SoftBreak{}, pos});
        return;
    }
    if (t.self_closing) {
        if (component) ctx_->empty_component(t.raw_name, pos);
        return;
    }
    if (depth() >= kMaxInlineDepth) {
        ++overflow_[t.name];
        return;
    }
    Frame f;
    f.tag = t.name;
    f.pos = pos;
    const std::string* href = t.attribute("href");
    if (component) {
        f.kind = href ? Kind::link : Kind::transparent;
        if (href) f.target = resolve_link(*ctx_, *href, pos);
    } else if (name == "em" || name == "i" || name == "cite" || name == "var" || name == "dfn") f.kind = Kind::emphasis;
    else if (name == "strong" || name == "b") f.kind = Kind::strong;
    else if (name == "s" || name == "del" || name == "strike") f.kind = Kind::strike;
    else if (name == "sup") f.kind = Kind::sup;
    else if (name == "sub") f.kind = Kind::sub;
    else if (name == "code" || name == "kbd" || name == "samp" || name == "tt") f.kind = Kind::code;
    else if (href && name == "a") {
        f.kind = Kind::link;
        f.target = resolve_link(*ctx_, *href, pos);
        if (const std::string* title = t.attribute("title")) f.title = collapse_whitespace(*title);
    } else if (const std::string* lang = t.attribute("lang"); lang && !lang->empty()) {
        f.kind = Kind::span;
        f.lang = *lang;
    } else {
        f.kind = Kind::transparent;
    }
    stack_.push_back(std::move(f));
}

void InlineBuilder::end(const std::string& name) {
    if (auto it = overflow_.find(name); it != overflow_.end() && it->second > 0) {
        --it->second;
        return;
    }
    for (std::size_t i = stack_.size(); i-- > 1;) {
        if (stack_[i].tag == name) {
            while (stack_.size() > i) close_top();
            return;
        }
    }
}

void InlineBuilder::close_top() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    auto& parent = stack_.back().content;
    switch (f.kind) {
        case Kind::root:
        case Kind::transparent:
            for (auto& n : f.content) parent.push_back(std::move(n));
            return;
        case Kind::emphasis: parent.push_back({model::Emphasis{std::move(f.content)}, f.pos}); return;
        case Kind::strong: parent.push_back({model::Strong{std::move(f.content)}, f.pos}); return;
        case Kind::strike: parent.push_back({model::Strikethrough{std::move(f.content)}, f.pos}); return;
        case Kind::sup: parent.push_back({model::Superscript{std::move(f.content)}, f.pos}); return;
        case Kind::sub: parent.push_back({model::Subscript{std::move(f.content)}, f.pos}); return;
        case Kind::code: {
            const std::string code = collapse_whitespace(model::plain_text(f.content));
            if (!code.empty()) parent.push_back({model::Code{code}, f.pos});
            return;
        }
        case Kind::link: {
            // "via[ https://x](…)": the space inside the link text still separates words,
            // so it moves outside the link instead of disappearing with the trim.
            const bool space_before = starts_with_space(f.content);
            const bool space_after = ends_with_space(f.content);
            if (space_before) parent.push_back({model::Text{" "}, f.pos});
            parent.push_back({model::Link{std::move(f.target), tidy(std::move(f.content)), std::move(f.title)}, f.pos});
            if (space_after) parent.push_back({model::Text{" "}, f.pos});
            return;
        }
        case Kind::span: parent.push_back({model::Span{std::move(f.lang), std::move(f.content)}, f.pos}); return;
    }
}

model::Inlines InlineBuilder::finish() {
    while (stack_.size() > 1) close_top();
    drop_depth_ = 0;
    model::Inlines out = tidy(std::move(stack_[0].content));
    stack_[0].content.clear();
    overflow_.clear();
    return out;
}

// ---------------------------------------------------------------- BlockBuilder

BlockBuilder::BlockBuilder(PageContext& ctx, int depth) : ctx_(&ctx), depth_(depth) {
    Frame root;
    root.kind = Kind::root;
    frames_.push_back(std::move(root));
}

bool BlockBuilder::dropping() const { return frames_.back().kind == Kind::drop; }

InlineBuilder& BlockBuilder::loose(Frame& f) {
    if (!f.inl) f.inl.emplace(*ctx_, depth());
    return *f.inl;
}

void BlockBuilder::flush_loose(Frame& f) {
    if (f.kind == Kind::text || !f.inl) return;
    model::Inlines inlines = f.inl->finish();
    f.inl.reset();
    if (inlines.empty()) return;
    SourcePos pos = inlines.front().pos;
    model::Blocks made;
    const bool figure = make_paragraph_blocks(std::move(inlines), pos, made);
    if (made.empty()) return;
    append(f, std::move(made), figure);
}

// Blocks into a frame: a list takes them as one item.
void BlockBuilder::append(Frame& f, model::Blocks blocks, bool captionable_last) {
    if (f.kind == Kind::list) {
        f.items.push_back(model::ListItem{std::nullopt, std::move(blocks)});
        return;
    }
    for (auto& b : blocks) f.blocks.push_back(std::move(b));
    f.captionable_last = captionable_last;
}

void BlockBuilder::push(Frame frame) {
    flush_loose(top());
    frames_.push_back(std::move(frame));
}

void BlockBuilder::push(Kind kind, std::string tag, const SourcePos& pos) {
    Frame f;
    f.kind = kind;
    f.tag = std::move(tag);
    f.pos = pos;
    push(std::move(f));
}

std::optional<std::size_t> BlockBuilder::find_frame(std::string_view tag) const {
    for (std::size_t i = frames_.size(); i-- > 1;)
        if (frames_[i].tag == tag) return i;
    return std::nullopt;
}

void BlockBuilder::close_to(std::size_t index) {
    while (frames_.size() > index && frames_.size() > 1) close_top();
}

void BlockBuilder::apply_lang(model::Blocks& blocks, const std::string& lang) const {
    if (lang.empty() || lang == ctx_->lang) return;
    for (auto& b : blocks)
        if (b.lang.empty()) b.lang = lang;
}

void BlockBuilder::deliver(model::Blocks blocks, bool captionable_last) {
    if (blocks.empty()) return;
    while (top().kind == Kind::text || top().kind == Kind::pre) close_top();
    Frame& f = top();
    if (f.kind == Kind::drop) return;
    flush_loose(f);
    append(f, std::move(blocks), captionable_last);
}

void BlockBuilder::close_top() {
    if (frames_.size() <= 1) return;
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    Frame& parent = top();
    model::Blocks out;
    bool captionable = false;
    switch (f.kind) {
        case Kind::root: return;
        case Kind::drop:
            if (f.embed && !f.embed->url.empty()) {
                model::Blocks line;
                make_paragraph_blocks({embed_link(*ctx_, *f.embed, f.pos)}, f.pos, line);
                deliver(std::move(line), false);
            }
            return;
        case Kind::text: {
            model::Inlines inlines = f.inl ? f.inl->finish() : model::Inlines{};
            switch (f.role) {
                case Role::paragraph:
                    if (f.caption_class && parent.captionable_last && !parent.blocks.empty() && has_visible(inlines)) {
                        if (auto* fig = std::get_if<model::Figure>(&parent.blocks.back().node)) {
                            fig->caption = std::move(inlines);
                            parent.captionable_last = false;
                            return;
                        }
                    }
                    captionable = make_paragraph_blocks(std::move(inlines), f.pos, out);
                    break;
                case Role::heading:
                    if (!inlines.empty()) {
                        model::Heading h;
                        h.level = f.level;
                        h.explicit_id = f.id;
                        h.content = std::move(inlines);
                        out.push_back(model::Block{std::move(h), f.pos, {}});
                    }
                    break;
                case Role::summary:
                    // start_tag gives this role only to the first <summary> of the
                    // <details> right below it, and nothing is pushed above a text frame.
                    assert(parent.kind == Kind::details && !parent.has_summary);
                    parent.summary = std::move(inlines);
                    parent.has_summary = true;
                    return;
                case Role::figcaption:
                    if (parent.kind == Kind::figure) {
                        parent.figcaption = std::move(inlines);
                        return;
                    }
                    make_paragraph_blocks(std::move(inlines), f.pos, out);
                    break;
                case Role::cell:
                    if (parent.kind == Kind::row) {
                        parent.cells.push_back(model::TableCell{std::move(inlines)});
                        parent.aligns.push_back(f.align);
                        parent.all_header_cells = parent.all_header_cells && f.header_cell;
                        return;
                    }
                    make_paragraph_blocks(std::move(inlines), f.pos, out);
                    break;
            }
            apply_lang(out, f.lang);
            deliver(std::move(out), captionable);
            return;
        }
        case Kind::pre: {
            std::string code = std::move(f.code);
            if (!code.empty() && code.front() == '\n') code.erase(0, 1);  // as HTML drops it
            while (!code.empty() && (code.back() == '\n' || code.back() == ' ')) code.pop_back();
            out.push_back(model::Block{model::CodeBlock{f.code_lang, std::move(code)}, f.pos, {}});
            apply_lang(out, f.lang);
            deliver(std::move(out), false);
            return;
        }
        default: break;
    }
    flush_loose(f);
    switch (f.kind) {
        case Kind::transparent:
            if (!f.component.empty() && f.blocks.empty())
                ctx_->empty_component(f.component, f.pos);
            out = std::move(f.blocks);
            captionable = f.captionable_last;
            break;
        case Kind::blockquote: {
            model::BlockQuote q;
            q.blocks = std::move(f.blocks);
            split_attribution(q);
            out.push_back(model::Block{std::move(q), f.pos, {}});
            break;
        }
        case Kind::details: {
            model::Details d;
            d.summary = std::move(f.summary);
            d.blocks = std::move(f.blocks);
            out.push_back(model::Block{std::move(d), f.pos, {}});
            break;
        }
        case Kind::figure: {
            // The <figcaption> captions the first picture, else stands as a paragraph.
            const auto first = std::find_if(f.blocks.begin(), f.blocks.end(), [](const model::Block& b) {
                return std::holds_alternative<model::Figure>(b.node);
            });
            const bool placed = first != f.blocks.end();
            if (has_visible(f.figcaption)) {
                if (placed) std::get<model::Figure>(first->node).caption = std::move(f.figcaption);
                else f.blocks.push_back(model::Block{model::Paragraph{std::move(f.figcaption)}, f.pos, {}});
            }
            out = std::move(f.blocks);
            break;
        }
        case Kind::list: {
            if (f.items.empty()) break;
            model::List list;
            list.ordered = f.ordered;
            list.start = f.start;
            list.tight = std::all_of(f.items.begin(), f.items.end(),
                                     [](const model::ListItem& i) { return i.blocks.size() <= 1; });
            list.items = std::move(f.items);
            out.push_back(model::Block{std::move(list), f.pos, {}});
            break;
        }
        case Kind::item:
            if (parent.kind == Kind::list) {
                apply_lang(f.blocks, f.lang);
                parent.items.push_back(model::ListItem{std::nullopt, std::move(f.blocks)});
                return;
            }
            out = std::move(f.blocks);
            break;
        case Kind::row:
            if (parent.kind == Kind::table) {
                parent.rows.push_back(std::move(f.cells));
                parent.row_aligns.push_back(std::move(f.aligns));
                parent.header_rows.push_back(parent.in_thead || (f.all_header_cells && !parent.rows.back().empty()));
                for (auto& b : f.blocks) parent.blocks.push_back(std::move(b));
                return;
            }
            for (auto& c : f.cells) make_paragraph_blocks(std::move(c.content), f.pos, out);
            for (auto& b : f.blocks) out.push_back(std::move(b));
            break;
        case Kind::table: {
            std::size_t columns = 0;
            for (const auto& r : f.rows) columns = std::max(columns, r.size());
            if (columns > 0) {
                model::Table table;
                std::size_t first_body = 0;
                if (f.header_rows.front()) {
                    table.header = std::move(f.rows.front());
                    first_body = 1;
                }
                table.columns.assign(columns, model::Align::none);
                for (const auto& aligns : f.row_aligns) {
                    for (std::size_t c = 0; c < aligns.size() && c < columns; ++c)
                        if (table.columns[c] == model::Align::none) table.columns[c] = aligns[c];
                }
                if (!table.header.empty()) table.header.resize(columns);
                for (std::size_t r = first_body; r < f.rows.size(); ++r) {
                    f.rows[r].resize(columns);
                    table.rows.push_back(std::move(f.rows[r]));
                }
                out.push_back(model::Block{std::move(table), f.pos, {}});
            }
            for (auto& b : f.blocks) out.push_back(std::move(b));
            break;
        }
        default: break;
    }
    apply_lang(out, f.lang);
    deliver(std::move(out), captionable);
}

void BlockBuilder::add_block(model::Block block) {
    while (top().kind == Kind::text || top().kind == Kind::pre) close_top();
    if (top().kind == Kind::drop) return;
    model::Blocks one;
    one.push_back(std::move(block));
    deliver(std::move(one), false);
}

void BlockBuilder::add_paragraph(model::Inlines inlines, const SourcePos& pos) {
    Frame& f = top();
    if (f.kind == Kind::drop) return;
    if (f.kind == Kind::text) {
        InlineBuilder& ib = loose(f);
        if (ib.has_content()) ib.add(model::Inline{model::SoftBreak{}, pos});
        for (auto& n : inlines) ib.add(std::move(n));
        return;
    }
    while (top().kind == Kind::pre) close_top();
    model::Blocks made;
    const bool figure = make_paragraph_blocks(std::move(inlines), pos, made);
    deliver(std::move(made), figure);
}

void BlockBuilder::html(const html::Token& t, const SourcePos& pos) {
    Frame& f = top();
    if (f.kind == Kind::drop) {
        // <video><source src="..."></video>: the first source is the address to print.
        if (t.kind == html::Token::Kind::start_tag && t.name == "source" && f.embed && f.embed->url.empty())
            if (const std::string* src = t.attribute("src")) f.embed->url = *src;
        if (t.kind == html::Token::Kind::start_tag && t.name == f.tag && !t.self_closing) ++f.drop_nesting;
        if (t.kind == html::Token::Kind::end_tag && t.name == f.tag && f.drop_nesting-- == 0) close_top();
        return;
    }
    if (f.kind == Kind::pre) {
        if (t.kind == html::Token::Kind::text) f.code += t.text;
        else if (t.kind == html::Token::Kind::start_tag && t.name == "code" && f.code_lang.empty()) f.code_lang = code_language(t);
        else if (t.kind == html::Token::Kind::start_tag && t.name == "br") f.code += '\n';
        else if (t.kind == html::Token::Kind::end_tag && t.name == "pre") close_top();
        return;
    }
    switch (t.kind) {
        case html::Token::Kind::comment:
        case html::Token::Kind::other: return;
        case html::Token::Kind::start_tag: start_tag(t, pos); return;
        case html::Token::Kind::end_tag: end_tag(t, pos); return;
        case html::Token::Kind::text:
            if (f.kind == Kind::text) {
                loose(f).html(t, pos);
                return;
            }
            if (is_blank(t.text) && !(f.inl && f.inl->has_content())) return;
            if (f.kind == Kind::list) {
                if (depth() >= kMaxBlockDepth) { loose(f).html(t, pos); return; }
                push(Kind::item, "li", pos);
            }
            loose(top()).html(t, pos);
            return;
    }
}

void BlockBuilder::start_tag(const html::Token& t, const SourcePos& pos) {
    const bool component = is_component(t);
    // Components are classified by nothing but being components (<Details> is no <details>).
    const std::string name = component ? std::string() : t.name;
    if (is_dropped_element(name)) {
        if (top().kind == Kind::text) {
            loose(top()).html(t, pos);  // the text frame's builder drops it (and says so)
            return;
        }
        std::optional<EmbedAddress> address = embed_address(t, *ctx_->words);
        const bool media = name == "video" || name == "audio";
        ctx_->drop(name, pos, address.has_value() || media);
        if (t.self_closing || html::is_void_element(name)) {
            if (address) add_paragraph({embed_link(*ctx_, *address, pos)}, pos);
            return;
        }
        // push() works through the loose run first, so text before the drop keeps its
        // place; a drop frame is cheap, so no depth limit.
        push(Kind::drop, name, pos);
        if (address) top().embed = std::move(address);
        else if (name == "video" || name == "audio") top().embed = EmbedAddress{{}, embed_label(t, *ctx_->words)};
        return;
    }
    if (is_hidden(t) && top().kind != Kind::text) {
        if (t.self_closing || (!component && html::is_void_element(name))) return;
        push(Kind::drop, t.name, pos);
        return;
    }
    Frame& f = top();
    const bool block = is_block_element(name);
    const int level = heading_level(name);

    if (f.kind == Kind::text) {
        // Inside a paragraph-like element. HTML closes <p> and headings when a block
        // starts; summaries, captions and cells keep it as part of their text.
        const bool closes = block && (f.role == Role::paragraph || f.role == Role::heading);
        const bool new_cell = (name == "td" || name == "th" || name == "tr") && f.role == Role::cell;
        const bool closes_summary = (f.role == Role::summary || f.role == Role::figcaption) &&
                                    (name == "p" || name == "div" || name == "ul" || name == "ol" || name == "table" ||
                                     name == "blockquote" || level > 0 || name == "details" || name == "pre");
        if (!(closes || new_cell || closes_summary)) {
            loose(f).html(t, pos);
            return;
        }
        close_top();
        start_tag(t, pos);
        return;
    }

    if (!block) {
        const bool inline_element = !component && (name == "a" || name == "span" || name == "br" || name == "img" ||
                                                    name == "em" || name == "i" || name == "strong" || name == "b" ||
                                                    name == "code" || name == "sup" || name == "sub" || name == "s" ||
                                                    name == "del" || name == "strike" || name == "kbd" || name == "small" ||
                                                    name == "u" || name == "mark" || name == "abbr" || name == "cite" ||
                                                    name == "q" || name == "time" || name == "ins" || name == "wbr" ||
                                                    name == "tt" || name == "var" || name == "samp" || name == "font" ||
                                                    name == "label" || name == "bdi" || name == "bdo" || name == "dfn" ||
                                                    name == "big" || name == "nobr" || name == "data" || name == "button" ||
                                                    html::is_void_element(name));
        const bool as_inline = inline_element || (component && t.attribute("href")) ||
                               (f.inl && f.inl->has_content()) || t.self_closing;
        if (as_inline) {
            if (f.kind == Kind::list && !t.self_closing && !html::is_void_element(name)) push(Kind::item, "li", pos);
            loose(top()).html(t, pos);
            return;
        }
        // An unknown element or a component around block content: its content stays.
        if (depth() >= kMaxBlockDepth) { ++overflow_[t.name]; return; }
        Frame tr;
        tr.kind = Kind::transparent;
        tr.tag = t.name;
        tr.pos = pos;
        if (const std::string* lang = t.attribute("lang")) tr.lang = *lang;
        if (component) tr.component = t.raw_name;
        push(std::move(tr));
        return;
    }

    if (name == "hr") {
        model::Blocks one;
        one.push_back(model::Block{model::ThematicBreak{}, pos, {}});
        deliver(std::move(one), false);
        return;
    }
    if (t.self_closing) return;  // <div/> holds nothing
    if (depth() >= kMaxBlockDepth && name != "td" && name != "th") {
        ++overflow_[name];
        return;
    }
    // Implied end tags (HTML's "generate implied end tags" in a small form).
    if (name == "li") {
        if (top().kind == Kind::item) {
            const std::size_t at = frames_.size() - 1;
            if (at >= 1 && frames_[at - 1].kind == Kind::list) close_top();
        }
    } else if (name == "tr") {
        if (top().kind == Kind::row) close_top();
    } else if (name == "td" || name == "th") {
        if (top().kind == Kind::table) push(Kind::row, "tr", pos);
    } else if (name == "thead" || name == "tbody" || name == "tfoot") {
        if (top().kind == Kind::row) close_top();
        if (top().kind == Kind::table) top().in_thead = name == "thead";
        return;
    }

    Frame n;
    n.tag = name;
    n.pos = pos;
    if (const std::string* lang = t.attribute("lang")) n.lang = *lang;
    if (name == "p" || name == "caption" || name == "dt") {
        n.kind = Kind::text;
        n.role = Role::paragraph;
        n.caption_class = has_class(t, "caption");
    } else if (level > 0) {
        n.kind = Kind::text;
        n.role = Role::heading;
        n.level = level;
        if (const std::string* id = t.attribute("id")) n.id = *id;
    } else if (name == "summary") {
        n.kind = Kind::text;
        n.role = top().kind == Kind::details && !top().has_summary ? Role::summary : Role::paragraph;
    } else if (name == "figcaption") {
        n.kind = Kind::text;
        n.role = Role::figcaption;
    } else if (name == "td" || name == "th") {
        n.kind = Kind::text;
        n.role = Role::cell;
        n.header_cell = name == "th";
        n.align = cell_align(t);
    } else if (name == "blockquote") {
        n.kind = Kind::blockquote;
    } else if (name == "details") {
        n.kind = Kind::details;
    } else if (name == "figure") {
        n.kind = Kind::figure;
    } else if (name == "ul" || name == "ol" || name == "menu") {
        n.kind = Kind::list;
        n.ordered = name == "ol";
        n.start = parse_int(t.attribute("start"), 1);
    } else if (name == "li") {
        n.kind = Kind::item;
    } else if (name == "table") {
        n.kind = Kind::table;
    } else if (name == "tr") {
        n.kind = Kind::row;
    } else if (name == "pre") {
        n.kind = Kind::pre;
        n.code_lang = code_language(t);
    } else {
        n.kind = Kind::transparent;  // div, section, aside, article, dl, dd, ...
    }
    push(std::move(n));
}

void BlockBuilder::end_tag(const html::Token& t, const SourcePos& pos) {
    const std::string& name = t.name;
    if (auto it = overflow_.find(name); it != overflow_.end() && it->second > 0) {
        --it->second;
        return;
    }
    Frame& f = top();
    if (f.inl && f.inl->is_open(name)) {
        f.inl->html(t, pos);
        return;
    }
    if ((name == "thead" || name == "tbody" || name == "tfoot")) {
        if (f.kind == Kind::row) close_top();
        if (top().kind == Kind::table) top().in_thead = false;
        return;
    }
    if (const auto at = find_frame(name)) {
        close_to(*at);
        return;
    }
    // "</p>" with nothing open, "</br>": like browsers, a line break for </br>.
    if (name == "br") loose(f).html(html::Token{html::Token::Kind::start_tag, "br", "br", {}, false, false, {}, t.offset}, pos);
}

model::Blocks BlockBuilder::finish() {
    close_to(1);
    flush_loose(frames_[0]);
    model::Blocks out = std::move(frames_[0].blocks);
    frames_[0].blocks.clear();
    return out;
}

}  // namespace booklet::markdown

#include "html.hpp"

#include "booklet/ascii.hpp"
#include "braces.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace booklet::markdown::html {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
bool starts_with_ci(std::string_view s, std::size_t at, std::string_view prefix) {
    return at <= s.size() && ascii_iequal(s.substr(at, prefix.size()), prefix);
}

// Characters a tag name may contain: letters, digits, '-', '_', ':', '.' (Svelte's
// <svelte:head>, <Foo.Bar>, custom elements).
bool is_name_char(char c) { return is_alnum(c) || c == '-' || c == '_' || c == ':' || c == '.'; }

// Windows-1252 meanings of the C1 range, used for &#128;..&#159; (HTML numeric
// character reference end state).
constexpr std::array<char32_t, 32> kC1 = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

}  // namespace

const std::string* Token::attribute(std::string_view attribute_name) const {
    for (const auto& a : attributes)
        if (a.name == attribute_name) return &a.value;
    return nullptr;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string decode_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t amp = text.find('&', i);
        if (amp == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, amp - i));
        std::size_t j = amp + 1;
        bool done = false;
        if (j < text.size() && text[j] == '#') {
            ++j;
            const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
            if (hex) ++j;
            const std::size_t digits_start = j;
            char32_t cp = 0;
            bool overflow = false;
            while (j < text.size() && (hex ? std::isxdigit(static_cast<unsigned char>(text[j])) != 0 : is_digit(text[j]))) {
                const char c = text[j];
                const unsigned v = is_digit(c) ? unsigned(c - '0') : unsigned(ascii_lower(c) - 'a' + 10);
                if (cp > 0x10FFFF) overflow = true;  // keep reading digits, value is invalid anyway
                else cp = cp * (hex ? 16 : 10) + v;
                ++j;
            }
            if (j > digits_start && j - digits_start <= 16 && j < text.size() && text[j] == ';') {
                if (overflow) cp = 0xFFFD;
                if (cp >= 0x80 && cp <= 0x9F) cp = kC1[cp - 0x80];
                append_utf8(out, cp);
                i = j + 1;
                done = true;
            }
        } else {
            while (j < text.size() && j - amp <= 32 && is_alnum(text[j])) ++j;
            if (j > amp + 1 && j < text.size() && text[j] == ';') {
                if (const char32_t cp = named_entity(text.substr(amp + 1, j - amp - 1))) {
                    append_utf8(out, cp);
                    i = j + 1;
                    done = true;
                }
            }
        }
        if (!done) {
            out += '&';
            i = amp + 1;
        }
    }
    return out;
}

bool is_void_element(std::string_view name) {
    static constexpr std::string_view kVoid[] = {"area", "base", "br", "col", "embed", "hr", "img",
                                                 "input", "link", "meta", "param", "source", "track", "wbr"};
    return std::find(std::begin(kVoid), std::end(kVoid), name) != std::end(kVoid);
}

bool is_raw_text_element(std::string_view name) {
    static constexpr std::string_view kRaw[] = {"script", "style", "textarea", "title", "xmp",
                                                "iframe", "noembed", "noframes"};
    return std::find(std::begin(kRaw), std::end(kRaw), name) != std::end(kRaw);
}

namespace {

class Tokenizer {
public:
    explicit Tokenizer(std::string_view in)
        : in_(in), last_double_(in.rfind('"')), last_single_(in.rfind('\'')) {}

    std::vector<Token> run() {
        std::size_t text_start = 0;
        while (pos_ < in_.size()) {
            const std::size_t lt = in_.find('<', pos_);
            if (lt == std::string_view::npos) break;
            pos_ = lt;
            // Try to read markup at '<'; on success the text before it is emitted first.
            Token markup;
            std::size_t end = 0;
            if (read_markup(lt, markup, end)) {
                emit_text(text_start, lt);
                pos_ = end;
                const bool raw = markup.kind == Token::Kind::start_tag && !markup.self_closing &&
                                 is_raw_text_element(markup.name);
                const std::string name = markup.name;
                tokens_.push_back(std::move(markup));
                if (raw) read_raw_text(name);
                text_start = pos_;
            } else {
                pos_ = lt + 1;  // a lone '<' is text
            }
        }
        emit_text(text_start, in_.size());
        return std::move(tokens_);
    }

private:
    void emit_text(std::size_t from, std::size_t to) {
        if (to <= from) return;
        Token t;
        t.kind = Token::Kind::text;
        t.text = decode_entities(in_.substr(from, to - from));
        t.offset = from;
        tokens_.push_back(std::move(t));
    }

    // Content of a raw text element up to its end tag (or the end of the input).
    void read_raw_text(const std::string& name) {
        std::size_t search = pos_;
        std::size_t close = std::string_view::npos;
        while (search < in_.size()) {
            const std::size_t lt = in_.find("</", search);
            if (lt == std::string_view::npos) break;
            const std::size_t after = lt + 2 + name.size();
            if (starts_with_ci(in_, lt + 2, name) && (after >= in_.size() || is_space(in_[after]) ||
                                                      in_[after] == '>' || in_[after] == '/')) {
                close = lt;
                break;
            }
            search = lt + 2;
        }
        const std::size_t content_end = close == std::string_view::npos ? in_.size() : close;
        if (content_end > pos_) {
            Token t;
            t.kind = Token::Kind::text;
            t.raw_text = true;
            const std::string_view content = in_.substr(pos_, content_end - pos_);
            t.text = (name == "textarea" || name == "title") ? decode_entities(content) : std::string(content);
            t.offset = pos_;
            tokens_.push_back(std::move(t));
        }
        pos_ = content_end;
        if (close != std::string_view::npos) {
            Token end_tag;
            std::size_t end = 0;
            if (read_markup(close, end_tag, end)) {
                tokens_.push_back(std::move(end_tag));
                pos_ = end;
            }
        }
    }

    // Reads a tag, comment or declaration at in_[lt] == '<'. Returns false when the
    // text there is not markup.
    bool read_markup(std::size_t lt, Token& t, std::size_t& end) {
        t.offset = lt;
        std::size_t i = lt + 1;
        if (i >= in_.size()) return false;
        if (in_.substr(i, 3) == "!--") {
            const std::size_t close = in_.find("-->", i + 3);
            t.kind = Token::Kind::comment;
            const std::size_t content_end = close == std::string_view::npos ? in_.size() : close;
            t.text = std::string(in_.substr(i + 3, content_end - (i + 3)));
            end = close == std::string_view::npos ? in_.size() : close + 3;
            return true;
        }
        if (in_[i] == '!' || in_[i] == '?') {  // <!DOCTYPE>, <![CDATA[ ]]>, <?xml ?>
            if (in_.substr(i, 8) == "![CDATA[") {
                const std::size_t close = in_.find("]]>", i + 8);
                t.kind = Token::Kind::text;
                const std::size_t content_end = close == std::string_view::npos ? in_.size() : close;
                t.text = std::string(in_.substr(i + 8, content_end - (i + 8)));
                t.raw_text = true;
                end = close == std::string_view::npos ? in_.size() : close + 3;
                return true;
            }
            const std::size_t close = in_.find('>', i);
            t.kind = Token::Kind::other;
            end = close == std::string_view::npos ? in_.size() : close + 1;
            return true;
        }
        const bool closing = in_[i] == '/';
        if (closing) ++i;
        if (i >= in_.size() || !is_alpha(in_[i])) return false;
        const std::size_t name_start = i;
        while (i < in_.size() && is_name_char(in_[i])) ++i;
        t.raw_name = std::string(in_.substr(name_start, i - name_start));
        t.name = ascii_lower(t.raw_name);
        t.kind = closing ? Token::Kind::end_tag : Token::Kind::start_tag;
        // Attributes until '>'. A tag that never ends is not a tag: the '<' is text.
        while (true) {
            while (i < in_.size() && is_space(in_[i])) ++i;
            if (i >= in_.size()) return false;
            const char c = in_[i];
            if (c == '>') {
                end = i + 1;
                return true;
            }
            if (c == '/') {
                if (i + 1 < in_.size() && in_[i + 1] == '>') {
                    t.self_closing = true;
                    end = i + 2;
                    return true;
                }
                ++i;
                continue;
            }
            if (c == '<' ) return false;  // "<a <b>": the first is not a tag
            // Attribute name: anything up to space, '=', '>', or "/>".
            const std::size_t an = i;
            if (c == '{') {
                // Svelte spread/shorthand attribute {...props}: skip the expression.
                if (!skip_braces(i)) return false;
                continue;
            }
            while (i < in_.size() && !is_space(in_[i]) && in_[i] != '=' && in_[i] != '>' &&
                   !(in_[i] == '/' && i + 1 < in_.size() && in_[i + 1] == '>') && in_[i] != '<')
                ++i;
            Attribute attr;
            attr.name = ascii_lower(in_.substr(an, i - an));
            while (i < in_.size() && is_space(in_[i])) ++i;
            if (i < in_.size() && in_[i] == '=') {
                ++i;
                while (i < in_.size() && is_space(in_[i])) ++i;
                if (i >= in_.size()) return false;
                const char q = in_[i];
                if (q == '"' || q == '\'') {
                    // Knowing where the last quote is keeps a page full of unclosed
                    // quotes linear: the failing search costs nothing.
                    const std::size_t last = q == '"' ? last_double_ : last_single_;
                    if (last == std::string_view::npos || last <= i) return false;
                    const std::size_t close = in_.find(q, i + 1);
                    if (close == std::string_view::npos) return false;
                    attr.value = decode_entities(in_.substr(i + 1, close - i - 1));
                    i = close + 1;
                } else if (q == '{') {
                    const std::size_t vs = i;
                    if (!skip_braces(i)) return false;
                    attr.value = std::string(in_.substr(vs, i - vs));
                } else {
                    const std::size_t vs = i;
                    while (i < in_.size() && !is_space(in_[i]) && in_[i] != '>') ++i;
                    attr.value = decode_entities(in_.substr(vs, i - vs));
                }
            }
            if (!attr.name.empty() && t.attributes.size() < 256) t.attributes.push_back(std::move(attr));
        }
    }

    // Skips a balanced {...} expression starting at in_[i] == '{'. Its length is
    // bounded so that many unclosed braces stay cheap; returns false when it does
    // not close within the bound.
    bool skip_braces(std::size_t& i) {
        constexpr std::size_t kMaxExpression = 2048;
        const std::size_t close = brace_end(in_, i, kMaxExpression);
        if (close == std::string_view::npos) return false;
        i = close + 1;
        return true;
    }

    std::string_view in_;
    std::size_t last_double_;
    std::size_t last_single_;
    std::size_t pos_ = 0;
    std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> tokenize(std::string_view input) { return Tokenizer(input).run(); }

}  // namespace booklet::markdown::html

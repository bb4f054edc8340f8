#include "template_js.hpp"

#include "html.hpp"

namespace booklet::markdown::js {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_ident(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
}
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

class Reader {
public:
    Reader(std::string_view in, std::size_t base) : in_(in), base_(base) {}

    Value value(int depth) {
        skip_blank();
        Value v;
        v.offset = base_ + pos_;
        if (pos_ >= in_.size()) return v;
        const char c = in_[pos_];
        if (depth > kMaxJsDepth) {
            skip_other();
            return v;
        }
        const std::size_t start = pos_;
        if (c == '\'' || c == '"' || c == '`') {
            v = c == '`' ? template_string() : plain_string();
            v.offset = base_ + start + 1;  // a string's text starts after its quote
        } else if (c == '[' || c == '{') {
            v = c == '[' ? array(depth) : object(depth);
            v.offset = base_ + start;
        } else {
            skip_other();
            return v;
        }
        // `'a' + b`, `[...].map(f)`: an expression built from the literal is not a literal.
        skip_blank();
        if (pos_ < in_.size() && !ends_value(in_[pos_])) {
            skip_other();
            return Value{Value::Kind::other, {}, v.offset, 0, {}, {}};
        }
        return v;
    }

    bool at_end() {
        skip_blank();
        return pos_ >= in_.size();
    }

private:
    static bool ends_value(char c) { return c == ',' || c == ']' || c == '}' || c == ')'; }

    void skip_blank() {
        while (pos_ < in_.size()) {
            if (is_space(in_[pos_])) {
                ++pos_;
            } else if (in_.substr(pos_, 2) == "//") {
                const std::size_t nl = in_.find('\n', pos_);
                pos_ = nl == std::string_view::npos ? in_.size() : nl + 1;
            } else if (in_.substr(pos_, 2) == "/*") {
                const std::size_t end = in_.find("*/", pos_ + 2);
                pos_ = end == std::string_view::npos ? in_.size() : end + 2;
            } else {
                return;
            }
        }
    }

    // A '...' or "..." literal at pos_.
    Value plain_string() {
        const char q = in_[pos_++];
        const std::size_t start = pos_;
        while (pos_ < in_.size() && in_[pos_] != q) pos_ += in_[pos_] == '\\' ? 2 : 1;
        const std::size_t end = std::min(pos_, in_.size());
        if (pos_ < in_.size()) ++pos_;
        Value v;
        v.kind = Value::Kind::string;
        v.text = unescape(in_.substr(start, end - start));
        return v;
    }

    // A `...` literal at pos_: its text, with each ${...} left out and counted.
    Value template_string() {
        ++pos_;
        Value v;
        v.kind = Value::Kind::string;
        std::size_t chunk = pos_;
        // The text around a ${...} left out keeps one space where it had two.
        const auto flush = [&](std::size_t end) {
            std::string part = unescape(in_.substr(chunk, end - chunk));
            if (v.interpolations > 0 && !v.text.empty() && v.text.back() == ' ' && !part.empty() && part.front() == ' ')
                part.erase(0, 1);
            v.text += part;
        };
        while (pos_ < in_.size() && in_[pos_] != '`') {
            if (in_[pos_] == '\\') {
                pos_ += 2;
            } else if (in_.substr(pos_, 2) == "${") {
                flush(pos_);
                pos_ += 2;
                skip_expression(Until::interpolation_end);
                if (pos_ < in_.size()) ++pos_;  // its '}'
                ++v.interpolations;
                chunk = pos_;
            } else {
                ++pos_;
            }
        }
        flush(std::min(pos_, in_.size()));
        if (pos_ < in_.size()) ++pos_;
        return v;
    }

    // The body of an array or object literal: members separated by commas up to
    // `closer`. `member` reads one member and says whether it did; what cannot be
    // read is skipped, so the scan always moves on.
    template <class Member>
    Value members(Value::Kind kind, char closer, Member member) {
        ++pos_;
        Value v;
        v.kind = kind;
        const auto stray_closer = [&] {
            const char c = in_[pos_];
            return c != closer && (c == ']' || c == '}' || c == ')');
        };
        while (true) {
            skip_blank();
            if (pos_ >= in_.size()) return v;
            if (in_[pos_] == closer) {
                ++pos_;
                return v;
            }
            if (in_[pos_] == ',') {  // a hole: [a,,b]
                ++pos_;
                continue;
            }
            if (!member(v)) continue;
            skip_blank();
            if (pos_ < in_.size() && in_[pos_] == ',') ++pos_;
            else if (pos_ < in_.size() && in_[pos_] != closer) skip_other();  // never stuck
            if (pos_ < in_.size() && stray_closer()) ++pos_;
        }
    }

    Value array(int depth) {
        return members(Value::Kind::array, ']', [&](Value& v) {
            if (in_.substr(pos_, 3) == "...") {
                pos_ += 3;
                skip_other();
            } else {
                v.items.push_back(value(depth + 1));
            }
            return true;
        });
    }

    Value object(int depth) {
        return members(Value::Kind::object, '}', [&](Value& v) {
            const char c = in_[pos_];
            std::string key;
            if (c == '\'' || c == '"') {
                key = plain_string().text;
            } else if (is_ident(c)) {
                const std::size_t start = pos_;
                while (pos_ < in_.size() && is_ident(in_[pos_])) ++pos_;
                key = std::string(in_.substr(start, pos_ - start));
            } else {  // ...spread, [computed]: not a literal field
                skip_other();
                if (pos_ < in_.size() && (in_[pos_] == ']' || in_[pos_] == ')')) ++pos_;
                return false;
            }
            skip_blank();
            if (pos_ < in_.size() && in_[pos_] == ':') {
                ++pos_;
                v.fields.emplace_back(std::move(key), value(depth + 1));
            } else if (pos_ < in_.size() && in_[pos_] == '(') {  // a method: never a value
                skip_other();
            } else {
                v.fields.emplace_back(std::move(key), Value{});  // shorthand { title }
            }
            return true;
        });
    }

    // Where an expression being skipped ends: at the ',' or closer that ends a
    // member of a list or object, or at the '}' that ends a ${...}.
    enum class Until { member_end, interpolation_end };

    // Walks over an expression — strings, template strings and comments whole,
    // brackets nested — and stops, without consuming it, where `until` says (or at
    // the end). Inside ${...} a stray ')' or ']' is stepped over.
    void skip_expression(Until until) {
        int level = 0;
        while (pos_ < in_.size()) {
            const char c = in_[pos_];
            if (c == '\'' || c == '"') {
                plain_string();
            } else if (c == '`') {
                template_string();
            } else if (in_.substr(pos_, 2) == "//" || in_.substr(pos_, 2) == "/*") {
                skip_blank();
            } else if (c == '(' || c == '[' || c == '{') {
                ++level;
                ++pos_;
            } else if (c == ')' || c == ']' || c == '}') {
                if (level == 0 && (until == Until::member_end || c == '}')) return;
                if (level > 0) --level;
                ++pos_;
            } else if (c == ',' && level == 0 && until == Until::member_end) {
                return;
            } else {
                ++pos_;
            }
        }
    }

    void skip_other() { skip_expression(Until::member_end); }

    std::string_view in_;
    std::size_t base_;
    std::size_t pos_ = 0;
};

}  // namespace

const Value* Value::string_field(std::span<const std::string_view> names) const {
    for (std::string_view name : names)
        for (const auto& [key, value] : fields)
            if (key == name && value.kind == Kind::string) return &value;
    return nullptr;
}

Value read_expression(std::string_view input, std::size_t base) {
    Reader r(input, base);
    Value v = r.value(0);
    if (!r.at_end()) return Value{Value::Kind::other, {}, v.offset, 0, {}, {}};
    return v;
}

std::string unescape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[++i];
        switch (c) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': break;
            case 'b': case 'f': case 'v': out += ' '; break;
            case '0': out += ' '; break;
            case '\n': break;  // a line continuation
            case 'x':
                if (i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
                    html::append_utf8(out, static_cast<char32_t>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
                    i += 2;
                } else {
                    out += c;
                }
                break;
            case 'u': {
                char32_t cp = 0;
                std::size_t j = i + 1;
                const bool braced = j < s.size() && s[j] == '{';
                if (braced) ++j;
                int digits = 0;
                while (j < s.size() && hex_value(s[j]) >= 0 && digits < (braced ? 6 : 4)) {
                    cp = cp * 16 + static_cast<char32_t>(hex_value(s[j]));
                    ++j;
                    ++digits;
                }
                if (braced && j < s.size() && s[j] == '}') ++j;
                if (digits == 0) {
                    out += c;
                    break;
                }
                html::append_utf8(out, cp);  // lone surrogates become U+FFFD
                i = j - 1;
                break;
            }
            default: out += c;  // \' \" \\ \` \$ and anything else stand for themselves
        }
    }
    return out;
}

}  // namespace booklet::markdown::js

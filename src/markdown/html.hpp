// A small HTML tokenizer for the raw HTML found in Markdown pages (internal to
// src/markdown). It is not a browser: it splits text into tags, text and comments,
// decodes character references and parses attributes, and that is all.
//
// Guarantees: never throws on any input, runs in time linear in the input (each
// byte is looked at a bounded number of times), and every byte of the input ends
// up in exactly one token, so offsets map tokens back to file positions.
// Rules follow the outline of the WHATWG HTML tokenizer (section 13.2.5) where it
// matters for real pages: raw-text elements (script, style, ...) swallow their
// content up to the matching end tag, a '<' that does not start a tag is text,
// attribute values may be quoted, unquoted, or Svelte {expressions}.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::markdown::html {

struct Attribute {
    std::string name;   // lower-cased
    std::string value;  // character references decoded
};

struct Token {
    enum class Kind { text, start_tag, end_tag, comment, other };
    Kind kind = Kind::text;
    std::string name;        // tag name, lower-cased ("widgetconsent")
    std::string raw_name;    // tag name as written ("WidgetConsent")
    std::vector<Attribute> attributes;
    bool self_closing = false;  // written "<x/>"
    bool raw_text = false;      // text token that is the content of script/style/...
    std::string text;           // text: decoded (raw text: verbatim); comment: its content
    std::size_t offset = 0;     // byte offset of the token in the input

    const std::string* attribute(std::string_view attribute_name) const;
};

std::vector<Token> tokenize(std::string_view input);

// Decodes named (&amp;), decimal (&#39;) and hexadecimal (&#x27;) references; an
// unknown or unterminated reference stays as written. Code points that cannot be
// encoded (0, surrogates, above U+10FFFF) become U+FFFD; 0x80-0x9F are read as
// Windows-1252, as browsers do.
std::string decode_entities(std::string_view text);

// Appends the UTF-8 encoding of a code point (U+FFFD for invalid ones).
void append_utf8(std::string& out, char32_t cp);

// The code point of a named character reference, or 0 when unknown.
char32_t named_entity(std::string_view name);

// For the unit test: the table must stay sorted for its binary search.
bool entity_table_is_sorted();

// Element classes the converter needs.
bool is_void_element(std::string_view name);       // br, img, hr, input, ...
bool is_raw_text_element(std::string_view name);   // script, style, textarea, ...

}  // namespace booklet::markdown::html

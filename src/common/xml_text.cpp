#include "booklet/xml_text.hpp"

namespace booklet {

void append_xml_escaped(std::string& out, std::string_view text, bool attribute) {
    out.reserve(out.size() + text.size() + text.size() / 8);
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += attribute ? "&quot;" : "\""; break;
        case '\t': case '\n': case '\r': out += attribute ? ' ' : c; break;
        default: out += c;
        }
    }
}

}  // namespace booklet

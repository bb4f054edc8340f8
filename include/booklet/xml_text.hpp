// Text into XML (the EPUB's XHTML, a cleaned SVG): one escaper for every writer.
#pragma once

#include <string>
#include <string_view>

namespace booklet {

// Appends `text` with &, < and > escaped; in an attribute value (`attribute`)
// also the double quote, and tabs and line breaks become spaces, as an XML
// parser's attribute-value normalisation would make them anyway (XML 1.0,
// 3.3.3). The text is taken as it is: characters XML does not allow must be
// removed before.
void append_xml_escaped(std::string& out, std::string_view text, bool attribute);

}  // namespace booklet

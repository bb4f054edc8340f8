#include "metadata.hpp"

#include "booklet/dates.hpp"

#include <cstdio>

namespace booklet::pdf {

namespace {

std::string xml_escaped(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                // XML 1.0 has no place for the other C0 controls.
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') out += c;
        }
    }
    return out;
}

// An ISO 8601 date in UTC, as XMP writes dates.
std::string xmp_date(std::int64_t seconds) {
    const CivilTime t = civil_from_epoch(seconds);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(t.year), t.month, t.day,
                  t.hour, t.minute, t.second);
    return text;
}

std::string alternative(const char* property, const std::string& value) {
    return std::string("   <") + property + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(value) +
           "</rdf:li></rdf:Alt></" + property + ">\n";
}

std::string simple(const char* property, const std::string& value) {
    return std::string("   <") + property + ">" + xml_escaped(value) + "</" + property + ">\n";
}

}  // namespace

std::string xmp_metadata(const pages::DocumentInfo& info, bool tagged) {
    std::string body;
    if (!info.title.empty()) body += alternative("dc:title", info.title);
    if (!info.author.empty())
        body += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escaped(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!info.subject.empty()) body += alternative("dc:description", info.subject);
    if (!info.language.empty())
        body += "   <dc:language><rdf:Bag><rdf:li>" + xml_escaped(info.language) + "</rdf:li></rdf:Bag></dc:language>\n";
    if (!info.creator.empty()) body += simple("xmp:CreatorTool", info.creator);
    const CivilTime t = civil_from_epoch(info.date);
    if (info.date != 0 && t.year >= 0 && t.year <= 9999) {
        body += simple("xmp:CreateDate", xmp_date(info.date));
        body += simple("xmp:ModifyDate", xmp_date(info.date));
    }
    body += simple("pdf:Producer", "booklet");
    if (!info.keywords.empty()) body += simple("pdf:Keywords", info.keywords);
    if (tagged) body += simple("pdfuaid:part", "1");
    return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
           "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
           " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
           "  <rdf:Description rdf:about=\"\"\n"
           "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
           "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
           "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
           "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
           body +
           "  </rdf:Description>\n"
           " </rdf:RDF>\n"
           "</x:xmpmeta>\n"
           "<?xpacket end=\"w\"?>";
}

}  // namespace booklet::pdf

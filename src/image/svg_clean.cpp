// SVG images made safe to embed: parsed with libxml2 (no DTD loading, no entity
// substitution, no network), then written out again from an allow-list of drawing
// elements and attributes. What is not on the list is left out and named.
#include "booklet/image.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/xml_text.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <string_view>

namespace booklet::image {
namespace {

constexpr const char* kSvgNs = "http://www.w3.org/2000/svg";
constexpr const char* kXlinkNs = "http://www.w3.org/1999/xlink";
constexpr const char* kXmlNs = "http://www.w3.org/XML/1998/namespace";

// SVG 1.1 drawing elements (the schema epubcheck validates against). Left out on
// purpose: script, foreignObject, animation (animate, set, ...: they can rewrite
// href), feImage and cursor (external references), font elements, iframe-likes.
const std::set<std::string_view> kElements = {
    "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "style", "a",  // <a> is unwrapped
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting",
    "feSpotLight", "feTile", "feTurbulence"};

// SVG 1.1 geometry and presentation attributes. No event handlers (on*), and the
// references (href, url(...)) are checked apart.
const std::set<std::string_view> kAttributes = {
    "id", "class", "style", "transform", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width",
    "height", "d", "points", "viewBox", "preserveAspectRatio", "version", "fill", "fill-opacity", "fill-rule",
    "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "stroke-opacity", "opacity", "color", "display", "visibility", "overflow", "clip",
    "clip-path", "clip-rule", "mask", "filter", "font-family", "font-size", "font-weight", "font-style",
    "font-variant", "font-stretch", "font-size-adjust", "text-anchor", "dominant-baseline", "alignment-baseline",
    "baseline-shift", "letter-spacing", "word-spacing", "text-decoration", "writing-mode", "direction",
    "unicode-bidi", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "offset",
    "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "patternUnits",
    "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "markerWidth",
    "markerHeight", "markerUnits", "refX", "refY", "orient", "marker-start", "marker-mid", "marker-end", "marker",
    "filterUnits", "primitiveUnits", "filterRes", "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2",
    "k3", "k4", "values", "type", "flood-color", "flood-opacity", "lighting-color", "radius", "baseFrequency",
    "numOctaves", "seed", "stitchTiles", "scale", "xChannelSelector", "yChannelSelector", "tableValues", "slope",
    "intercept", "amplitude", "exponent", "order", "kernelMatrix", "divisor", "bias", "targetX", "targetY",
    "edgeMode", "kernelUnitLength", "preserveAlpha", "surfaceScale", "diffuseConstant", "specularConstant",
    "specularExponent", "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle",
    "shape-rendering", "text-rendering", "image-rendering", "color-rendering", "color-interpolation",
    "color-interpolation-filters", "color-profile", "enable-background", "pathLength", "systemLanguage",
    "requiredFeatures", "requiredExtensions"};

// Budgets: the file, the elements it has, and the elements a renderer draws once
// every <use> is followed (a chain of uses of uses grows exponentially).
constexpr std::size_t kMaxSvgBytes = 4u << 20;
constexpr std::size_t kMaxElements = 100000;
constexpr std::size_t kMaxDrawn = 200000;
constexpr int kMaxDepth = 64;

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct ParserFree {
    void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string text_of(const xmlChar* s) { return s ? reinterpret_cast<const char*>(s) : ""; }
std::string_view name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

bool in_namespace(const xmlNode* n, const char* uri) {
    return n->ns && n->ns->href && std::strcmp(reinterpret_cast<const char*>(n->ns->href), uri) == 0;
}

// CSS (a style attribute or element) that can reach nothing outside the file:
// no @import, no url() but url(#id), no escapes that could hide either, no
// scripting extensions of old browsers.
bool css_is_safe(std::string_view css) {
    const std::string s = lower(css);
    for (const char* bad : {"@import", "expression", "javascript:", "behavior", "-moz-binding", "\\", "@font-face"})
        if (s.find(bad) != std::string::npos) return false;
    for (std::size_t at = s.find("url("); at != std::string::npos; at = s.find("url(", at + 4)) {
        std::size_t i = at + 4;
        while (i < s.size() && (s[i] == ' ' || s[i] == '"' || s[i] == '\'')) ++i;
        if (i >= s.size() || s[i] != '#') return false;
    }
    return true;
}

class Cleaner {
public:
    explicit Cleaner(const std::string& name) : name_(name) {}

    SvgCleaned run(xmlNode* root) {
        if (!root || root->type != XML_ELEMENT_NODE || name_of(root) != "svg")
            throw Error(SourcePos{name_}, "not an SVG image (its root element is not <svg>)", "image-decode");
        index(root, 0);
        if (drawn(root) > kMaxDrawn)
            throw Error(SourcePos{name_},
                        "SVG draws more than " + std::to_string(kMaxDrawn) + " elements once its <use> references are followed; refused",
                        "image-decode");
        SvgCleaned out;
        out.text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        element(out.text, root, true);
        out.text += "\n";
        out.removed.assign(removed_.begin(), removed_.end());
        return out;
    }

private:
    // Ids and the element count, with the depth bound.
    void index(xmlNode* n, int depth) {
        if (depth > kMaxDepth)
            throw Error(SourcePos{name_}, "SVG nested more than " + std::to_string(kMaxDepth) + " elements deep; refused",
                        "image-decode");
        for (xmlNode* c = n; c; c = depth == 0 ? nullptr : c->next) {
            if (c->type != XML_ELEMENT_NODE) continue;
            if (++elements_ > kMaxElements)
                throw Error(SourcePos{name_}, "SVG has more than " + std::to_string(kMaxElements) + " elements; refused",
                            "image-decode");
            if (const xmlChar* id = xmlGetProp(c, reinterpret_cast<const xmlChar*>("id"))) {
                ids_.emplace(text_of(id), c);
                xmlFree(const_cast<xmlChar*>(id));
            }
            if (c->children) index(c->children, depth + 1);
        }
    }

    // Elements drawn under `n` with <use> references followed; a reference cycle
    // counts as over the budget.
    std::size_t drawn(const xmlNode* n) {
        if (const auto it = drawn_.find(n); it != drawn_.end()) return it->second;
        if (!visiting_.insert(n).second) return kMaxDrawn + 1;
        std::size_t total = 1;
        if (name_of(n) == "use")
            if (const xmlNode* target = use_target(n)) total += drawn(target);
        for (const xmlNode* c = n->children; c && total <= kMaxDrawn; c = c->next)
            if (c->type == XML_ELEMENT_NODE) total += drawn(c);
        visiting_.erase(n);
        total = std::min(total, kMaxDrawn + 1);
        drawn_[n] = total;
        return total;
    }

    const xmlNode* use_target(const xmlNode* n) const {
        for (const xmlAttr* a = n->properties; a; a = a->next) {
            if (std::string_view(reinterpret_cast<const char*>(a->name)) != "href") continue;
            xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
            const std::string value = text_of(v);
            xmlFree(v);
            if (value.size() > 1 && value[0] == '#')
                if (const auto it = ids_.find(value.substr(1)); it != ids_.end()) return it->second;
        }
        return nullptr;
    }

    bool allowed_element(const xmlNode* n) const {
        const bool svg_ns = !n->ns || in_namespace(n, kSvgNs);
        return svg_ns && kElements.count(name_of(n));
    }

    void element(std::string& out, const xmlNode* n, bool root) {
        out += '<';
        out += name_of(n);
        if (root) {
            out += " xmlns=\"";
            out += kSvgNs;
            out += "\" xmlns:xlink=\"";
            out += kXlinkNs;
            out += '"';
        }
        attributes(out, n);
        if (name_of(n) == "style") {
            out += '>';
            style_text(out, n);
            out += "</style>";
            return;
        }
        std::string inner;
        children(inner, n);
        if (inner.empty()) {
            out += "/>";
            return;
        }
        out += '>';
        out += inner;
        out += "</";
        out += name_of(n);
        out += '>';
    }

    void children(std::string& out, const xmlNode* n) {
        for (const xmlNode* c = n->children; c; c = c->next) {
            switch (c->type) {
            case XML_ELEMENT_NODE:
                // A link whose target went (only "#id" would stay) is a group:
                // its drawing is kept, the link itself is not.
                if (name_of(c) == "a" && allowed_element(c)) {
                    if (c->properties) removed_.insert("a link");
                    children(out, c);
                }
                else if (allowed_element(c)) element(out, c, false);
                else removed_.insert("<" + std::string(name_of(c)) + ">");
                break;
            case XML_TEXT_NODE:
            case XML_CDATA_SECTION_NODE: {
                append_xml_escaped(out, text_of(c->content), false);
                break;
            }
            case XML_ENTITY_REF_NODE:
                removed_.insert("entity &" + std::string(name_of(c)) + ";");
                break;
            default: break;  // comments and processing instructions carry nothing to draw
            }
        }
    }

    void style_text(std::string& out, const xmlNode* n) {
        xmlChar* v = xmlNodeGetContent(n);
        const std::string css = text_of(v);
        xmlFree(v);
        if (css_is_safe(css)) append_xml_escaped(out, css, false);
        else removed_.insert("a <style> sheet with outside references");
    }

    void attributes(std::string& out, const xmlNode* n) {
        for (const xmlAttr* a = n->properties; a; a = a->next) {
            const std::string attr_name = reinterpret_cast<const char*>(a->name);
            xmlChar* v = xmlNodeListGetString(n->doc, a->children, 1);
            const std::string value = text_of(v);
            xmlFree(v);
            const bool xlink = a->ns && std::strcmp(reinterpret_cast<const char*>(a->ns->href), kXlinkNs) == 0;
            const bool xml = a->ns && std::strcmp(reinterpret_cast<const char*>(a->ns->href), kXmlNs) == 0;
            std::string written;
            if (attr_name == "href" && (xlink || !a->ns)) {
                // Only a reference inside the file: "#id".
                if (value.size() > 1 && value[0] == '#' && value.find_first_of(" \t\n\"'()") == std::string::npos) written = "xlink:href";
                else removed_.insert("a reference outside the file");
            } else if (xml && (attr_name == "space" || attr_name == "lang")) {
                written = "xml:" + attr_name;
            } else if (a->ns) {
                removed_.insert(attr_name + "=");
            } else if (attr_name.rfind("on", 0) == 0) {
                removed_.insert("event handler " + attr_name + "=");
            } else if (!kAttributes.count(attr_name)) {
                removed_.insert(attr_name + "=");
            } else if (!css_is_safe(value)) {
                removed_.insert(attr_name == "style" ? "a style with outside references" : "a value with outside references");
            } else {
                written = attr_name;
            }
            if (written.empty()) continue;
            out += ' ';
            out += written;
            out += "=\"";
            append_xml_escaped(out, value, true);
            out += '"';
        }
    }

    const std::string& name_;
    std::size_t elements_ = 0;
    std::map<std::string, const xmlNode*> ids_;
    std::map<const xmlNode*, std::size_t> drawn_;
    std::set<const xmlNode*> visiting_;
    std::set<std::string> removed_;
};

}  // namespace

SvgCleaned clean_svg(std::span<const std::uint8_t> data, const std::string& name) {
    if (data.size() > kMaxSvgBytes)
        throw Error(SourcePos{name}, "SVG image too large (" + std::to_string(data.size() >> 10) + " KiB; at most " +
                                         std::to_string(kMaxSvgBytes >> 20) + " MiB)",
                    "image-decode");
    xmlInitParser();
    std::unique_ptr<xmlParserCtxt, ParserFree> ctx(xmlNewParserCtxt());
    if (!ctx) throw Error(SourcePos{name}, "out of memory reading the SVG", "image-decode");
    // No DTD loading, no entity substitution (XML_PARSE_NOENT stays off), no
    // network; parse errors are ours to report, not libxml2's to print.
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(ctx.get(), reinterpret_cast<const char*>(data.data()),
                                                          static_cast<int>(data.size()), nullptr, nullptr, options));
    if (!doc) {
        const xmlError* e = xmlCtxtGetLastError(ctx.get());
        std::string why = e && e->message ? excerpt(e->message, 120) : "malformed XML";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw Error(SourcePos{name, e ? e->line : 0, 0}, "SVG is not well-formed XML (" + why + ")", "image-decode");
    }
    Cleaner cleaner(name);
    SvgCleaned out = cleaner.run(xmlDocGetRootElement(doc.get()));
    if (doc->intSubset || doc->extSubset) {
        out.removed.push_back("the DOCTYPE");
        std::sort(out.removed.begin(), out.removed.end());
    }
    return out;
}

}  // namespace booklet::image

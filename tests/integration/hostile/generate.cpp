// hostile_generate DIR: writes every hostile case into DIR/<case>/ (files and
// symbolic links) and prints, per case, the command that builds it. For measuring
// by hand, e.g. with /usr/bin/time -v; the replay test makes the same cases itself.
#include "hostile_inputs.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    const fs::path out = argv[1];
    for (const auto& c : booklet::test::hostile_cases()) {
        const fs::path dir = out / c.name;
        booklet::test::materialise(c, dir);
        std::string command = c.env.empty() ? "" : "env ";
        for (const auto& [k, v] : c.env) command += k + "=" + v + " ";
        command += "booklet build " + (c.manifest[0] == '/' ? c.manifest : (dir / c.manifest).string());
        for (const auto& a : c.args) command += " '" + a + "'";
        command += " -o " + (dir / "out").string();
        std::printf("%s\t%s\n", c.name.c_str(), command.c_str());
    }
    return 0;
}

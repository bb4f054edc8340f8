#include "run_tool.hpp"

#include "scratch.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace booklet::pdf_test {

namespace fs = std::filesystem;

std::string quoted(const fs::path& p) {
    std::string s = "'";
    for (char c : p.string()) s += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return s + "'";
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = test::scratch_folder("pdf-test") / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

ToolResult run_tool(const std::string& command) {
    const fs::path dir = fresh_dir("tool-output");
    const fs::path out = dir / "stdout", err = dir / "stderr";
    const std::string full = command + " >" + quoted(out) + " 2>" + quoted(err);
    const int status = std::system(full.c_str());
    ToolResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    fs::remove_all(dir);
    return r;
}

}  // namespace booklet::pdf_test

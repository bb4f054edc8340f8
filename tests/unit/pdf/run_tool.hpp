// Running the real PDF tools (poppler-utils, qpdf) from tests.
#pragma once

#include <filesystem>
#include <string>

namespace booklet::pdf_test {

struct ToolResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs a shell command with stdout and stderr captured separately. The command
// must be on PATH (scripts/setup.sh test installs poppler-utils and qpdf).
ToolResult run_tool(const std::string& command);

std::string quoted(const std::filesystem::path& p);
std::string slurp(const std::filesystem::path& p);

// A fresh empty directory under the system temp folder.
std::filesystem::path fresh_dir(const std::string& name);

}  // namespace booklet::pdf_test

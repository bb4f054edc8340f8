// Command-line arguments as values. Parsing never touches files; a malformed
// command line is a UsageError (exit code 2).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace booklet::cli {

class UsageError : public std::runtime_error {
public:
    UsageError(std::string message, std::string command)
        : std::runtime_error(std::move(message)), command_(std::move(command)) {}
    const std::string& command() const { return command_; }  // for the help hint

private:
    std::string command_;
};

enum class Format { pdf, epub };

struct BuildOptions {
    std::filesystem::path manifest = "content/booklet.yaml";
    std::vector<Format> formats{Format::pdf, Format::epub};
    std::string style;                 // empty: the manifest's, else "booklet"
    std::vector<std::string> overrides;  // --set key=value
    std::filesystem::path out_dir = "out";
    bool impose = false;
    bool quiet = false;
};

struct InspectOptions {
    std::filesystem::path input;       // a .md page or a manifest
    bool json = false;
    std::string base_url;              // for a single page: resolves site-relative links
    std::string dump = "tree";         // tree | citations | lines | pages
    std::string style;                 // for citations, lines, pages: empty = the manifest's, else booklet
    std::vector<std::string> overrides;  // --set key=value
};

struct CheckOptions {
    std::filesystem::path manifest = "content/booklet.yaml";
};

struct StylesOptions {};

struct HelpRequest {
    std::string text;
};

struct VersionRequest {};

using Invocation =
    std::variant<HelpRequest, VersionRequest, BuildOptions, InspectOptions, CheckOptions, StylesOptions>;

Invocation parse_arguments(const std::vector<std::string>& args);

std::string help_text(const std::string& command);  // "" = the overview

}  // namespace booklet::cli

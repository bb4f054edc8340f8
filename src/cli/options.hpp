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

enum class DiagnosticsFormat { text, json };

// How problems and progress are shown; the same for build, check and watch.
struct ReportOptions {
    bool quiet = false;    // -q: no warnings and no progress; errors are still shown
    bool strict = false;   // --strict: every warning counts as an error
    DiagnosticsFormat format = DiagnosticsFormat::text;
    bool timings = false;  // --timings: seconds per stage after the build
};

// Where a build writes: a folder (NAME.pdf, NAME.epub, NAME-print.pdf in it), one
// file named by the user (its extension chose the format), or standard output.
struct OutputSpec {
    enum class Kind { folder, file, standard_output };
    Kind kind = Kind::folder;
    std::filesystem::path path = "out";  // folder or file; unused for standard output
};

// Where prepared pictures are kept between builds (image::PictureCache). Parsing
// reads no environment: the standard folder is found when a build starts
// (picture_cache_folder).
struct CacheOption {
    enum class Kind { standard, folder, none };
    Kind kind = Kind::standard;    // $XDG_CACHE_HOME/booklet, else $HOME/.cache/booklet
    std::filesystem::path folder;  // Kind::folder: --cache-dir DIR
};

struct BuildOptions {
    // A manifest, a folder, Markdown pages, or "-" (a page on standard input).
    // Empty: booklet.yaml in the working folder, else content/booklet.yaml.
    std::vector<std::string> inputs;
    std::vector<Format> formats{Format::pdf, Format::epub};
    std::string style;                   // empty: the manifest's, else per format
    std::vector<std::string> overrides;  // --set key=value
    std::string base_url;                // --base-url, checked: the site of /site-relative links,
                                         // in place of the manifest's base_url
    OutputSpec output;
    bool impose = false;
    int jobs = 0;  // --jobs: 1 in turn, 2 side by side; 0: 2 where the machine has two cores
    ReportOptions report;
    CacheOption cache;                   // --cache-dir DIR, --no-cache
};

// check reads and renders like build (same inputs, style and --set) but writes nothing.
struct CheckOptions {
    BuildOptions build;
};

// watch builds, then rebuilds whenever one of the build's inputs changes.
struct WatchOptions {
    BuildOptions build;
};

struct InspectOptions {
    std::string input;                 // a page, a folder or a manifest
    bool json = false;
    std::string base_url;              // for pages without a manifest: resolves site-relative links
    std::string dump = "tree";         // tree | citations | lines | pages
    std::string style;                 // for citations, lines, pages: empty = the manifest's, else booklet
    std::vector<std::string> overrides;  // --set key=value
};

struct InitOptions {
    std::filesystem::path folder = ".";
    bool force = false;                // replace an existing booklet.yaml
};

struct StylesOptions {};

struct HelpRequest {
    std::string text;
};

struct VersionRequest {};

using Invocation = std::variant<HelpRequest, VersionRequest, BuildOptions, CheckOptions, WatchOptions,
                                InspectOptions, InitOptions, StylesOptions>;

Invocation parse_arguments(const std::vector<std::string>& args);

std::string help_text(const std::string& command);  // "" = the overview

}  // namespace booklet::cli

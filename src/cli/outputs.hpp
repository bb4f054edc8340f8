// The files a build writes, staged first and put in place together at the end:
// a build that fails halfway (an error, --strict, a full disk) leaves every
// earlier output as it was and no half-written file behind.
#pragma once

#include "options.hpp"

#include "booklet/atomic_file.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace booklet::cli {

class OutputSet {
public:
    // `name` is the booklet's file name without extension (folder outputs).
    OutputSet(OutputSpec spec, std::string name);
    // Nothing will be kept: every file goes to a private temporary folder (check).
    static OutputSet throwaway();
    ~OutputSet();  // removes whatever was staged and not committed
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    OutputSet(OutputSet&&) noexcept;
    OutputSet& operator=(OutputSet&&) = delete;

    // A path to write one output to: `variant` is ".pdf", ".epub" or "-print.pdf".
    std::filesystem::path stage(const std::string& variant);
    // What a user calls a staged file: its target, "standard output", or (check)
    // the name it would have; the staged path itself for any other.
    std::string shown_as(const std::filesystem::path& staged) const;

    // Moves every staged file to its place (or copies it to standard output) and
    // returns where each went: "out/booklet.pdf", or "-" for standard output.
    std::vector<std::string> commit();
    // The previous outputs the commit replaced (OutputBatch::commit), for the caller
    // to free when it likes; otherwise they go with this set.
    ReplacedFiles take_replaced() { return std::move(replaced_); }

private:
    struct Staged {
        std::filesystem::path temp;
        std::filesystem::path target;  // empty: standard output
    };
    std::filesystem::path target_for(const std::string& variant) const;

    OutputSpec spec_;
    std::string name_;
    std::filesystem::path temp_folder_;  // standard output and throwaway files stage here
    bool throwaway_ = false;
    std::vector<Staged> staged_;
    OutputBatch files_;  // the staged files that have a target: renamed into place together
    ReplacedFiles replaced_;
    std::vector<std::filesystem::path> cleaned_;  // folders cleared of killed builds' temporary files
};

}  // namespace booklet::cli

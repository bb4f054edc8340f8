// A folder of the test process's own for the files a test writes, under the
// system's temporary folder, removed with everything in it when the process ends:
// a run of the suite leaves nothing behind (a folder per process id once piled up
// in /tmp), and two suites running at once never share one.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace booklet::test {

class ScratchFolder {
public:
    explicit ScratchFolder(const std::string& name)
        : path_(std::filesystem::temp_directory_path() / ("booklet-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchFolder() {
        std::error_code ignored;  // nothing to report from an exiting process
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// The process's scratch folder, made on first use; `name` says whose (the first
// call's is kept: one test program, one folder).
inline const std::filesystem::path& scratch_folder(const std::string& name) {
    static const ScratchFolder folder(name);
    return folder.path();
}

// `name` in the process's scratch folder (scratch_folder(program)), emptied: a
// test's own folder, as a build it runs would find it new.
inline std::filesystem::path fresh_scratch_folder(const std::string& program, const std::string& name) {
    std::filesystem::path folder = scratch_folder(program) / name;
    std::filesystem::remove_all(folder);
    return folder;
}

}  // namespace booklet::test

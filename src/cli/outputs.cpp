#include "outputs.hpp"

#include "booklet/diagnostics.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdlib.h>
#include <utility>

namespace booklet::cli {
namespace fs = std::filesystem;

namespace {

fs::path make_temp_folder() {
    std::string pattern = (fs::temp_directory_path() / "booklet-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
        throw Error({pattern}, std::string("cannot create a temporary folder: ") + std::strerror(errno), "output");
    return pattern;
}

void create_folder(const fs::path& folder) {
    if (folder.empty()) return;
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) throw Error({folder.string()}, "cannot create the output folder: " + ec.message(), "output");
}

void copy_to_standard_output(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::cout << in.rdbuf();
    std::cout.flush();
    if (!in || !std::cout) throw Error({"<stdout>"}, "cannot write to standard output", "output");
}

}  // namespace

OutputSet::OutputSet(OutputSpec spec, std::string name) : spec_(std::move(spec)), name_(std::move(name)) {}

OutputSet OutputSet::throwaway() {
    OutputSet set({OutputSpec::Kind::standard_output, {}}, "check");
    set.throwaway_ = true;
    return set;
}

OutputSet::OutputSet(OutputSet&& other) noexcept
    : spec_(std::move(other.spec_)),
      name_(std::move(other.name_)),
      temp_folder_(std::exchange(other.temp_folder_, {})),
      throwaway_(other.throwaway_),
      staged_(std::exchange(other.staged_, {})),
      files_(std::move(other.files_)),
      cleaned_(std::exchange(other.cleaned_, {})) {}

OutputSet::~OutputSet() {
    std::error_code ignored;
    for (const auto& s : staged_)
        if (s.target.empty()) fs::remove(s.temp, ignored);  // files_ removes its own
    if (!temp_folder_.empty()) fs::remove_all(temp_folder_, ignored);
}

fs::path OutputSet::target_for(const std::string& variant) const {
    switch (spec_.kind) {
        case OutputSpec::Kind::folder: return spec_.path / (name_ + variant);
        case OutputSpec::Kind::file: {
            if (variant != "-print.pdf") return spec_.path;
            fs::path p = spec_.path;
            return p.replace_filename(p.stem().string() + "-print.pdf");
        }
        case OutputSpec::Kind::standard_output: return {};
    }
    return {};
}

std::string OutputSet::shown_as(const fs::path& staged) const {
    for (const auto& s : staged_) {
        if (s.temp != staged) continue;
        if (!s.target.empty()) return s.target.string();
        return throwaway_ ? s.temp.filename().string() : "standard output";
    }
    return staged.string();
}

fs::path OutputSet::stage(const std::string& variant) {
    const fs::path target = throwaway_ ? fs::path() : target_for(variant);
    fs::path temp;
    if (target.empty()) {
        if (temp_folder_.empty()) temp_folder_ = make_temp_folder();
        temp = temp_folder_ / (name_ + variant);
    } else {
        // Next to the target, so that putting it in place is a rename (OutputBatch);
        // what a killed build left there goes first, as nothing could remove it then.
        // Once per folder, before anything of this build is staged there.
        const fs::path folder = target.parent_path();
        create_folder(folder);
        if (std::find(cleaned_.begin(), cleaned_.end(), folder) == cleaned_.end()) {
            remove_temporary_files(folder);
            cleaned_.push_back(folder);
        }
        temp = files_.stage(target);
    }
    staged_.push_back({temp, target});
    return temp;
}

std::vector<std::string> OutputSet::commit() {
    std::vector<std::string> where;
    if (throwaway_) return where;
    replaced_ = files_.commit();
    for (const auto& s : staged_) {
        if (s.target.empty()) copy_to_standard_output(s.temp);
        where.push_back(s.target.empty() ? "-" : s.target.string());
    }
    staged_.clear();
    return where;
}

}  // namespace booklet::cli

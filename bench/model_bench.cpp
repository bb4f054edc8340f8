// The Markdown stage's speed: every page of a corpus read, its template syntax
// read, converted to the model and typeset (markdown::build_document), as often as
// asked. A tool, not a test: it reads ../shared/corpus.
//
//   cmake --build BUILD --target model_bench
//   BUILD/bench/model_bench /work/shared/corpus [--runs 11]
//
// Prints the median thread CPU time of one build of the whole document (pages
// read from disk included) and bytes of Markdown per second.
#include "booklet/markdown.hpp"
#include "booklet/source.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace booklet;

namespace {

double thread_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: model_bench CORPUS [--runs N]\n");
        return 2;
    }
    const fs::path corpus = argv[1];
    int runs = 11;
    for (int i = 2; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
    source::Manifest manifest;
    manifest.file = corpus / "booklet.yaml";
    manifest.root = corpus;
    manifest.language = "en";
    manifest.base_url = "https://pauseai.info";
    std::uintmax_t bytes = 0;
    for (const auto& entry : fs::directory_iterator(corpus / "pauseai-en" / "posts"))
        if (entry.path().extension() == ".md") manifest.pages.push_back(entry.path());
    manifest.pages.push_back(corpus / "seed" / "digitale-hersenen.nl.md");
    std::sort(manifest.pages.begin(), manifest.pages.end());
    for (const auto& p : manifest.pages) bytes += fs::file_size(p);
    manifest.assets = {corpus / "pauseai-en" / "images"};

    std::vector<double> times;
    std::size_t warnings = 0, chapters = 0;
    for (int r = 0; r < runs; ++r) {
        Diagnostics diags;
        const double start = thread_seconds();
        const model::Document doc = markdown::build_document(manifest, diags);
        times.push_back(thread_seconds() - start);
        warnings = diags.warning_count();
        chapters = doc.chapters.size();
    }
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2];
    std::printf("%zu pages, %zu chapters, %ju bytes, %zu warnings\n", manifest.pages.size(), chapters, bytes, warnings);
    std::printf("build_document: median %.1f ms (min %.1f, max %.1f) over %d runs, %.1f MB/s\n", median * 1e3,
                times.front() * 1e3, times.back() * 1e3, runs, static_cast<double>(bytes) / median / 1e6);
    return 0;
}

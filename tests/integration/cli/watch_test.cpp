// booklet watch on a copy of content/: one rebuild per change to a page, an image,
// the style or the manifest, started within a second of the change (10 ms after a
// save, later while a file is half written); nothing for a file the booklet does
// not read; SIGTERM ends it cleanly.
#include "booklet/source_dir.hpp"
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// `booklet watch ...` as a child process whose standard output is read line by line.
class Watcher {
public:
    explicit Watcher(const std::vector<std::string>& args, const fs::path& log) {
        int fds[2];
        REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            const int err = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(err, STDERR_FILENO);
            std::vector<char*> argv;
            std::string binary = BOOKLET_BINARY;
            argv.push_back(binary.data());
            std::vector<std::string> copy = args;
            for (auto& a : copy) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(binary.c_str(), argv.data());
            ::_exit(127);
        }
        ::close(fds[1]);
        out_ = fds[0];
    }
    ~Watcher() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(out_);
    }
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    // The next line of output, or nothing when none comes within `timeout`.
    std::optional<std::string> line(std::chrono::milliseconds timeout) {
        const auto until = Clock::now() + timeout;
        for (;;) {
            if (const auto nl = buffer_.find('\n'); nl != std::string::npos) {
                std::string l = buffer_.substr(0, nl);
                buffer_.erase(0, nl + 1);
                return l;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
            if (left <= 0) return std::nullopt;
            pollfd p{out_, POLLIN, 0};
            if (::poll(&p, 1, static_cast<int>(left)) <= 0) continue;
            char chunk[4096];
            const ssize_t n = ::read(out_, chunk, sizeof chunk);
            if (n <= 0) return std::nullopt;
            buffer_.append(chunk, static_cast<std::size_t>(n));
        }
    }

    int stop() {
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    pid_t pid_ = -1;
    int out_ = -1;
    std::string buffer_;
};

// "12:00:01 path changed: built out/x.pdf in 0.84 s": the build's own seconds.
double build_seconds(const std::string& line) {
    std::smatch m;
    REQUIRE(std::regex_search(line, m, std::regex(" in ([0-9.]+) s")));
    return std::stod(m[1]);
}

// The seconds the last rebuild waited for its change to settle, from --timings in
// the log ("...; 0.002 waited for the change to settle").
double last_wait(const fs::path& log) {
    std::ifstream in(log);
    std::optional<double> waited;
    const std::regex said("; ([0-9.]+) waited for the change to settle");
    for (std::string line; std::getline(in, line);)
        if (std::smatch m; std::regex_search(line, m, said)) waited = std::stod(m[1]);
    REQUIRE(waited);
    return *waited;
}

void append(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::app) << text;
}

// A paragraph put first in a page, after its front matter: everything after it
// moves, on its page and on the pages that follow.
void insert_first_paragraph(const fs::path& file, const std::string& text) {
    std::ifstream in(file);
    std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto end = page.find("\n---\n", 4);
    REQUIRE(end != std::string::npos);
    page.insert(end + 5, "\n" + text + "\n");
    std::ofstream(file, std::ios::trunc) << page;
}

}  // namespace

TEST_CASE("watch: one rebuild per change, within a second, only for what the booklet reads") {
    const fs::path dir = fs::path(BOOKLET_CLI_OUT) / "watch";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(fs::path(BOOKLET_SOURCE_DIR) / "content", dir / "content", fs::copy_options::recursive);
    std::ofstream(dir / "mine.yaml") << "extends: booklet\n";
    const fs::path log = dir / "watch.log";

    Watcher w({"watch", (dir / "content").string(), "--style", (dir / "mine.yaml").string(), "--format", "pdf",
               "-o", (dir / "out").string(), "-q", "--timings"},
              log);
    const auto first = w.line(std::chrono::seconds(120));
    REQUIRE(first);
    INFO(*first);
    CHECK(std::regex_search(*first, std::regex("^[0-9]{2}:[0-9]{2}:[0-9]{2} built .*booklet\\.pdf in [0-9.]+ s$")));
    REQUIRE(fs::exists(dir / "out" / "booklet.pdf"));

    // What one change must give: exactly one status line, naming the file, whose
    // build started within a second of the change.
    const auto one_rebuild = [&](const std::string& what, const std::function<void()>& change) {
        INFO(what);
        const auto changed_at = Clock::now();
        change();
        const auto line = w.line(std::chrono::seconds(120));
        REQUIRE(line);
        INFO(*line);
        const double seen = std::chrono::duration<double>(Clock::now() - changed_at).count();
        CHECK(line->find(what + " changed: built") != std::string::npos);
        CHECK(seen - build_seconds(*line) < 1.0);
        const auto extra = w.line(std::chrono::milliseconds(1500));  // and no second one
        CHECK_FALSE(extra);
        if (extra) UNSCOPED_INFO("extra line: " << *extra);
    };

    one_rebuild("digitale-hersenen.nl.md",
                [&] { append(dir / "content" / "digitale-hersenen.nl.md", "\nEen nieuwe alinea.\n"); });
    CHECK(std::system(("pdftotext " + (dir / "out" / "booklet.pdf").string() + " - | grep -q 'Een nieuwe alinea'").c_str()) == 0);
    // A save that wrote its file: the build starts once the burst has been quiet
    // for 2 ms, not 100 (a busy machine may add to the wait).
    CHECK(last_wait(log) < 0.095);

    // A save the way some editors make it, slowly: the page moved away, a new one
    // written in two parts, the old one removed, 30 ms between the steps. One
    // build, once the new page is written, of the whole of it.
    one_rebuild("digitale-hersenen.nl.md", [&] {
        const fs::path page = dir / "content" / "digitale-hersenen.nl.md";
        const fs::path backup = dir / "content" / "digitale-hersenen.nl.md~";
        std::ifstream in(page);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        in.close();
        fs::rename(page, backup);
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        std::ofstream out(page);
        out << text << "\nDe eerste helft." << std::flush;
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        out << " De tweede helft.\n";
        out.close();
        fs::remove(backup);
    });
    // The page was written 60 ms after it was moved away; the wait is counted from
    // when watch read that first event, which a busy machine may delay.
    CHECK(last_wait(log) >= 0.03);
    const std::string second_half = "pdftotext " + (dir / "out" / "booklet.pdf").string() + " - | grep -q 'De tweede helft'";
    CHECK(std::system(second_half.c_str()) == 0);

    // An editor's way of saving: write a new file, rename it over the old one.
    one_rebuild("pipeline.png", [&] {
        fs::copy_file(dir / "content" / "images" / "pipeline.png", dir / "content" / "images" / ".pipeline.png.new");
        fs::rename(dir / "content" / "images" / ".pipeline.png.new", dir / "content" / "images" / "pipeline.png");
    });
    one_rebuild("mine.yaml", [&] { append(dir / "mine.yaml", "# a comment\n"); });
    one_rebuild("booklet.yaml", [&] { append(dir / "content" / "booklet.yaml", "# a comment\n"); });

    // Files the booklet does not read change nothing.
    append(dir / "content" / "notes.txt", "not a page\n");
    append(dir / "content" / ".digitale-hersenen.nl.md.swp", "editor state\n");
    append(dir / "unrelated.md", "outside every watched folder\n");
    CHECK_FALSE(w.line(std::chrono::milliseconds(1500)));

    // watch keeps the paragraphs it shaped and set from build to build; after all
    // these edits what it wrote is what a clean build of the same files writes,
    // byte for byte.
    one_rebuild("digitale-hersenen.nl.md", [&] {
        insert_first_paragraph(dir / "content" / "digitale-hersenen.nl.md", "Een alinea vooraan, die alles verschuift.");
    });
    const std::string clean = std::string(BOOKLET_BINARY) + " build " + (dir / "content").string() + " --style " +
                              (dir / "mine.yaml").string() + " --format pdf -o " + (dir / "clean").string() + " -q";
    REQUIRE(std::system(clean.c_str()) == 0);
    CHECK(std::system(("cmp " + (dir / "out" / "booklet.pdf").string() + " " + (dir / "clean" / "booklet.pdf").string())
                          .c_str()) == 0);

    CHECK(w.stop() == 0);
}

// What a rebuild takes from the builds before it — pages read and converted,
// paragraphs set, the PDF's streams, the EPUB's deflated entries — must leave both
// files as a clean build writes them; a picture a page looked for in vain that
// then appears converts that page again.
TEST_CASE("watch: PDF and EPUB after edits and a picture that appears are a clean build's, byte for byte") {
    const fs::path dir = fs::path(BOOKLET_CLI_OUT) / "watch-both";
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(fs::path(BOOKLET_SOURCE_DIR) / "content", dir / "content", fs::copy_options::recursive);
    const fs::path page = dir / "content" / "making-this-booklet.md";
    append(page, "\n![A picture added later](images/added-later.png)\n");

    Watcher w({"watch", (dir / "content").string(), "-o", (dir / "out").string(), "-q"}, dir / "watch.log");
    REQUIRE(w.line(std::chrono::seconds(120)));
    const auto rebuilt = [&](const std::string& what) {
        const auto line = w.line(std::chrono::seconds(120));
        REQUIRE(line);
        INFO(*line);
        CHECK(line->find(what + " changed: built") != std::string::npos);
    };
    append(page, "\nA paragraph added while watching.\n");
    rebuilt("making-this-booklet.md");
    fs::copy_file(dir / "content" / "images" / "pipeline.png", dir / "content" / "images" / ".added-later.png.new");
    fs::rename(dir / "content" / "images" / ".added-later.png.new", dir / "content" / "images" / "added-later.png");
    rebuilt("added-later.png");
    CHECK(w.stop() == 0);

    const std::string clean = std::string(BOOKLET_BINARY) + " build " + (dir / "content").string() + " -o " +
                              (dir / "clean").string() + " -q";
    REQUIRE(std::system(clean.c_str()) == 0);
    for (const char* file : {"booklet.pdf", "booklet.epub"}) {
        INFO(file);
        CHECK(std::system(("cmp " + (dir / "out" / file).string() + " " + (dir / "clean" / file).string()).c_str()) == 0);
    }
    // The picture is in the book, not its alt text in its place.
    CHECK(std::system(("unzip -l " + (dir / "out" / "booklet.epub").string() + " | grep -q 'added-later'").c_str()) == 0);
}

// booklet watch: build, wait for a change to something the build read, build again.
//
// Folders are watched rather than files: editors save by writing a new file and
// renaming it over the old one, which a watch on the old file would lose. An event
// counts when it names a file of the last build's WatchList, or a new page, image,
// style or manifest in one of its folders. Events that come in a burst (a save
// that writes, renames and touches) make one rebuild, started once the burst has
// been quiet for a while (kQuietOnceWritten, kQuietWhileWriting: why, and how long).
#include "commands.hpp"
#include "inputs.hpp"
#include "report.hpp"
#include "session.hpp"

#include "booklet/diagnostics.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <set>

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace booklet::cli {
namespace fs = std::filesystem;

namespace {

volatile std::sig_atomic_t g_stop = 0;  // set by SIGINT or SIGTERM

void request_stop(int) { g_stop = 1; }

// SIGINT and SIGTERM are held back while a build runs (so it finishes and puts its
// files in place) and let through only while waiting; either ends the watch.
class StopSignals {
public:
    StopSignals() {
        struct sigaction action {};
        action.sa_handler = request_stop;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGINT, &action, &old_int_);
        ::sigaction(SIGTERM, &action, &old_term_);
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGINT);
        sigaddset(&stop, SIGTERM);
        ::sigprocmask(SIG_BLOCK, &stop, &old_mask_);
        waiting_mask_ = old_mask_;
        sigdelset(&waiting_mask_, SIGINT);
        sigdelset(&waiting_mask_, SIGTERM);
    }
    ~StopSignals() {
        ::sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
        ::sigaction(SIGINT, &old_int_, nullptr);
        ::sigaction(SIGTERM, &old_term_, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    const sigset_t* while_waiting() const { return &waiting_mask_; }

private:
    struct sigaction old_int_ {}, old_term_ {};
    sigset_t old_mask_{}, waiting_mask_{};
};

using Clock = std::chrono::steady_clock;

// A change that starts a build: the first file of the burst, and when its event came.
struct Change {
    fs::path file;
    Clock::time_point seen;
};

// How long a burst of events must have been quiet before the build starts. Once
// every file it began is written: a save is a few calls within a millisecond
// (write, or write a copy and rename it over), and the events watch counts come
// only when a file is closed after writing or renamed into place, never while it
// is being written; 2 ms gathers a save's last calls, or the next file of a "save
// all", and is all the time from the save to the new files that is not the
// build's. While a counted file is created or moved away and not yet
// written (an editor between its rename and its write, `git checkout` between two
// files): 100 ms, so that a half-saved page is not built.
constexpr std::chrono::milliseconds kQuietOnceWritten{2};
constexpr std::chrono::milliseconds kQuietWhileWriting{100};

class Inotify {
public:
    Inotify() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {
        if (fd_ < 0) throw Error({}, std::string("cannot watch files (inotify): ") + std::strerror(errno), "watch");
    }
    ~Inotify() { ::close(fd_); }
    Inotify(const Inotify&) = delete;
    Inotify& operator=(const Inotify&) = delete;

    // Watches exactly the folders of `list` (its folders and the folders of its
    // files) that exist; returns how many.
    std::size_t watch(const WatchList& list) {
        list_ = list;
        const std::set<fs::path> wanted = list.folders();
        for (auto it = folders_.begin(); it != folders_.end();) {
            if (wanted.count(it->second)) {
                ++it;
                continue;
            }
            ::inotify_rm_watch(fd_, it->first);
            it = folders_.erase(it);
        }
        constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                                        IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR;
        for (const auto& folder : wanted) {
            const int wd = ::inotify_add_watch(fd_, folder.c_str(), kMask);
            if (wd >= 0) folders_[wd] = folder;  // a missing folder is looked at again next build
        }
        return folders_.size();
    }

    // Blocks until something the booklet uses changes and the burst of events is
    // over; returns the first changed file and when it was seen, or nullopt when
    // asked to stop.
    std::optional<Change> wait_for_change(const StopSignals& signals) {
        unfinished_.clear();
        std::optional<fs::path> changed;
        while (!changed) {
            if (!wait(-1, signals)) return std::nullopt;
            changed = read_events();
        }
        const Change change{*changed, Clock::now()};
        // The rest of the burst, at most 2 s of it.
        const auto give_up = change.seen + std::chrono::seconds(2);
        for (;;) {
            const auto quiet = unfinished_.empty() ? kQuietOnceWritten : kQuietWhileWriting;
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - Clock::now());
            if (left.count() <= 0) return change;
            if (!wait(static_cast<int>(std::min(quiet, left).count()), signals))
                return g_stop ? std::nullopt : std::optional(change);
            read_events();
        }
    }

    // Reads and forgets every event queued so far.
    void discard_pending() { read_events(); }

private:
    // true when events are ready; false on timeout or a stop signal.
    bool wait(int milliseconds, const StopSignals& signals) {
        pollfd p{fd_, POLLIN, 0};
        timespec timeout{milliseconds / 1000, (milliseconds % 1000) * 1000000L};
        const int n = ::ppoll(&p, 1, milliseconds < 0 ? nullptr : &timeout, signals.while_waiting());
        if (g_stop) return false;
        if (n < 0 && errno != EINTR) throw Error({}, std::string("watching failed: ") + std::strerror(errno), "watch");
        return n > 0;
    }

    // Drains the queue; the first relevant path, if any.
    std::optional<fs::path> read_events() {
        std::optional<fs::path> first;
        alignas(inotify_event) char buffer[16384];
        for (;;) {
            const ssize_t n = ::read(fd_, buffer, sizeof buffer);
            if (n <= 0) break;  // EAGAIN: the queue is empty
            for (ssize_t at = 0; at < n;) {
                const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
                at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
                if (e->mask & IN_Q_OVERFLOW) {
                    // Events were lost: anything may have changed.
                    if (!first && !list_.files.empty()) first = *list_.files.begin();
                    continue;
                }
                const auto folder = folders_.find(e->wd);
                if (folder == folders_.end()) continue;
                if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
                    // The folder itself went away: whatever was read from it changed.
                    if (!first) first = folder->second;
                    if (e->mask & IN_IGNORED) folders_.erase(folder);  // its watch is gone too
                    continue;
                }
                if (e->len == 0) continue;
                const fs::path path = folder->second / e->name;
                if (!list_.counts(path)) continue;
                if (!first) first = path;
                const bool file_created = (e->mask & IN_CREATE) != 0 && (e->mask & IN_ISDIR) == 0;
                if (file_created || (e->mask & IN_MOVED_FROM) != 0) unfinished_.insert(path);
                if ((e->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE)) != 0) unfinished_.erase(path);
            }
        }
        return first;
    }

    int fd_;
    std::map<int, fs::path> folders_;  // watch descriptor -> folder
    WatchList list_;
    // The counted files this burst created or moved away and has not yet written
    // or moved back.
    std::set<fs::path> unfinished_;
};

std::string clock_time() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &local);
    return buf;
}

// The one line a rebuild prints: when it ended, why, what it wrote, how long it took.
std::string status_line(const BuildOutcome& outcome, const std::optional<fs::path>& cause, double seconds) {
    std::string line = clock_time() + " ";
    if (cause) {
        std::error_code ec;
        const fs::path shown = fs::relative(*cause, ec);
        line += (ec || shown.empty() ? *cause : shown).string() + " changed: ";
    }
    char took[32];
    std::snprintf(took, sizeof took, "%.2f s", seconds);
    const std::size_t errors = outcome.diags.error_count(), warnings = outcome.diags.warning_count();
    if (errors > 0) return line + std::to_string(errors) + (errors == 1 ? " error" : " errors") +
                           ", nothing written (" + took + ")";
    line += "built";
    const char* sep = " ";
    for (const auto& w : outcome.written) {
        line += sep + w.substr(0, w.find(" ("));
        sep = ", ";
    }
    line += std::string(" in ") + took;
    if (warnings > 0) line += " (" + std::to_string(warnings) + (warnings == 1 ? " warning)" : " warnings)");
    return line;
}

// Before a first successful read there is no WatchList: watch what was named.
WatchList fallback_list(const std::vector<std::string>& words) {
    WatchList list;
    const std::vector<std::string> named = words.empty() ? std::vector<std::string>{"booklet.yaml"} : words;
    for (const auto& w : named) {
        const fs::path p = fs::absolute(w).lexically_normal();
        std::error_code ec;
        if (fs::is_directory(p, ec)) list.page_folders.insert(p);
        else list.files.insert(p);
    }
    return list;
}

// A file of the list written since `since`: a change made while the build ran,
// before its folders were watched.
std::optional<fs::path> changed_since(const WatchList& list, fs::file_time_type since) {
    for (const auto& file : list.files) {
        std::error_code ec;
        const auto written = fs::last_write_time(file, ec);
        if (!ec && written >= since) return file;
    }
    return std::nullopt;
}

}  // namespace

int run_watch(const WatchOptions& options) {
    Reporter reporter(options.build.report, std::cerr);
    reporter.without_progress();
    BuildSession session(options.build, KeepText::yes);
    Inotify inotify;
    std::optional<Diagnostics> shown;  // the last diagnostics printed
    const StopSignals signals;
    std::optional<Change> cause;
    bool first = true;
    while (!g_stop) {
        // Whatever changed so far, this build reads as it is now: older events
        // would only ask for the same build again.
        inotify.discard_pending();
        const Stopwatch clock;
        const std::optional<double> waited =
            cause ? std::optional(std::chrono::duration<double>(Clock::now() - cause->seen).count()) : std::nullopt;
        const auto started = fs::file_time_type::clock::now();
        const BuildOutcome outcome = session.run(Purpose::build, reporter);
        // Watch what this build read before saying it is done, so that a change
        // made the moment the line appears is seen; a change made while it ran
        // shows in the files' times.
        const WatchList list = outcome.inputs.empty() ? fallback_list(options.build.inputs) : outcome.inputs;
        const std::size_t folders = inotify.watch(list);
        const std::optional<fs::path> changed_meanwhile = changed_since(list, started);
        // The same warnings as last time are not printed again: the status line
        // counts them. Errors are always shown.
        if (!shown || shown->all() != outcome.diags.all() || !outcome.ok()) reporter.diagnostics(outcome.diags);
        shown = outcome.diags;
        const std::optional<fs::path> changed = cause ? std::optional(cause->file) : std::nullopt;
        std::cout << status_line(outcome, changed, clock.seconds()) << std::endl;
        StageTimes times = outcome.times;
        times.waited = waited;
        reporter.timings(times, outcome.picture_cache, outcome.paragraphs);
        if (first && reporter.text() && !options.build.report.quiet)
            std::cerr << "booklet: watching " << list.files.size() << " files in " << folders
                      << (folders == 1 ? " folder" : " folders") << "; Ctrl-C stops\n";
        first = false;
        session.release_leftovers();
        // A change made while the build ran was seen only now.
        cause = changed_meanwhile ? std::optional(Change{*changed_meanwhile, Clock::now()})
                                  : inotify.wait_for_change(signals);
        if (!cause) break;
    }
    return 0;
}

}  // namespace booklet::cli

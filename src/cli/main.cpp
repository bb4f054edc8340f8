// booklet: Markdown pages to print-ready PDF booklets and EPUB 3 books.
#include "commands.hpp"
#include "heap.hpp"
#include "options.hpp"

#include "booklet/diagnostics.hpp"

#include <exception>
#include <iostream>
#include <new>

namespace {

constexpr int kExitContent = 1;
constexpr int kExitUsage = 2;

template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};

}  // namespace

int main(int argc, char** argv) {
    using namespace booklet::cli;
#ifdef BOOKLET_TCMALLOC
    prepare_tcmalloc_heap();
#else
    prepare_heap();
#endif
    std::ios::sync_with_stdio(false);
    try {
        const Invocation invocation = parse_arguments(std::vector<std::string>(argv + 1, argv + argc));
        return std::visit(Overloaded{
                              [](const HelpRequest& h) {
                                  std::cout << h.text;
                                  return 0;
                              },
                              [](const VersionRequest&) { return run_version(); },
                              [](const BuildOptions& o) { return run_build(o); },
                              [](const CheckOptions& o) { return run_check(o); },
                              [](const WatchOptions& o) { return run_watch(o); },
                              [](const InspectOptions& o) { return run_inspect(o); },
                              [](const InitOptions& o) { return run_init(o); },
                              [](const StylesOptions& o) { return run_styles(o); },
                          },
                          invocation);
    } catch (const UsageError& e) {
        std::cerr << "booklet: " << e.what() << "\n"
                  << "Try 'booklet " << (e.command().empty() ? "" : e.command() + " ") << "--help'.\n";
        return kExitUsage;
    } catch (const booklet::Error& e) {
        std::cerr << e.what() << '\n';
        return kExitContent;
    } catch (const std::bad_alloc&) {
        // Outside a build (inspect, check): still the content's size, not a bug.
        std::cerr << "booklet: error: out of memory: the content is too large for this machine\n";
        return kExitContent;
    } catch (const std::exception& e) {
        // Anything else is a bug in booklet, not in the content: say so plainly.
        std::cerr << "booklet: internal error: " << e.what() << '\n';
        return 70;
    }
}

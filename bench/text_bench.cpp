// The text engine's benchmark and typography statistics (not a test: it reads the
// corpus outside the repository and measures time).
//
//   text_bench CORPUS [--runs N] [--which all|seed|en]
//       shapes and breaks every paragraph of the corpus in an A5 column (115 mm,
//       Noto Serif 10 pt, justified, hyphenation in the page's language) N times;
//       prints words/second, the median total, and time per paragraph against
//       paragraph length (buckets and a least-squares line).
//   text_bench --stats CORPUS
//       typography figures (see stats.hpp) for the seed page and the 74 English
//       pages, Knuth–Plass against greedy first-fit on the same text.
//   text_bench --dump CORPUS [--which seed] [--greedy]
//       the lines as text, "|" marking the column edge, for looking at.
#include "booklet/source_dir.hpp"
#include "corpus.hpp"
#include "stats.hpp"

#include "booklet/diagnostics.hpp"
#include "booklet/hyphenate.hpp"
#include "booklet/linebreak.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <thread>

#include <time.h>

using namespace booklet;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

// CPU time of this thread in µs.
double cpu_micros() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

struct Args {
    fs::path corpus;
    int runs = 7;
    std::string which = "all";
    std::string only;  // --only NAME: pages whose file name contains NAME
    std::string mode = "bench";
    bool greedy = false;
    std::vector<std::pair<std::string, double>> settings;  // --set name=value (tuning)
    std::vector<fs::path> pages() const {
        auto all = bench::corpus_pages(corpus, which);
        if (!only.empty())
            all.erase(std::remove_if(all.begin(), all.end(),
                                     [&](const fs::path& p) { return p.filename().string().find(only) == std::string::npos; }),
                      all.end());
        return all;
    }
    fs::path fonts = fs::path(BOOKLET_SOURCE_DIR) / "fonts";
};

[[noreturn]] void usage() {
    std::cerr << "usage: text_bench CORPUS [--runs N] [--which all|seed|en]\n"
                 "       text_bench --stats CORPUS\n"
                 "       text_bench --dump CORPUS [--which seed|en|all] [--greedy]\n";
    std::exit(2);
}

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string s = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage();
            return argv[++i];
        };
        if (s == "--runs")
            a.runs = std::max(1, std::atoi(value().c_str()));
        else if (s == "--which")
            a.which = value();
        else if (s == "--only")
            a.only = value();
        else if (s == "--stats")
            a.mode = "stats";
        else if (s == "--dump")
            a.mode = "dump";
        else if (s == "--greedy")
            a.greedy = true;
        else if (s == "--fonts")
            a.fonts = value();
        else if (s == "--set") {
            const std::string kv = value();
            const auto eq = kv.find('=');
            if (eq == std::string::npos) usage();
            a.settings.emplace_back(kv.substr(0, eq), std::atof(kv.c_str() + eq + 1));
        }
        else if (!s.empty() && s[0] == '-')
            usage();
        else
            a.corpus = s;
    }
    if (a.corpus.empty()) usage();
    return a;
}

// Tuning knobs by name, so that parameter sweeps need no rebuild.
void apply_settings(const Args& args, linebreak::Options& o) {
    for (const auto& [k, v] : args.settings) {
        const int i = static_cast<int>(v);
        if (k == "tolerance") o.params.tolerance = v;
        else if (k == "first_pass_tolerance") o.first_pass_tolerance = v;
        else if (k == "line_penalty") o.params.line_penalty = i;
        else if (k == "flagged_demerits") o.params.flagged_demerits = i;
        else if (k == "fitness_demerits") o.params.fitness_demerits = i;
        else if (k == "final_hyphen_demerits") o.params.final_hyphen_demerits = i;
        else if (k == "very_loose_demerits") o.params.very_loose_demerits = i;
        else if (k == "very_loose_ratio") o.params.very_loose_ratio = v;
        else if (k == "very_tight_demerits") o.params.very_tight_demerits = i;
        else if (k == "very_tight_ratio") o.params.very_tight_ratio = v;
        else if (k == "lone_word_demerits") o.params.lone_word_demerits = i;
        else if (k == "lone_word_fraction") o.params.lone_word_fraction = v;
        else if (k == "max_consecutive_flagged") o.params.max_consecutive_flagged = i;
        else if (k == "space_stretch") o.space_stretch = v;
        else if (k == "space_shrink") o.space_shrink = v;
        else if (k == "hyphen_penalty") o.hyphen_penalty = i;
        else if (k == "explicit_hyphen_penalty") o.explicit_hyphen_penalty = i;
        else if (k == "other_break_penalty") o.other_break_penalty = i;
        else if (k == "protrusion") o.protrusion = i != 0;
        else if (k == "expansion") o.params.expansion_stretch = o.params.expansion_shrink = v;
        else if (k == "expansion_stretch") o.params.expansion_stretch = v;
        else if (k == "expansion_shrink") o.params.expansion_shrink = v;
        else if (k == "expansion_step") o.params.expansion_step = v;
        else if (k == "last_line_room_pt") o.last_line_room = sp_from_pt(v);
        else if (k == "width_mm") o.widths = {sp_from_mm(v)};
        else {
            std::cerr << "unknown setting " << k << "\n";
            std::exit(2);
        }
    }
}

linebreak::Options column_options(const Args& args, hyphenate::Dictionaries& dicts, linebreak::Workspace& ws,
                                  bool greedy) {
    linebreak::Options o;
    o.widths = {bench::kColumnWidth};
    apply_settings(args, o);
    o.align = linebreak::Align::justify;
    o.dictionaries = &dicts;
    o.workspace = &ws;
    o.greedy = greedy;
    return o;
}

int run_bench(const Args& args) {
    bench::BodyFonts fonts(args.fonts);
    const auto pages = args.pages();
    const auto t_load = Clock::now();
    const auto paragraphs = bench::load_paragraphs(pages, fonts, sp_from_pt(10));
    const double load_ms = micros(Clock::now() - t_load) / 1000;
    std::size_t words = 0, bytes = 0;
    for (const auto& p : paragraphs) {
        words += p.words;
        bytes += p.text.text.size();
    }
    std::printf("corpus: %zu pages, %zu paragraphs, %zu words, %zu bytes (Markdown → model: %.1f ms, not timed below)\n",
                pages.size(), paragraphs.size(), words, bytes, load_ms);
    {
        // Coverage: every character of the corpus should have a glyph.
        // Every character of the page files (not only of paragraphs: headings, table
        // cells, front matter too) should have a glyph in the body chain.
        Diagnostics shaping;
        for (const auto& page : pages) {
            std::ifstream in(page, std::ios::binary);
            std::string line;
            while (std::getline(in, line)) {
                if (line.empty()) continue;
                shape::StyledText t;
                t.text = line;
                shape::TextStyle style;
                style.fonts = fonts.regular;
                t.ranges.push_back({0, line.size(), style});
                shape::shape_paragraph(fonts.registry, t, &shaping);
            }
        }
        std::printf("shaping warnings: %zu", shaping.all().size());
        for (const auto& d : shaping.all()) std::printf("\n  %s: %s", d.kind.c_str(), d.message.c_str());
        std::printf("\n");
    }

    // Each run starts with fresh fonts, dictionaries and workspace, so that the word
    // and hyphenation caches are as cold as in a real build (the font files and
    // dictionaries themselves are loaded before the clock starts, as a build loads
    // them once). Times are the thread's
    // CPU time: the machine is shared, and wall time would count other processes'
    // turns (it is printed too, with the load average, for comparison).
    std::vector<double> totals, walls, shape_totals, break_totals;
    std::vector<std::vector<double>> per_paragraph(paragraphs.size());
    std::map<int, std::size_t> passes;
    for (int run = -1; run < args.runs; ++run) {  // run -1 warms up the CPU caches and ICU's data
        bench::BodyFonts run_fonts(args.fonts);  // same load order, so the same FontIds
        run_fonts.registry.color_emoji();
        hyphenate::Dictionaries dicts;
        for (const char* lang : {"en", "nl"}) dicts.for_language(lang);
        linebreak::Workspace ws;
        linebreak::Options options = column_options(args, dicts, ws, false);
        linebreak::Report report;
        options.report = &report;
        double shape_us = 0, break_us = 0;
        const auto wall_start = Clock::now();
        const double start = cpu_micros();
        for (std::size_t i = 0; i < paragraphs.size(); ++i) {
            const double t0 = cpu_micros();
            const auto shaped = shape::shape_paragraph(run_fonts.registry, paragraphs[i].text);
            const double t1 = cpu_micros();
            const auto lines = linebreak::break_paragraph(run_fonts.registry, shaped, options);
            const double t2 = cpu_micros();
            shape_us += t1 - t0;
            break_us += t2 - t1;
            if (run >= 0) per_paragraph[i].push_back(t2 - t0);
            if (run == 0) ++passes[report.pass];
            if (lines.empty()) std::fprintf(stderr, "no lines for paragraph %zu\n", i);
        }
        const double total = cpu_micros() - start;
        const double wall = micros(Clock::now() - wall_start);
        if (run < 0) continue;
        totals.push_back(total);
        walls.push_back(wall);
        shape_totals.push_back(shape_us);
        break_totals.push_back(break_us);
    }
    auto med = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    const double total_ms = med(totals) / 1000;
    double load = 0;
    if (FILE* f = std::fopen("/proc/loadavg", "r")) {
        if (std::fscanf(f, "%lf", &load) != 1) load = 0;
        std::fclose(f);
    }
    std::printf("runs: %d, CPU time of the thread: median %.1f ms (min %.1f, max %.1f); wall time median %.1f ms "
                "(load average %.1f on %u cores)\n",
                args.runs, total_ms, *std::min_element(totals.begin(), totals.end()) / 1000,
                *std::max_element(totals.begin(), totals.end()) / 1000, med(walls) / 1000, load,
                std::thread::hardware_concurrency());
    std::printf("shape+break: %.1f ms CPU  (shaping %.1f ms, breaking %.1f ms)\n", total_ms, med(shape_totals) / 1000,
                med(break_totals) / 1000);
    std::printf("throughput: %.0f words/s, %.2f µs/word\n", static_cast<double>(words) / (total_ms / 1000),
                total_ms * 1000 / static_cast<double>(words));
    std::printf("passes: 1 (no hyphenation) %zu, 2 (hyphenation) %zu, 3 (emergency) %zu\n", passes[1], passes[2],
                passes[3]);

    // Time per paragraph against length.
    struct Bucket {
        std::size_t lo, hi, count = 0, words = 0;
        double us = 0;
    };
    std::vector<Bucket> buckets{{1, 10}, {11, 25}, {26, 50}, {51, 100}, {101, 200}, {201, 100000}};
    double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    const double n = static_cast<double>(paragraphs.size());
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        const double t = med(per_paragraph[i]);
        const auto w = paragraphs[i].words;
        for (auto& b : buckets)
            if (w >= b.lo && w <= b.hi) {
                ++b.count;
                b.words += w;
                b.us += t;
            }
        const double x = static_cast<double>(w);
        sx += x;
        sy += t;
        sxx += x * x;
        sxy += x * t;
        syy += t * t;
    }
    std::printf("\n| paragraph length (words) | paragraphs | mean words | mean time | time per word |\n"
                "|---|---:|---:|---:|---:|\n");
    for (const auto& b : buckets) {
        if (b.count == 0) continue;
        const double mean_words = static_cast<double>(b.words) / static_cast<double>(b.count);
        const double mean_us = b.us / static_cast<double>(b.count);
        std::printf("| %zu–%s | %zu | %.1f | %.1f µs | %.3f µs |\n", b.lo,
                    b.hi >= 100000 ? "" : std::to_string(b.hi).c_str(), b.count, mean_words, mean_us,
                    mean_us / mean_words);
    }
    if (std::getenv("TEXT_BENCH_SLOWEST")) {  // the slowest paragraphs, to look for outliers
        std::vector<std::pair<double, std::size_t>> slow;
        for (std::size_t i = 0; i < paragraphs.size(); ++i) slow.emplace_back(med(per_paragraph[i]), i);
        std::sort(slow.rbegin(), slow.rend());
        for (std::size_t k = 0; k < 5 && k < slow.size(); ++k)
            std::fprintf(stderr, "slowest: %.1f µs, paragraph %zu, %zu words, %s\n", slow[k].first, slow[k].second,
                         paragraphs[slow[k].second].words, paragraphs[slow[k].second].page.c_str());
    }
    const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const double intercept = (sy - slope * sx) / n;
    const double r = (n * sxy - sx * sy) / std::sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    std::printf("\nleast squares over %zu paragraphs: time = %.2f µs + %.3f µs × words  (R² = %.3f)\n",
                paragraphs.size(), intercept, slope, r * r);
    return 0;
}

int run_stats(const Args& args) {
    bench::BodyFonts fonts(args.fonts);
    std::printf("%s\n", bench::header_row().c_str());
    for (const std::string which : {"seed", "en"}) {
        const auto paragraphs = bench::load_paragraphs(bench::corpus_pages(args.corpus, which), fonts, sp_from_pt(10));
        for (bool greedy : {false, true}) {
            hyphenate::Dictionaries dicts;
            linebreak::Workspace ws;
            linebreak::Options options = column_options(args, dicts, ws, greedy);
            bench::TypographyStats stats;
            for (const auto& p : paragraphs) {
                const auto shaped = shape::shape_paragraph(fonts.registry, p.text);
                stats.add_paragraph(linebreak::break_paragraph(fonts.registry, shaped, options));
            }
            stats.finish();
            const std::string label = std::string(which == "seed" ? "seed (nl)" : "74 English pages") + " | " +
                                      (greedy ? "greedy first-fit" : "Knuth–Plass");
            std::printf("%s\n", bench::format_row(label, stats).c_str());
        }
    }
    return 0;
}

int run_dump(const Args& args) {
    bench::BodyFonts fonts(args.fonts);
    const auto paragraphs = bench::load_paragraphs(args.pages(), fonts, sp_from_pt(10));
    hyphenate::Dictionaries dicts;
    linebreak::Workspace ws;
    linebreak::Options options = column_options(args, dicts, ws, args.greedy);
    linebreak::Report report;
    options.report = &report;
    std::string page;
    for (const auto& p : paragraphs) {
        if (p.page != page) {
            page = p.page;
            std::printf("\n==== %s\n", page.c_str());
        }
        const auto shaped = shape::shape_paragraph(fonts.registry, p.text);
        const auto lines = linebreak::break_paragraph(fonts.registry, shaped, options);
        std::printf("\n-- pass %d%s\n", report.pass, report.overfull ? " OVERFULL" : "");
        for (const auto& l : lines) {
            std::string text;
            for (const auto& r : l.runs) text += r.text;
            std::replace(text.begin(), text.end(), '\n', ' ');
            // Mean word space of the line in em, for eyeballing.
            double gaps = 0;
            int count = 0;
            for (const auto& r : l.runs)
                for (const auto& g : r.glyphs)
                    if (g.cluster < r.text.size() && r.text[g.cluster] == ' ') {
                        gaps += static_cast<double>(g.advance) / static_cast<double>(r.size);
                        ++count;
                    }
            const Sp right = bench::ink_right(l);
            std::printf("%6.2f %+3d %5.3f  %s|%s\n", l.ratio, l.expansion, count ? gaps / count : 0.0, text.c_str(),
                        right > l.width + kSpPerPt ? (" OVER " + std::to_string(pt_from_sp(right - l.width))).c_str() : "");
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse(argc, argv);
    try {
        if (args.mode == "stats") return run_stats(args);
        if (args.mode == "dump") return run_dump(args);
        return run_bench(args);
    } catch (const Error& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

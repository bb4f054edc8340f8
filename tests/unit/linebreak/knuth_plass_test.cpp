// The abstract algorithm on synthetic fixed-width boxes: no fonts involved.
#include "booklet/linebreak.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

using namespace booklet;
using namespace booklet::linebreak;

namespace {

constexpr Sp kUnit = 6 * 65536;  // one "character" of the synthetic text; stretch and shrink divide it exactly

Item box(Sp w) { return Item{ItemKind::box, w, 0, 0, 0, false}; }
Item glue(Sp w, Sp stretch, Sp shrink) { return Item{ItemKind::glue, w, stretch, shrink, 0, false}; }
Item penalty(Sp w, int p, bool flagged = false) { return Item{ItemKind::penalty, w, 0, 0, p, flagged}; }

// Words of the given lengths (in units) separated by spaces of 1 unit that stretch
// by 1/2 and shrink by 1/3, ending with \parfillskip and a forced break.
std::vector<Item> words(const std::vector<int>& lengths) {
    std::vector<Item> items;
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        if (i > 0) items.push_back(glue(kUnit, kUnit / 2, kUnit / 3));
        items.push_back(box(lengths[i] * kUnit));
    }
    items.push_back(glue(0, kFilStretch, 0));
    items.push_back(penalty(0, -kInfinitePenalty));
    return items;
}

// A deterministic pseudo-random sequence (a fixed LCG), so that tests repeat exactly.
struct Lcg {
    std::uint64_t state;
    int next(int lo, int hi) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return lo + static_cast<int>((state >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
    }
};

// Plain Knuth–Plass demerits (no fitness, hyphen or extra terms), the quantity the
// brute force below minimises too.
Parameters plain(double tolerance) {
    Parameters p;
    p.tolerance = tolerance;
    p.fitness_demerits = 0;
    p.flagged_demerits = 0;
    p.final_hyphen_demerits = 0;
    p.very_loose_demerits = 0;
    p.very_tight_demerits = 0;
    p.lone_word_demerits = 0;
    p.max_consecutive_flagged = 1000;
    return p;
}

struct LineFit {
    double ratio;
    bool ok;
};

// Adjustment ratio of the line from item `start` (after discarding) to break `b`.
LineFit fit(const std::vector<Item>& items, std::size_t start, std::size_t b, Sp width) {
    Sp w = 0, st = 0, sh = 0;
    bool fil = false;
    for (std::size_t i = start; i < b; ++i) {
        const Item& it = items[i];
        if (it.kind == ItemKind::penalty) continue;
        w += it.width;
        if (it.kind == ItemKind::glue) {
            if (it.stretch >= kFilStretch)
                fil = true;
            else
                st += it.stretch;
            sh += it.shrink;
        }
    }
    if (items[b].kind == ItemKind::penalty) w += items[b].width;
    if (w < width) {
        if (fil) return {0, true};
        return st > 0 ? LineFit{double(width - w) / double(st), true} : LineFit{1e9, true};
    }
    if (w > width) return sh > 0 ? LineFit{double(width - w) / double(sh), true} : LineFit{-1e9, true};
    return {0, true};
}

std::size_t after(const std::vector<Item>& items, std::size_t b) {
    std::size_t i = b + 1;
    while (i < items.size() && (items[i].kind == ItemKind::glue ||
                                (items[i].kind == ItemKind::penalty && items[i].penalty > -kInfinitePenalty)))
        ++i;
    return i;
}

double line_demerits(double r, int p, int line_penalty) {
    const double b = std::min(10000.0, 100 * std::pow(std::fabs(r), 3));
    double d = (line_penalty + b) * (line_penalty + b);
    if (p > 0) d += double(p) * p;
    else if (p > -kInfinitePenalty) d -= double(p) * p;
    return d;
}

bool legal(const std::vector<Item>& items, std::size_t b) {
    if (items[b].kind == ItemKind::box) return false;
    if (items[b].kind == ItemKind::glue) return b > 0 && items[b - 1].kind == ItemKind::box;
    return items[b].penalty < kInfinitePenalty;
}

// Exhaustive minimum of total demerits over every feasible set of breaks.
double brute_force(const std::vector<Item>& items, Sp width, double tolerance, std::size_t start = 0) {
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t b = start; b < items.size(); ++b) {
        if (!legal(items, b)) continue;
        const LineFit f = fit(items, start, b, width);
        if (f.ratio < -1) break;  // longer lines only get worse
        if (f.ratio > tolerance) continue;
        const int p = items[b].kind == ItemKind::penalty ? items[b].penalty : 0;
        const double d = line_demerits(f.ratio, p, 10);
        if (b == items.size() - 1) {
            best = std::min(best, d);
        } else {
            if (items[b].kind == ItemKind::penalty && items[b].penalty <= -kInfinitePenalty) {
                best = std::min(best, d + brute_force(items, width, tolerance, after(items, b)));
                break;  // cannot go past a forced break
            }
            best = std::min(best, d + brute_force(items, width, tolerance, after(items, b)));
        }
    }
    return best;
}

double total_of(const std::vector<Item>& items, const std::vector<Break>& breaks, Sp width) {
    double total = 0;
    std::size_t start = 0;
    for (const auto& b : breaks) {
        const LineFit f = fit(items, start, b.item, width);
        const int p = items[b.item].kind == ItemKind::penalty ? items[b.item].penalty : 0;
        total += line_demerits(f.ratio, p, 10);
        start = after(items, b.item);
    }
    return total;
}

std::vector<double> ratios(const std::vector<Item>& items, const std::vector<Break>& breaks, Sp width) {
    std::vector<double> out;
    std::size_t start = 0;
    for (const auto& b : breaks) {
        out.push_back(fit(items, start, b.item, width).ratio);
        start = after(items, b.item);
    }
    return out;
}

}  // namespace

TEST_CASE("a hand-worked paragraph gets the optimal breaks, not the greedy ones") {
    // Width 11: "4 3 2" is exactly 4+1+3+1+2 = 11 (ratio 0), then "6 1" ends the
    // paragraph: total demerits 2·(10+0)² = 200.
    const auto items = words({4, 3, 2, 6, 1});
    const auto kp = knuth_plass(items, {11 * kUnit}, plain(10));
    REQUIRE(kp.size() == 2);
    CHECK(kp[0].item == 5);  // the glue after "2"
    CHECK(kp[0].ratio == Approx(0.0));
    CHECK(kp[1].item == items.size() - 1);

    // Width 9: greedy takes "4 3" (8, ratio 2) and "2 6" (9, ratio 0) then "1" alone;
    // total fit sees that "4" cannot stand alone (no stretch) and that "4 3" / "2 6 1"
    // is impossible (10 > 9 with 2/3 of shrink: 9.33), so it matches greedy here, and
    // the total is (10+800)² + (10+0)² + (10+0)².
    const auto tight = knuth_plass(items, {9 * kUnit}, plain(10));
    const auto greedy = first_fit(items, {9 * kUnit});
    REQUIRE(tight.size() == 3);
    REQUIRE(greedy.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(tight[i].item == greedy[i].item);
    CHECK(total_of(items, tight, 9 * kUnit) == Approx(810.0 * 810.0 + 200.0));

    // Over a family of widths, total fit is never worse than greedy.
    for (int w = 9; w <= 20; ++w) {
        const auto kp_w = knuth_plass(items, {w * kUnit}, plain(100));
        const auto gr_w = first_fit(items, {w * kUnit});
        if (kp_w.empty()) continue;
        CHECK(total_of(items, kp_w, w * kUnit) <= total_of(items, gr_w, w * kUnit) + 1e-6);
    }
}

TEST_CASE("total fit beats greedy where greedy's first line starves the next") {
    // Width 11. Greedy packs "1 2 4 2" (12, shrunk fully: ratio -1) and is left with
    // "3 2" (6, ratio 10) before "6". Total fit sets "1 2 4" / "2 3 2" (both 9,
    // ratio 2) / "6": (10+800)² twice instead of (10+100)² + (10+10000)².
    const auto items = words({1, 2, 4, 2, 3, 2, 6});
    const Sp width = 11 * kUnit;
    const auto kp = knuth_plass(items, {width}, plain(100));
    const auto greedy = first_fit(items, {width});
    REQUIRE(kp.size() == 3);
    REQUIRE(greedy.size() == 3);
    CHECK(kp[0].item == 5);
    CHECK(kp[1].item == 11);
    CHECK(kp[0].ratio == Approx(2.0));
    CHECK(kp[1].ratio == Approx(2.0));
    CHECK(greedy[0].item == 7);
    CHECK(greedy[0].ratio == Approx(-1.0));
    CHECK(total_of(items, kp, width) == Approx(2 * 810.0 * 810.0 + 100));
    CHECK(total_of(items, kp, width) < total_of(items, greedy, width));
}

TEST_CASE("Knuth–Plass finds the minimum total demerits (checked by exhaustive search)") {
    Lcg rng{42};
    int compared = 0;
    for (int round = 0; round < 60; ++round) {
        std::vector<int> lengths;
        const int n = rng.next(6, 16);
        for (int i = 0; i < n; ++i) lengths.push_back(rng.next(1, 7));
        const auto items = words(lengths);
        const Sp width = rng.next(12, 22) * kUnit;
        const double tolerance = 3;
        const double best = brute_force(items, width, tolerance);
        const auto kp = knuth_plass(items, {width}, plain(tolerance));
        INFO("round " << round);
        if (std::isinf(best)) {
            CHECK(kp.empty());
            continue;
        }
        REQUIRE_FALSE(kp.empty());
        CHECK(total_of(items, kp, width) == Approx(best).epsilon(1e-9));
        ++compared;
    }
    CHECK(compared >= 15);
}

TEST_CASE("no overfull line, and fewer loose lines than greedy first-fit") {
    Lcg rng{7};
    int kp_loose = 0, greedy_loose = 0;
    double kp_badness = 0, greedy_badness = 0;
    for (int round = 0; round < 200; ++round) {
        std::vector<int> lengths;
        const int n = rng.next(30, 120);
        for (int i = 0; i < n; ++i) lengths.push_back(rng.next(1, 9));
        const auto items = words(lengths);
        const Sp width = 40 * kUnit;
        Parameters params;  // booklet's defaults
        params.emergency = true;  // always get an answer to compare
        const auto kp = knuth_plass(items, {width}, params);
        const auto greedy = first_fit(items, {width});
        REQUIRE_FALSE(kp.empty());
        REQUIRE_FALSE(greedy.empty());
        const auto kr = ratios(items, kp, width);
        const auto gr = ratios(items, greedy, width);
        for (std::size_t i = 0; i < kr.size(); ++i) {
            CHECK(kr[i] >= -1);  // never wider than the line: spaces shrink at most fully
            if (i + 1 == kr.size()) continue;
            if (kr[i] > 1) ++kp_loose;
            kp_badness += std::min(10000.0, 100 * std::pow(std::fabs(kr[i]), 3));
        }
        for (std::size_t i = 0; i + 1 < gr.size(); ++i) {
            if (gr[i] > 1) ++greedy_loose;
            greedy_badness += std::min(10000.0, 100 * std::pow(std::fabs(gr[i]), 3));
        }
    }
    INFO("loose lines: Knuth–Plass " << kp_loose << ", first-fit " << greedy_loose);
    INFO("total badness: Knuth–Plass " << kp_badness << ", first-fit " << greedy_badness);
    CHECK(kp_loose < greedy_loose);
    CHECK(kp_badness * 1.5 < greedy_badness);
}

TEST_CASE("a paragraph that cannot be set within the tolerance fails, the emergency pass does not") {
    // A 30-unit word in a 20-unit line.
    const auto items = words({3, 30, 4});
    CHECK(knuth_plass(items, {20 * kUnit}, plain(2)).empty());
    auto params = plain(2);
    params.emergency = true;
    const auto breaks = knuth_plass(items, {20 * kUnit}, params);
    REQUIRE(breaks.size() == 3);  // "3" / "30" (overfull) / "4"
    CHECK(breaks[1].ratio < -1);
    CHECK(breaks.back().item == items.size() - 1);
}

TEST_CASE("forced breaks are taken and nothing is carried across them") {
    auto items = words({3, 3});
    // \hfil and a forced break after the first word: "3" / "3".
    items.insert(items.begin() + 1, {glue(0, kFilStretch, 0), penalty(0, -kInfinitePenalty)});
    const auto breaks = knuth_plass(items, {50 * kUnit}, plain(2));
    REQUIRE(breaks.size() == 2);
    CHECK(breaks[0].item == 2);
    CHECK(first_fit(items, {50 * kUnit}).size() == 2);
}

TEST_CASE("no three hyphenated lines in a row") {
    // Words of two 6-unit halves with a hyphenation point between them. In a 27-unit
    // line "B w A-" fits exactly (6+1+13+1+6 plus a 1-unit hyphen... = 27), while a
    // line without a hyphen ("B w") is far too loose: without the rule every line
    // would end in a hyphen.
    std::vector<Item> items;
    for (int w = 0; w < 12; ++w) {
        if (w > 0) items.push_back(glue(kUnit, kUnit / 2, kUnit / 3));
        items.push_back(box(6 * kUnit));
        items.push_back(penalty(kUnit, 50, true));
        items.push_back(box(6 * kUnit));
    }
    items.push_back(glue(0, kFilStretch, 0));
    items.push_back(penalty(0, -kInfinitePenalty));
    auto longest_run = [&](const std::vector<Break>& breaks) {
        int run = 0, longest = 0;
        for (const auto& b : breaks) {
            run = items[b.item].kind == ItemKind::penalty && items[b.item].flagged ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        return longest;
    };
    Parameters params;
    params.tolerance = 20;
    params.max_consecutive_flagged = 1000;
    const auto ladder = knuth_plass(items, {27 * kUnit}, params);
    REQUIRE_FALSE(ladder.empty());
    CHECK(longest_run(ladder) >= 3);  // the rule below is what prevents it
    params.max_consecutive_flagged = 2;
    const auto breaks = knuth_plass(items, {27 * kUnit}, params);
    REQUIRE_FALSE(breaks.empty());
    CHECK(longest_run(breaks) <= 2);
}

TEST_CASE("varying line widths are honoured") {
    const auto items = words({5, 5, 5, 5, 5, 5, 5, 5});
    // First line narrow (an indent), the rest wide.
    const auto breaks = knuth_plass(items, {11 * kUnit, 23 * kUnit}, plain(3));
    REQUIRE(breaks.size() >= 2);
    const auto first = fit(items, 0, breaks[0].item, 11 * kUnit);
    CHECK(first.ratio >= -1);
    CHECK(first.ratio <= 3);
}

TEST_CASE("looseness asks for one line more when it can be had") {
    std::vector<int> lengths(24, 4);
    const auto items = words(lengths);
    const Sp width = 30 * kUnit;
    auto p = plain(10);
    const auto normal = knuth_plass(items, {width}, p);
    p.looseness = 1;
    const auto loose = knuth_plass(items, {width}, p);
    REQUIRE_FALSE(normal.empty());
    CHECK(loose.size() == normal.size() + 1);
}

TEST_CASE("a lone short word on the last line is avoided where avoidable") {
    // 10 words of 4 in a 24-unit line: plain total-fit may end with one word alone.
    Lcg rng{3};
    int plain_runts = 0, runts = 0;
    for (int round = 0; round < 100; ++round) {
        std::vector<int> lengths;
        const int n = rng.next(8, 40);
        for (int i = 0; i < n; ++i) lengths.push_back(rng.next(2, 8));
        const auto items = words(lengths);
        const Sp width = 30 * kUnit;
        auto count_runt = [&](const std::vector<Break>& breaks) {
            if (breaks.size() < 2) return 0;
            const std::size_t start = after(items, breaks[breaks.size() - 2].item);
            int boxes = 0;
            for (std::size_t i = start; i < items.size(); ++i) boxes += items[i].kind == ItemKind::box;
            return boxes == 1 ? 1 : 0;
        };
        Parameters p = plain(3);
        plain_runts += count_runt(knuth_plass(items, {width}, p));
        p.lone_word_demerits = 100000;
        runts += count_runt(knuth_plass(items, {width}, p));
    }
    INFO("single-word last lines: " << plain_runts << " without the rule, " << runts << " with it");
    CHECK(runts < plain_runts);
}

TEST_CASE("bad input gives no breaks rather than a crash") {
    CHECK(knuth_plass({}, {kUnit}, Parameters{}).empty());
    CHECK(knuth_plass(words({1, 2}), {}, Parameters{}).empty());
    // Items that do not end with a forced break.
    CHECK(knuth_plass({box(kUnit), glue(kUnit, 1, 1), box(kUnit)}, {10 * kUnit}, Parameters{}).empty());
}

TEST_CASE("boxes that stretch (font expansion) take part in the adjustment ratio") {
    // "50 | 40" at width 100: 91 of material, glue stretch 1 alone gives ratio 9
    // (beyond any tolerance); with the boxes stretching by a tenth of their width
    // the line has 10 of stretch and ratio 0.9.
    auto items = std::vector<Item>{Item{ItemKind::box, 50 * kUnit, 5 * kUnit, 5 * kUnit, 0, false},
                                   glue(kUnit, kUnit, 0),
                                   Item{ItemKind::box, 40 * kUnit, 4 * kUnit, 4 * kUnit, 0, false},
                                   penalty(0, 0),
                                   box(20 * kUnit),
                                   glue(0, kFilStretch, 0),
                                   penalty(0, -kInfinitePenalty)};
    const auto kp = knuth_plass(items, {100 * kUnit}, plain(2));
    REQUIRE(kp.size() == 2);
    CHECK(kp[0].item == 3);
    CHECK(kp[0].ratio == Approx(0.9));
    // Shrinking too: at width 85 the line needs 6 of its 9 + 0 (the glue does not shrink).
    const auto tight = knuth_plass(items, {85 * kUnit}, plain(2));
    REQUIRE(tight.size() == 2);
    CHECK(tight[0].ratio == Approx(-6.0 / 9.0));
    // Without the boxes' stretch the line is infeasible.
    items[0].stretch = items[2].stretch = 0;
    CHECK(knuth_plass(items, {100 * kUnit}, plain(2)).empty());
}

TEST_CASE("a break's post-break width belongs to the next line") {
    // "30 30 | 30": breaking at the penalty leaves 61 (ratio 0.2) and, with a
    // post-break width P, P + 30 for the last line, which cannot shrink.
    auto items_with = [](Sp post) {
        return std::vector<Item>{box(30 * kUnit),        glue(kUnit, 5 * kUnit, 0),
                                 box(30 * kUnit),        Item{ItemKind::penalty, 0, 0, 0, 0, false, post},
                                 box(30 * kUnit),        glue(0, kFilStretch, 0),
                                 penalty(0, -kInfinitePenalty)};
    };
    const auto plain_break = knuth_plass(items_with(0), {62 * kUnit}, plain(2));
    REQUIRE(plain_break.size() == 2);
    CHECK(plain_break[0].item == 3);
    CHECK(knuth_plass(items_with(20 * kUnit), {62 * kUnit}, plain(2)).size() == 2);  // 50 still fits
    CHECK(knuth_plass(items_with(40 * kUnit), {62 * kUnit}, plain(2)).empty());      // 70 does not
    // Greedy first-fit counts it too: the last line is overfull by the post width.
    const auto greedy = first_fit(items_with(40 * kUnit), {62 * kUnit});
    REQUIRE(greedy.size() >= 2);
    CHECK(greedy[0].item == 3);
    CHECK(greedy[1].ratio < -1);
}

// The total-fit algorithm of Knuth & Plass (1981) over boxes, glue and penalties,
// following TeX's formulation (tex.web §813–890): active breakpoints carry the best
// total demerits of a paragraph prefix ending there; each legal breakpoint is tried
// against every active one; lines too long deactivate a node, lines too loose are
// skipped. Candidates are kept apart by line class (where line widths still
// differ), fitness class and — booklet's addition — the number of hyphenated lines
// just before, so that "no three hyphens in a row" is exact rather than a cost.
#include "booklet/linebreak.hpp"
#include "knuth_plass_scratch.hpp"

#include <algorithm>
#include <cmath>

namespace booklet::linebreak {

namespace {

constexpr double kAwful = 1e12;      // demerits of an impossible path
constexpr double kUnderfull = 1e9;   // ratio of a line with no stretch that is too short
constexpr double kInfBad = 10000;    // TeX's inf_bad

// TeX's fitness classes (§817): 0 very loose, 1 loose, 2 decent, 3 tight.
int fitness_of(double r) {
    if (r < -0.5) return 3;
    if (r <= 0.5) return 2;
    if (r <= 1.0) return 1;
    return 0;
}

// TeX's badness, 100·|r|³ capped at inf_bad (§108).
double badness_of(double r) {
    const double a = std::min(std::fabs(r), 100.0);
    return std::min(kInfBad, 100.0 * a * a * a);
}

// In the emergency pass lines beyond the tolerance are allowed, but each one costs
// more than any set of lines within it, and more the looser it is: the pass first
// minimises how many lines are too loose, then how loose they are, instead of
// spreading an unavoidable gap over its neighbours (what plain total-fit with an
// infinite tolerance does, and what TeX's \emergencystretch only softens).
double emergency_badness(double r, double tolerance) {
    if (r <= tolerance) return badness_of(r);
    return kInfBad + 1000.0 * std::min(r - tolerance, 1000.0);
}

bool is_legal_break(const std::vector<Item>& items, std::size_t b) {
    const Item& it = items[b];
    if (it.kind == ItemKind::box) return false;
    if (it.kind == ItemKind::glue) return b > 0 && items[b - 1].kind == ItemKind::box;
    return it.penalty < kInfinitePenalty;
}

// Adjustment ratio of the line from `start` up to a break at `b`; `start_width` is
// what the break before the line adds to it (Item::post_width).
double line_ratio(const std::vector<Item>& items, const Prepared& prep, std::size_t start, Sp start_width,
                  std::size_t b, Sp target, Sp* natural_out = nullptr) {
    const Sums& end = prep.sum[b];
    const Sums& begin = prep.sum[start];
    Sp natural = end.width - begin.width + start_width;
    if (items[b].kind == ItemKind::penalty) natural += items[b].width;
    if (natural_out) *natural_out = natural;
    if (natural < target) {
        if (end.fil - begin.fil > 0) return 0;
        const Sp stretch = end.stretch - begin.stretch;
        return stretch > 0 ? static_cast<double>(target - natural) / static_cast<double>(stretch) : kUnderfull;
    }
    if (natural > target) {
        const Sp shrink = end.shrink - begin.shrink;
        return shrink > 0 ? static_cast<double>(target - natural) / static_cast<double>(shrink) : -kUnderfull;
    }
    return 0;
}

Sp width_for(const std::vector<Sp>& widths, std::size_t line) {
    return widths[std::min(line, widths.size() - 1)];
}

}  // namespace

std::vector<Break> knuth_plass(const std::vector<Item>& items, const std::vector<Sp>& widths,
                               const Parameters& params) {
    KnuthPlassScratch scratch;
    return knuth_plass(items, widths, params, scratch);
}

std::vector<Break> knuth_plass(const std::vector<Item>& items, const std::vector<Sp>& widths, const Parameters& params,
                               KnuthPlassScratch& scratch) {
    const std::size_t n = items.size();
    if (n == 0 || widths.empty()) return {};
    if (!is_forced(items.back())) return {};
    Prepared& prep = scratch.prep;
    prep.prepare(items);
    // Beyond the last distinct width all lines are alike, unless looseness asks us
    // to tell paragraphs apart by their number of lines (tex.web §848).
    const std::size_t easy_line = params.looseness != 0 ? static_cast<std::size_t>(-1) : widths.size() - 1;
    auto line_class = [&](std::size_t line) { return std::min(line, easy_line); };
    const double tolerance = params.emergency ? kUnderfull * 2 : params.tolerance;  // feasibility

    std::vector<Node>& nodes = scratch.nodes;
    nodes.clear();
    nodes.reserve(n / 2 + 16);
    nodes.push_back(Node{0, 0, 0, 0, 2, 0, 0, 0, -1});
    std::vector<int>& active = scratch.active;
    active.assign(1, 0);
    std::vector<int>& next_active = scratch.next_active;
    std::vector<Candidate>& candidates = scratch.candidates;

    for (std::size_t b = 0; b < n; ++b) {
        if (!is_legal_break(items, b)) continue;
        const Item& it = items[b];
        const bool forced = is_forced(it);
        const bool flagged = it.kind == ItemKind::penalty && it.flagged;
        const int penalty = it.kind == ItemKind::penalty ? it.penalty : 0;
        const bool final_break = b == n - 1;

        candidates.clear();
        next_active.clear();
        int best_overfull = -1;  // for the emergency pass: the least bad node we drop
        for (int a : active) {
            const Node& node = nodes[static_cast<std::size_t>(a)];
            Sp natural = 0;
            const Sp target = width_for(widths, node.line);
            const double r = line_ratio(items, prep, node.start, node.start_width, b, target, &natural);
            const bool deactivate = r < -1 || forced;
            if (!deactivate) next_active.push_back(a);
            if (r < -1) {
                // The latest breakpoint makes the shortest overfull line.
                const Node* best = best_overfull < 0 ? nullptr : &nodes[static_cast<std::size_t>(best_overfull)];
                if (!best || node.pos > best->pos || (node.pos == best->pos && node.total < best->total))
                    best_overfull = a;
                continue;
            }
            if (r > tolerance) continue;

            const double badness = params.emergency ? emergency_badness(r, params.tolerance) : badness_of(r);
            double d = (params.line_penalty + badness) * (params.line_penalty + badness);
            if (penalty > 0)
                d += static_cast<double>(penalty) * penalty;
            else if (penalty > -kInfinitePenalty)
                d -= static_cast<double>(penalty) * penalty;
            const int run = flagged ? node.run + 1 : 0;
            if (run > params.max_consecutive_flagged) {
                if (!params.emergency) continue;
                d += kAwful / 1000;
            }
            if (flagged && node.run > 0) d += params.flagged_demerits;
            if (final_break && node.run > 0) d += params.final_hyphen_demerits;
            const int fit = fitness_of(r);
            if (std::abs(fit - node.fitness) > 1) d += params.fitness_demerits;
            if (r > params.very_loose_ratio) d += params.very_loose_demerits;
            if (r < params.very_tight_ratio) d += params.very_tight_demerits;
            if (final_break && params.lone_word_demerits > 0 && node.prev >= 0 &&
                prep.words[b] == prep.words[node.start] &&
                static_cast<double>(natural) < params.lone_word_fraction * static_cast<double>(target))
                d += params.lone_word_demerits;
            const double total = node.total + d;

            const std::size_t lc = line_class(node.line + 1);
            auto c = std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& k) {
                return k.line_class == lc && k.fitness == fit && k.run == run;
            });
            if (c == candidates.end()) {
                candidates.push_back({lc, fit, run, total, r, a});
            } else if (total < c->total) {
                c->total = total;
                c->ratio = r;
                c->from = a;
            }
        }
        // Nothing fits and nothing is left: in the emergency pass keep the shortest
        // overfull line, as TeX's final pass does with "artificial demerits" (§854).
        if (params.emergency && candidates.empty() && next_active.empty() && best_overfull >= 0) {
            const Node& node = nodes[static_cast<std::size_t>(best_overfull)];
            const double r = line_ratio(items, prep, node.start, node.start_width, b, width_for(widths, node.line));
            candidates.push_back({line_class(node.line + 1), fitness_of(r), flagged ? node.run + 1 : 0,
                                  node.total + kInfBad * kInfBad, r, best_overfull});
        }
        active.swap(next_active);
        // A candidate that another one from the same line class beats by more than
        // any future fitness demerits, with no more hyphens behind it, cannot win.
        for (const Candidate& c : candidates) {
            bool dominated = false;
            for (const Candidate& o : candidates)
                if (&o != &c && o.line_class == c.line_class && o.run <= c.run &&
                    o.total + params.fitness_demerits < c.total)
                    dominated = true;
            if (dominated) continue;
            const Node& from = nodes[static_cast<std::size_t>(c.from)];
            Node node;
            node.pos = b;
            node.start = prep.after[b];
            node.start_width = it.post_width;
            node.line = from.line + 1;
            node.fitness = c.fitness;
            node.run = c.run;
            node.total = c.total;
            node.ratio = c.ratio;
            node.prev = c.from;
            nodes.push_back(node);
            active.push_back(static_cast<int>(nodes.size() - 1));
        }
        if (active.empty()) return {};  // no feasible way past this forced break
    }

    // The active nodes now all end at the final item.
    int best = -1;
    for (int a : active) {
        const Node& node = nodes[static_cast<std::size_t>(a)];
        if (node.pos != n - 1) continue;
        if (best < 0 || node.total < nodes[static_cast<std::size_t>(best)].total) best = a;
    }
    if (best < 0) return {};
    if (params.looseness != 0) {
        // tex.web §875: the paragraph whose line count is closest to the best one's
        // plus looseness, by demerits among equals.
        const auto best_lines = static_cast<long>(nodes[static_cast<std::size_t>(best)].line);
        long best_diff = 0;
        for (int a : active) {
            const Node& node = nodes[static_cast<std::size_t>(a)];
            if (node.pos != n - 1) continue;
            const long diff = static_cast<long>(node.line) - best_lines;
            const bool closer = (params.looseness > 0 && diff > best_diff && diff <= params.looseness) ||
                                (params.looseness < 0 && diff < best_diff && diff >= params.looseness);
            const bool equal_better = diff == best_diff && node.total < nodes[static_cast<std::size_t>(best)].total;
            if (closer || equal_better) {
                best = a;
                best_diff = diff;
            }
        }
    }
    std::vector<Break> breaks;
    for (int k = best; k > 0; k = nodes[static_cast<std::size_t>(k)].prev)
        breaks.push_back({nodes[static_cast<std::size_t>(k)].pos, nodes[static_cast<std::size_t>(k)].ratio});
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
}

std::vector<Break> first_fit(const std::vector<Item>& items, const std::vector<Sp>& widths) {
    const std::size_t n = items.size();
    if (n == 0 || widths.empty()) return {};
    Prepared prep;
    prep.prepare(items);
    std::vector<Break> breaks;
    std::size_t start = 0, line = 0;
    Sp start_width = 0;
    long last_fit = -1;
    double last_ratio = 0;
    auto end_line = [&](std::size_t at, double r) {
        breaks.push_back({at, r});
        start = prep.after[at];
        start_width = items[at].post_width;
        ++line;
        last_fit = -1;
    };
    for (std::size_t b = 0; b < n; ++b) {
        if (!is_legal_break(items, b)) continue;
        const bool forced = is_forced(items[b]);
        for (;;) {
            const Sp target = width_for(widths, line);
            const double r = line_ratio(items, prep, start, start_width, b, target);
            if (r >= -1) {
                if (forced || b == n - 1) {
                    end_line(b, r);
                } else {
                    last_fit = static_cast<long>(b);
                    last_ratio = r;
                }
                break;
            }
            // Too long: end the line at the last break that fitted and try again;
            // with none, this piece alone is too wide and the line overflows here.
            if (last_fit < 0) {
                end_line(b, r);
                break;
            }
            end_line(static_cast<std::size_t>(last_fit), last_ratio);
        }
    }
    if (breaks.empty() || breaks.back().item != n - 1) breaks.push_back({n - 1, 0});
    return breaks;
}

}  // namespace booklet::linebreak

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
#include <optional>

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

namespace {

// One run of the algorithm over a paragraph's items: the active nodes move from
// breakpoint to breakpoint, each legal one tried against all of them.
class TotalFit {
public:
    TotalFit(const std::vector<Item>& items, const std::vector<Sp>& widths, const Parameters& params,
             KnuthPlassScratch& scratch)
        : items_(items), widths_(widths), params_(params), prep_(scratch.prep), nodes_(scratch.nodes),
          active_(scratch.active), next_active_(scratch.next_active), candidates_(scratch.candidates) {}

    std::vector<Break> run();

private:
    const std::vector<Item>& items_;
    const std::vector<Sp>& widths_;
    const Parameters& params_;
    Prepared& prep_;
    std::vector<Node>& nodes_;
    std::vector<int>& active_;
    std::vector<int>& next_active_;
    std::vector<Candidate>& candidates_;
    // Beyond the last distinct width all lines are alike, unless looseness asks us
    // to tell paragraphs apart by their number of lines (tex.web §848).
    std::size_t easy_line_ = params_.looseness != 0 ? static_cast<std::size_t>(-1) : widths_.size() - 1;
    const double tolerance_ = params_.emergency ? kUnderfull * 2 : params_.tolerance;  // feasibility

    std::size_t line_class(std::size_t line) const { return std::min(line, easy_line_); }
    const Node& node_at(int a) const { return nodes_[static_cast<std::size_t>(a)]; }
    bool try_break(std::size_t b);
    void consider(int a, std::size_t b, int& best_overfull);
    std::optional<double> demerits(const Node& node, std::size_t b, double r, Sp natural, Sp target, int run,
                                   int fit) const;
    void keep_overfull(int a, std::size_t b);
    void activate_candidates(std::size_t b);
    int best_final() const;
    int loosest(int best) const;
    std::vector<Break> trace(int best) const;
};

std::vector<Break> TotalFit::run() {
    prep_.prepare(items_);
    nodes_.clear();
    nodes_.reserve(items_.size() / 2 + 16);
    nodes_.push_back(Node{0, 0, 0, 0, 2, 0, 0, 0, -1});
    active_.assign(1, 0);
    for (std::size_t b = 0; b < items_.size(); ++b)
        if (is_legal_break(items_, b) && !try_break(b)) return {};  // no feasible way past a forced break
    int best = best_final();
    if (best < 0) return {};
    if (params_.looseness != 0) best = loosest(best);
    return trace(best);
}

// The lines from every active node to a break at b become candidates; returns
// false when no node is left active.
bool TotalFit::try_break(std::size_t b) {
    candidates_.clear();
    next_active_.clear();
    int best_overfull = -1;  // for the emergency pass: the least bad node we drop
    for (int a : active_) consider(a, b, best_overfull);
    // Nothing fits and nothing is left: in the emergency pass keep the shortest
    // overfull line, as TeX's final pass does with "artificial demerits" (§854).
    if (params_.emergency && candidates_.empty() && next_active_.empty() && best_overfull >= 0)
        keep_overfull(best_overfull, b);
    active_.swap(next_active_);
    activate_candidates(b);
    return !active_.empty();
}

// The line from active node a to a break at b: the node stays active unless the
// line is overfull or b is forced; a feasible line is a candidate.
void TotalFit::consider(int a, std::size_t b, int& best_overfull) {
    const Node& node = node_at(a);
    const Item& it = items_[b];
    Sp natural = 0;
    const Sp target = width_for(widths_, node.line);
    const double r = line_ratio(items_, prep_, node.start, node.start_width, b, target, &natural);
    if (r >= -1 && !is_forced(it)) next_active_.push_back(a);
    if (r < -1) {
        // The latest breakpoint makes the shortest overfull line.
        const Node* best = best_overfull < 0 ? nullptr : &node_at(best_overfull);
        if (!best || node.pos > best->pos || (node.pos == best->pos && node.total < best->total)) best_overfull = a;
        return;
    }
    if (r > tolerance_) return;
    const bool flagged = it.kind == ItemKind::penalty && it.flagged;
    const int run = flagged ? node.run + 1 : 0;
    const int fit = fitness_of(r);
    const auto d = demerits(node, b, r, natural, target, run, fit);
    if (!d) return;
    const double total = node.total + *d;
    const std::size_t lc = line_class(node.line + 1);
    auto c = std::find_if(candidates_.begin(), candidates_.end(), [&](const Candidate& k) {
        return k.line_class == lc && k.fitness == fit && k.run == run;
    });
    if (c == candidates_.end()) {
        candidates_.push_back({lc, fit, run, total, r, a});
    } else if (total < c->total) {
        c->total = total;
        c->ratio = r;
        c->from = a;
    }
}

// The demerits of the line from `node` to a break at b with adjustment ratio r,
// `run` hyphenated lines in a row and fitness class `fit`; none when the line is
// not allowed (a hyphen too many outside the emergency pass).
std::optional<double> TotalFit::demerits(const Node& node, std::size_t b, double r, Sp natural, Sp target,
                                         int run, int fit) const {
    const Parameters& pp = params_;
    const Item& it = items_[b];
    const int penalty = it.kind == ItemKind::penalty ? it.penalty : 0;
    const bool flagged = it.kind == ItemKind::penalty && it.flagged;
    const bool final_break = b == items_.size() - 1;
    const double badness = pp.emergency ? emergency_badness(r, pp.tolerance) : badness_of(r);
    double d = (pp.line_penalty + badness) * (pp.line_penalty + badness);
    if (penalty > 0)
        d += static_cast<double>(penalty) * penalty;
    else if (penalty > -kInfinitePenalty)
        d -= static_cast<double>(penalty) * penalty;
    if (run > pp.max_consecutive_flagged) {
        if (!pp.emergency) return std::nullopt;
        d += kAwful / 1000;
    }
    if (flagged && node.run > 0) d += pp.flagged_demerits;
    if (final_break && node.run > 0) d += pp.final_hyphen_demerits;
    if (std::abs(fit - node.fitness) > 1) d += pp.fitness_demerits;
    if (r > pp.very_loose_ratio) d += pp.very_loose_demerits;
    if (r < pp.very_tight_ratio) d += pp.very_tight_demerits;
    if (final_break && pp.lone_word_demerits > 0 && node.prev >= 0 && prep_.words[b] == prep_.words[node.start] &&
        static_cast<double>(natural) < pp.lone_word_fraction * static_cast<double>(target))
        d += pp.lone_word_demerits;
    return d;
}

void TotalFit::keep_overfull(int a, std::size_t b) {
    const Node& node = node_at(a);
    const Item& it = items_[b];
    const bool flagged = it.kind == ItemKind::penalty && it.flagged;
    const double r = line_ratio(items_, prep_, node.start, node.start_width, b, width_for(widths_, node.line));
    candidates_.push_back({line_class(node.line + 1), fitness_of(r), flagged ? node.run + 1 : 0,
                           node.total + kInfBad * kInfBad, r, a});
}

// The candidates become active nodes at b, but for one that another one from the
// same line class beats by more than any future fitness demerits, with no more
// hyphens behind it: it cannot win.
void TotalFit::activate_candidates(std::size_t b) {
    for (const Candidate& c : candidates_) {
        bool dominated = false;
        for (const Candidate& o : candidates_)
            if (&o != &c && o.line_class == c.line_class && o.run <= c.run &&
                o.total + params_.fitness_demerits < c.total)
                dominated = true;
        if (dominated) continue;
        const Node& from = node_at(c.from);
        Node node;
        node.pos = b;
        node.start = prep_.after[b];
        node.start_width = items_[b].post_width;
        node.line = from.line + 1;
        node.fitness = c.fitness;
        node.run = c.run;
        node.total = c.total;
        node.ratio = c.ratio;
        node.prev = c.from;
        nodes_.push_back(node);
        active_.push_back(static_cast<int>(nodes_.size() - 1));
    }
}

// The active nodes now all end at the final item: the one with the least demerits.
int TotalFit::best_final() const {
    const std::size_t last = items_.size() - 1;
    int best = -1;
    for (int a : active_) {
        const Node& node = node_at(a);
        if (node.pos != last) continue;
        if (best < 0 || node.total < node_at(best).total) best = a;
    }
    return best;
}

// tex.web §875: the paragraph whose line count is closest to the best one's plus
// looseness, by demerits among equals.
int TotalFit::loosest(int best) const {
    const std::size_t last = items_.size() - 1;
    const auto best_lines = static_cast<long>(node_at(best).line);
    const int looseness = params_.looseness;
    long best_diff = 0;
    for (int a : active_) {
        const Node& node = node_at(a);
        if (node.pos != last) continue;
        const long diff = static_cast<long>(node.line) - best_lines;
        const bool closer = (looseness > 0 && diff > best_diff && diff <= looseness) ||
                            (looseness < 0 && diff < best_diff && diff >= looseness);
        const bool equal_better = diff == best_diff && node.total < node_at(best).total;
        if (closer || equal_better) {
            best = a;
            best_diff = diff;
        }
    }
    return best;
}

std::vector<Break> TotalFit::trace(int best) const {
    std::vector<Break> breaks;
    for (int k = best; k > 0; k = node_at(k).prev) breaks.push_back({node_at(k).pos, node_at(k).ratio});
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
}

}  // namespace

std::vector<Break> knuth_plass(const std::vector<Item>& items, const std::vector<Sp>& widths, const Parameters& params,
                               KnuthPlassScratch& scratch) {
    if (items.empty() || widths.empty()) return {};
    if (!is_forced(items.back())) return {};
    return TotalFit(items, widths, params, scratch).run();
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

// Indexed colour for photographs with transparency: an EPUB image file cannot
// carry a soft mask beside a JPEG, and a truecolour RGBA PNG of a photograph is
// large (the corpus's 954 x 917 heart collage: 797 KB). A palette of at most 256
// RGBA entries with error diffusion keeps a photograph's look at a third of that.
//
// Steps, all deterministic (integer keys, total orders for every sort, doubles
// computed in one fixed order):
//  1. Histogram of the visible colours (RGBA, exact). Fully transparent pixels
//     get one entry of their own, (0,0,0,0).
//  2. Median cut (Heckbert, 1982) in a weighted, alpha-premultiplied space: the
//     box with the largest weighted squared error is split across its widest
//     axis at the pixel median. Opaque and translucent colours start in separate
//     boxes and are never mixed, so an opaque pixel always maps to an entry with
//     alpha exactly 255 and a translucent one never becomes opaque or vanishes.
//  3. A few k-means (Lloyd) passes over the histogram move each entry to the mean
//     of the colours nearest to it.
//  4. Opaque pixels are mapped with serpentine Floyd-Steinberg error diffusion
//     (error capped, so a stray error cannot streak across flat sky); translucent
//     edge pixels to their nearest entry.
// Nearest-entry search prunes with the triangle inequality from a guess (the
// last answer), which makes it a few distance computations per pixel.
#include "codecs.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

namespace booklet::image {
namespace {

// Squared-distance weights 3, 4, 3, 4 (their square roots below): the eye tells
// green apart best; alpha as strongly as green, since against the page an alpha
// error shows as a colour error. Blue at 2, as some colour distances weigh it,
// gave the heart collage's saturated yellow shirt too few low-blue entries
// (8 x 8 areas off by up to 19.6 levels against 17.9 with 3, mean 1.21 vs 1.18).
constexpr std::array<double, 4> kAxisScale{1.7320508075688772, 2.0, 1.7320508075688772, 2.0};
constexpr int kRefinePasses = 4;
// Diffused error beyond this many levels per channel is dropped: full error
// carried through a region the palette covers poorly paints worm-like streaks.
constexpr float kMaxCarriedError = 40.0f;

using Rgba = std::array<std::uint8_t, 4>;
using Point = std::array<double, 4>;

std::uint32_t key_of(const Rgba& c) {
    return std::uint32_t{c[0]} << 24 | std::uint32_t{c[1]} << 16 | std::uint32_t{c[2]} << 8 | c[3];
}
Rgba rgba_of(std::uint32_t key) {
    return {static_cast<std::uint8_t>(key >> 24), static_cast<std::uint8_t>(key >> 16),
            static_cast<std::uint8_t>(key >> 8), static_cast<std::uint8_t>(key)};
}

// Where a colour sits in the distance space: premultiplied by alpha (a faint
// pixel's colour matters less), each axis scaled by its weight.
Point point_of(double r, double g, double b, double a) {
    const double k = a / 255.0;
    return {r * k * kAxisScale[0], g * k * kAxisScale[1], b * k * kAxisScale[2], a * kAxisScale[3]};
}
Point point_of(const Rgba& c) { return point_of(c[0], c[1], c[2], c[3]); }

double distance2(const Point& p, const Point& q) {
    double sum = 0;
    for (std::size_t i = 0; i < 4; ++i) sum += (p[i] - q[i]) * (p[i] - q[i]);
    return sum;
}

// Eight bytes, the point computed when needed: a picture can hold millions of colours.
struct Colour {
    Rgba rgba{};
    std::uint32_t count = 0;
    Point point() const { return point_of(rgba); }
};

enum class Visibility : std::uint8_t { transparent, translucent, opaque };
Visibility visibility_of(std::uint8_t alpha) {
    return alpha == 0 ? Visibility::transparent : alpha == 255 ? Visibility::opaque : Visibility::translucent;
}

// The raster's pixels as RGBA, one after another.
std::vector<Rgba> rgba_pixels(const pages::Raster& raster) {
    const std::size_t count = static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height);
    const std::size_t channels = static_cast<std::size_t>(raster.channels);
    std::vector<Rgba> out(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint8_t* px = raster.pixels.data() + i * channels;
        const std::uint8_t a = raster.alpha.empty() ? 255 : raster.alpha[i];
        out[i] = a == 0 ? Rgba{0, 0, 0, 0} : channels == 1 ? Rgba{px[0], px[0], px[0], a} : Rgba{px[0], px[1], px[2], a};
    }
    return out;
}

// Every distinct colour with its pixel count, in key order.
std::vector<Colour> histogram(const std::vector<Rgba>& pixels) {
    std::vector<std::uint32_t> keys(pixels.size());
    std::transform(pixels.begin(), pixels.end(), keys.begin(), key_of);
    std::sort(keys.begin(), keys.end());
    std::vector<Colour> out;
    for (std::size_t i = 0; i < keys.size();) {
        std::size_t j = i;
        while (j < keys.size() && keys[j] == keys[i]) ++j;
        Colour c;
        c.rgba = rgba_of(keys[i]);
        c.count = static_cast<std::uint32_t>(j - i);
        out.push_back(c);
        i = j;
    }
    return out;
}

// A run of the histogram that becomes one palette entry.
struct Box {
    std::size_t begin = 0, end = 0;
    double error = 0;     // count-weighted squared distance to the mean
    std::size_t axis = 0;  // the axis of largest spread
};

Box measured_box(const std::vector<Colour>& colours, std::size_t begin, std::size_t end) {
    Box box{begin, end, 0, 0};
    double total = 0;
    Point sum{}, sum2{};
    for (std::size_t i = begin; i < end; ++i) {
        const double n = colours[i].count;
        const Point p = colours[i].point();
        total += n;
        for (std::size_t a = 0; a < 4; ++a) {
            sum[a] += n * p[a];
            sum2[a] += n * p[a] * p[a];
        }
    }
    double widest = -1;
    for (std::size_t a = 0; a < 4; ++a) {
        const double spread = std::max(0.0, sum2[a] - sum[a] * sum[a] / total);
        box.error += spread;
        if (spread > widest) {
            widest = spread;
            box.axis = a;
        }
    }
    return box;
}

// Sorts a run of the histogram along one axis (ties by colour), each point
// computed once.
void sort_along(std::vector<Colour>& colours, std::size_t begin, std::size_t end, std::size_t axis) {
    struct Decorated {
        double value;
        std::uint32_t key, count;
    };
    std::vector<Decorated> run;
    run.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
        run.push_back({colours[i].point()[axis], key_of(colours[i].rgba), colours[i].count});
    std::sort(run.begin(), run.end(), [](const Decorated& p, const Decorated& q) {
        return p.value != q.value ? p.value < q.value : p.key < q.key;
    });
    for (std::size_t i = begin; i < end; ++i) colours[i] = {rgba_of(run[i - begin].key), run[i - begin].count};
}

// Splits a box at the pixel median of its widest axis; false when it holds one colour.
bool split_box(std::vector<Colour>& colours, const Box& box, Box& low, Box& high) {
    if (box.end - box.begin < 2) return false;
    sort_along(colours, box.begin, box.end, box.axis);
    std::uint64_t total = 0, below = 0;
    for (std::size_t i = box.begin; i < box.end; ++i) total += colours[i].count;
    std::size_t cut = box.begin + 1;
    for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
        below += colours[i].count;
        cut = i + 1;
        if (2 * below >= total) break;
    }
    low = measured_box(colours, box.begin, cut);
    high = measured_box(colours, cut, box.end);
    return true;
}

// Median cut over the histogram's visibility classes (runs [begin, end) of it,
// sorted by class), one box per class to start with; returns at most `entries`
// boxes when there are no more classes than that.
std::vector<Box> median_cut(std::vector<Colour>& colours, const std::vector<std::pair<std::size_t, std::size_t>>& classes,
                            std::size_t entries) {
    std::vector<Box> boxes;
    for (const auto& [begin, end] : classes)
        if (end > begin) boxes.push_back(measured_box(colours, begin, end));
    while (boxes.size() < entries) {
        std::size_t worst = boxes.size();
        for (std::size_t i = 0; i < boxes.size(); ++i)
            if (boxes[i].end - boxes[i].begin > 1 && (worst == boxes.size() || boxes[i].error > boxes[worst].error))
                worst = i;
        if (worst == boxes.size()) break;  // every box is one colour
        Box low, high;
        split_box(colours, boxes[worst], low, high);
        boxes[worst] = low;
        boxes.push_back(high);
    }
    return boxes;
}

// Running sums for the mean of the colours given to one entry: colour weighted
// by alpha, as the eye sees it over the page.
struct EntrySum {
    double weight = 0, alpha_weight = 0;
    std::array<double, 4> sum{};
    void add(const Rgba& c, double n) {
        const double w = n * c[3];
        weight += n;
        alpha_weight += w;
        for (std::size_t i = 0; i < 3; ++i) sum[i] += w * c[i];
        sum[3] += n * c[3];
    }
    Rgba mean() const {
        auto level = [](double v) { return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L)); };
        return {level(sum[0] / alpha_weight), level(sum[1] / alpha_weight), level(sum[2] / alpha_weight),
                level(sum[3] / weight)};
    }
};

// Nearest palette entry of the same visibility class, found from a guess: for
// each entry its class-mates ordered by distance; a candidate p farther from the
// guess g than best + d(x, g) cannot beat the best (d(x,p) >= d(g,p) - d(x,g)),
// and neither can any after it.
class NearestEntry {
public:
    explicit NearestEntry(const std::vector<Rgba>& palette) : points_(palette.size()), near_(palette.size()) {
        for (std::size_t i = 0; i < palette.size(); ++i) points_[i] = point_of(palette[i]);
        for (std::size_t g = 0; g < palette.size(); ++g) {
            for (std::size_t p = 0; p < palette.size(); ++p)
                if (p != g && visibility_of(palette[p][3]) == visibility_of(palette[g][3]))
                    near_[g].push_back({std::sqrt(distance2(points_[g], points_[p])), static_cast<std::uint8_t>(p)});
            std::sort(near_[g].begin(), near_[g].end());
        }
    }

    std::uint8_t find(const Point& x, std::uint8_t guess) const {
        std::uint8_t best = guess;
        double best2 = distance2(x, points_[guess]);
        const double from_guess = std::sqrt(best2);
        double best_distance = from_guess;
        for (const auto& [apart, p] : near_[guess]) {
            if (apart >= best_distance + from_guess) break;
            const double d2 = distance2(x, points_[p]);
            if (d2 < best2) {
                best2 = d2;
                best = p;
                best_distance = std::sqrt(d2);
            }
        }
        return best;
    }

private:
    std::vector<Point> points_;
    std::vector<std::vector<std::pair<double, std::uint8_t>>> near_;
};

// The first palette entry of each visibility class (a start for the search).
std::array<std::uint8_t, 3> class_starts(const std::vector<Rgba>& palette) {
    std::array<std::uint8_t, 3> start{};
    for (std::size_t i = palette.size(); i-- > 0;)
        start[static_cast<std::size_t>(visibility_of(palette[i][3]))] = static_cast<std::uint8_t>(i);
    return start;
}

// Lloyd passes: every histogram colour to its nearest entry, every entry to the
// mean of its colours (an entry nobody chose stays where it was).
void refine(std::vector<Rgba>& palette, const std::vector<Colour>& colours) {
    for (int pass = 0; pass < kRefinePasses; ++pass) {
        const NearestEntry nearest(palette);
        std::array<std::uint8_t, 3> guess = class_starts(palette);
        std::vector<EntrySum> sums(palette.size());
        for (const Colour& c : colours) {
            std::uint8_t& g = guess[static_cast<std::size_t>(visibility_of(c.rgba[3]))];
            g = nearest.find(c.point(), g);
            sums[g].add(c.rgba, c.count);
        }
        for (std::size_t i = 0; i < palette.size(); ++i)
            if (sums[i].weight > 0 && palette[i][3] != 0) palette[i] = sums[i].mean();
    }
}

// The palette for a histogram: exact when it fits, else median cut and refinement.
std::vector<Rgba> choose_palette(std::vector<Colour> colours, std::size_t max_colours) {
    std::vector<Rgba> palette;
    if (colours.size() <= max_colours) {
        for (const Colour& c : colours) palette.push_back(c.rgba);
        return palette;
    }
    std::stable_sort(colours.begin(), colours.end(), [](const Colour& p, const Colour& q) {
        return visibility_of(p.rgba[3]) < visibility_of(q.rgba[3]);
    });
    std::size_t first_visible = 0;
    while (first_visible < colours.size() && colours[first_visible].rgba[3] == 0) ++first_visible;
    std::size_t first_opaque = first_visible;
    while (first_opaque < colours.size() && colours[first_opaque].rgba[3] != 255) ++first_opaque;
    if (first_visible > 0) palette.push_back({0, 0, 0, 0});
    const std::vector<Box> boxes = median_cut(colours, {{first_visible, first_opaque}, {first_opaque, colours.size()}},
                                              max_colours - palette.size());
    for (const Box& box : boxes) {
        EntrySum sum;
        for (std::size_t i = box.begin; i < box.end; ++i) sum.add(colours[i].rgba, colours[i].count);
        palette.push_back(sum.mean());
    }
    refine(palette, colours);
    return palette;
}

}  // namespace

namespace {

// Floyd-Steinberg weights (7, 3, 5, 1 sixteenths) over a serpentine scan, for
// opaque pixels; what a pixel's rounding misses goes to the opaque neighbours
// not yet mapped. Rows of carried error, three channels each, one pixel of
// margin on both sides.
class Ditherer {
public:
    Ditherer(const std::vector<Rgba>& palette, int width)
        : palette_(palette), nearest_(palette), guess_(class_starts(palette)), width_(static_cast<std::size_t>(width)),
          here_((width_ + 2) * 3), next_((width_ + 2) * 3) {}

    void map_row(const Rgba* pixels, std::uint8_t* indices, std::size_t y) {
        std::fill(next_.begin(), next_.end(), 0.0f);
        const bool leftward = y % 2 == 1;
        for (std::size_t step = 0; step < width_; ++step) {
            const std::size_t x = leftward ? width_ - 1 - step : step;
            indices[x] = map_pixel(pixels[x], x, leftward);
        }
        std::swap(here_, next_);
    }

private:
    std::uint8_t map_pixel(const Rgba& px, std::size_t x, bool leftward) {
        const Visibility v = visibility_of(px[3]);
        std::uint8_t& guess = guess_[static_cast<std::size_t>(v)];
        if (v != Visibility::opaque) {
            guess = v == Visibility::transparent ? guess : nearest_.find(point_of(px), guess);
            return guess;
        }
        float* carried = &here_[(x + 1) * 3];
        std::array<float, 3> want{};
        for (std::size_t c = 0; c < 3; ++c) want[c] = std::clamp(px[c] + carried[c], 0.0f, 255.0f);
        guess = nearest_.find(point_of(want[0], want[1], want[2], 255), guess);
        std::array<float, 3> error{};
        for (std::size_t c = 0; c < 3; ++c)
            error[c] = std::clamp(want[c] - palette_[guess][c], -kMaxCarriedError, kMaxCarriedError);
        spread(error, x, leftward);
        return guess;
    }

    void spread(const std::array<float, 3>& error, std::size_t x, bool leftward) {
        const std::size_t ahead = leftward ? x : x + 2, behind = leftward ? x + 2 : x;  // columns in the margined rows
        for (std::size_t c = 0; c < 3; ++c) {
            here_[ahead * 3 + c] += error[c] * (7.0f / 16);
            next_[behind * 3 + c] += error[c] * (3.0f / 16);
            next_[(x + 1) * 3 + c] += error[c] * (5.0f / 16);
            next_[ahead * 3 + c] += error[c] * (1.0f / 16);
        }
    }

    const std::vector<Rgba>& palette_;
    NearestEntry nearest_;
    std::array<std::uint8_t, 3> guess_;
    std::size_t width_;
    std::vector<float> here_, next_;
};

// Entries with transparency first (a PNG's tRNS chunk then stops at the last of
// them), each class in colour order; duplicates left by refinement merged.
bool palette_order(const Rgba& p, const Rgba& q) { return p[3] != q[3] ? p[3] < q[3] : key_of(p) < key_of(q); }

void order_palette(std::vector<Rgba>& palette) {
    std::sort(palette.begin(), palette.end(), palette_order);
    palette.erase(std::unique(palette.begin(), palette.end()), palette.end());
}

}  // namespace

IndexedRaster quantize(const pages::Raster& raster, int max_colours) {
    detail::check_raster(raster, "colour quantiser");
    // Three entries at least: one each for clear, translucent and opaque pixels.
    if (max_colours < 3 || max_colours > 256) detail::fail("<raster>", "colour quantiser: palette size must be 3..256");
    const std::vector<Rgba> pixels = rgba_pixels(raster);
    const std::vector<Colour> colours = histogram(pixels);
    const bool exact = colours.size() <= static_cast<std::size_t>(max_colours);
    std::vector<Rgba> palette = choose_palette(colours, static_cast<std::size_t>(max_colours));
    order_palette(palette);

    IndexedRaster out;
    out.width = raster.width;
    out.height = raster.height;
    out.dpi_x = raster.dpi_x;
    out.dpi_y = raster.dpi_y;
    out.indices.resize(pixels.size());
    const std::size_t width = static_cast<std::size_t>(raster.width);
    if (exact) {
        for (std::size_t i = 0; i < pixels.size(); ++i)
            out.indices[i] = static_cast<std::uint8_t>(
                std::lower_bound(palette.begin(), palette.end(), pixels[i], palette_order) - palette.begin());
    } else {
        Ditherer ditherer(palette, raster.width);
        for (std::size_t y = 0; y < static_cast<std::size_t>(raster.height); ++y)
            ditherer.map_row(pixels.data() + y * width, out.indices.data() + y * width, y);
    }
    out.palette = std::move(palette);
    return out;
}

}  // namespace booklet::image

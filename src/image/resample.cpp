// Area-averaging resampling ("box filter" reduction): every destination pixel is
// the average of the source area it covers, each source pixel weighted by the
// part of it inside that area. This is the exact integral of the source treated as
// a piecewise-constant function (the method of java.awt.image.AreaAveragingScaleFilter
// and of "pixel mixing" in Wolberg, Digital Image Warping, 1990, 5.2); it never
// aliases when reducing, which is all it is used for here.
//
// Weights are integers: along an axis of S source and D destination pixels,
// measure both in units of 1/(S*D) of the axis; source pixel j covers
// [j*D, (j+1)*D), destination pixel i covers [i*S, (i+1)*S), and the weight is
// the length of the overlap. The weights of one destination pixel sum to S, so
// the two separable passes divide by S_x * S_y once, with rounding, and the
// result is exact and the same on every machine.
//
// Colour with alpha is averaged premultiplied (colour weighted by its alpha), so
// the invisible colour under transparent pixels does not bleed into visible edges;
// where the whole area is transparent the plain average is kept.
#include "codecs.hpp"

#include <algorithm>
#include <deque>

namespace booklet::image {
namespace {

// The source pixels that meet one destination pixel and their overlaps.
struct Span {
    std::size_t first = 0;
    std::vector<std::uint32_t> weights;
};

std::vector<Span> spans_for(std::size_t source, std::size_t destination) {
    std::vector<Span> spans(destination);
    for (std::size_t i = 0; i < destination; ++i) {
        const std::uint64_t lo = i * source, hi = (i + 1) * source;  // in units of 1/(S*D)
        Span& s = spans[i];
        s.first = static_cast<std::size_t>(lo / destination);
        for (std::size_t j = s.first; j < source && j * destination < hi; ++j) {
            const std::uint64_t from = std::max<std::uint64_t>(lo, j * destination);
            const std::uint64_t to = std::min<std::uint64_t>(hi, (j + 1) * destination);
            s.weights.push_back(static_cast<std::uint32_t>(to - from));
        }
    }
    return spans;
}

std::uint8_t rounded_quotient(std::uint64_t sum, std::uint64_t total) {
    return static_cast<std::uint8_t>(std::min<std::uint64_t>(255, (sum + total / 2) / total));
}

}  // namespace

pages::Raster resample(const pages::Raster& raster, int width, int height) {
    detail::check_raster(raster, "resample");
    detail::check_dimensions(width, height, "<raster>");
    const std::size_t sw = static_cast<std::size_t>(raster.width), sh = static_cast<std::size_t>(raster.height);
    const std::size_t dw = static_cast<std::size_t>(width), dh = static_cast<std::size_t>(height);
    const std::size_t channels = static_cast<std::size_t>(raster.channels);

    pages::Raster out;
    out.width = width;
    out.height = height;
    out.channels = raster.channels;
    out.dpi_x = raster.dpi_x * static_cast<double>(dw) / static_cast<double>(sw);
    out.dpi_y = raster.dpi_y * static_cast<double>(dh) / static_cast<double>(sh);
    out.lossy_source = raster.lossy_source;
    out.compression = raster.compression;
    out.jpeg_quality = raster.jpeg_quality;
    if (dw == sw && dh == sh) {
        out.pixels = raster.pixels;
        out.alpha = raster.alpha;
        return out;
    }

    // Per pixel of a horizontally reduced row: the plain colour sums, then with
    // alpha the alpha sum and the alpha-weighted colour sums. Such a sum is at
    // most 255 * 255 * S_x < 2^32 (S_x <= kMaxDimension).
    const bool has_alpha = !raster.alpha.empty();
    const std::size_t stride = has_alpha ? 2 * channels + 1 : channels;
    const std::vector<Span> across = spans_for(sw, dw);
    const std::vector<Span> down = spans_for(sh, dh);

    auto reduce_row = [&](std::size_t y, std::vector<std::uint32_t>& row) {
        row.assign(dw * stride, 0);
        const std::uint8_t* src = raster.pixels.data() + y * sw * channels;
        const std::uint8_t* src_alpha = has_alpha ? raster.alpha.data() + y * sw : nullptr;
        for (std::size_t x = 0; x < dw; ++x) {
            std::uint32_t* acc = row.data() + x * stride;
            const Span& span = across[x];
            for (std::size_t k = 0; k < span.weights.size(); ++k) {
                const std::size_t j = span.first + k;
                const std::uint32_t w = span.weights[k];
                for (std::size_t c = 0; c < channels; ++c) acc[c] += w * src[j * channels + c];
                if (!has_alpha) continue;
                const std::uint32_t a = src_alpha[j];
                acc[channels] += w * a;
                for (std::size_t c = 0; c < channels; ++c) acc[channels + 1 + c] += w * a * src[j * channels + c];
            }
        }
    };

    // The reduced source rows that the current destination row needs: a window
    // that only slides down, so memory stays a few rows however large the source.
    std::deque<std::vector<std::uint32_t>> window;
    std::size_t window_first = 0;
    std::vector<std::uint32_t> spare;

    const std::uint64_t total = static_cast<std::uint64_t>(sw) * sh;  // all weights of one pixel
    out.pixels.resize(dw * dh * channels);
    if (has_alpha) out.alpha.resize(dw * dh);
    std::vector<std::uint64_t> sums(dw * stride);
    for (std::size_t y = 0; y < dh; ++y) {
        const Span& span = down[y];
        while (!window.empty() && window_first < span.first) {
            spare = std::move(window.front());
            window.pop_front();
            ++window_first;
        }
        if (window.empty()) window_first = span.first;
        while (window_first + window.size() < span.first + span.weights.size()) {
            reduce_row(window_first + window.size(), spare);
            window.push_back(std::move(spare));
            spare.clear();
        }

        std::fill(sums.begin(), sums.end(), 0);
        for (std::size_t k = 0; k < span.weights.size(); ++k) {
            const std::vector<std::uint32_t>& row = window[span.first + k - window_first];
            const std::uint64_t w = span.weights[k];
            for (std::size_t i = 0; i < sums.size(); ++i) sums[i] += w * row[i];
        }
        for (std::size_t x = 0; x < dw; ++x) {
            const std::uint64_t* acc = sums.data() + x * stride;
            std::uint8_t* px = out.pixels.data() + (y * dw + x) * channels;
            const std::uint64_t alpha_sum = has_alpha ? acc[channels] : 0;
            for (std::size_t c = 0; c < channels; ++c)
                px[c] = alpha_sum > 0 ? rounded_quotient(acc[channels + 1 + c], alpha_sum)
                                      : rounded_quotient(acc[c], total);
            if (has_alpha) out.alpha[y * dw + x] = rounded_quotient(alpha_sum, total);
        }
    }
    if (has_alpha && std::all_of(out.alpha.begin(), out.alpha.end(), [](std::uint8_t a) { return a == 255; }))
        out.alpha.clear();
    return out;
}

}  // namespace booklet::image

// The one place that decides the build date (see dates.hpp).
#include "booklet/dates.hpp"

#include <cerrno>
#include <chrono>
#include <cstdlib>

namespace booklet {

BuildDate decide_build_date(const char* source_date_epoch, const std::string& manifest_date, std::int64_t now,
                            Diagnostics& diags) {
    if (source_date_epoch && *source_date_epoch) {
        // A malformed value stops the build (the reproducible-builds definition asks
        // for that): a build someone meant to pin must never quietly take another date.
        // Up to 9999-12-31 23:59:59: PDF and EPUB dates have four-digit years.
        constexpr long long kLast = 253402300799LL;
        errno = 0;
        char* end = nullptr;
        const long long v = std::strtoll(source_date_epoch, &end, 10);
        if (!end || *end != '\0' || errno == ERANGE)
            throw Error({"SOURCE_DATE_EPOCH"}, "'" + excerpt(source_date_epoch) + "' is not a number of seconds",
                        "source-date-epoch");
        if (v < 0 || v > kLast)
            throw Error({"SOURCE_DATE_EPOCH"},
                        "'" + excerpt(source_date_epoch) + "' is outside the years 1970 to 9999 (0 to " +
                            std::to_string(kLast) + ")",
                        "source-date-epoch");
        return {v, BuildDateSource::source_date_epoch};
    }
    if (const std::optional<std::int64_t> t = parse_iso_date(manifest_date)) return {*t, BuildDateSource::manifest};
    diags.warning({}, "build-date-clock",
                  "no SOURCE_DATE_EPOCH and no 'date' in the manifest: the build date is the time of this build, "
                  "so the output is not reproducible (set 'date' to fix it)");
    return {now, BuildDateSource::clock};
}

BuildDate build_date(const std::string& manifest_date, Diagnostics& diags) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return decide_build_date(std::getenv("SOURCE_DATE_EPOCH"), manifest_date,
                             std::chrono::duration_cast<std::chrono::seconds>(now).count(), diags);
}

}  // namespace booklet

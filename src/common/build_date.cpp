// The one place that decides the build date (see dates.hpp).
#include "booklet/dates.hpp"

#include <chrono>
#include <cstdlib>

namespace booklet {

BuildDate decide_build_date(const char* source_date_epoch, const std::string& manifest_date, std::int64_t now,
                            Diagnostics& diags) {
    if (source_date_epoch && *source_date_epoch) {
        char* end = nullptr;
        const long long v = std::strtoll(source_date_epoch, &end, 10);
        // Up to the year 9999: a printed date has four digits.
        if (end && *end == '\0' && v >= 0 && v <= 253402300799LL) return {v, BuildDateSource::source_date_epoch};
        diags.warning({}, "source-date-epoch",
                      "SOURCE_DATE_EPOCH is not a number of seconds since 1970 (up to the year 9999); ignored");
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

// Calendar dates without time zones, and the build date. Output never depends on
// the machine's zone, and on its clock only when nothing else names the date:
// every date a writer prints (PDF info, EPUB metadata, ZIP times, the press kit's
// build date) comes from seconds since 1970-01-01 UTC through these.
//
// The conversions follow Howard Hinnant's "chrono-Compatible Low-Level Date
// Algorithms": count in 400-year eras of 146097 days, with years starting on
// 1 March so that the leap day is the last day of the year.
#pragma once

#include "booklet/diagnostics.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace booklet {

struct CivilTime {
    std::int64_t year = 1970;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date.
constexpr std::int64_t days_from_civil(std::int64_t year, int month, int day) {
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const std::int64_t year_of_era = year - era * 400;
    const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

// UTC fields of a time in seconds since the epoch (floor division: -1 is the last
// second of 1969).
constexpr CivilTime civil_from_epoch(std::int64_t seconds) {
    std::int64_t days = seconds / 86400;
    std::int64_t rest = seconds % 86400;
    if (rest < 0) rest += 86400, --days;
    const std::int64_t z = days + 719468;  // days since 0000-03-01
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t day_of_era = z - era * 146097;
    const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
    CivilTime t;
    t.day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    t.month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    t.year = year_of_era + era * 400 + (t.month <= 2 ? 1 : 0);
    t.hour = static_cast<int>(rest / 3600);
    t.minute = static_cast<int>(rest / 60 % 60);
    t.second = static_cast<int>(rest % 60);
    return t;
}

// "2024-05-01" (anything after the tenth character ignored) → seconds at midnight
// UTC; nothing when the text is no such date.
inline std::optional<std::int64_t> parse_iso_date(const std::string& text) {
    int year = 0;
    unsigned month = 0, day = 0;
    if (text.size() < 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3) return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    return days_from_civil(year, static_cast<int>(month), static_cast<int>(day)) * 86400;
}

enum class BuildDateSource { source_date_epoch, manifest, clock };

struct BuildDate {
    std::int64_t seconds = 0;  // UTC
    BuildDateSource source = BuildDateSource::clock;
};

// The build date: SOURCE_DATE_EPOCH when it is set (reproducible builds), else
// the manifest's `date`, else `now` with a warning that the output is then not
// reproducible. Never the epoch for want of a date, and never a page's own date:
// a page's `date:` says when the page was written, not when the book was made.
// An unusable SOURCE_DATE_EPOCH is ignored with a warning.
BuildDate decide_build_date(const char* source_date_epoch, const std::string& manifest_date, std::int64_t now,
                            Diagnostics& diags);

// decide_build_date with the environment's SOURCE_DATE_EPOCH and the clock.
BuildDate build_date(const std::string& manifest_date, Diagnostics& diags);

}  // namespace booklet

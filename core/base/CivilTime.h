// CivilTime: a UTC instant as the calendar names it (proleptic Gregorian year, month, day,
// weekday, time of day), worked out by arithmetic for the formatters that write dates by hand.
#pragma once

#include <QtGlobal>

namespace flux {

struct CivilTime
{
    qint64 year = 1970; // proleptic Gregorian: 0 is 1 BC, as in ISO 8601
    int month = 1;      // 1..12
    int day = 1;        // 1..31
    int weekday = 4;    // 0 is Sunday; 1970-01-01 was a Thursday
    int msOfDay = 0;    // milliseconds since midnight UTC

    // Howard Hinnant's civil_from_days, for any instant, before 1970 too.
    static CivilTime fromMSecsSinceEpoch(qint64 msecs);
};

} // namespace flux

#include "base/CivilTime.h"

namespace flux {

CivilTime CivilTime::fromMSecsSinceEpoch(qint64 msecs)
{
    constexpr qint64 MsecsPerDay = 24 * 60 * 60 * 1000;
    qint64 days = msecs / MsecsPerDay;
    qint64 msOfDay = msecs % MsecsPerDay;
    if (msOfDay < 0) {
        msOfDay += MsecsPerDay;
        --days;
    }
    // Days since 1970-01-01 to the date: eras of 400 years, then years of the era counted from
    // March, so the leap day falls at the end of one.
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 dayOfEra = z - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 mp = (5 * dayOfYear + 2) / 153;
    CivilTime civil;
    civil.day = int(dayOfYear - (153 * mp + 2) / 5 + 1);
    civil.month = int(mp < 10 ? mp + 3 : mp - 9);
    civil.year = yearOfEra + era * 400 + (civil.month <= 2 ? 1 : 0);
    civil.weekday = int(((days + 4) % 7 + 7) % 7);
    civil.msOfDay = int(msOfDay);
    return civil;
}

} // namespace flux

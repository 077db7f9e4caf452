// TwilioCallList: a read of Twilio's list of calls (GET Calls.json): what it asks for, and the
// calls it found over the pages it read.
#pragma once

#include "net/FormEncoding.h"
#include "twilio/TwilioCall.h"

#include <QDate>
#include <QList>

namespace flux {

struct TwilioCallFilter
{
    QString to;   // To; empty: any
    QString from; // From; empty: any
    // StartTime> and StartTime<: calls that started on or after, on or before, these days (UTC).
    // Twilio reads these filters by the day, as the official SDKs send them from a date.
    QDate startedFrom;
    QDate startedUntil;
    int pageSize = 50; // PageSize: Twilio serves at most 1000
    int maxPages = 3;  // next_page_uri is followed until this many pages were read

    // The query of the first page, in the order Twilio's Python SDK writes it.
    FormParams query() const
    {
        FormParams params;
        if (!to.isEmpty())
            params.append({QStringLiteral("To"), to});
        if (!from.isEmpty())
            params.append({QStringLiteral("From"), from});
        if (startedUntil.isValid())
            params.append({QStringLiteral("StartTime<"), startedUntil.toString(Qt::ISODate)});
        if (startedFrom.isValid())
            params.append({QStringLiteral("StartTime>"), startedFrom.toString(Qt::ISODate)});
        params.append({QStringLiteral("PageSize"), QString::number(pageSize)});
        return params;
    }
};

struct TwilioCallList
{
    QList<TwilioCall> calls; // newest first, as Twilio lists them
    int pages = 0;           // requests it took
    bool complete = false;   // false: more pages were left unread (maxPages)
};

} // namespace flux

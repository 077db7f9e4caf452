// CallListQuery: a GET .../Calls.json as Twilio reads it (To, From, Status, StartTime and
// EndTime filters, PageSize, Page, PageToken), and the page of the account's calls it answers.
#pragma once

#include "base/Result.h"
#include "net/FormEncoding.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <vector>

namespace flux {

struct SimulatedCallRecord;

struct CallListQuery
{
    static constexpr int DefaultPageSize = 50;
    static constexpr int MaxPageSize = 1000;

    QString to;
    QString from;
    QString status;
    // StartTime and EndTime filters as half-open UTC ranges [from, until); invalid: unbounded.
    QDateTime startFrom;
    QDateTime startUntil;
    QDateTime endFrom;
    QDateTime endUntil;
    int pageSize = DefaultPageSize;
    int page = 0;
    QString pageToken; // "PA<sid>": after that call; "PB<sid>": the page before it
    // The filters as sent, in order, so every page URI asks for the same calls.
    FormParams filters;

    // The query of a list request; the error names the parameter Twilio would refuse.
    static Result<CallListQuery, QString> parse(const FormParams &query);
    bool matches(const SimulatedCallRecord &call) const;
    // The list resource for `newestFirst` (every call kept, unfiltered, newest first): the
    // matching calls of the page asked for, each as the Call resource, with Twilio's paging.
    QByteArray pageBytes(const std::vector<const SimulatedCallRecord *> &newestFirst,
                         const QString &accountSid, const QString &phoneNumberSid) const;
};

} // namespace flux

// CallStoreSchema: the call store's tables, their migrations, and how rows map to values.
#pragma once

#include "calls/CallRecord.h"
#include "calls/PendingCall.h"

#include <QList>
#include <QSqlQuery>
#include <QStringList>

namespace flux::CallStoreSchema {

// Entry i takes a file from schema version i to i + 1 (PRAGMA user_version).
const QList<QStringList> &migrations();

// The calls columns in the order readCall() reads them.
extern const QString CallColumns;
// The pending_calls columns in the order readPending() reads them.
extern const QString PendingColumns;

// Times are stored as ISO 8601 UTC text with milliseconds, "2026-11-25T19:40:01.123Z": what
// QDateTime::toUTC().toString(Qt::ISODateWithMs) writes, and a null string where it writes one
// (an invalid time, a year outside 1..9999).
QString toText(const QDateTime &time);
// The same for milliseconds since 1970-01-01T00:00:00Z.
QString msecsToText(qint64 msecs);
QDateTime fromText(const QString &text);
QString stampOrNow(const QDateTime &time);
// A null QString binds as SQL NULL, which the NOT NULL columns would refuse.
QString nonNull(const QString &text);

CallRecord readCall(const QSqlQuery &q);
CallEvent readEvent(const QSqlQuery &q);
PendingCall readPending(const QSqlQuery &q);

} // namespace flux::CallStoreSchema

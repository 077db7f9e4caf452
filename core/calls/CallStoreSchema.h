// CallStoreSchema: the call store's tables, their migrations, and how rows map to values.
#pragma once

#include "calls/CallRecord.h"
#include "calls/PendingCall.h"
#include "calls/SqliteStatement.h"

#include <QList>
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

// The row a read of these columns is on.
CallRecord readCall(const SqliteStatement &row);
CallEvent readEvent(const SqliteStatement &row);
PendingCall readPending(const SqliteStatement &row);

} // namespace flux::CallStoreSchema

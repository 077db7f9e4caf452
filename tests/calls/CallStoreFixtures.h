// CallStoreFixtures: calls, events and raw SQLite access shared by the call store tests.
#pragma once

#include "calls/CallStore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace flux::testing {

template <typename T> QString errorOf(const Result<T, StoreError> &result)
{
    return result.ok() ? QString() : result.error().message;
}

// A moment in UTC with milliseconds, minutes after a fixed start.
inline QDateTime at(int minutes, int msec = 0)
{
    return QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC).addSecs(minutes * 60).addMSecs(msec);
}

inline CallRecord newCall(const QString &sid, const QDateTime &initiatedAt = at(0))
{
    CallRecord call;
    call.sid = sid;
    call.to = QStringLiteral("+15005550006");
    call.from = QStringLiteral("+15005550001");
    call.taskTitle = QStringLiteral("Server room is overheating");
    call.taskId = QStringLiteral("T-17");
    call.status = CallStatus::Queued;
    call.initiatedAt = initiatedAt;
    call.updatedAt = initiatedAt;
    return call;
}

inline CallEvent statusEvent(const QString &sid, const QString &status, int sequence,
                             const QDateTime &receivedAt = at(1))
{
    CallEvent event;
    event.callSid = sid;
    event.kind = CallEvent::Kind::Status;
    event.status = status;
    event.sequence = sequence;
    event.timestamp = QStringLiteral("Sun, 01 Mar 2026 09:01:00 +0000");
    event.receivedAt = receivedAt;
    return event;
}

// Every field, so QCOMPARE shows which one differs.
inline QStringList fieldsOf(const CallRecord &c)
{
    return {c.sid,
            c.to,
            c.from,
            c.taskTitle,
            c.taskId,
            c.status,
            c.outcome,
            c.digits,
            QString::number(c.lastSequence),
            QString::number(c.durationSeconds),
            c.errorMessage,
            c.initiatedAt.toString(Qt::ISODateWithMs),
            c.updatedAt.toString(Qt::ISODateWithMs)};
}

inline QStringList fieldsOf(const QList<CallEvent> &events)
{
    QStringList lines;
    for (const CallEvent &e : events) {
        lines << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                     .arg(e.id)
                     .arg(CallEvent::kindName(e.kind), e.status)
                     .arg(e.sequence)
                     .arg(e.timestamp, e.digits)
                     .arg(e.durationSeconds)
                     .arg(e.detail, e.receivedAt.toString(Qt::ISODateWithMs));
    }
    return lines;
}

inline QStringList statusesOf(const QList<CallEvent> &events)
{
    QStringList lines;
    for (const CallEvent &e : events)
        lines << CallEvent::kindName(e.kind) + QLatin1Char(' ') + e.status;
    return lines;
}

// The schemas earlier releases wrote, statement by statement, for the upgrade tests. Version 1 is
// the first release's; version 2 added pending calls (it was current until call_events lost its
// second index and AUTOINCREMENT in version 3).
inline QStringList schemaVersion1()
{
    return {
        QStringLiteral("CREATE TABLE calls (sid TEXT PRIMARY KEY NOT NULL, to_number TEXT NOT "
                       "NULL, from_number TEXT NOT NULL, task_title TEXT NOT NULL, task_id "
                       "TEXT NOT NULL, status TEXT NOT NULL, outcome TEXT NOT NULL, digits "
                       "TEXT NOT NULL, last_sequence INTEGER NOT NULL, duration_seconds "
                       "INTEGER NOT NULL, error_message TEXT NOT NULL, initiated_at TEXT NOT "
                       "NULL, updated_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX calls_by_initiated_at ON calls(initiated_at)"),
        QStringLiteral("CREATE TABLE call_events (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "call_sid TEXT NOT NULL REFERENCES calls(sid) ON DELETE CASCADE, kind "
                       "TEXT NOT NULL, status TEXT NOT NULL, sequence INTEGER NOT NULL, "
                       "timestamp TEXT NOT NULL, digits TEXT NOT NULL, duration_seconds "
                       "INTEGER NOT NULL, detail TEXT NOT NULL, received_at TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX call_events_by_call ON call_events(call_sid)"),
        QStringLiteral("CREATE UNIQUE INDEX call_events_once ON call_events(call_sid, kind, "
                       "status, sequence) WHERE kind <> 'gather'"),
    };
}

inline QStringList schemaVersion2()
{
    return schemaVersion1() << QStringLiteral(
               "CREATE TABLE pending_calls (request_id TEXT PRIMARY KEY NOT NULL, "
               "to_number TEXT NOT NULL, from_number TEXT NOT NULL, task_title TEXT "
               "NOT NULL, task_id TEXT NOT NULL, requested_at TEXT NOT NULL)");
}

// Runs one statement through a connection of the test's own, independent of any store.
inline QVariant rawQuery(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("test-raw-connection");
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                value = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

// What an independent connection to the file sees: only committed rows.
inline int eventsOnDisk(const QString &path)
{
    return rawQuery(path, QStringLiteral("SELECT count(*) FROM call_events")).toInt();
}

} // namespace flux::testing

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

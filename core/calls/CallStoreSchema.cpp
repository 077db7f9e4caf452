#include "calls/CallStoreSchema.h"

#include "base/CivilTime.h"

namespace flux::CallStoreSchema {

// Entry i takes a file from schema version i to i + 1 (PRAGMA user_version). Append new
// entries for later schemas and never edit old ones, so every older file can be upgraded.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps = {
        {
            QStringLiteral("CREATE TABLE calls ("
                           " sid TEXT PRIMARY KEY NOT NULL,"
                           " to_number TEXT NOT NULL,"
                           " from_number TEXT NOT NULL,"
                           " task_title TEXT NOT NULL,"
                           " task_id TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " outcome TEXT NOT NULL,"
                           " digits TEXT NOT NULL,"
                           " last_sequence INTEGER NOT NULL,"
                           " duration_seconds INTEGER NOT NULL,"
                           " error_message TEXT NOT NULL,"
                           " initiated_at TEXT NOT NULL,"
                           " updated_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX calls_by_initiated_at ON calls(initiated_at)"),
            QStringLiteral("CREATE TABLE call_events ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " call_sid TEXT NOT NULL REFERENCES calls(sid) ON DELETE CASCADE,"
                           " kind TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " sequence INTEGER NOT NULL,"
                           " timestamp TEXT NOT NULL,"
                           " digits TEXT NOT NULL,"
                           " duration_seconds INTEGER NOT NULL,"
                           " detail TEXT NOT NULL,"
                           " received_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX call_events_by_call ON call_events(call_sid)"),
            // Twilio retries callbacks, so the same status and SequenceNumber can arrive twice.
            // Gathers are left out: pressing 2, then 3, then 2 again is three real answers (and
            // a Gather has no SequenceNumber); recordOutcome compares with the current answer.
            QStringLiteral("CREATE UNIQUE INDEX call_events_once"
                           " ON call_events(call_sid, kind, status, sequence)"
                           " WHERE kind <> 'gather'"),
        },
        {
            // A call asked of Twilio whose sid is not known yet. Written before the create is
            // sent and removed once the call is stored, so a crash or a lost answer leaves a
            // row that the call's first webhook (its URLs carry the id) turns into the call.
            QStringLiteral("CREATE TABLE pending_calls ("
                           " request_id TEXT PRIMARY KEY NOT NULL,"
                           " to_number TEXT NOT NULL,"
                           " from_number TEXT NOT NULL,"
                           " task_title TEXT NOT NULL,"
                           " task_id TEXT NOT NULL,"
                           " requested_at TEXT NOT NULL)"),
        },
        {
            // Every status webhook inserts an event, and each of the table's B-trees costs
            // that insert time and the commit a page written to the WAL: three trees (the
            // table, call_events_by_call, call_events_once) and AUTOINCREMENT's sqlite_sequence
            // row were about a third of a status webhook's instructions. Ids only order a
            // call's events and no row is ever deleted alone, so the plain rowid keeps them
            // increasing; one index on (call_sid, kind, status, sequence) both lists a call's
            // events and answers CallStore's "seen before?" check, which replaces the partial
            // unique index (the store is this table's only writer). Rebuilt, as SQLite cannot
            // drop AUTOINCREMENT in place.
            QStringLiteral("CREATE TABLE call_events_v3 ("
                           " id INTEGER PRIMARY KEY,"
                           " call_sid TEXT NOT NULL REFERENCES calls(sid) ON DELETE CASCADE,"
                           " kind TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " sequence INTEGER NOT NULL,"
                           " timestamp TEXT NOT NULL,"
                           " digits TEXT NOT NULL,"
                           " duration_seconds INTEGER NOT NULL,"
                           " detail TEXT NOT NULL,"
                           " received_at TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO call_events_v3 (id, call_sid, kind, status, sequence,"
                           " timestamp, digits, duration_seconds, detail, received_at)"
                           " SELECT id, call_sid, kind, status, sequence, timestamp, digits,"
                           " duration_seconds, detail, received_at FROM call_events ORDER BY id"),
            QStringLiteral("DROP TABLE call_events"),
            QStringLiteral("ALTER TABLE call_events_v3 RENAME TO call_events"),
            QStringLiteral("CREATE INDEX call_events_by_call"
                           " ON call_events(call_sid, kind, status, sequence)"),
        },
        {
            // Every final call has an outcome with a reason; what machine detection said; and
            // whether this desk placed the call or adopted it from a webhook. Calls stored
            // before get the reason their status and answer imply.
            QStringLiteral("ALTER TABLE calls ADD COLUMN reason TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE calls ADD COLUMN answered_by TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE calls ADD COLUMN placed_here INTEGER NOT NULL DEFAULT 1"),
            QStringLiteral(
                "ALTER TABLE call_events ADD COLUMN answered_by TEXT NOT NULL DEFAULT ''"),
            QStringLiteral(
                "UPDATE calls SET outcome = 'not_acknowledged', reason = CASE status"
                " WHEN 'busy' THEN 'busy' WHEN 'no-answer' THEN 'no_answer'"
                " WHEN 'failed' THEN 'failed' WHEN 'canceled' THEN 'canceled'"
                " ELSE CASE WHEN digits <> '' THEN 'declined' ELSE 'no_input' END END"
                " WHERE outcome <> 'acknowledged' AND (outcome = 'not_acknowledged'"
                " OR status IN ('completed', 'busy', 'no-answer', 'failed', 'canceled'))"),
        },
        {
            // Notifications: one task, an ordered list of numbers, several calls. Each attempt
            // is stored with the request id of its pending call before Twilio is asked, and a
            // call records the request that placed it, so an attempt finds its call whichever
            // way the call was stored (create answer, webhook, reconciliation).
            QStringLiteral("ALTER TABLE calls ADD COLUMN request_id TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("CREATE INDEX calls_by_request ON calls(request_id)"
                           " WHERE request_id <> ''"),
            // The per-number limit counts a number's calls of the last hour.
            QStringLiteral("CREATE INDEX calls_by_number ON calls(to_number, initiated_at)"),
            QStringLiteral("CREATE TABLE notifications ("
                           " id TEXT PRIMARY KEY NOT NULL,"
                           " task_title TEXT NOT NULL,"
                           " task_id TEXT NOT NULL,"
                           " numbers TEXT NOT NULL," // E.164 numbers, one per line, in order
                           " attempts INTEGER NOT NULL,"
                           " retry_after INTEGER NOT NULL,"
                           " list_name TEXT NOT NULL,"
                           " outcome TEXT NOT NULL,"
                           " next_attempt INTEGER NOT NULL,"
                           " due_at TEXT," // NULL while a call is out, and once closed
                           " acknowledged_by TEXT NOT NULL,"
                           " acknowledged_call TEXT NOT NULL,"
                           " acknowledged_at TEXT,"
                           " created_at TEXT NOT NULL,"
                           " closed_at TEXT)"),
            QStringLiteral("CREATE INDEX notifications_due ON notifications(due_at)"
                           " WHERE due_at IS NOT NULL"),
            QStringLiteral("CREATE INDEX notifications_open ON notifications(outcome, created_at)"),
            QStringLiteral("CREATE INDEX notifications_by_created ON notifications(created_at)"),
            QStringLiteral("CREATE TABLE notification_attempts ("
                           " notification_id TEXT NOT NULL,"
                           " attempt INTEGER NOT NULL,"
                           " number TEXT NOT NULL,"
                           " request_id TEXT NOT NULL,"
                           " placed_at TEXT NOT NULL,"
                           " error TEXT NOT NULL,"
                           " PRIMARY KEY (notification_id, attempt))"),
            QStringLiteral("CREATE INDEX attempts_by_request ON notification_attempts(request_id)"),
            // The contact book and its named escalation lists.
            QStringLiteral("CREATE TABLE contacts ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL,"
                           " number TEXT NOT NULL UNIQUE,"
                           " language TEXT NOT NULL,"
                           " note TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE escalation_lists ("
                           " name TEXT PRIMARY KEY NOT NULL,"
                           " attempts INTEGER NOT NULL,"
                           " retry_after INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE escalation_list_members ("
                           " list_name TEXT NOT NULL,"
                           " position INTEGER NOT NULL,"
                           " contact_id INTEGER NOT NULL,"
                           " PRIMARY KEY (list_name, position))"),
        },
        {
            // Idempotency-Key of POST /notifications/call: stored with the notification it
            // created, in the same transaction; the answer once the request has one.
            QStringLiteral("CREATE TABLE idempotency_keys ("
                           " key TEXT PRIMARY KEY NOT NULL,"
                           " request_hash TEXT NOT NULL,"
                           " notification_id TEXT NOT NULL,"
                           " created_at TEXT NOT NULL,"
                           " status INTEGER,"
                           " body TEXT)"),
            QStringLiteral("CREATE INDEX idempotency_keys_by_created_at"
                           " ON idempotency_keys(created_at)"),
        },
        {
            // The change log the event stream replays from (GET /notifications/events). Written
            // by triggers, so every write to a call or a notification, whichever path makes it,
            // adds its row in the same transaction: a change is in the log exactly when it is
            // stored. AUTOINCREMENT: ids are never reused once old rows are pruned, so a
            // client's Last-Event-ID always means the same change.
            QStringLiteral("CREATE TABLE changes ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " kind TEXT NOT NULL,"    // 'call' or 'notification'
                           " subject TEXT NOT NULL," // the call sid or the notification id
                           " stored_at TEXT NOT NULL)"),
            QStringLiteral("CREATE TRIGGER changes_call_inserted AFTER INSERT ON calls BEGIN"
                           " INSERT INTO changes (kind, subject, stored_at) VALUES ('call',"
                           " NEW.sid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END"),
            QStringLiteral("CREATE TRIGGER changes_call_updated AFTER UPDATE ON calls BEGIN"
                           " INSERT INTO changes (kind, subject, stored_at) VALUES ('call',"
                           " NEW.sid, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END"),
            QStringLiteral("CREATE TRIGGER changes_notification_inserted AFTER INSERT ON"
                           " notifications BEGIN"
                           " INSERT INTO changes (kind, subject, stored_at) VALUES ('notification',"
                           " NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END"),
            QStringLiteral("CREATE TRIGGER changes_notification_updated AFTER UPDATE ON"
                           " notifications BEGIN"
                           " INSERT INTO changes (kind, subject, stored_at) VALUES ('notification',"
                           " NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END"),
            // An attempt is part of its notification as the API shows it.
            QStringLiteral("CREATE TRIGGER changes_attempt_inserted AFTER INSERT ON"
                           " notification_attempts BEGIN"
                           " INSERT INTO changes (kind, subject, stored_at) VALUES ('notification',"
                           " NEW.notification_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END"),
            QStringLiteral("CREATE TRIGGER changes_attempt_updated AFTER UPDATE ON"
                           " notification_attempts BEGIN"
                           " INSERT INTO changes (kind, subject, stored_at) VALUES ('notification',"
                           " NEW.notification_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END"),
        },
        {
            // Outcome webhooks. The event is written in the transaction that closes its
            // notification, its body built once, so a crash cannot lose it and every try sends
            // the same bytes; each receiver's delivery keeps its own due time and tries.
            QStringLiteral("ALTER TABLE notifications ADD COLUMN callback_url TEXT NOT NULL"
                           " DEFAULT ''"),
            QStringLiteral("CREATE TABLE outcome_events ("
                           " id TEXT PRIMARY KEY NOT NULL,"
                           " notification_id TEXT NOT NULL,"
                           " type TEXT NOT NULL,"
                           " body TEXT NOT NULL,"
                           " created_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX outcome_events_by_notification"
                           " ON outcome_events(notification_id)"),
            QStringLiteral("CREATE TABLE outcome_deliveries ("
                           " id INTEGER PRIMARY KEY,"
                           " event_id TEXT NOT NULL,"
                           " url TEXT NOT NULL,"
                           " state TEXT NOT NULL,"
                           " attempts INTEGER NOT NULL,"
                           " next_attempt_at TEXT,"
                           " give_up_at TEXT NOT NULL,"
                           " UNIQUE (event_id, url))"),
            QStringLiteral("CREATE INDEX outcome_deliveries_due"
                           " ON outcome_deliveries(next_attempt_at)"
                           " WHERE next_attempt_at IS NOT NULL"),
            QStringLiteral("CREATE TABLE outcome_delivery_attempts ("
                           " delivery_id INTEGER NOT NULL,"
                           " at TEXT NOT NULL,"
                           " status INTEGER NOT NULL,"
                           " error TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX outcome_delivery_attempts_by_delivery"
                           " ON outcome_delivery_attempts(delivery_id)"),
        },
        {
            // Texts (SMS) about a notification: whether its request asked for one (sms: true),
            // and each text sent, stored before Twilio is asked so a restart never sends it
            // again. One text per notification, number and reason.
            QStringLiteral("ALTER TABLE notifications ADD COLUMN sms INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE TABLE messages ("
                           " id INTEGER PRIMARY KEY,"
                           " notification_id TEXT NOT NULL,"
                           " to_number TEXT NOT NULL,"
                           " reason TEXT NOT NULL,"
                           " sid TEXT NOT NULL,"
                           " body TEXT NOT NULL,"
                           " status TEXT NOT NULL,"
                           " error TEXT NOT NULL,"
                           " created_at TEXT NOT NULL,"
                           " updated_at TEXT NOT NULL,"
                           " UNIQUE (notification_id, to_number, reason))"),
            QStringLiteral("CREATE INDEX messages_by_sid ON messages(sid) WHERE sid <> ''"),
            QStringLiteral("CREATE INDEX messages_by_status ON messages(status)"),
        },
        {
            // A text is part of its notification as the API shows it (`messages`): its progress
            // goes into the change log the event stream replays, like an attempt's.
            QStringLiteral("CREATE TRIGGER changes_message_inserted AFTER INSERT ON messages BEGIN"
                           " INSERT INTO changes (kind, subject, stored_at) VALUES ('notification',"
                           " NEW.notification_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END"),
            QStringLiteral("CREATE TRIGGER changes_message_updated AFTER UPDATE ON messages BEGIN"
                           " INSERT INTO changes (kind, subject, stored_at) VALUES ('notification',"
                           " NEW.notification_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')); END"),
        },
    };
    return steps;
}

const QString CallColumns = QStringLiteral(
    "sid, to_number, from_number, task_title, task_id, status, outcome, digits, last_sequence,"
    " duration_seconds, error_message, initiated_at, updated_at, reason, answered_by,"
    " placed_here, request_id");

QString msecsToText(qint64 msecs)
{
    // Written by hand: QDateTime::toUTC().toString(Qt::ISODateWithMs) was a sixth of a status
    // webhook's cost. Same text, byte for byte (TestStoreTimeText checks it against Qt's).
    const CivilTime civil = CivilTime::fromMSecsSinceEpoch(msecs);
    const qint64 year = civil.year;
    // Qt writes no ISO date outside these years (there is no year 0: 1 BC comes before 1 AD).
    if (year < 1 || year > 9999)
        return QString();

    QString text(24, Qt::Uninitialized);
    char16_t *out = reinterpret_cast<char16_t *>(text.data());
    const auto put = [&out](int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            out[i] = char16_t(u'0' + value % 10);
            value /= 10;
        }
        out += width;
    };
    const int msOfDay = civil.msOfDay;
    put(int(year), 4);
    *out++ = u'-';
    put(civil.month, 2);
    *out++ = u'-';
    put(civil.day, 2);
    *out++ = u'T';
    put(msOfDay / 3600000, 2);
    *out++ = u':';
    put(msOfDay / 60000 % 60, 2);
    *out++ = u':';
    put(msOfDay / 1000 % 60, 2);
    *out++ = u'.';
    put(msOfDay % 1000, 3);
    *out = u'Z';
    return text;
}

QString toText(const QDateTime &time)
{
    if (!time.isValid())
        return QString();
    return msecsToText(time.toMSecsSinceEpoch());
}

QDateTime fromText(const QString &text)
{
    // What toText() writes, "2026-11-25T19:40:01.123Z", is read by hand: QDateTime's ISO parser
    // costs microseconds per call, and a 100,000-call history reads two per call.
    const QStringView t(text);
    const auto digits = [&t](qsizetype from, qsizetype count) {
        int value = 0;
        for (qsizetype i = from; i < from + count; ++i) {
            const char16_t c = t[i].unicode();
            if (c < u'0' || c > u'9')
                return -1;
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    if (t.size() == 24 && t[4] == u'-' && t[7] == u'-' && t[10] == u'T' && t[13] == u':' &&
        t[16] == u':' && t[19] == u'.' && t[23] == u'Z') {
        const QDate date(digits(0, 4), digits(5, 2), digits(8, 2));
        const QTime time(digits(11, 2), digits(14, 2), digits(17, 2), digits(20, 3));
        if (date.isValid() && time.isValid())
            return QDateTime(date, time, Qt::UTC);
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QString stampOrNow(const QDateTime &time)
{
    return msecsToText(time.isValid() ? time.toMSecsSinceEpoch()
                                      : QDateTime::currentMSecsSinceEpoch());
}

namespace {
CallEvent::Kind kindFromName(const QString &name)
{
    for (auto kind : {CallEvent::Kind::Created, CallEvent::Kind::Status, CallEvent::Kind::Gather,
                      CallEvent::Kind::Answered}) {
        if (CallEvent::kindName(kind) == name)
            return kind;
    }
    return CallEvent::Kind::Status;
}
} // namespace

CallRecord readCall(const SqliteStatement &row)
{
    CallRecord call;
    call.sid = row.text(0);
    call.to = row.text(1);
    call.from = row.text(2);
    call.taskTitle = row.text(3);
    call.taskId = row.text(4);
    call.status = row.text(5);
    call.outcome = row.text(6);
    call.digits = row.text(7);
    call.lastSequence = int(row.integer(8));
    call.durationSeconds = int(row.integer(9));
    call.errorMessage = row.text(10);
    call.initiatedAt = fromText(row.text(11));
    call.updatedAt = fromText(row.text(12));
    call.reason = row.text(13);
    call.answeredBy = row.text(14);
    call.placedHere = row.integer(15) != 0;
    call.requestId = row.text(16);
    return call;
}

CallEvent readEvent(const SqliteStatement &row)
{
    CallEvent event;
    event.id = row.integer(0);
    event.callSid = row.text(1);
    event.kind = kindFromName(row.text(2));
    event.status = row.text(3);
    event.sequence = int(row.integer(4));
    event.timestamp = row.text(5);
    event.digits = row.text(6);
    event.durationSeconds = int(row.integer(7));
    event.detail = row.text(8);
    event.receivedAt = fromText(row.text(9));
    event.answeredBy = row.text(10);
    return event;
}

const QString PendingColumns =
    QStringLiteral("request_id, to_number, from_number, task_title, task_id, requested_at");

PendingCall readPending(const SqliteStatement &row)
{
    PendingCall pending;
    pending.requestId = row.text(0);
    pending.to = row.text(1);
    pending.from = row.text(2);
    pending.taskTitle = row.text(3);
    pending.taskId = row.text(4);
    pending.requestedAt = fromText(row.text(5));
    return pending;
}

} // namespace flux::CallStoreSchema

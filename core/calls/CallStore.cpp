// CallStore: the calls schema and the rules for status callbacks and answers, in SQL.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/SqliteConnection.h"

#include <QVariant>

namespace flux {

namespace {

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
    };
    return steps;
}

const QString CallColumns = QStringLiteral(
    "sid, to_number, from_number, task_title, task_id, status, outcome, digits, last_sequence,"
    " duration_seconds, error_message, initiated_at, updated_at");

QString toText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime fromText(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QString stampOrNow(const QDateTime &time)
{
    return toText(time.isValid() ? time : QDateTime::currentDateTimeUtc());
}

// A null QString binds as SQL NULL, which the NOT NULL columns would refuse.
QString nonNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

CallEvent::Kind kindFromName(const QString &name)
{
    for (auto kind : {CallEvent::Kind::Created, CallEvent::Kind::Status, CallEvent::Kind::Gather}) {
        if (CallEvent::kindName(kind) == name)
            return kind;
    }
    return CallEvent::Kind::Status;
}

CallRecord readCall(const QSqlQuery &q)
{
    CallRecord call;
    call.sid = q.value(0).toString();
    call.to = q.value(1).toString();
    call.from = q.value(2).toString();
    call.taskTitle = q.value(3).toString();
    call.taskId = q.value(4).toString();
    call.status = q.value(5).toString();
    call.outcome = q.value(6).toString();
    call.digits = q.value(7).toString();
    call.lastSequence = q.value(8).toInt();
    call.durationSeconds = q.value(9).toInt();
    call.errorMessage = q.value(10).toString();
    call.initiatedAt = fromText(q.value(11).toString());
    call.updatedAt = fromText(q.value(12).toString());
    return call;
}

CallEvent readEvent(const QSqlQuery &q)
{
    CallEvent event;
    event.id = q.value(0).toLongLong();
    event.callSid = q.value(1).toString();
    event.kind = kindFromName(q.value(2).toString());
    event.status = q.value(3).toString();
    event.sequence = q.value(4).toInt();
    event.timestamp = q.value(5).toString();
    event.digits = q.value(6).toString();
    event.durationSeconds = q.value(7).toInt();
    event.detail = q.value(8).toString();
    event.receivedAt = fromText(q.value(9).toString());
    return event;
}

// Prepared once and reused: applyStatus and recordOutcome are hit by webhook storms.
struct Statements
{
    explicit Statements(const SqliteConnection &c)
        : insertCall(c.query()), insertEvent(c.query()), callState(c.query()),
          updateStatus(c.query()), updateOutcome(c.query()), selectCall(c.query()),
          recentCalls(c.query()), selectEvents(c.query())
    {}
    QSqlQuery insertCall, insertEvent, callState, updateStatus, updateOutcome;
    QSqlQuery selectCall, recentCalls, selectEvents;
};

} // namespace

struct CallStore::Private
{
    // The statements come after the connection, so they are destroyed first, as QtSql requires.
    std::unique_ptr<SqliteConnection> db;
    std::unique_ptr<Statements> st;

    Result<bool, StoreError> prepareStatements();
    Result<bool, StoreError> insertEvent(const CallEvent &event) const;
};

Result<bool, StoreError> CallStore::Private::prepareStatements()
{
    st = std::make_unique<Statements>(*db);
    const std::pair<QSqlQuery *, QString> statements[] = {
        {&st->insertCall,
         QStringLiteral("INSERT INTO calls (%1) VALUES (:sid, :to, :from, :title, :taskId, :status,"
                        " :outcome, :digits, :sequence, :duration, :error, :initiatedAt,"
                        " :updatedAt)")
             .arg(CallColumns)},
        {&st->insertEvent,
         QStringLiteral("INSERT OR IGNORE INTO call_events (call_sid, kind, status, sequence,"
                        " timestamp, digits, duration_seconds, detail, received_at)"
                        " VALUES (:sid, :kind, :status, :sequence, :timestamp, :digits,"
                        " :duration, :detail, :receivedAt)")},
        {&st->callState,
         QStringLiteral("SELECT status, last_sequence, duration_seconds, error_message, outcome,"
                        " digits FROM calls WHERE sid = :sid")},
        {&st->updateStatus,
         QStringLiteral("UPDATE calls SET status = :status, last_sequence = :sequence,"
                        " duration_seconds = :duration, error_message = :error,"
                        " updated_at = :updatedAt WHERE sid = :sid")},
        {&st->updateOutcome, QStringLiteral("UPDATE calls SET outcome = :outcome, digits = :digits,"
                                            " updated_at = :updatedAt WHERE sid = :sid")},
        {&st->selectCall, QStringLiteral("SELECT %1 FROM calls WHERE sid = :sid").arg(CallColumns)},
        {&st->recentCalls,
         QStringLiteral("SELECT %1 FROM calls ORDER BY initiated_at DESC, rowid DESC LIMIT :limit")
             .arg(CallColumns)},
        {&st->selectEvents,
         QStringLiteral("SELECT id, call_sid, kind, status, sequence, timestamp, digits,"
                        " duration_seconds, detail, received_at FROM call_events"
                        " WHERE call_sid = :sid ORDER BY id")},
    };
    for (const auto &[q, sql] : statements) {
        if (auto prepared = db->prepare(*q, sql); !prepared)
            return prepared;
    }
    return true;
}

// True when stored, false when an identical event was already there.
Result<bool, StoreError> CallStore::Private::insertEvent(const CallEvent &event) const
{
    QSqlQuery &q = st->insertEvent;
    q.bindValue(QStringLiteral(":sid"), nonNull(event.callSid));
    q.bindValue(QStringLiteral(":kind"), CallEvent::kindName(event.kind));
    q.bindValue(QStringLiteral(":status"), nonNull(event.status));
    q.bindValue(QStringLiteral(":sequence"), event.sequence);
    q.bindValue(QStringLiteral(":timestamp"), nonNull(event.timestamp));
    q.bindValue(QStringLiteral(":digits"), nonNull(event.digits));
    q.bindValue(QStringLiteral(":duration"), event.durationSeconds);
    q.bindValue(QStringLiteral(":detail"), nonNull(event.detail));
    q.bindValue(QStringLiteral(":receivedAt"), stampOrNow(event.receivedAt));
    if (auto ran = db->run(q, QStringLiteral("store an event of call %1").arg(event.callSid)); !ran)
        return ran;
    return q.numRowsAffected() > 0;
}

CallStore::CallStore() : d(std::make_unique<Private>()) {}

CallStore::~CallStore()
{
    d->st.reset();
}

Result<std::unique_ptr<CallStore>, StoreError> CallStore::open(const QString &filePath)
{
    auto connection = SqliteConnection::open(filePath, migrations());
    if (!connection)
        return connection.error();
    std::unique_ptr<CallStore> store(new CallStore);
    store->d->db = std::move(connection.value());
    if (auto prepared = store->d->prepareStatements(); !prepared)
        return prepared.error();
    return Result<std::unique_ptr<CallStore>, StoreError>(std::move(store));
}

QString CallStore::filePath() const
{
    return d->db->filePath();
}

Result<bool, StoreError> CallStore::insertCall(const CallRecord &call)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (call.sid.isEmpty())
        return d->db->failure(QStringLiteral("cannot store a call without a sid"));
    const QString initiatedAt = stampOrNow(call.initiatedAt);
    return d->db->transaction([&]() -> Result<bool, StoreError> {
        QSqlQuery &q = d->st->insertCall;
        q.bindValue(QStringLiteral(":sid"), call.sid);
        q.bindValue(QStringLiteral(":to"), nonNull(call.to));
        q.bindValue(QStringLiteral(":from"), nonNull(call.from));
        q.bindValue(QStringLiteral(":title"), nonNull(call.taskTitle));
        q.bindValue(QStringLiteral(":taskId"), nonNull(call.taskId));
        q.bindValue(QStringLiteral(":status"), nonNull(call.status));
        q.bindValue(QStringLiteral(":outcome"), nonNull(call.outcome));
        q.bindValue(QStringLiteral(":digits"), nonNull(call.digits));
        q.bindValue(QStringLiteral(":sequence"), call.lastSequence);
        q.bindValue(QStringLiteral(":duration"), call.durationSeconds);
        q.bindValue(QStringLiteral(":error"), nonNull(call.errorMessage));
        q.bindValue(QStringLiteral(":initiatedAt"), initiatedAt);
        q.bindValue(QStringLiteral(":updatedAt"),
                    call.updatedAt.isValid() ? toText(call.updatedAt) : initiatedAt);
        if (auto ran = d->db->run(q, QStringLiteral("insert call %1").arg(call.sid)); !ran)
            return ran;

        CallEvent created;
        created.callSid = call.sid;
        created.kind = CallEvent::Kind::Created;
        created.status = call.status;
        created.receivedAt = fromText(initiatedAt);
        if (auto stored = d->insertEvent(created); !stored)
            return stored;
        return true;
    });
}

Result<std::optional<CallRecord>, StoreError> CallStore::call(const QString &sid) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QSqlQuery &q = d->st->selectCall;
    q.bindValue(QStringLiteral(":sid"), nonNull(sid));
    auto found = d->db->first(q, QStringLiteral("read call %1").arg(sid));
    if (!found)
        return found.error();
    std::optional<CallRecord> call;
    if (found.value())
        call = readCall(q);
    q.finish();
    return call;
}

Result<QList<CallRecord>, StoreError> CallStore::recentCalls(int limit) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QList<CallRecord> calls;
    if (limit <= 0)
        return calls;
    QSqlQuery &q = d->st->recentCalls;
    q.bindValue(QStringLiteral(":limit"), limit);
    if (auto ran = d->db->run(q, QStringLiteral("list recent calls")); !ran)
        return ran.error();
    while (q.next())
        calls.append(readCall(q));
    const QSqlError error = q.lastError();
    q.finish();
    if (error.isValid())
        return d->db->failure(QStringLiteral("list recent calls"), error);
    return calls;
}

Result<QList<CallEvent>, StoreError> CallStore::events(const QString &sid) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QList<CallEvent> events;
    QSqlQuery &q = d->st->selectEvents;
    q.bindValue(QStringLiteral(":sid"), nonNull(sid));
    const QString what = QStringLiteral("read the events of call %1").arg(sid);
    if (auto ran = d->db->run(q, what); !ran)
        return ran.error();
    while (q.next())
        events.append(readEvent(q));
    const QSqlError error = q.lastError();
    q.finish();
    if (error.isValid())
        return d->db->failure(what, error);
    return events;
}

Result<CallStore::StatusResult, StoreError> CallStore::applyStatus(const CallEvent &event)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (event.kind != CallEvent::Kind::Status) {
        return d->db->failure(QStringLiteral("applyStatus takes status events, not a %1 event")
                                  .arg(CallEvent::kindName(event.kind)));
    }
    const QString sid = event.callSid;
    return d->db->transaction([&]() -> Result<StatusResult, StoreError> {
        QSqlQuery &state = d->st->callState;
        state.bindValue(QStringLiteral(":sid"), nonNull(sid));
        auto found = d->db->first(state, QStringLiteral("read call %1").arg(sid));
        if (!found)
            return found.error();
        if (!found.value()) {
            qCDebug(lcStore) << "status" << event.status << "for unknown call" << sid;
            return StatusResult::UnknownCall;
        }
        const QString status = state.value(0).toString();
        const int lastSequence = state.value(1).toInt();
        const int duration = state.value(2).toInt();
        const QString errorMessage = state.value(3).toString();
        state.finish();

        auto stored = d->insertEvent(event);
        if (!stored)
            return stored.error();
        if (!stored.value()) {
            qCDebug(lcStore) << "call" << sid << "status" << event.status << "seq" << event.sequence
                             << "seen before";
            return StatusResult::Duplicate;
        }
        // Without a SequenceNumber arrival order is all there is, but nothing moves a call
        // out of a final status.
        const bool newer =
            event.sequence >= 0 ? event.sequence > lastSequence : !CallStatus::isFinal(status);
        if (!newer) {
            qCDebug(lcStore) << "call" << sid << "status" << event.status << "seq" << event.sequence
                             << "is stale (applied seq" << lastSequence << ")";
            return StatusResult::Stale;
        }
        const bool failedWithReason = event.status == CallStatus::Failed && !event.detail.isEmpty();
        QSqlQuery &q = d->st->updateStatus;
        q.bindValue(QStringLiteral(":status"), nonNull(event.status));
        q.bindValue(QStringLiteral(":sequence"), qMax(event.sequence, lastSequence));
        q.bindValue(QStringLiteral(":duration"),
                    event.durationSeconds >= 0 ? event.durationSeconds : duration);
        q.bindValue(QStringLiteral(":error"), failedWithReason ? event.detail : errorMessage);
        q.bindValue(QStringLiteral(":updatedAt"), stampOrNow(event.receivedAt));
        q.bindValue(QStringLiteral(":sid"), sid);
        if (auto ran = d->db->run(q, QStringLiteral("update the status of call %1").arg(sid)); !ran)
            return ran.error();
        qCDebug(lcStore) << "call" << sid << "is now" << event.status << "seq" << event.sequence;
        return StatusResult::Applied;
    });
}

Result<CallStore::OutcomeResult, StoreError>
CallStore::recordOutcome(const QString &sid, bool acknowledged, const QString &digits)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const QString outcome = acknowledged ? CallOutcome::Acknowledged : CallOutcome::NotAcknowledged;
    return d->db->transaction([&]() -> Result<OutcomeResult, StoreError> {
        QSqlQuery &state = d->st->callState;
        state.bindValue(QStringLiteral(":sid"), nonNull(sid));
        auto found = d->db->first(state, QStringLiteral("read call %1").arg(sid));
        if (!found)
            return found.error();
        if (!found.value()) {
            qCDebug(lcStore) << "answer for unknown call" << sid;
            return OutcomeResult::UnknownCall;
        }
        const QString currentOutcome = state.value(4).toString();
        const QString currentDigits = state.value(5).toString();
        state.finish();
        // Once the task is acknowledged, that is what the staff must see, whatever follows.
        if (currentOutcome == CallOutcome::Acknowledged ||
            (currentOutcome == outcome && currentDigits == digits)) {
            qCDebug(lcStore) << "call" << sid << "answer" << outcome << "changes nothing";
            return OutcomeResult::Duplicate;
        }
        const QString now = toText(QDateTime::currentDateTimeUtc());
        QSqlQuery &q = d->st->updateOutcome;
        q.bindValue(QStringLiteral(":outcome"), outcome);
        q.bindValue(QStringLiteral(":digits"), nonNull(digits));
        q.bindValue(QStringLiteral(":updatedAt"), now);
        q.bindValue(QStringLiteral(":sid"), sid);
        if (auto ran = d->db->run(q, QStringLiteral("record the answer of call %1").arg(sid)); !ran)
            return ran.error();

        CallEvent gather;
        gather.callSid = sid;
        gather.kind = CallEvent::Kind::Gather;
        gather.status = outcome;
        gather.digits = digits;
        gather.receivedAt = fromText(now);
        if (auto stored = d->insertEvent(gather); !stored)
            return stored.error();
        qCDebug(lcStore) << "call" << sid << "answered" << outcome;
        return OutcomeResult::Recorded;
    });
}

QString CallStore::resultName(StatusResult result)
{
    switch (result) {
    case StatusResult::Applied:
        return QStringLiteral("applied");
    case StatusResult::Stale:
        return QStringLiteral("stale");
    case StatusResult::Duplicate:
        return QStringLiteral("duplicate");
    case StatusResult::UnknownCall:
        return QStringLiteral("unknown");
    }
    return {};
}

} // namespace flux

// CallStore: opening the store, reading calls, and the rules for status callbacks and answers.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

#include <QVariant>

namespace flux {

using namespace CallStoreSchema;

Result<bool, StoreError> CallStore::Private::prepareStatements()
{
    st = std::make_unique<CallStoreStatements>(*db);
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
        {&st->statusState,
         QStringLiteral("SELECT status, last_sequence FROM calls WHERE sid = :sid")},
        {&st->outcomeState, QStringLiteral("SELECT outcome, digits FROM calls WHERE sid = :sid")},
        {&st->updateStatus,
         // NULL keeps the stored duration or reason: read back in C++, they cost two columns
         // of the status read for every webhook.
         QStringLiteral("UPDATE calls SET status = :status, last_sequence = :sequence,"
                        " duration_seconds = coalesce(:duration, duration_seconds),"
                        " error_message = coalesce(:error, error_message),"
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
        {&st->insertPending,
         QStringLiteral("INSERT INTO pending_calls (%1) VALUES (:requestId, :to, :from, :title,"
                        " :taskId, :requestedAt)")
             .arg(PendingColumns)},
        {&st->selectPending,
         QStringLiteral("SELECT %1 FROM pending_calls WHERE request_id = :requestId")
             .arg(PendingColumns)},
        {&st->deletePending,
         QStringLiteral("DELETE FROM pending_calls WHERE request_id = :requestId")},
        {&st->allPending,
         QStringLiteral("SELECT %1 FROM pending_calls ORDER BY requested_at").arg(PendingColumns)},
    };
    for (const auto &[q, sql] : statements) {
        if (auto prepared = db->prepare(*q, sql); !prepared)
            return prepared;
    }
    return true;
}

// True when stored, false when an identical event was already there.
Result<bool, StoreError> CallStore::Private::insertEvent(const CallEvent &event,
                                                         const QString &receivedAt) const
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
    q.bindValue(QStringLiteral(":receivedAt"), receivedAt);
    if (auto ran = db->run(q, {QStringLiteral("store an event of call %1"), event.callSid}); !ran)
        return ran;
    return q.numRowsAffected() > 0;
}

CallStore::CallStore() : d(std::make_unique<Private>()) {}

CallStore::~CallStore()
{
    // Whoever still waits may be gone already (the server, the service): they are not called.
    d->close(false);
    d->st.reset();
}

Result<std::unique_ptr<CallStore>, StoreError> CallStore::open(const QString &filePath,
                                                               SyncStep syncStep)
{
    auto connection = SqliteConnection::open(filePath, migrations());
    if (!connection)
        return connection.error();
    std::unique_ptr<CallStore> store(new CallStore);
    Private *d = store->d.get();
    d->db = std::move(connection.value());
    d->turnEnd = std::make_unique<QObject>();
    d->syncer = std::make_unique<WalSyncer>(
        d->db->filePath(), d->turnEnd.get(),
        [d](quint64 upTo, const std::optional<QString> &error) { d->reported(upTo, error); },
        std::move(syncStep));
    // The schema a first open created is durable before anything relies on it.
    if (auto synced = d->syncNow(); !synced)
        return synced.error();
    if (auto prepared = d->prepareStatements(); !prepared)
        return prepared.error();
    return Result<std::unique_ptr<CallStore>, StoreError>(std::move(store));
}

QString CallStore::filePath() const
{
    return d->db->filePath();
}

Result<std::optional<CallRecord>, StoreError> CallStore::call(const QString &sid) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QSqlQuery &q = d->st->selectCall;
    q.bindValue(QStringLiteral(":sid"), nonNull(sid));
    auto found = d->db->first(q, {QStringLiteral("read call %1"), sid});
    if (!found)
        return found.error();
    std::optional<CallRecord> call;
    if (found.value())
        call = readCall(q);
    q.finish();
    return call;
}

Result<std::optional<QString>, StoreError> CallStore::outcome(const QString &sid) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QSqlQuery &q = d->st->outcomeState;
    q.bindValue(QStringLiteral(":sid"), nonNull(sid));
    auto found = d->db->first(q, {QStringLiteral("read call %1"), sid});
    if (!found)
        return found.error();
    std::optional<QString> outcome;
    if (found.value())
        outcome = q.value(0).toString();
    q.finish();
    return outcome;
}

Result<QList<CallRecord>, StoreError> CallStore::recentCalls(int limit) const
{
    QList<CallRecord> calls;
    if (const auto read =
            visitRecentCalls(limit, [&calls](const CallRecord &call) { calls.append(call); });
        !read)
        return read.error();
    return calls;
}

Result<int, StoreError>
CallStore::visitRecentCalls(int limit, const std::function<void(const CallRecord &)> &visit) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (limit <= 0)
        return 0;
    QSqlQuery &q = d->st->recentCalls;
    q.bindValue(QStringLiteral(":limit"), limit);
    if (auto ran = d->db->run(q, QStringLiteral("list recent calls")); !ran)
        return ran.error();
    int count = 0;
    while (q.next()) {
        visit(readCall(q));
        ++count;
    }
    const QSqlError error = q.lastError();
    q.finish();
    if (error.isValid())
        return d->db->failure(QStringLiteral("list recent calls"), error);
    return count;
}

Result<QList<CallEvent>, StoreError> CallStore::events(const QString &sid) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QList<CallEvent> events;
    QSqlQuery &q = d->st->selectEvents;
    q.bindValue(QStringLiteral(":sid"), nonNull(sid));
    const SqliteConnection::What what(QStringLiteral("read the events of call %1"), sid);
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

Result<CallStore::StatusResult, StoreError> CallStore::applyStatus(const CallEvent &event,
                                                                   Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (event.kind != CallEvent::Kind::Status) {
        return d->db->failure(QStringLiteral("applyStatus takes status events, not a %1 event")
                                  .arg(CallEvent::kindName(event.kind)));
    }
    const QString sid = event.callSid;
    return d->write(commit, [&]() -> Result<StatusResult, StoreError> {
        QSqlQuery &state = d->st->statusState;
        state.bindValue(QStringLiteral(":sid"), nonNull(sid));
        auto found = d->db->first(state, {QStringLiteral("read call %1"), sid});
        if (!found)
            return found.error();
        if (!found.value()) {
            qCDebug(lcStore) << "status" << event.status << "for unknown call" << sid;
            return StatusResult::UnknownCall;
        }
        const QString status = state.value(0).toString();
        const int lastSequence = state.value(1).toInt();
        state.finish();

        const QString receivedAt = stampOrNow(event.receivedAt);
        auto stored = d->insertEvent(event, receivedAt);
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
                    event.durationSeconds >= 0 ? QVariant(event.durationSeconds) : QVariant());
        q.bindValue(QStringLiteral(":error"),
                    failedWithReason ? QVariant(event.detail) : QVariant());
        q.bindValue(QStringLiteral(":updatedAt"), receivedAt);
        q.bindValue(QStringLiteral(":sid"), sid);
        if (auto ran = d->db->run(q, {QStringLiteral("update the status of call %1"), sid}); !ran)
            return ran.error();
        qCDebug(lcStore) << "call" << sid << "is now" << event.status << "seq" << event.sequence;
        return StatusResult::Applied;
    });
}

Result<CallStore::OutcomeResult, StoreError> CallStore::recordOutcome(const QString &sid,
                                                                      bool acknowledged,
                                                                      const QString &digits,
                                                                      Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const QString outcome = acknowledged ? CallOutcome::Acknowledged : CallOutcome::NotAcknowledged;
    return d->write(commit, [&]() -> Result<OutcomeResult, StoreError> {
        QSqlQuery &state = d->st->outcomeState;
        state.bindValue(QStringLiteral(":sid"), nonNull(sid));
        auto found = d->db->first(state, {QStringLiteral("read call %1"), sid});
        if (!found)
            return found.error();
        if (!found.value()) {
            qCDebug(lcStore) << "answer for unknown call" << sid;
            return OutcomeResult::UnknownCall;
        }
        const QString currentOutcome = state.value(0).toString();
        const QString currentDigits = state.value(1).toString();
        state.finish();
        // Once the task is acknowledged, that is what the staff must see, whatever follows.
        if (currentOutcome == CallOutcome::Acknowledged ||
            (currentOutcome == outcome && currentDigits == digits)) {
            qCDebug(lcStore) << "call" << sid << "answer" << outcome << "changes nothing";
            return OutcomeResult::Duplicate;
        }
        const QString now = msecsToText(QDateTime::currentMSecsSinceEpoch());
        QSqlQuery &q = d->st->updateOutcome;
        q.bindValue(QStringLiteral(":outcome"), outcome);
        q.bindValue(QStringLiteral(":digits"), nonNull(digits));
        q.bindValue(QStringLiteral(":updatedAt"), now);
        q.bindValue(QStringLiteral(":sid"), sid);
        if (auto ran = d->db->run(q, {QStringLiteral("record the answer of call %1"), sid}); !ran)
            return ran.error();

        CallEvent gather;
        gather.callSid = sid;
        gather.kind = CallEvent::Kind::Gather;
        gather.status = outcome;
        gather.digits = digits;
        if (auto stored = d->insertEvent(gather, now); !stored)
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

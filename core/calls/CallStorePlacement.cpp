// CallStore: placing a call: the pending row written before Twilio is asked, and the ways it
// becomes a call or goes.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

#include <QVariant>

namespace flux {

using namespace CallStoreSchema;

Result<bool, StoreError> CallStore::Private::insertCallRows(const CallRecord &call) const
{
    const QString initiatedAt = stampOrNow(call.initiatedAt);
    QSqlQuery &q = st->insertCall;
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
    if (auto ran = db->run(q, {QStringLiteral("insert call %1"), call.sid}); !ran)
        return ran;

    CallEvent created;
    created.callSid = call.sid;
    created.kind = CallEvent::Kind::Created;
    created.status = call.status;
    if (auto stored = insertEvent(created, initiatedAt); !stored)
        return stored;
    return true;
}

Result<bool, StoreError> CallStore::Private::callExists(const QString &sid) const
{
    SqliteStatement &q = st->outcomeState;
    auto found = db->first(q, {QStringLiteral("read call %1"), sid}, sid);
    if (found && found.value())
        q.reset();
    return found;
}

Result<std::optional<PendingCall>, StoreError>
CallStore::Private::pending(const QString &requestId) const
{
    QSqlQuery &q = st->selectPending;
    q.bindValue(QStringLiteral(":requestId"), nonNull(requestId));
    auto found = db->first(q, {QStringLiteral("read pending call %1"), requestId});
    if (!found)
        return found.error();
    std::optional<PendingCall> pending;
    if (found.value())
        pending = readPending(q);
    q.finish();
    return pending;
}

Result<bool, StoreError> CallStore::Private::removePending(const QString &requestId) const
{
    QSqlQuery &q = st->deletePending;
    q.bindValue(QStringLiteral(":requestId"), nonNull(requestId));
    if (auto ran = db->run(q, {QStringLiteral("remove pending call %1"), requestId}); !ran)
        return ran;
    return q.numRowsAffected() > 0;
}

Result<bool, StoreError> CallStore::insertCall(const CallRecord &call)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (call.sid.isEmpty())
        return d->db->failure(QStringLiteral("cannot store a call without a sid"));
    return d->write(Commit::Now, [&] { return d->insertCallRows(call); });
}

Result<bool, StoreError> CallStore::insertPending(const PendingCall &pending, Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (pending.requestId.isEmpty())
        return d->db->failure(QStringLiteral("cannot store a pending call without a request id"));
    return d->write(commit, [&]() -> Result<bool, StoreError> {
        QSqlQuery &q = d->st->insertPending;
        q.bindValue(QStringLiteral(":requestId"), pending.requestId);
        q.bindValue(QStringLiteral(":to"), nonNull(pending.to));
        q.bindValue(QStringLiteral(":from"), nonNull(pending.from));
        q.bindValue(QStringLiteral(":title"), nonNull(pending.taskTitle));
        q.bindValue(QStringLiteral(":taskId"), nonNull(pending.taskId));
        q.bindValue(QStringLiteral(":requestedAt"), stampOrNow(pending.requestedAt));
        return d->db->run(q, {QStringLiteral("store pending call %1"), pending.requestId});
    });
}

Result<bool, StoreError> CallStore::completePending(const QString &requestId,
                                                    const CallRecord &call, Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (call.sid.isEmpty())
        return d->db->failure(QStringLiteral("cannot store a call without a sid"));
    return d->write(commit, [&]() -> Result<bool, StoreError> {
        if (auto removed = d->removePending(requestId); !removed)
            return removed;
        // A webhook may have completed it first, from the pending row.
        auto exists = d->callExists(call.sid);
        if (!exists || exists.value())
            return exists ? Result<bool, StoreError>(false) : exists;
        return d->insertCallRows(call);
    });
}

Result<bool, StoreError> CallStore::dropPending(const QString &requestId)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return d->write(Commit::Now, [&] { return d->removePending(requestId); });
}

Result<std::optional<CallRecord>, StoreError> CallStore::adoptPending(const QString &requestId,
                                                                      const QString &sid)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (sid.isEmpty() || requestId.isEmpty())
        return std::optional<CallRecord>();
    auto adopted = d->write(Commit::Now, [&]() -> Result<std::optional<CallRecord>, StoreError> {
        auto found = d->pending(requestId);
        if (!found)
            return found.error();
        if (!found.value())
            return std::optional<CallRecord>();
        auto exists = d->callExists(sid);
        if (!exists)
            return exists.error();
        const PendingCall &pending = *found.value();
        CallRecord call;
        call.sid = sid;
        call.to = pending.to;
        call.from = pending.from;
        call.taskTitle = pending.taskTitle;
        call.taskId = pending.taskId;
        call.status = CallStatus::Queued;
        call.initiatedAt = pending.requestedAt;
        call.updatedAt = QDateTime::currentDateTimeUtc();
        if (auto removed = d->removePending(requestId); !removed)
            return removed.error();
        if (!exists.value()) {
            if (auto inserted = d->insertCallRows(call); !inserted)
                return inserted.error();
        }
        return std::optional<CallRecord>(call);
    });
    if (adopted && adopted.value())
        qCInfo(lcStore).noquote() << "call" << sid << "completes pending request" << requestId;
    return adopted;
}

Result<QList<PendingCall>, StoreError> CallStore::pendingCalls() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QList<PendingCall> pending;
    QSqlQuery &q = d->st->allPending;
    if (auto ran = d->db->run(q, QStringLiteral("list pending calls")); !ran)
        return ran.error();
    while (q.next())
        pending.append(readPending(q));
    const QSqlError error = q.lastError();
    q.finish();
    if (error.isValid())
        return d->db->failure(QStringLiteral("list pending calls"), error);
    return pending;
}

} // namespace flux

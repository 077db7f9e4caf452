// CallStore: placing a call: the pending row written before Twilio is asked, and the ways it
// becomes a call or goes.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

namespace flux {

using namespace CallStoreSchema;

Result<bool, StoreError> CallStore::Private::insertCallRows(const CallRecord &call) const
{
    const QString initiatedAt = stampOrNow(call.initiatedAt);
    const QString updatedAt = call.updatedAt.isValid() ? toText(call.updatedAt) : initiatedAt;
    if (auto ran = db->run(st->insertCall, {QStringLiteral("insert call %1"), call.sid}, call.sid,
                           call.to, call.from, call.taskTitle, call.taskId, call.status,
                           call.outcome, call.digits, call.lastSequence, call.durationSeconds,
                           call.errorMessage, initiatedAt, updatedAt, call.reason, call.answeredBy,
                           call.placedHere ? 1 : 0, call.requestId);
        !ran)
        return ran.error();

    CallEvent created;
    created.callSid = call.sid;
    created.kind = CallEvent::Kind::Created;
    created.status = call.status;
    if (!call.placedHere)
        created.detail = QStringLiteral("Adopted from a webhook: not placed by this desk");
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
    SqliteStatement &q = st->selectPending;
    auto found = db->first(q, {QStringLiteral("read pending call %1"), requestId}, requestId);
    if (!found)
        return found.error();
    std::optional<PendingCall> pending;
    if (found.value()) {
        pending = readPending(q);
        q.reset();
    }
    return pending;
}

Result<void, StoreError> CallStore::Private::insertPendingRow(const PendingCall &pending) const
{
    return db->run(st->insertPending, {QStringLiteral("store pending call %1"), pending.requestId},
                   pending.requestId, pending.to, pending.from, pending.taskTitle, pending.taskId,
                   stampOrNow(pending.requestedAt));
}

Result<bool, StoreError> CallStore::Private::removePending(const QString &requestId) const
{
    SqliteStatement &q = st->deletePending;
    if (auto ran = db->run(q, {QStringLiteral("remove pending call %1"), requestId}, requestId);
        !ran)
        return ran.error();
    return q.changes() > 0;
}

Result<bool, StoreError> CallStore::insertCall(const CallRecord &call)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (call.sid.isEmpty())
        return d->db->failure(QStringLiteral("cannot store a call without a sid"));
    return d->write(Commit::Now, [&] { return d->insertCallRows(call); });
}

Result<void, StoreError> CallStore::insertPending(const PendingCall &pending, Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (pending.requestId.isEmpty())
        return d->db->failure(QStringLiteral("cannot store a pending call without a request id"));
    return d->write(commit, [&] { return d->insertPendingRow(pending); });
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
        call.requestId = requestId;
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
    SqliteStatement &q = d->st->allPending;
    const SqliteConnection::What what(QStringLiteral("list pending calls"));
    auto row = d->db->first(q, what);
    for (; row && row.value(); row = d->db->next(q, what))
        pending.append(readPending(q));
    if (!row)
        return row.error();
    return pending;
}

} // namespace flux

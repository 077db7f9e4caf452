// CallStore: group commit and the sync pipeline: the grouped writes of one event-loop turn share
// one transaction, its sync runs on the syncer thread while this one serves the next turn, and
// whoever waits for them hears only once that sync is done.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"

#include <algorithm>
#include <iterator>

namespace flux {

void CallStore::whenDurable(DurableCallback durable)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    d->waiting.append(std::move(durable));
    d->queueFlush();
}

Result<void, StoreError> CallStore::Private::writable() const
{
    if (syncFailure)
        return *syncFailure;
    if (closing)
        return db->failure(QStringLiteral("is closing: no more writes"));
    return {};
}

Result<void, StoreError> CallStore::Private::settleGroup()
{
    Result<void, StoreError> committed = db->commitGroup();
    if (!committed) {
        qCWarning(lcStore).noquote()
            << "a group of writes was rolled back:" << committed.error().message;
        for (DurableCallback &durable : waiting)
            settled.append({std::move(durable), committed});
    } else {
        lastTicket = syncer->request();
        for (DurableCallback &durable : waiting)
            syncing.append({lastTicket, std::move(durable)});
    }
    waiting.clear();
    return committed;
}

Result<void, StoreError> CallStore::Private::syncNow()
{
    lastTicket = syncer->request();
    if (const auto error = syncer->waitFor(lastTicket)) {
        // The report on its way settles whoever waits; later writes are refused from now on.
        if (!syncFailure) {
            syncFailure = db->failure(*error);
            qCCritical(lcStore).noquote() << "writes are refused from now on:" << *error;
        }
        return *syncFailure;
    }
    return {};
}

void CallStore::Private::queueFlush()
{
    if (flushQueued)
        return;
    flushQueued = true;
    // Queued, so it runs after the requests the event loop has already read are handled: the
    // busier the server, the more writes share the commit.
    QMetaObject::invokeMethod(
        turnEnd.get(), [this] { flush(); }, Qt::QueuedConnection);
}

void CallStore::Private::settleWaiting()
{
    // Nothing open: what they wait for was committed already, and may still be syncing.
    for (DurableCallback &durable : waiting) {
        if (lastTicket > reportedUpTo)
            syncing.append({lastTicket, std::move(durable)});
        else if (lastTicket <= durableUpTo)
            settled.append({std::move(durable), Result<void, StoreError>()});
        else
            settled.append({std::move(durable), *syncFailure});
    }
    waiting.clear();
}

void CallStore::Private::flush()
{
    flushQueued = false;
    // A failed commit is logged and handed to every callback waiting on it.
    if (db->groupOpen())
        static_cast<void>(settleGroup());
    else
        settleWaiting();
    // A callback may write again; that opens the next group and queues the next flush.
    const auto ready = std::exchange(settled, {});
    for (const auto &[durable, outcome] : ready)
        durable(outcome);
}

void CallStore::Private::reported(quint64 upTo, const std::optional<QString> &error)
{
    if (upTo <= reportedUpTo)
        return;
    reportedUpTo = upTo;
    Result<void, StoreError> outcome;
    if (error) {
        if (!syncFailure) {
            // fsync errors are not retryable on Linux (see WalSyncer::run): the file can no
            // longer be trusted to hold what it is given, so the store stops taking writes.
            syncFailure = db->failure(*error);
            qCCritical(lcStore).noquote() << "writes are refused from now on:" << *error;
        }
        outcome = *syncFailure;
    } else {
        durableUpTo = upTo;
    }
    qsizetype done = 0;
    while (done < syncing.size() && syncing.at(done).ticket <= upTo)
        ++done;
    // Taken out first: a callback may write, and queue more. Moved, not copied: a copy of each
    // callback (and of everything it captured) would be made only to be destroyed.
    QList<Syncing> ready;
    ready.reserve(done);
    std::move(syncing.begin(), syncing.begin() + done, std::back_inserter(ready));
    syncing.remove(0, done);
    for (const Syncing &entry : ready)
        entry.durable(outcome);
}

void CallStore::close()
{
    d->close(true);
}

void CallStore::Private::close(bool answer)
{
    if (!db || !syncer)
        return;
    // Writes from the callbacks below are refused.
    closing = true;
    if (db->groupOpen())
        static_cast<void>(settleGroup()); // a failure reaches its callbacks, below

    const quint64 last = lastTicket;
    const std::optional<QString> error = syncer->waitFor(last);
    syncer.reset();
    if (answer) {
        // Everything committed is on disk (or never will be): everyone hears so now.
        settleWaiting();
        const auto ready = std::exchange(settled, {});
        for (const auto &[durable, outcome] : ready)
            durable(outcome);
        reported(last, error);
    } else if (const qsizetype unanswered = waiting.size() + settled.size() + syncing.size()) {
        qCInfo(lcStore) << "closed with" << unanswered << "write(s) unanswered: their requests are"
                        << "asked again";
    }
    // Whatever is left was queued by those callbacks, or was not to be answered.
    waiting.clear();
    settled.clear();
    syncing.clear();
}

} // namespace flux

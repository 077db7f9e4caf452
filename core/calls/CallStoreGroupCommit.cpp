// CallStore: group commit: the grouped writes of one event-loop turn share one transaction and
// one sync, and whoever waits for them hears only after that commit.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"

namespace flux {

void CallStore::whenDurable(DurableCallback durable)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    d->waiting.append(std::move(durable));
    d->queueFlush();
}

Result<bool, StoreError> CallStore::Private::settleGroup()
{
    Result<bool, StoreError> committed = db->commitGroup();
    if (!committed)
        qCWarning(lcStore).noquote()
            << "a group of writes was rolled back:" << committed.error().message;
    for (DurableCallback &durable : waiting)
        settled.append({std::move(durable), committed});
    waiting.clear();
    return committed;
}

void CallStore::Private::queueFlush()
{
    if (flushQueued)
        return;
    flushQueued = true;
    // Queued, so it runs after the requests the event loop has already read are handled: the
    // busier the server, the more writes share the sync.
    QMetaObject::invokeMethod(
        turnEnd.get(), [this] { flush(); }, Qt::QueuedConnection);
}

void CallStore::Private::flush()
{
    flushQueued = false;
    if (db->groupOpen()) {
        settleGroup();
    } else {
        // Nothing open: whatever they wait for was committed by a Now write already.
        for (DurableCallback &durable : waiting)
            settled.append({std::move(durable), true});
        waiting.clear();
    }
    // A callback may write again; that opens the next group and queues the next flush.
    const auto ready = std::exchange(settled, {});
    for (const auto &[durable, outcome] : ready)
        durable(outcome);
}

} // namespace flux

// CallStore: the calls reconciliation asks Twilio about: not final, and quiet for a while.
#include "calls/CallStore.h"

#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

namespace flux {

using namespace CallStoreSchema;

Result<QList<CallRecord>, StoreError> CallStore::unsettledCalls(const QDateTime &quietSince,
                                                                int limit) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QList<CallRecord> calls;
    if (limit <= 0)
        return calls;
    // Prepared for each read: it runs once every few minutes, off the webhooks' path, and a
    // statement of its own here keeps it beside the one feature that needs it. The scan of
    // calls is short: the final statuses are bound, so CallStatus stays their one spelling.
    SqliteStatement q;
    if (auto prepared = d->db->prepare(
            q, QStringLiteral("SELECT %1 FROM calls WHERE status NOT IN (?1, ?2, ?3, ?4, ?5)"
                              " AND updated_at < ?6 ORDER BY updated_at, rowid LIMIT ?7")
                   .arg(CallColumns));
        !prepared)
        return prepared.error();
    const SqliteConnection::What what(QStringLiteral("list calls not yet final"));
    auto row = d->db->first(q, what, CallStatus::Completed, CallStatus::Busy, CallStatus::NoAnswer,
                            CallStatus::Failed, CallStatus::Canceled, toText(quietSince), limit);
    for (; row && row.value(); row = d->db->next(q, what))
        calls.append(readCall(q));
    if (!row)
        return row.error();
    return calls;
}

} // namespace flux

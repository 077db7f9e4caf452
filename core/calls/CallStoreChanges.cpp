// CallStore: the change log the event stream reads. Its rows are written by the schema's
// triggers, never here; here they are read and pruned.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

namespace flux {

using namespace CallStoreSchema;

Result<QList<StoredChange>, StoreError> CallStore::changes(qint64 afterId, qint64 upToId,
                                                           int limit) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    if (auto prepared =
            d->db->prepare(q, QStringLiteral("SELECT id, kind, subject, stored_at FROM changes"
                                             " WHERE id > ?1 AND id <= ?2 ORDER BY id LIMIT ?3"));
        !prepared)
        return prepared.error();
    QList<StoredChange> found;
    const SqliteConnection::What what(QStringLiteral("read the change log"));
    auto row = d->db->first(q, what, afterId, upToId, limit);
    for (; row && row.value(); row = d->db->next(q, what)) {
        StoredChange change;
        change.id = q.integer(0);
        change.kind = q.text(1) == QLatin1String("notification") ? StoredChange::Kind::Notification
                                                                 : StoredChange::Kind::Call;
        change.subject = q.text(2);
        change.storedAt = fromText(q.text(3));
        found.append(change);
    }
    if (!row)
        return row.error();
    return found;
}

Result<StoredChangeRange, StoreError> CallStore::changeRange() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    // sqlite_sequence keeps the highest id given even when every row has been pruned.
    SqliteStatement q;
    if (auto prepared = d->db->prepare(
            q, QStringLiteral("SELECT (SELECT MIN(id) FROM changes),"
                              " (SELECT seq FROM sqlite_sequence WHERE name = 'changes')"));
        !prepared)
        return prepared.error();
    auto found = d->db->first(q, {QStringLiteral("read the change log's range")});
    if (!found)
        return found.error();
    StoredChangeRange range;
    if (found.value()) {
        range.latest = q.integer(1);
        range.oldest = q.text(0).isEmpty() ? range.latest + 1 : q.integer(0);
        q.reset();
    }
    return range;
}

Result<int, StoreError> CallStore::pruneChanges(const QDateTime &before, int keep)
{
    return d->write(Commit::Now, [&]() -> Result<int, StoreError> {
        SqliteStatement q;
        // Ids grow with stored_at, so both bounds are an id below which everything goes.
        if (auto prepared = d->db->prepare(
                q, QStringLiteral(
                       "DELETE FROM changes WHERE id <= MAX("
                       " IFNULL((SELECT MAX(id) FROM changes WHERE stored_at < ?1), 0),"
                       " IFNULL((SELECT seq FROM sqlite_sequence WHERE name = 'changes'), 0)"
                       " - ?2)"));
            !prepared)
            return prepared.error();
        if (auto run = d->db->run(q, {QStringLiteral("prune the change log")}, toText(before),
                                  qint64(keep));
            !run)
            return run.error();
        return q.changes();
    });
}

} // namespace flux

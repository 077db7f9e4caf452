// CallStore: the idempotency keys of POST /notifications/call (table idempotency_keys).
#include "calls/CallStore.h"

#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

namespace flux {

using namespace CallStoreSchema;

Result<std::optional<IdempotentRequest>, StoreError>
CallStore::idempotentRequest(const QString &key, const QDateTime &since) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    if (auto prepared = d->db->prepare(
            q, QStringLiteral("SELECT request_hash, notification_id, created_at, status, body"
                              " FROM idempotency_keys WHERE key = ?1 AND created_at >= ?2"));
        !prepared)
        return prepared.error();
    auto found = d->db->first(q, {QStringLiteral("read an idempotency key")}, key,
                              msecsToText(since.toMSecsSinceEpoch()));
    if (!found)
        return found.error();
    std::optional<IdempotentRequest> request;
    if (!found.value())
        return request;
    request.emplace();
    request->key = {key, q.text(0)};
    request->notificationId = q.text(1);
    request->createdAt = fromText(q.text(2));
    // The status column is NULL until the first request was answered.
    const QString status = q.text(3);
    if (!status.isEmpty())
        request->status = status.toInt();
    request->body = q.text(4).toUtf8();
    q.reset();
    return request;
}

Result<void, StoreError> CallStore::saveIdempotentAnswer(const QString &key, int status,
                                                         const QByteArray &body)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return d->write(Commit::Now, [&]() -> Result<void, StoreError> {
        SqliteStatement q;
        if (auto prepared = d->db->prepare(
                q, QStringLiteral("UPDATE idempotency_keys SET status = ?1, body = ?2"
                                  " WHERE key = ?3 AND status IS NULL"));
            !prepared)
            return prepared.error();
        return d->db->run(q, {QStringLiteral("store the answer to an idempotent request")}, status,
                          QString::fromUtf8(body), key);
    });
}

Result<void, StoreError> CallStore::releaseIdempotencyKey(const QString &key)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return d->write(Commit::Now, [&]() -> Result<void, StoreError> {
        SqliteStatement q;
        if (auto prepared = d->db->prepare(
                q,
                QStringLiteral("DELETE FROM idempotency_keys WHERE key = ?1 AND status IS NULL"));
            !prepared)
            return prepared.error();
        return d->db->run(q, {QStringLiteral("release an idempotency key")}, key);
    });
}

} // namespace flux

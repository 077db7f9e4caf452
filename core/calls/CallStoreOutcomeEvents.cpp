// CallStore: the outcome webhooks' outbox. An event is written with the close of its
// notification; each receiver's delivery carries its own due time, so the sender's timer is a
// row like a notification's due_at and a restart picks up where the last run stopped.
#include "calls/CallStore.h"

#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

namespace flux {

using namespace CallStoreSchema;

namespace {

// No try of a delivery starts later than this after its event (or its "deliver again").
constexpr qint64 RetryWindowMs = qint64(24) * 3600 * 1000;

const QString DeliveryColumns =
    QStringLiteral("d.id, d.event_id, e.notification_id, d.url, d.state, d.next_attempt_at,"
                   " d.give_up_at, e.created_at, d.attempts");

OutcomeDelivery readDelivery(const SqliteStatement &row)
{
    OutcomeDelivery d;
    d.id = row.integer(0);
    d.eventId = row.text(1);
    d.notificationId = row.text(2);
    d.url = row.text(3);
    d.state = row.text(4);
    d.nextAttemptAt = fromText(row.text(5));
    d.giveUpAt = fromText(row.text(6));
    d.eventCreatedAt = fromText(row.text(7));
    d.attemptCount = int(row.integer(8));
    return d;
}

template <typename... Args>
Result<int, StoreError> change(const SqliteConnection &db, const QString &sql, const QString &what,
                               const Args &...args)
{
    SqliteStatement q;
    if (auto prepared = db.prepare(q, sql); !prepared)
        return prepared.error();
    if (auto ran = db.run(q, SqliteConnection::What(what), args...); !ran)
        return ran.error();
    return int(q.changes());
}

// The rows of a read of DeliveryColumns (and, with `withBody`, the event's body after them).
template <typename... Args>
Result<QList<OutcomeDelivery>, StoreError> deliveries(const SqliteConnection &db,
                                                      const QString &sql, const QString &what,
                                                      bool withBody, const Args &...args)
{
    QList<OutcomeDelivery> found;
    SqliteStatement q;
    if (auto prepared = db.prepare(q, sql); !prepared)
        return prepared.error();
    const SqliteConnection::What w(what);
    auto row = db.first(q, w, args...);
    for (; row && row.value(); row = db.next(q, w)) {
        found.append(readDelivery(q));
        if (withBody)
            found.last().body = q.text(9).toUtf8();
    }
    if (!row)
        return row.error();
    return found;
}

} // namespace

Result<void, StoreError> CallStore::Private::insertOutcomeEvent(const Notification &closed,
                                                                const QStringList &urls) const
{
    QStringList targets;
    for (const QString &url : QStringList{closed.callbackUrl} + urls) {
        if (!url.isEmpty() && !targets.contains(url))
            targets.append(url);
    }
    if (targets.isEmpty() || closed.isOpen())
        return {};
    const OutcomeEvent event = OutcomeEvent::of(closed);
    const QString createdAt = toText(event.createdAt);
    if (auto inserted =
            change(*db,
                   QStringLiteral("INSERT INTO outcome_events (id, notification_id,"
                                  " type, body, created_at) VALUES (?1, ?2, ?3, ?4,"
                                  " ?5)"),
                   QStringLiteral("store the outcome event of %1").arg(closed.id), event.id,
                   closed.id, event.type, QString::fromUtf8(event.body), createdAt);
        !inserted)
        return inserted.error();
    const QString giveUpAt = msecsToText(event.createdAt.toMSecsSinceEpoch() + RetryWindowMs);
    for (const QString &url : targets) {
        if (auto inserted = change(*db,
                                   QStringLiteral("INSERT INTO outcome_deliveries (event_id, url,"
                                                  " state, attempts, next_attempt_at, give_up_at)"
                                                  " VALUES (?1, ?2, ?3, 0, ?4, ?5)"),
                                   QStringLiteral("queue the outcome event of %1").arg(closed.id),
                                   event.id, url, DeliveryState::Pending, createdAt, giveUpAt);
            !inserted)
            return inserted.error();
    }
    return {};
}

Result<QList<OutcomeDelivery>, StoreError>
CallStore::deliveriesOf(const QString &notificationId) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    auto found = deliveries(
        *d->db,
        QStringLiteral("SELECT %1 FROM outcome_deliveries d JOIN outcome_events e ON e.id ="
                       " d.event_id WHERE e.notification_id = ?1 ORDER BY d.id")
            .arg(DeliveryColumns),
        QStringLiteral("read the deliveries of %1").arg(notificationId), false, notificationId);
    if (!found)
        return found;
    SqliteStatement q;
    if (auto prepared = d->db->prepare(q, QStringLiteral("SELECT at, status, error FROM"
                                                         " outcome_delivery_attempts WHERE"
                                                         " delivery_id = ?1 ORDER BY rowid"));
        !prepared)
        return prepared.error();
    for (OutcomeDelivery &delivery : found.value()) {
        const SqliteConnection::What w(QStringLiteral("read the tries of %1"), notificationId);
        auto row = d->db->first(q, w, delivery.id);
        for (; row && row.value(); row = d->db->next(q, w))
            delivery.attempts.append({fromText(q.text(0)), int(q.integer(1)), q.text(2)});
        if (!row)
            return row.error();
    }
    return found;
}

Result<QList<OutcomeDelivery>, StoreError> CallStore::dueDeliveries(const QDateTime &until,
                                                                    int limit) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return deliveries(*d->db,
                      QStringLiteral("SELECT %1, e.body FROM outcome_deliveries d JOIN"
                                     " outcome_events e ON e.id = d.event_id WHERE"
                                     " d.next_attempt_at IS NOT NULL AND d.next_attempt_at <= ?1"
                                     " ORDER BY d.next_attempt_at LIMIT ?2")
                          .arg(DeliveryColumns),
                      QStringLiteral("list the deliveries due"), true, toText(until), limit);
}

Result<QDateTime, StoreError> CallStore::nextDeliveryAt() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    if (auto prepared = d->db->prepare(q, QStringLiteral("SELECT MIN(next_attempt_at) FROM"
                                                         " outcome_deliveries WHERE"
                                                         " next_attempt_at IS NOT NULL"));
        !prepared)
        return prepared.error();
    auto found = d->db->first(q, {QStringLiteral("read the next delivery time")});
    if (!found)
        return found.error();
    QDateTime due;
    if (found.value()) {
        due = fromText(q.text(0));
        q.reset();
    }
    return due;
}

Result<void, StoreError> CallStore::recordDeliveryAttempt(qint64 deliveryId,
                                                          const DeliveryAttempt &attempt,
                                                          const QString &state,
                                                          const QDateTime &nextAttemptAt)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const SqliteConnection &db = *d->db;
    return d->write(Commit::Now, [&]() -> Result<void, StoreError> {
        const QString what = QStringLiteral("record a try of delivery %1").arg(deliveryId);
        if (auto inserted =
                change(db,
                       QStringLiteral("INSERT INTO outcome_delivery_attempts"
                                      " (delivery_id, at, status, error) VALUES (?1,"
                                      " ?2, ?3, ?4)"),
                       what, deliveryId, stampOrNow(attempt.at), attempt.status, attempt.error);
            !inserted)
            return inserted.error();
        const bool pending = state == DeliveryState::Pending;
        if (auto updated = change(db,
                                  QStringLiteral("UPDATE outcome_deliveries SET state = ?1,"
                                                 " attempts = attempts + 1, next_attempt_at = ?2"
                                                 " WHERE id = ?3"),
                                  what, state,
                                  pending ? std::optional<QString>(stampOrNow(nextAttemptAt))
                                          : std::optional<QString>(),
                                  deliveryId);
            !updated)
            return updated.error();
        return {};
    });
}

Result<int, StoreError> CallStore::redeliver(const QString &notificationId,
                                             const QStringList &outcomeWebhookUrls)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const auto closed = notification(notificationId);
    if (!closed)
        return closed.error();
    if (!closed.value() || closed.value()->isOpen())
        return 0;
    const SqliteConnection &db = *d->db;
    return d->write(Commit::Now, [&]() -> Result<int, StoreError> {
        const QString what = QStringLiteral("deliver the outcome of %1 again").arg(notificationId);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // Tried afresh: its backoff starts again from the first wait.
        auto requeued = change(db,
                               QStringLiteral("UPDATE outcome_deliveries SET state = ?1,"
                                              " attempts = 0, next_attempt_at = ?2,"
                                              " give_up_at = ?3 WHERE event_id IN (SELECT id"
                                              " FROM outcome_events WHERE notification_id = ?4)"),
                               what, DeliveryState::Pending, msecsToText(now),
                               msecsToText(now + RetryWindowMs), notificationId);
        if (!requeued)
            return requeued.error();
        if (requeued.value() > 0) {
            // A receiver configured since the close gets it too.
            for (const QString &url : outcomeWebhookUrls) {
                if (url.isEmpty())
                    continue;
                auto added = change(
                    db,
                    QStringLiteral("INSERT INTO outcome_deliveries (event_id, url, state,"
                                   " attempts, next_attempt_at, give_up_at) SELECT e.id, ?2, ?3,"
                                   " 0, ?4, ?5 FROM outcome_events e WHERE e.notification_id = ?1"
                                   " AND NOT EXISTS (SELECT 1 FROM outcome_deliveries d"
                                   " WHERE d.event_id = e.id AND d.url = ?2)"),
                    what, notificationId, url, DeliveryState::Pending, msecsToText(now),
                    msecsToText(now + RetryWindowMs));
                if (!added)
                    return added.error();
            }
        } else if (auto queued = d->insertOutcomeEvent(*closed.value(), outcomeWebhookUrls);
                   !queued) { // closed while no receiver was configured: its event, made now
            return queued.error();
        }
        SqliteStatement q;
        if (auto prepared = db.prepare(q, QStringLiteral("SELECT COUNT(*) FROM"
                                                         " outcome_deliveries d JOIN"
                                                         " outcome_events e ON e.id = d.event_id"
                                                         " WHERE e.notification_id = ?1"));
            !prepared)
            return prepared.error();
        auto counted = db.first(q, SqliteConnection::What(what), notificationId);
        if (!counted)
            return counted.error();
        int count = 0;
        if (counted.value()) {
            count = int(q.integer(0));
            q.reset();
        }
        return count;
    });
}

} // namespace flux

// CallStore: notifications and their attempts. An attempt and its pending call are written in
// one transaction, and the call keeps the request id, so an attempt finds its call however the
// call came to be stored; the notification's due time is its durable timer.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

namespace flux {

using namespace CallStoreSchema;

namespace {

const QString NotificationColumns = QStringLiteral(
    "id, task_title, task_id, numbers, attempts, retry_after, list_name, outcome, next_attempt,"
    " due_at, acknowledged_by, acknowledged_call, acknowledged_at, created_at, closed_at,"
    " callback_url, sms");

Notification readNotification(const SqliteStatement &row)
{
    Notification n;
    n.id = row.text(0);
    n.taskTitle = row.text(1);
    n.taskId = row.text(2);
    n.numbers = row.text(3).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    n.attemptsPerNumber = int(row.integer(4));
    n.retryAfterSeconds = int(row.integer(5));
    n.listName = row.text(6);
    n.outcome = row.text(7);
    n.nextAttempt = int(row.integer(8));
    n.dueAt = fromText(row.text(9));
    n.acknowledgedBy = row.text(10);
    n.acknowledgedCallSid = row.text(11);
    n.acknowledgedAt = fromText(row.text(12));
    n.createdAt = fromText(row.text(13));
    n.closedAt = fromText(row.text(14));
    n.callbackUrl = row.text(15);
    n.sms = row.integer(16) != 0;
    return n;
}

} // namespace

// Reads prepared for each use: notifications are few beside webhooks, and these run on their
// changes, not on every callback.
namespace {
struct Reader
{
    SqliteConnection &db;

    template <typename... Args>
    Result<QList<Notification>, StoreError> list(const QString &sql, const QString &what,
                                                 const Args &...args) const
    {
        QList<Notification> found;
        SqliteStatement q;
        if (auto prepared = db.prepare(q, sql); !prepared)
            return prepared.error();
        const SqliteConnection::What w(what);
        auto row = db.first(q, w, args...);
        for (; row && row.value(); row = db.next(q, w))
            found.append(readNotification(q));
        if (!row)
            return row.error();
        return found;
    }

    Result<void, StoreError> addAttempts(Notification &n) const
    {
        SqliteStatement q;
        if (auto prepared = db.prepare(
                q, QStringLiteral(
                       "SELECT a.attempt, a.number, a.request_id, a.placed_at, a.error, c.sid,"
                       " c.status, c.outcome, c.reason, c.answered_by, EXISTS (SELECT 1 FROM"
                       " pending_calls p WHERE p.request_id = a.request_id)"
                       " FROM notification_attempts a"
                       " LEFT JOIN calls c ON c.request_id = a.request_id AND c.request_id <> ''"
                       " WHERE a.notification_id = ?1 ORDER BY a.attempt"));
            !prepared)
            return prepared.error();
        const SqliteConnection::What w(QStringLiteral("read the attempts of %1"), n.id);
        n.attempts.clear();
        auto row = db.first(q, w, n.id);
        for (; row && row.value(); row = db.next(q, w)) {
            NotificationAttempt a;
            a.index = int(q.integer(0));
            a.number = q.text(1);
            a.requestId = q.text(2);
            a.placedAt = fromText(q.text(3));
            a.error = q.text(4);
            a.callSid = q.text(5);
            a.status = q.text(6);
            a.outcome = q.text(7);
            a.reason = q.text(8);
            a.answeredBy = q.text(9);
            a.pending = q.integer(10) != 0;
            n.attempts.append(a);
        }
        if (!row)
            return row.error();
        auto texts = readTextMessages(db, n.id);
        if (!texts)
            return texts.error();
        n.texts = texts.value();
        return {};
    }

    Result<QList<Notification>, StoreError>
    withAttempts(Result<QList<Notification>, StoreError> listed) const
    {
        if (!listed)
            return listed;
        for (Notification &n : listed.value()) {
            if (auto added = addAttempts(n); !added)
                return added.error();
        }
        return listed;
    }

    Result<std::optional<Notification>, StoreError> one(const QString &id) const
    {
        auto found = withAttempts(list(
            QStringLiteral("SELECT %1 FROM notifications WHERE id = ?1").arg(NotificationColumns),
            QStringLiteral("read notification %1").arg(id), id));
        if (!found)
            return found.error();
        if (found.value().isEmpty())
            return std::optional<Notification>();
        return std::optional<Notification>(found.value().first());
    }

    // A write's statement, run once.
    template <typename... Args>
    Result<int, StoreError> change(const QString &sql, const QString &what,
                                   const Args &...args) const
    {
        SqliteStatement q;
        if (auto prepared = db.prepare(q, sql); !prepared)
            return prepared.error();
        if (auto ran = db.run(q, SqliteConnection::What(what), args...); !ran)
            return ran.error();
        return int(q.changes());
    }

    // The attempt's row; its pending call is the caller's to write in the same transaction.
    Result<void, StoreError> insertAttempt(const QString &id, const NotificationAttempt &a,
                                           const PendingCall &pending) const
    {
        auto inserted =
            change(QStringLiteral("INSERT INTO notification_attempts (notification_id, attempt,"
                                  " number, request_id, placed_at, error)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, '')"),
                   QStringLiteral("store attempt %1 of %2").arg(a.index).arg(id), id, a.index,
                   a.number, pending.requestId, stampOrNow(pending.requestedAt));
        if (!inserted)
            return inserted.error();
        return {};
    }
};
} // namespace

Result<void, StoreError> CallStore::insertNotification(const Notification &notification,
                                                       const NotificationAttempt &first,
                                                       const PendingCall &pending, Commit commit,
                                                       const IdempotencyKey &key)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (notification.id.isEmpty() || notification.numbers.isEmpty() || pending.requestId.isEmpty())
        return d->db->failure(QStringLiteral("cannot store a notification without an id, a "
                                             "number and a request"));
    const Reader r{*d->db};
    return d->write(commit, [&]() -> Result<void, StoreError> {
        auto inserted = r.change(
            QStringLiteral("INSERT INTO notifications (%1) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                           " ?8, ?9, NULL, '', '', NULL, ?10, NULL, ?11, ?12)")
                .arg(NotificationColumns),
            QStringLiteral("store notification %1").arg(notification.id), notification.id,
            notification.taskTitle, notification.taskId,
            notification.numbers.join(QLatin1Char('\n')), notification.attemptsPerNumber,
            notification.retryAfterSeconds, notification.listName, NotificationOutcome::Pending,
            first.index + 1, stampOrNow(notification.createdAt), notification.callbackUrl,
            notification.sms ? 1 : 0);
        if (!inserted)
            return inserted.error();
        if (auto attempt = r.insertAttempt(notification.id, first, pending); !attempt)
            return attempt;
        if (!key.isEmpty()) {
            const QString created = stampOrNow(notification.createdAt);
            auto expired =
                r.change(QStringLiteral("DELETE FROM idempotency_keys WHERE created_at < ?1"),
                         QStringLiteral("drop idempotency keys older than a day"),
                         msecsToText(fromText(created).addDays(-1).toMSecsSinceEpoch()));
            if (!expired)
                return expired.error();
            auto stored = r.change(
                QStringLiteral("INSERT INTO idempotency_keys (key, request_hash, notification_id,"
                               " created_at, status, body) VALUES (?1, ?2, ?3, ?4, NULL, NULL)"),
                QStringLiteral("store the idempotency key of %1").arg(notification.id), key.key,
                key.requestHash, notification.id, created);
            if (!stored)
                return stored.error();
        }
        return d->insertPendingRow(pending);
    });
}

Result<bool, StoreError> CallStore::startAttempt(const QString &notificationId,
                                                 const NotificationAttempt &attempt,
                                                 const PendingCall &pending, Commit commit)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const Reader r{*d->db};
    return d->write(commit, [&]() -> Result<bool, StoreError> {
        // Only the attempt the notification waits for, and only while it is open: an attempt
        // is stored (and so placed) once.
        auto moved = r.change(
            QStringLiteral("UPDATE notifications SET next_attempt = ?1,"
                           " due_at = NULL WHERE id = ?2 AND outcome = ?3"
                           " AND next_attempt = ?4"),
            QStringLiteral("start attempt %1 of %2").arg(attempt.index).arg(notificationId),
            attempt.index + 1, notificationId, NotificationOutcome::Pending, attempt.index);
        if (!moved)
            return moved.error();
        if (moved.value() == 0)
            return false;
        if (auto inserted = r.insertAttempt(notificationId, attempt, pending); !inserted)
            return inserted.error();
        if (auto inserted = d->insertPendingRow(pending); !inserted)
            return inserted.error();
        return true;
    });
}

Result<void, StoreError> CallStore::failAttempt(const QString &notificationId, int attempt,
                                                const QString &error)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const Reader r{*d->db};
    return d->write(Commit::Now, [&]() -> Result<void, StoreError> {
        auto marked = r.change(QStringLiteral("UPDATE notification_attempts SET error = ?1"
                                              " WHERE notification_id = ?2 AND attempt = ?3"),
                               QStringLiteral("record the failure of %1").arg(notificationId),
                               error.isEmpty() ? QStringLiteral("not placed") : error,
                               notificationId, attempt);
        if (!marked)
            return marked.error();
        return {};
    });
}

Result<bool, StoreError> CallStore::retryAttempt(const QString &notificationId, int attempt,
                                                 const PendingCall &pending)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const Reader r{*d->db};
    return d->write(Commit::Now, [&]() -> Result<bool, StoreError> {
        // Still open, still waiting on this attempt, and the attempt has no call, no pending
        // row and no failure: Twilio never had it.
        auto lost = r.change(
            QStringLiteral("UPDATE notification_attempts SET request_id = ?1, placed_at = ?2"
                           " WHERE notification_id = ?3 AND attempt = ?4 AND error = ''"
                           " AND NOT EXISTS (SELECT 1 FROM calls WHERE request_id ="
                           " notification_attempts.request_id AND request_id <> '')"
                           " AND NOT EXISTS (SELECT 1 FROM pending_calls WHERE request_id ="
                           " notification_attempts.request_id)"
                           " AND EXISTS (SELECT 1 FROM notifications WHERE id = ?3 AND outcome = ?5"
                           " AND next_attempt = ?4 + 1 AND due_at IS NULL)"),
            QStringLiteral("place attempt %1 of %2 again").arg(attempt).arg(notificationId),
            pending.requestId, stampOrNow(pending.requestedAt), notificationId, attempt,
            NotificationOutcome::Pending);
        if (!lost)
            return lost.error();
        if (lost.value() == 0)
            return false;
        if (auto inserted = d->insertPendingRow(pending); !inserted)
            return inserted.error();
        return true;
    });
}

Result<bool, StoreError> CallStore::scheduleAttempt(const QString &notificationId, int nextAttempt,
                                                    const QDateTime &dueAt)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const Reader r{*d->db};
    return d->write(Commit::Now, [&]() -> Result<bool, StoreError> {
        auto changed =
            r.change(QStringLiteral("UPDATE notifications SET next_attempt = ?1,"
                                    " due_at = ?2 WHERE id = ?3 AND outcome = ?4"),
                     QStringLiteral("schedule notification %1").arg(notificationId), nextAttempt,
                     stampOrNow(dueAt), notificationId, NotificationOutcome::Pending);
        if (!changed)
            return changed.error();
        return changed.value() > 0;
    });
}

Result<bool, StoreError> CallStore::closeNotification(const QString &notificationId,
                                                      const QString &outcome,
                                                      const CallRecord &acknowledgedBy,
                                                      const QStringList &outcomeWebhookUrls,
                                                      const TextsOwed &textsOwed)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const Reader r{*d->db};
    const bool acknowledged = outcome == NotificationOutcome::Acknowledged;
    return d->write(Commit::Now, [&]() -> Result<bool, StoreError> {
        auto changed =
            r.change(QStringLiteral("UPDATE notifications SET outcome = ?1, due_at = NULL,"
                                    " closed_at = ?2, acknowledged_by = ?3, acknowledged_call = ?4,"
                                    " acknowledged_at = ?5 WHERE id = ?6 AND outcome = ?7"),
                     QStringLiteral("close notification %1").arg(notificationId), outcome,
                     msecsToText(QDateTime::currentMSecsSinceEpoch()),
                     acknowledged ? acknowledgedBy.to : QString(),
                     acknowledged ? acknowledgedBy.sid : QString(),
                     acknowledged ? std::optional<QString>(stampOrNow(acknowledgedBy.updatedAt))
                                  : std::optional<QString>(),
                     notificationId, NotificationOutcome::Pending);
        if (!changed)
            return changed.error();
        if (changed.value() == 0)
            return false;
        // Its outcome event in the same transaction: closed means announced, even across a
        // kill -9 between the two.
        const auto closed = r.one(notificationId);
        if (!closed)
            return closed.error();
        if (closed.value()) {
            if (auto queued = d->insertOutcomeEvent(*closed.value(), outcomeWebhookUrls); !queued)
                return queued.error();
            // Its texts too: owed once closed, even when the close is the last thing before a
            // kill -9 (the next start sends them).
            if (textsOwed) {
                if (auto owed = d->insertTexts(textsOwed(*closed.value())); !owed)
                    return owed.error();
            }
        }
        return true;
    });
}

Result<std::optional<Notification>, StoreError> CallStore::notification(const QString &id) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return Reader{*d->db}.one(id);
}

Result<std::optional<Notification>, StoreError>
CallStore::notificationOfRequest(const QString &requestId, bool withAttempts) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    if (requestId.isEmpty())
        return std::optional<Notification>();
    const Reader r{*d->db};
    auto found = r.list(QStringLiteral("SELECT %1 FROM notifications WHERE id = (SELECT"
                                       " notification_id FROM notification_attempts"
                                       " WHERE request_id = ?1)")
                            .arg(NotificationColumns),
                        QStringLiteral("find the notification of %1").arg(requestId), requestId);
    if (withAttempts)
        found = r.withAttempts(std::move(found));
    if (!found)
        return found.error();
    if (found.value().isEmpty())
        return std::optional<Notification>();
    return std::optional<Notification>(found.value().first());
}

Result<QList<Notification>, StoreError> CallStore::notifications(NotificationState state,
                                                                 int limit) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const Reader r{*d->db};
    const QString what = QStringLiteral("list notifications");
    switch (state) {
    case NotificationState::Open:
        return r.withAttempts(r.list(QStringLiteral("SELECT %1 FROM notifications WHERE outcome"
                                                    " = ?1 ORDER BY created_at DESC, rowid DESC"
                                                    " LIMIT ?2")
                                         .arg(NotificationColumns),
                                     what, NotificationOutcome::Pending, limit));
    case NotificationState::Closed:
        return r.withAttempts(r.list(QStringLiteral("SELECT %1 FROM notifications WHERE outcome"
                                                    " <> ?1 ORDER BY created_at DESC, rowid DESC"
                                                    " LIMIT ?2")
                                         .arg(NotificationColumns),
                                     what, NotificationOutcome::Pending, limit));
    case NotificationState::Any:
        break;
    }
    return r.withAttempts(r.list(QStringLiteral("SELECT %1 FROM notifications ORDER BY"
                                                " created_at DESC, rowid DESC LIMIT ?1")
                                     .arg(NotificationColumns),
                                 what, limit));
}

Result<QList<Notification>, StoreError> CallStore::dueNotifications(const QDateTime &until,
                                                                    int limit) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return Reader{*d->db}.list(
        QStringLiteral("SELECT %1 FROM notifications WHERE due_at IS NOT NULL"
                       " AND due_at <= ?1 ORDER BY due_at LIMIT ?2")
            .arg(NotificationColumns),
        QStringLiteral("list notifications due"), toText(until), limit);
}

Result<QDateTime, StoreError> CallStore::nextDueAt() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    if (auto prepared = d->db->prepare(q, QStringLiteral("SELECT MIN(due_at) FROM notifications"
                                                         " WHERE due_at IS NOT NULL"));
        !prepared)
        return prepared.error();
    auto found = d->db->first(q, {QStringLiteral("read the next due time")});
    if (!found)
        return found.error();
    QDateTime due;
    if (found.value()) {
        due = fromText(q.text(0));
        q.reset();
    }
    return due;
}

Result<QList<Notification>, StoreError> CallStore::notificationsWithCallOut() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const Reader r{*d->db};
    return r.withAttempts(r.list(QStringLiteral("SELECT %1 FROM notifications WHERE outcome = ?1"
                                                " AND due_at IS NULL ORDER BY created_at")
                                     .arg(NotificationColumns),
                                 QStringLiteral("list notifications with a call out"),
                                 NotificationOutcome::Pending));
}

Result<int, StoreError> CallStore::openNotificationCount() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    if (auto prepared = d->db->prepare(
            q, QStringLiteral("SELECT COUNT(*) FROM notifications WHERE outcome = ?1"));
        !prepared)
        return prepared.error();
    auto found =
        d->db->first(q, {QStringLiteral("count open notifications")}, NotificationOutcome::Pending);
    if (!found)
        return found.error();
    int count = 0;
    if (found.value()) {
        count = int(q.integer(0));
        q.reset();
    }
    return count;
}

Result<CallStore::NumberUse, StoreError> CallStore::callsTo(const QString &number,
                                                            const QDateTime &since) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    // Pending rows count too: a burst of requests is limited before Twilio answers any.
    if (auto prepared = d->db->prepare(
            q, QStringLiteral("SELECT COUNT(*), MIN(at) FROM ("
                              " SELECT initiated_at AS at FROM calls WHERE to_number = ?1"
                              " AND initiated_at >= ?2 AND placed_here <> 0"
                              " UNION ALL SELECT requested_at FROM pending_calls"
                              " WHERE to_number = ?1 AND requested_at >= ?2)"));
        !prepared)
        return prepared.error();
    const QString sinceText = toText(since);
    auto found =
        d->db->first(q, {QStringLiteral("count the calls to %1"), number}, number, sinceText);
    if (!found)
        return found.error();
    NumberUse use;
    if (found.value()) {
        use.calls = int(q.integer(0));
        use.oldest = fromText(q.text(1));
        q.reset();
    }
    return use;
}

} // namespace flux

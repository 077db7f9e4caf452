// CallStore: texts (SMS) about notifications. A text is stored before Twilio is asked, under a
// unique (notification, number, reason), so a restart or a second close never texts twice; a
// status callback moves it only forward (TextMessageStatus::rank). A text owed by a close is
// stored Pending in the closing write, and claimed (moved to Sending) just before it is sent.
#include "calls/CallStore.h"

#include "calls/CallStorePrivate.h"
#include "calls/CallStoreSchema.h"

#include <sqlite3.h>

namespace flux {

using namespace CallStoreSchema;

namespace {

const QString TextColumns = QStringLiteral("id, notification_id, to_number, reason, sid, body,"
                                           " status, error, created_at, updated_at");

TextMessage readText(const SqliteStatement &row)
{
    TextMessage text;
    text.id = row.integer(0);
    text.notificationId = row.text(1);
    text.to = row.text(2);
    text.reason = row.text(3);
    text.sid = row.text(4);
    text.body = row.text(5);
    text.status = row.text(6);
    text.error = row.text(7);
    text.createdAt = fromText(row.text(8));
    text.updatedAt = fromText(row.text(9));
    return text;
}

template <typename... Args>
Result<QList<TextMessage>, StoreError> readTexts(const SqliteConnection &db, const QString &sql,
                                                 const QString &what, const Args &...args)
{
    QList<TextMessage> found;
    SqliteStatement q;
    if (auto prepared = db.prepare(q, sql); !prepared)
        return prepared.error();
    const SqliteConnection::What w(what);
    auto row = db.first(q, w, args...);
    for (; row && row.value(); row = db.next(q, w))
        found.append(readText(q));
    if (!row)
        return row.error();
    return found;
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

} // namespace

Result<QList<TextMessage>, StoreError> readTextMessages(SqliteConnection &db,
                                                        const QString &notificationId)
{
    return readTexts(db,
                     QStringLiteral("SELECT %1 FROM messages WHERE notification_id = ?1"
                                    " ORDER BY id")
                         .arg(TextColumns),
                     QStringLiteral("read the texts of %1").arg(notificationId), notificationId);
}

Result<QList<TextMessage>, StoreError>
CallStore::Private::insertTexts(const QList<TextMessage> &texts) const
{
    QList<TextMessage> stored;
    for (TextMessage text : texts) {
        const QString now = stampOrNow(text.createdAt);
        auto inserted =
            change(*db,
                   QStringLiteral("INSERT OR IGNORE INTO messages (notification_id, to_number,"
                                  " reason, sid, body, status, error, created_at, updated_at)"
                                  " VALUES (?1, ?2, ?3, '', ?4, ?5, '', ?6, ?6)"),
                   QStringLiteral("store a text of %1").arg(text.notificationId),
                   text.notificationId, text.to, text.reason, text.body, text.status, now);
        if (!inserted)
            return inserted.error();
        if (inserted.value() == 0)
            continue;
        text.id = sqlite3_last_insert_rowid(db->handle());
        text.createdAt = text.updatedAt = fromText(now);
        stored.append(text);
    }
    return stored;
}

Result<QList<TextMessage>, StoreError>
CallStore::insertTextMessages(const QList<TextMessage> &texts)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QList<TextMessage> sending = texts;
    for (TextMessage &text : sending)
        text.status = TextMessageStatus::Sending;
    return d->write(Commit::Now, [&] { return d->insertTexts(sending); });
}

Result<QList<TextMessage>, StoreError>
CallStore::claimPendingTextMessages(const QString &notificationId)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const SqliteConnection &db = *d->db;
    const QString what =
        QStringLiteral("claim the owed texts of %1")
            .arg(notificationId.isEmpty() ? QStringLiteral("every notification") : notificationId);
    const QString sql = QStringLiteral("SELECT %1 FROM messages WHERE status = ?1 AND"
                                       " (?2 = '' OR notification_id = ?2) ORDER BY id")
                            .arg(TextColumns);
    // Nearly always none: a read answers that without a write and its sync.
    auto owed = readTexts(db, sql, what, TextMessageStatus::Pending, notificationId);
    if (!owed || owed.value().isEmpty())
        return owed;
    // The store is used from its own thread only, so the texts read are still the pending ones.
    return d->write(Commit::Now, [&]() -> Result<QList<TextMessage>, StoreError> {
        const QString now = msecsToText(QDateTime::currentMSecsSinceEpoch());
        auto changed = change(db,
                              QStringLiteral("UPDATE messages SET status = ?3, updated_at = ?4"
                                             " WHERE status = ?1 AND (?2 = '' OR"
                                             " notification_id = ?2)"),
                              what, TextMessageStatus::Pending, notificationId,
                              TextMessageStatus::Sending, now);
        if (!changed)
            return changed.error();
        QList<TextMessage> claimed = owed.value();
        for (TextMessage &text : claimed) {
            text.status = TextMessageStatus::Sending;
            text.updatedAt = fromText(now);
        }
        return claimed;
    });
}

Result<void, StoreError> CallStore::updateTextMessage(qint64 id, const QString &sid,
                                                      const QString &status, const QString &error)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const SqliteConnection &db = *d->db;
    return d->write(Commit::Now, [&]() -> Result<void, StoreError> {
        // A callback may have come first (and set the sid and a later status): keep that.
        auto changed = change(
            db,
            QStringLiteral("UPDATE messages SET sid = CASE WHEN sid = '' THEN ?2 ELSE sid END,"
                           " status = CASE WHEN status IN (?5, ?6) THEN ?3 ELSE status END,"
                           " error = CASE WHEN error = '' THEN ?4 ELSE error END,"
                           " updated_at = ?7 WHERE id = ?1"),
            QStringLiteral("store Twilio's answer for text %1").arg(id), id, sid, status, error,
            TextMessageStatus::Sending, TextMessageStatus::Unconfirmed,
            msecsToText(QDateTime::currentMSecsSinceEpoch()));
        if (!changed)
            return changed.error();
        return {};
    });
}

Result<std::optional<TextMessage>, StoreError>
CallStore::applyTextMessageStatus(const QString &sid, qint64 id, const QString &status,
                                  const QString &error, bool *applied)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const SqliteConnection &db = *d->db;
    if (applied)
        *applied = false;
    return d->write(Commit::Now, [&]() -> Result<std::optional<TextMessage>, StoreError> {
        // By sid; else by the id the callback URL carries, when that text has no other sid
        // yet (the callback overtook Twilio's answer to the create).
        auto found = readTexts(db,
                               QStringLiteral("SELECT %1 FROM messages WHERE sid = ?1"
                                              " OR (id = ?2 AND sid IN ('', ?1)) LIMIT 1")
                                   .arg(TextColumns),
                               QStringLiteral("read text %1").arg(sid), sid, id);
        if (!found)
            return found.error();
        if (found.value().isEmpty())
            return std::optional<TextMessage>();
        TextMessage text = found.value().first();
        const bool forward = TextMessageStatus::rank(status) > TextMessageStatus::rank(text.status);
        if (!forward && text.sid == sid)
            return std::optional<TextMessage>(text);
        text.sid = sid;
        if (forward) {
            text.status = status;
            if (!error.isEmpty())
                text.error = error;
        }
        text.updatedAt = QDateTime::currentDateTimeUtc();
        auto changed =
            change(db,
                   QStringLiteral("UPDATE messages SET sid = ?2, status = ?3, error = ?4,"
                                  " updated_at = ?5 WHERE id = ?1"),
                   QStringLiteral("store the status of text %1").arg(sid), text.id, text.sid,
                   text.status, text.error, toText(text.updatedAt));
        if (!changed)
            return changed.error();
        if (applied)
            *applied = forward;
        return std::optional<TextMessage>(text);
    });
}

Result<int, StoreError> CallStore::markUnconfirmedTextMessages()
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const SqliteConnection &db = *d->db;
    return d->write(Commit::Now, [&]() -> Result<int, StoreError> {
        return change(db,
                      QStringLiteral("UPDATE messages SET status = ?1, updated_at = ?3"
                                     " WHERE status = ?2"),
                      QStringLiteral("mark unanswered texts unconfirmed"),
                      TextMessageStatus::Unconfirmed, TextMessageStatus::Sending,
                      msecsToText(QDateTime::currentMSecsSinceEpoch()));
    });
}

Result<QList<TextMessage>, StoreError> CallStore::textMessages(const QString &notificationId) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return readTextMessages(*d->db, notificationId);
}

} // namespace flux

// CallStore: named escalation lists: contacts of the book in calling order, with the attempts
// per contact and the wait between them.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/ContactBookRows.h"

#include <QSet>

namespace flux {

namespace {

Result<EscalationList, StoreError> validList(const EscalationList &given)
{
    EscalationList list = given;
    list.name = list.name.trimmed();
    if (list.name.isEmpty())
        return ContactBookRows::refused(QStringLiteral("An escalation list needs a name"));
    if (list.contactIds.isEmpty())
        return ContactBookRows::refused(
            QStringLiteral("The escalation list \"%1\" has no contacts").arg(list.name));
    if (list.contactIds.size() > EscalationList::MaxEscalation + 1)
        return ContactBookRows::refused(
            QStringLiteral("The escalation list \"%1\" has %2 contacts; at most %3 "
                           "are called")
                .arg(list.name)
                .arg(list.contactIds.size())
                .arg(EscalationList::MaxEscalation + 1));
    if (list.attempts < 1 || list.attempts > EscalationList::MaxAttempts)
        return ContactBookRows::refused(
            QStringLiteral("Attempts per contact must be 1 to %1, not %2")
                .arg(EscalationList::MaxAttempts)
                .arg(list.attempts));
    if (list.retryAfterSeconds < EscalationList::MinRetryAfterSeconds ||
        list.retryAfterSeconds > EscalationList::MaxRetryAfterSeconds)
        return ContactBookRows::refused(
            QStringLiteral("The wait between attempts must be %1 to %2 seconds, not %3")
                .arg(EscalationList::MinRetryAfterSeconds)
                .arg(EscalationList::MaxRetryAfterSeconds)
                .arg(list.retryAfterSeconds));
    return list;
}

} // namespace

Result<QList<EscalationList>, StoreError> CallStore::escalationLists() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    if (auto prepared = d->db->prepare(
            q, QStringLiteral("SELECT name, attempts, retry_after FROM escalation_lists"
                              " ORDER BY name COLLATE NOCASE, name"));
        !prepared)
        return prepared.error();
    QList<EscalationList> lists;
    const SqliteConnection::What what(QStringLiteral("list escalation lists"));
    auto row = d->db->first(q, what);
    for (; row && row.value(); row = d->db->next(q, what)) {
        EscalationList list;
        list.name = q.text(0);
        list.attempts = int(q.integer(1));
        list.retryAfterSeconds = int(q.integer(2));
        lists.append(list);
    }
    if (!row)
        return row.error();
    const ContactBookRows rows{*d->db};
    for (EscalationList &list : lists) {
        auto members = rows.members(list.name);
        if (!members)
            return members.error();
        list.contactIds = members.value();
    }
    return lists;
}

Result<std::optional<EscalationList>, StoreError>
CallStore::escalationList(const QString &name) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    if (auto prepared = d->db->prepare(
            q, QStringLiteral("SELECT name, attempts, retry_after FROM escalation_lists"
                              " WHERE name = ?1"));
        !prepared)
        return prepared.error();
    auto found = d->db->first(q, {QStringLiteral("read escalation list %1"), name}, name);
    if (!found)
        return found.error();
    std::optional<EscalationList> list;
    if (!found.value())
        return list;
    list.emplace();
    list->name = q.text(0);
    list->attempts = int(q.integer(1));
    list->retryAfterSeconds = int(q.integer(2));
    q.reset();
    auto members = ContactBookRows{*d->db}.members(list->name);
    if (!members)
        return members.error();
    list->contactIds = members.value();
    return list;
}

Result<void, StoreError> CallStore::saveEscalationList(const EscalationList &given,
                                                       const QString &previousName)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    auto valid = validList(given);
    if (!valid)
        return valid.error();
    const EscalationList &list = valid.value();
    const ContactBookRows rows{*d->db};
    auto saved = d->write(Commit::Now, [&]() -> Result<void, StoreError> {
        QSet<qint64> seen;
        for (const qint64 id : list.contactIds) {
            auto contact = rows.contactWithId(id);
            if (!contact)
                return contact.error();
            if (!contact.value())
                return ContactBookRows::refused(
                    QStringLiteral("The escalation list \"%1\" names a contact that "
                                   "is no longer in the book")
                        .arg(list.name));
            if (seen.contains(id))
                return ContactBookRows::refused(
                    QStringLiteral("%1 is in the escalation list \"%2\" twice")
                        .arg(contact.value()->name, list.name));
            seen.insert(id);
        }
        const QString previous = previousName.trimmed();
        if (!previous.isEmpty() && previous != list.name) {
            auto taken = rows.listExists(list.name);
            if (!taken)
                return taken.error();
            if (taken.value())
                return ContactBookRows::refused(
                    QStringLiteral("There is already an escalation list named \"%1\"")
                        .arg(list.name));
            auto removed = rows.removeList(previous);
            if (!removed)
                return removed.error();
            if (!removed.value())
                return ContactBookRows::refused(
                    QStringLiteral("There is no escalation list named \"%1\" any more")
                        .arg(previous));
        }
        SqliteStatement q;
        if (auto prepared = d->db->prepare(
                q, QStringLiteral("INSERT INTO escalation_lists (name, attempts, retry_after)"
                                  " VALUES (?1, ?2, ?3) ON CONFLICT (name) DO UPDATE SET"
                                  " attempts = excluded.attempts,"
                                  " retry_after = excluded.retry_after"));
            !prepared)
            return prepared;
        if (auto ran = d->db->run(q, {QStringLiteral("store escalation list %1"), list.name},
                                  list.name, list.attempts, list.retryAfterSeconds);
            !ran)
            return ran;
        return rows.writeMembers(list.name, list.contactIds);
    });
    if (saved)
        qCInfo(lcStore).noquote() << "escalation list" << list.name << "saved with"
                                  << list.contactIds.size() << "contacts";
    return saved;
}

Result<bool, StoreError> CallStore::removeEscalationList(const QString &name)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const ContactBookRows rows{*d->db};
    auto removed = d->write(Commit::Now, [&] { return rows.removeList(name); });
    if (removed && removed.value())
        qCInfo(lcStore).noquote() << "escalation list" << name << "removed";
    return removed;
}

} // namespace flux

// CallStore: the contact book and its named escalation lists. Off every webhook's path, so each
// statement is prepared where it runs, beside the one feature that needs it.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/PhoneNumber.h"
#include "twilio/VoicePrompts.h"

#include <QSet>

namespace flux {

namespace {

const QString ContactColumns = QStringLiteral("id, name, number, language, note");

Contact readContact(const SqliteStatement &row)
{
    Contact contact;
    contact.id = row.integer(0);
    contact.name = row.text(1);
    contact.number = row.text(2);
    contact.language = row.text(3);
    contact.note = row.text(4);
    return contact;
}

// A rule the book holds its entries to: said as it is, without the file's name.
StoreError invalid(const QString &message)
{
    return {message};
}

// The contact as stored: trimmed, and checked against the book's rules.
Result<Contact, StoreError> validContact(const Contact &given)
{
    Contact contact = given;
    contact.name = contact.name.trimmed();
    contact.number = contact.number.trimmed();
    contact.language = contact.language.trimmed();
    contact.note = contact.note.trimmed();
    if (contact.name.isEmpty())
        return invalid(QStringLiteral("A contact needs a name"));
    if (!PhoneNumber::isE164(contact.number))
        return invalid(QStringLiteral("%1's number \"%2\" is not a phone number: %3")
                           .arg(contact.name, contact.number, PhoneNumber::Hint));
    if (!contact.language.isEmpty() && !VoicePrompts::isSupported(contact.language)) {
        QStringList codes;
        for (const VoicePrompts::Language &language : VoicePrompts::languages())
            codes << language.code;
        return invalid(QStringLiteral("%1's language \"%2\" is not one the calls speak (%3)")
                           .arg(contact.name, contact.language, codes.join(QStringLiteral(", "))));
    }
    return contact;
}

Result<EscalationList, StoreError> validList(const EscalationList &given)
{
    EscalationList list = given;
    list.name = list.name.trimmed();
    if (list.name.isEmpty())
        return invalid(QStringLiteral("An escalation list needs a name"));
    if (list.contactIds.isEmpty())
        return invalid(QStringLiteral("The escalation list \"%1\" has no contacts").arg(list.name));
    if (list.contactIds.size() > EscalationList::MaxEscalation + 1)
        return invalid(QStringLiteral("The escalation list \"%1\" has %2 contacts; at most %3 "
                                      "are called")
                           .arg(list.name)
                           .arg(list.contactIds.size())
                           .arg(EscalationList::MaxEscalation + 1));
    if (list.attempts < 1 || list.attempts > EscalationList::MaxAttempts)
        return invalid(QStringLiteral("Attempts per contact must be 1 to %1, not %2")
                           .arg(EscalationList::MaxAttempts)
                           .arg(list.attempts));
    if (list.retryAfterSeconds < EscalationList::MinRetryAfterSeconds ||
        list.retryAfterSeconds > EscalationList::MaxRetryAfterSeconds)
        return invalid(QStringLiteral("The wait between attempts must be %1 to %2 seconds, not %3")
                           .arg(EscalationList::MinRetryAfterSeconds)
                           .arg(EscalationList::MaxRetryAfterSeconds)
                           .arg(list.retryAfterSeconds));
    return list;
}

} // namespace

// The statements of this file, each prepared on the store's connection when it is needed.
struct ContactStatements
{
    const SqliteConnection &db;

    Result<void, StoreError> prepare(SqliteStatement &statement, const QString &sql) const
    {
        return db.prepare(statement, sql);
    }

    template <typename Value>
    Result<std::optional<Contact>, StoreError>
    contactWhere(const QString &condition, const QString &what, const Value &value) const
    {
        SqliteStatement q;
        if (auto prepared = prepare(
                q,
                QStringLiteral("SELECT %1 FROM contacts WHERE %2").arg(ContactColumns, condition));
            !prepared)
            return prepared.error();
        auto found = db.first(q, what, value);
        if (!found)
            return found.error();
        std::optional<Contact> contact;
        if (found.value()) {
            contact = readContact(q);
            q.reset();
        }
        return contact;
    }

    // Inserts (id 0) or updates the valid `contact`; the caller holds the transaction.
    Result<Contact, StoreError> store(Contact contact) const
    {
        // The UNIQUE index would refuse it too, but without saying whose number it is.
        auto holder = contactWhere(QStringLiteral("number = ?1"),
                                   QStringLiteral("read a contact by number"), contact.number);
        if (!holder)
            return holder.error();
        if (holder.value() && holder.value()->id != contact.id)
            return invalid(QStringLiteral("%1 is already %2's number")
                               .arg(contact.number, holder.value()->name));
        SqliteStatement q;
        if (contact.id == 0) {
            if (auto prepared =
                    prepare(q, QStringLiteral("INSERT INTO contacts (name, number, language, note)"
                                              " VALUES (?1, ?2, ?3, ?4) RETURNING id"));
                !prepared)
                return prepared.error();
            auto inserted = db.first(q, QStringLiteral("store a contact"), contact.name,
                                     contact.number, contact.language, contact.note);
            if (!inserted)
                return inserted.error();
            if (!inserted.value())
                return db.failure(QStringLiteral("store a contact: no id came back"));
            contact.id = q.integer(0);
            q.reset();
            return contact;
        }
        if (auto prepared = prepare(q, QStringLiteral("UPDATE contacts SET name = ?1, number = ?2,"
                                                      " language = ?3, note = ?4 WHERE id = ?5"));
            !prepared)
            return prepared.error();
        if (auto ran = db.run(q, QStringLiteral("store a contact"), contact.name, contact.number,
                              contact.language, contact.note, contact.id);
            !ran)
            return ran.error();
        if (q.changes() == 0)
            return invalid(QStringLiteral("%1 is no longer in the contact book").arg(contact.name));
        return contact;
    }

    // The list's contacts in order.
    Result<QList<qint64>, StoreError> members(const QString &listName) const
    {
        SqliteStatement q;
        if (auto prepared = prepare(q, QStringLiteral("SELECT contact_id FROM"
                                                      " escalation_list_members WHERE list_name"
                                                      " = ?1 ORDER BY position"));
            !prepared)
            return prepared.error();
        QList<qint64> ids;
        const SqliteConnection::What what(QStringLiteral("read escalation list %1"), listName);
        auto row = db.first(q, what, listName);
        for (; row && row.value(); row = db.next(q, what))
            ids.append(q.integer(0));
        if (!row)
            return row.error();
        return ids;
    }

    // Replaces the list's members with `ids`, numbered 0, 1, ... in order.
    Result<void, StoreError> writeMembers(const QString &listName, const QList<qint64> &ids) const
    {
        SqliteStatement remove;
        SqliteStatement insert;
        if (auto prepared = prepare(remove, QStringLiteral("DELETE FROM escalation_list_members"
                                                           " WHERE list_name = ?1"));
            !prepared)
            return prepared;
        if (auto prepared = prepare(insert, QStringLiteral("INSERT INTO escalation_list_members"
                                                           " (list_name, position, contact_id)"
                                                           " VALUES (?1, ?2, ?3)"));
            !prepared)
            return prepared;
        const SqliteConnection::What what(QStringLiteral("store escalation list %1"), listName);
        if (auto ran = db.run(remove, what, listName); !ran)
            return ran;
        for (int position = 0; position < ids.size(); ++position) {
            if (auto ran = db.run(insert, what, listName, position, ids.at(position)); !ran)
                return ran;
        }
        return {};
    }

    Result<bool, StoreError> removeList(const QString &name) const
    {
        if (auto emptied = writeMembers(name, {}); !emptied)
            return emptied.error();
        SqliteStatement q;
        if (auto prepared =
                prepare(q, QStringLiteral("DELETE FROM escalation_lists WHERE name = ?1"));
            !prepared)
            return prepared.error();
        if (auto ran = db.run(q, {QStringLiteral("remove escalation list %1"), name}, name); !ran)
            return ran.error();
        return q.changes() > 0;
    }

    Result<bool, StoreError> listExists(const QString &name) const
    {
        SqliteStatement q;
        if (auto prepared =
                prepare(q, QStringLiteral("SELECT 1 FROM escalation_lists WHERE name = ?1"));
            !prepared)
            return prepared.error();
        auto found = db.first(q, {QStringLiteral("read escalation list %1"), name}, name);
        if (found && found.value())
            q.reset();
        return found;
    }
};

Result<QList<Contact>, StoreError> CallStore::contacts() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    SqliteStatement q;
    if (auto prepared = d->db->prepare(
            q, QStringLiteral("SELECT %1 FROM contacts ORDER BY name COLLATE NOCASE, name, id")
                   .arg(ContactColumns));
        !prepared)
        return prepared.error();
    QList<Contact> contacts;
    const SqliteConnection::What what(QStringLiteral("list contacts"));
    auto row = d->db->first(q, what);
    for (; row && row.value(); row = d->db->next(q, what))
        contacts.append(readContact(q));
    if (!row)
        return row.error();
    return contacts;
}

Result<std::optional<Contact>, StoreError> CallStore::contactByNumber(const QString &number) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return ContactStatements{*d->db}.contactWhere(QStringLiteral("number = ?1"),
                                                  QStringLiteral("read a contact by number"),
                                                  number.trimmed());
}

Result<Contact, StoreError> CallStore::saveContact(const Contact &given)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    auto valid = validContact(given);
    if (!valid)
        return valid;
    Contact contact = valid.value();
    auto saved = d->write(Commit::Now, [&] { return ContactStatements{*d->db}.store(contact); });
    if (saved)
        qCInfo(lcStore) << "contact" << saved.value().id << "saved";
    return saved;
}

Result<int, StoreError> CallStore::importContacts(const QList<Contact> &contacts)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    QList<Contact> valid;
    valid.reserve(contacts.size());
    for (const Contact &contact : contacts) {
        auto checked = validContact(contact);
        if (!checked)
            return checked.error();
        valid.append(checked.value());
    }
    const ContactStatements statements{*d->db};
    auto imported = d->write(Commit::Now, [&]() -> Result<int, StoreError> {
        for (Contact &contact : valid) {
            auto existing =
                statements.contactWhere(QStringLiteral("number = ?1"),
                                        QStringLiteral("read a contact by number"), contact.number);
            if (!existing)
                return existing.error();
            contact.id = existing.value() ? existing.value()->id : 0;
            if (auto stored = statements.store(contact); !stored)
                return stored.error();
        }
        return int(valid.size());
    });
    if (imported)
        qCInfo(lcStore) << imported.value() << "contacts imported";
    return imported;
}

Result<bool, StoreError> CallStore::removeContact(qint64 id)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const ContactStatements statements{*d->db};
    auto removed = d->write(Commit::Now, [&]() -> Result<bool, StoreError> {
        SqliteStatement q;
        if (auto prepared =
                statements.prepare(q, QStringLiteral("DELETE FROM contacts WHERE id = ?1"));
            !prepared)
            return prepared.error();
        if (auto ran = d->db->run(q, QStringLiteral("remove a contact"), id); !ran)
            return ran.error();
        if (q.changes() == 0)
            return false;

        // Out of every list that had it; those after it move up a place.
        SqliteStatement lists;
        if (auto prepared = statements.prepare(
                lists, QStringLiteral("SELECT DISTINCT list_name FROM escalation_list_members"
                                      " WHERE contact_id = ?1"));
            !prepared)
            return prepared.error();
        QStringList names;
        const SqliteConnection::What what(QStringLiteral("find the lists of a contact"));
        auto row = d->db->first(lists, what, id);
        for (; row && row.value(); row = d->db->next(lists, what))
            names.append(lists.text(0));
        if (!row)
            return row.error();
        for (const QString &name : std::as_const(names)) {
            auto members = statements.members(name);
            if (!members)
                return members.error();
            QList<qint64> rest = members.value();
            rest.removeAll(id);
            if (auto written = statements.writeMembers(name, rest); !written)
                return written.error();
        }
        return true;
    });
    if (removed && removed.value())
        qCInfo(lcStore) << "contact" << id << "removed";
    return removed;
}

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
    const ContactStatements statements{*d->db};
    for (EscalationList &list : lists) {
        auto members = statements.members(list.name);
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
    auto members = ContactStatements{*d->db}.members(list->name);
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
    const ContactStatements statements{*d->db};
    auto saved = d->write(Commit::Now, [&]() -> Result<void, StoreError> {
        QSet<qint64> seen;
        for (const qint64 id : list.contactIds) {
            auto contact = statements.contactWhere(QStringLiteral("id = ?1"),
                                                   QStringLiteral("read a contact"), id);
            if (!contact)
                return contact.error();
            if (!contact.value())
                return invalid(QStringLiteral("The escalation list \"%1\" names a contact that "
                                              "is no longer in the book")
                                   .arg(list.name));
            if (seen.contains(id))
                return invalid(QStringLiteral("%1 is in the escalation list \"%2\" twice")
                                   .arg(contact.value()->name, list.name));
            seen.insert(id);
        }
        const QString previous = previousName.trimmed();
        if (!previous.isEmpty() && previous != list.name) {
            auto taken = statements.listExists(list.name);
            if (!taken)
                return taken.error();
            if (taken.value())
                return invalid(QStringLiteral("There is already an escalation list named \"%1\"")
                                   .arg(list.name));
            auto removed = statements.removeList(previous);
            if (!removed)
                return removed.error();
            if (!removed.value())
                return invalid(QStringLiteral("There is no escalation list named \"%1\" any more")
                                   .arg(previous));
        }
        SqliteStatement q;
        if (auto prepared = statements.prepare(
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
        return statements.writeMembers(list.name, list.contactIds);
    });
    if (saved)
        qCInfo(lcStore).noquote() << "escalation list" << list.name << "saved with"
                                  << list.contactIds.size() << "contacts";
    return saved;
}

Result<bool, StoreError> CallStore::removeEscalationList(const QString &name)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    const ContactStatements statements{*d->db};
    auto removed = d->write(Commit::Now, [&] { return statements.removeList(name); });
    if (removed && removed.value())
        qCInfo(lcStore).noquote() << "escalation list" << name << "removed";
    return removed;
}

} // namespace flux

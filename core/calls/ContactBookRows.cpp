#include "calls/ContactBookRows.h"

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

template <typename Value>
Result<std::optional<Contact>, StoreError> contactWhere(const SqliteConnection &db,
                                                        const QString &condition,
                                                        const QString &what, const Value &value)
{
    SqliteStatement q;
    if (auto prepared = db.prepare(
            q, QStringLiteral("SELECT %1 FROM contacts WHERE %2").arg(ContactColumns, condition));
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

} // namespace

StoreError ContactBookRows::refused(const QString &message)
{
    return {message};
}

Result<QList<Contact>, StoreError> ContactBookRows::contacts() const
{
    SqliteStatement q;
    if (auto prepared = db.prepare(
            q, QStringLiteral("SELECT %1 FROM contacts ORDER BY name COLLATE NOCASE, name, id")
                   .arg(ContactColumns));
        !prepared)
        return prepared.error();
    QList<Contact> contacts;
    const SqliteConnection::What what(QStringLiteral("list contacts"));
    auto row = db.first(q, what);
    for (; row && row.value(); row = db.next(q, what))
        contacts.append(readContact(q));
    if (!row)
        return row.error();
    return contacts;
}

Result<std::optional<Contact>, StoreError>
ContactBookRows::contactWithNumber(const QString &number) const
{
    return contactWhere(db, QStringLiteral("number = ?1"),
                        QStringLiteral("read a contact by number"), number);
}

Result<std::optional<Contact>, StoreError> ContactBookRows::contactWithId(qint64 id) const
{
    return contactWhere(db, QStringLiteral("id = ?1"), QStringLiteral("read a contact"), id);
}

Result<Contact, StoreError> ContactBookRows::store(Contact contact) const
{
    // The UNIQUE index would refuse it too, but without saying whose number it is.
    auto holder = contactWithNumber(contact.number);
    if (!holder)
        return holder.error();
    if (holder.value() && holder.value()->id != contact.id)
        return refused(
            QStringLiteral("%1 is already %2's number").arg(contact.number, holder.value()->name));
    SqliteStatement q;
    if (contact.id == 0) {
        if (auto prepared =
                db.prepare(q, QStringLiteral("INSERT INTO contacts (name, number, language, note)"
                                             " VALUES (?1, ?2, ?3, ?4) RETURNING id"));
            !prepared)
            return prepared.error();
        auto inserted = db.first(q, QStringLiteral("store a contact"), contact.name, contact.number,
                                 contact.language, contact.note);
        if (!inserted)
            return inserted.error();
        if (!inserted.value())
            return db.failure(QStringLiteral("store a contact: no id came back"));
        contact.id = q.integer(0);
        q.reset();
        return contact;
    }
    if (auto prepared = db.prepare(q, QStringLiteral("UPDATE contacts SET name = ?1, number = ?2,"
                                                     " language = ?3, note = ?4 WHERE id = ?5"));
        !prepared)
        return prepared.error();
    if (auto ran = db.run(q, QStringLiteral("store a contact"), contact.name, contact.number,
                          contact.language, contact.note, contact.id);
        !ran)
        return ran.error();
    if (q.changes() == 0)
        return refused(QStringLiteral("%1 is no longer in the contact book").arg(contact.name));
    return contact;
}

Result<QList<qint64>, StoreError> ContactBookRows::members(const QString &listName) const
{
    SqliteStatement q;
    if (auto prepared = db.prepare(q, QStringLiteral("SELECT contact_id FROM"
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

Result<void, StoreError> ContactBookRows::writeMembers(const QString &listName,
                                                       const QList<qint64> &ids) const
{
    SqliteStatement remove;
    SqliteStatement insert;
    if (auto prepared = db.prepare(remove, QStringLiteral("DELETE FROM escalation_list_members"
                                                          " WHERE list_name = ?1"));
        !prepared)
        return prepared;
    if (auto prepared = db.prepare(insert, QStringLiteral("INSERT INTO escalation_list_members"
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

Result<bool, StoreError> ContactBookRows::removeList(const QString &name) const
{
    if (auto emptied = writeMembers(name, {}); !emptied)
        return emptied.error();
    SqliteStatement q;
    if (auto prepared =
            db.prepare(q, QStringLiteral("DELETE FROM escalation_lists WHERE name = ?1"));
        !prepared)
        return prepared.error();
    if (auto ran = db.run(q, {QStringLiteral("remove escalation list %1"), name}, name); !ran)
        return ran.error();
    return q.changes() > 0;
}

Result<bool, StoreError> ContactBookRows::listExists(const QString &name) const
{
    SqliteStatement q;
    if (auto prepared =
            db.prepare(q, QStringLiteral("SELECT 1 FROM escalation_lists WHERE name = ?1"));
        !prepared)
        return prepared.error();
    auto found = db.first(q, {QStringLiteral("read escalation list %1"), name}, name);
    if (found && found.value())
        q.reset();
    return found;
}

} // namespace flux

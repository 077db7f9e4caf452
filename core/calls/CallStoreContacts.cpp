// CallStore: the contact book: a name, a number no one else in it has, a language and a note.
#include "calls/CallStore.h"

#include "base/LogCategories.h"
#include "calls/CallStorePrivate.h"
#include "calls/ContactBookRows.h"
#include "calls/PhoneNumber.h"
#include "twilio/VoicePrompts.h"

#include <QStringList>

namespace flux {

namespace {

// The contact as stored: trimmed, and checked against the book's rules.
Result<Contact, StoreError> validContact(const Contact &given)
{
    Contact contact = given;
    contact.name = contact.name.trimmed();
    contact.number = contact.number.trimmed();
    contact.language = contact.language.trimmed();
    contact.note = contact.note.trimmed();
    if (contact.name.isEmpty())
        return ContactBookRows::refused(QStringLiteral("A contact needs a name"));
    if (!PhoneNumber::isE164(contact.number))
        return ContactBookRows::refused(
            QStringLiteral("%1's number \"%2\" is not a phone number: %3")
                .arg(contact.name, contact.number, PhoneNumber::Hint));
    if (!contact.language.isEmpty() && !VoicePrompts::isSupported(contact.language)) {
        QStringList codes;
        for (const VoicePrompts::Language &language : VoicePrompts::languages())
            codes << language.code;
        return ContactBookRows::refused(
            QStringLiteral("%1's language \"%2\" is not one the calls speak (%3)")
                .arg(contact.name, contact.language, codes.join(QStringLiteral(", "))));
    }
    return contact;
}

} // namespace

Result<QList<Contact>, StoreError> CallStore::contacts() const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return ContactBookRows{*d->db}.contacts();
}

Result<std::optional<Contact>, StoreError> CallStore::contactByNumber(const QString &number) const
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    return ContactBookRows{*d->db}.contactWithNumber(number.trimmed());
}

Result<Contact, StoreError> CallStore::saveContact(const Contact &given)
{
    Q_ASSERT_X(d->db->isOwnThread(), "CallStore", "used off the thread that opened it");
    auto valid = validContact(given);
    if (!valid)
        return valid;
    Contact contact = valid.value();
    auto saved = d->write(Commit::Now, [&] { return ContactBookRows{*d->db}.store(contact); });
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
    const ContactBookRows rows{*d->db};
    auto imported = d->write(Commit::Now, [&]() -> Result<int, StoreError> {
        for (Contact &contact : valid) {
            auto existing = rows.contactWithNumber(contact.number);
            if (!existing)
                return existing.error();
            contact.id = existing.value() ? existing.value()->id : 0;
            if (auto stored = rows.store(contact); !stored)
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
    const ContactBookRows rows{*d->db};
    auto removed = d->write(Commit::Now, [&]() -> Result<bool, StoreError> {
        SqliteStatement q;
        if (auto prepared = d->db->prepare(q, QStringLiteral("DELETE FROM contacts WHERE id = ?1"));
            !prepared)
            return prepared.error();
        if (auto ran = d->db->run(q, QStringLiteral("remove a contact"), id); !ran)
            return ran.error();
        if (q.changes() == 0)
            return false;

        // Out of every list that had it; those after it move up a place.
        SqliteStatement lists;
        if (auto prepared = d->db->prepare(
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
            auto members = rows.members(name);
            if (!members)
                return members.error();
            QList<qint64> rest = members.value();
            rest.removeAll(id);
            if (auto written = rows.writeMembers(name, rest); !written)
                return written.error();
        }
        return true;
    });
    if (removed && removed.value())
        qCInfo(lcStore) << "contact" << id << "removed";
    return removed;
}

} // namespace flux

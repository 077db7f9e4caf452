// ContactBookRows: the SQL behind CallStore's contact book and escalation lists, run on the
// store's connection inside the caller's write. Off every webhook's path, so each statement is
// prepared where it runs rather than kept with the hot ones (CallStoreStatements).
#pragma once

#include "base/Result.h"
#include "calls/CallStore.h"
#include "calls/Contact.h"
#include "calls/SqliteConnection.h"

#include <QList>
#include <QString>

#include <optional>

namespace flux {

struct ContactBookRows
{
    const SqliteConnection &db;

    // A rule the book holds its entries to, said as it is: without the file's name.
    static StoreError refused(const QString &message);

    // By name, whatever the case.
    Result<QList<Contact>, StoreError> contacts() const;
    Result<std::optional<Contact>, StoreError> contactWithNumber(const QString &number) const;
    Result<std::optional<Contact>, StoreError> contactWithId(qint64 id) const;
    // Inserts (id 0) or updates a valid contact; refused when another has its number.
    Result<Contact, StoreError> store(Contact contact) const;

    // The list's contacts in order.
    Result<QList<qint64>, StoreError> members(const QString &listName) const;
    // Replaces the list's members with `ids`, at positions 0, 1, ... in order.
    Result<void, StoreError> writeMembers(const QString &listName, const QList<qint64> &ids) const;
    // The list and its members; false when there was no such list.
    Result<bool, StoreError> removeList(const QString &name) const;
    Result<bool, StoreError> listExists(const QString &name) const;
};

} // namespace flux

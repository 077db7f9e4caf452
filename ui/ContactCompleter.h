// ContactCompleter: completes a number field from the contact book by name or number ("Ali"
// offers "Alice Example (+4930…)"); choosing an entry puts in the number, or, in a field of
// comma-separated people, the name in place of the entry being typed.
#pragma once

#include "calls/Contact.h"

#include <QCompleter>
#include <QList>

class QStandardItemModel;

namespace flux {

class ContactCompleter : public QCompleter
{
    Q_OBJECT
public:
    enum class Field
    {
        Number, // one number: the choice becomes the contact's number
        People, // "Bob, Carol, +4930…": completes the last entry with a name
    };
    explicit ContactCompleter(Field field, QObject *parent = nullptr);

    void setContacts(const QList<Contact> &contacts);

    QString pathFromIndex(const QModelIndex &index) const override;
    QStringList splitPath(const QString &path) const override;

private:
    Field m_field;
    QStandardItemModel *m_model;
    QList<Contact> m_contacts;
};

} // namespace flux

#include "ContactCompleter.h"

#include <QLineEdit>
#include <QStandardItemModel>

namespace flux {

namespace {
constexpr int NumberRole = Qt::UserRole;
constexpr int NameRole = Qt::UserRole + 1;
} // namespace

ContactCompleter::ContactCompleter(Field field, QObject *parent)
    : QCompleter(parent), m_field(field), m_model(new QStandardItemModel(this))
{
    setModel(m_model);
    setCaseSensitivity(Qt::CaseInsensitive);
    setFilterMode(Qt::MatchContains);
    setCompletionMode(QCompleter::PopupCompletion);
}

void ContactCompleter::setContacts(const QList<Contact> &contacts)
{
    m_contacts = contacts;
    m_model->clear();
    for (const Contact &contact : contacts) {
        // Shown and matched: the name and the number both find it.
        auto *item = new QStandardItem(tr("%1 (%2)").arg(contact.name, contact.number));
        item->setData(contact.number, NumberRole);
        item->setData(contact.name, NameRole);
        m_model->appendRow(item);
    }
}

QString ContactCompleter::pathFromIndex(const QModelIndex &index) const
{
    const QString number = index.data(NumberRole).toString();
    if (m_field == Field::Number)
        return number;
    // The name reads better, unless another contact has it too.
    const QString name = index.data(NameRole).toString();
    const auto sameName =
        std::count_if(m_contacts.begin(), m_contacts.end(), [&](const Contact &c) {
            return c.name.compare(name, Qt::CaseInsensitive) == 0;
        });
    const QString entry = sameName > 1 ? number : name;
    const auto *edit = qobject_cast<const QLineEdit *>(widget());
    const QString text = edit ? edit->text() : QString();
    const qsizetype comma = text.lastIndexOf(QLatin1Char(','));
    return comma < 0 ? entry : text.left(comma + 1) + QLatin1Char(' ') + entry;
}

QStringList ContactCompleter::splitPath(const QString &path) const
{
    if (m_field == Field::Number)
        return {path.trimmed()};
    return {path.mid(path.lastIndexOf(QLatin1Char(',')) + 1).trimmed()};
}

} // namespace flux

#include "EscalationListsPage.h"

#include "engine/EngineClient.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flux {

namespace {
constexpr int ContactIdRole = Qt::UserRole;
} // namespace

EscalationListsPage::EscalationListsPage(EngineClient *engine, QWidget *parent)
    : QWidget(parent), m_engine(engine), m_lists(new QListWidget(this)),
      m_newList(new QPushButton(tr("&New list"), this)),
      m_removeList(new QPushButton(tr("Remove list"), this)), m_name(new QLineEdit(this)),
      m_members(new QListWidget(this)), m_contactChoice(new QComboBox(this)),
      m_addMember(new QPushButton(tr("A&dd"), this)), m_up(new QPushButton(tr("&Up"), this)),
      m_down(new QPushButton(tr("Do&wn"), this)),
      m_removeMember(new QPushButton(tr("Ta&ke out"), this)), m_attempts(new QSpinBox(this)),
      m_wait(new QSpinBox(this)), m_save(new QPushButton(tr("&Save list"), this)),
      m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("escalationListsPage"));
    m_lists->setObjectName(QStringLiteral("escalationLists"));
    m_lists->setAccessibleName(tr("Escalation lists"));
    m_newList->setObjectName(QStringLiteral("newList"));
    m_removeList->setObjectName(QStringLiteral("removeList"));
    m_name->setObjectName(QStringLiteral("listName"));
    m_name->setAccessibleName(tr("List name"));
    m_name->setPlaceholderText(tr("e.g. Database on-call"));
    m_members->setObjectName(QStringLiteral("listMembers"));
    m_members->setAccessibleName(tr("Contacts in the order they are called"));
    m_contactChoice->setObjectName(QStringLiteral("listContactChoice"));
    m_contactChoice->setAccessibleName(tr("Contact to add"));
    m_addMember->setObjectName(QStringLiteral("addMember"));
    m_up->setObjectName(QStringLiteral("memberUp"));
    m_down->setObjectName(QStringLiteral("memberDown"));
    m_removeMember->setObjectName(QStringLiteral("removeMember"));
    m_attempts->setObjectName(QStringLiteral("listAttempts"));
    m_attempts->setAccessibleName(tr("Calls per contact"));
    m_attempts->setRange(1, EscalationList::MaxAttempts);
    m_wait->setObjectName(QStringLiteral("listWait"));
    m_wait->setAccessibleName(tr("Wait between calls, in seconds"));
    m_wait->setRange(EscalationList::MinRetryAfterSeconds, EscalationList::MaxRetryAfterSeconds);
    m_wait->setSuffix(tr(" s"));
    m_wait->setSingleStep(30);
    // A screen reader lands on the box's text field: it carries the box's name.
    for (QSpinBox *box : {m_attempts, m_wait}) {
        if (auto *text = box->findChild<QLineEdit *>())
            text->setAccessibleName(box->accessibleName());
    }
    m_save->setObjectName(QStringLiteral("saveList"));
    m_message->setObjectName(QStringLiteral("listMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto *left = new QVBoxLayout;
    left->addWidget(m_lists, 1);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_newList);
    listButtons->addWidget(m_removeList);
    left->addLayout(listButtons);

    auto *memberButtons = new QVBoxLayout;
    for (QPushButton *button : {m_up, m_down, m_removeMember})
        memberButtons->addWidget(button);
    memberButtons->addStretch();
    auto *membersRow = new QHBoxLayout;
    membersRow->addWidget(m_members, 1);
    membersRow->addLayout(memberButtons);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_contactChoice, 1);
    addRow->addWidget(m_addMember);
    auto *form = new QFormLayout;
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(tr("Calls, in order:"), membersRow);
    form->addRow(tr("Add contac&t:"), addRow);
    form->addRow(tr("Attem&pts per contact:"), m_attempts);
    form->addRow(tr("Wait &between attempts:"), m_wait);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_save);
    auto *right = new QVBoxLayout;
    right->addLayout(form, 1);
    right->addLayout(saveRow);
    right->addWidget(m_message);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 2);
    layout->addLayout(right, 5);

    connect(m_lists, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_stored.size())
            edit(m_stored.at(row), true);
    });
    connect(m_newList, &QPushButton::clicked, this, [this] {
        m_lists->clearSelection();
        m_lists->setCurrentRow(-1);
        edit(EscalationList(), false);
        say(QString(), false);
        m_name->setFocus(Qt::OtherFocusReason);
    });
    connect(m_removeList, &QPushButton::clicked, this, &EscalationListsPage::removeList);
    connect(m_addMember, &QPushButton::clicked, this, [this] {
        if (m_contactChoice->currentIndex() >= 0)
            addMember(m_contactChoice->currentData().toLongLong());
    });
    connect(m_up, &QPushButton::clicked, this, [this] { moveMember(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveMember(1); });
    connect(m_removeMember, &QPushButton::clicked, this, [this] {
        delete m_members->takeItem(m_members->currentRow());
        updateButtons();
    });
    connect(m_members, &QListWidget::currentRowChanged, this, &EscalationListsPage::updateButtons);
    connect(m_name, &QLineEdit::textChanged, this, &EscalationListsPage::updateButtons);
    connect(m_save, &QPushButton::clicked, this, &EscalationListsPage::save);
    connect(m_engine, &EngineClient::contactsChanged, this, &EscalationListsPage::reload);
    connect(m_engine, &EngineClient::engineStarted, this, &EscalationListsPage::reload);

    edit(EscalationList(), false);
    reload();
}

EscalationList EscalationListsPage::edited() const
{
    EscalationList list;
    list.name = m_name->text().trimmed();
    for (int row = 0; row < m_members->count(); ++row)
        list.contactIds << m_members->item(row)->data(ContactIdRole).toLongLong();
    list.attempts = m_attempts->value();
    list.retryAfterSeconds = m_wait->value();
    return list;
}

void EscalationListsPage::reload()
{
    m_engine->contacts(this, [this](const Result<QList<Contact>, StoreError> &contacts) {
        if (!contacts) {
            say(tr("Could not read the contacts: %1").arg(contacts.error().message), true);
            return;
        }
        m_contacts = contacts.value();
        m_contactChoice->clear();
        for (const Contact &contact : std::as_const(m_contacts))
            m_contactChoice->addItem(describe(contact.id), contact.id);
        m_engine->escalationLists(
            this, [this](const Result<QList<EscalationList>, StoreError> &lists) {
                if (!lists) {
                    say(tr("Could not read the escalation lists: %1").arg(lists.error().message),
                        true);
                    return;
                }
                showLists(lists.value());
                Q_EMIT loaded();
            });
    });
}

void EscalationListsPage::showLists(const QList<EscalationList> &lists)
{
    m_stored = lists;
    const QString current = m_storedName;
    const QSignalBlocker blocker(m_lists);
    m_lists->clear();
    int currentRow = -1;
    for (int row = 0; row < lists.size(); ++row) {
        const EscalationList &list = lists.at(row);
        m_lists->addItem(tr("%1 (%2)").arg(list.name).arg(list.contactIds.size()));
        if (list.name == current)
            currentRow = row;
    }
    if (currentRow >= 0) {
        m_lists->setCurrentRow(currentRow);
        edit(lists.at(currentRow), true);
    } else if (!current.isEmpty()) {
        edit(EscalationList(), false); // the list it showed is gone
    } else {
        // A new list being written, or nothing: its members' names may have changed.
        edit(edited(), false);
    }
}

QString EscalationListsPage::describe(qint64 contactId) const
{
    for (const Contact &contact : m_contacts) {
        if (contact.id == contactId)
            return tr("%1 (%2)").arg(contact.name, contact.number);
    }
    return tr("(removed contact)");
}

void EscalationListsPage::edit(const EscalationList &list, bool stored)
{
    m_storedName = stored ? list.name : QString();
    m_name->setText(list.name);
    m_members->clear();
    for (const qint64 id : list.contactIds) {
        auto *item = new QListWidgetItem(describe(id), m_members);
        item->setData(ContactIdRole, id);
    }
    m_attempts->setValue(list.attempts);
    m_wait->setValue(list.retryAfterSeconds);
    updateButtons();
}

void EscalationListsPage::addMember(qint64 contactId)
{
    for (int row = 0; row < m_members->count(); ++row) {
        if (m_members->item(row)->data(ContactIdRole).toLongLong() == contactId) {
            say(tr("%1 is in this list already.").arg(describe(contactId)), true);
            return;
        }
    }
    auto *item = new QListWidgetItem(describe(contactId), m_members);
    item->setData(ContactIdRole, contactId);
    m_members->setCurrentItem(item);
    say(QString(), false);
    updateButtons();
}

void EscalationListsPage::moveMember(int by)
{
    const int row = m_members->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_members->count())
        return;
    QListWidgetItem *item = m_members->takeItem(row);
    m_members->insertItem(to, item);
    m_members->setCurrentRow(to);
}

void EscalationListsPage::save()
{
    const EscalationList list = edited();
    m_engine->saveEscalationList(list, m_storedName, this,
                                 [this, list](const Result<bool, StoreError> &saved) {
                                     if (!saved) {
                                         say(saved.error().message, true);
                                         return;
                                     }
                                     // The reload that contactsChanged() brings selects it under
                                     // its new name.
                                     m_storedName = list.name;
                                     say(tr("\"%1\" saved.").arg(list.name), false);
                                 });
}

void EscalationListsPage::removeList()
{
    if (m_storedName.isEmpty())
        return;
    const QString name = m_storedName;
    if (QMessageBox::question(this, tr("Remove escalation list"),
                              tr("Remove the escalation list \"%1\"? Its contacts stay in the "
                                 "book.")
                                  .arg(name)) != QMessageBox::Yes)
        return;
    m_engine->removeEscalationList(name, this,
                                   [this, name](const Result<bool, StoreError> &removed) {
                                       if (!removed)
                                           say(removed.error().message, true);
                                       else
                                           say(tr("\"%1\" removed.").arg(name), false);
                                   });
}

void EscalationListsPage::updateButtons()
{
    const int row = m_members->currentRow();
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_members->count());
    m_removeMember->setEnabled(row >= 0);
    m_addMember->setEnabled(m_contactChoice->count() > 0 &&
                            m_members->count() <= EscalationList::MaxEscalation);
    m_removeList->setEnabled(!m_storedName.isEmpty());
    m_save->setEnabled(!m_name->text().trimmed().isEmpty() && m_members->count() > 0);
}

void EscalationListsPage::say(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #d93025;") : QString());
    m_message->setVisible(!text.isEmpty());
}

} // namespace flux

// EscalationListsPage: the contact book's named escalation lists: who is called in what order,
// how often each, and the wait between; edited on the left list's selection, saved at once.
#pragma once

#include "calls/Contact.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace flux {

class EngineClient;

class EscalationListsPage : public QWidget
{
    Q_OBJECT
public:
    // `engine` must outlive the page.
    explicit EscalationListsPage(EngineClient *engine, QWidget *parent = nullptr);

    // The list as the editor holds it now (contacts in order).
    EscalationList edited() const;

    QListWidget *lists() const { return m_lists; }
    QLineEdit *nameField() const { return m_name; }
    QListWidget *members() const { return m_members; }
    QComboBox *contactChoice() const { return m_contactChoice; }
    QPushButton *addMemberButton() const { return m_addMember; }
    QPushButton *upButton() const { return m_up; }
    QPushButton *downButton() const { return m_down; }
    QSpinBox *attemptsBox() const { return m_attempts; }
    QSpinBox *waitBox() const { return m_wait; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *newListButton() const { return m_newList; }
    QPushButton *removeListButton() const { return m_removeList; }
    QLabel *messageLabel() const { return m_message; }

Q_SIGNALS:
    // Contacts and lists were read (at opening, and after every change).
    void loaded();

private:
    void reload();
    void showLists(const QList<EscalationList> &lists);
    // Puts `list` in the editor; `stored`: it is saved under its name (not a new one).
    void edit(const EscalationList &list, bool stored);
    void addMember(qint64 contactId);
    void moveMember(int by);
    void save();
    void removeList();
    void updateButtons();
    void say(const QString &text, bool error);
    QString describe(qint64 contactId) const;

    EngineClient *m_engine;
    QListWidget *m_lists;
    QPushButton *m_newList;
    QPushButton *m_removeList;
    QLineEdit *m_name;
    QListWidget *m_members;
    QComboBox *m_contactChoice;
    QPushButton *m_addMember;
    QPushButton *m_up;
    QPushButton *m_down;
    QPushButton *m_removeMember;
    QSpinBox *m_attempts;
    QSpinBox *m_wait;
    QPushButton *m_save;
    QLabel *m_message;
    QList<Contact> m_contacts;
    QList<EscalationList> m_stored;
    QString m_storedName; // the edited list's name in the store; empty for a new one
};

} // namespace flux

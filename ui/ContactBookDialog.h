// ContactBookDialog: the desk's contact book (add, edit, remove, CSV import and export) and, on
// a second tab, its escalation lists; every change goes through the engine's store at once.
#pragma once

#include "calls/Contact.h"

#include <QDialog>
#include <QList>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace flux {

class ContactEditDialog;
class EngineClient;
class EscalationListsPage;

class ContactBookDialog : public QDialog
{
    Q_OBJECT
public:
    // `engine` must outlive the dialog.
    explicit ContactBookDialog(EngineClient *engine, QWidget *parent = nullptr);

    // What the buttons do after their file dialog: read or write `path`, and say how it went.
    void importFile(const QString &path);
    void exportFile(const QString &path);

    QTableWidget *table() const { return m_table; }
    QTabWidget *tabs() const { return m_tabs; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *removeButton() const { return m_remove; }
    QLabel *messageLabel() const { return m_message; }
    EscalationListsPage *listsPage() const { return m_lists; }
    // The editor opened by Add or Edit, while it is open.
    ContactEditDialog *editor() const;

Q_SIGNALS:
    // The contacts were read (at opening, and after every change).
    void contactsLoaded(int count);

private:
    void reload();
    void showContacts(const QList<Contact> &contacts);
    void openEditor(const Contact &contact);
    void removeSelected();
    void updateButtons();
    void say(const QString &text, bool error);
    // The contact on the table's current row, if any.
    const Contact *selected() const;

    EngineClient *m_engine;
    QTabWidget *m_tabs;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_import;
    QPushButton *m_export;
    QLabel *m_message;
    EscalationListsPage *m_lists;
    QPointer<ContactEditDialog> m_editor; // deletes itself on close
    QList<Contact> m_contacts;
};

} // namespace flux

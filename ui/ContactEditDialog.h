// ContactEditDialog: one contact's name, number, spoken language and note, checked as the store
// checks them before OK is offered; OK hands them to whoever saves them, who closes it.
#pragma once

#include "calls/Contact.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace flux {

class ContactEditDialog : public QDialog
{
    Q_OBJECT
public:
    // Edits `contact` (a new one when its id is 0).
    explicit ContactEditDialog(const Contact &contact, QWidget *parent = nullptr);

    // The contact as entered, with the id it came with.
    Contact contact() const;
    bool isValid() const;
    // What the store said when saving failed; the dialog stays open to fix it.
    void showError(const QString &message);

    QLineEdit *nameField() const { return m_name; }
    QLineEdit *numberField() const { return m_number; }
    QComboBox *languageBox() const { return m_language; }
    QLineEdit *noteField() const { return m_note; }
    QDialogButtonBox *buttons() const { return m_buttons; }

Q_SIGNALS:
    // OK with valid fields: save it, then accept() the dialog, or showError().
    void submitted(const flux::Contact &contact);

private:
    void revalidate();

    qint64 m_id;
    QLineEdit *m_name;
    QLineEdit *m_number;
    QComboBox *m_language;
    QLineEdit *m_note;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace flux

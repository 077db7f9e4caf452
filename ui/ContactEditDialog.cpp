#include "ContactEditDialog.h"

#include "calls/PhoneNumber.h"
#include "twilio/VoicePrompts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace flux {

ContactEditDialog::ContactEditDialog(const Contact &contact, QWidget *parent)
    : QDialog(parent), m_id(contact.id), m_name(new QLineEdit(contact.name, this)),
      m_number(new QLineEdit(contact.number, this)), m_language(new QComboBox(this)),
      m_note(new QLineEdit(contact.note, this)), m_hint(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(contact.id == 0 ? tr("New contact") : tr("Edit contact"));
    setObjectName(QStringLiteral("contactEditDialog"));
    m_name->setObjectName(QStringLiteral("contactName"));
    m_name->setAccessibleName(tr("Name"));
    m_name->setPlaceholderText(tr("e.g. Alice Example"));
    m_number->setObjectName(QStringLiteral("contactNumber"));
    m_number->setAccessibleName(tr("Phone number"));
    m_number->setPlaceholderText(QStringLiteral("+14155551234"));
    m_language->setObjectName(QStringLiteral("contactLanguage"));
    m_language->setAccessibleName(tr("Language of the call"));
    m_language->addItem(tr("The desk's language"), QString());
    for (const VoicePrompts::Language &language : VoicePrompts::languages())
        m_language->addItem(QLocale(language.code).nativeLanguageName(), language.code);
    const int current = m_language->findData(contact.language);
    m_language->setCurrentIndex(current < 0 ? 0 : current);
    m_note->setObjectName(QStringLiteral("contactNote"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(tr("optional, e.g. database on-call, weekdays"));
    m_hint->setObjectName(QStringLiteral("contactHint"));
    m_hint->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Phone number:"), m_number);
    form->addRow(QString(), m_hint);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("N&ote:"), m_note);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isValid())
            Q_EMIT submitted(this->contact());
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &ContactEditDialog::revalidate);
    connect(m_number, &QLineEdit::textChanged, this, &ContactEditDialog::revalidate);
    revalidate();
    resize(420, sizeHint().height());
}

Contact ContactEditDialog::contact() const
{
    Contact contact;
    contact.id = m_id;
    contact.name = m_name->text().trimmed();
    contact.number = m_number->text().trimmed();
    contact.language = m_language->currentData().toString();
    contact.note = m_note->text().trimmed();
    return contact;
}

bool ContactEditDialog::isValid() const
{
    return !m_name->text().trimmed().isEmpty() && PhoneNumber::isE164(m_number->text().trimmed());
}

void ContactEditDialog::showError(const QString &message)
{
    m_hint->setText(message);
    m_hint->setStyleSheet(QStringLiteral("color: #d93025;"));
}

void ContactEditDialog::revalidate()
{
    const QString number = m_number->text().trimmed();
    if (m_name->text().trimmed().isEmpty()) {
        m_hint->setText(tr("A contact needs a name"));
        m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    } else if (number.isEmpty()) {
        m_hint->setText(tr("Include + and the country code, e.g. +14155551234"));
        m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    } else if (!PhoneNumber::isE164(number)) {
        m_hint->setText(tr("Not a full international number yet: start with + and the country "
                           "code, then the number without spaces, e.g. +14155551234"));
        m_hint->setStyleSheet(QStringLiteral("color: #d93025;"));
    } else {
        m_hint->setText(tr("Looks right"));
        m_hint->setStyleSheet(QStringLiteral("color: #1e8e3e;"));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(isValid());
}

} // namespace flux

#include "NewCallForm.h"

#include "calls/CallRequest.h"
#include "calls/PhoneNumber.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace flux {

NewCallForm::NewCallForm(QWidget *parent)
    : QWidget(parent), m_number(new QLineEdit(this)), m_title(new QLineEdit(this)),
      m_taskId(new QLineEdit(this)), m_call(new QPushButton(tr("&Call"), this)),
      m_hint(new QLabel(this)), m_error(new QLabel(this))
{
    m_number->setPlaceholderText(QStringLiteral("+14155551234"));
    m_number->setAccessibleName(tr("Phone number"));
    m_number->setAccessibleDescription(tr("The number to call, in E.164 format"));
    m_number->setObjectName(QStringLiteral("phoneNumber"));
    m_title->setPlaceholderText(tr("What must they know? e.g. Database is down"));
    m_title->setAccessibleName(tr("Task title"));
    m_title->setObjectName(QStringLiteral("taskTitle"));
    m_title->setMaxLength(CallRequest::maxTitleLength());
    m_taskId->setPlaceholderText(tr("optional, e.g. INC-42"));
    m_taskId->setAccessibleName(tr("Task id"));
    m_taskId->setObjectName(QStringLiteral("taskId"));
    m_taskId->setMaxLength(CallRequest::MaxTaskIdLength);
    m_call->setObjectName(QStringLiteral("callButton"));
    m_call->setAccessibleName(tr("Call"));
    m_call->setToolTip(tr("Ring the number and read the task out (Enter or Ctrl+Return)"));
    m_call->setDefault(true);
    m_call->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_hint->setObjectName(QStringLiteral("phoneHint"));
    m_hint->setWordWrap(true);
    m_hint->setAccessibleName(tr("Phone number hint"));
    m_error->setObjectName(QStringLiteral("callError"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Call error"));
    m_error->setStyleSheet(QStringLiteral("color: #d93025;"));
    m_error->hide();

    auto *heading = new QLabel(tr("<b>New call</b>"), this);
    auto *form = new QFormLayout;
    form->addRow(tr("Phone &number:"), m_number);
    form->addRow(QString(), m_hint);
    form->addRow(tr("&Task:"), m_title);
    form->addRow(tr("Task &id:"), m_taskId);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_call);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_error);

    setTabOrder(m_number, m_title);
    setTabOrder(m_title, m_taskId);
    setTabOrder(m_taskId, m_call);

    for (QLineEdit *field : {m_number, m_title, m_taskId}) {
        connect(field, &QLineEdit::textChanged, this, &NewCallForm::revalidate);
        connect(field, &QLineEdit::returnPressed, this, &NewCallForm::submit);
    }
    connect(m_call, &QPushButton::clicked, this, &NewCallForm::submit);
    revalidate();
}

bool NewCallForm::isValid() const
{
    return PhoneNumber::isE164(m_number->text().trimmed()) && !m_title->text().trimmed().isEmpty();
}

CallRequest NewCallForm::request() const
{
    return {m_number->text().trimmed(), m_title->text().trimmed(), m_taskId->text().trimmed()};
}

void NewCallForm::revalidate()
{
    const QString number = m_number->text().trimmed();
    const bool numberOk = PhoneNumber::isE164(number);
    if (number.isEmpty()) {
        m_hint->setText(tr("Include + and the country code, e.g. +14155551234"));
        m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    } else if (!numberOk) {
        m_hint->setText(tr("Not a full international number yet: start with + and the country "
                           "code, then the number without spaces, e.g. +14155551234"));
        m_hint->setStyleSheet(QStringLiteral("color: #d93025;"));
    } else {
        m_hint->setText(tr("Looks right"));
        m_hint->setStyleSheet(QStringLiteral("color: #1e8e3e;"));
    }
    m_call->setEnabled(isValid() && !m_busy);
}

void NewCallForm::submit()
{
    if (!isValid() || m_busy)
        return;
    m_error->hide();
    Q_EMIT callRequested(request());
}

void NewCallForm::clear()
{
    m_number->clear();
    m_title->clear();
    m_taskId->clear();
    m_error->hide();
    focusNumber();
}

void NewCallForm::setBusy(bool busy)
{
    m_busy = busy;
    m_call->setText(busy ? tr("Calling…") : tr("&Call"));
    revalidate();
}

void NewCallForm::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

void NewCallForm::focusNumber()
{
    m_number->setFocus(Qt::OtherFocusReason);
}

} // namespace flux

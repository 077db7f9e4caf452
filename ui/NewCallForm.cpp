#include "NewCallForm.h"

#include "ContactCompleter.h"

#include "calls/CallRequest.h"
#include "calls/PhoneNumber.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace flux {

namespace {

// The "Then call" choice that is not a list: the people typed beside it.
const QString PeopleChoice = QStringLiteral("\x1fpeople");

const Contact *contactNamed(const QList<Contact> &contacts, const QString &name, int *matches)
{
    const Contact *found = nullptr;
    *matches = 0;
    for (const Contact &contact : contacts) {
        if (contact.name.compare(name, Qt::CaseInsensitive) == 0) {
            found = &contact;
            ++*matches;
        }
    }
    return found;
}

} // namespace

NewCallForm::NewCallForm(QWidget *parent)
    : QWidget(parent), m_number(new QLineEdit(this)), m_title(new QLineEdit(this)),
      m_taskId(new QLineEdit(this)), m_thenCall(new QComboBox(this)), m_people(new QLineEdit(this)),
      m_attempts(new QSpinBox(this)), m_wait(new QSpinBox(this)),
      m_call(new QPushButton(tr("&Call"), this)), m_hint(new QLabel(this)),
      m_peopleHint(new QLabel(this)), m_error(new QLabel(this)),
      m_numberCompleter(new ContactCompleter(ContactCompleter::Field::Number, this)),
      m_peopleCompleter(new ContactCompleter(ContactCompleter::Field::People, this))
{
    m_number->setPlaceholderText(QStringLiteral("+14155551234"));
    m_number->setAccessibleName(tr("Phone number"));
    m_number->setAccessibleDescription(
        tr("The number to call, in E.164 format; a contact's name completes to their number"));
    m_number->setObjectName(QStringLiteral("phoneNumber"));
    m_number->setCompleter(m_numberCompleter);
    m_title->setPlaceholderText(tr("What must they know? e.g. Database is down"));
    m_title->setAccessibleName(tr("Task title"));
    m_title->setObjectName(QStringLiteral("taskTitle"));
    m_title->setMaxLength(CallRequest::maxTitleLength());
    m_taskId->setPlaceholderText(tr("optional, e.g. INC-42"));
    m_taskId->setAccessibleName(tr("Task id"));
    m_taskId->setObjectName(QStringLiteral("taskId"));
    m_taskId->setMaxLength(CallRequest::MaxTaskIdLength);
    m_thenCall->setObjectName(QStringLiteral("thenCall"));
    m_thenCall->setAccessibleName(tr("Then call"));
    m_thenCall->setToolTip(tr("Who is called next when the call ends without a 1"));
    m_people->setObjectName(QStringLiteral("thenCallPeople"));
    m_people->setAccessibleName(tr("People to call next"));
    m_people->setPlaceholderText(tr("names or numbers, in order, e.g. Bob, +4930123456"));
    m_people->setCompleter(m_peopleCompleter);
    m_attempts->setObjectName(QStringLiteral("attempts"));
    m_attempts->setAccessibleName(tr("Calls per number"));
    m_attempts->setRange(1, EscalationList::MaxAttempts);
    m_wait->setObjectName(QStringLiteral("retryAfter"));
    m_wait->setAccessibleName(tr("Wait between calls, in seconds"));
    m_wait->setRange(EscalationList::MinRetryAfterSeconds, EscalationList::MaxRetryAfterSeconds);
    m_wait->setSingleStep(30);
    m_wait->setSuffix(tr(" s"));
    // A screen reader lands on the box's text field: it carries the box's name.
    for (QSpinBox *box : {m_attempts, m_wait}) {
        if (auto *text = box->findChild<QLineEdit *>())
            text->setAccessibleName(box->accessibleName());
    }
    m_call->setObjectName(QStringLiteral("callButton"));
    m_call->setAccessibleName(tr("Call"));
    m_call->setToolTip(tr("Ring the number and read the task out (Enter or Ctrl+Return)"));
    m_call->setDefault(true);
    m_call->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_hint->setObjectName(QStringLiteral("phoneHint"));
    m_hint->setWordWrap(true);
    m_hint->setAccessibleName(tr("Phone number hint"));
    m_peopleHint->setObjectName(QStringLiteral("thenCallHint"));
    m_peopleHint->setWordWrap(true);
    m_peopleHint->setStyleSheet(QStringLiteral("color: #d93025;"));
    m_peopleHint->hide();
    m_error->setObjectName(QStringLiteral("callError"));
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Call error"));
    m_error->setStyleSheet(QStringLiteral("color: #d93025;"));
    m_error->hide();

    auto *heading = new QLabel(tr("<b>New call</b>"), this);
    auto *thenCall = new QHBoxLayout;
    thenCall->addWidget(m_thenCall);
    thenCall->addWidget(m_people, 1);
    auto *repeat = new QHBoxLayout;
    repeat->addWidget(m_attempts);
    auto *every = new QLabel(tr("&every"), this);
    every->setBuddy(m_wait);
    repeat->addWidget(every);
    repeat->addWidget(m_wait);
    repeat->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("Phone &number:"), m_number);
    form->addRow(QString(), m_hint);
    form->addRow(tr("&Task:"), m_title);
    form->addRow(tr("Task &id:"), m_taskId);
    // A row whose field is a layout gets no buddy from QFormLayout, and a label without one
    // shows its "&" as it is: the labels name the widget their key goes to.
    auto *thenCallLabel = new QLabel(tr("T&hen call:"), this);
    thenCallLabel->setBuddy(m_thenCall);
    auto *attemptsLabel = new QLabel(tr("Call&s per number:"), this);
    attemptsLabel->setBuddy(m_attempts);
    form->addRow(thenCallLabel, thenCall);
    form->addRow(QString(), m_peopleHint);
    form->addRow(attemptsLabel, repeat);
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
    setTabOrder(m_taskId, m_thenCall);
    setTabOrder(m_thenCall, m_people);
    setTabOrder(m_people, m_attempts);
    setTabOrder(m_attempts, m_wait);
    setTabOrder(m_wait, m_call);

    for (QLineEdit *field : {m_number, m_title, m_taskId, m_people}) {
        connect(field, &QLineEdit::textChanged, this, &NewCallForm::revalidate);
        connect(field, &QLineEdit::returnPressed, this, &NewCallForm::submit);
    }
    connect(m_thenCall, &QComboBox::currentIndexChanged, this, &NewCallForm::thenCallChosen);
    connect(m_call, &QPushButton::clicked, this, &NewCallForm::submit);
    setContactBook({}, {});
    clear();
    revalidate();
}

void NewCallForm::setDefaults(int attempts, int retryAfterSeconds)
{
    m_defaultAttempts = attempts;
    m_defaultRetryAfterSeconds = retryAfterSeconds;
    const bool untouched =
        m_number->text().isEmpty() && m_title->text().isEmpty() && thenCall() == ThenCall::NoOne;
    if (untouched) {
        m_attempts->setValue(attempts);
        m_wait->setValue(retryAfterSeconds);
    }
}

void NewCallForm::setContactBook(const QList<Contact> &contacts, const QList<EscalationList> &lists)
{
    m_contacts = contacts;
    m_lists = lists;
    m_numberCompleter->setContacts(contacts);
    m_peopleCompleter->setContacts(contacts);

    const QString chosen = m_thenCall->currentData().toString();
    const QSignalBlocker blocker(m_thenCall);
    m_thenCall->clear();
    m_thenCall->addItem(tr("No one else"), QString());
    for (const EscalationList &list : lists)
        m_thenCall->addItem(tr("List: %1").arg(list.name), list.name);
    m_thenCall->addItem(tr("These people:"), PeopleChoice);
    const int index = m_thenCall->findData(chosen);
    m_thenCall->setCurrentIndex(index < 0 ? 0 : index);
    m_people->setEnabled(thenCall() == ThenCall::People);
    revalidate();
}

NewCallForm::ThenCall NewCallForm::thenCall() const
{
    const QString chosen = m_thenCall->currentData().toString();
    if (chosen.isEmpty())
        return ThenCall::NoOne;
    return chosen == PeopleChoice ? ThenCall::People : ThenCall::List;
}

void NewCallForm::thenCallChosen()
{
    const ThenCall choice = thenCall();
    m_people->setEnabled(choice == ThenCall::People);
    if (choice == ThenCall::List) {
        // A list brings its own pace; it can still be changed for this call.
        const QString name = m_thenCall->currentData().toString();
        for (const EscalationList &list : std::as_const(m_lists)) {
            if (list.name == name) {
                m_attempts->setValue(list.attempts);
                m_wait->setValue(list.retryAfterSeconds);
            }
        }
    } else if (choice == ThenCall::People) {
        m_people->setFocus(Qt::OtherFocusReason);
    }
    revalidate();
}

std::optional<QStringList> NewCallForm::peopleNumbers(QString *problem) const
{
    QStringList numbers;
    const QStringList entries = m_people->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        const QString text = entry.trimmed();
        if (text.isEmpty())
            continue;
        if (PhoneNumber::isE164(text)) {
            numbers << text;
            continue;
        }
        int matches = 0;
        const Contact *contact = contactNamed(m_contacts, text, &matches);
        if (matches == 1) {
            numbers << contact->number;
            continue;
        }
        if (problem) {
            *problem = matches > 1
                           ? tr("More than one contact is called \"%1\": type the number instead")
                                 .arg(text)
                           : tr("\"%1\" is neither a contact nor a number with + and the country "
                                "code")
                                 .arg(text);
        }
        return std::nullopt;
    }
    if (numbers.isEmpty()) {
        if (problem)
            *problem = tr("Name who to call next, or choose \"No one else\"");
        return std::nullopt;
    }
    if (numbers.size() > EscalationList::MaxEscalation) {
        if (problem)
            *problem = tr("At most %1 people can be called after the first")
                           .arg(EscalationList::MaxEscalation);
        return std::nullopt;
    }
    return numbers;
}

bool NewCallForm::isValid() const
{
    return PhoneNumber::isE164(m_number->text().trimmed()) &&
           !m_title->text().trimmed().isEmpty() &&
           (thenCall() != ThenCall::People || peopleNumbers().has_value());
}

CallRequest NewCallForm::request() const
{
    return {m_number->text().trimmed(), m_title->text().trimmed(), m_taskId->text().trimmed()};
}

NotificationRequest NewCallForm::notificationRequest() const
{
    NotificationRequest notification;
    notification.call = request();
    notification.attempts = m_attempts->value();
    notification.retryAfterSeconds = m_wait->value();
    switch (thenCall()) {
    case ThenCall::NoOne:
        break;
    case ThenCall::List:
        notification.listName = m_thenCall->currentData().toString();
        break;
    case ThenCall::People:
        notification.escalation = peopleNumbers().value_or(QStringList());
        break;
    }
    return notification;
}

void NewCallForm::revalidate()
{
    const QString number = m_number->text().trimmed();
    const bool numberOk = PhoneNumber::isE164(number);
    if (number.isEmpty()) {
        m_hint->setText(tr("Include + and the country code, e.g. +14155551234, or type a "
                           "contact's name"));
        m_hint->setStyleSheet(QStringLiteral("color: palette(mid);"));
    } else if (!numberOk) {
        m_hint->setText(tr("Not a full international number yet: start with + and the country "
                           "code, then the number without spaces, e.g. +14155551234"));
        m_hint->setStyleSheet(QStringLiteral("color: #d93025;"));
    } else {
        const auto contact =
            std::find_if(m_contacts.cbegin(), m_contacts.cend(),
                         [&](const Contact &candidate) { return candidate.number == number; });
        m_hint->setText(contact == m_contacts.cend() ? tr("Looks right")
                                                     : tr("Looks right: %1").arg(contact->name));
        m_hint->setStyleSheet(QStringLiteral("color: #1e8e3e;"));
    }
    QString problem;
    if (thenCall() == ThenCall::People && !peopleNumbers(&problem)) {
        m_peopleHint->setText(problem);
        m_peopleHint->show();
    } else {
        m_peopleHint->hide();
    }
    m_call->setEnabled(isValid() && !m_busy);
}

void NewCallForm::submit()
{
    if (!isValid() || m_busy)
        return;
    m_error->hide();
    Q_EMIT callRequested(notificationRequest());
}

void NewCallForm::clear()
{
    m_number->clear();
    m_title->clear();
    m_taskId->clear();
    m_people->clear();
    m_thenCall->setCurrentIndex(0);
    m_attempts->setValue(m_defaultAttempts);
    m_wait->setValue(m_defaultRetryAfterSeconds);
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

#include "CallDetailPane.h"

#include "CallBadge.h"
#include "CallTreeModel.h"
#include "CallWords.h"
#include "NotificationDetailView.h"

#include "twilio/VoicePrompts.h"

#include <QApplication>
#include <QClipboard>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flux {

namespace {

QString describe(const CallEvent &event)
{
    switch (event.kind) {
    case CallEvent::Kind::Created:
        if (!event.detail.isEmpty())
            return QCoreApplication::translate(
                       "CallDetailPane",
                       "Added from Twilio's webhook: this desk did not place the call (%1)")
                .arg(CallWords::status(event.status));
        return QCoreApplication::translate("CallDetailPane", "Call requested from Twilio (%1)")
            .arg(CallWords::status(event.status));
    case CallEvent::Kind::Gather:
        if (event.status == CallOutcome::Acknowledged)
            return QCoreApplication::translate("CallDetailPane", "Pressed %1: task acknowledged")
                .arg(event.digits);
        if (event.status == CallOutcome::Pending) {
            if (event.digits == QLatin1String("*"))
                return QCoreApplication::translate("CallDetailPane",
                                                   "Pressed *: message read again");
            return event.digits.isEmpty()
                       ? QCoreApplication::translate("CallDetailPane",
                                                     "No key pressed: message read again")
                       : QCoreApplication::translate(
                             "CallDetailPane",
                             "Pressed %1: told how to acknowledge, message read again")
                             .arg(event.digits);
        }
        return event.digits.isEmpty()
                   ? QCoreApplication::translate("CallDetailPane",
                                                 "No key pressed: not acknowledged")
                   : QCoreApplication::translate("CallDetailPane", "Pressed %1: not acknowledged")
                         .arg(event.digits);
    case CallEvent::Kind::Answered:
        return QCoreApplication::translate("CallDetailPane", "Answered by %1 (%2)")
            .arg(CallWords::answeredBy(event.answeredBy), event.answeredBy);
    case CallEvent::Kind::Status:
        break;
    }
    QString text = CallWords::status(event.status);
    if (!event.answeredBy.isEmpty())
        text +=
            QStringLiteral(" · ") + QCoreApplication::translate("CallDetailPane", "answered by %1")
                                        .arg(CallWords::answeredBy(event.answeredBy));
    if (event.durationSeconds >= 0)
        text += QStringLiteral(" · ") + CallTreeModel::formatDuration(event.durationSeconds);
    if (!event.detail.isEmpty())
        text += QStringLiteral(" · ") + event.detail;
    return text;
}

} // namespace

CallDetailPane::CallDetailPane(QWidget *parent)
    : QWidget(parent), m_heading(new QLabel(this)), m_badge(new QLabel(this)),
      m_sid(new QLineEdit(this)), m_copySid(new QToolButton(this)), m_spoken(new QLabel(this)),
      m_digits(new QLabel(this)), m_error(new QLabel(this)), m_timeline(new QTreeWidget(this)),
      m_hangUp(new QPushButton(tr("&Hang up"), this)),
      m_callAgain(new QPushButton(tr("Call &again"), this)), m_body(new QWidget(this)),
      m_notification(new NotificationDetailView(this)),
      m_empty(new QLabel(tr("Select a call to see its timeline."), this))
{
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_heading->setAccessibleName(tr("Call"));
    m_badge->setObjectName(QStringLiteral("detailBadge"));
    m_badge->setAccessibleName(tr("Call status"));
    m_sid->setReadOnly(true);
    m_sid->setObjectName(QStringLiteral("callSid"));
    m_sid->setAccessibleName(tr("Twilio call sid"));
    m_copySid->setText(tr("Copy"));
    m_copySid->setAccessibleName(tr("Copy the call sid"));
    m_spoken->setWordWrap(true);
    m_spoken->setObjectName(QStringLiteral("spoken"));
    m_spoken->setAccessibleName(tr("What the callee heard"));
    m_spoken->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_digits->setAccessibleName(tr("Keys pressed"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a50e0e;"));
    m_error->setAccessibleName(tr("Error"));
    m_timeline->setObjectName(QStringLiteral("timeline"));
    m_timeline->setAccessibleName(tr("Call timeline"));
    m_timeline->setHeaderLabels({tr("Time"), tr("Event")});
    m_timeline->setRootIsDecorated(false);
    m_timeline->header()->setAccessibleName(tr("Timeline columns"));
    m_timeline->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_hangUp->setObjectName(QStringLiteral("hangUpButton"));
    m_hangUp->setAccessibleName(tr("Hang up"));
    // Ctrl+Shift+H belongs to the virtual phone (the callee hanging up); this is the desk's.
    m_hangUp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_hangUp->setToolTip(tr("End or cancel this call (Ctrl+H)"));
    m_callAgain->setObjectName(QStringLiteral("callAgainButton"));
    m_callAgain->setAccessibleName(tr("Call again"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);

    auto *sidRow = new QHBoxLayout;
    sidRow->addWidget(m_sid);
    sidRow->addWidget(m_copySid);
    auto *facts = new QFormLayout;
    facts->addRow(tr("Status:"), m_badge);
    facts->addRow(tr("Twilio sid:"), sidRow);
    facts->addRow(tr("They heard:"), m_spoken);
    facts->addRow(tr("Keys:"), m_digits);
    facts->addRow(QString(), m_error);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_hangUp);
    buttons->addWidget(m_callAgain);
    buttons->addStretch();
    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addWidget(m_heading);
    bodyLayout->addLayout(facts);
    bodyLayout->addWidget(m_timeline, 1);
    bodyLayout->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_body);
    layout->addWidget(m_notification);

    connect(m_copySid, &QToolButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_call.sid); });
    connect(m_hangUp, &QPushButton::clicked, this, [this] { Q_EMIT hangUpRequested(m_call.sid); });
    connect(m_callAgain, &QPushButton::clicked, this,
            [this] { Q_EMIT callAgainRequested(m_call); });
    connect(m_notification, &NotificationDetailView::cancelRequested, this,
            &CallDetailPane::cancelEscalationRequested);
    clearCall();
}

void CallDetailPane::clearCall()
{
    m_call = {};
    m_body->hide();
    m_notification->hide();
    m_notification->showNotification({});
    m_empty->show();
}

void CallDetailPane::showNotification(const Notification &notification)
{
    m_call = {};
    m_empty->hide();
    m_body->hide();
    m_notification->showNotification(notification);
    m_notification->show();
}

QString CallDetailPane::notificationId() const
{
    return m_notification->notificationId(); // emptied whenever a call or nothing is shown
}

void CallDetailPane::showCancelError(const QString &message)
{
    m_notification->showCancelError(message);
}

void CallDetailPane::showCall(const CallRecord &call, const QList<CallEvent> &events)
{
    m_call = call;
    m_empty->hide();
    m_notification->hide();
    m_notification->showNotification({});
    m_body->show();
    m_heading->setText(
        QStringLiteral("<h3>%1</h3>%2%3")
            .arg(call.to.toHtmlEscaped(), call.taskTitle.toHtmlEscaped(),
                 call.taskId.isEmpty()
                     ? QString()
                     : QStringLiteral(" <i>(%1)</i>").arg(call.taskId.toHtmlEscaped())));
    const CallBadge badge = CallBadge::of(call);
    m_badge->setText(QStringLiteral("<span style=\"background:%1;color:white;padding:2px 8px;"
                                    "border-radius:8px;\">&nbsp;%2&nbsp;</span>")
                         .arg(badge.color.name(), badge.text.toHtmlEscaped()));
    m_badge->setAccessibleDescription(badge.text);
    m_sid->setText(call.sid);

    // What the callee heard follows from the call: the prompt once answered, then the answer.
    const bool unanswered =
        call.reason == CallReason::Busy || call.reason == CallReason::NoAnswer ||
        call.reason == CallReason::Failed || call.reason == CallReason::Canceled;
    const bool answered = !unanswered && (call.outcome != CallOutcome::Pending ||
                                          call.status == CallStatus::InProgress ||
                                          call.status == CallStatus::Completed);
    const VoicePrompts::Language &spoken = VoicePrompts::language(m_spokenLanguage);
    QStringList heard;
    if (call.reason == CallReason::Voicemail && AnsweredBy::isMachine(call.answeredBy) &&
        call.answeredBy != AnsweredBy::MachineStart) {
        heard << spoken.voicemail.arg(call.taskTitle); // left after the beep
    } else if (answered && call.reason != CallReason::Fax && call.reason != CallReason::Voicemail) {
        heard << VoicePrompts::taskSentence(call.taskTitle, m_spokenLanguage);
        if (call.outcome == CallOutcome::Acknowledged)
            heard << spoken.acknowledged;
        else if (call.outcome == CallOutcome::NotAcknowledged)
            heard << spoken.notAcknowledged;
    }
    m_spoken->setText(heard.isEmpty() ? tr("Nothing yet") : heard.join(QLatin1Char('\n')));
    m_digits->setText(call.digits.isEmpty() ? tr("none") : call.digits);
    m_error->setText(call.errorMessage);
    m_error->setVisible(!call.errorMessage.isEmpty());

    m_timeline->clear();
    for (const CallEvent &event : events) {
        auto *item = new QTreeWidgetItem(m_timeline);
        item->setText(0, event.receivedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")));
        item->setText(1, describe(event));
        item->setToolTip(1, event.timestamp);
    }
    m_hangUp->setEnabled(!badge.isFinal() && !CallStatus::isFinal(call.status));
}

} // namespace flux

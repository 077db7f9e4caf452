#include "NotificationDetailView.h"

#include "CallBadge.h"
#include "CallWords.h"
#include "NotificationWords.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace flux {

namespace {

QString badgeHtml(const QColor &color, const QString &text)
{
    return QStringLiteral("<span style=\"background:%1;color:white;padding:2px 8px;"
                          "border-radius:8px;\">&nbsp;%2&nbsp;</span>")
        .arg(color.name(), text.toHtmlEscaped());
}

} // namespace

NotificationDetailView::NotificationDetailView(QWidget *parent)
    : QWidget(parent), m_heading(new QLabel(this)), m_badge(new QLabel(this)),
      m_plan(new QLabel(this)), m_progress(new QLabel(this)), m_error(new QLabel(this)),
      m_attempts(new QTreeWidget(this)), m_cancel(new QPushButton(tr("Cancel &escalation"), this)),
      m_tick(new QTimer(this)), m_deliveriesHeading(new QLabel(tr("Outcome webhook:"), this)),
      m_deliveries(new QTreeWidget(this)),
      m_deliverAgain(new QPushButton(tr("&Deliver again"), this))
{
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_heading->setAccessibleName(tr("Notification"));
    m_badge->setObjectName(QStringLiteral("notificationBadge"));
    m_badge->setAccessibleName(tr("Notification state"));
    m_plan->setWordWrap(true);
    m_plan->setObjectName(QStringLiteral("escalationPlan"));
    m_plan->setAccessibleName(tr("Who is called, in order"));
    m_progress->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("notificationProgress"));
    m_progress->setAccessibleName(tr("Next call"));
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("cancelError"));
    m_error->setStyleSheet(QStringLiteral("color: #a50e0e;"));
    m_error->setAccessibleName(tr("Error"));
    m_error->hide();
    m_attempts->setObjectName(QStringLiteral("attempts"));
    m_attempts->setAccessibleName(tr("Attempts"));
    m_attempts->setHeaderLabels({tr("#"), tr("Number"), tr("Status"), tr("Why"), tr("Placed")});
    m_attempts->setRootIsDecorated(false);
    m_attempts->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_cancel->setObjectName(QStringLiteral("cancelEscalationButton"));
    m_cancel->setAccessibleName(tr("Cancel escalation"));
    m_cancel->setToolTip(tr("Call nobody else about this task, and hang up a call in progress"));

    m_deliveries->setObjectName(QStringLiteral("deliveries"));
    m_deliveries->setAccessibleName(tr("Outcome webhook deliveries"));
    m_deliveries->setHeaderLabels({tr("Receiver"), tr("State"), tr("Last try"), tr("Tries")});
    m_deliveries->setRootIsDecorated(false);
    m_deliveries->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_deliverAgain->setObjectName(QStringLiteral("deliverAgainButton"));
    m_deliverAgain->setAccessibleName(tr("Deliver again"));
    m_deliverAgain->setToolTip(tr("Send the outcome to every receiver once more, with the same "
                                  "event id"));

    auto *facts = new QFormLayout;
    facts->addRow(tr("State:"), m_badge);
    facts->addRow(tr("Calls:"), m_plan);
    facts->addRow(QString(), m_progress);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_deliverAgain);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addLayout(facts);
    layout->addWidget(m_attempts, 1);
    layout->addWidget(m_deliveriesHeading);
    layout->addWidget(m_deliveries);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    // Twice a second, so the countdown never skips a second it shows.
    m_tick->setInterval(500);
    connect(m_tick, &QTimer::timeout, this, &NotificationDetailView::updateProgress);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false); // until the engine answers
        m_error->hide();
        Q_EMIT cancelRequested(m_notification.id);
    });
    connect(m_deliverAgain, &QPushButton::clicked, this, [this] {
        m_deliverAgain->setEnabled(false); // until the engine answers
        m_error->hide();
        Q_EMIT deliverAgainRequested(m_notification.id);
    });
    showDeliveries({});
}

void NotificationDetailView::showNotification(const Notification &notification)
{
    const bool another = notification.id != m_notification.id;
    m_notification = notification;
    m_heading->setText(
        QStringLiteral("<h3>%1</h3>%2")
            .arg(notification.taskTitle.toHtmlEscaped(),
                 notification.taskId.isEmpty()
                     ? QString()
                     : QStringLiteral("<i>(%1)</i>").arg(notification.taskId.toHtmlEscaped())));
    const QString state = NotificationWords::state(notification);
    m_badge->setText(badgeHtml(NotificationWords::stateColor(notification), state));
    m_badge->setAccessibleDescription(state);
    QStringList people;
    for (const QString &number : notification.numbers)
        people.append(NotificationWords::person(number, m_names));
    const QString numbers = people.join(tr(", then "));
    const QString wait = NotificationWords::countdown(notification.retryAfterSeconds * 1000LL);
    m_plan->setText(notification.attemptsPerNumber == 1 ? tr("%1; %2 apart").arg(numbers, wait)
                                                        : tr("%1; %2 attempts each, %3 apart")
                                                              .arg(numbers)
                                                              .arg(notification.attemptsPerNumber)
                                                              .arg(wait));

    m_attempts->clear();
    for (const NotificationAttempt &attempt : notification.attempts) {
        auto *item = new QTreeWidgetItem(m_attempts);
        item->setText(Attempt, QString::number(attempt.index + 1));
        item->setText(Number, NotificationWords::person(attempt.number, m_names));
        if (!attempt.error.isEmpty()) {
            item->setText(Status, tr("not placed"));
            item->setText(Why, attempt.error);
        } else if (attempt.callSid.isEmpty()) {
            item->setText(Status, tr("placing"));
        } else {
            const CallBadge badge = CallBadge::of(attempt.status, attempt.outcome, attempt.reason);
            item->setText(Status, badge.text);
            item->setForeground(Status, badge.color);
            // The reason, when the badge does not already say it ("busy" twice says nothing).
            const QString why =
                attempt.reason.isEmpty() ? QString() : CallWords::reason(attempt.reason);
            item->setText(Why, why == badge.text ? QString() : why);
            item->setToolTip(Status, attempt.callSid);
        }
        item->setText(Placed, attempt.placedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
        item->setToolTip(Placed, attempt.placedAt.toString(Qt::ISODate));
    }
    // The texts (SMS) sent about it, after its calls: each with Twilio's latest word on it.
    for (const TextMessage &text : notification.texts) {
        auto *item = new QTreeWidgetItem(m_attempts);
        item->setText(Attempt, tr("SMS"));
        item->setText(Number, NotificationWords::person(text.to, m_names));
        item->setText(Status, textStatus(text.status));
        item->setText(Why, text.error);
        item->setToolTip(Status, text.sid);
        item->setToolTip(Attempt, text.body);
        item->setText(Placed, text.createdAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
        item->setToolTip(Placed, text.createdAt.toString(Qt::ISODate));
    }
    if (another || !notification.isOpen())
        m_error->hide();
    if (another)
        showDeliveries({});
    const bool open = notification.isOpen() && !notification.id.isEmpty();
    m_cancel->setEnabled(open);
    updateProgress();
    if (open)
        m_tick->start();
    else
        m_tick->stop();
}

QString NotificationDetailView::receiverText(const QString &url)
{
    const QUrl parsed(url);
    if (!parsed.isValid())
        return QString();
    const QString shown =
        parsed.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
    return parsed.hasQuery() ? shown + QStringLiteral("?…") : shown;
}

QString NotificationDetailView::textStatus(const QString &status)
{
    if (status == TextMessageStatus::Pending || status == TextMessageStatus::Sending)
        return tr("text sending");
    if (status == TextMessageStatus::Unconfirmed)
        return tr("text unconfirmed");
    if (status == TextMessageStatus::Refused)
        return tr("text refused");
    if (status == TextMessageStatus::Queued)
        return tr("text queued");
    if (status == TextMessageStatus::Sent)
        return tr("text sent");
    if (status == TextMessageStatus::Delivered)
        return tr("text delivered");
    if (status == TextMessageStatus::Undelivered)
        return tr("text undelivered");
    if (status == TextMessageStatus::Failed)
        return tr("text failed");
    return status;
}

void NotificationDetailView::showCancelError(const QString &message)
{
    m_error->setText(tr("Could not cancel the escalation: %1").arg(message));
    m_error->show();
    m_cancel->setEnabled(m_notification.isOpen());
}

void NotificationDetailView::showDeliveries(const QList<OutcomeDelivery> &deliveries)
{
    m_deliveries->clear();
    for (const OutcomeDelivery &delivery : deliveries) {
        auto *item = new QTreeWidgetItem(m_deliveries);
        item->setText(DeliveryReceiver, receiverText(delivery.url));
        item->setToolTip(DeliveryReceiver, delivery.eventId);
        QString state = tr("pending");
        if (delivery.state == DeliveryState::Delivered)
            state = tr("delivered");
        else if (delivery.state == DeliveryState::Gone)
            state = tr("gone (410)");
        else if (delivery.state == DeliveryState::Expired)
            state = tr("given up");
        item->setText(DeliveryStatus, state);
        if (!delivery.attempts.isEmpty()) {
            const DeliveryAttempt &last = delivery.attempts.last();
            const QString what = last.error.isEmpty() ? QString::number(last.status) : last.error;
            item->setText(DeliveryLastTry, tr("%1 at %2")
                                               .arg(what, last.at.toLocalTime().toString(
                                                              QStringLiteral("HH:mm:ss"))));
            item->setToolTip(DeliveryLastTry, last.at.toString(Qt::ISODate));
        }
        item->setText(DeliveryTries, QString::number(delivery.attempts.size()));
    }
    const bool any = !deliveries.isEmpty();
    m_deliveriesHeading->setVisible(any);
    m_deliveries->setVisible(any);
    m_deliverAgain->setVisible(any);
    m_deliverAgain->setEnabled(any && !m_notification.isOpen());
}

void NotificationDetailView::showDeliverError(const QString &message)
{
    m_error->setText(tr("Could not deliver the outcome again: %1").arg(message));
    m_error->show();
    m_deliverAgain->setEnabled(true);
}

void NotificationDetailView::updateProgress()
{
    m_progress->setText(
        NotificationWords::progress(m_notification, QDateTime::currentDateTimeUtc(), m_names));
}

} // namespace flux

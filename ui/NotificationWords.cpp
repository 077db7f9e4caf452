#include "NotificationWords.h"

namespace flux {

int NotificationWords::currentAttempt(const Notification &notification)
{
    if (notification.isOpen() && !notification.dueAt.isValid())
        return qMax(0, notification.nextAttempt - 1); // its call is out
    if (notification.isOpen())
        return notification.nextAttempt;
    return notification.attempts.isEmpty() ? qMax(0, notification.nextAttempt - 1)
                                           : notification.attempts.constLast().index;
}

QString NotificationWords::who(const Notification &notification)
{
    if (notification.outcome == NotificationOutcome::Acknowledged &&
        !notification.acknowledgedBy.isEmpty())
        return notification.acknowledgedBy;
    if (!notification.isOpen() && !notification.attempts.isEmpty())
        return notification.attempts.constLast().number;
    return notification.numberOf(currentAttempt(notification));
}

QString NotificationWords::state(const Notification &notification)
{
    if (notification.outcome == NotificationOutcome::Acknowledged)
        return tr("acknowledged");
    if (notification.outcome == NotificationOutcome::NotAcknowledged)
        return tr("not acknowledged");
    if (notification.outcome == NotificationOutcome::Canceled)
        return tr("canceled");
    return tr("attempt %1 of %2")
        .arg(currentAttempt(notification) + 1)
        .arg(notification.totalAttempts());
}

QColor NotificationWords::stateColor(const Notification &notification)
{
    // The colours of CallBadge's words, so a notification reads like its calls.
    if (notification.outcome == NotificationOutcome::Acknowledged)
        return QColor(QLatin1String("#1e8e3e"));
    if (notification.outcome == NotificationOutcome::NotAcknowledged)
        return QColor(QLatin1String("#d93025"));
    if (notification.outcome == NotificationOutcome::Canceled)
        return QColor(QLatin1String("#80868b"));
    return QColor(QLatin1String("#1a73e8"));
}

QString NotificationWords::countdown(qint64 msLeft)
{
    const qint64 seconds = msLeft <= 0 ? 0 : (msLeft + 999) / 1000;
    const QLatin1Char zero('0');
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, zero)
            .arg(seconds % 60, 2, 10, zero);
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, zero);
}

QString NotificationWords::person(const QString &number, const QHash<QString, QString> &names)
{
    const QString name = names.value(number);
    return name.isEmpty() ? number : QStringLiteral("%1 (%2)").arg(name, number);
}

QString NotificationWords::progress(const Notification &notification, const QDateTime &now,
                                    const QHash<QString, QString> &names)
{
    const QString whom = person(who(notification), names);
    const QString time = QStringLiteral("HH:mm:ss");
    if (notification.outcome == NotificationOutcome::Acknowledged)
        return tr("Acknowledged by %1 at %2")
            .arg(whom, notification.acknowledgedAt.toLocalTime().toString(time));
    if (notification.outcome == NotificationOutcome::NotAcknowledged)
        return tr("Nobody acknowledged: every number was called");
    if (notification.outcome == NotificationOutcome::Canceled)
        return tr("Canceled at %1").arg(notification.closedAt.toLocalTime().toString(time));
    if (notification.dueAt.isValid())
        return tr("Next call to %1 in %2").arg(whom, countdown(now.msecsTo(notification.dueAt)));
    return tr("Calling %1 (%2)").arg(whom, state(notification));
}

} // namespace flux

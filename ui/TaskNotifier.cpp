#include "TaskNotifier.h"

#include "CallWords.h"
#include "UiLog.h"

#include "calls/CallRecord.h"
#include "calls/Notification.h"
#include "engine/EngineClient.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

namespace flux {

namespace {

QString taskOf(const QString &title, const QString &taskId)
{
    return taskId.isEmpty() ? title : QStringLiteral("%1 (%2)").arg(title, taskId);
}

QString taskOf(const CallRecord &call)
{
    return taskOf(call.taskTitle, call.taskId);
}

} // namespace

TaskNotifier::TaskNotifier(EngineClient *engine, QObject *parent) : QObject(parent)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        QIcon icon = QApplication::windowIcon();
        if (icon.isNull())
            icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxInformation);
        m_tray = new QSystemTrayIcon(icon, this);
        m_tray->setToolTip(tr("Flux Call Desk"));
        m_tray->show();
    }
    // The calls of an engine that has gone will not end again.
    connect(engine, &EngineClient::engineStarted, this, [this] { m_endedSids.clear(); });
    connect(engine, &EngineClient::notificationChanged, this, &TaskNotifier::onNotificationChanged);
    connect(engine, &EngineClient::notificationAcknowledged, this,
            &TaskNotifier::onNotificationAcknowledged);
    connect(engine, &EngineClient::taskAcknowledged, this, &TaskNotifier::onAcknowledged);
    connect(engine, &EngineClient::callUpdated, this, &TaskNotifier::onUpdated);
}

QString TaskNotifier::acknowledgedText(const CallRecord &call)
{
    return tr("%1 acknowledged: %2").arg(call.to, taskOf(call));
}

QString TaskNotifier::notAcknowledgedText(const CallRecord &call)
{
    QString why =
        call.reason.isEmpty() ? CallWords::status(call.status) : CallWords::reason(call.reason);
    if (call.reason == CallReason::Declined && !call.digits.isEmpty())
        why += tr(", pressed %1").arg(call.digits);
    return tr("Call to %1 ended without acknowledgment (%2): %3").arg(call.to, why, taskOf(call));
}

QString TaskNotifier::acknowledgedText(const Notification &notification, const QString &byName)
{
    return tr("%1 acknowledged: %2")
        .arg(byName.isEmpty() ? notification.acknowledgedBy : byName,
             taskOf(notification.taskTitle, notification.taskId));
}

void TaskNotifier::onAcknowledged(const CallRecord &call)
{
    // A notification's attempt was announced as placed long before anyone could press 1.
    if (!call.requestId.isEmpty() && m_notificationRequests.remove(call.requestId))
        return;
    notify(tr("Task acknowledged"), acknowledgedText(call));
}

QString TaskNotifier::exhaustedText(const Notification &notification)
{
    return tr("Nobody acknowledged after %1 calls: %2")
        .arg(notification.attempts.size())
        .arg(taskOf(notification.taskTitle, notification.taskId));
}

void TaskNotifier::onNotificationChanged(const Notification &notification)
{
    const bool escalates = notification.totalAttempts() > 1;
    for (const NotificationAttempt &attempt : notification.attempts) {
        if (attempt.requestId.isEmpty())
            continue;
        if (notification.isOpen()) {
            m_notificationRequests.insert(attempt.requestId);
            if (escalates)
                m_escalationRequests.insert(attempt.requestId);
            continue;
        }
        m_escalationRequests.remove(attempt.requestId);
        if (notification.outcome != NotificationOutcome::Acknowledged)
            m_notificationRequests.remove(attempt.requestId);
    }
    // The calls of an escalation end unacknowledged on the way; only its end is news.
    if (escalates && notification.outcome == NotificationOutcome::NotAcknowledged &&
        !m_exhausted.contains(notification.id)) {
        m_exhausted.insert(notification.id);
        notify(tr("Task not acknowledged"), exhaustedText(notification));
    }
}

void TaskNotifier::onNotificationAcknowledged(const Notification &notification,
                                              const QString &byName)
{
    // The acknowledging call's own signal may still be on its way: it is kept to be skipped.
    for (const NotificationAttempt &attempt : notification.attempts) {
        if (attempt.callSid != notification.acknowledgedCallSid)
            m_notificationRequests.remove(attempt.requestId);
    }
    notify(tr("Task acknowledged"), acknowledgedText(notification, byName));
}

void TaskNotifier::onUpdated(const CallRecord &call)
{
    if (!CallStatus::isFinal(call.status) || call.outcome == CallOutcome::Acknowledged ||
        m_endedSids.contains(call.sid))
        return;
    m_endedSids.insert(call.sid);
    if (!call.requestId.isEmpty() && m_escalationRequests.contains(call.requestId))
        return; // someone else is called next, or the notification says it is over
    notify(tr("Task not acknowledged"), notAcknowledgedText(call));
}

void TaskNotifier::notify(const QString &title, const QString &body)
{
    if (m_tray)
        m_tray->showMessage(title, body, QSystemTrayIcon::Information);
    else
        qCInfo(lcUi).noquote() << title + QStringLiteral(": ") + body;
    Q_EMIT notified(title, body);
}

} // namespace flux

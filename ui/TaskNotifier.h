// TaskNotifier: a desktop notification when a task is acknowledged (saying by whom), or when its
// call (or, for an escalation, its last call) ends without that.
#pragma once

#include <QObject>
#include <QSet>

class QSystemTrayIcon;

namespace flux {

class EngineClient;
struct CallRecord;
struct Notification;

class TaskNotifier : public QObject
{
    Q_OBJECT
public:
    // Follows `engine` across restarts. Shows the notifications from a tray icon of its own when
    // the desktop has a system tray; without one it only logs them.
    explicit TaskNotifier(EngineClient *engine, QObject *parent = nullptr);

    // Null without a system tray; the window may give it a menu.
    QSystemTrayIcon *trayIcon() const { return m_tray; }

    static QString acknowledgedText(const CallRecord &call);
    // "Alice acknowledged: DB down"; the number that acknowledged when the book has no name.
    static QString acknowledgedText(const Notification &notification, const QString &byName);
    // "Nobody acknowledged after 6 calls: DB down": an escalation that called everyone.
    static QString exhaustedText(const Notification &notification);
    static QString notAcknowledgedText(const CallRecord &call);

Q_SIGNALS:
    // Every notification, shown or not.
    void notified(const QString &title, const QString &body);

private:
    void onAcknowledged(const CallRecord &call);
    void onNotificationChanged(const Notification &notification);
    void onNotificationAcknowledged(const Notification &notification, const QString &byName);
    void onUpdated(const CallRecord &call);
    void notify(const QString &title, const QString &body);

    QSystemTrayIcon *m_tray = nullptr;
    QSet<QString> m_endedSids; // a call's end is announced once
    // The request ids of open notifications' attempts: their calls' acknowledgment is announced
    // by the notification's, which knows who it was.
    QSet<QString> m_notificationRequests;
    // Those of notifications that call more than once: an attempt's end is not the task's.
    QSet<QString> m_escalationRequests;
    QSet<QString> m_exhausted; // notifications whose end was announced
};

} // namespace flux

// CallChangeBatch: gathers the engine's call and notification changes for about a frame and hands
// them on in one batch, the newest state of each only, so a webhook storm costs the window one
// update per frame instead of one per webhook.
#pragma once

#include "calls/CallRecord.h"
#include "calls/Notification.h"

#include <QHash>
#include <QList>
#include <QObject>

class QTimer;

namespace flux {

class CallChangeBatch : public QObject
{
    Q_OBJECT
public:
    static constexpr int IntervalMs = 16;

    explicit CallChangeBatch(QObject *parent = nullptr);

    // Keeps `call` for the next batch, replacing an older state of the same call.
    void add(const CallRecord &call);
    // Keeps `notification` likewise: a call and its notification arrive in the same batch.
    void addNotification(const Notification &notification);
    // Something else to show changed (a counter): a batch follows even if no call changed.
    void touch();
    // Hands on what is gathered now (ready() even when empty).
    void flush();
    // Forgets what is gathered (the list is being replaced).
    void clear();

Q_SIGNALS:
    // Oldest first by first change; may be empty after touch().
    void ready(const QList<flux::CallRecord> &changes,
               const QList<flux::Notification> &notifications);

private:
    QTimer *m_timer;
    QList<CallRecord> m_changes;
    QHash<QString, int> m_index; // sid -> position in m_changes
    QList<Notification> m_notifications;
    QHash<QString, int> m_notificationIndex; // id -> position in m_notifications
};

} // namespace flux

#include "CallChangeBatch.h"

#include <QTimer>

namespace flux {

CallChangeBatch::CallChangeBatch(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(IntervalMs);
    connect(m_timer, &QTimer::timeout, this, &CallChangeBatch::flush);
}

void CallChangeBatch::add(const CallRecord &call)
{
    if (const auto known = m_index.constFind(call.sid); known != m_index.cend()) {
        m_changes[known.value()] = call;
    } else {
        m_index.insert(call.sid, int(m_changes.size()));
        m_changes.append(call);
    }
    touch();
}

void CallChangeBatch::addNotification(const Notification &notification)
{
    if (const auto known = m_notificationIndex.constFind(notification.id);
        known != m_notificationIndex.cend()) {
        m_notifications[known.value()] = notification;
    } else {
        m_notificationIndex.insert(notification.id, int(m_notifications.size()));
        m_notifications.append(notification);
    }
    touch();
}

void CallChangeBatch::touch()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void CallChangeBatch::flush()
{
    m_timer->stop();
    m_index.clear();
    m_notificationIndex.clear();
    Q_EMIT ready(std::exchange(m_changes, {}), std::exchange(m_notifications, {}));
}

void CallChangeBatch::clear()
{
    m_timer->stop();
    m_index.clear();
    m_changes.clear();
    m_notificationIndex.clear();
    m_notifications.clear();
}

} // namespace flux

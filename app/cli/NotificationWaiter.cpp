#include "cli/NotificationWaiter.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace flux {

namespace {

void pause(qint64 ms)
{
    if (ms <= 0)
        return;
    QEventLoop loop;
    QTimer::singleShot(static_cast<int>(ms), &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

NotificationWaiter::NotificationWaiter(DeskApiClient &client, QString notificationId)
    : m_client(client), m_id(std::move(notificationId))
{}

NotificationWaiter::Ending
NotificationWaiter::wait(QDeadlineTimer deadline,
                         const std::function<void(const QJsonObject &)> &onRead)
{
    const QString path =
        QStringLiteral("/notifications/") + QString::fromLatin1(QUrl::toPercentEncoding(m_id));
    Ending ending;
    QElapsedTimer unreachable; // running while reads fail in a row
    for (;;) {
        // A read never outlasts the deadline by more than a moment.
        const qint64 left =
            deadline.isForever() ? qint64(DeskApiClient::ReadTimeoutMs) : deadline.remainingTime();
        const int readTimeoutMs =
            static_cast<int>(std::clamp<qint64>(left, 500, DeskApiClient::ReadTimeoutMs));
        const ApiReply reply = m_client.get(path, {}, readTimeoutMs);
        if (reply.succeeded()) {
            unreachable.invalidate();
            ending.body = reply.body;
            ending.notification = reply.json();
            onRead(ending.notification);
            if (ending.notification.value(QStringLiteral("state")).toString() ==
                QLatin1String("closed")) {
                ending.end = End::Closed;
                return ending;
            }
        } else if (reply.answered() && reply.status < 500) {
            ending.end = End::Failed;
            ending.error = reply.describeError();
            return ending;
        } else {
            if (!unreachable.isValid())
                unreachable.start();
            if (unreachable.hasExpired(UnreachableForMs)) {
                ending.end = End::Failed;
                ending.error = QStringLiteral("%1 (for %2 s)")
                                   .arg(reply.describeError())
                                   .arg(UnreachableForMs / 1000);
                return ending;
            }
        }
        if (deadline.hasExpired()) {
            ending.end = End::TimedOut;
            ending.error = reply.succeeded() ? QString() : reply.describeError();
            return ending;
        }
        pause(deadline.isForever() ? PollIntervalMs
                                   : qMin<qint64>(PollIntervalMs, deadline.remainingTime()));
    }
}

} // namespace flux

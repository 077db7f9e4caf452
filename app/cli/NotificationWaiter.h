// NotificationWaiter: follows a notification until it closes, by reading it once a second.
// Polling rather than the event stream: each read is a complete answer on its own, so a desk
// that restarts, a proxy that buffers or closes streams, or the stream limit cannot make the
// command miss the close, and nothing needs resuming (docs/cli.md).
#pragma once

#include "cli/DeskApiClient.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace flux {

class NotificationWaiter
{
public:
    static constexpr int PollIntervalMs = 1000;
    // Reads that get no answer (or a 5xx: the desk stopping) are tried again for this long in a
    // row, to ride out a restart; then the wait ends with Failed.
    static constexpr int UnreachableForMs = 30000;

    enum class End
    {
        Closed,   // `notification` holds its outcome
        TimedOut, // the deadline passed while it was open; `notification` is the last read
        Failed,   // `error` says why: an HTTP error, or the desk unreachable too long
    };
    struct Ending
    {
        End end = End::Failed;
        QJsonObject notification;
        QByteArray body; // `notification` as the API gave it
        QString error;
    };

    NotificationWaiter(DeskApiClient &client, QString notificationId);

    // `onRead` sees every state read, the last one too, for progress lines.
    Ending wait(QDeadlineTimer deadline, const std::function<void(const QJsonObject &)> &onRead);

private:
    DeskApiClient &m_client;
    QString m_id;
};

} // namespace flux

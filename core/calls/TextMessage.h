// TextMessage: a text (SMS) sent about a notification, through Twilio's Messages API, and what
// Twilio's status callbacks said of it since.
#pragma once

#include <QDateTime>
#include <QString>

namespace flux::TextMessageStatus {
// Owed: stored with the notification's close, not yet handed to Twilio. The service sends it
// right after the close, or at the next start when the app stopped in between.
inline const QString Pending = QStringLiteral("pending");
// Stored before Twilio is asked: a text still in this status after a restart was never
// answered, and is left so (marked Unconfirmed) rather than sent again blindly.
inline const QString Sending = QStringLiteral("sending");
inline const QString Unconfirmed = QStringLiteral("unconfirmed");
// Twilio refused the create: nothing was sent (the error says why).
inline const QString Refused = QStringLiteral("refused");
// Twilio's own: queued, sending (also theirs), sent, delivered, undelivered, failed, ...
inline const QString Queued = QStringLiteral("queued");
inline const QString Sent = QStringLiteral("sent");
inline const QString Delivered = QStringLiteral("delivered");
inline const QString Undelivered = QStringLiteral("undelivered");
inline const QString Failed = QStringLiteral("failed");

// How far along a status is: a callback never moves a text back (a late "sent" after
// "delivered" changes nothing). Final statuses rank highest.
inline int rank(const QString &status)
{
    if (status == Pending || status == Sending || status == Unconfirmed ||
        status == QLatin1String("accepted") || status == QLatin1String("scheduled"))
        return 0;
    if (status == Queued)
        return 1;
    if (status == QLatin1String("sending"))
        return 2;
    if (status == Sent)
        return 3;
    if (status == Delivered || status == Undelivered || status == Failed ||
        status == QLatin1String("read") || status == QLatin1String("canceled") || status == Refused)
        return 4;
    return 0;
}
} // namespace flux::TextMessageStatus

namespace flux::TextMessageReason {
// Why a text was sent: the notification ended not acknowledged, or attempt N was placed
// (FLUX_SMS_FALLBACK=each_attempt).
inline const QString NotAcknowledged = QStringLiteral("not_acknowledged");
inline QString attempt(int index)
{
    return QStringLiteral("attempt:%1").arg(index);
}
} // namespace flux::TextMessageReason

namespace flux {

struct TextMessage
{
    qint64 id = 0; // the row's; the status callback's URL carries it (message_id)
    QString notificationId;
    QString to;
    QString reason; // TextMessageReason
    QString sid;    // Twilio's "SM…", empty until Twilio answered the create
    QString body;
    QString status = TextMessageStatus::Sending;
    QString error; // Twilio's ErrorCode, or why the create failed
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace flux

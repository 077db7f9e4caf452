// OutcomeEvent: what a notification's outcome webhook says, built once when the notification
// closes and stored with one delivery per receiver, so every try sends the same bytes and id.
#pragma once

#include "calls/Notification.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace flux::OutcomeEventType {
inline const QString Acknowledged = QStringLiteral("notification.acknowledged");
inline const QString NotAcknowledged = QStringLiteral("notification.not_acknowledged");
inline const QString Canceled = QStringLiteral("notification.canceled");
} // namespace flux::OutcomeEventType

namespace flux::DeliveryState {
inline const QString Pending = QStringLiteral("pending");     // tries to come
inline const QString Delivered = QStringLiteral("delivered"); // a 2xx answered
inline const QString Gone = QStringLiteral("gone");           // a 410: the receiver wants no more
inline const QString Expired = QStringLiteral("expired");     // no 2xx within the retry window
} // namespace flux::DeliveryState

namespace flux {

struct OutcomeEvent
{
    QString id; // "EV" + 32 hex digits: the receiver deduplicates by it
    QString notificationId;
    QString type; // OutcomeEventType
    QDateTime createdAt;
    QByteArray body; // the JSON sent on every try, byte for byte

    // The event's type for a notification's (closed) outcome; empty while it is open.
    static QString typeOf(const QString &outcome);
    // The event for `closed`, now, with a new id and its body.
    static OutcomeEvent of(const Notification &closed);
};

// One try of one delivery.
struct DeliveryAttempt
{
    QDateTime at;
    int status = 0; // the HTTP status; 0 when there was no answer (refused, timed out)
    QString error;  // empty for a 2xx
};

// An event on its way to one receiver.
struct OutcomeDelivery
{
    qint64 id = 0;
    QString eventId;
    QString notificationId;
    QString url;
    QString state = DeliveryState::Pending;
    QDateTime nextAttemptAt; // while pending
    QDateTime giveUpAt;      // no try starts after it
    QDateTime eventCreatedAt;
    int attemptCount = 0;            // tries since the event or the last "deliver again"
    QByteArray body;                 // filled where a read says so (the sender's)
    QList<DeliveryAttempt> attempts; // oldest first
};

} // namespace flux

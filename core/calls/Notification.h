// Notification: one task that must be heard, and the calls made for it: an ordered list of
// numbers, a number of attempts per number and a wait between them, until someone acknowledges.
#pragma once

#include "calls/TextMessage.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace flux::NotificationOutcome {
inline const QString Pending = QStringLiteral("pending"); // open: calls still to come
inline const QString Acknowledged = QStringLiteral("acknowledged");
inline const QString NotAcknowledged = QStringLiteral("not_acknowledged"); // list exhausted
inline const QString Canceled = QStringLiteral("canceled");
} // namespace flux::NotificationOutcome

namespace flux {

// One call of a notification. Attempt i calls numbers[i / attemptsPerNumber].
struct NotificationAttempt
{
    int index = 0;
    QString number;
    QString requestId;    // the pending call's; the call keeps it as CallRecord::requestId
    QDateTime placedAt;   // when it was stored, just before Twilio was asked
    QString error;        // Twilio refused it: no call was placed
    bool pending = false; // its create is not answered yet (the pending row is there)
    // The call, once stored (empty sid until then), as the calls table has it.
    QString callSid;
    QString status;
    QString outcome;
    QString reason;
    QString answeredBy;
};

struct Notification
{
    QString id; // "NO" + 32 hex digits
    QString taskTitle;
    QString taskId;
    QStringList numbers; // the first, then the escalation, in order
    int attemptsPerNumber = 1;
    int retryAfterSeconds = 120;
    QString listName;    // the escalation list it was made from, if any
    QString callbackUrl; // where its outcome is POSTed, beside FLUX_OUTCOME_WEBHOOK_URL
    QString outcome = NotificationOutcome::Pending;
    int nextAttempt = 0;    // the index of the next attempt to place
    QDateTime dueAt;        // when it is placed; invalid while a call is out, and once closed
    QString acknowledgedBy; // the number that acknowledged
    QString acknowledgedCallSid;
    QDateTime acknowledgedAt;
    QDateTime createdAt;
    QDateTime closedAt;
    QList<NotificationAttempt> attempts; // oldest first, filled where a read says so
    bool sms = false;                    // the request asked for a text if it ends not acknowledged
    QList<TextMessage> texts;            // oldest first, filled with the attempts

    bool isOpen() const { return outcome == NotificationOutcome::Pending; }
    int totalAttempts() const { return int(numbers.size()) * attemptsPerNumber; }
    QString numberOf(int attempt) const
    {
        return numbers.value(attemptsPerNumber > 0 ? attempt / attemptsPerNumber : 0);
    }
    // Whether attempt `attempt` has a later number after its own.
    bool hasNextNumber(int attempt) const
    {
        return attemptsPerNumber > 0 && attempt / attemptsPerNumber + 1 < numbers.size();
    }
};

} // namespace flux

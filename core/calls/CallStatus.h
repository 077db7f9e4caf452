// CallStatus: the status and outcome strings that are part of the API and the store.
#pragma once

#include <QString>

namespace flux::CallStatus {
// Twilio's CallStatus values, plus "initiated" which only status callbacks carry.
inline const QString Queued = QStringLiteral("queued");
inline const QString Initiated = QStringLiteral("initiated");
inline const QString Ringing = QStringLiteral("ringing");
inline const QString InProgress = QStringLiteral("in-progress");
inline const QString Completed = QStringLiteral("completed");
inline const QString Busy = QStringLiteral("busy");
inline const QString NoAnswer = QStringLiteral("no-answer");
inline const QString Failed = QStringLiteral("failed");
inline const QString Canceled = QStringLiteral("canceled");

// A final status: no later callback will come for the call.
inline bool isFinal(const QString &status)
{
    return status == Completed || status == Busy || status == NoAnswer || status == Failed ||
           status == Canceled;
}
} // namespace flux::CallStatus

namespace flux::CallOutcome {
// Whether the callee acknowledged the task.
inline const QString Pending = QStringLiteral("pending");
inline const QString Acknowledged = QStringLiteral("acknowledged");
inline const QString NotAcknowledged = QStringLiteral("not_acknowledged");
} // namespace flux::CallOutcome

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

namespace flux::CallReason {
// Why a call ended not acknowledged; empty while pending and for an acknowledged call.
inline const QString Declined = QStringLiteral("declined");   // pressed a key other than 1
inline const QString NoInput = QStringLiteral("no_input");    // answered, pressed nothing
inline const QString Voicemail = QStringLiteral("voicemail"); // an answering machine took it
inline const QString Fax = QStringLiteral("fax");             // a fax machine answered
inline const QString Busy = QStringLiteral("busy");
inline const QString NoAnswer = QStringLiteral("no_answer");
inline const QString Failed = QStringLiteral("failed");
inline const QString Canceled = QStringLiteral("canceled");
// Pressed 2 where a notification offered it: the next person is called at once.
inline const QString PassedOn = QStringLiteral("passed_on");
} // namespace flux::CallReason

namespace flux::AnsweredBy {
// Twilio's AnsweredBy values (answering-machine detection); empty when detection was off.
inline const QString Human = QStringLiteral("human");
inline const QString Unknown = QStringLiteral("unknown");
inline const QString Fax = QStringLiteral("fax");
// A machine answered (MachineDetection=Enable), and its greeting ended in a beep
// (DetectMessageEnd).
inline const QString MachineStart = QStringLiteral("machine_start");
inline const QString MachineEndBeep = QStringLiteral("machine_end_beep");
// machine_start, machine_end_beep, machine_end_silence, machine_end_other
inline bool isMachine(const QString &answeredBy)
{
    return answeredBy.startsWith(QLatin1String("machine_"));
}
inline bool isFax(const QString &answeredBy)
{
    return answeredBy == Fax;
}
} // namespace flux::AnsweredBy

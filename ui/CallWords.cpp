#include "CallWords.h"

#include "calls/CallStatus.h"

namespace flux {

QString CallWords::status(const QString &status)
{
    if (status == CallStatus::Queued)
        return tr("queued");
    if (status == CallStatus::Initiated)
        return tr("initiated");
    if (status == CallStatus::Ringing)
        return tr("ringing");
    if (status == CallStatus::InProgress)
        return tr("in progress");
    if (status == CallStatus::Completed)
        return tr("completed");
    if (status == CallStatus::Busy)
        return tr("busy");
    if (status == CallStatus::NoAnswer)
        return tr("no answer");
    if (status == CallStatus::Failed)
        return tr("failed");
    if (status == CallStatus::Canceled)
        return tr("canceled");
    return status;
}

QString CallWords::reason(const QString &reason)
{
    if (reason == CallReason::Declined)
        return tr("declined");
    if (reason == CallReason::NoInput)
        return tr("no key pressed");
    if (reason == CallReason::Voicemail)
        return tr("voicemail");
    if (reason == CallReason::Fax)
        return tr("fax");
    if (reason == CallReason::Busy)
        return tr("busy");
    if (reason == CallReason::NoAnswer)
        return tr("no answer");
    if (reason == CallReason::Failed)
        return tr("failed");
    if (reason == CallReason::Canceled)
        return tr("canceled");
    return reason;
}

QString CallWords::answeredBy(const QString &answeredBy)
{
    if (answeredBy == AnsweredBy::Human)
        return tr("a person");
    if (AnsweredBy::isMachine(answeredBy))
        return tr("a voicemail");
    if (AnsweredBy::isFax(answeredBy))
        return tr("a fax machine");
    if (answeredBy == AnsweredBy::Unknown)
        return tr("someone (could not tell who)");
    return answeredBy;
}

} // namespace flux

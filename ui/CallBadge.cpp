#include "CallBadge.h"

namespace flux {

namespace {
// The words are translated (CallBadge context); the statuses they stand for never are.
CallBadge make(CallBadge::Kind kind, const QString &text, const char *color)
{
    return {kind, text, QColor(QLatin1String(color))};
}
} // namespace

CallBadge CallBadge::of(const CallRecord &call)
{
    return of(call.status, call.outcome, call.reason);
}

CallBadge CallBadge::of(const QString &status, const QString &outcome, const QString &reason)
{
    using K = Kind;
    if (outcome == CallOutcome::Acknowledged)
        return make(K::Acknowledged, tr("acknowledged"), "#1e8e3e");
    if (outcome == CallOutcome::NotAcknowledged) {
        // An unanswered call says why with its status's badge, below.
        if (reason == CallReason::Voicemail)
            return make(K::Voicemail, tr("voicemail"), "#b06000");
        if (reason == CallReason::Fax)
            return make(K::Voicemail, tr("fax"), "#b06000");
        if (reason == CallReason::Declined)
            return make(K::Declined, tr("declined"), "#d93025");
        const bool unanswered = reason == CallReason::Busy || reason == CallReason::NoAnswer ||
                                reason == CallReason::Failed || reason == CallReason::Canceled;
        if (!unanswered)
            return make(K::NotAcknowledged, tr("not acknowledged"), "#d93025");
    }
    const QString &s = status;
    if (s == CallStatus::Queued || s == CallStatus::Initiated)
        return make(K::Queued, tr("queued"), "#5f6368");
    if (s == CallStatus::Ringing)
        return make(K::Ringing, tr("ringing"), "#1a73e8");
    if (s == CallStatus::InProgress)
        return make(K::InProgress, tr("in progress"), "#9334e6");
    // Completed without an answer to the prompt: the callee hung up before pressing anything.
    if (s == CallStatus::Completed)
        return make(K::NotAcknowledged, tr("not acknowledged"), "#d93025");
    if (s == CallStatus::Busy)
        return make(K::Busy, tr("busy"), "#e37400");
    if (s == CallStatus::NoAnswer)
        return make(K::NoAnswer, tr("no answer"), "#e37400");
    if (s == CallStatus::Failed)
        return make(K::Failed, tr("failed"), "#a50e0e");
    if (s == CallStatus::Canceled)
        return make(K::Canceled, tr("canceled"), "#80868b");
    return make(K::Other, s, "#5f6368");
}

bool CallBadge::isFinal() const
{
    return kind != Kind::Queued && kind != Kind::Ringing && kind != Kind::InProgress &&
           kind != Kind::Other;
}

} // namespace flux

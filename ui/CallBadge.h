// CallBadge: the one word (and colour) a person reads for a call: ringing, acknowledged, busy...
#pragma once

#include "calls/CallRecord.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

namespace flux {

struct CallBadge
{
    Q_DECLARE_TR_FUNCTIONS(CallBadge)

public:
    enum class Kind
    {
        Queued,
        Ringing,
        InProgress,
        Acknowledged,
        NotAcknowledged,
        Busy,
        NoAnswer,
        Failed,
        Canceled,
        Voicemail, // a machine answered: not acknowledged
        Declined,  // another key than 1: not acknowledged
        Other,     // a status Twilio added that we do not know yet: shown as Twilio wrote it
    };
    Kind kind = Kind::Other;
    QString text;
    QColor color;

    // The outcome wins over the status: a completed call is "acknowledged", or why it was not
    // ("voicemail", "declined", "busy", ...; "not acknowledged" when nothing was pressed).
    static CallBadge of(const CallRecord &call);
    static CallBadge of(const QString &status, const QString &outcome, const QString &reason = {});
    bool isFinal() const;
};

} // namespace flux

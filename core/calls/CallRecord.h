// CallRecord and CallEvent: a placed call as the store keeps it, and one thing that happened to it.
#pragma once

#include "calls/CallStatus.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace flux {

struct CallRecord
{
    QString sid; // Twilio's CA… sid
    QString to;
    QString from;
    QString taskTitle;
    QString taskId; // empty when none was given
    QString status; // latest status by SequenceNumber
    QString outcome = CallOutcome::Pending;
    QString reason;           // CallReason once not acknowledged for good; else empty
    QString answeredBy;       // AnsweredBy from Twilio's machine detection; empty without it
    bool placedHere = true;   // false: adopted from a webhook of a call this desk did not place
    QString requestId;        // the pending request that placed it; empty when adopted
    QString digits;           // what the callee pressed, if anything
    int lastSequence = -1;    // highest SequenceNumber applied
    int durationSeconds = -1; // CallDuration from the final callback
    QString errorMessage;     // why it failed, when it did
    QDateTime initiatedAt;    // UTC
    QDateTime updatedAt;      // UTC
};

struct CallEvent
{
    enum class Kind
    {
        Created,
        Status,
        Gather,
        Answered // who answered, by Twilio's machine detection: `answeredBy`
    };
    qint64 id = 0;
    QString callSid;
    Kind kind = Kind::Status;
    QString status;    // CallStatus for Status events; the outcome for Gather events
    int sequence = -1; // SequenceNumber, -1 when Twilio gave none
    QString timestamp; // Twilio's Timestamp (RFC 2822), as received
    QString digits;    // Gather: the keys pressed
    int durationSeconds = -1;
    QString detail;       // free text: what was said, an error, where it came from
    QString answeredBy;   // Status, Answered: AnsweredBy, when Twilio sent it
    QString error;        // Status: Twilio's error, kept as the call's error when it failed
                          // (also in `detail`; not a column of its own)
    QDateTime receivedAt; // UTC

    static QString kindName(Kind kind)
    {
        switch (kind) {
        case Kind::Created:
            return QStringLiteral("created");
        case Kind::Status:
            return QStringLiteral("status");
        case Kind::Gather:
            return QStringLiteral("gather");
        case Kind::Answered:
            return QStringLiteral("answered");
        }
        return {};
    }
};

} // namespace flux

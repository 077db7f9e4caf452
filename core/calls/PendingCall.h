// PendingCall: a call asked of Twilio whose sid is not known yet, kept so that a crash or a lost
// answer cannot lose it: the call's webhooks carry the request id and complete it.
#pragma once

#include <QDateTime>
#include <QString>

namespace flux {

struct PendingCall
{
    QString requestId; // ours, random; travels in the call's webhook URLs as request_id
    QString to;
    QString from;
    QString taskTitle;
    QString taskId;
    QDateTime requestedAt; // UTC
};

} // namespace flux

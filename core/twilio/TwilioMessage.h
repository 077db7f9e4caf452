// TwilioMessage: the fields of Twilio's Message resource (Programmable Messaging) that the
// product uses.
#pragma once

#include <QJsonObject>
#include <QString>

namespace flux {

struct TwilioMessage
{
    QString sid; // "SM" + 32 hex digits
    QString to;
    QString from;
    QString status; // queued, sending, sent, delivered, undelivered, failed, ...
    QString errorCode;

    static TwilioMessage fromJson(const QJsonObject &json)
    {
        TwilioMessage message;
        message.sid = json.value(QStringLiteral("sid")).toString();
        message.to = json.value(QStringLiteral("to")).toString();
        message.from = json.value(QStringLiteral("from")).toString();
        message.status = json.value(QStringLiteral("status")).toString();
        const QJsonValue code = json.value(QStringLiteral("error_code"));
        if (code.isDouble())
            message.errorCode = QString::number(code.toInt());
        else if (code.isString())
            message.errorCode = code.toString();
        return message;
    }
};

// The create request's fields.
struct CreateMessageParams
{
    QString to;
    QString from;
    QString body;           // at most MaxBodyLength characters
    QString statusCallback; // where Twilio posts the message's status changes
    static constexpr int MaxBodyLength = 1600;
};

} // namespace flux

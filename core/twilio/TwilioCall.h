// TwilioCall: the fields of Twilio's Call resource that the product uses.
#pragma once

#include <QJsonObject>
#include <QString>

namespace flux {

struct TwilioCall
{
    QString sid;
    QString accountSid;
    QString to;
    QString from;
    QString status;
    QString direction;
    QString dateCreated; // RFC 2822, as Twilio writes it
    QString duration;    // seconds as a string, or empty

    static TwilioCall fromJson(const QJsonObject &json)
    {
        TwilioCall call;
        call.sid = json.value(QStringLiteral("sid")).toString();
        call.accountSid = json.value(QStringLiteral("account_sid")).toString();
        call.to = json.value(QStringLiteral("to")).toString();
        call.from = json.value(QStringLiteral("from")).toString();
        call.status = json.value(QStringLiteral("status")).toString();
        call.direction = json.value(QStringLiteral("direction")).toString();
        call.dateCreated = json.value(QStringLiteral("date_created")).toString();
        call.duration = json.value(QStringLiteral("duration")).toString();
        return call;
    }
};

} // namespace flux

// TwilioCall: the fields of Twilio's Call resource that the product uses.
#pragma once

#include <QDateTime>
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
    QString dateCreated; // RFC 2822, as Twilio writes it, like the times below
    QString dateUpdated;
    QString startTime;  // empty until dialling began
    QString endTime;    // empty until the call ended
    QString duration;   // seconds as a string, or empty
    QString answeredBy; // AnsweredBy of machine detection; empty without it

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
        call.dateUpdated = json.value(QStringLiteral("date_updated")).toString();
        call.startTime = json.value(QStringLiteral("start_time")).toString();
        call.endTime = json.value(QStringLiteral("end_time")).toString();
        call.duration = json.value(QStringLiteral("duration")).toString();
        call.answeredBy = json.value(QStringLiteral("answered_by")).toString();
        return call;
    }

    // Twilio's RFC 2822 times ("Wed, 25 Nov 2026 19:31:44 +0000") in UTC; invalid when empty.
    static QDateTime parseTime(const QString &text)
    {
        return QDateTime::fromString(text, Qt::RFC2822Date).toUTC();
    }
    QDateTime created() const { return parseTime(dateCreated); }
    // CallDuration in seconds, -1 when Twilio gave none.
    int durationSeconds() const
    {
        bool ok = false;
        const int seconds = duration.toInt(&ok);
        return ok ? seconds : -1;
    }
};

} // namespace flux

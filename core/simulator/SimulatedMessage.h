// SimulatedMessage: a text (SMS) the simulator took through its Messages resource, as the
// virtual phone at its number shows it.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace flux {

struct SimulatedMessage
{
    QString sid; // "SM" + 32 hex digits
    QString to;
    QString from;
    QString body;
    QString status = QStringLiteral("queued"); // queued, sent, then delivered or undelivered
    QString errorCode;                         // set when undelivered
    QString statusCallback;
    QDateTime created;
    QDateTime updated;

    // Twilio's Message resource, with the fields its create answer has.
    QJsonObject resource(const QString &accountSid) const
    {
        const auto rfc2822 = [](const QDateTime &t) {
            return t.toUTC().toString(QStringLiteral("ddd, dd MMM yyyy HH:mm:ss +0000"));
        };
        return {
            {QStringLiteral("account_sid"), accountSid},
            {QStringLiteral("api_version"), QStringLiteral("2010-04-01")},
            {QStringLiteral("body"), body},
            {QStringLiteral("date_created"), rfc2822(created)},
            {QStringLiteral("date_sent"), QJsonValue()},
            {QStringLiteral("date_updated"), rfc2822(updated)},
            {QStringLiteral("direction"), QStringLiteral("outbound-api")},
            {QStringLiteral("error_code"),
             errorCode.isEmpty() ? QJsonValue() : QJsonValue(errorCode.toInt())},
            {QStringLiteral("error_message"), QJsonValue()},
            {QStringLiteral("from"), from},
            {QStringLiteral("messaging_service_sid"), QJsonValue()},
            {QStringLiteral("num_media"), QStringLiteral("0")},
            {QStringLiteral("num_segments"),
             QString::number(qMax(1, int((body.size() + 152) / 153)))},
            {QStringLiteral("price"), QJsonValue()},
            {QStringLiteral("price_unit"), QStringLiteral("USD")},
            {QStringLiteral("sid"), sid},
            {QStringLiteral("status"), status},
            {QStringLiteral("to"), to},
            {QStringLiteral("uri"),
             QStringLiteral("/2010-04-01/Accounts/%1/Messages/%2.json").arg(accountSid, sid)},
        };
    }
    // What GET /sim/messages shows of it.
    QJsonObject view() const
    {
        return {
            {QStringLiteral("sid"), sid},
            {QStringLiteral("to"), to},
            {QStringLiteral("from"), from},
            {QStringLiteral("body"), body},
            {QStringLiteral("status"), status},
            {QStringLiteral("error_code"),
             errorCode.isEmpty() ? QJsonValue() : QJsonValue(errorCode)},
            {QStringLiteral("created_at"), created.toUTC().toString(Qt::ISODateWithMs)},
        };
    }
};

} // namespace flux

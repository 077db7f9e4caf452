#include "simulator/SimulatedCallRecord.h"

#include "calls/CallStatus.h"

#include <QJsonArray>
#include <QLocale>

namespace flux {

namespace {
QJsonValue twilioDateOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(SimulatedCallRecord::twilioDate(time))
                          : QJsonValue(QJsonValue::Null);
}

// "(415) 867-5309" for North American numbers, as Twilio's *_formatted fields show them.
QString formatted(const QString &number)
{
    if (number.size() == 12 && number.startsWith(QLatin1String("+1")))
        return QStringLiteral("(%1) %2-%3").arg(number.mid(2, 3), number.mid(5, 3), number.mid(8));
    return number;
}
} // namespace

QString SimulatedCallRecord::twilioDate(const QDateTime &time)
{
    // Qt's RFC2822Date leaves out the weekday.
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")) +
           QStringLiteral(" +0000");
}

QJsonObject SimulatedCallRecord::resourceJson(const QString &accountSid,
                                              const QString &phoneNumberSid) const
{
    const QString uriBase = QStringLiteral("/2010-04-01/Accounts/%1/Calls/%2").arg(accountSid, sid);
    // Each name with its file spelled out, not derived (split, capitalise, join) on every create,
    // where that was a third of this function's cost; in key order, so each insert appends.
    static const std::pair<QLatin1String, QLatin1String> Subresources[] = {
        {QLatin1String("events"), QLatin1String("/Events.json")},
        {QLatin1String("notifications"), QLatin1String("/Notifications.json")},
        {QLatin1String("payments"), QLatin1String("/Payments.json")},
        {QLatin1String("recordings"), QLatin1String("/Recordings.json")},
        {QLatin1String("siprec"), QLatin1String("/Siprec.json")},
        {QLatin1String("streams"), QLatin1String("/Streams.json")},
        {QLatin1String("transcriptions"), QLatin1String("/Transcriptions.json")},
        {QLatin1String("user_defined_message_subscriptions"),
         QLatin1String("/UserDefinedMessageSubscriptions.json")},
        {QLatin1String("user_defined_messages"), QLatin1String("/UserDefinedMessages.json")}};
    QJsonObject subresources;
    for (const auto &[key, file] : Subresources)
        subresources.insert(key, uriBase + file);
    const QJsonValue null(QJsonValue::Null);
    const bool hasEnded = CallStatus::isFinal(status);
    return QJsonObject{
        {QStringLiteral("account_sid"), accountSid},
        {QStringLiteral("annotation"), null},
        {QStringLiteral("answered_by"), null},
        {QStringLiteral("api_version"), ApiVersion},
        {QStringLiteral("caller_name"), null},
        {QStringLiteral("date_created"), twilioDate(created)},
        {QStringLiteral("date_updated"), twilioDate(updated)},
        {QStringLiteral("direction"), OutboundApi},
        {QStringLiteral("duration"),
         hasEnded ? QJsonValue(QString::number(durationSeconds)) : null},
        {QStringLiteral("end_time"), twilioDateOrNull(ended)},
        {QStringLiteral("forwarded_from"), null},
        {QStringLiteral("from"), from},
        {QStringLiteral("from_formatted"), formatted(from)},
        {QStringLiteral("group_sid"), null},
        {QStringLiteral("parent_call_sid"), null},
        {QStringLiteral("phone_number_sid"), phoneNumberSid},
        {QStringLiteral("price"), null},
        {QStringLiteral("price_unit"), QStringLiteral("USD")},
        {QStringLiteral("queue_time"), QStringLiteral("0")},
        {QStringLiteral("sid"), sid},
        {QStringLiteral("start_time"), twilioDateOrNull(started)},
        {QStringLiteral("status"), status},
        {QStringLiteral("subresource_uris"), subresources},
        {QStringLiteral("to"), to},
        {QStringLiteral("to_formatted"), formatted(to)},
        {QStringLiteral("trunk_sid"), null},
        {QStringLiteral("uri"), uriBase + QStringLiteral(".json")},
    };
}

QJsonObject SimulatedCallRecord::controlJson(bool listening) const
{
    return QJsonObject{
        {QStringLiteral("sid"), sid},
        {QStringLiteral("to"), to},
        {QStringLiteral("from"), from},
        {QStringLiteral("status"), status},
        {QStringLiteral("transcript"), QJsonArray::fromStringList(transcript)},
        {QStringLiteral("transcript_languages"), QJsonArray::fromStringList(transcriptLanguages)},
        {QStringLiteral("digits"), digits},
        {QStringLiteral("listening"), listening},
        {QStringLiteral("error"),
         error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error)},
    };
}

SimulatedCallView SimulatedCallRecord::view(bool listening) const
{
    SimulatedCallView view;
    view.sid = sid;
    view.from = from;
    view.to = to;
    view.status = status;
    view.transcript = transcript;
    view.transcriptLanguages = transcriptLanguages;
    view.digits = digits;
    view.ringing = status == CallStatus::Ringing;
    view.listening = listening;
    view.scripted = scripted;
    view.error = error;
    view.created = created;
    return view;
}

void SimulatedCallRecord::squeeze()
{
    transcript.squeeze();
    transcriptLanguages.squeeze();
    digits.squeeze();
}

} // namespace flux

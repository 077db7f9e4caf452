#include "simulator/SimulatedCallRecord.h"

#include "base/CivilTime.h"
#include "base/JsonWriter.h"
#include "calls/CallStatus.h"

#include <QJsonArray>
#include <QLocale>

#include <cstring>

namespace flux {

namespace {
constexpr int TwilioDateSize = 31; // "Wed, 25 Nov 2026 19:31:44 +0000"

// Twilio's date for `time` into `out`, written by hand: QLocale::toString was a tenth of the
// simulator's answer to a create. False for times it leaves to QLocale (invalid, or a year it
// does not write in four digits); TestSimulatedCallRecord holds the two to the same text.
bool writeTwilioDate(char *out, const QDateTime &time)
{
    if (!time.isValid())
        return false;
    const CivilTime civil = CivilTime::fromMSecsSinceEpoch(time.toMSecsSinceEpoch());
    const qint64 year = civil.year;
    if (year < 1 || year > 9999)
        return false;
    static constexpr char Weekdays[] = "SunMonTueWedThuFriSat";
    static constexpr char Months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const auto put = [&out](int value, int width) {
        for (int i = width - 1; i >= 0; --i) {
            out[i] = char('0' + value % 10);
            value /= 10;
        }
        out += width;
    };
    const auto putName = [&out](const char *names, int index) {
        std::memcpy(out, names + 3 * index, 3);
        out += 3;
    };
    const int seconds = civil.msOfDay / 1000;
    putName(Weekdays, civil.weekday);
    *out++ = ',';
    *out++ = ' ';
    put(civil.day, 2);
    *out++ = ' ';
    putName(Months, civil.month - 1);
    *out++ = ' ';
    put(int(year), 4);
    *out++ = ' ';
    put(seconds / 3600, 2);
    *out++ = ':';
    put(seconds / 60 % 60, 2);
    *out++ = ':';
    put(seconds % 60, 2);
    std::memcpy(out, " +0000", 6);
    return true;
}

void writeDate(JsonWriter &json, QLatin1String key, const QDateTime &time)
{
    json.key(key);
    char text[TwilioDateSize];
    if (writeTwilioDate(text, time))
        json.string(QLatin1String(text, TwilioDateSize));
    else
        json.string(SimulatedCallRecord::twilioDate(time));
}

void writeDateOrNull(JsonWriter &json, QLatin1String key, const QDateTime &time)
{
    if (time.isValid())
        writeDate(json, key, time);
    else
        json.nullField(key);
}

// "(415) 867-5309" for North American numbers, as Twilio's *_formatted fields show them.
QString formatted(const QString &number)
{
    if (number.size() != 12 || !number.startsWith(QLatin1String("+1")))
        return number;
    const QStringView digits(number);
    QString text;
    text.reserve(14);
    text += QLatin1Char('(');
    text += digits.sliced(2, 3);
    text += QLatin1String(") ");
    text += digits.sliced(5, 3);
    text += QLatin1Char('-');
    text += digits.sliced(8);
    return text;
}
} // namespace

QString SimulatedCallRecord::twilioDate(const QDateTime &time)
{
    char text[TwilioDateSize];
    if (writeTwilioDate(text, time))
        return QString::fromLatin1(text, TwilioDateSize);
    // Qt's RFC2822Date leaves out the weekday.
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")) +
           QStringLiteral(" +0000");
}

QByteArray SimulatedCallRecord::resourceBytes(const QString &accountSid,
                                              const QString &phoneNumberSid) const
{
    QString uriBase;
    uriBase.reserve(96 + accountSid.size() + sid.size()); // room for the longest file
    uriBase += QLatin1String("/2010-04-01/Accounts/");
    uriBase += accountSid;
    uriBase += QLatin1String("/Calls/");
    uriBase += sid;
    // Each name with its file spelled out, not derived (split, capitalise, join) on every create.
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
    const qsizetype baseSize = uriBase.size();
    const auto uri = [&uriBase, baseSize](QLatin1String file) -> QStringView {
        uriBase.truncate(baseSize);
        uriBase += file;
        return uriBase;
    };

    QByteArray body;
    body.reserve(1536);
    JsonWriter json(body);
    // Keys in the order QJsonObject sorts them, as the resource was written before.
    json.beginObject();
    json.field(QLatin1String("account_sid"), accountSid);
    json.nullField(QLatin1String("annotation"));
    if (answeredBy.isEmpty())
        json.nullField(QLatin1String("answered_by"));
    else
        json.field(QLatin1String("answered_by"), answeredBy);
    json.field(QLatin1String("api_version"), ApiVersion);
    json.nullField(QLatin1String("caller_name"));
    writeDate(json, QLatin1String("date_created"), created);
    writeDate(json, QLatin1String("date_updated"), updated);
    json.field(QLatin1String("direction"), OutboundApi);
    if (CallStatus::isFinal(status))
        json.field(QLatin1String("duration"), QString::number(durationSeconds));
    else
        json.nullField(QLatin1String("duration"));
    writeDateOrNull(json, QLatin1String("end_time"), ended);
    json.nullField(QLatin1String("forwarded_from"));
    json.field(QLatin1String("from"), from);
    json.field(QLatin1String("from_formatted"), formatted(from));
    json.nullField(QLatin1String("group_sid"));
    json.nullField(QLatin1String("parent_call_sid"));
    json.field(QLatin1String("phone_number_sid"), phoneNumberSid);
    json.nullField(QLatin1String("price"));
    json.field(QLatin1String("price_unit"), QLatin1String("USD"));
    json.field(QLatin1String("queue_time"), QLatin1String("0"));
    json.field(QLatin1String("sid"), sid);
    writeDateOrNull(json, QLatin1String("start_time"), started);
    json.field(QLatin1String("status"), status);
    json.key(QLatin1String("subresource_uris"));
    json.beginObject();
    for (const auto &[key, file] : Subresources)
        json.field(key, uri(file));
    json.endObject();
    json.field(QLatin1String("to"), to);
    json.field(QLatin1String("to_formatted"), formatted(to));
    json.nullField(QLatin1String("trunk_sid"));
    json.field(QLatin1String("uri"), uri(QLatin1String(".json")));
    json.endObject();
    return body;
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
        {QStringLiteral("answered_by"),
         answeredBy.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(answeredBy)},
        {QStringLiteral("machine"),
         machine.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(machine)},
        {QStringLiteral("recorded"), QJsonArray::fromStringList(recorded)},
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
    view.answeredBy = answeredBy;
    view.machine = machine;
    view.recorded = recorded;
    view.created = created;
    return view;
}

void SimulatedCallRecord::squeeze()
{
    transcript.squeeze();
    transcriptLanguages.squeeze();
    digits.squeeze();
    recorded.squeeze();
}

} // namespace flux

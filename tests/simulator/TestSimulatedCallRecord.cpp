// Holds the simulator's hand-written Call resource and Twilio dates to what Qt wrote for them
// before: the resource as a QJsonObject through QJsonDocument, the dates through QLocale.
#include "calls/CallStatus.h"
#include "simulator/SimulatedCallRecord.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRandomGenerator>
#include <QTimeZone>
#include <QtTest>

using namespace flux;

Q_DECLARE_METATYPE(flux::SimulatedCallRecord)

namespace {

const QString AccountSid = QStringLiteral("AC0123456789abcdef0123456789abcdef");
const QString PhoneNumberSid = QStringLiteral("PN0123456789abcdef0123456789abcdef");

QString qtDate(const QDateTime &time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss")) +
           QStringLiteral(" +0000");
}

QJsonValue qtDateOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(qtDate(time)) : QJsonValue(QJsonValue::Null);
}

QString qtFormatted(const QString &number)
{
    if (number.size() == 12 && number.startsWith(QLatin1String("+1")))
        return QStringLiteral("(%1) %2-%3").arg(number.mid(2, 3), number.mid(5, 3), number.mid(8));
    return number;
}

// The resource as the simulator built it before it wrote the bytes itself.
QByteArray qtResource(const SimulatedCallRecord &call)
{
    const QString uriBase =
        QStringLiteral("/2010-04-01/Accounts/%1/Calls/%2").arg(AccountSid, call.sid);
    QJsonObject subresources;
    for (const char *name :
         {"Events", "Notifications", "Payments", "Recordings", "Siprec", "Streams",
          "Transcriptions", "UserDefinedMessageSubscriptions", "UserDefinedMessages"}) {
        QString key;
        for (const QChar c : QString::fromLatin1(name)) {
            if (c.isUpper() && !key.isEmpty())
                key += QLatin1Char('_');
            key += c.toLower();
        }
        subresources.insert(key, QString(uriBase + QLatin1Char('/') + QLatin1String(name) +
                                         QStringLiteral(".json")));
    }
    const QJsonValue null(QJsonValue::Null);
    const QJsonObject object{
        {QStringLiteral("account_sid"), AccountSid},
        {QStringLiteral("annotation"), null},
        {QStringLiteral("answered_by"), null},
        {QStringLiteral("api_version"), QStringLiteral("2010-04-01")},
        {QStringLiteral("caller_name"), null},
        {QStringLiteral("date_created"), qtDate(call.created)},
        {QStringLiteral("date_updated"), qtDate(call.updated)},
        {QStringLiteral("direction"), QStringLiteral("outbound-api")},
        {QStringLiteral("duration"), CallStatus::isFinal(call.status)
                                         ? QJsonValue(QString::number(call.durationSeconds))
                                         : null},
        {QStringLiteral("end_time"), qtDateOrNull(call.ended)},
        {QStringLiteral("forwarded_from"), null},
        {QStringLiteral("from"), call.from},
        {QStringLiteral("from_formatted"), qtFormatted(call.from)},
        {QStringLiteral("group_sid"), null},
        {QStringLiteral("parent_call_sid"), null},
        {QStringLiteral("phone_number_sid"), PhoneNumberSid},
        {QStringLiteral("price"), null},
        {QStringLiteral("price_unit"), QStringLiteral("USD")},
        {QStringLiteral("queue_time"), QStringLiteral("0")},
        {QStringLiteral("sid"), call.sid},
        {QStringLiteral("start_time"), qtDateOrNull(call.started)},
        {QStringLiteral("status"), call.status},
        {QStringLiteral("subresource_uris"), subresources},
        {QStringLiteral("to"), call.to},
        {QStringLiteral("to_formatted"), qtFormatted(call.to)},
        {QStringLiteral("trunk_sid"), null},
        {QStringLiteral("uri"), QString(uriBase + QStringLiteral(".json"))},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QDateTime utc(int year, int month, int day, int hour, int minute, int second)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

SimulatedCallRecord placed()
{
    SimulatedCallRecord call;
    call.number = 1;
    call.sid = QStringLiteral("CAfedcba9876543210fedcba9876543210");
    call.to = QStringLiteral("+15558675310");
    call.from = QStringLiteral("+15017122661");
    call.status = CallStatus::Queued;
    call.created = utc(2026, 11, 25, 19, 31, 44);
    call.updated = call.created;
    return call;
}

} // namespace

class TestSimulatedCallRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theResourceIsWhatQJsonDocumentWrote_data();
    void theResourceIsWhatQJsonDocumentWrote();
    void theResourceReadsBackAsJson();
    void datesAreWhatQLocaleWrites_data();
    void datesAreWhatQLocaleWrites();
    void randomInstantsOverTenThousandYearsAreWhatQLocaleWrites();
};

void TestSimulatedCallRecord::theResourceIsWhatQJsonDocumentWrote_data()
{
    QTest::addColumn<SimulatedCallRecord>("call");
    QTest::newRow("just placed") << placed();

    SimulatedCallRecord live = placed();
    live.status = CallStatus::InProgress;
    live.started = utc(2026, 11, 25, 19, 31, 45);
    live.updated = utc(2026, 11, 25, 19, 31, 50);
    QTest::newRow("live") << live;

    SimulatedCallRecord ended = live;
    ended.status = CallStatus::Completed;
    ended.ended = utc(2026, 11, 25, 19, 33, 2);
    ended.updated = ended.ended;
    ended.durationSeconds = 72;
    QTest::newRow("ended") << ended;

    SimulatedCallRecord neverAnswered = placed();
    neverAnswered.status = CallStatus::NoAnswer;
    neverAnswered.started = utc(2026, 11, 25, 19, 31, 45);
    neverAnswered.ended = utc(2026, 11, 25, 19, 32, 45);
    neverAnswered.updated = neverAnswered.ended;
    neverAnswered.durationSeconds = 0;
    QTest::newRow("never answered") << neverAnswered;

    SimulatedCallRecord abroad = ended;
    abroad.to = QStringLiteral("+442071838750");
    abroad.status = CallStatus::Failed;
    abroad.started = QDateTime();
    QTest::newRow("abroad, failed before dialling") << abroad;
}

void TestSimulatedCallRecord::theResourceIsWhatQJsonDocumentWrote()
{
    // Twilio clients parsed the QJsonDocument rendering; not a byte may differ.
    QFETCH(SimulatedCallRecord, call);
    QCOMPARE(call.resourceBytes(AccountSid, PhoneNumberSid), qtResource(call));
}

void TestSimulatedCallRecord::theResourceReadsBackAsJson()
{
    SimulatedCallRecord call = placed();
    call.status = CallStatus::Completed;
    call.started = utc(2026, 11, 25, 19, 31, 45);
    call.ended = utc(2026, 11, 25, 19, 33, 2);
    call.durationSeconds = 77;
    QJsonParseError error;
    const QJsonObject read =
        QJsonDocument::fromJson(call.resourceBytes(AccountSid, PhoneNumberSid), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(read.value(QStringLiteral("sid")).toString(), call.sid);
    QCOMPARE(read.value(QStringLiteral("duration")).toString(), QStringLiteral("77"));
    QCOMPARE(read.value(QStringLiteral("to_formatted")).toString(),
             QStringLiteral("(555) 867-5310"));
    QCOMPARE(read.value(QStringLiteral("end_time")).toString(),
             QStringLiteral("Wed, 25 Nov 2026 19:33:02 +0000"));
    QCOMPARE(read.value(QStringLiteral("subresource_uris"))
                 .toObject()
                 .value(QStringLiteral("user_defined_message_subscriptions"))
                 .toString(),
             QStringLiteral("/2010-04-01/Accounts/%1/Calls/%2/UserDefinedMessageSubscriptions.json")
                 .arg(AccountSid, call.sid));
    QCOMPARE(read.value(QStringLiteral("uri")).toString(),
             QStringLiteral("/2010-04-01/Accounts/%1/Calls/%2.json").arg(AccountSid, call.sid));
}

void TestSimulatedCallRecord::datesAreWhatQLocaleWrites_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a call") << utc(2026, 11, 25, 19, 31, 44)
                            << QStringLiteral("Wed, 25 Nov 2026 19:31:44 +0000");
    QTest::newRow("the epoch") << utc(1970, 1, 1, 0, 0, 0)
                               << QStringLiteral("Thu, 01 Jan 1970 00:00:00 +0000");
    QTest::newRow("a second before the epoch")
        << utc(1969, 12, 31, 23, 59, 59) << QStringLiteral("Wed, 31 Dec 1969 23:59:59 +0000");
    QTest::newRow("a leap day") << utc(2024, 2, 29, 12, 0, 0)
                                << QStringLiteral("Thu, 29 Feb 2024 12:00:00 +0000");
    QTest::newRow("milliseconds are cut, not rounded")
        << QDateTime(QDate(2026, 12, 31), QTime(23, 59, 59, 999), Qt::UTC)
        << QStringLiteral("Thu, 31 Dec 2026 23:59:59 +0000");
    QTest::newRow("the first year")
        << utc(1, 1, 1, 0, 0, 0) << QStringLiteral("Mon, 01 Jan 0001 00:00:00 +0000");
    QTest::newRow("Kathmandu, written in UTC")
        << QDateTime(QDate(2026, 3, 29), QTime(1, 30, 15), QTimeZone("Asia/Kathmandu"))
        << QStringLiteral("Sat, 28 Mar 2026 19:45:15 +0000");
    QTest::newRow("eight hours behind, across midnight")
        << QDateTime(QDate(2026, 12, 31), QTime(20, 0, 0), Qt::OffsetFromUTC, -8 * 3600)
        << QStringLiteral("Fri, 01 Jan 2027 04:00:00 +0000");
    QTest::newRow("a year Qt writes with five digits")
        << utc(10000, 1, 1, 0, 0, 0) << qtDate(utc(10000, 1, 1, 0, 0, 0));
    QTest::newRow("before the first year")
        << utc(-1, 12, 31, 23, 59, 59) << qtDate(utc(-1, 12, 31, 23, 59, 59));
    QTest::newRow("invalid") << QDateTime() << qtDate(QDateTime());
}

void TestSimulatedCallRecord::datesAreWhatQLocaleWrites()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);
    QCOMPARE(qtDate(time), expected);
    QCOMPARE(SimulatedCallRecord::twilioDate(time), expected);
}

void TestSimulatedCallRecord::randomInstantsOverTenThousandYearsAreWhatQLocaleWrites()
{
    // Fixed seed: a failure names an instant that fails again.
    QRandomGenerator random(20261126);
    const qint64 first = utc(1, 1, 1, 0, 0, 0).toMSecsSinceEpoch();
    const qint64 last = utc(9999, 12, 31, 23, 59, 59).toMSecsSinceEpoch() + 999;
    const qint64 recent = utc(2020, 1, 1, 0, 0, 0).toMSecsSinceEpoch();
    for (int i = 0; i < 100000; ++i) {
        // Half over every year, half in this decade, where the simulator's calls fall.
        const qint64 msecs = i % 2
                                 ? random.bounded(first, last + 1)
                                 : recent + random.bounded(qint64(0), qint64(10) * 365 * 86400000);
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
        const QString expected = qtDate(time);
        const QString written = SimulatedCallRecord::twilioDate(time);
        if (written != expected)
            QFAIL(qPrintable(
                QStringLiteral("%1 ms: %2, QLocale wrote %3").arg(msecs).arg(written, expected)));
    }
}

QTEST_GUILESS_MAIN(TestSimulatedCallRecord)
#include "TestSimulatedCallRecord.moc"

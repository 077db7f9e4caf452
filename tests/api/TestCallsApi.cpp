// POST /notifications/call and the reads: the seed's contract, every error path, nothing changed.
#include "EngineFixture.h"

#include "api/CallRequestParser.h"
#include "simulator/TwilioSimulator.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString Sid = QStringLiteral("AC0123456789abcdef0123456789abcdef");

Config liveConfig(const QString &apiBase, const QString &accountSid = Sid,
                  const QByteArray &token = "test-token-not-secret",
                  const QString &from = QStringLiteral("+15005550006"))
{
    Config config = EngineFixture::liveConfig(apiBase, accountSid, token, from);
    config.twilioTimeoutMs = 500;
    return config;
}

} // namespace

class TestCallsApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createAnswers201WithTheSeedsFields()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult result = fixture.http.postJson(
            fixture.url(QStringLiteral("/notifications/call")),
            {{QStringLiteral("phone_number"), QStringLiteral("+15555550102")},
             {QStringLiteral("task_title"), QStringLiteral("Check the backups")}});
        QCOMPARE(result.status, 201);
        QVERIFY(result.contentType.startsWith("application/json"));
        const QJsonObject body = result.json();
        // The seed's fields, and the notification the call began (additive).
        QCOMPARE(body.keys(),
                 (QStringList{QStringLiteral("call_sid"), QStringLiteral("initiated_at"),
                              QStringLiteral("message"), QStringLiteral("notification_id"),
                              QStringLiteral("status"), QStringLiteral("to")}));
        QVERIFY(QRegularExpression(QStringLiteral("^NO[0-9a-f]{32}$"))
                    .match(body.value(QStringLiteral("notification_id")).toString())
                    .hasMatch());
        QVERIFY(QRegularExpression(QStringLiteral("^CA[0-9a-f]{32}$"))
                    .match(body.value(QStringLiteral("call_sid")).toString())
                    .hasMatch());
        QCOMPARE(body.value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
        QCOMPARE(body.value(QStringLiteral("to")).toString(), QStringLiteral("+15555550102"));
        QCOMPARE(body.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Call initiated successfully to +15555550102"));
        const QString initiatedAt = body.value(QStringLiteral("initiated_at")).toString();
        QVERIFY2(initiatedAt.endsWith(QLatin1Char('Z')), qPrintable(initiatedAt));
        const QDateTime parsed = QDateTime::fromString(initiatedAt, Qt::ISODateWithMs);
        QVERIFY(parsed.isValid());
        QVERIFY(qAbs(parsed.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    }

    void invalidBodiesAnswer422AndChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("type");
        const QByteArray json = "application/json";
        const QString tooLong(CallRequest::maxTitleLength() + 1, QLatin1Char('x'));
        QTest::newRow("phone not E.164")
            << QByteArray("{\"phone_number\":\"4155551234\",\"task_title\":\"t\"}") << json
            << "phone_number"
            << "value_error";
        QTest::newRow("phone with leading zero")
            << QByteArray("{\"phone_number\":\"+0155551234\",\"task_title\":\"t\"}") << json
            << "phone_number"
            << "value_error";
        QTest::newRow("phone missing")
            << QByteArray("{\"task_title\":\"t\"}") << json << "phone_number"
            << "missing";
        QTest::newRow("phone a number")
            << QByteArray("{\"phone_number\":14155551234,\"task_title\":\"t\"}") << json
            << "phone_number"
            << "string_type";
        QTest::newRow("title missing")
            << QByteArray("{\"phone_number\":\"+14155551234\"}") << json << "task_title"
            << "missing";
        QTest::newRow("title blank")
            << QByteArray("{\"phone_number\":\"+14155551234\",\"task_title\":\"   \"}") << json
            << "task_title"
            << "value_error";
        QTest::newRow("title null")
            << QByteArray("{\"phone_number\":\"+14155551234\",\"task_title\":null}") << json
            << "task_title"
            << "string_type";
        QTest::newRow("title too long for Say")
            << ("{\"phone_number\":\"+14155551234\",\"task_title\":\"" + tooLong.toLatin1() + "\"}")
            << json << "task_title"
            << "string_too_long";
        QTest::newRow("title control char")
            << QByteArray("{\"phone_number\":\"+14155551234\",\"task_title\":\"a\\u0001b\"}")
            << json << "task_title"
            << "value_error";
        QTest::newRow("task id too long")
            << ("{\"phone_number\":\"+14155551234\",\"task_title\":\"t\",\"task_id\":\"" +
                QByteArray(CallRequest::MaxTaskIdLength + 1, 'i') + "\"}")
            << json << "task_id"
            << "string_too_long";
        QTest::newRow("task id a number")
            << QByteArray("{\"phone_number\":\"+14155551234\",\"task_title\":\"t\",\"task_id\":7}")
            << json << "task_id"
            << "string_type";
        QTest::newRow("malformed JSON") << QByteArray("{\"phone_number\": \"+1415") << json << ""
                                        << "json_invalid";
        QTest::newRow("empty body") << QByteArray() << json << ""
                                    << "json_invalid";
        QTest::newRow("array body") << QByteArray("[\"+14155551234\",\"t\"]") << json << ""
                                    << "model_attributes_type";
        QTest::newRow("string body") << QByteArray("\"hello\"") << json << ""
                                     << "model_attributes_type";
        QTest::newRow("form content type") << QByteArray("phone_number=%2B14155551234&task_title=t")
                                           << QByteArray("application/x-www-form-urlencoded") << ""
                                           << "model_attributes_type";
    }
    void invalidBodiesAnswer422AndChangeNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QString, field);
        QFETCH(QString, type);
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult result = fixture.http.post(
            fixture.url(QStringLiteral("/notifications/call")), body, contentType);
        QCOMPARE(result.status, 422);
        const QJsonArray detail = result.json().value(QStringLiteral("detail")).toArray();
        QVERIFY2(!detail.isEmpty(), result.body.constData());
        bool found = false;
        for (const QJsonValue &value : detail) {
            const QJsonObject error = value.toObject();
            const QJsonArray loc = error.value(QStringLiteral("loc")).toArray();
            QCOMPARE(loc.first().toString(), QStringLiteral("body"));
            QVERIFY(!error.value(QStringLiteral("msg")).toString().isEmpty());
            if (error.value(QStringLiteral("type")).toString() == type &&
                (field.isEmpty() || loc.at(1).toString() == field))
                found = true;
        }
        QVERIFY2(found, result.body.constData());
        QCOMPARE(fixture.callCount(), 0);
    }

    void allMissingFieldsAreReportedTogether()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        const HttpResult result =
            fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")), {});
        QCOMPARE(result.status, 422);
        QCOMPARE(result.json().value(QStringLiteral("detail")).toArray().size(), 2);
    }

    void liveModeWithoutTwilioAnswers503()
    {
        Config config = liveConfig(QStringLiteral("http://127.0.0.1:9"), {}, {}, {});
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult result =
            fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")),
                                  {{QStringLiteral("phone_number"), QStringLiteral("+14155551234")},
                                   {QStringLiteral("task_title"), QStringLiteral("t")}});
        QCOMPARE(result.status, 503);
        QVERIFY(result.json()
                    .value(QStringLiteral("detail"))
                    .toString()
                    .contains(QStringLiteral("TWILIO_ACCOUNT_SID")));
        QCOMPARE(fixture.callCount(), 0);
    }

    void twilioRefusalAnswers500WithTwilioCode_data()
    {
        QTest::addColumn<bool>("wrongToken");
        QTest::addColumn<QString>("code");
        QTest::newRow("bad credentials") << true << "20003";
        QTest::newRow("caller number not owned") << false << "21210";
    }
    void twilioRefusalAnswers500WithTwilioCode()
    {
        QFETCH(bool, wrongToken);
        QFETCH(QString, code);
        TwilioSimulator twilio({QHostAddress::LocalHost, 0, 25.0});
        QVERIFY(twilio.start().ok());
        const QByteArray token = wrongToken ? QByteArray("wrong-token") : twilio.authToken();
        const QString from = wrongToken ? twilio.phoneNumber() : QStringLiteral("+14155550000");
        EngineFixture fixture(liveConfig(twilio.baseUrl(), twilio.accountSid(), token, from));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult result =
            fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")),
                                  {{QStringLiteral("phone_number"), QStringLiteral("+14155551234")},
                                   {QStringLiteral("task_title"), QStringLiteral("t")}});
        QCOMPARE(result.status, 500);
        const QString detail = result.json().value(QStringLiteral("detail")).toString();
        QVERIFY2(detail.contains(code), qPrintable(detail));
        QVERIFY(!detail.contains(QString::fromLatin1(twilio.authToken())));
        QCOMPARE(fixture.callCount(), 0);
    }

    void unreachableTwilioAnswers500()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        EngineFixture fixture(liveConfig(QStringLiteral("http://127.0.0.1:%1").arg(closedPort)));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult result =
            fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")),
                                  {{QStringLiteral("phone_number"), QStringLiteral("+14155551234")},
                                   {QStringLiteral("task_title"), QStringLiteral("t")}});
        QCOMPARE(result.status, 500);
        QVERIFY2(result.json()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QStringLiteral("Could not reach Twilio")),
                 result.body.constData());
    }

    void silentTwilioAnswers500WithinTheTimeout()
    {
        QTcpServer silent; // accepts connections and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        EngineFixture fixture(
            liveConfig(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        QElapsedTimer timer;
        timer.start();
        const HttpResult result =
            fixture.http.postJson(fixture.url(QStringLiteral("/notifications/call")),
                                  {{QStringLiteral("phone_number"), QStringLiteral("+14155551234")},
                                   {QStringLiteral("task_title"), QStringLiteral("t")}});
        QCOMPARE(result.status, 500);
        QVERIFY2(result.json()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QStringLiteral("did not answer")),
                 result.body.constData());
        QVERIFY2(timer.elapsed() < 5000, "the configured 500 ms timeout must bound the wait");
    }

    void readsShowTheCallAndListNewestFirst()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        const QString first =
            fixture.placeCall(QStringLiteral("+15555550104"), QStringLiteral("First"));
        const QString second = fixture.placeCall(QStringLiteral("+15555550104"),
                                                 QStringLiteral("Second"), QStringLiteral("T-2"));
        QVERIFY(!first.isEmpty() && !second.isEmpty());

        const QJsonObject call = fixture.call(second);
        QCOMPARE(call.value(QStringLiteral("call_sid")).toString(), second);
        QCOMPARE(call.value(QStringLiteral("task_title")).toString(), QStringLiteral("Second"));
        QCOMPARE(call.value(QStringLiteral("task_id")).toString(), QStringLiteral("T-2"));
        QCOMPARE(call.value(QStringLiteral("to")).toString(), QStringLiteral("+15555550104"));
        QVERIFY(!call.value(QStringLiteral("events")).toArray().isEmpty());

        const QJsonArray calls =
            fixture.http.get(fixture.url(QStringLiteral("/notifications/calls")))
                .json()
                .value(QStringLiteral("calls"))
                .toArray();
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0).toObject().value(QStringLiteral("call_sid")).toString(), second);
        QCOMPARE(calls.at(1).toObject().value(QStringLiteral("call_sid")).toString(), first);
        const QJsonArray limited =
            fixture.http.get(fixture.url(QStringLiteral("/notifications/calls?limit=1")))
                .json()
                .value(QStringLiteral("calls"))
                .toArray();
        QCOMPARE(limited.size(), 1);
        QCOMPARE(
            fixture.http.get(fixture.url(QStringLiteral("/notifications/calls?limit=0"))).status,
            422);
        QCOMPARE(
            fixture.http.get(fixture.url(QStringLiteral("/notifications/calls?limit=abc"))).status,
            422);
    }

    void unknownCallPathAndMethodAreTold()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        QCOMPARE(fixture.http
                     .get(fixture.url(
                         QStringLiteral("/notifications/call/CA00000000000000000000000000000000")))
                     .status,
                 404);
        QCOMPARE(fixture.http.get(fixture.url(QStringLiteral("/nowhere"))).status, 404);
        // Only POST places a call; GET on the same path is told so.
        QCOMPARE(fixture.http.get(fixture.url(QStringLiteral("/notifications/call"))).status, 405);
    }

    void healthTellsModeAndWebhookUrl()
    {
        EngineFixture fixture;
        QVERIFY(fixture.started());
        const HttpResult result = fixture.http.get(fixture.url(QStringLiteral("/healthz")));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json().value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(result.json().value(QStringLiteral("mode")).toString(),
                 QStringLiteral("simulator"));
        QCOMPARE(result.json().value(QStringLiteral("webhook_base_url")).toString(),
                 fixture.engine().listenUrl());
        QCOMPARE(result.json().value(QStringLiteral("simulator_url")).toString(),
                 fixture.engine().simulator()->baseUrl());
    }
};

QTEST_GUILESS_MAIN(TestCallsApi)
#include "TestCallsApi.moc"

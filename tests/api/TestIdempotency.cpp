// The Idempotency-Key header of POST /notifications/call, against a real engine (simulator
// mode, real SQLite file): a repeat is answered as the first was and places nothing, also after
// a restart; another body with the same key is refused; a bad key is a 422 naming the header.
#include "EngineFixture.h"

#include "simulator/FaultPlan.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {

const QByteArray Body = R"({"phone_number": "+15551230001", "task_title": "Backup failed"})";
// The same request spelled differently: other key order, other whitespace.
const QByteArray SameBodyRespelled =
    R"({ "task_title":"Backup failed",   "phone_number":"+15551230001" })";
const QByteArray OtherBody = R"({"phone_number": "+15551230001", "task_title": "Disk full"})";

HttpResult create(EngineFixture &fixture, const QByteArray &body, const QByteArray &key)
{
    LoopbackClient::Headers headers;
    if (!key.isNull())
        headers.append({"Idempotency-Key", key});
    return fixture.http.post(fixture.url(QStringLiteral("/notifications/call")), body,
                             "application/json", headers);
}

QByteArray header(const HttpResult &result, const QByteArray &name)
{
    for (const auto &[key, value] : result.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QJsonArray detail(const HttpResult &result)
{
    return result.json().value(QStringLiteral("detail")).toArray();
}

} // namespace

class TestIdempotency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRepeatIsAnsweredAsTheFirstWasAndPlacesNothing()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult first = create(fixture, Body, "retry-safe-1");
        QCOMPARE(first.status, 201);
        QVERIFY(header(first, "Idempotent-Replayed").isEmpty());
        QCOMPARE(fixture.callCount(), 1);

        const HttpResult again = create(fixture, SameBodyRespelled, "retry-safe-1");
        QCOMPARE(again.status, 201);
        QCOMPARE(again.body, first.body);
        QCOMPARE(header(again, "Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(fixture.callCount(), 1);

        // Another key, or none, is another request.
        QCOMPARE(create(fixture, Body, "retry-safe-2").status, 201);
        QCOMPARE(create(fixture, Body, QByteArray()).status, 201);
        QCOMPARE(fixture.callCount(), 3);
    }

    void theSameKeyWithAnotherBodyIsA422NamingTheHeader()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        QCOMPARE(create(fixture, Body, "reused-key").status, 201);
        const HttpResult other = create(fixture, OtherBody, "reused-key");
        QCOMPARE(other.status, 422);
        QCOMPARE(detail(other).size(), 1);
        const QJsonObject error = detail(other).at(0).toObject();
        QCOMPARE(error.value(QStringLiteral("loc")).toArray(),
                 QJsonArray({QStringLiteral("header"), QStringLiteral("Idempotency-Key")}));
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("value_error"));
        QCOMPARE(fixture.callCount(), 1);
    }

    void aBadKeyIsA422AndPlacesNothing_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("blank") << QByteArray("   ");
        QTest::newRow("too long") << QByteArray(256, 'k');
        QTest::newRow("not visible ASCII") << QByteArray("caf\xc3\xa9");
        QTest::newRow("inner space") << QByteArray("two words");
    }

    void aBadKeyIsA422AndPlacesNothing()
    {
        QFETCH(QByteArray, key);
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult refused = create(fixture, Body, key);
        QCOMPARE(refused.status, 422);
        QCOMPARE(detail(refused).at(0).toObject().value(QStringLiteral("loc")).toArray().at(1),
                 QJsonValue(QStringLiteral("Idempotency-Key")));
        QCOMPARE(fixture.callCount(), 0);
        // The longest key allowed is fine.
        QCOMPARE(create(fixture, Body, QByteArray(255, 'k')).status, 201);
    }

    void aBadBodyIsRefusedAndDoesNotTakeTheKey()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        QCOMPARE(
            create(fixture, R"({"phone_number": "not a number", "task_title": "x"})", "fixed-later")
                .status,
            422);
        QCOMPARE(create(fixture, Body, "fixed-later").status, 201);
        QCOMPARE(fixture.callCount(), 1);
    }

    void keysSurviveARestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QByteArray firstBody;
        {
            EngineFixture fixture(EngineFixture::simulatorConfig(dir.path()));
            QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
            const HttpResult first = create(fixture, Body, "survives-restart");
            QCOMPARE(first.status, 201);
            firstBody = first.body;
        }
        EngineFixture fixture(EngineFixture::simulatorConfig(dir.path()));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const HttpResult again = create(fixture, Body, "survives-restart");
        QCOMPARE(again.status, 201);
        QCOMPARE(again.body, firstBody);
        QCOMPARE(header(again, "Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(create(fixture, OtherBody, "survives-restart").status, 422);
        QCOMPARE(fixture.callCount(), 1);
    }

    void aFailedRequestFreesItsKeyForTheRetry()
    {
        // Twilio refuses the create (after the notification and its key were stored): the error
        // is not kept, so the client's retry with the same key places the call.
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        FaultPlan::CreateFault refused;
        refused.status = 400;
        fixture.engine().simulator()->faults().failCreates(1, refused);
        const HttpResult failed = create(fixture, Body, "after-an-error");
        QCOMPARE(failed.status, 500);
        QCOMPARE(fixture.callCount(), 0);

        const HttpResult retried = create(fixture, Body, "after-an-error");
        QCOMPARE(retried.status, 201);
        QVERIFY(header(retried, "Idempotent-Replayed").isEmpty());
        QCOMPARE(fixture.callCount(), 1);
        QCOMPARE(create(fixture, Body, "after-an-error").body, retried.body);
        QCOMPARE(fixture.callCount(), 1);
    }

    void aKeyStaysTakenWhileTwilioMayHavePlacedTheCall()
    {
        // No answer from Twilio: the call may be ringing, so the request's error must not free
        // the key; a repeat hears 409 and the notification, and places nothing.
        Config config = EngineFixture::simulatorConfig({});
        config.twilioTimeoutMs = 300;
        config.twilioAttempts = 1;
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        FaultPlan::CreateFault silent;
        silent.hang = true;
        fixture.engine().simulator()->faults().failCreates(1, silent);
        QCOMPARE(create(fixture, Body, "no-answer").status, 500);
        const HttpResult repeat = create(fixture, Body, "no-answer");
        QCOMPARE(repeat.status, 409);
        QVERIFY2(repeat.json()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QLatin1String("/notifications/NO")),
                 repeat.body.constData());
        QCOMPARE(fixture.engine().simulator()->faults().createsSeen(), 1);
    }
};

QTEST_GUILESS_MAIN(TestIdempotency)
#include "TestIdempotency.moc"

// Outcome webhooks through the real engine in simulator mode, over real HTTP to a receiver on
// loopback: each outcome is POSTed once it is reached, signed, with one event id on every try,
// tried again after failures, stopped by a 410, never redirected; and a request's callback_url
// is checked before anything is stored.
#include "EngineFixture.h"
#include "OutcomeReceiver.h"

#include "calls/OutcomeEvent.h"
#include "simulator/ScriptedNumbers.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QByteArray Secret = "outcome-test-secret-0123456789abcdef";
// A person at an unlisted number: answers by themself and presses nothing unless told.
const QString Person = QStringLiteral("+15555559999");
constexpr double Speed = 200.0;
constexpr int RetryBaseMs = 150;

QStringList field(const QJsonArray &items, const QString &name)
{
    QStringList values;
    for (const QJsonValue &item : items)
        values.append(item.toObject().value(name).toVariant().toString());
    return values;
}
} // namespace

class TestOutcomeWebhooks : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineFixture> m_fixture;

    EngineFixture &fixture() { return *m_fixture; }

    // An engine whose every outcome goes to `globalUrl` (may be empty).
    void startEngine(const QString &globalUrl, const QStringList &allowedHosts = {},
                     const QString &dataDir = {})
    {
        Config config = EngineFixture::simulatorConfig(dataDir, Speed);
        config.outcomeWebhookUrl = globalUrl;
        config.outcomeWebhookSecret = Secret;
        config.outcomeRetryBaseMs = RetryBaseMs;
        config.callbackAllowedHosts = allowedHosts;
        m_fixture = std::make_unique<EngineFixture>(config);
        QVERIFY2(fixture().started(), qPrintable(fixture().startError()));
    }

    HttpResult post(const QString &number, const QString &callbackUrl = {})
    {
        QJsonObject body{{QStringLiteral("phone_number"), number},
                         {QStringLiteral("task_title"), QStringLiteral("Disk full")},
                         {QStringLiteral("task_id"), QStringLiteral("TASK-7")}};
        if (!callbackUrl.isEmpty())
            body.insert(QStringLiteral("callback_url"), callbackUrl);
        return fixture().http.postJson(fixture().url(QStringLiteral("/notifications/call")), body);
    }

    QString notify(const QString &number, const QString &callbackUrl = {})
    {
        const HttpResult created = post(number, callbackUrl);
        if (created.status != 201)
            qWarning().noquote() << "POST /notifications/call:" << created.status << created.body;
        return created.json().value(QStringLiteral("notification_id")).toString();
    }

    QJsonArray deliveries(const QString &id)
    {
        return fixture().notification(id).value(QStringLiteral("deliveries")).toArray();
    }

    static void verifyLoc(const HttpResult &result, const QString &field)
    {
        QCOMPARE(result.status, 422);
        const QJsonArray loc = result.json()
                                   .value(QStringLiteral("detail"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("loc"))
                                   .toArray();
        QCOMPARE(loc, (QJsonArray{QStringLiteral("body"), field}));
    }

private Q_SLOTS:
    void cleanup() { m_fixture.reset(); }

    void aReceiverFailingTwiceGetsTheSameSignedEventThreeTimes()
    {
        OutcomeReceiver receiver;
        QVERIFY(receiver.port() != 0);
        receiver.script = {500, 500, 200};
        startEngine(receiver.url());
        const QString id = notify(ScriptedNumbers::PressesOne);
        QVERIFY(!id.isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(receiver.posts.size(), 3, 20000);
        const QString eventId = receiver.posts.first().eventId();
        QVERIFY2(eventId.startsWith(QLatin1String("EV")) && eventId.size() == 34,
                 qPrintable(eventId));
        for (const OutcomePost &p : std::as_const(receiver.posts)) {
            QCOMPARE(p.eventId(), eventId);
            QCOMPARE(p.body, receiver.posts.first().body); // the same bytes on every try
            QVERIFY2(OutcomeReceiver::verify(p.signature, p.body, Secret, p.receivedAtSecs),
                     p.signature.constData());
            QVERIFY(!OutcomeReceiver::verify(p.signature, p.body + ' ', Secret, p.receivedAtSecs));
            QVERIFY(!OutcomeReceiver::verify(p.signature, p.body, "other", p.receivedAtSecs));
        }
        // A receiver refuses an old timestamp, however well signed.
        const OutcomePost &last = receiver.posts.last();
        QVERIFY(
            !OutcomeReceiver::verify(last.signature, last.body, Secret, last.receivedAtSecs + 301));

        const QJsonObject event = receiver.posts.first().json();
        QCOMPARE(event.value(QStringLiteral("type")).toString(), OutcomeEventType::Acknowledged);
        QVERIFY(QDateTime::fromString(event.value(QStringLiteral("created_at")).toString(),
                                      Qt::ISODateWithMs)
                    .isValid());
        const QJsonObject n = event.value(QStringLiteral("notification")).toObject();
        QCOMPARE(n.value(QStringLiteral("notification_id")).toString(), id);
        QCOMPARE(n.value(QStringLiteral("task_id")).toString(), QStringLiteral("TASK-7"));
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(n.value(QStringLiteral("acknowledged_by")).toString(),
                 ScriptedNumbers::PressesOne);
        const QJsonArray calls = n.value(QStringLiteral("calls")).toArray();
        QCOMPARE(calls.size(), 1);
        QVERIFY(calls.first()
                    .toObject()
                    .value(QStringLiteral("call_sid"))
                    .toString()
                    .startsWith(QLatin1String("CA")));

        // The API shows every try; nothing more is sent once one succeeded.
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  QStringList{DeliveryState::Delivered}, 5000);
        const QJsonObject delivery = deliveries(id).first().toObject();
        QCOMPARE(delivery.value(QStringLiteral("event_id")).toString(), eventId);
        QCOMPARE(delivery.value(QStringLiteral("url")).toString(), receiver.url());
        const QJsonArray attempts = delivery.value(QStringLiteral("attempts")).toArray();
        QCOMPARE(
            field(attempts, QStringLiteral("status")),
            (QStringList{QStringLiteral("500"), QStringLiteral("500"), QStringLiteral("200")}));
        QCOMPARE(field(attempts, QStringLiteral("error")),
                 (QStringList{QStringLiteral("HTTP 500"), QStringLiteral("HTTP 500"), QString()}));
        QTest::qWait(4 * RetryBaseMs);
        QCOMPARE(receiver.posts.size(), 3);
    }

    void aGoneReceiverIsNotTriedAgain()
    {
        OutcomeReceiver receiver;
        receiver.script = {410};
        startEngine(receiver.url());
        const QString id = notify(ScriptedNumbers::PressesOne);
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  QStringList{DeliveryState::Gone}, 20000);
        QTest::qWait(8 * RetryBaseMs);
        QCOMPARE(receiver.posts.size(), 1);
    }

    void aRefusedConnectionIsTriedAgain()
    {
        quint16 port = 0;
        {
            OutcomeReceiver probe;
            port = probe.port();
        }
        startEngine(QStringLiteral("http://127.0.0.1:%1/outcome").arg(port));
        const QString id = notify(ScriptedNumbers::PressesOne);
        QTRY_VERIFY_WITH_TIMEOUT(
            deliveries(id).first().toObject().value(QStringLiteral("attempts")).toArray().size() >=
                2,
            20000);
        const QJsonObject delivery = deliveries(id).first().toObject();
        QCOMPARE(delivery.value(QStringLiteral("state")).toString(), DeliveryState::Pending);
        const QJsonObject first =
            delivery.value(QStringLiteral("attempts")).toArray().first().toObject();
        QVERIFY(first.value(QStringLiteral("status")).isNull());
        QCOMPARE(first.value(QStringLiteral("error")).toString(),
                 QStringLiteral("connection refused"));

        // Up again: the next try delivers the same event.
        OutcomeReceiver receiver(port);
        QVERIFY(receiver.port() == port);
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  QStringList{DeliveryState::Delivered}, 20000);
        QCOMPARE(receiver.posts.size(), 1);
        QCOMPARE(receiver.posts.first().eventId(),
                 delivery.value(QStringLiteral("event_id")).toString());
    }

    void aRedirectIsNotFollowed()
    {
        OutcomeReceiver elsewhere;
        OutcomeReceiver receiver;
        receiver.script = {302};
        receiver.redirectTo = elsewhere.url();
        startEngine({});
        const QString id = notify(ScriptedNumbers::PressesOne, receiver.url());
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  QStringList{DeliveryState::Delivered}, 20000);
        QCOMPARE(receiver.posts.size(), 2);
        QCOMPARE(elsewhere.posts.size(), 0);
        const QJsonObject first = deliveries(id)
                                      .first()
                                      .toObject()
                                      .value(QStringLiteral("attempts"))
                                      .toArray()
                                      .first()
                                      .toObject();
        QCOMPARE(first.value(QStringLiteral("status")).toInt(), 302);
        QVERIFY(
            first.value(QStringLiteral("error")).toString().contains(QLatin1String("redirect")));
    }

    void eachOutcomeHasItsType_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<bool>("cancel");
        QTest::addColumn<QString>("type");
        QTest::newRow("acknowledged")
            << ScriptedNumbers::PressesOne << false << OutcomeEventType::Acknowledged;
        QTest::newRow("not acknowledged")
            << ScriptedNumbers::Busy << false << OutcomeEventType::NotAcknowledged;
        QTest::newRow("canceled") << Person << true << OutcomeEventType::Canceled;
    }
    void eachOutcomeHasItsType()
    {
        QFETCH(QString, number);
        QFETCH(bool, cancel);
        QFETCH(QString, type);
        OutcomeReceiver global;
        OutcomeReceiver own;
        startEngine(global.url());
        // A request's callback_url and the global URL both hear it.
        const QString id = notify(number, own.url(QStringLiteral("/mine?token=abc")));
        QVERIFY(!id.isEmpty());
        if (cancel) {
            QTest::qWait(200);
            QCOMPARE(global.posts.size(), 0); // nothing while it is open
            const HttpResult canceled = fixture().http.post(
                fixture().url(QStringLiteral("/notifications/%1/cancel").arg(id)), {},
                "application/json");
            QCOMPARE(canceled.status, 200);
        }
        QTRY_COMPARE_WITH_TIMEOUT(global.posts.size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(own.posts.size(), 1, 5000);
        QCOMPARE(own.posts.first().path, QByteArray("/mine"));
        QCOMPARE(global.posts.first().eventId(), own.posts.first().eventId());
        QCOMPARE(global.posts.first().json().value(QStringLiteral("type")).toString(), type);
        QTRY_COMPARE_WITH_TIMEOUT(
            field(deliveries(id), QStringLiteral("url")),
            (QStringList{own.url(QStringLiteral("/mine?token=abc")), global.url()}), 5000);
    }

    void deliverAgainSendsTheSameEventOnceMore()
    {
        OutcomeReceiver receiver;
        startEngine(receiver.url());
        const QString id = notify(ScriptedNumbers::PressesOne);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.posts.size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  QStringList{DeliveryState::Delivered}, 5000);
        const HttpResult again =
            fixture().http.post(fixture().url(QStringLiteral("/notifications/%1/deliver").arg(id)),
                                {}, "application/json");
        QCOMPARE(again.status, 202);
        QCOMPARE(field(again.json().value(QStringLiteral("deliveries")).toArray(),
                       QStringLiteral("state")),
                 QStringList{DeliveryState::Pending});
        QTRY_COMPARE_WITH_TIMEOUT(receiver.posts.size(), 2, 5000);
        QCOMPARE(receiver.posts.last().eventId(), receiver.posts.first().eventId());
        QCOMPARE(receiver.posts.last().body, receiver.posts.first().body);
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  QStringList{DeliveryState::Delivered}, 5000);

        const HttpResult unknown =
            fixture().http.post(fixture().url(QStringLiteral("/notifications/NOnothing/deliver")),
                                {}, "application/json");
        QCOMPARE(unknown.status, 404);
        const QString open = notify(Person);
        const HttpResult notYet = fixture().http.post(
            fixture().url(QStringLiteral("/notifications/%1/deliver").arg(open)), {},
            "application/json");
        QCOMPARE(notYet.status, 409);
        QCOMPARE(deliveries(open), QJsonArray());
    }

    void deliverAgainAlsoReachesAReceiverConfiguredSinceTheClose()
    {
        QTemporaryDir dir;
        OutcomeReceiver own;
        startEngine({}, {}, dir.path());
        const QString id = notify(ScriptedNumbers::PressesOne, own.url());
        QTRY_COMPARE_WITH_TIMEOUT(own.posts.size(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  QStringList{DeliveryState::Delivered}, 5000);

        // The desk restarts with FLUX_OUTCOME_WEBHOOK_URL set: "deliver again" sends the same
        // event to the request's receiver and to the new one.
        OutcomeReceiver global;
        m_fixture.reset();
        startEngine(global.url(), {}, dir.path());
        const HttpResult again =
            fixture().http.post(fixture().url(QStringLiteral("/notifications/%1/deliver").arg(id)),
                                {}, "application/json");
        QCOMPARE(again.status, 202);
        QCOMPARE(field(again.json().value(QStringLiteral("deliveries")).toArray(),
                       QStringLiteral("url")),
                 (QStringList{own.url(), global.url()}));
        QTRY_COMPARE_WITH_TIMEOUT(global.posts.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(own.posts.size(), 2, 5000);
        QCOMPARE(global.posts.first().eventId(), own.posts.first().eventId());
        QCOMPARE(global.posts.first().body, own.posts.first().body);
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  (QStringList{DeliveryState::Delivered, DeliveryState::Delivered}),
                                  5000);
    }

    void aTryTheStoreWillNotRecordIsNotRepeatedInATightLoop()
    {
        OutcomeReceiver receiver;
        startEngine(receiver.url());
        // Another connection to the store file makes every record of a try fail, as a full
        // disk would: the delivery stays due, and each pass sends it again.
        const QString connection = QStringLiteral("intruder");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(fixture().engine().storePath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER refuse_try BEFORE INSERT ON"
                                           " outcome_delivery_attempts BEGIN"
                                           " SELECT RAISE(ABORT, 'disk full'); END")),
                     qPrintable(q.lastError().text()));
        }
        const QString id = notify(ScriptedNumbers::PressesOne);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.posts.size(), 1, 20000);
        QTest::qWait(3000);
        // Passes 1 s apart, doubling (with jitter down to half): at most 4 more in 3 s, where
        // a pass at once after each failure would have sent hundreds.
        const qsizetype sent = receiver.posts.size();
        QVERIFY2(sent >= 2 && sent <= 5, qPrintable(QString::number(sent)));
        QCOMPARE(field(deliveries(id), QStringLiteral("state")),
                 QStringList{DeliveryState::Pending});

        {
            QSqlQuery q(QSqlDatabase::database(connection));
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER refuse_try")));
        }
        QSqlDatabase::removeDatabase(connection);
        // The next pass records its try: delivered, the same event every time.
        QTRY_COMPARE_WITH_TIMEOUT(field(deliveries(id), QStringLiteral("state")),
                                  QStringList{DeliveryState::Delivered}, 15000);
        for (const OutcomePost &post : receiver.posts)
            QCOMPARE(post.eventId(), receiver.posts.first().eventId());
    }

    void aCallbackUrlMustBeHttpOrHttps_data()
    {
        QTest::addColumn<QJsonValue>("url");
        QTest::newRow("ftp") << QJsonValue(QStringLiteral("ftp://hooks.example.com/x"));
        QTest::newRow("file") << QJsonValue(QStringLiteral("file:///etc/passwd"));
        QTest::newRow("relative") << QJsonValue(QStringLiteral("/outcome"));
        QTest::newRow("no host") << QJsonValue(QStringLiteral("http://"));
        QTest::newRow("not a url") << QJsonValue(QStringLiteral("hooks example com"));
        QTest::newRow("user info") << QJsonValue(QStringLiteral("https://u:p@hooks.example.com/"));
        QTest::newRow("number") << QJsonValue(42);
    }
    void aCallbackUrlMustBeHttpOrHttps()
    {
        QFETCH(QJsonValue, url);
        startEngine({});
        const QJsonObject body{{QStringLiteral("phone_number"), ScriptedNumbers::PressesOne},
                               {QStringLiteral("task_title"), QStringLiteral("Disk full")},
                               {QStringLiteral("callback_url"), url}};
        verifyLoc(
            fixture().http.postJson(fixture().url(QStringLiteral("/notifications/call")), body),
            QStringLiteral("callback_url"));
        QCOMPARE(fixture()
                     .http.get(fixture().url(QStringLiteral("/notifications")))
                     .json()
                     .value(QStringLiteral("notifications"))
                     .toArray()
                     .size(),
                 0);
    }

    void aCallbackUrlMustNameAnAllowedHost()
    {
        OutcomeReceiver receiver;
        startEngine({}, {QStringLiteral("hooks.example.com"), QStringLiteral("127.0.0.1")});
        verifyLoc(post(ScriptedNumbers::PressesOne, QStringLiteral("https://evil.example.com/x")),
                  QStringLiteral("callback_url"));
        verifyLoc(post(ScriptedNumbers::PressesOne, QStringLiteral("http://localhost:1/x")),
                  QStringLiteral("callback_url"));
        const QString id = notify(ScriptedNumbers::PressesOne, receiver.url());
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(receiver.posts.size(), 1, 20000);
    }
};

QTEST_GUILESS_MAIN(TestOutcomeWebhooks)
#include "TestOutcomeWebhooks.moc"

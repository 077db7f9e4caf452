// A call placed before a restart still takes its later webhooks: the store is the memory.
// The Twilio side (the simulator, as a separate peer) keeps running while the engine restarts.
#include "EngineFixture.h"

#include "simulator/TwilioSimulator.h"

#include <QTcpServer>
#include <QTest>

using namespace flux;
using namespace flux::test;

class TestRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void callPlacedBeforeARestartIsAcknowledgedAfterIt()
    {
        TwilioSimulator twilio({QHostAddress::LocalHost, 0, 25.0});
        QVERIFY(twilio.start().ok());
        QTemporaryDir dataDir;

        QTcpServer probe; // a fixed port, so Twilio's webhook URLs stay valid across the restart
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        Config config;
        config.mode = Config::Mode::Live;
        config.listenPort = probe.serverPort();
        probe.close();
        config.apiBase = twilio.baseUrl();
        config.accountSid = twilio.accountSid();
        config.authToken = twilio.authToken();
        config.fromNumber = twilio.phoneNumber();
        config.dataDir = dataDir.path();

        LoopbackClient http;
        const QString simCalls = twilio.baseUrl() + QStringLiteral("/sim/calls");
        const auto listening = [&](const QString &sid) {
            for (const QJsonValue &value : http.get(simCalls).jsonArray()) {
                if (value.toObject().value(QStringLiteral("sid")).toString() == sid)
                    return value.toObject().value(QStringLiteral("listening")).toBool();
            }
            return false;
        };

        QString sid;
        {
            EngineFixture before(config);
            QVERIFY2(before.started(), qPrintable(before.startError()));
            sid = before.placeCall(QStringLiteral("+14155550199"),
                                   QStringLiteral("Restart survivor"), QStringLiteral("R-1"));
            QVERIFY(!sid.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(listening(sid), 15000);
            QCOMPARE(before.call(sid).value(QStringLiteral("status")).toString(),
                     QStringLiteral("in-progress"));
        } // the engine stops here, the call is still live on Twilio's side

        EngineFixture after(config);
        QVERIFY2(after.started(), qPrintable(after.startError()));
        QCOMPARE(after.call(sid).value(QStringLiteral("task_title")).toString(),
                 QStringLiteral("Restart survivor"));
        QVERIFY(twilio.pressDigits(sid, QStringLiteral("1")));
        const QJsonObject call = after.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(call.value(QStringLiteral("task_id")).toString(), QStringLiteral("R-1"));
    }
};

QTEST_GUILESS_MAIN(TestRestart)
#include "TestRestart.moc"

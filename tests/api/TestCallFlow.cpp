// The whole flow over real HTTP on loopback: API -> engine -> simulator -> webhooks -> store.
#include "CallJson.h"
#include "EngineFixture.h"

#include "simulator/TwilioSimulator.h"
#include "twilio/VoicePrompts.h"

#include <QDeadlineTimer>
#include <QTest>

using namespace flux;
using namespace flux::test;

class TestCallFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scriptedNumbersEndAsDocumented_data()
    {
        QTest::addColumn<QString>("phone");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("digits");
        QTest::addColumn<QStringList>("statuses");
        const QStringList answered{QStringLiteral("initiated"), QStringLiteral("ringing"),
                                   QStringLiteral("in-progress"), QStringLiteral("completed")};
        const auto row = [](const char *name, const char *phone, const char *status,
                            const char *outcome, const char *reason, const char *digits,
                            const QStringList &statuses) {
            QTest::newRow(name) << QString::fromLatin1(phone) << QString::fromLatin1(status)
                                << QString::fromLatin1(outcome) << QString::fromLatin1(reason)
                                << QString::fromLatin1(digits) << statuses;
        };
        row("presses 1: acknowledged", "+15555550101", "completed", "acknowledged", "", "1",
            answered);
        row("silent: no input", "+15555550102", "completed", "not_acknowledged", "no_input", "",
            answered);
        row("busy", "+15555550103", "busy", "not_acknowledged", "busy", "",
            {QStringLiteral("initiated"), QStringLiteral("busy")});
        row("never answers", "+15555550104", "no-answer", "not_acknowledged", "no_answer", "",
            {QStringLiteral("initiated"), QStringLiteral("ringing"), QStringLiteral("no-answer")});
        row("fails", "+15555550105", "failed", "not_acknowledged", "failed", "",
            {QStringLiteral("initiated"), QStringLiteral("failed")});
        row("presses 2: declined", "+15555550106", "completed", "not_acknowledged", "declined", "2",
            answered);
    }
    void scriptedNumbersEndAsDocumented()
    {
        QFETCH(QString, phone);
        QFETCH(QString, status);
        QFETCH(QString, outcome);
        QFETCH(QString, reason);
        QFETCH(QString, digits);
        QFETCH(QStringList, statuses);

        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid =
            fixture.placeCall(phone, QStringLiteral("Database is down"), QStringLiteral("INC-42"));
        QVERIFY(sid.startsWith(QLatin1String("CA")));

        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), status);
        // The final callback may land a moment before the outcome is read; outcome is written
        // before the gather answer, which comes before completion, so it is already there.
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), outcome);
        QCOMPARE(call.value(QStringLiteral("reason")).toString(), reason);
        QCOMPARE(call.value(QStringLiteral("origin")).toString(), QStringLiteral("placed"));
        QCOMPARE(call.value(QStringLiteral("digits")).toString(), digits);
        QCOMPARE(call.value(QStringLiteral("task_id")).toString(), QStringLiteral("INC-42"));
        QCOMPARE(statusesBySequence(call), statuses);

        const QStringList said =
            strings(fixture.simulatedCall(sid).value(QStringLiteral("transcript")));
        if (status == QLatin1String("completed")) {
            QVERIFY2(said.contains(VoicePrompts::taskSentence(QStringLiteral("Database is down"))),
                     qPrintable(said.join(QLatin1String(" | "))));
            QVERIFY(said.contains(outcome == QLatin1String("acknowledged")
                                      ? VoicePrompts::Acknowledged
                                      : VoicePrompts::NotAcknowledged));
            QVERIFY(call.value(QStringLiteral("duration_seconds")).toInt() >= 0);
        } else {
            QVERIFY2(said.isEmpty(), "an unanswered call must not hear anything");
        }
    }

    void aPersonPressingOneOnTheVirtualPhoneAcknowledges()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid =
            fixture.placeCall(QStringLiteral("+14155550123"), QStringLiteral("Rotate the keys"));
        QVERIFY(!sid.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            fixture.simulatedCall(sid).value(QStringLiteral("listening")).toBool(), 15000);

        const HttpResult pressed =
            fixture.http.postJson(fixture.engine().simulator()->baseUrl() +
                                      QStringLiteral("/sim/calls/%1/digits").arg(sid),
                                  QJsonObject{{QStringLiteral("digits"), QStringLiteral("1")}});
        QCOMPARE(pressed.status, 200);

        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(call.value(QStringLiteral("acknowledged")).toBool(), true);
    }

    void titleWithMarkupIsSpokenNotObeyed()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString title =
            QStringLiteral("</Say><Dial>+15550001111</Dial><Say> & \"quotes\" <ü>");
        const QString sid = fixture.placeCall(QStringLiteral("+15555550101"), title);
        QVERIFY(!sid.isEmpty());
        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), QStringLiteral("acknowledged"));
        QCOMPARE(call.value(QStringLiteral("task_title")).toString(), title);
        const QJsonObject simulated = fixture.simulatedCall(sid);
        QVERIFY(strings(simulated.value(QStringLiteral("transcript")))
                    .contains(VoicePrompts::taskSentence(title)));
        QVERIFY(simulated.value(QStringLiteral("error")).toString().isEmpty());
    }

    void manyCallsAtOnceAllReachTheirEnd()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        QStringList sids;
        for (int i = 0; i < 10; ++i)
            sids.append(fixture.placeCall(i % 2 ? QStringLiteral("+15555550101")
                                                : QStringLiteral("+15555550102"),
                                          QStringLiteral("Task %1").arg(i)));
        for (int i = 0; i < sids.size(); ++i) {
            const QJsonObject call = fixture.waitForFinal(sids.at(i));
            QCOMPARE(call.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
            QCOMPARE(call.value(QStringLiteral("outcome")).toString(),
                     i % 2 ? QStringLiteral("acknowledged") : QStringLiteral("not_acknowledged"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCallFlow)
#include "TestCallFlow.moc"

// The virtual phone's own buttons with manualAnswer on: a non-scripted number rings until a person
// answers or declines it, through the C++ API and the control API, with the real engine behind.
#include "CallJson.h"
#include "EngineFixture.h"

#include "calls/CallStatus.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/SimulatedTime.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/VoicePrompts.h"

#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString AnyPerson = QStringLiteral("+14155550123");
const QString Title = QStringLiteral("Rotate the keys");
// Slow enough that a test sees the keypad listening (10 s, 1 s here) before the prompt gives up.
constexpr double KeypadSpeed = 10.0;
// Fast enough that the 60 s ring timeout takes 1.2 s.
constexpr double RingOutSpeed = 50.0;
constexpr int WaitMs = 15000;

Config manualAnswerConfig(double speed)
{
    Config config = EngineFixture::simulatorConfig({}, speed);
    config.simulatorManualAnswer = true;
    return config;
}

} // namespace

class TestManualAnswer : public QObject
{
    Q_OBJECT

private:
    static QString statusOf(EngineFixture &fixture, const QString &sid)
    {
        const auto view = fixture.engine().simulator()->callView(sid);
        return view ? view->status : QString();
    }
    static HttpResult press(EngineFixture &fixture, const QString &sid, const QString &button)
    {
        return fixture.http.post(fixture.engine().simulator()->baseUrl() +
                                     QStringLiteral("/sim/calls/%1/%2").arg(sid, button),
                                 {}, "application/json");
    }

private Q_SLOTS:
    void aPersonsPhoneRingsUntilAnsweredAndPressingOneAcknowledges()
    {
        EngineFixture fixture(manualAnswerConfig(KeypadSpeed));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        TwilioSimulator *simulator = fixture.engine().simulator();
        QVERIFY(simulator->manualAnswer());
        const QString sid = fixture.placeCall(AnyPerson, Title);
        QVERIFY(!sid.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(fixture, sid), CallStatus::Ringing, WaitMs);

        const SimulatedCallView ringing = *simulator->callView(sid);
        QVERIFY(ringing.ringing);
        QVERIFY(ringing.answerable());
        QVERIFY(!ringing.scripted);
        QCOMPARE(ringing.to, AnyPerson);
        QCOMPARE(ringing.from, ScriptedNumbers::SimulatorFrom);
        QVERIFY(ringing.transcript.isEmpty());
        QCOMPARE(simulator->calls().size(), 1);
        QCOMPARE(simulator->calls().first().sid, sid);
        QVERIFY(!simulator->hangUp(sid)); // nothing to hang up before it is answered

        // Twice as long as a phone that answers by itself would ring.
        QTest::qWait(int(2 * SimulatedTime::AnswerAfterRingingMs / KeypadSpeed));
        QCOMPARE(statusOf(fixture, sid), CallStatus::Ringing);

        QVERIFY(simulator->answer(sid));
        QCOMPARE(statusOf(fixture, sid), CallStatus::InProgress);
        QVERIFY(!simulator->answer(sid));
        QVERIFY(!simulator->decline(sid));
        QTRY_VERIFY_WITH_TIMEOUT(simulator->callView(sid)->listening, WaitMs);
        QVERIFY(simulator->pressDigits(sid, VoicePrompts::AcknowledgeDigit));

        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::Acknowledged);
        const SimulatedCallView ended = *simulator->callView(sid);
        QCOMPARE(ended.digits, QStringLiteral("1"));
        QCOMPARE(ended.transcript,
                 QStringList({VoicePrompts::taskSentence(Title), VoicePrompts::Acknowledged}));
        QVERIFY(!ended.ringing);
        QVERIFY(!ended.listening);
        QVERIFY(ended.error.isEmpty());
    }

    void decliningARingingCallEndsItBusy()
    {
        EngineFixture fixture(manualAnswerConfig(KeypadSpeed));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(AnyPerson, Title);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(fixture, sid), CallStatus::Ringing, WaitMs);

        const HttpResult declined = press(fixture, sid, QStringLiteral("decline"));
        QCOMPARE(declined.status, 200);
        QCOMPARE(declined.json().value(QStringLiteral("status")).toString(), CallStatus::Busy);
        QCOMPARE(press(fixture, sid, QStringLiteral("decline")).status, 409);
        QCOMPARE(press(fixture, sid, QStringLiteral("answer")).status, 409);

        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Busy);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::NotAcknowledged);
        QCOMPARE(call.value(QStringLiteral("reason")).toString(), CallReason::Busy);
        QCOMPARE(statusesBySequence(call),
                 QStringList({CallStatus::Initiated, CallStatus::Ringing, CallStatus::Busy}));
        QVERIFY(strings(fixture.simulatedCall(sid).value(QStringLiteral("transcript"))).isEmpty());
    }

    void hangingUpAnAnsweredCallEndsItCompletedWithoutAnAnswer()
    {
        EngineFixture fixture(manualAnswerConfig(KeypadSpeed));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(AnyPerson, Title);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(fixture, sid), CallStatus::Ringing, WaitMs);

        const HttpResult early = press(fixture, sid, QStringLiteral("hangup"));
        QCOMPARE(early.status, 409);
        QVERIFY2(early.json()
                     .value(QStringLiteral("detail"))
                     .toString()
                     .contains(QStringLiteral("not in progress")),
                 early.body.constData());
        const HttpResult answered = press(fixture, sid, QStringLiteral("answer"));
        QCOMPARE(answered.status, 200);
        QCOMPARE(answered.json().value(QStringLiteral("status")).toString(),
                 CallStatus::InProgress);
        QTRY_VERIFY_WITH_TIMEOUT(
            fixture.simulatedCall(sid).value(QStringLiteral("listening")).toBool(), WaitMs);

        const HttpResult hungUp = press(fixture, sid, QStringLiteral("hangup"));
        QCOMPARE(hungUp.status, 200);
        QCOMPARE(hungUp.json().value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(press(fixture, sid, QStringLiteral("hangup")).status, 409);

        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::NotAcknowledged);
        QCOMPARE(call.value(QStringLiteral("reason")).toString(), CallReason::NoInput);
        QCOMPARE(statusesBySequence(call),
                 QStringList({CallStatus::Initiated, CallStatus::Ringing, CallStatus::InProgress,
                              CallStatus::Completed}));
    }

    void aRingingCallNobodyAnswersEndsNoAnswerAfterItsTimeout()
    {
        EngineFixture fixture(manualAnswerConfig(RingOutSpeed));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(AnyPerson, Title);
        QVERIFY(!sid.isEmpty());
        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::NoAnswer);
        QCOMPARE(statusesBySequence(call),
                 QStringList({CallStatus::Initiated, CallStatus::Ringing, CallStatus::NoAnswer}));
        QVERIFY(!fixture.engine().simulator()->answer(sid));
    }

    void scriptedNumbersCannotBeAnsweredOrDeclinedAtThePhone()
    {
        EngineFixture fixture(manualAnswerConfig(KeypadSpeed));
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(ScriptedNumbers::NeverAnswers, Title);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(fixture, sid), CallStatus::Ringing, WaitMs);
        QVERIFY(fixture.engine().simulator()->callView(sid)->scripted);
        QVERIFY(!fixture.engine().simulator()->callView(sid)->answerable());

        for (const QString &button : {QStringLiteral("answer"), QStringLiteral("decline")}) {
            const HttpResult refused = press(fixture, sid, button);
            QCOMPARE(refused.status, 409);
            QVERIFY2(refused.json()
                         .value(QStringLiteral("detail"))
                         .toString()
                         .contains(QStringLiteral("scripted")),
                     refused.body.constData());
        }
        QCOMPARE(statusOf(fixture, sid), CallStatus::Ringing);

        for (const QString &button :
             {QStringLiteral("answer"), QStringLiteral("decline"), QStringLiteral("hangup")})
            QCOMPARE(press(fixture, QStringLiteral("CA0123"), button).status, 404);
        QVERIFY(!fixture.engine().simulator()->callView(QStringLiteral("CA0123")));
    }

    void withoutManualAnswerAPersonsPhoneStillAnswersByItself()
    {
        EngineFixture fixture(KeypadSpeed);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        QVERIFY(!fixture.engine().simulator()->manualAnswer());
        const QString sid = fixture.placeCall(AnyPerson, Title);
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(fixture, sid), CallStatus::InProgress, WaitMs);
    }
};

QTEST_GUILESS_MAIN(TestManualAnswer)
#include "TestManualAnswer.moc"

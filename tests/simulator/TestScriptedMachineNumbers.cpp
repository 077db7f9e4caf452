// The scripted numbers that answer by voicemail, by fax and after a repeat, as the real desk
// meets them in simulator mode (machine detection as configured, DetectMessageEnd by default):
// each ends with the outcome the README's table of scripted numbers promises.
#include "CallJson.h"
#include "EngineFixture.h"

#include "calls/CallStatus.h"
#include "simulator/ScriptedNumbers.h"
#include "twilio/VoicePrompts.h"

#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QString Title = QStringLiteral("Database is down");
} // namespace

class TestScriptedMachineNumbers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theVoicemailRecordsTheDesksMessageAndNeverAcknowledges()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(ScriptedNumbers::Voicemail, Title);
        QVERIFY(!sid.isEmpty());
        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::NotAcknowledged);
        QCOMPARE(call.value(QStringLiteral("reason")).toString(), CallReason::Voicemail);
        QCOMPARE(call.value(QStringLiteral("answered_by")).toString(), AnsweredBy::MachineEndBeep);

        const QJsonObject simulated = fixture.simulatedCall(sid);
        QCOMPARE(simulated.value(QStringLiteral("machine")).toString(),
                 QStringLiteral("voicemail"));
        QCOMPARE(strings(simulated.value(QStringLiteral("recorded"))),
                 QStringList{VoicePrompts::Voicemail.arg(Title)});
        QVERIFY(simulated.value(QStringLiteral("digits")).toString().isEmpty());
    }

    void theFaxIsHungUpOn()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(ScriptedNumbers::Fax, Title);
        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::NotAcknowledged);
        QCOMPARE(call.value(QStringLiteral("reason")).toString(), CallReason::Fax);
        QCOMPARE(call.value(QStringLiteral("answered_by")).toString(), AnsweredBy::Fax);
        QVERIFY(strings(fixture.simulatedCall(sid).value(QStringLiteral("transcript"))).isEmpty());
    }

    void theCalleeWhoAsksForARepeatAcknowledgesAfterHearingItAgain()
    {
        EngineFixture fixture;
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(ScriptedNumbers::RepeatsThenPressesOne, Title);
        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::Acknowledged);
        QCOMPARE(call.value(QStringLiteral("answered_by")).toString(), AnsweredBy::Human);

        const QJsonObject simulated = fixture.simulatedCall(sid);
        QCOMPARE(simulated.value(QStringLiteral("digits")).toString(), QStringLiteral("*1"));
        const QStringList said = strings(simulated.value(QStringLiteral("transcript")));
        QVERIFY2(said.count(VoicePrompts::taskSentence(Title)) == 2,
                 qPrintable(said.join(QLatin1String(" | "))));
        QCOMPARE(said.last(), VoicePrompts::Acknowledged);
    }

    void withoutDetectionTheVoicemailHearsTheMenuAndNothingIsAcknowledged()
    {
        Config config = EngineFixture::simulatorConfig({});
        config.machineDetection = Config::MachineDetection::Off;
        EngineFixture fixture(config);
        QVERIFY2(fixture.started(), qPrintable(fixture.startError()));
        const QString sid = fixture.placeCall(ScriptedNumbers::Voicemail, Title);
        const QJsonObject call = fixture.waitForFinal(sid);
        QCOMPARE(call.value(QStringLiteral("status")).toString(), CallStatus::Completed);
        QCOMPARE(call.value(QStringLiteral("outcome")).toString(), CallOutcome::NotAcknowledged);
        QVERIFY(call.value(QStringLiteral("answered_by")).isNull());

        const QJsonObject simulated = fixture.simulatedCall(sid);
        QVERIFY(simulated.value(QStringLiteral("answered_by")).isNull());
        QVERIFY(simulated.value(QStringLiteral("digits")).toString().isEmpty());
        // The first words fell on the greeting; the voicemail kept what came after its beep, the
        // repeated menu and the goodbye.
        const QStringList said = strings(simulated.value(QStringLiteral("transcript")));
        const QStringList recorded = strings(simulated.value(QStringLiteral("recorded")));
        QCOMPARE(said.first(), VoicePrompts::taskSentence(Title));
        QVERIFY2(!recorded.isEmpty() && recorded.size() < said.size(),
                 qPrintable(recorded.join(QLatin1String(" | "))));
        QCOMPARE(said.mid(said.size() - recorded.size()), recorded);
        QCOMPARE(recorded.last(), VoicePrompts::NotAcknowledged);
    }
};

QTEST_GUILESS_MAIN(TestScriptedMachineNumbers)
#include "TestScriptedMachineNumbers.moc"

// The virtual phone panel against a real engine on its own thread: it rings, answers, declines and
// presses keys as the callee, and the call desk records what a real phone would have caused.
#include "EngineFixture.h"

#include "PhoneKeypad.h"
#include "VirtualPhonePanel.h"

#include "calls/CallStatus.h"
#include "engine/EngineClient.h"
#include "simulator/ScriptedNumbers.h"
#include "twilio/VoicePrompts.h"

#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace flux;
using namespace flux::test;

namespace {
const QString AnyPerson = QStringLiteral("+14155550123");
const QString OtherPerson = QStringLiteral("+14155550199");
const QString Title = QStringLiteral("Database is down");
// Slow enough that the keypad stays open (the prompt's 10 s: 1 s here) well past the time a
// busy test host takes to see it open and click; the 60 s ring timeout takes 6 s.
constexpr double Speed = 10.0;
constexpr int WaitMs = 15000;

template <typename T> T *byAccessibleName(QWidget *root, const QString &name)
{
    const auto found = root->findChildren<T *>();
    const auto it = std::find_if(found.begin(), found.end(),
                                 [&name](T *widget) { return widget->accessibleName() == name; });
    return it == found.end() ? nullptr : *it;
}

Config simulatorConfig(const QString &dataDir)
{
    Config config = EngineFixture::simulatorConfig(dataDir, Speed);
    config.simulatorManualAnswer = true;
    return config;
}
} // namespace

class TestVirtualPhonePanel : public QObject
{
    Q_OBJECT

private:
    // Places a call through the engine client, as the window does; returns its sid.
    static QString placeCall(EngineClient &engine, const QString &to)
    {
        QString sid;
        QObject context; // an answer that arrives after this returns is dropped with it
        engine.placeCall({to, Title, {}}, &context,
                         [&sid](const Result<CallRecord, CallError> &placed) {
                             if (placed)
                                 sid = placed.value().sid;
                         });
        (void)QTest::qWaitFor([&sid] { return !sid.isEmpty(); }, WaitMs);
        return sid;
    }

    // The call as the store has it, read on the engine thread; waits up to WaitMs for `wanted`
    // to hold and returns the last record read.
    static CallRecord waitForStored(EngineClient &engine, const QString &sid,
                                    const std::function<bool(const CallRecord &)> &wanted)
    {
        CallRecord last;
        QObject context; // answers that arrive after this returns are dropped with it
        bool asked = false;
        (void)QTest::qWaitFor(
            [&] {
                if (!asked) {
                    asked = true;
                    engine.callDetails(sid, &context,
                                       [&](const EngineClient::CallDetails &details) {
                                           last = details.call.value_or(CallRecord{});
                                           asked = false;
                                       });
                }
                return !last.sid.isEmpty() && wanted(last);
            },
            WaitMs);
        return last;
    }

    struct Desk
    {
        QTemporaryDir dir;
        EngineClient engine;
        std::unique_ptr<VirtualPhonePanel> panel;
    };

    static void startDesk(Desk &desk, const Config &config)
    {
        const auto started = desk.engine.start(config);
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().describe()));
        desk.panel = std::make_unique<VirtualPhonePanel>(&desk.engine);
        desk.panel->resize(380, 620);
        desk.panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(desk.panel.get()));
    }

    static QString labelText(QWidget *panel, const QString &name)
    {
        const QLabel *label = byAccessibleName<QLabel>(panel, name);
        return label ? label->text() : QStringLiteral("(no label \"%1\")").arg(name);
    }

private Q_SLOTS:
    void answeringAndPressingOneOnThePanelAcknowledgesTheTask()
    {
        Desk desk;
        startDesk(desk, simulatorConfig(desk.dir.path()));
        VirtualPhonePanel *panel = desk.panel.get();
        QVERIFY(panel->isEnabled());
        auto *answer = byAccessibleName<QPushButton>(panel, QStringLiteral("Answer call"));
        auto *key1 = byAccessibleName<QToolButton>(panel, QStringLiteral("Key 1"));
        QVERIFY(answer && key1);
        QVERIFY(!answer->isEnabled());

        const QString sid = placeCall(desk.engine, AnyPerson);
        QVERIFY(!sid.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(labelText(panel, QStringLiteral("Call state")),
                                  QStringLiteral("Ringing\u2026"), WaitMs);
        QCOMPARE(labelText(panel, QStringLiteral("Caller")),
                 QStringLiteral("Incoming call from %1 to %2")
                     .arg(ScriptedNumbers::SimulatorFrom, AnyPerson));
        QVERIFY(
            byAccessibleName<QLabel>(panel, QStringLiteral("Call state"))->autoFillBackground());
        QVERIFY(answer->isEnabled());
        QVERIFY(!key1->isEnabled());
        QCOMPARE(panel->shownCallSid(), sid);

        QTest::mouseClick(answer, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(key1->isEnabled(), WaitMs);
        QCOMPARE(labelText(panel, QStringLiteral("Call state")), QStringLiteral("In call"));
        QVERIFY(labelText(panel, QStringLiteral("Spoken text"))
                    .contains(VoicePrompts::taskSentence(Title)));
        QVERIFY(!answer->isEnabled());
        QTest::mouseClick(key1, Qt::LeftButton);

        const CallRecord stored = waitForStored(desk.engine, sid, [](const CallRecord &call) {
            return call.outcome == CallOutcome::Acknowledged;
        });
        QCOMPARE(stored.outcome, CallOutcome::Acknowledged);
        QCOMPARE(stored.digits, QStringLiteral("1"));
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(panel, QStringLiteral("Spoken text")).contains(VoicePrompts::Acknowledged),
            WaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(panel, QStringLiteral("Call state")),
                                  QStringLiteral("Call ended"), WaitMs);
        QCOMPARE(labelText(panel, QStringLiteral("Keys pressed")), QStringLiteral("1"));
        QVERIFY(!key1->isEnabled());
    }

    void decliningOnThePanelEndsTheCallBusy()
    {
        Desk desk;
        startDesk(desk, simulatorConfig(desk.dir.path()));
        VirtualPhonePanel *panel = desk.panel.get();
        auto *decline = byAccessibleName<QPushButton>(panel, QStringLiteral("Decline call"));
        QVERIFY(decline);
        const QString sid = placeCall(desk.engine, AnyPerson);
        QTRY_VERIFY_WITH_TIMEOUT(decline->isEnabled(), WaitMs);

        QTest::mouseClick(decline, Qt::LeftButton);
        const CallRecord stored = waitForStored(desk.engine, sid, [](const CallRecord &call) {
            return call.status == CallStatus::Busy;
        });
        QCOMPARE(stored.status, CallStatus::Busy);
        QCOMPARE(stored.outcome, CallOutcome::NotAcknowledged);
        QCOMPARE(stored.reason, CallReason::Busy);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(panel, QStringLiteral("Call state")),
                                  QStringLiteral("Declined (busy)"), WaitMs);
        QVERIFY(!decline->isEnabled());
        QVERIFY(labelText(panel, QStringLiteral("Spoken text")).isEmpty());
    }

    void aTextAboutAnUnacknowledgedTaskShowsOnThePhone()
    {
        Desk desk;
        startDesk(desk, simulatorConfig(desk.dir.path()));
        VirtualPhonePanel *panel = desk.panel.get();
        auto *texts = byAccessibleName<QListWidget>(panel, QStringLiteral("Texts received"));
        auto *decline = byAccessibleName<QPushButton>(panel, QStringLiteral("Decline call"));
        QVERIFY(texts && decline);
        // "none" at once, and still once the engine's (empty) answer is in.
        QCOMPARE(texts->count(), 1);
        QCOMPARE(texts->item(0)->text(), QStringLiteral("none"));
        QTest::qWait(100);
        QCOMPARE(texts->count(), 1);
        QCOMPARE(texts->item(0)->text(), QStringLiteral("none"));

        NotificationRequest request;
        request.call = {AnyPerson, Title, QStringLiteral("T-42")};
        request.sms = true;
        QString id;
        desk.engine.placeNotification(request, panel,
                                      [&id](const EngineClient::NotificationResult &placed) {
                                          if (placed)
                                              id = placed.value().id;
                                      });
        QTRY_VERIFY_WITH_TIMEOUT(!id.isEmpty(), WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(decline->isEnabled(), WaitMs);
        QCOMPARE(texts->item(0)->text(), QStringLiteral("none")); // nothing before the outcome
        QTest::mouseClick(decline, Qt::LeftButton);

        // Declined: not acknowledged, so the number gets the text, and the phone shows it
        // arriving, then received, as the simulator's status callbacks move it on.
        const QString body =
            QStringLiteral("Flux: critical task not acknowledged: %1 (task T-42)").arg(Title);
        QTRY_VERIFY_WITH_TIMEOUT(texts->item(0)->text().endsWith(QLatin1Char('\n') + body), WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            texts->item(0)->text().contains(QStringLiteral("\u00B7 received\n")), WaitMs);
        QCOMPARE(texts->count(), 1);
        const QString shown = texts->item(0)->text();
        QVERIFY2(shown.startsWith(QStringLiteral("To %1 \u00B7 ").arg(AnyPerson)),
                 qPrintable(shown));
        QVERIFY(texts->item(0)->data(Qt::UserRole).toString().startsWith(QStringLiteral("SM")));
        QCOMPARE(labelText(panel, QStringLiteral("Call state")), QStringLiteral("Declined (busy)"));

        // A restart of the engine (the simulator with it) starts the phone empty again, and the
        // new engine's texts reach it.
        const auto restarted = desk.engine.start(simulatorConfig(desk.dir.path()));
        QVERIFY(restarted.ok());
        QCOMPARE(texts->count(), 1);
        QCOMPARE(texts->item(0)->text(), QStringLiteral("none"));
        NotificationRequest again;
        again.call = {OtherPerson, Title, QStringLiteral("T-43")};
        again.sms = true;
        QString second;
        desk.engine.placeNotification(again, panel,
                                      [&second](const EngineClient::NotificationResult &placed) {
                                          if (placed)
                                              second = placed.value().id;
                                      });
        QTRY_VERIFY_WITH_TIMEOUT(!second.isEmpty(), WaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(decline->isEnabled(), WaitMs);
        QTest::mouseClick(decline, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            texts->item(0)->text().startsWith(QStringLiteral("To %1 \u00B7 ").arg(OtherPerson)),
            WaitMs);
        QCOMPARE(texts->count(), 1);
    }

    void lettingItGoToVoicemailShowsWhatTheVoicemailRecorded()
    {
        Desk desk;
        startDesk(desk, simulatorConfig(desk.dir.path()));
        VirtualPhonePanel *panel = desk.panel.get();
        auto *voicemail =
            byAccessibleName<QPushButton>(panel, QStringLiteral("Let it go to voicemail"));
        QVERIFY(voicemail);
        QVERIFY(voicemail->toolTip().startsWith(QStringLiteral("Let it go to voicemail")));
        QVERIFY(!voicemail->isEnabled());
        const QString sid = placeCall(desk.engine, AnyPerson);
        QTRY_VERIFY_WITH_TIMEOUT(voicemail->isEnabled(), WaitMs);

        QTest::mouseClick(voicemail, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(labelText(panel, QStringLiteral("Call state")),
                                  QStringLiteral("Voicemail"), WaitMs);
        QVERIFY(!voicemail->isEnabled());
        const QString message = VoicePrompts::Voicemail.arg(Title);
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(panel, QStringLiteral("Voicemail recorded")).contains(message), WaitMs);
        const CallRecord stored = waitForStored(desk.engine, sid, [](const CallRecord &call) {
            return CallStatus::isFinal(call.status);
        });
        QCOMPARE(stored.outcome, CallOutcome::NotAcknowledged);
        QCOMPARE(stored.reason, CallReason::Voicemail);
        QCOMPARE(stored.answeredBy, QStringLiteral("machine_end_beep"));
        QTRY_COMPARE_WITH_TIMEOUT(labelText(panel, QStringLiteral("Call state")),
                                  QStringLiteral("Call ended"), WaitMs);
        QVERIFY(labelText(panel, QStringLiteral("Voicemail recorded")).contains(message));
    }

    void theKeyboardAnswersWithItsShortcutAndTypedDigitsPressKeys()
    {
        Desk desk;
        startDesk(desk, simulatorConfig(desk.dir.path()));
        VirtualPhonePanel *panel = desk.panel.get();
        panel->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(panel));
        auto *key1 = byAccessibleName<QToolButton>(panel, QStringLiteral("Key 1"));
        auto *answer = byAccessibleName<QPushButton>(panel, QStringLiteral("Answer call"));
        QCOMPARE(answer->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
        const QString sid = placeCall(desk.engine, AnyPerson);
        QTRY_VERIFY_WITH_TIMEOUT(answer->isEnabled(), WaitMs);

        QTest::keyClick(panel, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(key1->isEnabled(), WaitMs);
        panel->setFocus();
        QTest::keyClick(panel, Qt::Key_1);

        const CallRecord stored = waitForStored(desk.engine, sid, [](const CallRecord &call) {
            return call.outcome == CallOutcome::Acknowledged;
        });
        QCOMPARE(stored.outcome, CallOutcome::Acknowledged);
    }

    void aNewRingingCallTakesTheScreenAndTheOtherStaysSelectable()
    {
        Desk desk;
        startDesk(desk, simulatorConfig(desk.dir.path()));
        VirtualPhonePanel *panel = desk.panel.get();
        auto *selector = byAccessibleName<QComboBox>(panel, QStringLiteral("Live calls"));
        QVERIFY(selector);
        const QString first = placeCall(desk.engine, AnyPerson);
        QTRY_COMPARE_WITH_TIMEOUT(panel->shownCallSid(), first, WaitMs);
        QVERIFY(!selector->isVisible()); // one call: nothing to choose from

        const QString second = placeCall(desk.engine, OtherPerson);
        QTRY_COMPARE_WITH_TIMEOUT(panel->shownCallSid(), second, WaitMs);
        QTRY_VERIFY(labelText(panel, QStringLiteral("Caller")).contains(OtherPerson));
        QVERIFY(selector->isVisible());
        QCOMPARE(selector->count(), 2);
        QCOMPARE(selector->currentData().toString(), second);

        const int firstIndex = selector->findData(first);
        QVERIFY(firstIndex >= 0);
        QVERIFY(selector->itemText(firstIndex).contains(AnyPerson));
        selector->setCurrentIndex(firstIndex);
        Q_EMIT selector->activated(firstIndex); // what choosing it from the list does
        QCOMPARE(panel->shownCallSid(), first);
        QVERIFY(labelText(panel, QStringLiteral("Caller")).contains(AnyPerson));
    }

    void aScriptedNumberShowsWhatHappensWithoutAskingToAnswer()
    {
        Desk desk;
        startDesk(desk, simulatorConfig(desk.dir.path()));
        VirtualPhonePanel *panel = desk.panel.get();
        auto *answer = byAccessibleName<QPushButton>(panel, QStringLiteral("Answer call"));
        const QString sid = placeCall(desk.engine, ScriptedNumbers::PressesOne);
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(panel, QStringLiteral("Hint")).contains(QStringLiteral("scripted")), WaitMs);
        QVERIFY(!answer->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(
            labelText(panel, QStringLiteral("Spoken text")).contains(VoicePrompts::Acknowledged),
            WaitMs);
        QCOMPARE(labelText(panel, QStringLiteral("Keys pressed")), QStringLiteral("1"));
        QCOMPARE(panel->shownCallSid(), sid);
    }

    void inLiveModeThePanelIsDisabledAndSaysWhyUntilASimulatorStarts()
    {
        Desk desk;
        Config live = simulatorConfig(desk.dir.path());
        // Without credentials: calls would be refused, and the engine warns so in the log.
        live.mode = Config::Mode::Live;
        startDesk(desk, live);
        VirtualPhonePanel *panel = desk.panel.get();
        QVERIFY(!panel->isEnabled());
        QCOMPARE(panel->findChild<QLabel *>(QStringLiteral("unavailableText"))->text(),
                 QStringLiteral("Virtual phone: available in simulator mode"));
        QVERIFY(!byAccessibleName<QPushButton>(panel, QStringLiteral("Answer call"))->isVisible());

        // The settings change and the engine restarts in simulator mode: the phone comes alive.
        QVERIFY(desk.engine.start(simulatorConfig(desk.dir.path())).ok());
        QVERIFY(panel->isEnabled());
        QVERIFY(byAccessibleName<QPushButton>(panel, QStringLiteral("Answer call"))->isVisible());
        const QString sid = placeCall(desk.engine, AnyPerson);
        QTRY_COMPARE_WITH_TIMEOUT(panel->shownCallSid(), sid, WaitMs);

        QVERIFY(desk.engine.start(live).ok());
        QVERIFY(!panel->isEnabled());
        QVERIFY(panel->shownCallSid().isEmpty());
    }
};

QTEST_MAIN(TestVirtualPhonePanel)
#include "TestVirtualPhonePanel.moc"

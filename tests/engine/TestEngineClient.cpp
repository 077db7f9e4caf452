// The window's door to the engine, on a real engine on its own thread: the simulator over
// loopback, the store a real SQLite file in a temporary folder. Answers come back on the asker's
// thread, only to askers still there, and the signals follow the engine across restarts.
#include "EngineFixture.h"

#include "engine/EngineClient.h"
#include "simulator/ScriptedNumbers.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <algorithm>

using namespace flux;
using namespace flux::test;

namespace {
constexpr int WaitMs = 20000;
const QString Title = QStringLiteral("Database is down");
// Not one of ScriptedNumbers: with manual answering a person plays the callee.
const QString AnyPerson = QStringLiteral("+14155550123");

using Placed = Result<CallRecord, CallError>;
} // namespace

class TestEngineClient : public QObject
{
    Q_OBJECT

private:
    // Places a call through the client and waits for Twilio's (the simulator's) answer.
    static std::optional<Placed> place(EngineClient &engine, const QString &to)
    {
        std::optional<Placed> placed;
        QObject context; // an answer after this returns is dropped with it
        engine.placeCall({to, Title, {}}, &context, [&placed](const Placed &p) { placed = p; });
        (void)QTest::qWaitFor([&placed] { return placed.has_value(); }, WaitMs);
        return placed;
    }

    // A query round trip: once it is answered, every answer asked for before it has come too.
    static bool roundTrip(EngineClient &engine)
    {
        bool answered = false;
        QObject context;
        engine.callDetails(QStringLiteral("CAnone"), &context,
                           [&answered](const EngineClient::CallDetails &) { answered = true; });
        return QTest::qWaitFor([&answered] { return answered; }, WaitMs);
    }

    static QList<CallRecord> history(EngineClient &engine, EngineClient::Facts *facts = nullptr)
    {
        std::optional<QList<CallRecord>> calls;
        QObject context;
        engine.recentCalls<QList<CallRecord>>(
            100, &context,
            [&calls, facts](const EngineClient::Facts &f, const QList<CallRecord> &read) {
                calls = read;
                if (facts)
                    *facts = f;
            });
        (void)QTest::qWaitFor([&calls] { return calls.has_value(); }, WaitMs);
        return calls.value_or(QList<CallRecord>());
    }

    static std::optional<SimulatedCallView> simulated(EngineClient &engine, const QString &sid)
    {
        std::optional<QList<SimulatedCallView>> views;
        QObject context;
        engine.simulatedCalls({sid}, &context,
                              [&views](const QList<SimulatedCallView> &v) { views = v; });
        (void)QTest::qWaitFor([&views] { return views.has_value(); }, WaitMs);
        if (!views || views->isEmpty())
            return std::nullopt;
        return views->first();
    }

    static bool press(EngineClient &engine, const QString &sid,
                      std::optional<EngineClient::PhoneButton> button, const QString &keys = {})
    {
        std::optional<bool> done;
        QObject context;
        auto answer = [&done](const bool &d) { done = d; };
        if (button)
            engine.pressPhoneButton(sid, *button, &context, answer);
        else
            engine.pressPhoneKeys(sid, keys, &context, answer);
        (void)QTest::qWaitFor([&done] { return done.has_value(); }, WaitMs);
        return done.value_or(false);
    }

private Q_SLOTS:
    void aCallPlacedThroughTheClientAppearsInTheHistory()
    {
        QTemporaryDir dir;
        EngineClient engine;
        const auto started = engine.start(EngineFixture::simulatorConfig(dir.path()));
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().describe()));
        QSignalSpy acknowledged(&engine, &EngineClient::taskAcknowledged);

        const auto placed = place(engine, ScriptedNumbers::PressesOne);
        QVERIFY(placed && placed->ok());
        const QString sid = placed->value().sid;
        QVERIFY(sid.startsWith(QLatin1String("CA")));
        QTRY_COMPARE_WITH_TIMEOUT(acknowledged.count(), 1, WaitMs);

        EngineClient::Facts facts;
        const QList<CallRecord> calls = history(engine, &facts);
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().sid, sid);
        QCOMPARE(calls.first().to, ScriptedNumbers::PressesOne);
        QCOMPARE(calls.first().taskTitle, Title);
        QCOMPARE(calls.first().outcome, CallOutcome::Acknowledged);
        QCOMPARE(facts.mode, Config::Mode::Simulator);
        QCOMPARE(facts.publicBaseUrl, engine.facts().publicBaseUrl);
        QVERIFY(QFile::exists(QDir(dir.path()).filePath(QStringLiteral("calls-simulator.sqlite"))));
    }

    void aCallsDetailsBringItsRecordAndEveryEventOnTheAskersThread()
    {
        QTemporaryDir dir;
        EngineClient engine;
        QVERIFY(engine.start(EngineFixture::simulatorConfig(dir.path())).ok());
        QSignalSpy acknowledged(&engine, &EngineClient::taskAcknowledged);
        const auto placed = place(engine, ScriptedNumbers::PressesOne);
        QVERIFY(placed && placed->ok());
        QTRY_COMPARE_WITH_TIMEOUT(acknowledged.count(), 1, WaitMs);

        std::optional<EngineClient::CallDetails> details;
        QThread *answeredOn = nullptr;
        engine.callDetails(placed->value().sid, this, [&](const EngineClient::CallDetails &d) {
            details = d;
            answeredOn = QThread::currentThread();
        });
        QTRY_VERIFY_WITH_TIMEOUT(details.has_value(), WaitMs);
        QCOMPARE(answeredOn, QThread::currentThread());
        QVERIFY(details->call);
        QCOMPARE(details->call->outcome, CallOutcome::Acknowledged);
        QVERIFY(details->events.size() >= 3);
        QCOMPARE(details->events.first().kind, CallEvent::Kind::Created);
        QVERIFY(std::any_of(details->events.cbegin(), details->events.cend(),
                            [](const CallEvent &e) { return e.kind == CallEvent::Kind::Gather; }));

        std::optional<EngineClient::CallDetails> unknown;
        engine.callDetails(QStringLiteral("CAunknown"), this,
                           [&unknown](const EngineClient::CallDetails &d) { unknown = d; });
        QTRY_VERIFY_WITH_TIMEOUT(unknown.has_value(), WaitMs);
        QVERIFY(!unknown->call);
        QVERIFY(unknown->events.isEmpty());
    }

    void aCallbackWhoseContextIsGoneNeverRuns()
    {
        QTemporaryDir dir;
        EngineClient engine;
        QVERIFY(engine.start(EngineFixture::simulatorConfig(dir.path())).ok());
        QSignalSpy updated(&engine, &EngineClient::callUpdated);

        int ran = 0;
        auto *gone = new QObject;
        engine.placeCall({ScriptedNumbers::Busy, Title, {}}, gone,
                         [&ran](const Placed &) { ++ran; });
        engine.callDetails(QStringLiteral("CAunknown"), gone,
                           [&ran](const EngineClient::CallDetails &) { ++ran; });
        engine.recentCalls<QList<CallRecord>>(
            10, gone, [&ran](const EngineClient::Facts &, const QList<CallRecord> &) { ++ran; });
        engine.simulatedCalls(gone, [&ran](const QList<SimulatedCallView> &) { ++ran; });
        delete gone;

        // The call was placed all the same: it ends busy, and everything asked before a later
        // round trip has been answered by the time that one is.
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(updated.cbegin(), updated.cend(),
                        [](const QList<QVariant> &arguments) {
                            return arguments.first().value<CallRecord>().status == CallStatus::Busy;
                        }),
            WaitMs);
        QVERIFY(roundTrip(engine));
        QCOMPARE(ran, 0);
    }

    void signalsFollowTheEngineAcrossARestart()
    {
        QTemporaryDir dir;
        EngineClient engine;
        const Config config = EngineFixture::simulatorConfig(dir.path());
        QVERIFY(engine.start(config).ok());
        const QString firstUrl = engine.facts().listenUrl;
        QSignalSpy started(&engine, &EngineClient::engineStarted);
        QSignalSpy stopping(&engine, &EngineClient::engineStopping);
        QVERIFY(engine.start(config).ok());
        QCOMPARE(stopping.count(), 1);
        QCOMPARE(started.count(), 1);
        QVERIFY(engine.isRunning());
        QVERIFY(!engine.facts().listenUrl.isEmpty());
        QCOMPARE(engine.facts().mode, Config::Mode::Simulator);
        QVERIFY(engine.facts().simulator);
        Q_UNUSED(firstUrl); // port 0: the new engine may or may not get the same port

        // Connected once, before the restart: everything now comes from the second engine.
        QSignalSpy placedSignals(&engine, &EngineClient::callPlaced);
        QSignalSpy acknowledged(&engine, &EngineClient::taskAcknowledged);
        QSignalSpy accepted(&engine, &EngineClient::webhookAccepted);
        QSignalSpy rejected(&engine, &EngineClient::webhookRejected);
        QSignalSpy simulatedChanges(&engine, &EngineClient::simulatedCallChanged);
        QSignalSpy reachability(&engine, &EngineClient::twilioReachabilityChanged);
        const auto placed = place(engine, ScriptedNumbers::PressesOne);
        QVERIFY(placed && placed->ok());
        const QString sid = placed->value().sid;
        QTRY_COMPARE_WITH_TIMEOUT(acknowledged.count(), 1, WaitMs);
        QCOMPARE(acknowledged.first().first().value<CallRecord>().sid, sid);
        QTRY_VERIFY(!placedSignals.isEmpty());
        QCOMPARE(placedSignals.first().first().value<CallRecord>().sid, sid);
        QVERIFY(!accepted.isEmpty()); // the simulator's signed status webhooks
        QVERIFY(rejected.isEmpty());
        QVERIFY(
            std::any_of(simulatedChanges.cbegin(), simulatedChanges.cend(),
                        [&sid](const QList<QVariant> &a) { return a.first().toString() == sid; }));
        QTRY_COMPARE(reachability.count(), 1); // the create reached the simulator's REST API
        QCOMPARE(reachability.first().first().toBool(), true);

        engine.stop();
        QCOMPARE(stopping.count(), 2);
        QVERIFY(!engine.isRunning());
        QVERIFY(engine.facts().listenUrl.isEmpty());
    }

    void theVirtualPhoneIsAnsweredAndPressedThroughTheClient()
    {
        QTemporaryDir dir;
        EngineClient engine;
        Config config = EngineFixture::simulatorConfig(dir.path(), 10.0);
        config.simulatorManualAnswer = true;
        QVERIFY(engine.start(config).ok());
        QVERIFY(engine.facts().manualAnswer);
        QSignalSpy acknowledged(&engine, &EngineClient::taskAcknowledged);

        const auto placed = place(engine, AnyPerson);
        QVERIFY(placed && placed->ok());
        const QString sid = placed->value().sid;
        QTRY_VERIFY_WITH_TIMEOUT(simulated(engine, sid).value_or(SimulatedCallView{}).answerable(),
                                 WaitMs);

        std::optional<QList<SimulatedCallView>> all;
        engine.simulatedCalls(this, [&all](const QList<SimulatedCallView> &views) { all = views; });
        QTRY_VERIFY_WITH_TIMEOUT(all.has_value(), WaitMs);
        QCOMPARE(all->size(), 1);
        QCOMPARE(all->first().sid, sid);
        QCOMPARE(all->first().to, AnyPerson);

        QVERIFY(!press(engine, QStringLiteral("CAunknown"), EngineClient::PhoneButton::Answer));
        QVERIFY(press(engine, sid, EngineClient::PhoneButton::Answer));
        QTRY_VERIFY_WITH_TIMEOUT(simulated(engine, sid).value_or(SimulatedCallView{}).listening,
                                 WaitMs);
        QVERIFY(press(engine, sid, std::nullopt, QStringLiteral("1")));
        QTRY_COMPARE_WITH_TIMEOUT(acknowledged.count(), 1, WaitMs);
        QCOMPARE(acknowledged.first().first().value<CallRecord>().digits, QStringLiteral("1"));
    }

    void aCallHungUpThroughTheClientEndsEarly()
    {
        QTemporaryDir dir;
        EngineClient engine;
        Config config = EngineFixture::simulatorConfig(dir.path(), 10.0);
        config.simulatorManualAnswer = true; // it rings until the hang-up
        QVERIFY(engine.start(config).ok());
        const auto placed = place(engine, AnyPerson);
        QVERIFY(placed && placed->ok());
        const QString sid = placed->value().sid;

        std::optional<Placed> hungUp;
        engine.hangUp(sid, this, [&hungUp](const Placed &result) { hungUp = result; });
        QTRY_VERIFY_WITH_TIMEOUT(hungUp.has_value(), WaitMs);
        QVERIFY(hungUp->ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            CallStatus::isFinal(simulated(engine, sid).value_or(SimulatedCallView{}).status),
            WaitMs);
    }

    void withoutAnEngineACallIsRefusedAndQueriesGoUnanswered()
    {
        EngineClient engine;
        QVERIFY(!engine.isRunning());
        const auto placed = place(engine, ScriptedNumbers::PressesOne);
        QVERIFY(placed && !placed->ok());
        QCOMPARE(placed->error().kind, CallError::Kind::Unavailable);

        bool answered = false;
        engine.callDetails(QStringLiteral("CAunknown"), this,
                           [&answered](const EngineClient::CallDetails &) { answered = true; });
        QTest::qWait(100);
        QVERIFY(!answered);
    }

    void liveModeWithoutCredentialsSaysSoAndRefusesCalls()
    {
        QTemporaryDir dir;
        EngineClient engine;
        Config config = EngineFixture::simulatorConfig(dir.path());
        config.mode = Config::Mode::Live;
        QVERIFY(engine.start(config).ok());
        QCOMPARE(engine.facts().mode, Config::Mode::Live);
        QVERIFY(!engine.facts().twilioConfigured);
        QVERIFY(!engine.facts().simulator);
        const auto placed = place(engine, ScriptedNumbers::PressesOne);
        QVERIFY(placed && !placed->ok());
        QCOMPARE(placed->error().kind, CallError::Kind::NotConfigured);
    }

    void aTakenPortIsReportedAgainstItsSetting()
    {
        QTemporaryDir dir;
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        EngineClient engine;
        QSignalSpy started(&engine, &EngineClient::engineStarted);
        Config config = EngineFixture::simulatorConfig(dir.path());
        config.listenPort = squatter.serverPort();
        const auto clash = engine.start(config);
        QVERIFY(!clash.ok());
        QCOMPARE(clash.error().variable, QStringLiteral("FLUX_LISTEN"));
        QVERIFY(!engine.isRunning());
        QCOMPARE(started.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestEngineClient)
#include "TestEngineClient.moc"

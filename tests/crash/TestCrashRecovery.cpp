// kill -9 in the middle of a batch of acknowledged calls, then a restart: no acknowledgment the
// callee heard is lost and no call Twilio placed is missing. The real flux-calldesk binary runs
// in live mode against a Twilio simulator in this test process, which outlives each kill and
// remembers what every phone heard; the comparison is against the store file on disk.
#include "LiveAppProcess.h"
#include "LocalPorts.h"
#include "LoopbackClient.h"

#include "calls/CallStore.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"
#include "twilio/VoicePrompts.h"

#include <QLoggingCategory>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace flux;
using namespace flux::test;

namespace {
constexpr int BatchSize = 8;
// Calls are placed this far apart, so acknowledgments keep coming before, during and after a
// kill and restart rather than all at once.
constexpr int PlacingGapMs = 400;
// Slow enough that a call outlives a restart under ASan on a busy machine (its later webhooks
// are what complete a call whose create answer died with the app), fast enough for CI.
constexpr double SimulatorSpeed = 1.0;
const QByteArray ApiToken = "crash-test-api-token";

// When, during the batch, the app is killed.
enum class KillMoment
{
    CreateAnsweredByTwilioNotYetByTheApp, // Twilio placed call 3; its 201 is not written yet
    KeypressInFlight,                     // 3 ms after the second callee pressed 1
    AcknowledgmentJustHeard,              // the second "Thank you" was just said
    FixedTime,                            // 4.6 s after the batch began
};

struct Counts
{
    int created = 0;      // calls Twilio placed
    int stored = 0;       // of those, in the store
    int heardAck = 0;     // calls whose callee heard "Thank you. Task acknowledged."
    int storedAck = 0;    // of those, acknowledged in the store
    int acknowledged = 0; // acknowledged in the store, all calls
    int storeOnly = 0;    // in the store but never placed: must be 0
};
} // namespace

Q_DECLARE_METATYPE(KillMoment)

class TestCrashRecovery : public QObject
{
    Q_OBJECT

    std::unique_ptr<TwilioSimulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LiveAppProcess> m_app;
    LoopbackClient m_http;
    bool m_killed = false;
    bool m_restarted = false;
    QString m_killedWhen;
    int m_liveAtKill = 0; // simulated calls not yet ended when the app was killed

    QString base() const { return m_app->baseUrl(); }

    bool startApp() { return m_app->start(); }
    // SIGKILL, once per test, at the moment the test chose; notes what had happened by then.
    void killNow(const QString &when)
    {
        if (m_killed || !m_app->isRunning())
            return;
        m_killed = true;
        m_app->kill9();
        for (const QJsonValue &call : m_sim->callsJson())
            m_liveAtKill +=
                CallStatus::isFinal(call.toObject().value(QStringLiteral("status")).toString()) ? 0
                                                                                                : 1;
        m_killedWhen =
            QStringLiteral(
                "%1, with %2 call(s) placed (%3 in progress), %4 acknowledgment(s) heard")
                .arg(when)
                .arg(m_sim->callsJson().size())
                .arg(m_liveAtKill)
                .arg(heardAcknowledgments());
    }
    // Once killed, the same app again on the same port and data folder.
    bool restartIfKilled()
    {
        if (!m_killed || m_restarted)
            return true;
        m_restarted = true;
        return startApp();
    }
    QString appLogs() const { return m_app->logs(); }
    // POST /notifications/call; the status, 0 when the app died under it.
    int placeCall(int index)
    {
        QJsonObject body{
            {QStringLiteral("phone_number"), ScriptedNumbers::PressesOne},
            {QStringLiteral("task_title"), QStringLiteral("Crash batch %1").arg(index)},
            {QStringLiteral("task_id"), QStringLiteral("CRASH-%1").arg(index)}};
        return m_http
            .post(base() + QStringLiteral("/notifications/call"),
                  QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json",
                  {{"Authorization", "Bearer " + ApiToken}})
            .status;
    }
    int heardAcknowledgments() const
    {
        int heard = 0;
        for (const QJsonValue &call : m_sim->callsJson()) {
            if (call.toObject()
                    .value(QStringLiteral("transcript"))
                    .toArray()
                    .contains(VoicePrompts::Acknowledged))
                ++heard;
        }
        return heard;
    }
    bool allSimulatedCallsEnded() const
    {
        for (const QJsonValue &call : m_sim->callsJson()) {
            if (!CallStatus::isFinal(call.toObject().value(QStringLiteral("status")).toString()))
                return false;
        }
        return true;
    }
    bool appKnowsEveryCall()
    {
        for (const QJsonValue &call : m_sim->callsJson()) {
            const QString sid = call.toObject().value(QStringLiteral("sid")).toString();
            if (m_http
                    .get(base() + QStringLiteral("/notifications/call/") + sid,
                         {{"Authorization", "Bearer " + ApiToken}})
                    .status != 200)
                return false;
        }
        return true;
    }
    // What the simulator was told against what the store file holds.
    Counts compare(QStringList &problems)
    {
        Counts counts;
        auto opened = CallStore::open(m_dir->filePath(QStringLiteral("calls.sqlite")));
        if (!opened) {
            problems << opened.error().message;
            return counts;
        }
        CallStore &store = *opened.value();
        QSet<QString> placed;
        for (const QJsonValue &value : m_sim->callsJson()) {
            const QJsonObject call = value.toObject();
            const QString sid = call.value(QStringLiteral("sid")).toString();
            placed.insert(sid);
            ++counts.created;
            const bool heard = call.value(QStringLiteral("transcript"))
                                   .toArray()
                                   .contains(VoicePrompts::Acknowledged);
            counts.heardAck += heard ? 1 : 0;
            const auto stored = store.call(sid);
            if (!stored || !stored.value()) {
                problems << QStringLiteral("call %1 was placed but is not in the store").arg(sid);
                continue;
            }
            ++counts.stored;
            const bool acknowledged = stored.value()->outcome == CallOutcome::Acknowledged;
            counts.storedAck += heard && acknowledged ? 1 : 0;
            if (heard && !acknowledged)
                problems << QStringLiteral("call %1: the callee heard \"%2\" but the store says %3")
                                .arg(sid, VoicePrompts::Acknowledged, stored.value()->outcome);
        }
        const auto all = store.recentCalls(1000);
        if (!all)
            problems << all.error().message;
        for (const CallRecord &call : all ? all.value() : QList<CallRecord>()) {
            counts.acknowledged += call.outcome == CallOutcome::Acknowledged ? 1 : 0;
            if (!placed.contains(call.sid)) {
                ++counts.storeOnly;
                problems
                    << QStringLiteral("call %1 is in the store but was never placed").arg(call.sid);
            }
        }
        return counts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The simulated phones narrate every step; the app's own log is kept per run instead.
        QLoggingCategory::setFilterRules(QStringLiteral("flux.sim.info=false"));
    }
    void init()
    {
        m_sim = std::make_unique<TwilioSimulator>(
            TwilioSimulator::Options{QHostAddress::LocalHost, 0, SimulatorSpeed});
        QVERIFY(m_sim->start().ok());
        m_dir = std::make_unique<QTemporaryDir>();
        // A batch is an alert storm, not abuse: the call rate limits would refuse most of it.
        m_app = std::make_unique<LiveAppProcess>(
            QStringLiteral(FLUX_APP_BINARY), *m_sim, m_dir->path(), freePort(), ApiToken,
            QHash<QString, QString>{{QStringLiteral("FLUX_RATE_PER_CLIENT"), QStringLiteral("0")},
                                    {QStringLiteral("FLUX_RATE_TOTAL"), QStringLiteral("0")},
                                    {QStringLiteral("FLUX_RATE_PER_NUMBER"), QStringLiteral("0")}});
        m_http.timeoutMs = 5000;
        m_killed = false;
        m_restarted = false;
        m_killedWhen.clear();
        m_liveAtKill = 0;
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << appLogs().right(20000);
        m_app.reset();
        m_sim.reset();
        m_dir.reset();
    }

    void killedAppLosesNoAcknowledgmentAndNoCall_data()
    {
        QTest::addColumn<KillMoment>("moment");
        QTest::newRow("create answered by Twilio, not yet by the app")
            << KillMoment::CreateAnsweredByTwilioNotYetByTheApp;
        QTest::newRow("keypress in flight") << KillMoment::KeypressInFlight;
        QTest::newRow("acknowledgment just heard") << KillMoment::AcknowledgmentJustHeard;
        QTest::newRow("fixed time into the batch") << KillMoment::FixedTime;
    }
    void killedAppLosesNoAcknowledgmentAndNoCall()
    {
        QFETCH(KillMoment, moment);
        QVERIFY2(startApp(), qPrintable(appLogs()));

        // Direct connections: the kill lands inside the simulator's own step, at that moment.
        QMetaObject::Connection trigger;
        switch (moment) {
        case KillMoment::CreateAnsweredByTwilioNotYetByTheApp:
            trigger = connect(m_sim.get(), &TwilioSimulator::callPlaced, this, [this] {
                if (m_sim->callsJson().size() == 3)
                    killNow(QStringLiteral("as Twilio placed call 3"));
            });
            break;
        case KillMoment::KeypressInFlight:
            trigger = connect(m_sim.get(), &TwilioSimulator::callChanged, this, [this] {
                int pressed = 0;
                for (const QJsonValue &call : m_sim->callsJson())
                    pressed += call.toObject().value(QStringLiteral("digits")).toString().isEmpty()
                                   ? 0
                                   : 1;
                if (pressed == 2)
                    QTimer::singleShot(3, this,
                                       [this] { killNow(QStringLiteral("3 ms after key 2")); });
            });
            break;
        case KillMoment::AcknowledgmentJustHeard:
            trigger = connect(m_sim.get(), &TwilioSimulator::callChanged, this, [this] {
                if (heardAcknowledgments() == 2)
                    killNow(QStringLiteral("as acknowledgment 2 was heard"));
            });
            break;
        case KillMoment::FixedTime:
            QTimer::singleShot(4600, this, [this] { killNow(QStringLiteral("4.6 s in")); });
            break;
        }

        int answered = 0;
        int lost = 0;
        for (int i = 0; i < BatchSize; ++i) {
            QVERIFY2(restartIfKilled(), qPrintable(appLogs()));
            const int status = placeCall(i);
            status == 201 ? ++answered : ++lost;
            // Spread the batch: callees in lockstep would all press 1 inside the same
            // millisecond, and one kill would catch every keypress in flight.
            QTest::qWait(120);
            QVERIFY2(status == 201 || status == 0, qPrintable(QString::number(status)));
            QTest::qWait(PlacingGapMs);
        }
        QVERIFY2(QTest::qWaitFor([this] { return m_killed; }, 30000), "the kill moment never came");
        disconnect(trigger);
        QVERIFY2(restartIfKilled(), qPrintable(appLogs()));

        // Let every call finish, and the app hear its last webhooks.
        QVERIFY2(QTest::qWaitFor([&] { return allSimulatedCallsEnded(); }, 60000),
                 "simulated calls did not end");
        QVERIFY2(QTest::qWaitFor([&] { return appKnowsEveryCall(); }, 20000),
                 "a placed call never reached the store");
        QTest::qWait(500); // the last status callbacks

        // A clean stop, then the file itself is the witness.
        QVERIFY2(m_app->terminate(), qPrintable(appLogs().right(2000)));

        QStringList problems;
        const Counts counts = compare(problems);
        qInfo().noquote() << QStringLiteral(
                                 "killed %1; API answered %2, lost %3; Twilio placed %4, store "
                                 "has %5; callees heard %6 acknowledgment(s), store has %7 of "
                                 "them (%8 acknowledged in all)")
                                 .arg(m_killedWhen)
                                 .arg(answered)
                                 .arg(lost)
                                 .arg(counts.created)
                                 .arg(counts.stored)
                                 .arg(counts.heardAck)
                                 .arg(counts.storedAck)
                                 .arg(counts.acknowledged);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        QCOMPARE(counts.stored, counts.created);
        QCOMPARE(counts.storedAck, counts.heardAck);
        QCOMPARE(counts.storeOnly, 0);
        QVERIFY(counts.created >= BatchSize - lost);
        QVERIFY2(m_liveAtKill > 0, "the kill came when no call was in progress");
        if (moment == KillMoment::AcknowledgmentJustHeard)
            QVERIFY(counts.heardAck >= 2);
    }
};

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "TestCrashRecovery.moc"

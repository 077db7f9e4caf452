// kill -9 at each stage of an escalation, then a restart: every attempt is placed exactly as
// planned, none skipped and none twice. The real flux-calldesk binary runs in live mode against
// a Twilio simulator in this test process, which outlives each kill and counts what it placed.
#include "LiveAppProcess.h"
#include "LocalPorts.h"
#include "LoopbackClient.h"

#include "calls/CallStatus.h"
#include "calls/Notification.h"
#include "simulator/ScriptedNumbers.h"
#include "simulator/TwilioSimulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace flux;
using namespace flux::test;

namespace {
const QByteArray ApiToken = "escalation-restart-token";
// A person at an unlisted number: answers by themself and presses what the test sends.
const QString Person = QStringLiteral("+15555559999");
// The shortest wait the API allows; at speed 1 it is real time.
constexpr int RetryAfterSeconds = 30;

enum class Stage
{
    AttemptStoredTwilioAnswerNotRead, // Twilio placed the call; its 201 never reached the app
    DuringACall,                      // the callee is listening to the prompt
    DuringAWait,                      // between two attempts: killed twice, once until overdue
};
} // namespace

Q_DECLARE_METATYPE(Stage)

class TestEscalationRestart : public QObject
{
    Q_OBJECT

    std::unique_ptr<TwilioSimulator> m_sim;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LiveAppProcess> m_app;
    LoopbackClient m_http;

    QString base() const { return m_app->baseUrl(); }
    bool startApp() { return m_app->start(); }
    bool kill9() { return m_app->kill9(); }
    QString appLogs() const { return m_app->logs(); }

    QString notify(const QStringList &numbers, int attempts)
    {
        QJsonObject body{{QStringLiteral("phone_number"), numbers.first()},
                         {QStringLiteral("task_title"), QStringLiteral("Restart me")},
                         {QStringLiteral("attempts"), attempts},
                         {QStringLiteral("retry_after_seconds"), RetryAfterSeconds}};
        body.insert(QStringLiteral("escalation"), QJsonArray::fromStringList(numbers.mid(1)));
        const HttpResult created = m_http.post(base() + QStringLiteral("/notifications/call"),
                                               QJsonDocument(body).toJson(QJsonDocument::Compact),
                                               "application/json", m_app->auth());
        return created.json().value(QStringLiteral("notification_id")).toString();
    }

    QJsonObject notification(const QString &id)
    {
        return m_http.get(base() + QStringLiteral("/notifications/") + id, m_app->auth()).json();
    }

    // The numbers the simulator was asked to call, in order.
    QStringList dialled() const
    {
        QStringList numbers;
        for (const QJsonValue &call : m_sim->callsJson())
            numbers.append(call.toObject().value(QStringLiteral("to")).toString());
        return numbers;
    }

    QString simulatedSidTo(const QString &number) const
    {
        for (const QJsonValue &call : m_sim->callsJson()) {
            if (call.toObject().value(QStringLiteral("to")).toString() == number)
                return call.toObject().value(QStringLiteral("sid")).toString();
        }
        return {};
    }

    bool listening(const QString &number) const
    {
        for (const QJsonValue &call : m_sim->callsJson()) {
            const QJsonObject c = call.toObject();
            if (c.value(QStringLiteral("to")).toString() == number &&
                c.value(QStringLiteral("listening")).toBool())
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() { QLoggingCategory::setFilterRules(QStringLiteral("flux.sim.info=false")); }
    void init()
    {
        m_sim = std::make_unique<TwilioSimulator>(
            TwilioSimulator::Options{QHostAddress::LocalHost, 0, 1.0});
        QVERIFY(m_sim->start().ok());
        m_dir = std::make_unique<QTemporaryDir>();
        m_app = std::make_unique<LiveAppProcess>(QStringLiteral(FLUX_APP_BINARY), *m_sim,
                                                 m_dir->path(), freePort(), ApiToken);
        m_http.timeoutMs = 5000;
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning().noquote() << appLogs().right(20000);
        m_app.reset();
        m_sim.reset();
        m_dir.reset();
    }

    void everyAttemptIsPlacedOnceAcrossAKill_data()
    {
        QTest::addColumn<Stage>("stage");
        QTest::newRow("attempt stored, Twilio's answer not read")
            << Stage::AttemptStoredTwilioAnswerNotRead;
        QTest::newRow("during a call") << Stage::DuringACall;
        QTest::newRow("during a wait, and until overdue") << Stage::DuringAWait;
    }
    void everyAttemptIsPlacedOnceAcrossAKill()
    {
        QFETCH(Stage, stage);
        QVERIFY2(startApp(), qPrintable(appLogs()));

        if (stage == Stage::AttemptStoredTwilioAnswerNotRead) {
            // Killed inside the simulator's create, before its 201 is written: the attempt and
            // its pending call are on disk, the sid is not.
            bool killed = false;
            connect(m_sim.get(), &TwilioSimulator::callPlaced, this, [&] {
                if (!killed)
                    killed = kill9();
            });
            const QString id = notify({Person, ScriptedNumbers::PressesOne}, 1);
            QVERIFY(id.isEmpty()); // the app died before answering
            QVERIFY(killed);
            QVERIFY2(startApp(), qPrintable(appLogs()));
            // The call's TwiML request names its pending request: the attempt has its call, and
            // the person passes the task on with 2.
            QTRY_VERIFY_WITH_TIMEOUT(listening(Person), 20000);
            QVERIFY(m_sim->pressDigits(simulatedSidTo(Person), QStringLiteral("2")));
            QTRY_COMPARE_WITH_TIMEOUT(dialled(), (QStringList{Person, ScriptedNumbers::PressesOne}),
                                      20000);
        } else if (stage == Stage::DuringACall) {
            const QString id = notify({Person, ScriptedNumbers::PressesOne}, 1);
            QVERIFY(!id.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(listening(Person), 20000);
            QVERIFY(kill9());
            QVERIFY2(startApp(), qPrintable(appLogs()));
            // The restarted desk hears the key the callee presses.
            QVERIFY(m_sim->pressDigits(simulatedSidTo(Person), QStringLiteral("1")));
            QJsonObject n;
            QTRY_COMPARE_WITH_TIMEOUT(
                (n = notification(id)).value(QStringLiteral("outcome")).toString(),
                NotificationOutcome::Acknowledged, 20000);
            QCOMPARE(n.value(QStringLiteral("acknowledged_by")).toString(), Person);
            QTest::qWait(1500); // nothing else is dialled
            QCOMPARE(dialled(), QStringList{Person});
            return;
        } else {
            // Busy at the first call, answers the retry 30 s later.
            const QString id = notify({ScriptedNumbers::BusyThenPressesOne}, 2);
            QVERIFY(!id.isEmpty());
            QJsonObject n;
            QTRY_VERIFY_WITH_TIMEOUT(
                !(n = notification(id)).value(QStringLiteral("next_attempt_at")).isNull(), 20000);
            const QString due = n.value(QStringLiteral("next_attempt_at")).toString();
            const QDateTime dueAt = QDateTime::fromString(due, Qt::ISODateWithMs);
            // Killed during the wait and back at once: the attempt keeps its time.
            QVERIFY(kill9());
            QVERIFY2(startApp(), qPrintable(appLogs()));
            QCOMPARE(notification(id).value(QStringLiteral("next_attempt_at")).toString(), due);
            QCOMPARE(dialled().size(), 1);
            // Killed again just before it is due and kept down past it: overdue at the next
            // start, it is placed at once, and only once.
            QTest::qWait(
                int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(dueAt) - 2000)));
            QVERIFY(kill9());
            QTest::qWait(
                int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(dueAt) + 1500)));
            QCOMPARE(dialled().size(), 1); // nobody placed it while the desk was down
            const QDateTime restarted = QDateTime::currentDateTimeUtc();
            QVERIFY2(startApp(), qPrintable(appLogs()));
            QTRY_COMPARE_WITH_TIMEOUT(dialled().size(), 2, 10000);
            QVERIFY2(restarted.msecsTo(QDateTime::currentDateTimeUtc()) < 10000,
                     "the overdue attempt waited");
            QCOMPARE(dialled(), QStringList(2, ScriptedNumbers::BusyThenPressesOne));
        }
        // Whatever the stage, the notification ends acknowledged, with one call per attempt.
        QJsonObject n;
        QTRY_VERIFY_WITH_TIMEOUT(m_sim->callsJson().size() >= 1 &&
                                     CallStatus::isFinal(m_sim->callsJson()
                                                             .last()
                                                             .toObject()
                                                             .value(QStringLiteral("status"))
                                                             .toString()),
                                 30000);
        const QJsonArray listed =
            m_http.get(base() + QStringLiteral("/notifications"), m_app->auth())
                .json()
                .value(QStringLiteral("notifications"))
                .toArray();
        QCOMPARE(listed.size(), 1);
        n = listed.first().toObject();
        QCOMPARE(n.value(QStringLiteral("outcome")).toString(), NotificationOutcome::Acknowledged);
        QStringList sids;
        for (const QJsonValue &a : n.value(QStringLiteral("attempts")).toArray())
            sids.append(a.toObject().value(QStringLiteral("call_sid")).toString());
        QStringList simulated;
        for (const QJsonValue &call : m_sim->callsJson())
            simulated.append(call.toObject().value(QStringLiteral("sid")).toString());
        QCOMPARE(sids, simulated);
        QTest::qWait(1000);
        QCOMPARE(m_sim->callsJson().size(), simulated.size());
    }
};

QTEST_GUILESS_MAIN(TestEscalationRestart)
#include "TestEscalationRestart.moc"
